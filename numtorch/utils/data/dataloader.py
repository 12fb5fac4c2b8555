"""DataLoader: batches from a dataset, in the main process or in worker processes.

``DataLoader(dataset, batch_size, shuffle=True)`` iterates ``collate_fn([dataset[i] for i
in batch])`` over the batches of its batch sampler. Every ``iter(loader)`` makes a new
iterator, which draws a base seed from ``generator`` (or numtorch's global generator)
and, when shuffling, a fresh permutation, so ``numtorch.manual_seed`` makes each epoch
reproducible.

With ``num_workers > 0`` the iterator starts that many worker processes
(``multiprocessing``, the platform's default start method unless
``multiprocessing_context`` says otherwise). The main process walks the batch sampler
and sends each batch's indices to the workers round-robin (each has its own index queue,
and at most ``prefetch_factor`` batches are outstanding per worker); each worker fetches
and collates the batch and sends it back on one shared result queue; the main process
puts the results back in sampler order. The batches are therefore exactly those of
``num_workers=0``. Worker ``k`` is seeded with ``base_seed + k`` (numtorch, ``random``,
NumPy). A worker exception is re-raised in the main process with the worker's traceback;
a worker that dies, or a ``timeout`` that expires, raises RuntimeError instead of
hanging. Workers are shut down at the end of the epoch (unless ``persistent_workers``),
when the iterator is garbage collected and at interpreter exit.
"""

import atexit
import itertools
import math
import os
import pickle
import queue
import time
import warnings
import weakref
from typing import Generic, TypeVar

import numtorch

from . import _utils
from ._utils.collate import default_collate, default_convert
from ._utils.fetch import _IterableDatasetFetcher, _MapDatasetFetcher
from ._utils.worker import _IterableDatasetStopIteration, get_worker_info
from .dataset import IterableDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

__all__ = ["DataLoader", "get_worker_info", "default_collate", "default_convert"]

T_co = TypeVar("T_co", covariant=True)

# how long a worker waits on its index queue before checking that its parent lives
_WORKER_STATUS_INTERVAL = 1.0
# how long a graceful shutdown waits for workers to exit before terminating them
_JOIN_TIMEOUT = 5.0


class _DatasetKind:
    Map = 0
    Iterable = 1

    @staticmethod
    def create_fetcher(kind, dataset, auto_collation, collate_fn, drop_last):
        cls = _MapDatasetFetcher if kind == _DatasetKind.Map else _IterableDatasetFetcher
        return cls(dataset, auto_collation, collate_fn, drop_last)


class _InfiniteConstantSampler(Sampler):
    """The sampler of an IterableDataset: ``None`` forever (the dataset decides when to
    stop)."""

    def __iter__(self):
        while True:
            yield None


def _cpu_count():
    if hasattr(os, "sched_getaffinity"):
        try:
            return len(os.sched_getaffinity(0))
        except OSError:
            pass
    return os.cpu_count()


class DataLoader(Generic[T_co]):
    """Iterate over ``dataset`` in batches.

    Args:
        dataset: map-style (``__getitem__``/``__len__``) or IterableDataset.
        batch_size (int or None): samples per batch (default 1); ``None`` turns
            auto-batching off: each sample goes through ``collate_fn`` alone.
        shuffle (bool): a new random order every epoch (map-style datasets only).
        sampler / batch_sampler: custom order of keys / of lists of keys.
        num_workers (int): worker processes; 0 loads in the main process.
        collate_fn: list of samples -> batch (default ``default_collate``).
        drop_last (bool): drop the last incomplete batch.
        timeout (float): seconds to wait for a worker's batch before raising.
        worker_init_fn: called as ``worker_init_fn(worker_id)`` in each worker.
        generator: the Generator for shuffling and the workers' base seed.
        prefetch_factor (int): batches loaded ahead per worker (default 2).
        persistent_workers (bool): keep the workers between epochs.
        in_order (bool): with workers, give batches in sampler order (default) or as
            they come.
        pin_memory, pin_memory_device, multiprocessing_context: as torch's.

    >>> loader = DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True)
    >>> for i, (xb, yb) in enumerate(loader, 0):
    ...     ...
    """

    _DataLoader__initialized = False

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=None, pin_memory=False, drop_last=False,
                 timeout=0, worker_init_fn=None, multiprocessing_context=None,
                 generator=None, *, prefetch_factor=None, persistent_workers=False,
                 pin_memory_device="", in_order=True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 "
                             "to disable multiprocessing.")
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError("prefetch_factor option could only be specified in "
                             "multiprocessing.let num_workers > 0 to enable multiprocessing, "
                             "otherwise set prefetch_factor to None.")
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        elif prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError("prefetch_factor option should be non-negative")
        if persistent_workers and num_workers == 0:
            raise ValueError("persistent_workers option needs num_workers > 0")

        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order

        # iterable-style datasets choose their own order: no shuffle, sampler, batch sampler
        if isinstance(dataset, IterableDataset):
            self._dataset_kind = _DatasetKind.Iterable
            if shuffle not in {False, None}:
                raise ValueError("DataLoader with IterableDataset: expected unspecified "
                                 f"shuffle option, but got shuffle={shuffle}")
            if sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified "
                                 f"sampler option, but got sampler={sampler}")
            if batch_sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified "
                                 f"batch_sampler option, but got batch_sampler={batch_sampler}")
        else:
            shuffle = bool(shuffle)
            self._dataset_kind = _DatasetKind.Map

        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")

        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, "
                                 "shuffle, sampler, and drop_last")
            batch_size = None
            drop_last = False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually "
                             "exclusive with drop_last")

        if sampler is None:
            if self._dataset_kind == _DatasetKind.Iterable:
                sampler = _InfiniteConstantSampler()
            elif shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)

        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)

        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator

        if collate_fn is None:
            collate_fn = default_collate if self._auto_collation else default_convert
        self.collate_fn = collate_fn
        self.persistent_workers = persistent_workers

        self.__initialized = True
        self._IterableDataset_len_called = None
        self._iterator = None
        self.check_worker_number_rationality()

    def _get_iterator(self):
        if self.num_workers == 0:
            return _SingleProcessDataLoaderIter(self)
        self.check_worker_number_rationality()
        return _MultiProcessingDataLoaderIter(self)

    @property
    def multiprocessing_context(self):
        return self.__multiprocessing_context

    @multiprocessing_context.setter
    def multiprocessing_context(self, multiprocessing_context):
        if multiprocessing_context is not None:
            if self.num_workers <= 0:
                raise ValueError("multiprocessing_context can only be used with multi-process "
                                 "loading (num_workers > 0), but got "
                                 f"num_workers={self.num_workers}")
            import multiprocessing
            import multiprocessing.context

            if isinstance(multiprocessing_context, str):
                methods = multiprocessing.get_all_start_methods()
                if multiprocessing_context not in methods:
                    raise ValueError("multiprocessing_context option should specify a valid "
                                     f"start method in {methods!r}, but got "
                                     f"multiprocessing_context={multiprocessing_context!r}")
                multiprocessing_context = multiprocessing.get_context(multiprocessing_context)
            if not isinstance(multiprocessing_context, multiprocessing.context.BaseContext):
                raise TypeError("multiprocessing_context option should be a valid context "
                                "object or a string specifying the start method, but got "
                                f"multiprocessing_context={multiprocessing_context}")
        self.__multiprocessing_context = multiprocessing_context

    def __setattr__(self, attr, val):
        if self.__initialized and attr in ("batch_size", "batch_sampler", "sampler",
                                           "drop_last", "dataset", "persistent_workers"):
            raise ValueError(f"{attr} attribute should not be set after "
                             f"{self.__class__.__name__} is initialized")
        super().__setattr__(attr, val)

    def __iter__(self):
        # persistent workers: one iterator (and one set of workers) for all epochs
        if self.persistent_workers and self.num_workers > 0:
            if self._iterator is None or self._iterator._shutdown:  # none yet, or failed
                self._iterator = self._get_iterator()
            else:
                self._iterator._reset(self)
            return self._iterator
        return self._get_iterator()

    @property
    def _auto_collation(self):
        return self.batch_sampler is not None

    @property
    def _index_sampler(self):
        # what the iterator walks: lists of keys when batching, single keys otherwise
        return self.batch_sampler if self._auto_collation else self.sampler

    def __len__(self):
        if self._dataset_kind == _DatasetKind.Iterable:
            length = self._IterableDataset_len_called = len(self.dataset)
            if self.batch_size is not None:
                if self.drop_last:
                    return length // self.batch_size
                return math.ceil(length / self.batch_size)
            return length
        return len(self._index_sampler)

    def check_worker_number_rationality(self):
        """Warn (like torch) when asked for more workers than this process has CPUs."""
        if not self.num_workers:
            return
        suggest = _cpu_count()
        if suggest is not None and self.num_workers <= suggest:
            return
        if suggest is None:
            what = ("DataLoader is not able to compute a suggested max number of worker in "
                    "current system.")
        else:
            cpuset = ("" if hasattr(os, "sched_getaffinity")
                      else " (`cpuset` is not taken into account)")
            what = (f"Our suggested max number of worker in current system is {suggest}{cpuset}, "
                    "which is smaller than what this DataLoader is going to create.")
        warnings.warn(f"This DataLoader will create {self.num_workers} worker processes in "
                      f"total. {what} Please be aware that excessive worker creation might get "
                      "DataLoader running slow or even freeze, lower the worker number to "
                      "avoid potential slowness/freeze if necessary.", stacklevel=2)


class _BaseDataLoaderIter:
    def __init__(self, loader):
        self._dataset = loader.dataset
        self._dataset_kind = loader._dataset_kind
        self._IterableDataset_len_called = loader._IterableDataset_len_called
        self._auto_collation = loader._auto_collation
        self._drop_last = loader.drop_last
        self._index_sampler = loader._index_sampler
        self._num_workers = loader.num_workers
        if loader.pin_memory and loader.pin_memory_device:
            warnings.warn("pin_memory_device is deprecated, the current accelerator will be "
                          "used as the device,ignore pin_memory_device="
                          f"'{loader.pin_memory_device}'.", stacklevel=3)
        if loader.pin_memory and not numtorch.cuda.is_available():
            warnings.warn("'pin_memory' argument is set as true but no accelerator is found, "
                          "then device pinned memory won't be used.", stacklevel=3)
        # numtorch has no page-locked host memory: pinning is a no-op either way
        self._pin_memory = False
        self._timeout = loader.timeout
        self._collate_fn = loader.collate_fn
        self._sampler_iter = iter(self._index_sampler)
        # drawn before the sampler's own draw (samplers are lazy), as torch does
        self._base_seed = numtorch.empty((), dtype=numtorch.int64).random_(
            generator=loader.generator).item()
        self._persistent_workers = loader.persistent_workers
        self._num_yielded = 0

    def __iter__(self):
        return self

    def _reset(self, loader, first_iter=False):
        self._sampler_iter = iter(self._index_sampler)
        self._num_yielded = 0
        self._IterableDataset_len_called = loader._IterableDataset_len_called

    def _next_index(self):
        return next(self._sampler_iter)  # StopIteration ends the epoch

    def _next_data(self):
        raise NotImplementedError

    def __next__(self):
        data = self._next_data()
        self._num_yielded += 1
        if (self._dataset_kind == _DatasetKind.Iterable
                and self._IterableDataset_len_called is not None
                and self._num_yielded > self._IterableDataset_len_called):
            msg = (f"Length of IterableDataset {self._dataset} was reported to be "
                   f"{self._IterableDataset_len_called}(when accessing len(dataloader)), but "
                   f"{self._num_yielded} samples have been fetched. ")
            if self._num_workers > 0:
                msg += ("For multiprocessing data-loading, this could be caused by not "
                        "properly configuring the IterableDataset replica at each worker. "
                        "Please see https://pytorch.org/docs/stable/data.html#torch.utils."
                        "data.IterableDataset for examples.")
            warnings.warn(msg, stacklevel=2)
        return data

    def __len__(self):
        return len(self._index_sampler)

    def __getstate__(self):
        raise NotImplementedError(f"{self.__class__.__name__} cannot be pickled")


class _SingleProcessDataLoaderIter(_BaseDataLoaderIter):
    def __init__(self, loader):
        super().__init__(loader)
        if self._timeout != 0:
            raise AssertionError("_SingleProcessDataLoaderIter requires timeout == 0")
        if self._num_workers != 0:
            raise AssertionError("_SingleProcessDataLoaderIter requires num_workers == 0")
        self._dataset_fetcher = _DatasetKind.create_fetcher(
            self._dataset_kind, self._dataset, self._auto_collation, self._collate_fn,
            self._drop_last)

    def _next_data(self):
        index = self._next_index()
        return self._dataset_fetcher.fetch(index)  # StopIteration: iterable exhausted


# ------------------------------------------------------------------ worker processes
_live_iterators = weakref.WeakSet()
_atexit_registered = []


def _shutdown_all_at_exit():
    for it in list(_live_iterators):
        it._shutdown_workers(graceful=False)


class _MultiProcessingDataLoaderIter(_BaseDataLoaderIter):
    """Batches from worker processes, in sampler order.

    State: ``_send_idx`` numbers the next task, ``_rcvd_idx`` the next batch to yield.
    ``_task_worker[idx]`` is the worker of a sent task not yet yielded; ``_early[idx]``
    holds results that arrived before their turn. A worker whose iterable dataset ran
    out is marked inactive; its unanswered tasks are skipped.
    """

    def __init__(self, loader):
        super().__init__(loader)
        import multiprocessing

        from ._utils.worker import _worker_loop

        self._prefetch_factor = loader.prefetch_factor
        self._in_order = loader.in_order
        if self._prefetch_factor <= 0:
            raise AssertionError("prefetch_factor must be greater than 0 for "
                                 "MultiProcessingDataLoaderIter")
        ctx = loader.multiprocessing_context or multiprocessing.get_context()
        self._shutdown = True  # until the workers exist
        self._epoch = 0
        self._epoch_value = ctx.RawValue("q", 0)
        self._result_queue = ctx.Queue()
        self._done_event = ctx.Event()
        self._index_queues = []
        self._workers = []
        try:
            for worker_id in range(self._num_workers):
                index_queue = ctx.Queue()
                # a dead worker never drains its queue: exiting must not wait to flush it
                index_queue.cancel_join_thread()
                w = ctx.Process(
                    target=_worker_loop, daemon=True,
                    args=(self._dataset_kind, self._dataset, index_queue, self._result_queue,
                          self._done_event, self._epoch_value, self._auto_collation,
                          self._collate_fn, self._drop_last, self._base_seed,
                          loader.worker_init_fn, worker_id, self._num_workers,
                          _WORKER_STATUS_INTERVAL))
                w.start()
                self._index_queues.append(index_queue)
                self._workers.append(w)
        finally:
            self._shutdown = False
            _live_iterators.add(self)
            if not _atexit_registered:
                atexit.register(_shutdown_all_at_exit)
                _atexit_registered.append(True)
        self._reset(loader, first_iter=True)

    def _reset(self, loader, first_iter=False):
        super()._reset(loader, first_iter)
        if not first_iter:
            # a new epoch for persistent workers: tasks and results of the old one are void
            self._epoch += 1
            self._epoch_value.value = self._epoch
        self._send_idx = 0
        self._rcvd_idx = 0
        self._task_worker = {}
        self._early = {}
        self._worker_active = [True] * self._num_workers
        self._worker_tasks = [0] * self._num_workers
        self._worker_cycle = itertools.cycle(range(self._num_workers))
        for _ in range(self._prefetch_factor * self._num_workers):
            self._try_put_index()

    def _try_put_index(self):
        max_tasks = self._prefetch_factor * self._num_workers
        try:
            index = self._next_index()
        except StopIteration:
            return
        for _ in range(self._num_workers):  # the next active worker (with room)
            worker_id = next(self._worker_cycle)
            if not self._worker_active[worker_id]:
                continue
            if self._in_order or (self._worker_tasks[worker_id]
                                  < max_tasks // sum(self._worker_active)):
                break
        else:
            return  # no worker can take it (all exhausted their iterable dataset)
        self._index_queues[worker_id].put((self._epoch, self._send_idx, index))
        self._task_worker[self._send_idx] = worker_id
        self._worker_tasks[worker_id] += 1
        self._send_idx += 1

    def _get_result(self):
        """The next ``(idx, data)`` of this epoch from the result queue; raises RuntimeError
        when a worker died or ``timeout`` expired."""
        deadline = time.monotonic() + self._timeout if self._timeout > 0 else None
        interval = _utils.MP_STATUS_CHECK_INTERVAL
        while True:
            wait = interval if deadline is None else max(0.0, min(interval,
                                                                  deadline - time.monotonic()))
            try:
                payload = self._result_queue.get(timeout=wait)
            except queue.Empty:
                dead = [w for i, w in enumerate(self._workers)
                        if self._worker_active[i] and not w.is_alive()]
                if dead:
                    pids = ", ".join(str(w.pid) for w in dead)
                    self._shutdown_workers(graceful=False)
                    raise RuntimeError(f"DataLoader worker (pid(s) {pids}) exited "
                                       "unexpectedly") from None
                if deadline is not None and time.monotonic() >= deadline:
                    self._shutdown_workers(graceful=False)
                    raise RuntimeError(f"DataLoader timed out after {self._timeout} "
                                       "seconds") from None
                continue
            epoch, idx, data = pickle.loads(payload)
            if epoch == self._epoch:
                return idx, data

    def _next_data(self):
        if self._shutdown:
            raise StopIteration
        while True:
            # skip tasks already yielded (in_order=False) or owned by exhausted workers
            while self._rcvd_idx < self._send_idx:
                idx = self._rcvd_idx
                worker_id = self._task_worker.get(idx)
                if idx in self._early or (worker_id is not None
                                          and self._worker_active[worker_id]):
                    break
                self._task_worker.pop(idx, None)
                self._rcvd_idx += 1
            else:
                if not self._persistent_workers:
                    self._shutdown_workers()
                raise StopIteration

            if self._rcvd_idx in self._early:
                idx = self._rcvd_idx
                self._rcvd_idx += 1
                return self._process(self._task_worker.pop(idx), self._early.pop(idx))

            idx, data = self._get_result()
            if isinstance(data, _IterableDatasetStopIteration):
                self._worker_active[data.worker_id] = False
                if not self._persistent_workers:
                    self._index_queues[data.worker_id].put(None)  # let it exit
                self._worker_tasks[data.worker_id] -= 1
                self._task_worker.pop(idx, None)
                self._try_put_index()
                continue
            if idx == self._rcvd_idx:
                self._rcvd_idx += 1
                return self._process(self._task_worker.pop(idx), data)
            if not self._in_order:
                return self._process(self._task_worker.pop(idx), data)
            self._early[idx] = data

    def _process(self, worker_id, data):
        self._worker_tasks[worker_id] -= 1
        self._try_put_index()
        if isinstance(data, _utils.ExceptionWrapper):
            data.reraise()
        return data

    def _shutdown_workers(self, graceful=True):
        """Stop the workers (idempotent): ask them to exit, wait a little when
        ``graceful``, terminate the rest, close the queues."""
        if getattr(self, "_shutdown", True):
            return
        self._shutdown = True
        _live_iterators.discard(self)
        try:
            self._done_event.set()
            for q in self._index_queues:
                try:
                    q.put(None)
                except (OSError, ValueError):
                    pass
            if graceful:
                deadline = time.monotonic() + _JOIN_TIMEOUT
                for w in self._workers:
                    w.join(timeout=max(0.0, deadline - time.monotonic()))
            for w in self._workers:
                if w.is_alive():
                    w.terminate()
                w.join()
        finally:
            for q in self._index_queues:
                q.cancel_join_thread()
                q.close()
            self._result_queue.cancel_join_thread()
            self._result_queue.close()
            for w in self._workers:
                try:
                    w.close()
                except ValueError:
                    pass

    def __del__(self):
        self._shutdown_workers()
