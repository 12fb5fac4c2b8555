"""Datasets: map-style (``__getitem__`` + ``__len__``) and iterable-style (``__iter__``),
and the wrappers that combine them (TensorDataset, Subset, ConcatDataset, ChainDataset,
StackDataset), plus ``random_split``.

>>> ds = TensorDataset(torch.arange(6.).view(3, 2), torch.tensor([0, 1, 0]))
>>> ds[1]
(tensor([2., 3.]), tensor(1))
>>> train, test = random_split(ds, [2, 1])
"""

import bisect
import itertools
import math
import warnings
from collections.abc import Iterable
from typing import Generic, TypeVar

import numpy as np

import numtorch

__all__ = ["Dataset", "IterableDataset", "TensorDataset", "StackDataset", "ConcatDataset",
           "ChainDataset", "Subset", "random_split"]

T_co = TypeVar("T_co", covariant=True)


class Dataset(Generic[T_co]):
    """A map from keys (usually ``0 .. len-1``) to samples.

    Subclasses define ``__getitem__(index)`` and usually ``__len__`` (samplers need it).
    They may also define ``__getitems__(indices)`` returning the list of samples for a
    list of indices, which DataLoader then calls once per batch. ``a + b`` concatenates.
    """

    def __getitem__(self, index):
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")

    def __add__(self, other):
        return ConcatDataset([self, other])


class IterableDataset(Dataset[T_co], Iterable[T_co]):
    """A dataset that is a stream: subclasses define ``__iter__``.

    With ``num_workers > 0`` every worker process iterates its own copy, so each would
    yield everything; shard in ``__iter__`` with ``get_worker_info()``::

        def __iter__(self):
            info = torch.utils.data.get_worker_info()
            if info is None:            # main process: the whole range
                return iter(range(self.start, self.end))
            return iter(range(self.start + info.id, self.end, info.num_workers))

    ``a + b`` chains two iterable datasets. Abstract (``collections.abc.Iterable``): a
    subclass without ``__iter__`` cannot be instantiated.
    """

    def __add__(self, other):
        return ChainDataset([self, other])


class TensorDataset(Dataset):
    """Samples are ``tuple(t[index] for t in tensors)``; all tensors share their first size.

    DataLoader fetches a whole batch with one indexing operation per tensor.
    """

    def __init__(self, *tensors):
        if any(tensors[0].size(0) != t.size(0) for t in tensors):
            raise AssertionError("Size mismatch between tensors")
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self):
        return self.tensors[0].size(0)

    def _batch_getter(self):
        """For DataLoader: ``indices -> default_collate([self[i] for i in indices])`` in one
        indexing per tensor, or None when a subclass changed how samples are made."""
        cls = type(self)
        if cls.__getitem__ is not TensorDataset.__getitem__ or hasattr(cls, "__getitems__"):
            return None
        if not all(isinstance(t, numtorch.Tensor) for t in self.tensors):
            return None
        tensors = self.tensors

        def get_batch(indices):
            try:
                idx = np.asarray(indices)
            except (TypeError, ValueError, RuntimeError):
                idx = None
            if idx is None or idx.ndim != 1 or idx.dtype.kind not in "iu":
                # not a flat list of integers: the per-sample path gives torch's behaviour
                return _default_collate([self[i] for i in indices])
            idx = numtorch.from_numpy(idx.astype(np.int64, copy=False))
            # stack(t[i] for i in indices) is t[indices]: same values, dtype and shape
            return [t[idx] if t.device.type == "cpu" else t[idx.to(t.device)]
                    for t in tensors]

        return get_batch


class StackDataset(Dataset):
    """Zip datasets of equal length: ``StackDataset(a, b)[i] == (a[i], b[i])``, and
    ``StackDataset(x=a, y=b)[i] == {'x': a[i], 'y': b[i]}``."""

    def __init__(self, *args, **kwargs):
        if args and kwargs:
            raise ValueError("Supported either ``tuple``- (via ``args``) or``dict``- (via "
                             "``kwargs``) like input/output, but both types are given.")
        if not args and not kwargs:
            raise ValueError("At least one dataset should be passed")
        parts = args if args else list(kwargs.values())
        self._length = len(parts[0])
        if any(len(d) != self._length for d in parts):
            raise ValueError("Size mismatch between datasets")
        self.datasets = args if args else kwargs

    def __getitem__(self, index):
        if isinstance(self.datasets, dict):
            return {k: d[index] for k, d in self.datasets.items()}
        return tuple(d[index] for d in self.datasets)

    def __getitems__(self, indices):
        named = isinstance(self.datasets, dict)
        columns = {}
        parts = self.datasets.items() if named else enumerate(self.datasets)
        for key, d in parts:
            getitems = getattr(d, "__getitems__", None)
            if callable(getitems):
                items = getitems(indices)
                if len(items) != len(indices):
                    raise ValueError("Nested dataset's output size mismatch. Expected "
                                     f"{len(indices)}, got {len(items)}")
            else:
                items = [d[i] for i in indices]
            columns[key] = items
        if named:
            return [{k: columns[k][n] for k in columns} for n in range(len(indices))]
        return [tuple(col[n] for col in columns.values()) for n in range(len(indices))]

    def __len__(self):
        return self._length


class ConcatDataset(Dataset):
    """Map-style datasets one after the other. ``cumulative_sizes[i]`` is the total length
    of ``datasets[:i + 1]``; negative indices count from the end."""

    @staticmethod
    def cumsum(sequence):
        return list(itertools.accumulate(len(d) for d in sequence))

    def __init__(self, datasets):
        super().__init__()
        self.datasets = list(datasets)
        if len(self.datasets) == 0:
            raise AssertionError("datasets should not be an empty iterable")
        for d in self.datasets:
            if isinstance(d, IterableDataset):
                raise AssertionError("ConcatDataset does not support IterableDataset")
        self.cumulative_sizes = self.cumsum(self.datasets)

    def __len__(self):
        return self.cumulative_sizes[-1]

    def __getitem__(self, idx):
        if idx < 0:
            if -idx > len(self):
                raise ValueError("absolute value of index should not exceed dataset length")
            idx = len(self) + idx
        which = bisect.bisect_right(self.cumulative_sizes, idx)
        start = self.cumulative_sizes[which - 1] if which > 0 else 0
        return self.datasets[which][idx - start]

    @property
    def cummulative_sizes(self):
        warnings.warn("`cummulative_sizes` attribute is renamed to `cumulative_sizes`",
                      FutureWarning, stacklevel=2)
        return self.cumulative_sizes


class ChainDataset(IterableDataset):
    """Iterable datasets one after the other, chained lazily."""

    def __init__(self, datasets):
        super().__init__()
        self.datasets = datasets

    def __iter__(self):
        for d in self.datasets:
            if not isinstance(d, IterableDataset):
                raise AssertionError("ChainDataset only supports IterableDataset")
            yield from d

    def __len__(self):
        total = 0
        for d in self.datasets:
            if not isinstance(d, IterableDataset):
                raise AssertionError("ChainDataset only supports IterableDataset")
            total += len(d)
        return total


class Subset(Dataset):
    """The samples of ``dataset`` at ``indices``: ``Subset(ds, idx)[i] == ds[idx[i]]``."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, idx):
        if isinstance(idx, list):
            return self.dataset[[self.indices[i] for i in idx]]
        return self.dataset[self.indices[idx]]

    def __getitems__(self, indices):
        getitems = getattr(self.dataset, "__getitems__", None)
        if callable(getitems):
            return getitems([self.indices[i] for i in indices])
        return [self.dataset[self.indices[i]] for i in indices]

    def __len__(self):
        return len(self.indices)

    def _batch_getter(self):
        cls = type(self)
        if (cls.__getitem__ is not Subset.__getitem__
                or cls.__getitems__ is not Subset.__getitems__):
            return None
        inner = getattr(type(self.dataset), "_batch_getter", None)
        get_inner = inner(self.dataset) if inner is not None else None
        if get_inner is None:
            return None
        indices = self.indices

        def get_batch(batch_indices):
            return get_inner([indices[i] for i in batch_indices])

        return get_batch


def random_split(dataset, lengths, generator=None):
    """Split ``dataset`` into non-overlapping random Subsets of the given ``lengths``.

    ``lengths`` are sizes summing to ``len(dataset)``, or fractions summing to 1: each
    split gets ``floor(len * fraction)`` and the remainder is dealt out one by one from
    the first split on. ``generator`` defaults to numtorch's global generator, so
    ``numtorch.manual_seed`` makes the split reproducible.

    >>> train, val = random_split(range(10), [0.8, 0.2])
    >>> len(train), len(val)
    (8, 2)
    """
    if generator is None:
        generator = numtorch.default_generator
    lengths = list(lengths)
    total = sum(lengths)
    if math.isclose(total, 1) and total <= 1:
        n = len(dataset)
        sizes = []
        for i, frac in enumerate(lengths):
            if frac < 0 or frac > 1:
                raise ValueError(f"Fraction at index {i} is not between 0 and 1")
            sizes.append(int(math.floor(n * frac)))
        for i in range(n - sum(sizes)):  # deal out the remainder round-robin
            sizes[i % len(sizes)] += 1
        lengths = sizes
        for i, size in enumerate(lengths):
            if size == 0:
                warnings.warn(f"Length of split at index {i} is 0. "
                              "This might result in an empty dataset.", stacklevel=2)
    if sum(lengths) != len(dataset):
        raise ValueError("Sum of input lengths does not equal the length of the input "
                         "dataset!")
    perm = numtorch.randperm(sum(lengths), generator=generator).tolist()
    ends = itertools.accumulate(lengths)
    return [Subset(dataset, perm[end - size:end]) for end, size in zip(ends, lengths)]


def _default_collate(batch):
    from ._utils.collate import default_collate

    return default_collate(batch)
