"""numtorch.utils.data against torch.utils.data: datasets, samplers, collation, DataLoader
(batches, order, lengths, errors) and worker processes.

Deterministic orders are compared with torch's batch by batch; shuffled orders cannot
match torch's RNG, so they are checked to be permutations, reproducible under
numtorch.manual_seed / a generator, and different across epochs.
"""

import collections
import multiprocessing
import os
import signal
import time
import warnings

import numpy as np
import pytest
import torch
import torch.utils.data as tdata

import numtorch as nt
import numtorch.utils.data as ndata

LIBS = {"nt": (nt, ndata), "torch": (torch, tdata)}

Point = collections.namedtuple("Point", ["x", "y"])


# ------------------------------------------------------------------ helpers
def norm(obj):
    """A library-neutral picture of a (nested) batch: containers keep their type name,
    tensors become (dtype, shape, values)."""
    if isinstance(obj, (nt.Tensor, torch.Tensor)):
        return ("tensor", str(obj.dtype), tuple(obj.shape), obj.tolist())
    if isinstance(obj, dict):
        return (type(obj).__name__, {k: norm(v) for k, v in obj.items()})
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [norm(v) for v in obj])
    if isinstance(obj, np.ndarray):
        return ("ndarray", str(obj.dtype), obj.tolist())
    return (type(obj).__name__, obj)


def both(fn):
    """fn(lib, data) for numtorch and torch; returns (ours, theirs)."""
    return fn(*LIBS["nt"]), fn(*LIBS["torch"])


def error_of(fn, lib, data):
    try:
        fn(lib, data)
    except Exception as e:  # noqa: BLE001 - the type and text are what is compared
        return type(e), str(e)
    return None


def assert_same_error(fn):
    ours, theirs = error_of(fn, *LIBS["nt"]), error_of(fn, *LIBS["torch"])
    assert theirs is not None, "torch accepted it"
    assert ours == theirs


def no_children():
    for _ in range(50):
        if not multiprocessing.active_children():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def guard():
    """Worker tests: a hard 30 s alarm (no test may hang) and no processes left behind."""

    def on_alarm(signum, frame):
        raise TimeoutError("worker test took more than 30 s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert no_children(), multiprocessing.active_children()


class Squares:
    """A map-style dataset that is not a Dataset subclass (duck typing)."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i


class DictData(ndata.Dataset):
    """Samples of mixed types: dict of int, float, str, numpy array, namedtuple."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"i": i, "f": i / 2, "s": f"s{i}", "a": np.full(2, i, dtype=np.float32),
                "p": Point(i, -i)}


class TDictData(tdata.Dataset):
    def __init__(self, n):
        self.inner = DictData(n)

    def __len__(self):
        return len(self.inner)

    def __getitem__(self, i):
        return self.inner[i]


def tensor_dataset(lib, data, n=10):
    X = lib.from_numpy(np.arange(n * 3, dtype=np.float32).reshape(n, 3))
    y = lib.from_numpy(np.arange(n, dtype=np.int64) % 3)
    return data.TensorDataset(X, y)


# ------------------------------------------------------------------ datasets
def test_tensor_dataset():
    ours, theirs = both(lambda lib, data: tensor_dataset(lib, data))
    assert len(ours) == len(theirs) == 10
    assert norm(ours[3]) == norm(theirs[3])
    assert norm(ours[-1]) == norm(theirs[-1])
    assert_same_error(lambda lib, data: data.TensorDataset(lib.zeros(3), lib.zeros(4)))


def test_concat_dataset():
    ours, theirs = both(lambda lib, data: data.ConcatDataset([Squares(3), range(10, 14)]))
    assert ours.cumulative_sizes == theirs.cumulative_sizes == [3, 7]
    assert [ours[i] for i in range(-7, 7)] == [theirs[i] for i in range(-7, 7)]
    with pytest.warns(FutureWarning, match="renamed"):
        assert ours.cummulative_sizes == [3, 7]
    assert_same_error(lambda lib, data: data.ConcatDataset([Squares(3), Squares(4)])[-8])
    assert_same_error(lambda lib, data: data.ConcatDataset([]))
    assert_same_error(lambda lib, data: data.ConcatDataset(
        [Squares(2), NoLen() if data is ndata else TIter()]))
    assert_same_error(lambda lib, data: data.IterableDataset())
    added = tensor_dataset(nt, ndata, 4) + tensor_dataset(nt, ndata, 2)
    assert isinstance(added, ndata.ConcatDataset) and len(added) == 6


class Count(ndata.IterableDataset):
    def __init__(self, start, end):
        self.start, self.end = start, end

    def __iter__(self):
        info = ndata.get_worker_info()
        if info is None:
            return iter(range(self.start, self.end))
        return iter(range(self.start + info.id, self.end, info.num_workers))

    def __len__(self):
        return self.end - self.start


def test_chain_dataset():
    chain = Count(0, 3) + Count(10, 12)
    assert isinstance(chain, ndata.ChainDataset)
    assert list(chain) == [0, 1, 2, 10, 11] and len(chain) == 5
    with pytest.raises(AssertionError, match="ChainDataset only supports IterableDataset"):
        list(ndata.ChainDataset([Count(0, 1), Squares(2)]))


def test_stack_dataset():
    a, b = list(range(5)), [str(i) for i in range(5)]
    ours, theirs = both(lambda lib, data: data.StackDataset(a, b))
    assert ours[2] == theirs[2] == (2, "2")
    assert ours.__getitems__([0, 3]) == theirs.__getitems__([0, 3])
    ours, theirs = both(lambda lib, data: data.StackDataset(x=a, y=b))
    assert ours[1] == theirs[1] == {"x": 1, "y": "1"} and len(ours) == 5
    assert ours.__getitems__([4, 1]) == theirs.__getitems__([4, 1])
    assert_same_error(lambda lib, data: data.StackDataset(a, y=b))
    assert_same_error(lambda lib, data: data.StackDataset(a, b[:3]))
    assert_same_error(lambda lib, data: data.StackDataset())


def test_subset():
    ours, theirs = both(lambda lib, data: data.Subset(tensor_dataset(lib, data), [7, 2, 5]))
    assert len(ours) == 3
    assert norm(ours[1]) == norm(theirs[1])
    assert norm(ours[[0, 2]]) == norm(theirs[[0, 2]])
    assert norm(ours.__getitems__([2, 0])) == norm(theirs.__getitems__([2, 0]))


@pytest.mark.parametrize("lengths", [[3, 7], [0.8, 0.2], [0.3, 0.3, 0.4], [0.5, 0.5],
                                     [1 / 3] * 3, [0.25] * 4])
def test_random_split_sizes(lengths):
    for n in (10, 11, 13):
        if sum(lengths) > 1 and sum(lengths) != n:
            assert_same_error(lambda lib, data: data.random_split(range(n), lengths))
            continue
        ours, theirs = both(lambda lib, data: data.random_split(range(n), lengths))
        assert [len(s) for s in ours] == [len(s) for s in theirs]
        items = sorted(x for s in ours for x in s)
        assert items == list(range(n))  # disjoint and complete


def test_random_split_reproducible_and_errors():
    nt.manual_seed(0)
    a = [list(s) for s in ndata.random_split(range(20), [0.5, 0.5])]
    b = [list(s) for s in ndata.random_split(range(20), [0.5, 0.5])]
    nt.manual_seed(0)
    assert [list(s) for s in ndata.random_split(range(20), [0.5, 0.5])] == a
    assert a != b
    g1, g2 = nt.Generator().manual_seed(5), nt.Generator().manual_seed(5)
    assert ([s.indices for s in ndata.random_split(range(20), [5, 15], generator=g1)]
            == [s.indices for s in ndata.random_split(range(20), [5, 15], generator=g2)])
    assert_same_error(lambda lib, data: data.random_split(range(10), [3, 3]))
    assert_same_error(lambda lib, data: data.random_split(range(10), [1.5, -0.5]))
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        ndata.random_split(range(3), [1.0, 0.0])


def test_dataset_base():
    with pytest.raises(NotImplementedError, match="Subclasses of Dataset"):
        ndata.Dataset()[0]
    assert ndata.get_worker_info() is None


# ------------------------------------------------------------------ samplers
def test_sequential_and_batch_sampler():
    for n in (1, 7, 8, 9):
        for bs in (1, 3, 4, 8, 20):
            for drop in (False, True):
                ours, theirs = both(lambda lib, data: data.BatchSampler(
                    data.SequentialSampler(range(n)), bs, drop))
                assert list(ours) == list(theirs)
                assert len(ours) == len(theirs)
    assert list(ndata.BatchSampler([5, 3, 1], 2, False)) == [[5, 3], [1]]


@pytest.mark.parametrize("args", [(0, False), (-1, False), (2.0, False), (True, False),
                                  (2, None), (2, 1)])
def test_batch_sampler_errors(args):
    assert_same_error(lambda lib, data: data.BatchSampler(range(5), *args))


def test_random_sampler():
    nt.manual_seed(1)
    s = ndata.RandomSampler(range(50))
    e1, e2 = list(s), list(s)
    assert sorted(e1) == sorted(e2) == list(range(50)) and e1 != e2 and len(s) == 50
    nt.manual_seed(1)
    assert list(s) == e1
    g = nt.Generator().manual_seed(3)
    s = ndata.RandomSampler(range(10), num_samples=25, generator=g)
    out = list(s)
    assert len(out) == len(s) == 25
    assert sorted(out[:10]) == sorted(out[10:20]) == list(range(10))  # whole permutations
    assert len(set(out[20:])) == 5
    s = ndata.RandomSampler(range(4), replacement=True, num_samples=5000,
                            generator=nt.Generator().manual_seed(0))
    counts = np.bincount(list(s), minlength=4)
    assert len(s) == 5000 and counts.sum() == 5000 and counts.min() > 1000
    assert list(ndata.RandomSampler(range(7), generator=nt.Generator().manual_seed(9))) == \
        list(ndata.RandomSampler(range(7), generator=nt.Generator().manual_seed(9)))


@pytest.mark.parametrize("kw", [dict(replacement=1), dict(num_samples=0),
                                dict(num_samples=2.5), dict(num_samples=-3)])
def test_random_sampler_errors(kw):
    assert_same_error(lambda lib, data: data.RandomSampler(range(5), **kw))


def test_subset_and_weighted_samplers():
    idx = [10, 20, 30, 40]
    s = ndata.SubsetRandomSampler(idx, generator=nt.Generator().manual_seed(0))
    assert sorted(s) == idx and len(s) == 4
    w = ndata.WeightedRandomSampler([0.0, 1.0, 3.0], 2000,
                                    generator=nt.Generator().manual_seed(0))
    counts = np.bincount(list(w), minlength=3)
    assert counts[0] == 0 and 1.5 < counts[2] / counts[1] < 4.5 and len(w) == 2000
    w = ndata.WeightedRandomSampler([1, 1, 1, 1, 1], 5, replacement=False)
    assert sorted(w) == [0, 1, 2, 3, 4]
    assert w.weights.dtype == nt.float64
    for args in [([1, 2], 0), ([1, 2], True), ([1, 2], 2, "yes"), ([[1, 2]], 2)]:
        assert_same_error(lambda lib, data: data.WeightedRandomSampler(*args))


# ------------------------------------------------------------------ collate
COLLATE_CASES = {
    "tensors": lambda lib: [lib.ones(2, 3) * i for i in range(3)],
    "int_tensors_0d": lambda lib: [lib.tensor(i) for i in range(4)],
    "bool_tensors": lambda lib: [lib.tensor([True, False])] * 2,
    "numpy_arrays": lambda lib: [np.full((2,), i, dtype=np.int16) for i in range(3)],
    "numpy_float64_arrays": lambda lib: [np.eye(2) * i for i in range(2)],
    "numpy_0d_arrays": lambda lib: [np.array(i, dtype=np.float32) for i in range(3)],
    "numpy_scalars_f32": lambda lib: [np.float32(i) for i in range(3)],
    "numpy_scalars_i8": lambda lib: [np.int8(i) for i in range(3)],
    "numpy_scalars_bool": lambda lib: [np.bool_(True), np.bool_(False)],
    "numpy_scalars_f64": lambda lib: [np.float64(0.5), np.float64(1.5)],
    "numpy_scalars_mixed": lambda lib: [np.int32(1), np.float32(2.5)],
    "numpy_scalars_u8_i8": lambda lib: [np.uint8(1), np.int8(-1)],
    "ints": lambda lib: [1, 2, 3],
    "floats": lambda lib: [1.5, 2.0],
    "floats_then_int": lambda lib: [1.5, 2],
    "bools": lambda lib: [True, False],
    "strings": lambda lib: ["a", "bc"],
    "bytes": lambda lib: [b"a", b"b"],
    "numpy_str_scalars": lambda lib: [np.str_("a"), np.str_("b")],
    "dicts": lambda lib: [{"x": lib.zeros(2), "y": i, "name": "n"} for i in range(3)],
    "ordered_dicts": lambda lib: [collections.OrderedDict(a=i, b=1.0) for i in range(2)],
    "defaultdict": lambda lib: [collections.defaultdict(int, a=i) for i in range(2)],
    "tuples": lambda lib: [(lib.ones(2), i, "s") for i in range(3)],
    "lists": lambda lib: [[i, float(i)] for i in range(3)],
    "namedtuples": lambda lib: [Point(lib.tensor([i]), i) for i in range(2)],
    "nested": lambda lib: [{"a": [(i, {"b": np.zeros(1)})], "p": Point(i, [i, i])}
                           for i in range(2)],
    "range_samples": lambda lib: [range(2), range(2)],
}


@pytest.mark.parametrize("case", sorted(COLLATE_CASES))
def test_default_collate_vs_torch(case):
    make = COLLATE_CASES[case]
    ours = ndata.default_collate(make(nt))
    theirs = tdata.default_collate(make(torch))
    assert norm(ours) == norm(theirs)
    if isinstance(theirs, Point):
        assert type(ours) is Point


COLLATE_ERRORS = {
    "object": lambda lib: [object()],
    "none": lambda lib: [None, None],
    "ragged_lists": lambda lib: [[1, 2], [3]],
    "ragged_tensors": lambda lib: [lib.zeros(2), lib.zeros(3)],
    "string_arrays": lambda lib: [np.array(["a"]), np.array(["b"])],
    "object_arrays": lambda lib: [np.array([None]), np.array([None])],
}


@pytest.mark.parametrize("case", sorted(COLLATE_ERRORS))
def test_default_collate_errors(case):
    make = COLLATE_ERRORS[case]
    assert_same_error(lambda lib, data: data.default_collate(make(lib)))


@pytest.mark.parametrize("case", ["np_array", "np_scalar", "tuple", "dict", "list", "str",
                                  "string_array", "namedtuple", "tensor", "int"])
def test_default_convert_vs_torch(case):
    samples = {
        "np_array": lambda lib: np.arange(3, dtype=np.int32),
        "np_scalar": lambda lib: np.float32(2.5),
        "tuple": lambda lib: (np.zeros(2), "x", 3),
        "dict": lambda lib: {"a": np.ones(1), "b": [np.int64(4)]},
        "list": lambda lib: [np.ones(2, dtype=np.float32), 1.5],
        "str": lambda lib: "hello",
        "string_array": lambda lib: np.array(["a", "b"]),
        "namedtuple": lambda lib: Point(np.zeros(1), 2),
        "tensor": lambda lib: lib.arange(3),
        "int": lambda lib: 7,
    }[case]
    assert norm(ndata.default_convert(samples(nt))) == norm(tdata.default_convert(samples(torch)))


# ------------------------------------------------------------------ DataLoader, one process
def loader_batches(lib, data, dataset_fn, **kw):
    return [norm(b) for b in data.DataLoader(dataset_fn(lib, data), **kw)]


DATASETS = {
    "tensor": lambda lib, data: tensor_dataset(lib, data, 10),
    "list": lambda lib, data: list(range(10)),
    "squares": lambda lib, data: Squares(10),
    "dicts": lambda lib, data: DictData(7) if lib is nt else TDictData(7),
    "subset": lambda lib, data: data.Subset(tensor_dataset(lib, data, 12), [11, 0, 5, 3, 8]),
    "concat": lambda lib, data: data.ConcatDataset([tensor_dataset(lib, data, 3),
                                                    tensor_dataset(lib, data, 4)]),
}


@pytest.mark.parametrize("name", sorted(DATASETS))
@pytest.mark.parametrize("batch_size", [1, 3, 4, None])
@pytest.mark.parametrize("drop_last", [False, True])
def test_loader_batches_vs_torch(name, batch_size, drop_last):
    if batch_size is None and drop_last:
        return
    kw = dict(batch_size=batch_size, drop_last=drop_last)
    ours, theirs = both(lambda lib, data: loader_batches(lib, data, DATASETS[name], **kw))
    assert ours == theirs
    n_ours, n_theirs = both(lambda lib, data: len(data.DataLoader(DATASETS[name](lib, data),
                                                                  **kw)))
    assert n_ours == n_theirs == len(ours)


@pytest.mark.parametrize("name", ["tensor", "list", "dicts"])
def test_loader_samplers_vs_torch(name):
    cases = [
        lambda lib, data: dict(sampler=data.SequentialSampler(range(5)), batch_size=2),
        lambda lib, data: dict(sampler=[4, 0, 2, 2], batch_size=3),
        lambda lib, data: dict(sampler=[6, 1, 3], batch_size=None),
        lambda lib, data: dict(batch_sampler=[[0, 1], [5], [2, 3, 4]]),
        lambda lib, data: dict(batch_sampler=data.BatchSampler([3, 2, 1, 0, 6], 2, True)),
        lambda lib, data: dict(batch_size=4, shuffle=False, collate_fn=lambda b: b),
    ]
    for case in cases:
        ours, theirs = both(lambda lib, data: loader_batches(lib, data, DATASETS[name],
                                                             **case(lib, data)))
        assert ours == theirs


def test_loader_enumerate_and_seed_pattern():
    X = nt.arange(20.0).view(10, 2)
    y = nt.arange(10)
    loader = ndata.DataLoader(ndata.TensorDataset(X, y), 4, shuffle=True)
    seen = []
    for i, data in enumerate(loader, 0):
        inputs, labels = data[0], data[1]
        assert inputs.dtype == nt.float32 and labels.dtype == nt.int64
        assert nt.equal(inputs[:, 0], labels.float() * 2)  # rows stay paired
        seen += labels.tolist()
    assert i == 2 and sorted(seen) == list(range(10))


def epoch_order(loader):
    return [x for b in loader for x in b[1].tolist()]


def test_shuffle_reproducible_and_changes_each_epoch():
    ds = tensor_dataset(nt, ndata, 40)
    loader = ndata.DataLoader(ds, batch_size=8, shuffle=True)
    nt.manual_seed(123)
    e1, e2 = epoch_order(loader), epoch_order(loader)
    assert e1 != e2
    nt.manual_seed(123)
    assert epoch_order(loader) == e1 and epoch_order(loader) == e2
    ds = ndata.TensorDataset(nt.arange(40), nt.arange(40))
    loader = ndata.DataLoader(ds, batch_size=8, shuffle=True)
    order = epoch_order(loader)
    assert sorted(order) == list(range(40)) and order != list(range(40))
    g = nt.Generator().manual_seed(7)
    loader = ndata.DataLoader(ds, batch_size=8, shuffle=True, generator=g)
    a = epoch_order(loader)
    g.manual_seed(7)
    nt.manual_seed(999)  # the global generator does not matter when one is given
    assert epoch_order(loader) == a


def test_shuffle_drop_last_sizes():
    for bs in (3, 4, 7):
        loader = ndata.DataLoader(list(range(17)), batch_size=bs, shuffle=True, drop_last=True)
        sizes = [len(b) for b in loader]
        assert sizes == [bs] * (17 // bs) == [bs] * len(loader)


def test_fast_path_equals_per_sample_path():
    rng = np.random.default_rng(0)
    X = nt.from_numpy(rng.standard_normal((50, 1, 4, 4)).astype(np.float32))
    y = nt.from_numpy(rng.integers(0, 10, 50))
    b = nt.from_numpy(rng.random(50) > 0.5)
    for ds in (ndata.TensorDataset(X, y, b),
               ndata.random_split(ndata.TensorDataset(X, y, b), [0.6, 0.4])[0]):
        kw = dict(batch_size=8, shuffle=True)
        nt.manual_seed(0)
        fast = [norm(x) for x in ndata.DataLoader(ds, **kw)]
        nt.manual_seed(0)
        slow = [norm(x) for x in ndata.DataLoader(
            ds, collate_fn=lambda batch: ndata.default_collate(batch), **kw)]
        assert fast == slow and len(fast) == len(ds) // 8 + 1


def test_fast_path_respects_subclasses_and_getitems():
    class Doubled(ndata.TensorDataset):
        def __getitem__(self, i):
            x, y = super().__getitem__(i)
            return x * 2, y

    ds = Doubled(nt.arange(6.0), nt.arange(6))
    (x, y), = list(ndata.DataLoader(ds, batch_size=6))
    assert x.tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]

    class Batched(ndata.Dataset):
        calls = []

        def __len__(self):
            return 10

        def __getitem__(self, i):
            raise AssertionError("per-sample access when __getitems__ exists")

        def __getitems__(self, indices):
            self.calls.append(list(indices))
            return [{"v": i} for i in indices]

    batches = list(ndata.DataLoader(Batched(), batch_size=4))
    assert Batched.calls == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert batches[2]["v"].tolist() == [8, 9]


def test_batch_size_none_and_iterable_dataset_single_process():
    ours, theirs = both(lambda lib, data: [norm(b) for b in data.DataLoader(
        [np.arange(2), np.ones(2)], batch_size=None)])
    assert ours == theirs
    assert [b.tolist() for b in ndata.DataLoader(Count(0, 7), batch_size=3)] == \
        [[0, 1, 2], [3, 4, 5], [6]]
    assert [b.tolist() for b in ndata.DataLoader(Count(0, 7), batch_size=3, drop_last=True)] \
        == [[0, 1, 2], [3, 4, 5]]
    assert list(ndata.DataLoader(Count(0, 3), batch_size=None)) == [0, 1, 2]
    for bs, drop in [(3, False), (3, True), (None, False)]:
        assert len(ndata.DataLoader(Count(0, 7), batch_size=bs, drop_last=drop)) == \
            len(tdata.DataLoader(range(7), batch_size=bs, drop_last=drop))


def test_iterable_dataset_len_warning():
    class Liar(ndata.IterableDataset):
        def __iter__(self):
            return iter(range(5))

        def __len__(self):
            return 2

    loader = ndata.DataLoader(Liar(), batch_size=1)
    assert len(loader) == 2
    with pytest.warns(UserWarning, match="was reported to be 2"):
        list(loader)


# ------------------------------------------------------------------ DataLoader validation
LOADER_ERRORS = {
    "num_workers": lambda data, ds: data.DataLoader(ds, num_workers=-1),
    "timeout": lambda data, ds: data.DataLoader(ds, timeout=-1),
    "prefetch_no_workers": lambda data, ds: data.DataLoader(ds, prefetch_factor=2),
    "prefetch_negative": lambda data, ds: data.DataLoader(ds, num_workers=1,
                                                          prefetch_factor=-1),
    "persistent_no_workers": lambda data, ds: data.DataLoader(ds, persistent_workers=True),
    "sampler_and_shuffle": lambda data, ds: data.DataLoader(ds, sampler=[0], shuffle=True),
    "batch_sampler_and_batch_size": lambda data, ds: data.DataLoader(
        ds, batch_sampler=[[0]], batch_size=2),
    "batch_sampler_and_shuffle": lambda data, ds: data.DataLoader(ds, batch_sampler=[[0]],
                                                                  shuffle=True),
    "batch_sampler_and_drop_last": lambda data, ds: data.DataLoader(ds, batch_sampler=[[0]],
                                                                    drop_last=True),
    "batch_size_none_drop_last": lambda data, ds: data.DataLoader(ds, batch_size=None,
                                                                  drop_last=True),
    "bad_batch_size": lambda data, ds: data.DataLoader(ds, batch_size=0),
    "mp_context_no_workers": lambda data, ds: data.DataLoader(
        ds, multiprocessing_context="fork"),
    "mp_context_bad_name": lambda data, ds: data.DataLoader(
        ds, num_workers=1, multiprocessing_context="nope"),
    "mp_context_bad_type": lambda data, ds: data.DataLoader(
        ds, num_workers=1, multiprocessing_context=3),
    "iterable_shuffle": lambda data, ds: data.DataLoader(
        Count(0, 3) if data is ndata else TIter(), shuffle=True),
    "iterable_sampler": lambda data, ds: data.DataLoader(
        Count(0, 3) if data is ndata else TIter(), sampler=[0, 1]),
    "iterable_batch_sampler": lambda data, ds: data.DataLoader(
        Count(0, 3) if data is ndata else TIter(), batch_sampler=[[0]]),
    "no_len": lambda data, ds: len(data.DataLoader(NoLen() if data is ndata else TIter())),
    "set_batch_size": lambda data, ds: setattr(data.DataLoader(ds), "batch_size", 3),
    "set_dataset": lambda data, ds: setattr(data.DataLoader(ds), "dataset", ds),
    "timeout_without_workers": lambda data, ds: iter(data.DataLoader(ds, timeout=1)),
}


class TIter(tdata.IterableDataset):
    def __iter__(self):
        return iter(range(3))


class NoLen(ndata.IterableDataset):  # named like TIter's error text needs: see no_len
    def __iter__(self):
        return iter(range(3))


NoLen.__name__ = NoLen.__qualname__ = "TIter"


@pytest.mark.parametrize("case", sorted(LOADER_ERRORS))
def test_loader_errors_vs_torch(case):
    fn = LOADER_ERRORS[case]
    assert_same_error(lambda lib, data: fn(data, list(range(4))))


def test_pin_memory_warns_like_torch():
    with pytest.warns(UserWarning, match="no accelerator is found") as ours:
        list(ndata.DataLoader([1, 2], pin_memory=True))
    with pytest.warns(UserWarning, match="no accelerator is found") as theirs:
        list(tdata.DataLoader([1, 2], pin_memory=True))
    assert str(ours[0].message) == str(theirs[0].message)


def test_loader_attributes():
    ds = list(range(10))
    ours, theirs = both(lambda lib, data: data.DataLoader(ds, batch_size=3, shuffle=True))
    for attr in ("batch_size", "drop_last", "num_workers", "timeout", "prefetch_factor",
                 "persistent_workers", "pin_memory", "in_order", "generator"):
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    assert type(ours.sampler).__name__ == type(theirs.sampler).__name__ == "RandomSampler"
    assert type(ours.batch_sampler).__name__ == "BatchSampler"
    assert ours.collate_fn is ndata.default_collate
    unbatched = ndata.DataLoader(ds, batch_size=None)
    assert unbatched.collate_fn is ndata.default_convert and unbatched.batch_sampler is None
    assert ndata.DataLoader(ds, num_workers=2).prefetch_factor == 2


# ------------------------------------------------------------------ worker processes
class Echo(ndata.Dataset):
    """Sample i: i, the worker id and the worker's first draws of numtorch/NumPy RNGs."""

    def __len__(self):
        return 12

    def __getitem__(self, i):
        info = ndata.get_worker_info()
        wid = -1 if info is None else info.id
        return {"i": i, "worker": wid, "seed": -1 if info is None else info.seed}


def test_workers_equal_no_workers(guard):
    ds = tensor_dataset(nt, ndata, 37)
    for kw in (dict(batch_size=4, shuffle=True), dict(batch_size=5, drop_last=True),
               dict(batch_size=None), dict(batch_size=3, shuffle=True, in_order=True)):
        nt.manual_seed(42)
        ref = [norm(b) for e in range(2) for b in ndata.DataLoader(ds, **kw)]
        nt.manual_seed(42)
        got = [norm(b) for e in range(2)
               for b in ndata.DataLoader(ds, num_workers=2, timeout=20, **kw)]
        assert got == ref
    assert no_children()


def test_worker_info_init_fn_and_seeds(guard):
    seen = []
    loader = ndata.DataLoader(Echo(), batch_size=2, num_workers=2, timeout=20,
                              worker_init_fn=lambda wid: seen.append(wid))
    nt.manual_seed(3)
    batches = list(loader)
    assert [x for b in batches for x in b["i"].tolist()] == list(range(12))
    # batches go round-robin: batch k comes from worker k % 2
    assert [b["worker"].tolist() for b in batches] == [[k % 2] * 2 for k in range(6)]
    seeds = {b["worker"][0].item(): b["seed"][0].item() for b in batches}
    assert seeds[1] == seeds[0] + 1
    assert seen == []  # worker_init_fn ran in the workers, not here
    nt.manual_seed(3)
    assert {b["worker"][0].item(): b["seed"][0].item() for b in loader} == seeds

    class InitCheck(ndata.Dataset):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            return os.environ.get("NT_TEST_WORKER", "unset")

    def init(wid):
        os.environ["NT_TEST_WORKER"] = f"w{wid}"

    out = [b for b in ndata.DataLoader(InitCheck(), batch_size=None, num_workers=2,
                                       worker_init_fn=init, timeout=20)]
    assert out == ["w0", "w1", "w0", "w1"]
    assert "NT_TEST_WORKER" not in os.environ


def test_iterable_dataset_sharded_across_workers(guard):
    loader = ndata.DataLoader(Count(0, 11), batch_size=3, num_workers=2, timeout=20)
    batches = [b.tolist() for b in loader]
    assert batches == [[0, 2, 4], [1, 3, 5], [6, 8, 10], [7, 9]]
    assert sorted(x for b in batches for x in b) == list(range(11))
    batches = [b.tolist() for b in ndata.DataLoader(Count(0, 11), batch_size=3,
                                                    num_workers=2, drop_last=True, timeout=20)]
    assert batches == [[0, 2, 4], [1, 3, 5], [6, 8, 10]]


def test_persistent_workers(guard):
    loader = ndata.DataLoader(Count(0, 9), batch_size=2, num_workers=2,
                              persistent_workers=True, timeout=20)
    first = [b.tolist() for b in loader]
    pids = {w.pid for w in loader._iterator._workers}
    it = iter(loader)
    next(it)  # abandon an epoch half way
    assert [b.tolist() for b in loader] == first
    assert {w.pid for w in loader._iterator._workers} == pids
    assert len(multiprocessing.active_children()) == 2
    del loader, it


def test_in_order_false_yields_every_batch(guard):
    batches = [b.tolist() for b in ndata.DataLoader(list(range(20)), batch_size=3,
                                                    num_workers=2, in_order=False, timeout=20)]
    assert sorted(x for b in batches for x in b) == list(range(20)) and len(batches) == 7


class Faulty(ndata.Dataset):
    def __init__(self, mode):
        self.mode = mode

    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 5:
            if self.mode == "raise":
                raise ValueError(f"bad sample {i}")
            if self.mode == "keyerror":
                raise KeyError("missing")
            if self.mode == "die":
                os._exit(3)
            if self.mode == "hang":
                time.sleep(20)
        return i


def test_worker_exception_is_reraised(guard):
    loader = ndata.DataLoader(Faulty("raise"), batch_size=2, num_workers=2, timeout=20)
    got = []
    with pytest.raises(ValueError) as info:
        for b in loader:
            got.append(b.tolist())
    msg = str(info.value)
    assert got == [[0, 1], [2, 3]]  # batches before the failing one still arrive, in order
    assert msg.startswith("Caught ValueError in DataLoader worker process 0.\n"
                          "Original Traceback (most recent call last):")
    assert "bad sample 5" in msg and "__getitem__" in msg
    del info
    with pytest.raises(KeyError, match="Caught KeyError in DataLoader worker process 0"):
        list(ndata.DataLoader(Faulty("keyerror"), batch_size=2, num_workers=2, timeout=20))

    def bad_init(wid):
        raise RuntimeError(f"init failed in {wid}")

    with pytest.raises(RuntimeError, match="init failed in 0"):
        list(ndata.DataLoader(list(range(4)), num_workers=2, worker_init_fn=bad_init,
                              timeout=20))


def test_dead_worker_raises_instead_of_hanging(guard):
    start = time.monotonic()
    with pytest.raises(RuntimeError, match=r"DataLoader worker \(pid\(s\) \d+\) exited "
                                           r"unexpectedly"):
        list(ndata.DataLoader(Faulty("die"), batch_size=2, num_workers=2))
    assert time.monotonic() - start < 10


def test_timeout(guard):
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="DataLoader timed out after 0.5 seconds"):
        list(ndata.DataLoader(Faulty("hang"), batch_size=2, num_workers=2, timeout=0.5))
    assert time.monotonic() - start < 5


def test_no_leaks_on_break_and_del(guard):
    loader = ndata.DataLoader(list(range(100)), batch_size=2, num_workers=2, timeout=20)
    for b in loader:
        break
    del b
    assert no_children()
    it = iter(loader)
    assert next(it).tolist() == [0, 1]
    assert len(multiprocessing.active_children()) == 2
    del it
    assert no_children()


def test_spawn_context(guard):
    loader = ndata.DataLoader(tensor_dataset(nt, ndata, 6), batch_size=4, num_workers=1,
                              multiprocessing_context="spawn", timeout=60)
    out = [norm(b) for b in loader]
    assert out == [norm(b) for b in ndata.DataLoader(tensor_dataset(nt, ndata, 6),
                                                     batch_size=4)]


def test_too_many_workers_warns_like_torch():
    n = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    with warnings.catch_warnings(record=True) as ours:
        warnings.simplefilter("always")
        ndata.DataLoader([1], num_workers=n + 1)
    with warnings.catch_warnings(record=True) as theirs:
        warnings.simplefilter("always")
        tdata.DataLoader([1], num_workers=n + 1)
    assert [str(w.message) for w in ours] == [str(w.message) for w in theirs]
    assert len(ours) == 1


@pytest.mark.parametrize("n", [1, 5, 8, 11])
@pytest.mark.parametrize("replicas", [1, 2, 3])
@pytest.mark.parametrize("drop_last", [False, True])
def test_distributed_sampler_vs_torch(n, replicas, drop_last):
    for rank in range(replicas):
        ours, theirs = both(lambda lib, data: data.DistributedSampler(
            range(n), num_replicas=replicas, rank=rank, shuffle=False, drop_last=drop_last))
        assert list(ours) == list(theirs) and len(ours) == len(theirs)
    parts = [list(ndata.DistributedSampler(range(n), replicas, r, seed=4)) for r in
             range(replicas)]
    assert set(x for p in parts for x in p) == set(range(n))  # shuffled: still a cover
    s = ndata.DistributedSampler(range(n), replicas, 0, seed=4)
    assert list(s) == parts[0]
    assert_same_error(lambda lib, data: data.DistributedSampler(range(n), 2, 2))
    with pytest.raises(RuntimeError, match="Requires distributed package"):
        ndata.DistributedSampler(range(n))


def test_unpicklable_batch_is_an_error_not_a_hang(guard):
    class Local:  # a class defined in a function cannot be pickled
        pass

    with pytest.raises(Exception, match="Caught .* in DataLoader worker process 0"):
        list(ndata.DataLoader([1, 2], batch_size=None, collate_fn=lambda x: Local(),
                              num_workers=1))


def test_fast_path_not_taken_through_attribute_proxies():
    class Proxy(ndata.Dataset):  # forwards attributes, but changes the samples
        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def __len__(self):
            return len(self.inner)

        def __getitem__(self, i):
            return self.inner[i][0] + 100

    out = list(ndata.DataLoader(Proxy(ndata.TensorDataset(nt.arange(4))), batch_size=4))
    assert out[0].tolist() == [100, 101, 102, 103]


class SlowFirst(ndata.Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i < 2:
            time.sleep(0.3)  # batch 0 (worker 0) arrives after batch 1 (worker 1)
        return i


def test_out_of_order_arrival_is_reordered(guard):
    kw = dict(batch_size=2, num_workers=2, timeout=20)
    assert [b.tolist() for b in ndata.DataLoader(SlowFirst(), **kw)] == \
        [[0, 1], [2, 3], [4, 5], [6, 7]]
    unordered = [b.tolist() for b in ndata.DataLoader(SlowFirst(), in_order=False, **kw)]
    assert unordered[0] == [2, 3] and sorted(unordered) == [[0, 1], [2, 3], [4, 5], [6, 7]]


def test_persistent_workers_recover_after_a_failed_epoch(guard):
    loader = ndata.DataLoader(Faulty("die"), batch_size=2, num_workers=2,
                              persistent_workers=True, timeout=20)
    with pytest.raises(RuntimeError, match="exited unexpectedly"):
        list(loader)
    loader.dataset.mode = "ok"  # the dataset object is shared: workers fork it afresh
    assert [b.tolist() for b in loader] == [[0, 1], [2, 3], [4, 5], [6, 7]]
    del loader
