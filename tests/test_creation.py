"""Creation ops against real torch: dtype inference, shapes, values, memory sharing, errors."""

import warnings

import numpy as np
import pytest
import torch

import numtorch as nt


def _run(fn, lib):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.range / copy-construct warnings: tested below
        try:
            return fn(lib), None
        except Exception as e:  # noqa: BLE001 - compared below
            return None, e


def _as_np(t):
    return t.detach().numpy() if isinstance(t, torch.Tensor) else t.detach().numpy()


def _same(ours, theirs, exact=True):
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, nt.Tensor), type(ours)
        assert tuple(ours.shape) == tuple(theirs.shape)
        assert repr(ours.dtype) == repr(theirs.dtype)
        assert ours.requires_grad == theirs.requires_grad
        if exact:
            np.testing.assert_array_equal(_as_np(ours), _as_np(theirs))
        else:  # torch's vectorised float loops round differently in the last bit
            np.testing.assert_allclose(_as_np(ours), _as_np(theirs), rtol=2e-7, atol=1e-7)
    elif isinstance(theirs, (torch.dtype, torch.Size, torch.device)):
        assert repr(ours) == repr(theirs)
    else:
        assert ours == theirs


def check(fn, exact=True, message=True):
    """Run ``fn(lib)`` on both libraries: same result, or the same exception (type and,
    with ``message``, text)."""
    theirs, terr = _run(fn, torch)
    ours, oerr = _run(fn, nt)
    if terr is not None:
        assert oerr is not None, f"torch raised {terr!r}, numtorch returned {ours!r}"
        assert type(oerr) is type(terr), (oerr, terr)
        if message:
            assert str(oerr).split("\n")[0] == str(terr).split("\n")[0]
        return
    if oerr is not None:
        raise oerr
    _same(ours, theirs, exact)


# ---------------------------------------------------------------- tensor()
TENSOR_CASES = {
    "ints": lambda lib: lib.tensor([1, 2, 3]),
    "floats": lambda lib: lib.tensor([1.0, 2]),
    "bools": lambda lib: lib.tensor([True, False]),
    "bool_int": lambda lib: lib.tensor([True, 2]),
    "bool_float": lambda lib: lib.tensor([True, 2.5]),
    "int_float": lambda lib: lib.tensor([1, 2.5]),
    "nested_mixed": lambda lib: lib.tensor([[1, 2], [3, 4.0]]),
    "scalar_int": lambda lib: lib.tensor(3),
    "scalar_float": lambda lib: lib.tensor(3.5),
    "scalar_bool": lambda lib: lib.tensor(True),
    "empty": lambda lib: lib.tensor([]),
    "empty_nested": lambda lib: lib.tensor([[]]),
    "empty_rows": lambda lib: lib.tensor([[], []]),
    "complex": lambda lib: lib.tensor([1 + 2j, 1]),
    "bool_complex": lambda lib: lib.tensor([True, 1j]),
    "tuple": lambda lib: lib.tensor((1, 2)),
    "list_of_tuples": lambda lib: lib.tensor([[1, 2], (3, 4)]),
    "range": lambda lib: lib.tensor(range(3)),
    "size": lambda lib: lib.tensor(lib.Size([2, 3])),
    "inf": lambda lib: lib.tensor([1, float("inf")]),
    "big_int": lambda lib: lib.tensor(2**62),
    "np_float32_scalar": lambda lib: lib.tensor(np.float32(2.5)),
    "np_float64_scalar": lambda lib: lib.tensor(np.float64(2.5)),
    "np_int32_scalar": lambda lib: lib.tensor(np.int32(2)),
    "np_scalars_in_list": lambda lib: lib.tensor([np.float32(1.5), 2]),
    "np_f64_f32": lambda lib: lib.tensor([np.float64(1.5), np.float32(2)]),
    "np_f16_pyfloat": lambda lib: lib.tensor([np.float16(1), 2.5]),
    "np_int8_int16": lambda lib: lib.tensor([np.int8(1), np.int16(2)]),
    "np_int8_pyint": lambda lib: lib.tensor([np.int8(1), 2]),
    "np_f32_bigint": lambda lib: lib.tensor([np.float32(1), 2**40]),
    "np_uint8_bool": lambda lib: lib.tensor([np.uint8(1), True]),
    "np_f32_complex": lambda lib: lib.tensor([np.float32(1), 1j]),
    "np_array": lambda lib: lib.tensor(np.array([1, 2], dtype=np.int16)),
    "np_0d": lambda lib: lib.tensor(np.array(2.5)),
    "np_bool_0d": lambda lib: lib.tensor(np.array(True)),
    "np_strided": lambda lib: lib.tensor(np.array([1, 2, 3])[::2]),
    "np_arrays_in_list": lambda lib: lib.tensor([np.array([1, 2]), np.array([3, 4])]),
    "np_array_and_list": lambda lib: lib.tensor([np.array([1, 2], dtype=np.int32), [3, 4]]),
    "0d_tensors_in_list": lambda lib: lib.tensor([lib.tensor(1.5), lib.tensor(2.0)]),
    "int32_tensor_in_list": lambda lib: lib.tensor([lib.tensor(1, dtype=lib.int32), 2]),
    "f64_tensor_in_list": lambda lib: lib.tensor([lib.tensor(1.5, dtype=lib.float64), 2]),
    "1elem_tensor_in_list": lambda lib: lib.tensor([lib.tensor([1.5]), 2]),
    "1x1_tensor_in_list": lambda lib: lib.tensor([lib.ones(1, 1), 2]),
    "nested_tensor_in_list": lambda lib: lib.tensor([[lib.tensor(1)], [2]]),
    "dtype_f64": lambda lib: lib.tensor([1, 2], dtype=lib.float64),
    "dtype_int_truncates": lambda lib: lib.tensor([1.7, -2.7], dtype=lib.int32),
    "dtype_int8_from_float": lambda lib: lib.tensor([1, 2.5], dtype=lib.int8),
    "dtype_bool": lambda lib: lib.tensor([1.5, 0], dtype=lib.bool),
    "dtype_int8_from_bool": lambda lib: lib.tensor([True], dtype=lib.int8),
    "dtype_complex": lambda lib: lib.tensor([1, 2], dtype=lib.complex64),
    "dtype_f16": lambda lib: lib.tensor([1.1, 2.2], dtype=lib.float16),
    "uint8_wraps_small_negative": lambda lib: lib.tensor([-1, -200, -255], dtype=lib.uint8),
    "f32_overflow_is_inf": lambda lib: lib.tensor([1e300], dtype=lib.float32),
    "bigint_to_float": lambda lib: lib.tensor([2**63], dtype=lib.float32),
    "float_and_huge_int": lambda lib: lib.tensor([1.5, 2**70]),
    "requires_grad": lambda lib: lib.tensor([[1.0, 2], [3, 4]], requires_grad=True),
    "copy_of_tensor": lambda lib: lib.tensor(lib.ones(2, requires_grad=True)),
    "copy_of_tensor_dtype": lambda lib: lib.tensor(lib.ones(2), dtype=lib.int64),
}

TENSOR_ERRORS = {
    "ragged": lambda lib: lib.tensor([[1, 2], [3]]),
    "ragged_deep": lambda lib: lib.tensor([[[1], [2]], [[3], [4, 5]]]),
    "ragged_empty": lambda lib: lib.tensor([[1, 2], []]),
    "ragged_empty2": lambda lib: lib.tensor([[1], []]),
    "scalar_where_list": lambda lib: lib.tensor([[1, 2], 3]),
    "scalar_where_list2": lambda lib: lib.tensor([[1], 2]),
    "list_where_int": lambda lib: lib.tensor([1, [2]]),
    "tuple_where_int": lambda lib: lib.tensor([1, (2,)]),
    "list_where_float": lambda lib: lib.tensor([[1.5, 2], [1.5, [2]]]),
    "str": lambda lib: lib.tensor("abc"),
    "str_in_list": lambda lib: lib.tensor([1, "a"]),
    "none": lambda lib: lib.tensor(None),
    "none_in_list": lambda lib: lib.tensor([1, None]),
    "dict": lambda lib: lib.tensor({1: 2}),
    "object": lambda lib: lib.tensor(object()),
    "overflow_int64": lambda lib: lib.tensor(2**63),
    "overflow_int64_list": lambda lib: lib.tensor([2**64]),
    "overflow_negative": lambda lib: lib.tensor(-(2**63) - 1),
    "overflow_uint8": lambda lib: lib.tensor([256], dtype=lib.uint8),
    "overflow_uint8_negative": lambda lib: lib.tensor([-256], dtype=lib.uint8),
    "overflow_int8": lambda lib: lib.tensor([128], dtype=lib.int8),
    "overflow_int8_scalar": lambda lib: lib.tensor(-129, dtype=lib.int8),
    "overflow_int32": lambda lib: lib.tensor([2**63 - 1], dtype=lib.int32),
    "overflow_float_to_int32": lambda lib: lib.tensor([1e10], dtype=lib.int32),
    "overflow_float_to_uint8": lambda lib: lib.tensor([-1.5], dtype=lib.uint8),
    "nan_to_int": lambda lib: lib.tensor([float("nan")], dtype=lib.int64),
    "complex_to_float": lambda lib: lib.tensor([1j], dtype=lib.float32),
    "multi_element_float_tensors": lambda lib: lib.tensor([lib.ones(2), lib.ones(2)]),
    "multi_element_int_tensors": lambda lib: lib.tensor([lib.ones(2, dtype=lib.int64)] * 2),
    "mixed_tensor_and_list": lambda lib: lib.tensor([lib.tensor([1.0, 2]), [3, 4]]),
    "int_requires_grad": lambda lib: lib.tensor(1, requires_grad=True),
    "negative_strides": lambda lib: lib.tensor(np.array([1.0, 2], dtype=np.float32)[::-1]),
    "bad_dtype": lambda lib: lib.tensor([1], dtype="float32"),
}


@pytest.mark.parametrize("name", list(TENSOR_CASES))
def test_tensor(name):
    check(TENSOR_CASES[name])


@pytest.mark.parametrize("name", list(TENSOR_ERRORS))
def test_tensor_errors(name):
    check(TENSOR_ERRORS[name], message=name != "bad_dtype")


def test_tensor_nan():
    x = nt.tensor(float("nan"))
    assert x.dtype is nt.float32 and np.isnan(x.item())


def test_tensor_copies_and_warns_on_tensor_input():
    a = np.array([1.0, 2.0])
    t = nt.tensor(a)
    a[0] = 5
    assert t.tolist() == [1.0, 2.0]
    src = nt.ones(2, requires_grad=True)
    with pytest.warns(UserWarning, match=r"sourceTensor\.detach\(\)\.clone\(\)"):
        c = nt.tensor(src)
    assert not c.requires_grad and c.is_leaf
    c.add_(1)
    assert src.tolist() == [1.0, 1.0]


def test_tensor_default_dtype_follows_setting():
    nt.set_default_dtype(nt.float64)
    try:
        assert nt.tensor([1.5]).dtype is nt.float64
        assert nt.tensor([1, 2.5]).dtype is nt.float64
        assert nt.tensor([1j]).dtype is nt.complex128
        assert nt.tensor([1, 2]).dtype is nt.int64
        assert nt.tensor([np.float32(1.5)]).dtype is nt.float32
    finally:
        nt.set_default_dtype(nt.float32)


# ---------------------------------------------------------------- from_numpy / as_tensor
def test_from_numpy_shares_memory():
    a = np.arange(6.0).reshape(2, 3)
    t = nt.from_numpy(a)
    assert t.dtype is nt.float64 and t.shape == (2, 3)
    a[0, 0] = 100
    assert t[0, 0].item() == 100
    t.add_(1)
    assert a[1, 2] == 6
    tt = nt.from_numpy(a.T)  # non-contiguous arrays keep their strides
    assert tt.stride() == torch.from_numpy(a.T).stride()


@pytest.mark.parametrize("dt", ["float16", "float32", "float64", "complex64", "complex128",
                                "int8", "int16", "int32", "int64", "uint8", "bool"])
def test_from_numpy_dtypes(dt):
    a = np.zeros(3, dtype=dt)
    assert repr(nt.from_numpy(a).dtype) == repr(torch.from_numpy(a).dtype)


@pytest.mark.parametrize("make", [
    lambda: np.array([1, 2], dtype=object),
    lambda: np.array(["a"]),
    lambda: [1, 2],
    lambda: np.array([1.0], dtype=">f8"),
    lambda: np.array([1.0, 2.0])[::-1],
])
def test_from_numpy_errors(make):
    with pytest.raises(Exception) as theirs:
        torch.from_numpy(make())
    with pytest.raises(type(theirs.value)):
        nt.from_numpy(make())


def test_from_numpy_unsupported_dtype_is_type_error():
    with pytest.raises(TypeError, match="can't convert np.ndarray of type numpy.uint16"):
        nt.from_numpy(np.zeros(2, dtype=np.uint16))


def test_from_numpy_0d_and_empty():
    check(lambda lib: lib.from_numpy(np.array(5)))
    check(lambda lib: lib.from_numpy(np.zeros((2, 0))))


def test_from_numpy_non_writeable_warns():
    a = np.arange(3.0)
    a.flags.writeable = False
    with pytest.warns(UserWarning, match="The given NumPy array is not writable"):
        t = nt.from_numpy(a)
    assert t.tolist() == [0.0, 1.0, 2.0]
    with pytest.warns(UserWarning, match="not writable"):
        nt.as_tensor(a)


def test_as_tensor_shares_memory_when_dtype_matches():
    a = np.array([1.0, 2.0])
    t = nt.as_tensor(a)
    a[0] = 9
    assert t[0].item() == 9
    t32 = nt.as_tensor(a, dtype=nt.float32)  # a conversion copies
    a[1] = 7
    assert t32.dtype is nt.float32 and t32.tolist() == [9.0, 2.0]
    x = nt.ones(2)
    assert nt.as_tensor(x) is x
    assert nt.as_tensor(x, dtype=nt.float64).dtype is nt.float64
    check(lambda lib: lib.as_tensor([1, 2], dtype=lib.float64))
    check(lambda lib: lib.as_tensor([1, 2.5]))


def test_asarray():
    a = np.array([1.0, 2.0], dtype=np.float32)
    t = nt.asarray(a)
    a[0] = 3
    assert t[0].item() == 3
    c = nt.asarray(a, copy=True)
    a[0] = 4
    assert c[0].item() == 3
    check(lambda lib: lib.asarray([1, 2.5]))
    check(lambda lib: lib.asarray(3.5))
    check(lambda lib: lib.asarray(np.float32(2)))
    check(lambda lib: lib.asarray(lib.ones(2), dtype=lib.int64))
    check(lambda lib: lib.asarray(np.array([1, 2]), dtype=lib.float32, copy=False))
    check(lambda lib: lib.asarray(np.array([1.0, 2], dtype=np.float32)[::-1]))
    r = nt.asarray([1.0, 2.0], requires_grad=True)
    assert r.requires_grad and r.is_leaf


# ---------------------------------------------------------------- factories
FACTORY_CASES = {
    "zeros_varargs": lambda lib: lib.zeros(2, 3),
    "zeros_tuple": lambda lib: lib.zeros((2, 3)),
    "zeros_list": lambda lib: lib.zeros([2, 3]),
    "zeros_size": lambda lib: lib.zeros(lib.Size([2, 3])),
    "zeros_kw_size": lambda lib: lib.zeros(size=(2, 3)),
    "zeros_0d": lambda lib: lib.zeros(()),
    "zeros_empty": lambda lib: lib.zeros(0),
    "zeros_int32": lambda lib: lib.zeros(2, dtype=lib.int32),
    "zeros_np_int": lambda lib: lib.zeros((np.int32(2), 3)),
    "zeros_tensor_size": lambda lib: lib.zeros(lib.tensor(2)),
    "zeros_bool_in_varargs": lambda lib: lib.zeros(2, True),
    "zeros_requires_grad": lambda lib: lib.zeros(2, requires_grad=True),
    "zeros_layout": lambda lib: lib.zeros(2, 3, dtype=lib.float32, layout=lib.strided),
    "ones_bool": lambda lib: lib.ones(2, 3, dtype=lib.bool),
    "ones_np_int": lambda lib: lib.ones(np.int64(2)),
    "ones_kw_size_list": lambda lib: lib.ones(size=[2]),
    "empty_shape": lambda lib: lib.empty(2, 3).shape,
    "empty_dtype": lambda lib: lib.empty((2, 3), dtype=lib.int64).dtype,
    "empty_rg": lambda lib: lib.empty(2, 3, dtype=lib.float64, requires_grad=True).requires_grad,
    "empty_strided": lambda lib: lib.empty_strided((2, 3), (3, 1)).shape,
    "full_float": lambda lib: lib.full((2, 3), 1.5),
    "full_int": lambda lib: lib.full((2,), 7),
    "full_bool": lambda lib: lib.full((2,), True),
    "full_complex": lambda lib: lib.full((2,), 1 + 1j),
    "full_list_dtype": lambda lib: lib.full([2], 3, dtype=lib.float64),
    "full_kw": lambda lib: lib.full(size=(2,), fill_value=3),
    "full_tensor_float": lambda lib: lib.full((2,), lib.tensor(2.5)),
    "full_tensor_f64": lambda lib: lib.full((2,), lib.tensor(2.5, dtype=lib.float64)),
    "full_tensor_int": lambda lib: lib.full((2,), lib.tensor(3)),
    "full_tensor_int32": lambda lib: lib.full((2,), lib.tensor(2, dtype=lib.int32)),
    "full_np_float32": lambda lib: lib.full((2,), np.float32(2)),
    "full_float_into_int": lambda lib: lib.full((2,), 1.5, dtype=lib.int64),
    "full_uint8_negative": lambda lib: lib.full((2,), -1, dtype=lib.uint8),
    "zeros_like_int": lambda lib: lib.zeros_like(lib.ones(2, dtype=lib.int32)),
    "ones_like": lambda lib: lib.ones_like(lib.ones(2, 3)),
    "ones_like_no_grad": lambda lib: lib.ones_like(lib.ones(2, requires_grad=True)),
    "zeros_like_dtype": lambda lib: lib.zeros_like(lib.ones(2), dtype=lib.int64),
    "zeros_like_rg": lambda lib: lib.zeros_like(lib.ones(2), requires_grad=True),
    "full_like_truncates": lambda lib: lib.full_like(lib.ones(2, dtype=lib.int32), 2.7),
    "full_like_int_value": lambda lib: lib.full_like(lib.ones(2), 7),
    "empty_like": lambda lib: lib.empty_like(lib.ones(2, dtype=lib.float64)).dtype,
    "scalar_tensor_int": lambda lib: lib.scalar_tensor(3),
    "scalar_tensor_f64": lambda lib: lib.scalar_tensor(2.5, dtype=lib.float64),
    "scalar_tensor_bool": lambda lib: lib.scalar_tensor(True),
    "eye": lambda lib: lib.eye(3),
    "eye_rect": lambda lib: lib.eye(2, 3),
    "eye_kw": lambda lib: lib.eye(n=2, m=3),
    "eye_int": lambda lib: lib.eye(3, dtype=lib.int64),
    "eye_bool": lambda lib: lib.eye(2, dtype=lib.bool),
    "eye_complex": lambda lib: lib.eye(2, dtype=lib.complex64),
    "eye_0": lambda lib: lib.eye(0),
    "tril_indices": lambda lib: lib.tril_indices(3, 3),
    "tril_indices_offset": lambda lib: lib.tril_indices(4, 3, 1),
    "tril_indices_int32": lambda lib: lib.tril_indices(3, 3, dtype=lib.int32),
    "tril_indices_empty": lambda lib: lib.tril_indices(0, 0),
    "triu_indices": lambda lib: lib.triu_indices(3, 3),
    "triu_indices_offset": lambda lib: lib.triu_indices(3, 4, -1),
    "triu_indices_big_offset": lambda lib: lib.triu_indices(4, 4, 10),
    "complex_f32": lambda lib: lib.complex(lib.ones(2), lib.zeros(2)),
    "complex_f64": lambda lib: lib.complex(lib.ones(2, dtype=lib.float64),
                                           lib.full((2,), 2.0, dtype=lib.float64)),
    "frombuffer": lambda lib: lib.frombuffer(bytearray(b"\x01\x02\x03\x04"), dtype=lib.uint8),
    "frombuffer_int32": lambda lib: lib.frombuffer(bytearray(8), dtype=lib.int32),
    "zeros_out": lambda lib: lib.zeros(2, 3, out=lib.empty(6)),
    "device_str": lambda lib: lib.zeros(2, device="cpu").device,
    "device_obj": lambda lib: lib.zeros(2, device=lib.device("cpu")).device,
}

FACTORY_ERRORS = {
    "zeros_no_size": lambda lib: lib.zeros(),
    "zeros_negative": lambda lib: lib.ones(-1, 2),
    "zeros_float": lambda lib: lib.zeros(2.5),
    "zeros_float_in_varargs": lambda lib: lib.zeros(2, 2.5),
    "zeros_float_in_tuple": lambda lib: lib.zeros((2, 2.5)),
    "zeros_str": lambda lib: lib.zeros("a"),
    "zeros_bool": lambda lib: lib.zeros(True),
    "zeros_none": lambda lib: lib.zeros(None),
    "zeros_ndarray": lambda lib: lib.zeros(np.array([2, 3])),
    "zeros_float_tensor": lambda lib: lib.zeros(lib.tensor(2.0)),
    "zeros_two_tuples": lambda lib: lib.zeros((2, 2), (3,)),
    "zeros_int_and_tuple": lambda lib: lib.zeros(2, (3,)),
    "zeros_unknown_kwarg": lambda lib: lib.zeros(2, 3, names=None),
    "zeros_int_requires_grad": lambda lib: lib.zeros(2, dtype=lib.int64, requires_grad=True),
    "zeros_bad_device": lambda lib: lib.zeros(2, device="foo"),
    "full_int_size": lambda lib: lib.full(2, 3),
    "full_str": lambda lib: lib.full((2,), "a"),
    "full_multi_element_tensor": lambda lib: lib.full((2,), lib.tensor([2.5])),
    "full_uint8_overflow": lambda lib: lib.full((2,), 300, dtype=lib.uint8),
    "full_nan_into_int": lambda lib: lib.full((2,), float("nan"), dtype=lib.int64),
    "full_complex_into_float": lambda lib: lib.full((2,), 1j, dtype=lib.float32),
    "eye_negative": lambda lib: lib.eye(-1),
    "eye_negative_m": lambda lib: lib.eye(2, -1),
    "eye_float": lambda lib: lib.eye(2.5),
    "tril_indices_negative_row": lambda lib: lib.tril_indices(-1, 3),
    "tril_indices_negative_col": lambda lib: lib.tril_indices(3, -1),
    "tril_indices_float": lambda lib: lib.tril_indices(3, 3, dtype=lib.float32),
    "tril_indices_int16": lambda lib: lib.tril_indices(3, 3, dtype=lib.int16),
    "complex_int": lambda lib: lib.complex(lib.ones(2, dtype=lib.int64),
                                           lib.zeros(2, dtype=lib.int64)),
    "complex_mixed": lambda lib: lib.complex(lib.ones(2), lib.ones(2, dtype=lib.float64)),
}


@pytest.mark.parametrize("name", list(FACTORY_CASES))
def test_factories(name):
    check(FACTORY_CASES[name])


@pytest.mark.parametrize("name", list(FACTORY_ERRORS))
def test_factory_errors(name):
    # the device parser lists its device types: same type, message checked elsewhere
    check(FACTORY_ERRORS[name], message=name not in ("zeros_bad_device", "zeros_no_size"))


def test_empty_is_usable_and_sized():
    e = nt.empty(3, 4)
    assert e.shape == (3, 4) and e.dtype is nt.float32
    e.fill_(2)
    assert e.sum().item() == 24


# ---------------------------------------------------------------- ranges
RANGE_CASES = {
    "arange_int": lambda lib: lib.arange(5),
    "arange_float_end": lambda lib: lib.arange(5.0),
    "arange_start_end": lambda lib: lib.arange(1, 4),
    "arange_bool": lambda lib: lib.arange(True),
    "arange_np_int": lambda lib: lib.arange(np.int64(3)),
    "arange_np_float": lambda lib: lib.arange(np.float32(1.5)),
    "arange_tensor": lambda lib: lib.arange(lib.tensor(3)),
    "arange_empty": lambda lib: lib.arange(1, 1),
    "arange_float_step": lambda lib: lib.arange(0, 1, 0.1),
    "arange_float_step2": lambda lib: lib.arange(0, 1, 0.3),
    "arange_float_step3": lambda lib: lib.arange(1, 2.5, 0.5),
    "arange_float_start": lambda lib: lib.arange(0.5, 3),
    "arange_negative_step": lambda lib: lib.arange(10, 0, -3),
    "arange_negative_float_step": lambda lib: lib.arange(0, -1, -0.25),
    "arange_mixed": lambda lib: lib.arange(-5, 5, 2.5),
    "arange_small_step": lambda lib: lib.arange(0, 1e-2, 1e-3),
    "arange_f64": lambda lib: lib.arange(5, dtype=lib.float64),
    "arange_f64_step": lambda lib: lib.arange(0, 2, 0.1, dtype=lib.float64),
    "arange_f32_symmetric": lambda lib: lib.arange(-1, 1, 0.1),
    "arange_f16": lambda lib: lib.arange(0, 1, 1, dtype=lib.float16),
    "arange_int32": lambda lib: lib.arange(0, 5, 2, dtype=lib.int32),
    "arange_int64_float_bounds": lambda lib: lib.arange(0.5, 5.9, dtype=lib.int64),
    "arange_int64_float_step": lambda lib: lib.arange(0, 5.9, 1.9, dtype=lib.int64),
    "arange_int64_neg_start": lambda lib: lib.arange(-0.5, 3, dtype=lib.int64),
    "arange_int64_float_step2": lambda lib: lib.arange(0, 5, 1.5, dtype=lib.int64),
    "arange_int32_float_step": lambda lib: lib.arange(0, 10, 2.5, dtype=lib.int32),
    "arange_int64_negative": lambda lib: lib.arange(10, 0.5, -1.5, dtype=lib.int64),
    "arange_int16_negative": lambda lib: lib.arange(10, 0.5, -1.5, dtype=lib.int16),
    "arange_big": lambda lib: lib.arange(2**40, 2**40 + 3),
    "arange_requires_grad": lambda lib: lib.arange(3.0, requires_grad=True),
    "arange_out": lambda lib: lib.arange(3, out=lib.empty(3, dtype=lib.int64)),
    "linspace": lambda lib: lib.linspace(0, 1, 5),
    "linspace_thirds": lambda lib: lib.linspace(0, 10, 4),
    "linspace_7": lambda lib: lib.linspace(0, 1, 7),
    "linspace_odd": lambda lib: lib.linspace(-3.3, 17.1, 11),
    "linspace_long": lambda lib: lib.linspace(1e-3, 1e3, 101),
    "linspace_f64": lambda lib: lib.linspace(0, 1, 7, dtype=lib.float64),
    "linspace_f16": lambda lib: lib.linspace(0, 1, 5, dtype=lib.float16),
    "linspace_int": lambda lib: lib.linspace(0, 10, 4, dtype=lib.int64),
    "linspace_int32": lambda lib: lib.linspace(0, 10, 13, dtype=lib.int32),
    "linspace_uint8": lambda lib: lib.linspace(0, 255, 4, dtype=lib.uint8),
    "linspace_one": lambda lib: lib.linspace(-1, 1, 1),
    "linspace_zero": lambda lib: lib.linspace(0, 1, 0),
    "linspace_descending": lambda lib: lib.linspace(3, -3, 7),
    "linspace_tensors": lambda lib: lib.linspace(lib.tensor(0.0), lib.tensor(1.0), 3),
    "linspace_complex": lambda lib: lib.linspace(1 + 1j, 2, 3),
    "linspace_complex_dtype": lambda lib: lib.linspace(-1, 1, 5, dtype=lib.complex64),
    "logspace": lambda lib: lib.logspace(0, 2, 3),
    "logspace_base2": lambda lib: lib.logspace(0, 2, 3, base=2),
    "logspace_int": lambda lib: lib.logspace(0, 3, 4, dtype=lib.int64),
    "logspace_negative": lambda lib: lib.logspace(-2, 2, 9),
    "logspace_f64": lambda lib: lib.logspace(0, 1, 3, dtype=lib.float64),
    "logspace_empty": lambda lib: lib.logspace(0, 1, 0),
    "range": lambda lib: lib.range(0, 4),
    "range_float": lambda lib: lib.range(0, 1, 0.25),
    "range_float_step": lambda lib: lib.range(0, 1, 0.3),
    "range_descending": lambda lib: lib.range(3, 0, -1),
    "range_int64": lambda lib: lib.range(1, 4, dtype=lib.int64),
}

RANGE_ERRORS = {
    "arange_zero_step": lambda lib: lib.arange(0, 1, 0),
    "arange_truncated_zero_step": lambda lib: lib.arange(0, 1.0, 0.1, dtype=lib.int64),
    "arange_wrong_sign": lambda lib: lib.arange(0, 10, -1),
    "arange_wrong_sign2": lambda lib: lib.arange(1, 0),
    "arange_nan": lambda lib: lib.arange(float("nan")),
    "arange_nan_start": lambda lib: lib.arange(float("nan"), 3),
    "arange_inf": lambda lib: lib.arange(float("inf")),
    "arange_bool_dtype": lambda lib: lib.arange(0, 3, 1, dtype=lib.bool),
    "arange_int_requires_grad": lambda lib: lib.arange(3, requires_grad=True),
    "linspace_negative": lambda lib: lib.linspace(0, 1, -1),
    "linspace_bool": lambda lib: lib.linspace(0, 1, 3, dtype=lib.bool),
    "logspace_negative": lambda lib: lib.logspace(0, 1, -1),
    "range_no_end": lambda lib: lib.range(5),
}


@pytest.mark.parametrize("name", list(RANGE_CASES))
def test_ranges(name):
    check(RANGE_CASES[name], exact=False)


@pytest.mark.parametrize("name", list(RANGE_ERRORS))
def test_range_errors(name):
    check(RANGE_ERRORS[name], message=name != "range_no_end")


def test_linspace_float_steps_type_error():
    with pytest.raises(TypeError):
        nt.linspace(0, 1, 2.5)


def test_arange_float_length_is_ceil():
    # the length is ceil((end - start) / step), never one past end
    for start, end, step in [(0, 1, 0.1), (0, 1, 1 / 3), (1, 2.5, 0.5), (0, 0.9, 0.3),
                             (10, 0, -0.7), (-1, 1, 0.25)]:
        assert nt.arange(start, end, step).shape == torch.arange(start, end, step).shape
        assert (nt.arange(start, end, step) < end).all() if step > 0 else True


def test_range_warns_deprecated():
    with pytest.warns(UserWarning, match="torch.range is deprecated"):
        r = nt.range(1, 4)
    assert r.tolist() == [1.0, 2.0, 3.0, 4.0] and r.dtype is nt.float32


# ---------------------------------------------------------------- legacy constructors
LEGACY_CASES = {
    "Tensor_size": lambda lib: lib.Tensor(2, 3).shape,
    "Tensor_size_dtype": lambda lib: lib.Tensor(2, 3).dtype,
    "Tensor_data": lambda lib: lib.Tensor([[2, 3], [4, 5]]),
    "Tensor_empty": lambda lib: lib.Tensor(),
    "Tensor_Size": lambda lib: lib.Tensor(lib.Size([2, 3])).shape,
    "Tensor_bools": lambda lib: lib.Tensor([True, False]),
    "Tensor_tuple": lambda lib: lib.Tensor((1, 2)),
    "Tensor_ndarray": lambda lib: lib.Tensor(np.array([1, 2])),
    "Tensor_tensor": lambda lib: lib.Tensor(lib.ones(2)),
    "Tensor_long_tensor": lambda lib: lib.Tensor(lib.ones(2, dtype=lib.int64)),
    "FloatTensor": lambda lib: lib.FloatTensor([1, 0.1]),
    "FloatTensor_size": lambda lib: lib.FloatTensor(2, 3).dtype,
    "FloatTensor_ndarray": lambda lib: lib.FloatTensor(np.array([1, 2.0])),
    "DoubleTensor": lambda lib: lib.DoubleTensor(2).shape,
    "DoubleTensor_data": lambda lib: lib.DoubleTensor([1, 2]),
    "LongTensor": lambda lib: lib.LongTensor([1, 2]),
    "LongTensor_truncates": lambda lib: lib.LongTensor([1.7, 2]),
    "LongTensor_of_long": lambda lib: lib.LongTensor(lib.ones(2, dtype=lib.int64)),
    "IntTensor": lambda lib: lib.IntTensor([1, 2]),
    "ByteTensor": lambda lib: lib.ByteTensor([1, 2]),
    "BoolTensor": lambda lib: lib.BoolTensor([1, 0]),
    "HalfTensor": lambda lib: lib.HalfTensor([1.5]),
    "isinstance_float": lambda lib: isinstance(lib.ones(2), lib.FloatTensor),
    "isinstance_long_false": lambda lib: isinstance(lib.ones(2), lib.LongTensor),
    "isinstance_long": lambda lib: isinstance(lib.ones(2, dtype=lib.int64), lib.LongTensor),
    "isinstance_double": lambda lib: isinstance(lib.ones(2, dtype=lib.float64),
                                                lib.DoubleTensor),
    "isinstance_Tensor": lambda lib: isinstance(lib.FloatTensor([1]), lib.Tensor),
}

LEGACY_ERRORS = {
    "Tensor_float": lambda lib: lib.Tensor(2.5),
    "LongTensor_float": lambda lib: lib.LongTensor(2.5),
    "Tensor_bad_size": lambda lib: lib.Tensor(2, 3.5),
    "Tensor_two_lists": lambda lib: lib.Tensor([1, 2], [3]),
    "FloatTensor_of_long": lambda lib: lib.FloatTensor(lib.ones(2, dtype=lib.int64)),
    "Tensor_negative": lambda lib: lib.Tensor(-1),
}


@pytest.mark.parametrize("name", list(LEGACY_CASES))
def test_legacy_constructors(name):
    check(LEGACY_CASES[name])


@pytest.mark.parametrize("name", list(LEGACY_ERRORS))
def test_legacy_constructor_errors(name):
    check(LEGACY_ERRORS[name], message=name == "Tensor_float" or name == "Tensor_bad_size")


def test_legacy_tensor_follows_default_dtype():
    nt.set_default_dtype(nt.float64)
    try:
        assert nt.Tensor([1, 2]).dtype is nt.float64
        assert nt.FloatTensor([1, 2]).dtype is nt.float32
    finally:
        nt.set_default_dtype(nt.float32)


def test_legacy_tensor_of_tensor_aliases():
    x = nt.ones(2)
    y = nt.Tensor(x)
    y[0] = 5
    assert x[0].item() == 5


# ---------------------------------------------------------------- new_* methods
NEW_CASES = {
    "new_tensor_keeps_dtype": lambda lib: lib.ones(2, dtype=lib.int32).new_tensor([1.5, 2]),
    "new_tensor_float": lambda lib: lib.ones(2).new_tensor([1, 2]),
    "new_tensor_dtype": lambda lib: lib.ones(2).new_tensor([1, 2], dtype=lib.int64),
    "new_tensor_of_tensor": lambda lib: lib.ones(2).new_tensor(lib.tensor([1, 2])),
    "new_tensor_rg": lambda lib: lib.ones(2).new_tensor([1, 2], requires_grad=True),
    "new_zeros": lambda lib: lib.ones(2, dtype=lib.float64).new_zeros(2, 3),
    "new_zeros_tuple": lambda lib: lib.ones(2, dtype=lib.float64).new_zeros((2, 3)),
    "new_zeros_rg": lambda lib: lib.ones(2).new_zeros(2, requires_grad=True),
    "new_zeros_of_rg": lambda lib: lib.ones(2, requires_grad=True).new_zeros(2),
    "new_ones_dtype": lambda lib: lib.ones(2).new_ones(5, 3, dtype=lib.float64),
    "new_ones_long": lambda lib: lib.ones(2, dtype=lib.int64).new_ones(2),
    "new_ones_to_float": lambda lib: lib.ones(2, dtype=lib.int64).new_ones((2,),
                                                                            dtype=lib.float32),
    "new_ones_Size": lambda lib: lib.ones(2).new_ones(lib.Size([2])),
    "new_ones_0d": lambda lib: lib.ones(2).new_ones([]),
    "new_full_int": lambda lib: lib.ones(2, dtype=lib.int32).new_full((2,), 3.7),
    "new_full": lambda lib: lib.ones(2).new_full([2], 3),
    "new_empty_shape": lambda lib: lib.ones(2).new_empty(3).shape,
    "new_empty_dtype": lambda lib: lib.ones(2, dtype=lib.float16).new_empty((3,)).dtype,
}


@pytest.mark.parametrize("name", list(NEW_CASES))
def test_new_methods(name):
    check(NEW_CASES[name])


def test_new_methods_errors():
    check(lambda lib: lib.ones(2).new_ones(), message=False)
    check(lambda lib: lib.ones(2, dtype=lib.int64).new_zeros(2, requires_grad=True))


def test_new_tensor_warns_on_tensor_input():
    with pytest.warns(UserWarning, match=r"rather than tensor\.new_tensor\(sourceTensor\)"):
        nt.ones(2).new_tensor(nt.tensor([1, 2]))
