"""Fbeta and TopKCategoricalAccuracy against scikit-learn over batch splits."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import fbeta_score, top_k_accuracy_score

from ignite.exceptions import NotComputableError
from ignite.metrics import MetricsLambda
from ignite_plugins_metrics.fbeta import Fbeta
from ignite_plugins_metrics.precision import Precision
from ignite_plugins_metrics.recall import Recall
from ignite_plugins_metrics.top_k_categorical_accuracy import TopKCategoricalAccuracy


@st.composite
def multiclass(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, int]:
    n = draw(st.integers(1, 40))
    c = draw(st.integers(3, 6))
    gen = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    return torch.rand(n, c, generator=gen), torch.randint(0, c, (n,), generator=gen), c


@settings(max_examples=25, deadline=None)
@given(data=multiclass(), beta=st.sampled_from([0.5, 1.0, 2.0]), points=st.data())
def test_fbeta_equals_sklearn(
    data: tuple[torch.Tensor, torch.Tensor, int], beta: float, points: st.DataObject
) -> None:
    y_pred, y, c = data
    cuts = points.draw(split_points(y.shape[0]))
    labels = list(range(c))
    pred = y_pred.argmax(1).numpy()
    per_class = fbeta_score(y.numpy(), pred, beta=beta, average=None, labels=labels, zero_division=0)
    averaged = feed(Fbeta(beta), (y_pred, y), cuts)
    assert isinstance(averaged, float)
    assert averaged == pytest.approx(per_class.mean(), abs=1e-9)
    np.testing.assert_allclose(
        feed(Fbeta(beta, average=False), (y_pred, y), cuts).numpy(), per_class, atol=1e-9
    )


def test_fbeta_shares_given_precision_and_recall(gen: torch.Generator) -> None:
    precision, recall = Precision(average=False), Recall(average=False)
    f1 = Fbeta(1.0, precision=precision, recall=recall)
    assert isinstance(f1, MetricsLambda)
    y_pred, y = torch.randint(0, 2, (30,), generator=gen), torch.randint(0, 2, (30,), generator=gen)
    precision.update((y_pred, y))
    recall.update((y_pred, y))
    assert f1.compute() == pytest.approx(fbeta_score(y.numpy(), y_pred.numpy(), beta=1.0), abs=1e-9)


def test_fbeta_argument_checks() -> None:
    with pytest.raises(ValueError, match="beta must be a positive number"):
        Fbeta(0.0)
    with pytest.raises(ValueError, match="average=False"):
        Fbeta(1.0, precision=Precision(average=True))
    with pytest.raises(ValueError, match="output_transform must be None"):
        Fbeta(1.0, precision=Precision(), output_transform=lambda x: x)
    with pytest.raises(NotComputableError):
        Fbeta(1.0).compute()


@settings(max_examples=25, deadline=None)
@given(data=multiclass(), k=st.integers(1, 3), points=st.data())
def test_topk_equals_sklearn(
    data: tuple[torch.Tensor, torch.Tensor, int], k: int, points: st.DataObject
) -> None:
    y_pred, y, c = data
    cuts = points.draw(split_points(y.shape[0]))
    expected = top_k_accuracy_score(y.numpy(), y_pred.numpy(), k=k, labels=list(range(c)))
    value = feed(TopKCategoricalAccuracy(k=k), (y_pred, y), cuts)
    assert isinstance(value, float)
    assert value == pytest.approx(expected)


def test_topk_errors() -> None:
    with pytest.raises(RuntimeError, match="k=5 must be between 1 and the number of classes"):
        TopKCategoricalAccuracy(k=5).update((torch.rand(2, 3), torch.tensor([0, 1])))
    with pytest.raises(ValueError, match="y shape"):
        TopKCategoricalAccuracy(k=1).update((torch.rand(2, 3), torch.tensor([0, 1, 2])))


def test_fbeta_device_defaults_to_none_and_clashes_with_given_metrics() -> None:
    """As 0.5: ``device`` is None by default (the CPU); with a given precision/recall it must stay None."""
    metric = Fbeta(1.0)
    assert all(arg._device == torch.device("cpu") for arg in metric.args)
    Fbeta(1.0, precision=Precision(average=False), recall=Recall(average=False))
    with pytest.raises(ValueError, match="device must be None"):
        Fbeta(1.0, precision=Precision(average=False), device="cpu")
    with pytest.raises(ValueError, match="device must be None"):
        Fbeta(1.0, recall=Recall(average=False), device="cpu")
