"""opdb rows: losses (torch.nn.functional.*_loss, cross_entropy, kl_div, ...).

Each loss runs every reduction and its options; weights go in kwargs (not differentiated),
integer targets are not differentiated, float targets are where torch differentiates them.
The first two samples of each row are tiny so the float64 gradcheck runs on them.
"""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, away_from_zero, positive, rand

RED = ("mean", "sum", "none")


def _F(name):
    return lambda lib, *a, **kw: getattr(lib.nn.functional, name)(*a, **kw)


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


def _sign(rng, shape, dt):
    return np.where(rng.random(shape) < 0.5, -1, 1).astype(dt)


def _prob(rng, shape, dt, lo=0.05, hi=0.95):
    return rand(rng, shape, dt, lo, hi)


def _labels(rng, shape, c, ignore=None):
    t = rng.integers(0, c, size=shape).astype(np.int64)
    if ignore is not None:
        t[rng.random(shape) < 0.3] = ignore
    return t


def _bad_reduction(*args):
    return _e(*args, exc=ValueError, match="foo is not a valid value for reduction",
              reduction="foo")


# ---------------------------------------------------------------- regression losses
def _pair(rng, shape, dt):
    x = rand(rng, shape, dt)
    return x, np.asarray(x + away_from_zero(rng, shape, dt), dt)


def _regression_samples(extra=()):
    def samples(rng, dt):
        out = []
        for red in RED:
            out.append(Sample(_pair(rng, (3, 4), dt), {"reduction": red}))
        out.append(Sample(_pair(rng, (2, 3, 2), dt)))
        out.append(Sample(_pair(rng, (), dt)))
        out.append(Sample(_pair(rng, (0, 3), dt), {"reduction": "sum"}))
        for kw in extra:
            for red in RED:
                kw2 = dict(kw, reduction=red)
                if "weight" in kw2:
                    kw2["weight"] = positive(rng, (3, 4), dt)
                out.append(Sample(_pair(rng, (3, 4), dt), kw2))
        return out
    return samples


def _smooth_samples(param):
    def samples(rng, dt):
        out = []
        for v in (1.0, 0.5, 2.0):
            for red in RED:
                x = rand(rng, (3, 4), dt, -3, 3)
                d = rand(rng, (3, 4), dt, -3, 3)
                d = np.where(np.abs(np.abs(d) - v) < 0.05, d + 0.2, d)
                d = np.where(np.abs(d) < 0.05, 0.3, d).astype(dt)
                out.append(Sample((x, (x + d).astype(dt)), {param: v, "reduction": red}))
        return out
    return samples


def _regression_errors(name):
    def errors(rng):
        return [_bad_reduction(rand(rng, (3,)), rand(rng, (3,)))]
    return errors


def _weight_errors(name):
    def errors(rng):
        return _regression_errors(name)(rng) + [
            _e(rand(rng, (3, 4)), rand(rng, (3, 4)), exc=ValueError,
               match="Weights and input must have the same size", weight=rand(rng, (4,)))]
    return errors


# ---------------------------------------------------------------- classification
def _ce_samples(rng, dt):
    w = positive(rng, (5,), dt)
    s = [
        Sample((rand(rng, (3, 5), dt), _labels(rng, (3,), 5)), grad_args=(0,)),
        Sample((rand(rng, (2, 3, 2), dt), _labels(rng, (2, 2), 3)), {"reduction": "none"},
               grad_args=(0,)),
    ]
    for red in RED:
        x = rand(rng, (4, 5), dt, -4, 4)
        s.append(Sample((x, _labels(rng, (4,), 5)), {"reduction": red}, grad_args=(0,)))
        s.append(Sample((x, _labels(rng, (4,), 5)), {"reduction": red, "weight": w},
                        grad_args=(0,)))
        s.append(Sample((x, _labels(rng, (4,), 5, ignore=-100)), {"reduction": red},
                        grad_args=(0,)))
        s.append(Sample((x, _labels(rng, (4,), 5, ignore=2)),
                        {"reduction": red, "weight": w, "ignore_index": 2}, grad_args=(0,)))
        s.append(Sample((rand(rng, (2, 5, 3, 2), dt), _labels(rng, (2, 3, 2), 5, ignore=1)),
                        {"reduction": red, "weight": w, "ignore_index": 1}, grad_args=(0,)))
        s.append(Sample((rand(rng, (5,), dt), _labels(rng, (), 5)), {"reduction": red},
                        grad_args=(0,)))
    return s


def _ce_extra_samples(rng, dt):
    """Label smoothing and class-probability targets."""
    w = positive(rng, (5,), dt)
    s = []
    for red in RED:
        x = rand(rng, (4, 5), dt, -4, 4)
        s.append(Sample((x, _labels(rng, (4,), 5)), {"reduction": red, "label_smoothing": 0.1},
                        grad_args=(0,)))
        s.append(Sample((x, _labels(rng, (4,), 5, ignore=3)),
                        {"reduction": red, "label_smoothing": 0.25, "weight": w,
                         "ignore_index": 3}, grad_args=(0,)))
        s.append(Sample((rand(rng, (2, 5, 3), dt), _labels(rng, (2, 3), 5, ignore=-100)),
                        {"reduction": red, "label_smoothing": 0.2}, grad_args=(0,)))
        p = rng.dirichlet(np.ones(5), size=4).astype(dt)
        s.append(Sample((x, p), {"reduction": red}))
        s.append(Sample((x, p), {"reduction": red, "weight": w, "label_smoothing": 0.3}))
        p3 = rng.dirichlet(np.ones(5), size=(2, 3)).transpose(0, 2, 1).astype(dt)
        s.append(Sample((rand(rng, (2, 5, 3), dt), np.ascontiguousarray(p3)),
                        {"reduction": red}))
        s.append(Sample((rand(rng, (5,), dt), rng.dirichlet(np.ones(5)).astype(dt)),
                        {"reduction": red}))
    # stability: huge logits
    s.append(Sample((np.array([[1000.0, 0.0, -1000.0]], dt), np.array([1])), grad_args=(0,)))
    # everything ignored: mean is nan, sum is 0
    s.append(Sample((rand(rng, (2, 3), dt), np.array([-100, -100])), {"reduction": "sum"},
                    grad_args=(0,)))
    s.append(Sample((rand(rng, (2, 3), dt), np.array([-100, -100])), grad_args=(0,)))
    return s


def _nll_samples(rng, dt):
    s = _ce_samples(rng, dt)
    s.append(Sample((rand(rng, (3, 4), dt), _labels(rng, (3,), 4).astype(np.uint8)),
                    grad_args=(0,)))
    return s


def _class_errors(fname):
    def errors(rng):
        x = rand(rng, (3, 5))
        e = [
            _e(x, np.array([0, 5, 1]), exc=IndexError, match="Target 5 is out of bounds."),
            _e(x, np.array([0, -1, 1]), exc=IndexError, match="Target -1 is out of bounds."),
            _e(x, np.array([0, 1]), exc=ValueError,
               match=r"Expected input batch_size \(3\) to match target batch_size \(2\)\."),
            _e(x, np.array([0.0, 1.0, 2.0], "float32"),
               match="expected target dtype to be Long or Byte, but got Float"),
            _e(x, np.array([0, 1, 2], "int32"),
               match="expected target dtype to be Long or Byte, but got Int"),
            _e(x, np.array([0, 1, 2]), weight=rand(rng, (4,)),
               match=r"weight tensor should be defined either for all 5 classes or no classes "
                     r"but got weight tensor of shape: \[4\]"),
            _e(x, np.array([0, 1, 2]), weight=rand(rng, (5,), "float64"),
               match="expected scalar type Float but found Double"),
            _e(rand(rng, (3, 5, 2)), np.zeros((3,), np.int64),
               match=r"Expected target size \[3, 2\], got \[3\]"),
            _e(rand(rng, (3, 5, 2, 2)), np.zeros((3, 3, 2), np.int64),
               match=r"size mismatch \(got input: \[3, 5, 2, 2\] , target: \[3, 3, 2\]"),
            _e(x, np.zeros((3, 4), np.int64),
               match="0D or 1D target tensor expected, multi-target not supported"),
            _e(x, np.array([0, 1, 2]), exc=ValueError, reduction="foo",
               match="foo is not a valid value for reduction"),
        ]
        if fname == "cross_entropy":
            e += [
                _e(x, np.array([0, 1, 2]), label_smoothing=1.5,
                   match="label_smoothing must be between 0.0 and 1.0. Got: 1.5"),
                _e(x, rand(rng, (3, 5)), ignore_index=1,
                   match="ignore_index is not supported for floating point target"),
                _e(rand(rng, ()), np.array(0),
                   match="Expected floating point type for target with class probabilities, "
                         "got Long"),
                _e(rand(rng, (3, 5), "int64"), np.array([0, 1, 2]), exc=NotImplementedError,
                   match="not implemented for 'Long'"),
            ]
        else:
            e.append(_e(rand(rng, ()), np.array(0), exc=ValueError,
                        match=r"Expected 1 or more dimensions \(got 0\)"))
        return e
    return errors


def _bce_samples(rng, dt):
    s = [Sample((_prob(rng, (3, 4), dt), _prob(rng, (3, 4), dt, 0, 1))),
         Sample((_prob(rng, (2, 3), dt), _prob(rng, (2, 3), dt, 0, 1)),
                {"weight": positive(rng, (3,), dt)}, grad_args=(0, 1))]
    for red in RED:
        s.append(Sample((_prob(rng, (3, 4), dt), _prob(rng, (3, 4), dt, 0, 1)),
                        {"reduction": red}))
        s.append(Sample((_prob(rng, (3, 4), dt), (rng.random((3, 4)) < 0.5).astype(dt)),
                        {"reduction": red, "weight": positive(rng, (3, 4), dt)}))
    s.append(Sample((np.array([0.0, 1.0, 0.5, 1e-30], dt), np.array([1.0, 0.0, 0.5, 1.0], dt)),
                    {"reduction": "none"}, grad_args=()))  # log clamped at -100
    return s


def _bce_errors(rng):
    return [
        _e(rand(rng, (3,), low=0.5, high=1.5), rand(rng, (3,), low=0, high=1),
           match="all elements of input should be between 0 and 1"),
        _e(rand(rng, (3, 1), low=0, high=1), rand(rng, (3,), low=0, high=1), exc=ValueError,
           match=r"Using a target size \(torch.Size\(\[3\]\)\) that is different to the input "
                 r"size \(torch.Size\(\[3, 1\]\)\) is deprecated"),
        _bad_reduction(rand(rng, (3,), low=0, high=1), rand(rng, (3,), low=0, high=1)),
    ]


def _bcel_samples(rng, dt):
    s = [Sample((rand(rng, (3, 4), dt), _prob(rng, (3, 4), dt, 0, 1))),
         Sample((rand(rng, (2, 3), dt), _prob(rng, (2, 3), dt, 0, 1)),
                {"pos_weight": positive(rng, (3,), dt)})]
    for red in RED:
        x, y = rand(rng, (3, 4), dt, -5, 5), _prob(rng, (3, 4), dt, 0, 1)
        s.append(Sample((x, y), {"reduction": red}))
        s.append(Sample((x, y), {"reduction": red, "weight": positive(rng, (4,), dt)}))
        s.append(Sample((x, y), {"reduction": red, "pos_weight": positive(rng, (4,), dt),
                                 "weight": positive(rng, (3, 1), dt)}))
    s.append(Sample((np.array([100.0, -100.0, 30.0, -30.0], dt),
                     np.array([0.0, 1.0, 0.25, 0.5], dt)), {"reduction": "none"}))
    return s


def _bcel_errors(rng):
    return [
        _e(rand(rng, (3,)), rand(rng, (2,)), exc=ValueError,
           match=r"Target size \(torch.Size\(\[2\]\)\) must be the same as input size "
                 r"\(torch.Size\(\[3\]\)\)"),
        _bad_reduction(rand(rng, (3,)), rand(rng, (3,))),
    ]


# ---------------------------------------------------------------- divergences / likelihoods
def _kl_samples(rng, dt):
    s = [Sample((rand(rng, (3, 4), dt), positive(rng, (3, 4), dt)), {"reduction": "sum"}),
         Sample((rand(rng, (2, 3), dt), rand(rng, (2, 3), dt)),
                {"reduction": "batchmean", "log_target": True})]
    for red in ("sum", "none", "batchmean"):
        for lt in (False, True):
            t = rand(rng, (2, 3, 4), dt) if lt else positive(rng, (2, 3, 4), dt)
            s.append(Sample((rand(rng, (2, 3, 4), dt), t), {"reduction": red, "log_target": lt}))
    s.append(Sample((rand(rng, (3,), dt), np.array([0.0, 0.5, 1.0], dt)),
                    {"reduction": "none"}, grad_args=(0,)))
    return s


def _poisson_samples(rng, dt):
    s = [Sample((rand(rng, (3, 4), dt), positive(rng, (3, 4), dt) * 2)),
         Sample((positive(rng, (2, 3), dt), positive(rng, (2, 3), dt) * 2),
                {"log_input": False, "full": True})]
    for red in RED:
        for log_input in (True, False):
            for full in (False, True):
                x = rand(rng, (3, 4), dt) if log_input else positive(rng, (3, 4), dt)
                t = (positive(rng, (3, 4), dt) * 1.5).astype(dt)
                t = np.where(np.abs(t - 1) < 0.05, 1.2, t).astype(dt)
                s.append(Sample((x, t), {"log_input": log_input, "full": full,
                                         "reduction": red}))
    s.append(Sample((np.zeros(3, dt), positive(rng, (3,), dt)), {"log_input": False,
                                                                 "eps": 0.5}))
    return s


def _gaussian_samples(rng, dt):
    s = [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt), positive(rng, (3, 4), dt))),
         Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt), positive(rng, (3,), dt)),
                {"full": True})]
    for red in RED:
        s.append(Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt),
                         positive(rng, (3, 1), dt)), {"reduction": red}))
        s.append(Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt), 0.7), {"reduction": red}))
        s.append(Sample((rand(rng, (4,), dt), rand(rng, (4,), dt), positive(rng, (4,), dt)),
                        {"reduction": red, "full": True}))
    # var below eps is clamped, but its gradient passes straight through
    s.append(Sample((rand(rng, (3,), dt), rand(rng, (3,), dt), np.array([1e-9, 0.5, 0.0], dt)),
                    {"eps": 1e-3}))
    return s


def _gaussian_errors(rng):
    return [
        _e(rand(rng, (3, 4)), rand(rng, (3, 4)), positive(rng, (2,)), exc=ValueError,
           match="var is of incorrect size"),
        _e(rand(rng, (3, 4)), rand(rng, (3, 4)), -positive(rng, (3, 4)), exc=ValueError,
           match="var has negative entry/entries"),
        _e(rand(rng, (3, 4)), rand(rng, (3, 4)), positive(rng, (3, 4)), exc=ValueError,
           match="foo is not valid", reduction="foo"),
    ]


# ---------------------------------------------------------------- margin losses
def _away(rng, shape, dt, kinks, gap=0.05):
    x = rand(rng, shape, dt, -2, 2)
    for k in kinks:
        x = np.where(np.abs(x - k) < gap, k + 2 * gap, x)
    return x.astype(dt)


def _ranking_samples(rng, dt):
    s = []
    for margin in (0.0, 0.5):
        for red in RED:
            x1, t = rand(rng, (5,), dt), _sign(rng, (5,), dt)
            x2 = (x1 + t * _away(rng, (5,), dt, [-margin])).astype(dt)
            s.append(Sample((x1, x2, t), {"margin": margin, "reduction": red}))
    s.append(Sample((np.array(0.5, dt), np.array(-0.25, dt), np.array(-1.0, dt))))
    return s


def _hinge_samples(rng, dt):
    s = []
    for margin in (1.0, 0.5):
        for red in RED:
            s.append(Sample((_away(rng, (3, 4), dt, [margin]), _sign(rng, (3, 4), dt)),
                            {"margin": margin, "reduction": red}))
    return s


def _soft_margin_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), _sign(rng, (3, 4), dt)), {"reduction": red},
                   grad_args=(0,)) for red in RED] + [
        Sample((np.array([50.0, -50.0], dt), np.array([-1.0, 1.0], dt)), grad_args=(0,))]


def _mlsm_samples(rng, dt):
    s = []
    for red in RED:
        s.append(Sample((rand(rng, (3, 4), dt), (rng.random((3, 4)) < 0.5).astype(dt)),
                        {"reduction": red}))
        s.append(Sample((rand(rng, (3, 4), dt), _prob(rng, (3, 4), dt)),
                        {"reduction": red, "weight": positive(rng, (4,), dt)}))
    s.append(Sample((rand(rng, (4,), dt), (rng.random(4) < 0.5).astype(dt))))
    return s


def _cosine_samples(rng, dt):
    s = []
    for margin in (0.0, 0.3):
        for red in RED:
            s.append(Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt), _sign(rng, (4,), dt)),
                            {"margin": margin, "reduction": red}, grad_args=(0, 1)))
    s.append(Sample((rand(rng, (3,), dt), rand(rng, (3,), dt), np.array(1.0, dt)),
                    grad_args=(0, 1)))
    s.append(Sample((rand(rng, (3,), dt), rand(rng, (3,), dt), np.array(-1, np.int64)),
                    {"margin": -1.0}, grad_args=(0, 1)))
    return s


def _cosine_errors(rng):
    return [_e(rand(rng, (3, 2)), rand(rng, (3,)), rand(rng, (3,)),
               match="All input tensors should have same dimension"),
            _e(rand(rng, (3, 2)), rand(rng, (3, 2)), rand(rng, (3, 2)),
               match="2D target tensor expects 1D input tensors")]


def _triplet_samples(rng, dt):
    s = []
    for kw in ({}, {"p": 1}, {"swap": True}, {"margin": 3.0}, {"p": 3, "eps": 0.0}):
        for red in RED:
            s.append(Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt), rand(rng, (4, 3), dt)),
                            dict(kw, reduction=red)))
    s.append(Sample((rand(rng, (3,), dt), rand(rng, (3,), dt), rand(rng, (3,), dt))))
    return s


def _triplet_errors(rng):
    return [_e(rand(rng, (3, 2)), rand(rng, (3, 2)), rand(rng, (3, 2)), margin=0.0,
               exc=ValueError, match="expected margin to be greater than 0, got 0.0"),
            _e(rand(rng, (3, 2)), rand(rng, (3, 2)), rand(rng, (2,)),
               match="anchor 2D, positive 2D, and negative 1D inputs")]


def _triplet_distance(lib, a, p, n, l1=False, **kw):
    if l1:
        kw["distance_function"] = lambda x, y: (x - y).abs().sum(-1)
    return lib.nn.functional.triplet_margin_with_distance_loss(a, p, n, **kw)


def _triplet_distance_samples(rng, dt):
    s = []
    for kw in ({}, {"swap": True, "margin": 2.0}, {"l1": True}):
        for red in RED:
            s.append(Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt), rand(rng, (4, 3), dt)),
                            dict(kw, reduction=red)))
    return s


def _multi_margin_samples(rng, dt):
    s = []
    for kw in ({}, {"p": 2}, {"margin": 0.5}, {"weight": positive(rng, (4,), dt)}):
        for red in RED:
            s.append(Sample((rand(rng, (3, 4), dt), _labels(rng, (3,), 4)),
                            dict(kw, reduction=red), grad_args=(0,)))
    s.append(Sample((rand(rng, (4,), dt), _labels(rng, (), 4)), grad_args=(0,)))
    return s


def _multi_margin_errors(rng):
    return [_e(rand(rng, (3, 4)), np.array([0, 1]), match="inconsistent target size"),
            _e(rand(rng, (3, 4)), np.array([0, 1, 2]), p=3, exc=ValueError,
               match="only p == 1 and p == 2 supported")]


def _multilabel_target(rng, n, c):
    t = np.full((n, c), -1, np.int64)
    for i in range(n):
        k = rng.integers(1, c)
        t[i, :k] = rng.permutation(c)[:k]
        if i == 0:
            t[i, k - 1:] = -1 if k > 1 else t[i, k - 1:]
    if c > 2:
        t[-1, 2:] = np.arange(c - 2)  # labels after a -1 are ignored
        t[-1, 1] = -1
    return t


def _multilabel_margin_samples(rng, dt):
    s = [Sample((rand(rng, (3, 4), dt), _multilabel_target(rng, 3, 4)), {"reduction": red},
                grad_args=(0,)) for red in RED]
    s.append(Sample((rand(rng, (5,), dt), _multilabel_target(rng, 1, 5)[0]), grad_args=(0,)))
    return s


def _multilabel_margin_errors(rng):
    return [_e(rand(rng, (3, 4)), np.zeros((3, 3), np.int64), match="inconsistent target size")]


ROWS = [
    OpInfo("nn.functional.mse_loss", _F("mse_loss"), _regression_samples([{"weight": 1}]),
           errors=_weight_errors("mse_loss")),
    OpInfo("nn.functional.l1_loss", _F("l1_loss"), _regression_samples([{"weight": 1}]),
           errors=_weight_errors("l1_loss")),
    OpInfo("nn.functional.smooth_l1_loss", _F("smooth_l1_loss"), _smooth_samples("beta"),
           errors=lambda rng: _regression_errors("smooth_l1_loss")(rng) + [
               _e(rand(rng, (3,)), rand(rng, (3,)), beta=-1.0,
                  match="smooth_l1_loss does not support negative values for beta.")]),
    OpInfo("nn.functional.smooth_l1_loss/beta0",
           lambda lib, x, y, **kw: lib.nn.functional.smooth_l1_loss(x, y, beta=0.0, **kw),
           _regression_samples()),
    OpInfo("nn.functional.huber_loss", _F("huber_loss"), _smooth_samples("delta"),
           errors=_regression_errors("huber_loss")),
    OpInfo("nn.functional.huber_loss/weight", _F("huber_loss"),
           lambda rng, dt: _regression_samples([{"weight": 1}])(rng, dt)[-3:]),
    OpInfo("nn.functional.cross_entropy", _F("cross_entropy"), _ce_samples, gradgrad=True,
           errors=_class_errors("cross_entropy")),
    OpInfo("nn.functional.cross_entropy/smoothing_probs", _F("cross_entropy"), _ce_extra_samples,
           gradgrad=True),
    OpInfo("nn.functional.cross_entropy/probs", _F("cross_entropy"),
           lambda rng, dt: [s for s in _ce_extra_samples(rng, dt) if s.args[1].dtype.kind == "f"],
           gradgrad=True),
    OpInfo("nn.functional.nll_loss", _F("nll_loss"), _nll_samples, gradgrad=True,
           errors=_class_errors("nll_loss")),
    OpInfo("nn.functional.binary_cross_entropy", _F("binary_cross_entropy"), _bce_samples,
           errors=_bce_errors),
    OpInfo("nn.functional.binary_cross_entropy_with_logits",
           _F("binary_cross_entropy_with_logits"), _bcel_samples, errors=_bcel_errors,
           gradgrad=True),
    OpInfo("nn.functional.kl_div", _F("kl_div"), _kl_samples,
           errors=lambda rng: [_bad_reduction(rand(rng, (3,)), rand(rng, (3,)))]),
    OpInfo("nn.functional.poisson_nll_loss", _F("poisson_nll_loss"), _poisson_samples,
           errors=lambda rng: [_bad_reduction(rand(rng, (3,)), rand(rng, (3,)))]),
    OpInfo("nn.functional.gaussian_nll_loss", _F("gaussian_nll_loss"), _gaussian_samples,
           errors=_gaussian_errors),
    OpInfo("nn.functional.margin_ranking_loss", _F("margin_ranking_loss"), _ranking_samples,
           errors=lambda rng: [_e(rand(rng, (3,)), rand(rng, (3, 1)), rand(rng, (3,)),
                                  match="All input tensors should have same dimension")]),
    OpInfo("nn.functional.hinge_embedding_loss", _F("hinge_embedding_loss"), _hinge_samples),
    OpInfo("nn.functional.soft_margin_loss", _F("soft_margin_loss"), _soft_margin_samples,
           errors=lambda rng: [_bad_reduction(rand(rng, (3,)), rand(rng, (3,)))]),
    OpInfo("nn.functional.multilabel_soft_margin_loss", _F("multilabel_soft_margin_loss"),
           _mlsm_samples,
           errors=lambda rng: [_e(rand(rng, (3,)), rand(rng, (3,)), reduction="foo",
                                  exc=ValueError, match="foo is not valid")]),
    OpInfo("nn.functional.cosine_embedding_loss", _F("cosine_embedding_loss"), _cosine_samples,
           errors=_cosine_errors),
    OpInfo("nn.functional.triplet_margin_loss", _F("triplet_margin_loss"), _triplet_samples,
           errors=_triplet_errors),
    OpInfo("nn.functional.triplet_margin_with_distance_loss", _triplet_distance,
           _triplet_distance_samples,
           errors=lambda rng: [_e(rand(rng, (3, 2)), rand(rng, (3, 2)), rand(rng, (3, 2)),
                                  margin=0.0, exc=ValueError,
                                  match="margin must be greater than 0, got 0.0")]),
    OpInfo("nn.functional.multi_margin_loss", _F("multi_margin_loss"), _multi_margin_samples,
           errors=_multi_margin_errors),
    OpInfo("nn.functional.multilabel_margin_loss", _F("multilabel_margin_loss"),
           _multilabel_margin_samples, errors=_multilabel_margin_errors),
]
