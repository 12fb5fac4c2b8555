"""dtype objects, finfo/iinfo, promotion (promote_types, result_type), default dtype, can_cast:
all compared against real torch."""

import importlib.util
import itertools
import pickle

import pytest
import torch

import numtorch as nt

NAMES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64",
         "complex64", "complex128"]
FLOATS = ["float16", "float32", "float64"]
INTS = ["uint8", "int8", "int16", "int32", "int64"]
HAS_ML_DTYPES = importlib.util.find_spec("ml_dtypes") is not None


@pytest.fixture
def default_dtype():
    """Restores the default dtype of both libraries after the test."""
    yield
    nt.set_default_dtype(nt.float32)
    torch.set_default_dtype(torch.float32)


def test_repr_str_and_aliases():
    for n in NAMES + ["bfloat16"]:
        assert repr(getattr(nt, n)) == repr(getattr(torch, n)) == f"torch.{n}"
        assert str(getattr(nt, n)) == str(getattr(torch, n))
        assert isinstance(getattr(nt, n), nt.dtype)
    for alias in ["float", "double", "half", "long", "int", "short", "cfloat", "cdouble", "bool"]:
        assert repr(getattr(nt, alias)) == repr(getattr(torch, alias)), alias
    assert nt.float is nt.float32 and nt.long is nt.int64 and nt.cfloat is nt.complex64
    assert nt.float == nt.float32 and nt.float32 != nt.float64
    assert hash(nt.float) == hash(nt.float32)


def test_dtype_pickles_to_the_same_object():
    for n in NAMES + ["bfloat16"]:
        d = getattr(nt, n)
        assert pickle.loads(pickle.dumps(d)) is d


@pytest.mark.parametrize("name", NAMES + ["bfloat16"])
def test_dtype_properties(name):
    d, t = getattr(nt, name), getattr(torch, name)
    assert d.is_floating_point == t.is_floating_point
    assert d.is_complex == t.is_complex
    assert d.is_signed == t.is_signed
    assert d.itemsize == t.itemsize
    assert repr(d.to_real()) == repr(t.to_real())


@pytest.mark.parametrize("name", NAMES)
def test_to_complex(name):
    d, t = getattr(nt, name), getattr(torch, name)
    if name == "float16":  # torch.complex32 does not exist in numtorch
        with pytest.raises(TypeError, match="complex32"):
            d.to_complex()
    elif t.is_floating_point or t.is_complex:
        assert repr(d.to_complex()) == repr(t.to_complex())
    else:
        with pytest.raises(RuntimeError) as ours:
            d.to_complex()
        with pytest.raises(RuntimeError) as theirs:
            t.to_complex()
        assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("name", FLOATS + ["bfloat16", "complex64", "complex128"])
def test_finfo_matches_torch(name):
    ours, theirs = nt.finfo(getattr(nt, name)), torch.finfo(getattr(torch, name))
    for attr in ["bits", "eps", "max", "min", "tiny", "smallest_normal", "resolution", "dtype"]:
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    assert repr(ours) == repr(theirs)
    assert isinstance(ours.eps, float) and isinstance(ours.bits, int)


def test_finfo_default_and_equality(default_dtype):
    assert repr(nt.finfo()) == repr(torch.finfo())
    assert nt.finfo(nt.float32) == nt.finfo(nt.float32) != nt.finfo(nt.float64)
    nt.set_default_dtype(nt.float64)
    torch.set_default_dtype(torch.float64)
    assert nt.finfo().eps == torch.finfo().eps


@pytest.mark.parametrize("name", INTS)
def test_iinfo_matches_torch(name):
    ours, theirs = nt.iinfo(getattr(nt, name)), torch.iinfo(getattr(torch, name))
    for attr in ["bits", "max", "min", "dtype"]:
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    assert type(ours.max) is int
    assert repr(ours) == repr(theirs)


@pytest.mark.parametrize("lib_call", [
    lambda lib: lib.finfo(lib.int32),
    lambda lib: lib.finfo(lib.bool),
    lambda lib: lib.iinfo(lib.float32),
    lambda lib: lib.iinfo(lib.bool),
    lambda lib: lib.iinfo(lib.complex64),
])
def test_info_errors(lib_call):
    with pytest.raises(TypeError) as theirs:
        lib_call(torch)
    with pytest.raises(TypeError) as ours:
        lib_call(nt)
    assert str(ours.value) == str(theirs.value)


def test_promote_types_all_pairs():
    for a, b in itertools.product(NAMES, NAMES):
        ours = nt.promote_types(getattr(nt, a), getattr(nt, b))
        theirs = torch.promote_types(getattr(torch, a), getattr(torch, b))
        assert repr(ours) == repr(theirs), (a, b)


def test_promote_types_bfloat16():
    for b in NAMES + ["bfloat16"]:
        ours = nt.promote_types(nt.bfloat16, getattr(nt, b))
        theirs = torch.promote_types(torch.bfloat16, getattr(torch, b))
        assert repr(ours) == repr(theirs), b


SCALARS = {"bool": True, "int": 3, "float": 2.5, "complex": 1 + 2j}


def _operand(lib, kind, name):
    """A dim tensor, a 0-d tensor, or (kind == 'scalar') the Python scalar SCALARS[name]."""
    if kind == "scalar":
        return SCALARS[name]
    dt = getattr(lib, name)
    return lib.ones(2, dtype=dt) if kind == "dim" else lib.ones((), dtype=dt)


def _result_type_cases():
    kinds = [("dim", n) for n in NAMES] + [("zero", n) for n in NAMES] + \
            [("scalar", n) for n in SCALARS]
    return list(itertools.product(kinds, kinds))


def _check_result_types():
    checked = 0
    for (ka, a), (kb, b) in _result_type_cases():
        if ka == kb == "scalar":
            continue
        theirs = torch.result_type(_operand(torch, ka, a), _operand(torch, kb, b))
        if theirs == torch.complex32:  # not a numtorch dtype
            continue
        ours = nt.result_type(_operand(nt, ka, a), _operand(nt, kb, b))
        assert repr(ours) == repr(theirs), (ka, a, kb, b)
        checked += 1
    assert checked > 500


def test_result_type_exhaustive():
    """Every dtype pair over {dim tensor, 0-d tensor, Python scalar} x the same."""
    _check_result_types()


def test_result_type_exhaustive_default_float64(default_dtype):
    nt.set_default_dtype(nt.float64)
    torch.set_default_dtype(torch.float64)
    _check_result_types()


def test_result_type_of_two_scalars():
    for a, b in itertools.product(SCALARS.values(), SCALARS.values()):
        assert repr(nt.result_type(a, b)) == repr(torch.result_type(a, b)), (a, b)


def test_default_dtype_roundtrip_and_effects(default_dtype):
    assert nt.get_default_dtype() is nt.float32
    for name in ["float64", "float16", "float32"]:
        nt.set_default_dtype(getattr(nt, name))
        torch.set_default_dtype(getattr(torch, name))
        assert repr(nt.get_default_dtype()) == repr(torch.get_default_dtype())
        cases = [
            lambda lib: lib.tensor([1.5]),
            lambda lib: lib.tensor(1.5),
            lambda lib: lib.arange(0.0, 1.0, 0.25),
            lambda lib: lib.tensor([1, 2]) * 1.5,
            lambda lib: lib.tensor([1, 2]) / 2,
            lambda lib: lib.zeros(2),
            lambda lib: lib.ones(2, 3),
            lambda lib: lib.full((2,), 1.5),
            lambda lib: lib.linspace(0, 1, 3),
            lambda lib: lib.rand(2),
            lambda lib: lib.randn(2),
            lambda lib: lib.tensor([1j]),
        ]
        for i, case in enumerate(cases):
            if name == "float16" and i == len(cases) - 1:
                continue  # complex32
            assert repr(case(nt).dtype) == repr(case(torch).dtype), (name, i)


def test_set_default_dtype_rejects_non_float(default_dtype):
    for bad in [nt.int32, nt.complex64, nt.bool]:
        with pytest.raises(TypeError, match="only floating-point types are supported as the "
                                            "default type"):
            nt.set_default_dtype(bad)
    assert nt.get_default_dtype() is nt.float32


def test_can_cast_all_pairs():
    for a, b in itertools.product(NAMES, NAMES):
        ours = nt.can_cast(getattr(nt, a), getattr(nt, b))
        assert ours == torch.can_cast(getattr(torch, a), getattr(torch, b)), (a, b)


def test_tensor_dtype_predicates():
    for n in NAMES:
        x, t = nt.zeros(2, dtype=getattr(nt, n)), torch.zeros(2, dtype=getattr(torch, n))
        assert x.is_floating_point() == t.is_floating_point()
        assert nt.is_floating_point(x) == torch.is_floating_point(t)
        assert x.is_complex() == t.is_complex() == nt.is_complex(x)
        assert x.is_signed() == t.is_signed()
        assert x.element_size() == t.element_size()


@pytest.mark.skipif(HAS_ML_DTYPES, reason="ml_dtypes installed: bfloat16 works")
def test_bfloat16_without_ml_dtypes_is_a_clear_error_on_use():
    assert repr(nt.bfloat16) == "torch.bfloat16"  # exists at import
    assert nt.bfloat16.itemsize == 2 and nt.bfloat16.is_floating_point
    with pytest.raises(TypeError, match="ml_dtypes"):
        nt.zeros(2, dtype=nt.bfloat16)
    with pytest.raises(TypeError, match="ml_dtypes"):
        nt.tensor([1.0], dtype=nt.bfloat16)
    with pytest.raises(TypeError, match="ml_dtypes"):
        nt.ones(2).to(nt.bfloat16)


@pytest.mark.skipif(not HAS_ML_DTYPES, reason="needs ml_dtypes")
def test_bfloat16_with_ml_dtypes():
    x = nt.tensor([1.0, 2.5], dtype=nt.bfloat16)
    assert x.dtype is nt.bfloat16 and x.tolist() == [1.0, 2.5]
