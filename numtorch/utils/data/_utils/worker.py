"""The DataLoader worker process: its loop, its seeding and ``get_worker_info``.

Protocol (see dataloader.py for the main-process side). A worker reads tasks
``(epoch, idx, index)`` from its own index queue and answers on the shared result queue
with ``(epoch, idx, batch)`` (pickled by the worker), where ``batch`` is the collated batch, an
``ExceptionWrapper`` when fetching raised, or ``_IterableDatasetStopIteration`` when its
iterable dataset is exhausted. ``None`` asks it to exit. A task of an older epoch than
``epoch_value`` (persistent workers abandoned mid-epoch) is skipped; a task of a newer
epoch restarts the worker's dataset iterator.
"""

import os
import pickle
import queue
import random
from dataclasses import dataclass

import numpy as np

import numtorch

__all__ = ["WorkerInfo", "get_worker_info"]


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    """What a worker knows about itself: ``id`` (0 .. num_workers - 1), ``num_workers``,
    ``seed`` (base seed + id, already applied to numtorch, ``random`` and NumPy) and its
    own copy of the ``dataset``."""

    id: int
    num_workers: int
    seed: int
    dataset: object
    rng: object = None
    worker_method: str = "multiprocessing"


_worker_info = None


def get_worker_info():
    """The current worker's ``WorkerInfo``; ``None`` in the main process.

    Use it in an IterableDataset's ``__iter__`` to give each worker its own shard, or in
    ``worker_init_fn`` to configure each worker's copy of the dataset.
    """
    return _worker_info


@dataclass(frozen=True)
class _IterableDatasetStopIteration:
    worker_id: int


def _numpy_seed(base_seed, worker_id):
    """A 32-bit-word seed for NumPy's legacy global RNG, mixing base seed and worker id
    so that workers (and epochs) get unrelated streams."""
    words = np.random.SeedSequence([base_seed & (2**64 - 1), worker_id]).generate_state(4)
    return words


def _seed_worker(base_seed, worker_id):
    seed = base_seed + worker_id
    random.seed(seed)
    numtorch.manual_seed(seed)
    np.random.seed(_numpy_seed(base_seed, worker_id))
    return seed


def _dumps(result, where):
    """Pickle a result here rather than in the queue's feeder thread, where a failure
    would only be printed and the main process would wait forever for the batch."""
    from . import ExceptionWrapper

    try:
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return pickle.dumps((result[0], result[1], ExceptionWrapper(where=where)),
                            protocol=pickle.HIGHEST_PROTOCOL)


def _worker_loop(dataset_kind, dataset, index_queue, result_queue, done_event, epoch_value,
                 auto_collation, collate_fn, drop_last, base_seed, init_fn, worker_id,
                 num_workers, status_interval):
    from . import ExceptionWrapper
    from .fetch import _IterableDatasetFetcher, _MapDatasetFetcher

    global _worker_info
    where = f"in DataLoader worker process {worker_id}"
    iterable = dataset_kind == 1
    fetcher_cls = _IterableDatasetFetcher if iterable else _MapDatasetFetcher
    try:
        try:
            numtorch.set_num_threads(1)  # workers are processes: one BLAS thread each
        except Exception:  # no controllable BLAS: nothing to limit
            pass
        seed = _seed_worker(base_seed, worker_id)
        _worker_info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed,
                                  dataset=dataset)
        init_error = None
        fetcher = None
        try:
            if init_fn is not None:
                init_fn(worker_id)
            fetcher = fetcher_cls(dataset, auto_collation, collate_fn, drop_last)
        except Exception:
            init_error = ExceptionWrapper(where=where)  # reported as the first result
        fetcher_epoch = 0
        iteration_end = False
        parent = os.getppid()

        while True:
            try:
                task = index_queue.get(timeout=status_interval)
            except queue.Empty:
                if os.getppid() != parent:  # the main process died: stop
                    break
                continue
            if task is None:
                break
            epoch, idx, index = task
            if done_event.is_set() or epoch != epoch_value.value:
                continue  # shutting down, or a task of an abandoned epoch
            if epoch != fetcher_epoch:
                # persistent workers, new epoch: start the dataset's iterator afresh
                fetcher_epoch = epoch
                iteration_end = False
                if init_error is None:
                    try:
                        fetcher = fetcher_cls(dataset, auto_collation, collate_fn, drop_last)
                    except Exception:
                        init_error = ExceptionWrapper(where=where)
            if iteration_end:
                continue
            if init_error is not None:
                data, init_error = init_error, None
            else:
                try:
                    data = fetcher.fetch(index)
                except StopIteration:
                    if not iterable:
                        data = ExceptionWrapper(where=where)
                    else:
                        data = _IterableDatasetStopIteration(worker_id)
                        iteration_end = True
                except Exception:
                    data = ExceptionWrapper(where=where)
            result_queue.put(_dumps((epoch, idx, data), where))
            del data, task, index
    except KeyboardInterrupt:
        pass  # Ctrl-C reaches the whole process group; the main process reports it
    if done_event.is_set():
        # nobody will read what is still buffered: do not block exit flushing it
        result_queue.cancel_join_thread()
        result_queue.close()
