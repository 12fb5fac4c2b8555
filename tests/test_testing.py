"""numtorch.testing against torch.testing: assert_close's verdicts and messages,
make_tensor's ranges, dtypes and flags."""

import warnings

import numpy as np
import pytest
import torch

import numtorch as nt


def _pairs(lib):
    T = lib.tensor
    return {
        "float": lambda: (T([[1.0, 2], [3, 4]]), T([[1.0, 2], [3, 4.1]])),
        "dtype": lambda: (T([1.0, 2]), T([1.0, 2], dtype=lib.float64)),
        "shape": lambda: (T([1.0, 2]), T([1.0, 2, 3])),
        "shape_before_dtype": lambda: (lib.ones(2, dtype=lib.float64), lib.ones(2, 1)),
        "int": lambda: (T([1, 2]), T([1, 3])),
        "int_2d": lambda: (T([[1, 2], [3, 4]]), T([[1, 2], [5, 6]])),
        "uint8": lambda: (T([0, 5], dtype=lib.uint8), T([1, 5], dtype=lib.uint8)),
        "int32_int64": lambda: (T([1, 2], dtype=lib.int32), T([1, 2])),
        "scalar_tensor": lambda: (T(1.0), T(2.0)),
        "scalar_tensor_int": lambda: (T(1), T(2)),
        "scalar_complex": lambda: (T(1 + 1j), T(2 + 1j)),
        "complex": lambda: (T([1 + 1j, 2]), T([1 + 1j, 2 + 3j])),
        "py_float": lambda: (1.0, 1.1),
        "py_int": lambda: (1, 2),
        "py_int_float": lambda: (1, 1.0),
        "py_bool": lambda: (True, False),
        "py_nan": lambda: (float("nan"), float("nan")),
        "np_float": lambda: (np.float64(1.0), 1.0),
        "list": lambda: ([1.0, 2.0], [1.0, 2.5]),
        "tuple": lambda: ((1, 2), (1, 2)),
        "dict": lambda: ({"a": lib.ones(2)}, {"a": lib.zeros(2)}),
        "dict_keys": lambda: ({"a": lib.ones(2)}, {"b": lib.ones(2)}),
        "nested": lambda: ([[lib.ones(1)], {"a": [1, lib.zeros(1)]}],
                           [[lib.ones(1)], {"a": [1, lib.ones(1)]}]),
        "nested_scalar": lambda: ([{"a": 1}], [{"a": 2}]),
        "seq_len": lambda: ([lib.ones(2)], [lib.ones(2), lib.ones(1)]),
        "nan": lambda: (T([float("nan")]), T([float("nan")])),
        "inf": lambda: (T([1.0, float("inf")]), T([1.0, float("inf")])),
        "inf_sign": lambda: (T([1.0, float("inf")]), T([1.0, float("-inf")])),
        "bool_tensor": lambda: (T([True, False]), T([True, True])),
        "f16_close": lambda: (T([1.0, 2], dtype=lib.float16), T([1.001, 2], dtype=lib.float16)),
        "f16": lambda: (T([1.0, 2], dtype=lib.float16), T([1.0, 2.1], dtype=lib.float16)),
        "f64": lambda: (T([1.0, 2.0], dtype=lib.float64), T([1.0, 2.1], dtype=lib.float64)),
        "tiny_vs_zero": lambda: (T([1e-9, 1.0]), T([0.0, 1.0])),
        "atol_edge": lambda: (T([0.0, 1.0]), T([1e-4, 1.0])),
        "zeros_ones": lambda: (lib.zeros(2, 3), lib.ones(2, 3)),
        "ones_zeros": lambda: (lib.ones(2), lib.zeros(2)),
        "two_mismatches": lambda: (T([1.0, 2.0]), T([1.1, 2.2])),
        "large_values": lambda: (T([100.0, 2.0]), T([100.1, 2.0])),
        "empty": lambda: (T([]), T([])),
        "requires_grad": lambda: (lib.ones(2, requires_grad=True), lib.ones(2)),
        "ndarrays": lambda: (np.array([1.0, 2]), np.array([1.0, 2.1])),
        "none": lambda: (None, None),
        "none_mismatch": lambda: (T([1.0]), None),
        "transposed_values": lambda: (T([[1.0, 2.0], [3.0, 4.0]]),
                                      T([[1.0, 2.0], [3.0, 4.0]]).T),
        "int_vs_float": lambda: (T([1, 2]), T([1.0, 2.0])),
        "int_vs_float2": lambda: (T([1, 2]), T([1.0, 2.5])),
        "f16_f32": lambda: (T([1.0], dtype=lib.float16), T([1.1], dtype=lib.float32)),
        "f16_f32_close": lambda: (T([1.0], dtype=lib.float16), T([1.0], dtype=lib.float32)),
        "small_diff": lambda: (T([0.0, 0.0]), T([0.0, 1e-3])),
        "strided": lambda: (lib.ones(2, 3).T, lib.ones(3, 2)),
        "sliced": lambda: (lib.ones(3)[::2], lib.ones(2)),
        "nan_number": lambda: (1.0, float("nan")),
    }


CASES = [(name, {}) for name in _pairs(torch)] + [
    ("float", dict(msg="custom")),
    ("ones_zeros", dict(msg=lambda m: "X" + m)),
    ("nested", dict(msg="m")),
    ("nan", dict(equal_nan=True)),
    ("nan_number", dict(equal_nan=True)),
    ("py_nan", dict(equal_nan=True)),
    ("empty", dict(rtol=1e-3)),
    ("empty", dict(atol=1e-3)),
    ("dtype", dict(check_dtype=False)),
    ("int_vs_float", dict(check_dtype=False)),
    ("int_vs_float2", dict(check_dtype=False)),
    ("f16_f32", dict(check_dtype=False)),
    ("f16_f32_close", dict(check_dtype=False)),
    ("py_int_float", dict(check_dtype=False)),
    ("small_diff", dict(rtol=0, atol=0)),
    ("scalar_tensor", dict(rtol=0, atol=0)),
    ("py_int", dict(rtol=0.1, atol=0.1)),
    ("two_mismatches", dict(rtol=0.2, atol=0)),
    ("two_mismatches", dict(rtol=0.0, atol=0.25)),
    ("strided", dict(check_stride=True)),
    ("sliced", dict(check_stride=True)),
    ("strided", dict(check_stride=False)),
    ("requires_grad", dict(check_device=False, check_layout=False)),
]


def _outcome(lib, name, kw):
    actual, expected = _pairs(lib)[name]()
    try:
        lib.testing.assert_close(actual, expected, **kw)
    except Exception as e:  # noqa: BLE001 - compared below
        return type(e), str(e)
    return None


@pytest.mark.parametrize("name,kw", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_assert_close_like_torch(name, kw):
    theirs, ours = _outcome(torch, name, kw), _outcome(nt, name, kw)
    if theirs is None:
        assert ours is None, ours
        return
    assert ours is not None, f"torch raised {theirs}"
    assert ours[0] is theirs[0]
    if theirs[0] is TypeError:  # the message names the library's own Tensor class
        assert ours[1].startswith("No comparison pair was able to handle inputs of type")
    else:
        assert ours[1] == theirs[1]


def test_assert_close_message_format():
    with pytest.raises(AssertionError) as e:
        nt.testing.assert_close(nt.tensor([[1.0, 2], [3, 4]]), nt.tensor([[1.0, 2], [3, 4.1]]))
    assert str(e.value).startswith(
        "Tensor-likes are not close!\n\nMismatched elements: 1 / 4 (25.0%)\n"
        "Greatest absolute difference: 0.0999999046325683")
    assert "at index (1, 1) (up to 1e-05 allowed)" in str(e.value)
    assert str(e.value).endswith("(up to 1.3e-06 allowed)")


def test_assert_close_default_tolerances_per_dtype():
    x = nt.tensor([1.0])
    nt.testing.assert_close(x, x + 9e-6)  # within float32's atol 1e-5
    with pytest.raises(AssertionError):
        nt.testing.assert_close(x, x + 2e-5)
    y = nt.tensor([1.0], dtype=nt.float64)
    with pytest.raises(AssertionError):
        nt.testing.assert_close(y, y + 1e-6)
    h = nt.tensor([1.0], dtype=nt.float16)
    nt.testing.assert_close(h, h + 9e-4)
    nt.testing.assert_close(nt.tensor([3]), nt.tensor([3]))
    with pytest.raises(AssertionError, match="not equal"):
        nt.testing.assert_close(nt.tensor([3]), nt.tensor([4]))


def test_assert_close_accepts_tensor_subclasses_and_views():
    p = nt.ones(2, 3)
    nt.testing.assert_close(p.T, nt.ones(3, 2))
    nt.testing.assert_close([p, {"k": (1, 2.0)}], [nt.ones(2, 3), {"k": (1, 2.0)}])


# ---------------------------------------------------------------- make_tensor
@pytest.mark.parametrize("dtype,lo,hi", [("float32", -9, 9), ("float64", -9, 9),
                                         ("float16", -9, 9), ("int64", -9, 9),
                                         ("int32", -9, 9), ("uint8", 0, 9), ("bool", 0, 1)])
def test_make_tensor_default_ranges(dtype, lo, hi):
    nt.manual_seed(0)
    t = nt.testing.make_tensor(2000, dtype=getattr(nt, dtype), device="cpu")
    assert t.dtype is getattr(nt, dtype) and t.shape == (2000,)
    a = t.numpy().astype(np.float64)
    assert a.min() >= lo and a.max() <= hi
    assert a.min() < lo + 1 and a.max() > hi - 1  # the whole range is used
    if dtype.startswith("int") or dtype == "uint8":
        assert a.max() == hi  # integer high is exclusive of hi + 1, like torch's


def test_make_tensor_forms_and_flags():
    mk = nt.testing.make_tensor
    assert mk((2, 3), dtype=nt.float32, device="cpu").shape == (2, 3)
    assert mk([4], dtype=nt.float32, device="cpu").shape == (4,)
    assert mk(dtype=nt.float32, device="cpu").shape == ()
    t = mk(2, 3, dtype=nt.float64, device="cpu", low=0, high=1)
    assert t.min().item() >= 0 and t.max().item() < 1
    r = mk(10, dtype=nt.float32, device="cpu", requires_grad=True)
    assert r.requires_grad and r.is_leaf
    nc = mk(10, 4, dtype=nt.float32, device="cpu", noncontiguous=True)
    assert not nc.is_contiguous() and nc.shape == (10, 4)
    assert mk(10, 4, dtype=nt.float32, device="cpu").is_contiguous()
    z = mk(1000, dtype=nt.int64, device="cpu", low=0, high=2, exclude_zero=True)
    assert (z.numpy() == 1).all()
    zf = mk(100, dtype=nt.float32, device="cpu", low=-1, high=1, exclude_zero=True)
    assert (zf.numpy() != 0).all()
    i8 = mk(5000, dtype=nt.int8, device="cpu", low=-200, high=200).numpy()
    assert i8.min() == -128 and i8.max() == 127  # clamped to the dtype's range
    h = mk(1000, dtype=nt.float16, device="cpu", low=-1e6, high=1e6).numpy()
    assert np.isfinite(h).all() and np.abs(h).max() > 30000
    c = mk(10, dtype=nt.complex64, device="cpu")
    assert c.dtype is nt.complex64 and (np.abs(c.numpy().imag) > 0).any()
    nt.manual_seed(3)
    a = mk(5, dtype=nt.float32, device="cpu").tolist()
    nt.manual_seed(3)
    assert mk(5, dtype=nt.float32, device="cpu").tolist() == a


def test_make_tensor_low_equals_high_warns_like_torch():
    with pytest.warns(FutureWarning, match="Passing `low==high`"):
        t = nt.testing.make_tensor(3, dtype=nt.float32, device="cpu", low=3, high=3)
    assert t.tolist() == [3.0, 3.0, 3.0]


@pytest.mark.parametrize("kw", [dict(dtype="int64", requires_grad=True),
                                dict(dtype="float32", low=2, high=1),
                                dict(dtype="float32", low=float("nan")),
                                dict(dtype="int64", low=3, high=3),
                                dict(dtype="float32", high=-20)])
def test_make_tensor_errors_like_torch(kw):
    kw = dict(kw)
    name = kw.pop("dtype")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError) as theirs:
            torch.testing.make_tensor(10, dtype=getattr(torch, name), device="cpu", **kw)
        with pytest.raises(ValueError) as ours:
            nt.testing.make_tensor(10, dtype=getattr(nt, name), device="cpu", **kw)
    assert str(ours.value) == str(theirs.value)


def test_make_tensor_requires_dtype_and_device():
    with pytest.raises(TypeError):
        nt.testing.make_tensor(3, device="cpu")
    with pytest.raises(TypeError):
        nt.testing.make_tensor(3, dtype=nt.float32)
