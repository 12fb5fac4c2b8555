"""Fetchers: turn one entry of the index sampler into one collated batch.

A map-style fetcher gets a list of indices (auto-batching) or one index. It fetches a
batch in one call when it can: a dataset with ``__getitems__`` is asked for all indices at
once (torch's protocol: it returns the list of samples, which ``collate_fn`` collates),
and a dataset that can build the *collated* batch itself (``_batch_getter``, e.g.
TensorDataset: one fancy-indexing per tensor instead of a ``__getitem__`` per sample and a
stack) does so when ``collate_fn`` is ``default_collate``, giving exactly the batch the
per-sample path would. An iterable-style fetcher draws samples from one iterator.
"""

from .collate import default_collate


class _BaseDatasetFetcher:
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        self.dataset = dataset
        self.auto_collation = auto_collation
        self.collate_fn = collate_fn
        self.drop_last = drop_last

    def fetch(self, possibly_batched_index):
        raise NotImplementedError


class _IterableDatasetFetcher(_BaseDatasetFetcher):
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        super().__init__(dataset, auto_collation, collate_fn, drop_last)
        self.dataset_iter = iter(dataset)
        self.ended = False

    def fetch(self, possibly_batched_index):
        if self.ended:
            raise StopIteration
        if not self.auto_collation:
            return self.collate_fn(next(self.dataset_iter))
        data = []
        for _ in possibly_batched_index:
            try:
                data.append(next(self.dataset_iter))
            except StopIteration:
                self.ended = True
                break
        if not data or (self.drop_last and len(data) < len(possibly_batched_index)):
            raise StopIteration
        return self.collate_fn(data)


class _MapDatasetFetcher(_BaseDatasetFetcher):
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        super().__init__(dataset, auto_collation, collate_fn, drop_last)
        self.get_batch = None  # indices -> the default-collated batch, in one call
        if auto_collation and collate_fn is default_collate:
            # looked up on the class: a proxy's __getattr__ must not hand out its target's
            getter = getattr(type(dataset), "_batch_getter", None)
            if getter is not None:
                self.get_batch = getter(dataset)
        getitems = getattr(dataset, "__getitems__", None)
        self.getitems = getitems if callable(getitems) else None

    def fetch(self, possibly_batched_index):
        if not self.auto_collation:
            return self.collate_fn(self.dataset[possibly_batched_index])
        if self.get_batch is not None:
            return self.get_batch(possibly_batched_index)
        if self.getitems is not None:
            data = self.getitems(possibly_batched_index)
        else:
            data = [self.dataset[idx] for idx in possibly_batched_index]
        return self.collate_fn(data)
