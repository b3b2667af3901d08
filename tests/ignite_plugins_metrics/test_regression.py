"""Regression metrics against direct float64 formulas, scipy and scikit-learn over batch splits."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn import metrics as skm

from ignite.exceptions import NotComputableError
from ignite.metrics import (
    CosineSimilarity,
    MeanAbsoluteError,
    MeanPairwiseDistance,
    MeanSquaredError,
    RootMeanSquaredError,
)
from ignite.metrics.regression import (
    CanberraMetric,
    FractionalAbsoluteError,
    FractionalBias,
    GeometricMeanAbsoluteError,
    GeometricMeanRelativeAbsoluteError,
    KendallRankCorrelation,
    ManhattanDistance,
    MaximumAbsoluteError,
    MeanAbsoluteRelativeError,
    MeanError,
    MeanNormalizedBias,
    MedianAbsoluteError,
    MedianAbsolutePercentageError,
    MedianRelativeAbsoluteError,
    PearsonCorrelation,
    R2Score,
    SpearmanRankCorrelation,
    WaveHedgesDistance,
)

Ref = Callable[[np.ndarray, np.ndarray], float]

REFERENCES: list[tuple[type, Ref]] = [
    (CanberraMetric, lambda p, y: float(np.sum(np.abs(y - p) / (np.abs(y) + np.abs(p))))),
    (FractionalAbsoluteError, lambda p, y: float(np.mean(2 * np.abs(y - p) / (np.abs(p) + np.abs(y))))),
    (FractionalBias, lambda p, y: float(np.mean(2 * (y - p) / (p + y)))),
    (GeometricMeanAbsoluteError, lambda p, y: float(np.exp(np.mean(np.log(np.abs(y - p)))))),
    (
        GeometricMeanRelativeAbsoluteError,
        lambda p, y: float(np.exp(np.mean(np.log(np.abs(y - p) / np.abs(y - y.mean()))))),
    ),
    (ManhattanDistance, lambda p, y: float(np.sum(np.abs(y - p)))),
    (MaximumAbsoluteError, lambda p, y: float(skm.max_error(y, p))),
    (MeanAbsoluteRelativeError, lambda p, y: float(np.mean(np.abs(y - p) / np.abs(y)))),
    (MeanError, lambda p, y: float(np.mean(y - p))),
    (MeanNormalizedBias, lambda p, y: float(np.mean((y - p) / y))),
    (MedianAbsoluteError, lambda p, y: float(skm.median_absolute_error(y, p))),
    (MedianAbsolutePercentageError, lambda p, y: float(100 * np.median(np.abs((y - p) / y)))),
    (MedianRelativeAbsoluteError, lambda p, y: float(np.median(np.abs(y - p) / np.abs(y - y.mean())))),
    (PearsonCorrelation, lambda p, y: float(stats.pearsonr(p, y).statistic)),
    (R2Score, lambda p, y: float(skm.r2_score(y, p))),
    (SpearmanRankCorrelation, lambda p, y: float(stats.spearmanr(p, y).statistic)),
    (KendallRankCorrelation, lambda p, y: float(stats.kendalltau(p, y).statistic)),
    (WaveHedgesDistance, lambda p, y: float(np.sum(np.abs(y - p) / np.maximum(y, p)))),
    (MeanAbsoluteError, lambda p, y: float(skm.mean_absolute_error(y, p))),
    (MeanSquaredError, lambda p, y: float(skm.mean_squared_error(y, p))),
    (RootMeanSquaredError, lambda p, y: math.sqrt(skm.mean_squared_error(y, p))),
]

# values that keep every formula defined: positive, distinct-ish, with ties from rounding
_value = st.integers(1, 40).map(lambda v: v / 4)


@st.composite
def _data(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
    n = draw(st.integers(3, 40))
    p = draw(st.lists(_value, min_size=n, max_size=n))
    y = draw(st.lists(_value, min_size=n, max_size=n))
    if len(set(y)) < 2:
        y[0] = y[1] + 1
    if len(set(p)) < 2:
        p[0] = p[1] + 1
    return torch.tensor(p, dtype=torch.float32), torch.tensor(y, dtype=torch.float32), draw(split_points(n))


@pytest.mark.parametrize(("cls", "ref"), REFERENCES, ids=[c.__name__ for c, _ in REFERENCES])
@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=_data())
def test_matches_reference_over_splits(
    cls: type, ref: Ref, data: tuple[torch.Tensor, torch.Tensor, list[int]]
) -> None:
    p, y, points = data
    with np.errstate(all="ignore"):
        expected = ref(p.double().numpy(), y.double().numpy())
    got = feed(cls(), (p, y), points)
    assert isinstance(got, float)
    if math.isinf(expected) or math.isnan(expected):
        assert got == expected or (math.isnan(got) and math.isnan(expected))
    else:
        assert got == pytest.approx(expected, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("variant", ["b", "c"])
@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=_data())
def test_kendall_variants(variant: str, data: tuple[torch.Tensor, torch.Tensor, list[int]]) -> None:
    p, y, points = data
    expected = stats.kendalltau(p.numpy(), y.numpy(), variant=variant).statistic
    assert feed(KendallRankCorrelation(variant=variant), (p, y), points) == pytest.approx(expected, abs=1e-9)


def test_kendall_large_input_matches_scipy(gen: torch.Generator) -> None:
    p = torch.randint(0, 50, (3000,), generator=gen).float()
    y = p + torch.randint(0, 30, (3000,), generator=gen).float()
    m = KendallRankCorrelation()
    m.update((p, y))
    assert m.compute() == pytest.approx(stats.kendalltau(p.numpy(), y.numpy()).statistic, abs=1e-12)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(n=st.integers(1, 30), d=st.integers(1, 5), points=split_points(30), p_norm=st.sampled_from([1, 2, 3]))
def test_mean_pairwise_distance_and_cosine(n: int, d: int, points: list[int], p_norm: int) -> None:
    g = torch.Generator().manual_seed(n * 7 + d)
    a, b = (
        torch.randn(n, d, generator=g, dtype=torch.float64),
        torch.randn(n, d, generator=g, dtype=torch.float64),
    )
    pts = [min(x, n) for x in points]
    dist = np.linalg.norm(a.numpy() - b.numpy() + 1e-6, ord=p_norm, axis=1).mean()
    assert feed(MeanPairwiseDistance(p=p_norm), (a, b), pts) == pytest.approx(dist, rel=1e-9)
    an, bn = a.numpy(), b.numpy()
    cos = np.mean(np.sum(an * bn, axis=1) / (np.linalg.norm(an, axis=1) * np.linalg.norm(bn, axis=1)))
    assert feed(CosineSimilarity(), (a, b), pts) == pytest.approx(cos, rel=1e-9, abs=1e-12)


def test_mae_mse_divide_by_samples_not_elements() -> None:
    p, y = torch.ones(4, 3), torch.zeros(4, 3)
    for cls, expected in (
        (MeanAbsoluteError, 3.0),
        (MeanSquaredError, 3.0),
        (RootMeanSquaredError, math.sqrt(3)),
    ):
        m = cls()
        m.update((p, y))
        assert m.compute() == pytest.approx(expected)


# -- edge cases ------------------------------------------------------------------------------------------------

ALL = [cls for cls, _ in REFERENCES] + [MeanPairwiseDistance]
ZERO_BEFORE_UPDATE = {CanberraMetric, ManhattanDistance, WaveHedgesDistance}


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_no_update_and_empty_batch(cls: type) -> None:
    m = cls()
    for _ in range(2):  # before any update, then after an ignored empty batch
        if cls in ZERO_BEFORE_UPDATE:
            assert m.compute() == 0.0
        else:
            with pytest.raises(NotComputableError):
                m.compute()
        m.update((torch.zeros(0), torch.zeros(0)))


STRICT = [
    c
    for c in ALL
    if c not in (MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError, MeanPairwiseDistance)
]
SHAPE_CHECKED = [
    c
    for c in STRICT
    if c not in (MedianAbsoluteError, MedianAbsolutePercentageError, MedianRelativeAbsoluteError)
]


@pytest.mark.parametrize("cls", STRICT, ids=lambda c: c.__name__)
def test_mismatched_shapes(cls: type) -> None:
    with pytest.raises(ValueError, match="shapes should be the same"):
        cls().update((torch.rand(4), torch.rand(3)))


@pytest.mark.parametrize("cls", SHAPE_CHECKED, ids=lambda c: c.__name__)
def test_wrong_shape_and_dtype(cls: type) -> None:
    with pytest.raises(ValueError, match=r"\(N,\) or \(N, 1\)"):
        cls().update((torch.rand(4, 3), torch.rand(4, 3)))
    with pytest.raises(TypeError, match="dtype should be float"):
        cls().update((torch.ones(4, dtype=torch.long), torch.ones(4, dtype=torch.long)))
    m = cls()
    m.update((torch.rand(4, 1) + 1, torch.rand(4, 1) + 2))  # (N, 1) accepted
    m.compute()


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_nan_propagates(cls: type) -> None:
    m = cls()
    m.update((torch.tensor([float("nan"), 1.0, 2.0, 4.0]), torch.tensor([1.5, 2.5, 3.0, 5.0])))
    assert math.isnan(m.compute())


def test_zero_targets() -> None:
    for cls in (MeanAbsoluteRelativeError, MeanNormalizedBias):
        with pytest.raises(NotComputableError, match="ground truth has 0"):
            cls().update((torch.ones(3), torch.tensor([1.0, 0.0, 2.0])))
    m = R2Score()
    m.update((torch.rand(3), torch.ones(3)))
    with pytest.raises(ZeroDivisionError, match="all targets are equal"):
        m.compute()
    zeros = (torch.zeros(4), torch.zeros(4))
    for cls, expected in (
        (FractionalBias, 0.0),
        (CanberraMetric, 0.0),
        (WaveHedgesDistance, 0.0),
        (PearsonCorrelation, 0.0),
    ):
        m = cls()
        m.update(zeros)
        assert m.compute() == expected
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for cls in (SpearmanRankCorrelation, KendallRankCorrelation):
            m = cls()
            m.update(zeros)
            assert math.isnan(m.compute())


def test_kendall_variant_checked() -> None:
    with pytest.raises(ValueError, match="variant"):
        KendallRankCorrelation(variant="a")


def test_pearson_eps_bounds_denominator() -> None:
    m = PearsonCorrelation(eps=0.1)
    m.update((torch.tensor([0.0, 0.2]), torch.tensor([0.0, 0.2])))
    assert m.compute() == pytest.approx(0.1)


def test_cosine_needs_feature_dim_and_reset_frees_history() -> None:
    with pytest.raises(IndexError, match="feature dimension"):
        CosineSimilarity().update((torch.rand(4), torch.rand(4)))
    m = SpearmanRankCorrelation()
    m.update((torch.rand(5), torch.rand(5)))
    m.reset()
    assert m._predictions == [] and m._targets == []
