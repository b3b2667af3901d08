"""ROC_AUC, RocCurve, AveragePrecision, PrecisionRecallCurve (torch) against scikit-learn over batch splits."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

from ignite.engine import Engine
from ignite.exceptions import NotComputableError
from ignite.metrics import EpochMetric
from ignite_plugins_metrics._ranking import UndefinedMetricWarning
from ignite_plugins_metrics.average_precision import AveragePrecision, average_precision_compute_fn
from ignite_plugins_metrics.precision_recall_curve import (
    PrecisionRecallCurve,
    precision_recall_curve_compute_fn,
)
from ignite_plugins_metrics.roc_auc import ROC_AUC, RocCurve, roc_auc_compute_fn, roc_auc_curve_compute_fn


@st.composite
def binary_scores(draw: st.DrawFn, columns: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Scores with many ties (drawn from a few levels) and targets holding both classes in every column."""
    n = draw(st.integers(2, 60))
    shape = (n, columns) if columns else (n,)
    seed = draw(st.integers(0, 2**31 - 1))
    levels = draw(st.integers(2, 12))
    gen = torch.Generator().manual_seed(seed)
    scores = torch.randint(0, levels, shape, generator=gen).float() / levels
    targets = torch.randint(0, 2, shape, generator=gen)
    targets[0], targets[1] = 0, 1
    return scores, targets


@settings(max_examples=30, deadline=None)
@given(data=binary_scores(), points=st.data())
def test_roc_auc_and_average_precision_equal_sklearn(
    data: tuple[torch.Tensor, torch.Tensor], points: st.DataObject
) -> None:
    scores, targets = data
    cuts = points.draw(split_points(scores.shape[0]))
    auc = feed(ROC_AUC(), (scores, targets), cuts)
    ap = feed(AveragePrecision(), (scores, targets), cuts)
    assert isinstance(auc, float) and isinstance(ap, float)
    assert auc == pytest.approx(roc_auc_score(targets.numpy(), scores.numpy()), abs=1e-12)
    assert ap == pytest.approx(average_precision_score(targets.numpy(), scores.numpy()), abs=1e-12)


@settings(max_examples=20, deadline=None)
@given(data=binary_scores(columns=3))
def test_multilabel_columns_are_macro_averaged(data: tuple[torch.Tensor, torch.Tensor]) -> None:
    scores, targets = data
    targets[:2] = torch.tensor([[0, 0, 0], [1, 1, 1]])
    assert roc_auc_compute_fn(scores, targets) == pytest.approx(
        roc_auc_score(targets.numpy(), scores.numpy()), abs=1e-12
    )
    assert average_precision_compute_fn(scores, targets) == pytest.approx(
        average_precision_score(targets.numpy(), scores.numpy()), abs=1e-12
    )


@settings(max_examples=30, deadline=None)
@given(data=binary_scores(), points=st.data())
def test_curves_equal_sklearn(data: tuple[torch.Tensor, torch.Tensor], points: st.DataObject) -> None:
    scores, targets = data
    cuts = points.draw(split_points(scores.shape[0]))
    fpr, tpr, thresholds = feed(RocCurve(), (scores, targets), cuts)
    sk_fpr, sk_tpr, sk_thr = roc_curve(targets.numpy(), scores.numpy())
    for ours, ref in ((fpr, sk_fpr), (tpr, sk_tpr), (thresholds, sk_thr)):
        assert isinstance(ours, torch.Tensor) and ours.dtype == torch.float64
        np.testing.assert_allclose(ours.numpy(), ref, rtol=1e-7)
    precision, recall, pr_thr = feed(PrecisionRecallCurve(), (scores, targets), cuts)
    sk_p, sk_r, sk_t = precision_recall_curve(targets.numpy(), scores.numpy())
    for ours, ref in ((precision, sk_p), (recall, sk_r), (pr_thr, sk_t)):
        assert ours.dtype == torch.float64
        np.testing.assert_allclose(ours.numpy(), ref, rtol=1e-7)


def test_compute_functions_return_numpy_arrays(gen: torch.Generator) -> None:
    scores, targets = torch.rand(30, generator=gen), torch.randint(0, 2, (30,), generator=gen)
    for fn in (roc_auc_curve_compute_fn, precision_recall_curve_compute_fn):
        parts = fn(scores, targets)
        assert len(parts) == 3 and all(isinstance(p, np.ndarray) for p in parts)


def test_one_class_gives_nan_and_a_warning() -> None:
    auc = ROC_AUC()
    auc.update((torch.tensor([0.1, 0.7, 0.3]), torch.tensor([1, 1, 1])))
    with pytest.warns(UndefinedMetricWarning, match="Only one class"):
        assert np.isnan(auc.compute())
    ap = AveragePrecision()
    ap.update((torch.tensor([0.1, 0.7, 0.3]), torch.tensor([0, 0, 0])))
    with pytest.warns(UserWarning, match="No positive class"):
        assert ap.compute() == 0.0


@pytest.mark.parametrize(
    ("scores", "targets", "match"),
    [
        (torch.tensor([0.1, float("nan")]), torch.tensor([0, 1]), "contains NaN"),
        (torch.tensor([0.1, 0.2]), torch.tensor([0, 2]), "only 0s and 1s"),
    ],
)
def test_invalid_data_raises_value_error(scores: torch.Tensor, targets: torch.Tensor, match: str) -> None:
    metric = ROC_AUC()
    metric.update((scores, targets))
    with pytest.raises(ValueError, match=match):
        metric.compute()


def test_only_empty_batches_are_not_computable() -> None:
    metric = ROC_AUC()
    metric.update((torch.zeros(0), torch.zeros(0, dtype=torch.long)))
    with pytest.raises(NotComputableError):
        metric.compute()


def test_epoch_metric_subclasses_and_reset_frees_history(gen: torch.Generator) -> None:
    for cls in (ROC_AUC, RocCurve, AveragePrecision, PrecisionRecallCurve):
        metric = cls()
        assert isinstance(metric, EpochMetric)
        metric.update((torch.rand(8, generator=gen), torch.tensor([0, 1] * 4)))
        metric.reset()
        assert metric._predictions == [] and metric._targets == []
        with pytest.raises(NotComputableError):
            metric.compute()


def test_attached_roc_auc_over_an_epoch(gen: torch.Generator) -> None:
    batches = [(torch.rand(7, generator=gen), torch.randint(0, 2, (7,), generator=gen)) for _ in range(5)]
    evaluator = Engine(lambda engine, batch: batch)
    ROC_AUC().attach(evaluator, "auc")
    state = evaluator.run(batches)
    scores = torch.cat([b[0] for b in batches]).numpy()
    targets = torch.cat([b[1] for b in batches]).numpy()
    assert state.metrics["auc"] == pytest.approx(roc_auc_score(targets, scores))
