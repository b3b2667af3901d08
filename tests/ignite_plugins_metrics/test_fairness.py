"""Fairness metrics against per-group references computed directly."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ignite.exceptions import NotComputableError
from ignite.metrics import Accuracy, Precision
from ignite.metrics.fairness import (
    DemographicParityDifference,
    SelectionRate,
    SubgroupAccuracyDifference,
    SubgroupDifference,
    SubgroupMetric,
)

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


def _batches(seed: int, n: int, c: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return (
        torch.randn(n, c, generator=g),
        torch.randint(0, c, (n,), generator=g),
        torch.randint(0, 3, (n,), generator=g),
    )


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 30), cut=st.integers(0, 30))
def test_subgroup_accuracy_and_difference(seed: int, n: int, cut: int) -> None:
    y_pred, y, groups = _batches(seed, n, 3)
    k = min(cut, n)
    correct = (y_pred.argmax(1) == y).numpy()
    g = groups.numpy()
    expected = {grp: float(correct[g == grp].mean()) for grp in (0, 1, 2) if (g == grp).any()}
    sub = SubgroupMetric(Accuracy(), groups=[0, 1, 2])
    diff = SubgroupAccuracyDifference(groups=[0, 1, 2])
    generic = SubgroupDifference(Accuracy(), groups=[0, 1, 2])
    for metric in (sub, diff, generic):
        metric.update((y_pred[:k], y[:k], groups[:k]))
        metric.update((y_pred[k:], y[k:], groups[k:]))
    assert sub.compute() == pytest.approx(expected)
    if len(expected) < 2:
        for metric in (diff, generic):
            with pytest.raises(NotComputableError, match="two unique subgroups"):
                metric.compute()
        return
    spread = max(expected.values()) - min(expected.values())
    assert diff.compute() == pytest.approx(spread)
    assert generic.compute() == pytest.approx(spread)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 30), c=st.integers(2, 4))
def test_selection_rate_and_demographic_parity(seed: int, n: int, c: int) -> None:
    y_pred, y, groups = _batches(seed, n, c)
    chosen = y_pred.argmax(1).numpy()
    rate = SelectionRate()
    rate.update((y_pred, y))
    assert rate.compute().tolist() == pytest.approx(np.bincount(chosen, minlength=c) / n)
    g = groups.numpy()
    rates = [
        np.bincount(chosen[g == grp], minlength=c) / (g == grp).sum() for grp in (0, 1, 2) if (g == grp).any()
    ]
    dpd = DemographicParityDifference(groups=[0, 1, 2])
    dpd.update((y_pred, y, groups))
    if len(rates) < 2:
        with pytest.raises(NotComputableError, match="two unique subgroups"):
            dpd.compute()
        return
    assert dpd.compute() == pytest.approx(float((np.max(rates, 0) - np.min(rates, 0)).max()))


def test_selection_rate_binary_multilabel_and_checks() -> None:
    m = SelectionRate()
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((torch.tensor([1, 0, 1, 1]), torch.tensor([0, 0, 1, 1])))
    assert m.compute().tolist() == [0.25, 0.75]
    with pytest.raises(ValueError, match="0s and 1s"):
        SelectionRate().update((torch.tensor([0.2, 0.7]), torch.tensor([0, 1])))
    ml = SelectionRate(is_multilabel=True)
    ml.update((torch.tensor([[1, 0, 1], [1, 1, 0]]), torch.tensor([[1, 0, 1], [0, 1, 0]])))
    assert ml.compute().tolist() == [1.0, 0.5, 0.5]


def test_subgroup_checks() -> None:
    sub = SubgroupMetric(Precision(average=True), groups=[0, 1, 7])
    assert sub.compute() == {}
    with pytest.raises(ValueError, match="same batch size"):
        sub.update((torch.rand(4, 3), torch.zeros(4, dtype=torch.long), torch.zeros(3)))
    with pytest.raises(TypeError, match="group_labels"):
        sub.update((torch.rand(4, 3), torch.zeros(4, dtype=torch.long)))
    with pytest.raises(TypeError, match="Metric"):
        SubgroupMetric("accuracy", groups=[0])  # type: ignore[arg-type]
    with pytest.raises(NotComputableError, match="Fairness"):
        SubgroupAccuracyDifference(groups=[0, 1]).compute()
    sub.update((torch.eye(3)[[0, 1, 2, 0]], torch.tensor([0, 1, 2, 1]), torch.tensor([0, 0, 1, 1])))
    assert set(sub.compute()) == {0, 1}  # group 7 received no data
    one_group = SubgroupAccuracyDifference(groups=[0, 1])
    one_group.update((torch.eye(3)[[0, 1]], torch.tensor([0, 1]), torch.tensor([1, 1])))
    with pytest.raises(NotComputableError, match="two unique subgroups"):
        one_group.compute()
