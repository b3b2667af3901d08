"""Conformance: regression metrics (ignite.metrics.regression, MAE/MSE/RMSE, MeanPairwiseDistance, CosineSimilarity)."""

import torch

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

REGRESSION = [
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
    MeanAbsoluteError,
    MeanSquaredError,
    RootMeanSquaredError,
    MeanPairwiseDistance,
]


def _fmt(value):
    return f"{float(value):.5g}"


def _run(metric, *batches):
    try:
        for batch in batches:
            metric.update(batch)
        return _fmt(metric.compute())
    except Exception as e:
        return type(e).__name__


def _data(n=37, seed=0):
    g = torch.Generator().manual_seed(seed)
    y = torch.rand(n, generator=g) * 4 + 0.5
    y_pred = y + torch.randn(n, generator=g) * 0.7
    return y_pred, y


def scenario_values_and_batch_splits():
    y_pred, y = _data()
    for cls in REGRESSION:
        whole = _run(cls(), (y_pred, y))
        split = _run(cls(), (y_pred[:10], y[:10]), (y_pred[10:25], y[10:25]), (y_pred[25:], y[25:]))
        column = _run(cls(), (y_pred[:, None], y[:, None]))
        print(cls.__name__, whole, split, column)


def scenario_before_any_update():
    for cls in REGRESSION:
        print(cls.__name__, _run(cls()))


def scenario_input_checks():
    y_pred, y = _data(8)
    checked = [
        c
        for c in REGRESSION
        if c not in (MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError, MeanPairwiseDistance)
    ]
    checked = [
        c
        for c in checked
        if c not in (MedianAbsoluteError, MedianAbsolutePercentageError, MedianRelativeAbsoluteError)
    ]
    for cls in checked:
        print(
            cls.__name__,
            _run(cls(), (y_pred, y[:5])),
            _run(cls(), (torch.rand(8, 3), torch.rand(8, 3))),
            _run(cls(), (y_pred.long(), y.long())),
        )


def scenario_zero_targets_and_constant_input():
    print("MARE", _run(MeanAbsoluteRelativeError(), (torch.ones(3), torch.tensor([1.0, 0.0, 2.0]))))
    print("MNB", _run(MeanNormalizedBias(), (torch.ones(3), torch.tensor([1.0, 0.0, 2.0]))))
    print("R2", _run(R2Score(), (torch.rand(4), torch.ones(4))))
    zeros = (torch.zeros(4), torch.zeros(4))
    for cls in (CanberraMetric, FractionalBias, WaveHedgesDistance, PearsonCorrelation, ManhattanDistance):
        print(cls.__name__, _run(cls(), zeros))


def scenario_kendall_variants_and_ties():
    y_pred = torch.tensor([1.0, 1.0, 2.0, 3.0, 5.0, 4.0])
    y = torch.tensor([1.0, 2.0, 2.0, 3.0, 4.0, 4.0])
    print("b", _run(KendallRankCorrelation(variant="b"), (y_pred, y)))
    print("c", _run(KendallRankCorrelation(variant="c"), (y_pred, y)))
    print("spearman", _run(SpearmanRankCorrelation(), (y_pred, y)))
    try:
        KendallRankCorrelation(variant="a")
    except Exception as e:
        print(type(e).__name__)


def scenario_multidimensional_errors():
    g = torch.Generator().manual_seed(1)
    a, b = torch.rand(6, 3, 2, generator=g), torch.rand(6, 3, 2, generator=g)
    for cls in (
        MeanAbsoluteError,
        MeanSquaredError,
        RootMeanSquaredError,
        MeanPairwiseDistance,
        CosineSimilarity,
    ):
        print(cls.__name__, _run(cls(), (a, b)), _run(cls(), (a[:, :, 0], b[:, :, 0])))
    print("pairwise p=1", _run(MeanPairwiseDistance(p=1), (a[:, :, 0], b[:, :, 0])))
    print(
        "cosine eps",
        _run(CosineSimilarity(eps=0.5), (torch.tensor([[0.1, 0.0, 0.0]]), torch.tensor([[1.0, 0.0, 0.0]]))),
    )
    print(
        "pearson eps", _run(PearsonCorrelation(eps=0.1), (torch.tensor([0.0, 0.2]), torch.tensor([0.0, 0.2])))
    )
    print(
        "medians 2d",
        _run(MedianAbsoluteError(), (a[:, :, 0], b[:, :, 0])),
        _run(MedianRelativeAbsoluteError(), (a[:, :, 0], b[:, :, 0])),
    )
