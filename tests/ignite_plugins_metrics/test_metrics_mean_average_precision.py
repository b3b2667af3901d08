"""MeanAveragePrecision (classification mAP, torch) against scikit-learn and a direct numpy formula."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import average_precision_score

from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.mean_average_precision import MeanAveragePrecision


@st.composite
def scored(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, int]:
    """Tied scores (few levels), multiclass labels and multilabel targets with every class present."""
    n = draw(st.integers(3, 40))
    c = draw(st.integers(2, 5))
    gen = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    scores = torch.randint(0, draw(st.integers(2, 10)), (n, c), generator=gen).float()
    labels = torch.randint(0, c, (n,), generator=gen)
    labels[:c] = torch.arange(c) if n >= c else labels[:c]
    multilabel = torch.randint(0, 2, (n, c), generator=gen)
    multilabel[0] = 1
    return scores, labels, multilabel, c


def _sk(targets: np.ndarray, scores: np.ndarray, average: str | None) -> np.ndarray:
    return np.asarray(average_precision_score(targets, scores, average=average))


@settings(max_examples=30, deadline=None)
@given(data=scored(), points=st.data())
def test_multiclass_and_multilabel_equal_sklearn(
    data: tuple[torch.Tensor, torch.Tensor, torch.Tensor, int], points: st.DataObject
) -> None:
    scores, labels, multilabel, c = data
    cuts = points.draw(split_points(scores.shape[0]))
    onehot = np.eye(c)[labels.numpy()]
    for mean in (None, "micro", "macro", "weighted"):
        result = feed(MeanAveragePrecision(class_mean=mean), (scores, labels), cuts)  # type: ignore[arg-type]
        assert isinstance(result, torch.Tensor) and result.dtype == torch.float64
        np.testing.assert_allclose(result.numpy(), _sk(onehot, scores.numpy(), mean), atol=1e-12)
        ml = feed(MeanAveragePrecision(class_mean=mean, is_multilabel=True), (scores, multilabel), cuts)  # type: ignore[arg-type]
        np.testing.assert_allclose(ml.numpy(), _sk(multilabel.numpy(), scores.numpy(), mean), atol=1e-12)


def test_binary_gives_a_float(gen: torch.Generator) -> None:
    scores, targets = torch.rand(30, generator=gen), torch.randint(0, 2, (30,), generator=gen)
    value = feed(MeanAveragePrecision(), (scores, targets), [10, 20])
    assert isinstance(value, float)
    assert value == pytest.approx(average_precision_score(targets.numpy(), scores.numpy()))


def _ap_at_thresholds(scores: np.ndarray, targets: np.ndarray, thresholds: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    s, t = scores[order], targets[order]
    last = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1]
    tps = np.cumsum(t)[last]
    precision = tps / (last + 1)
    recall = tps / tps[-1]
    values = []
    for r in thresholds:
        reached = np.nonzero(recall >= r)[0]
        values.append(precision[reached[0]] if len(reached) else 0.0)
    return float(np.sum(np.diff(thresholds, prepend=0.0) * np.asarray(values)))


@settings(max_examples=20, deadline=None)
@given(data=scored())
def test_recall_thresholds_follow_the_documented_sum(
    data: tuple[torch.Tensor, torch.Tensor, torch.Tensor, int],
) -> None:
    scores, _, multilabel, c = data
    thresholds = np.array([0.05, 0.2, 0.35, 0.5, 0.6, 0.8, 1.0])
    metric = MeanAveragePrecision(
        rec_thresholds=torch.tensor(thresholds[::-1].copy()), class_mean=None, is_multilabel=True
    )
    metric.update((scores, multilabel))
    expected = [
        _ap_at_thresholds(scores[:, j].numpy(), multilabel[:, j].numpy(), thresholds) for j in range(c)
    ]
    np.testing.assert_allclose(metric.compute().numpy(), expected, atol=1e-12)


@pytest.mark.parametrize(
    ("thresholds", "expected"),
    [
        # curve of [1, 0, 0, 1, 1] in decreasing score order: recalls 1/3 1/3 1/3 2/3 1, precisions 1 .5 1/3 .5 .6
        ([0.5], 0.5 * 0.5),  # the first interval [0, r_0] counts
        ([0.34], 0.34 * 0.5),
        ([0.9, 0.3], 0.3 * 1.0 + 0.6 * 0.6),
        ([0.0, 0.5, 1.0], 0.5 * 0.5 + 0.5 * 0.6),
        ([1.0], 0.6),
    ],
)
def test_recall_thresholds_count_from_zero(thresholds: list[float], expected: float) -> None:
    metric = MeanAveragePrecision(rec_thresholds=torch.tensor(thresholds, dtype=torch.float64))
    metric.update((torch.tensor([0.9, 0.8, 0.7, 0.6, 0.5]), torch.tensor([1, 0, 0, 1, 1])))
    assert metric.compute() == pytest.approx(expected, abs=1e-12)


def test_threshold_sequences_are_float32_as_in_0_5() -> None:
    """``[0.6]`` is read as float32 (0.6000000238): the recall 3/5 no longer reaches it; a float64 tensor does."""
    scores = torch.tensor([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    targets = torch.tensor([1, 0, 1, 0, 1, 1, 1, 0])  # recall 3/5 at the 5th score (precision 3/5)
    exact = MeanAveragePrecision(rec_thresholds=torch.tensor([0.6], dtype=torch.float64))
    exact.update((scores, targets))
    assert exact.compute() == pytest.approx(0.6 * 3 / 5, abs=1e-15)
    as_listed = MeanAveragePrecision(rec_thresholds=[0.6])
    as_listed.update((scores, targets))
    assert as_listed.compute() == pytest.approx(float(torch.tensor(0.6)) * 4 / 6, abs=1e-15)


def test_recall_threshold_half_with_perfect_precision() -> None:
    metric = MeanAveragePrecision(rec_thresholds=[0.5], class_mean=None)
    metric.update(
        (torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.4, 0.6]]), torch.tensor([0, 1, 0, 1]))
    )
    assert metric.compute().tolist() == pytest.approx([0.5, 0.5])


@pytest.mark.parametrize("bad", [3, -1])
def test_label_outside_classes_raises_in_update_and_keeps_history(bad: int) -> None:
    metric = MeanAveragePrecision(class_mean=None)
    scores = torch.tensor([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7]])
    metric.update((scores, torch.tensor([0, 1, 2])))
    with pytest.raises(ValueError, match=r"labels outside \[0, 3\)"):
        metric.update((scores, torch.tensor([0, bad, 2])))
    assert metric.compute().tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_argument_and_input_errors() -> None:
    with pytest.raises(ValueError, match="class_mean must be"):
        MeanAveragePrecision(class_mean="samples")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\]"):
        MeanAveragePrecision(rec_thresholds=[0.5, 1.5])
    with pytest.raises(ValueError, match="one-dimensional"):
        MeanAveragePrecision(rec_thresholds=[[0.5]])  # type: ignore[list-item]
    with pytest.raises(NotComputableError):
        MeanAveragePrecision().compute()
    with pytest.raises(ValueError, match="labels outside"):
        MeanAveragePrecision().update((torch.rand(2, 3), torch.tensor([0, 3])))
    with pytest.raises(ValueError, match="y must contain only 0s and 1s"):
        MeanAveragePrecision(is_multilabel=True).update(
            (torch.rand(2, 3), 2 * torch.ones(2, 3, dtype=torch.long))
        )


def test_absent_class_scores_zero_and_reset_frees_history(gen: torch.Generator) -> None:
    metric = MeanAveragePrecision(class_mean=None)
    metric.update((torch.rand(6, 3, generator=gen), torch.zeros(6, dtype=torch.long)))
    assert metric.compute().tolist() == pytest.approx([1.0, 0.0, 0.0])
    metric.reset()
    assert metric._scores == [] and metric._targets == []
