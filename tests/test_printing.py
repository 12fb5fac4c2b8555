"""repr(tensor) must be byte-identical to torch's: same data built in both libraries."""

import numpy as np
import pytest
import torch

import numtorch as nt
from numtorch import _dtype as D

_RNG = np.random.default_rng(1234)


def _normal(shape, dtype=np.float32, scale=1.0):
    return (_RNG.standard_normal(shape) * scale).astype(dtype)


@pytest.fixture(autouse=True)
def _restore_printoptions():
    yield
    torch.set_printoptions(profile="default")
    nt.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    nt.set_default_dtype(nt.float32)


def _both(arr):
    return torch.from_numpy(arr.copy()), nt.from_numpy(arr.copy())


def _check(arr):
    theirs, ours = _both(np.asarray(arr))
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


CASES = {
    # 0-d scalars
    "scalar_float": np.array(3.5, np.float32),
    "scalar_int_valued": np.array(2.0, np.float32),
    "scalar_int": np.array(7, np.int64),
    "scalar_bool": np.array(True),
    "scalar_small": np.array(1e-10, np.float32),
    "scalar_big": np.array(123456.789, np.float32),
    "scalar_f64": np.array(123456.789, np.float64),
    "scalar_nan": np.array(np.nan, np.float32),
    "scalar_negzero": np.array(-0.0, np.float32),
    # vectors and matrices
    "int_valued": np.array([1.0, 2.0], np.float32),
    "int_valued_neg": np.array([-1.0, 20.0, 300.0], np.float32),
    "precision4": np.array([1.123456, -2.5, 3.0], np.float32),
    "matrix": _normal((4, 5)),
    "matrix_tall": _normal((9, 2)),
    "matrix_f64": _normal((3, 3), np.float64),
    "matrix_scaled": _normal((3, 4), scale=1000.0),
    "matrix_tiny": _normal((3, 4), scale=1e-6),
    "3d": _normal((2, 3, 4)),
    "4d": _normal((2, 2, 3, 4)),
    "3d_ints": np.arange(24).reshape(2, 3, 4),
    # scientific-notation switch
    "sci_small_big": np.array([1e-5, 1.0, 1e8], np.float32),
    "sci_ratio": np.array([0.5, 1000.0], np.float32),
    "sci_1e10": np.array([1e-10, 1e10], np.float64),
    "sci_big_int": np.array([1e10, 1.0], np.float32),
    "sci_exp3": np.array([1e200, 1e-200], np.float64),
    "no_sci_1e8": np.array([1e8, 1.0, 2.0], np.float64),
    "big_value": np.array([123456.789, 1.5], np.float32),
    # nan / inf / zeros
    "nan_inf": np.array([np.nan, np.inf, -np.inf, 1.0], np.float32),
    "nan_inf_frac": np.array([np.nan, 1.5, -np.inf, 1e-5], np.float32),
    "only_nonfinite": np.array([np.nan, np.inf], np.float32),
    "zeros": np.zeros(3, np.float32),
    "negative_zero": np.array([-0.0, 0.0], np.float32),
    "negative_zero_frac": np.array([-0.0, 0.5], np.float32),
    "nan_zero": np.array([np.nan, 0.0]),
    # integer and bool dtypes
    "int64": np.array([1, -22, 333], np.int64),
    "int32": np.array([1, 2, 3], np.int32),
    "int16": np.array([[1, -2], [3, 4]], np.int16),
    "int8": np.array([-128, 127], np.int8),
    "uint8": np.array([0, 7, 255], np.uint8),
    "bool": np.array([True, False]),
    "bool_all_true": np.array([True, True]),
    "bool_matrix": np.array([[True, False], [False, True]]),
    # other float dtypes
    "float64": np.array([1.5, 2.25]),
    "float16": np.array([1.5, 2.0, 65504.0], np.float16),
    "float16_frac": _normal((2, 3), np.float16),
    # complex
    "complex64": np.array([1 + 2j, -3.5 - 0j, 0.25j], np.complex64),
    "complex128": np.array([1 - 2j, 3 + 4.5j]),
    "complex_scalar": np.array(1.5 - 2j, np.complex64),
    "complex_matrix": (_normal((3, 6)) + 1j * _normal((3, 6))).astype(np.complex64),
    # empty tensors
    "empty_1d": np.zeros((0,), np.float32),
    "empty_2d": np.zeros((0, 3), np.float32),
    "empty_int": np.zeros((0,), np.int64),
    "empty_f64": np.zeros((2, 0), np.float64),
    "empty_bool_3d": np.zeros((2, 0, 3), bool),
    # summarised past the threshold
    "large_1d": _normal(2000),
    "large_1d_int": np.arange(5000),
    "large_2d": _normal((50, 50)),
    "large_2d_tall": _normal((1001, 2)),
    "large_2d_wide": _normal((2, 1001)),
    "large_3d": _normal((20, 20, 20)),
    "large_bool": np.arange(2000) % 3 == 0,
    "large_complex": (_normal(1200) + 1j * _normal(1200)).astype(np.complex64),
    # wrapping of long rows
    "wide_row": _normal(30),
    "wide_matrix": _normal((3, 40), np.float64),
    "wide_ints": np.arange(100) * 1000,
    "wide_sci": _normal((2, 20), scale=1e-7),
}


@pytest.mark.parametrize("name", list(CASES))
def test_repr_matches_torch(name):
    _check(CASES[name])


_OPTION_DATA = [
    np.array(3.14159, np.float32),
    np.array([1e-5, 1.0], np.float32),
    _normal((4, 30)),
    _normal(2000),
    _normal((20, 20, 20), np.float64),
    np.arange(30),
    np.array([1.0, 2.0]),
    (_normal(10) + 1j).astype(np.complex128),
]

_OPTIONS = [
    dict(precision=2),
    dict(precision=0),
    dict(precision=8),
    dict(sci_mode=False),
    dict(sci_mode=True),
    dict(profile="full"),
    dict(profile="short"),
    dict(profile="short", precision=5),
    dict(threshold=5),
    dict(edgeitems=1, threshold=10),
    dict(edgeitems=0),
    dict(linewidth=30),
    dict(linewidth=5),
]


@pytest.mark.parametrize("opts", _OPTIONS, ids=[str(o) for o in _OPTIONS])
def test_set_printoptions(opts):
    torch.set_printoptions(**opts)
    nt.set_printoptions(**opts)
    assert nt._tensor_str.get_printoptions() == torch._tensor_str.get_printoptions()
    for arr in _OPTION_DATA:
        _check(arr)


def test_printoptions_reset():
    nt.set_printoptions(sci_mode=False, precision=2, edgeitems=1)
    nt.set_printoptions(precision=3)  # like torch, every call resets sci_mode
    assert nt._tensor_str.get_printoptions() == dict(precision=3, threshold=1000, edgeitems=1,
                                         linewidth=80, sci_mode=None)
    nt.set_printoptions(profile="default")
    assert nt._tensor_str.get_printoptions() == dict(precision=4, threshold=1000, edgeitems=3,
                                         linewidth=80, sci_mode=None)
    assert repr(nt.tensor([1.12345])) == "tensor([1.1235])"


@pytest.mark.parametrize("arr", [np.array([1.0, 2.0], np.float32), _normal((3, 25)),
                                 np.array(2.0, np.float32), np.array([1.0, 2.0]),
                                 _normal((40, 40))])
def test_autograd_suffixes(arr):
    theirs = torch.from_numpy(arr.copy()).requires_grad_()
    ours = nt.from_numpy(arr.copy()).requires_grad_()
    assert repr(ours) == repr(theirs)  # requires_grad=True
    assert repr(ours * 2) == repr(theirs * 2)  # grad_fn=<MulBackward0>
    assert repr(ours + ours) == repr(theirs + theirs)  # grad_fn=<AddBackward0>
    assert "grad_fn=<MulBackward0>" in repr(ours * 2)


def test_suffix_wraps_past_linewidth():
    for arr in [np.linspace(-1.1, 1.1, 8), np.linspace(-1.1, 1.1, 8).astype(np.float32),
                _normal((2, 9), np.float64)]:  # rows just short of 80 columns
        theirs = torch.from_numpy(arr.copy()).requires_grad_()
        ours = nt.from_numpy(arr.copy()).requires_grad_()
        assert repr(ours * 2) == repr(theirs * 2)
        assert repr(ours) == repr(theirs)
    wrapped = nt.from_numpy(np.linspace(-1.1, 1.1, 8)).requires_grad_()
    assert repr(wrapped).endswith(",\n       dtype=torch.float64, requires_grad=True)")


def test_default_dtype_float64():
    torch.set_default_dtype(torch.float64)
    nt.set_default_dtype(nt.float64)
    for arr in [np.array([1.5, 2.0]), np.array([1.5, 2.0], np.float32),
                np.array([1j, 2]), np.array([1j, 2], np.complex64),
                np.zeros((0,)), np.zeros((0,), np.float32)]:
        _check(arr)


def test_subclass_prefix_and_contents():
    class Mine(torch.Tensor):
        pass

    class MineNt(nt.Tensor):
        pass

    Mine.__name__ = MineNt.__name__ = "Mine"
    arr = np.array([1.0, 2.0], np.float32)
    theirs, ours = _both(arr)
    assert repr(ours.as_subclass(MineNt)) == repr(theirs.as_subclass(Mine))
    assert ours.__repr__(tensor_contents="[x]") == theirs.__repr__(tensor_contents="[x]")


def test_from_tensor_constructor():
    assert repr(nt.tensor([[1, 2], [3, 4]])) == repr(torch.tensor([[1, 2], [3, 4]]))
    assert repr(nt.tensor([True, False])) == "tensor([ True, False])"
    assert repr(nt.tensor(1.0, dtype=nt.float64)) == "tensor(1., dtype=torch.float64)"


def test_cuda_device_suffix():
    # no GPU here: mark a CPU tensor as living on cuda:0 to check torch's layout
    t = nt.tensor([1.0, 2.0])
    t._device = nt.device("cuda:0")
    assert repr(t) == "tensor([1., 2.], device='cuda:0')"
    t = nt.tensor([1, 2], dtype=nt.int32)
    t._device = nt.device("cuda:0")
    assert repr(t) == "tensor([1, 2], device='cuda:0', dtype=torch.int32)"


def test_printing_leaves_autograd_alone():
    x = nt.from_numpy(_normal((3, 3))).requires_grad_()
    y = x * 2
    repr(x)
    repr(y)
    assert x._version == 0 and y.grad_fn is not None and x.grad is None


@pytest.mark.skipif(D.bfloat16._np is None, reason="bfloat16 needs ml_dtypes")
def test_bfloat16():
    vals = [1.5, -2.0, 3.25]
    assert repr(nt.tensor(vals, dtype=nt.bfloat16)) == repr(
        torch.tensor(vals, dtype=torch.bfloat16))


def test_size(capsys):
    print(nt.Size([5, 3]))
    ours = capsys.readouterr().out
    print(torch.Size([5, 3]))
    assert ours == capsys.readouterr().out
    assert repr(nt.zeros(2, 3).shape) == repr(torch.zeros(2, 3).shape)
