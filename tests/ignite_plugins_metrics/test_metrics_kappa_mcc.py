"""CohenKappa and MatthewsCorrCoef (streaming confusion matrices in torch) against scikit-learn over batch splits."""

from __future__ import annotations

import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score, matthews_corrcoef

from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.cohen_kappa import CohenKappa
from ignite_plugins_metrics.matthews_corrcoef import MatthewsCorrCoef, matthews_corrcoef_compute_fn


@st.composite
def labels(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, int]:
    n = draw(st.integers(2, 50))
    c = draw(st.integers(2, 6))
    gen = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    pred = torch.randint(0, c, (n,), generator=gen)
    target = torch.randint(0, c, (n,), generator=gen)
    target[0], target[1] = 0, 1
    return pred, target, c


@settings(max_examples=30, deadline=None)
@given(data=labels(), weights=st.sampled_from([None, "linear", "quadratic"]), points=st.data())
def test_kappa_equals_sklearn(
    data: tuple[torch.Tensor, torch.Tensor, int], weights: str | None, points: st.DataObject
) -> None:
    pred, target, c = data
    cuts = points.draw(split_points(pred.shape[0]))
    expected = cohen_kappa_score(target.numpy(), pred.numpy(), weights=weights)
    value = feed(CohenKappa(weights=weights), (pred, target), cuts)  # type: ignore[arg-type]
    assert isinstance(value, float)
    assert value == pytest.approx(expected, abs=1e-12)
    with_classes = feed(CohenKappa(weights=weights, num_classes=c), (pred, target), cuts)  # type: ignore[arg-type]
    expected_all = cohen_kappa_score(target.numpy(), pred.numpy(), weights=weights, labels=list(range(c)))
    assert with_classes == pytest.approx(expected_all, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(data=labels(), points=st.data())
def test_mcc_equals_sklearn_for_labels_and_scores(
    data: tuple[torch.Tensor, torch.Tensor, int], points: st.DataObject
) -> None:
    pred, target, c = data
    cuts = points.draw(split_points(pred.shape[0]))
    expected = matthews_corrcoef(target.numpy(), pred.numpy())
    assert feed(MatthewsCorrCoef(), (pred, target), cuts) == pytest.approx(expected, abs=1e-12)
    scores = torch.nn.functional.one_hot(pred, c).float() + 0.01 * torch.arange(c)
    assert feed(MatthewsCorrCoef(), (scores, target), cuts) == pytest.approx(expected, abs=1e-12)
    assert matthews_corrcoef_compute_fn(scores, target) == pytest.approx(expected, abs=1e-12)


def test_state_is_a_small_matrix_not_the_history() -> None:
    mcc = MatthewsCorrCoef()
    for _ in range(10):
        mcc.update((torch.randint(0, 3, (100,)), torch.randint(0, 3, (100,))))
    assert mcc._matrix.shape == (3, 3)
    mcc.reset()
    assert mcc._matrix.numel() == 0
    with pytest.raises(NotComputableError):
        mcc.compute()


def test_input_errors() -> None:
    with pytest.raises(ValueError, match="weights must be"):
        CohenKappa(weights="cubic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="num_classes must be an int > 1"):
        CohenKappa(num_classes=1)
    with pytest.raises(RuntimeError, match="not smaller than num_classes=3"):
        CohenKappa(num_classes=3).update((torch.tensor([0, 5]), torch.tensor([0, 1])))
    with pytest.raises(ValueError, match="label vectors"):
        CohenKappa().update((torch.rand(4, 3), torch.tensor([0, 1, 2, 0])))
    with pytest.raises(ValueError, match="non-integer"):
        MatthewsCorrCoef().update((torch.tensor([0.2, 0.7]), torch.tensor([0, 1])))
    with pytest.raises(ValueError, match="non-negative"):
        MatthewsCorrCoef().update((torch.tensor([0, -1]), torch.tensor([0, 1])))


def test_single_class_gives_zero() -> None:
    kappa = CohenKappa()
    kappa.update((torch.tensor([1, 1, 1]), torch.tensor([1, 1, 1])))
    assert kappa.compute() == 0.0
    mcc = MatthewsCorrCoef()
    mcc.update((torch.tensor([1, 1, 1]), torch.tensor([1, 1, 1])))
    with pytest.warns(UserWarning, match="single label"):
        assert mcc.compute() == 0.0
