"""Precision and Recall against sklearn for every input type and ``average`` mode; F1 composition."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from metrics_testdata import binary_batch, multiclass_batch, multilabel_batch, to_sklearn
from sklearn.metrics import f1_score, precision_score, recall_score

from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.precision import Precision
from ignite_plugins_metrics.recall import Recall

METRICS = [(Precision, precision_score), (Recall, recall_score)]
NUM_CLASSES = {"binary": 2, "multiclass": 6, "multilabel": 5}


def _batches(
    kind: str, gen: torch.Generator, extra: tuple[int, ...] = ()
) -> list[tuple[torch.Tensor, torch.Tensor]]:
    sizes = [12, 5, 20, 1]
    if kind == "binary":
        return [binary_batch(gen, n, extra) for n in sizes]
    if kind == "multiclass":
        return [multiclass_batch(gen, n, NUM_CLASSES[kind], extra) for n in sizes]
    return [multilabel_batch(gen, n, NUM_CLASSES[kind], extra) for n in sizes]


def _sklearn(fn: Any, kind: str, y_true: np.ndarray, y_pred: np.ndarray, average: Any) -> Any:
    labels = list(range(NUM_CLASSES[kind]))
    if average is False:
        if kind == "binary":
            return fn(y_true, y_pred, average="binary", zero_division=0)
        average = None
    if average is True:
        average = "macro"
    return fn(y_true, y_pred, labels=labels, average=average, zero_division=0)


def _check(result: Any, expected: Any) -> None:
    if isinstance(expected, np.ndarray):
        assert isinstance(result, torch.Tensor)
        np.testing.assert_allclose(result.cpu().numpy(), expected, rtol=1e-10, atol=1e-12)
    else:
        assert float(result) == pytest.approx(float(expected), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize(("metric_cls", "sk_fn"), METRICS, ids=["precision", "recall"])
@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
@pytest.mark.parametrize("average", [False, None, True, "micro", "macro", "weighted"])
@pytest.mark.parametrize("extra", [(), (3,)])
def test_matches_sklearn(
    metric_cls: type[Precision],
    sk_fn: Any,
    kind: str,
    average: Any,
    extra: tuple[int, ...],
    gen: torch.Generator,
) -> None:
    batches = _batches(kind, gen, extra)
    metric = metric_cls(average=average, is_multilabel=kind == "multilabel")
    for i, batch in enumerate(batches, start=1):
        metric.update(batch)
        y_true, y_pred = to_sklearn(kind, batches[:i])
        _check(metric.compute(), _sklearn(sk_fn, kind, y_true, y_pred, average))
    if average in (True, "micro", "macro", "weighted"):
        assert isinstance(metric.compute(), float)


@pytest.mark.parametrize(("metric_cls", "sk_fn"), METRICS, ids=["precision", "recall"])
@pytest.mark.parametrize("extra", [(), (2,)])
def test_samples_average_matches_sklearn(
    metric_cls: type[Precision], sk_fn: Any, extra: tuple[int, ...], gen: torch.Generator
) -> None:
    batches = _batches("multilabel", gen, extra)
    # rows without any positive (predicted or actual) exercise the zero-division rule
    batches.append((torch.zeros(3, 5, *extra, dtype=torch.long), torch.zeros(3, 5, *extra, dtype=torch.long)))
    metric = metric_cls(average="samples", is_multilabel=True)
    for batch in batches:
        metric.update(batch)
    y_true, y_pred = to_sklearn("multilabel", batches)
    expected = sk_fn(y_true, y_pred, average="samples", zero_division=0)
    assert metric.compute() == pytest.approx(expected, rel=1e-10)


def test_classes_never_seen_score_zero() -> None:
    precision = Precision(average=None)
    recall = Recall(average=None)
    y_pred = torch.tensor([[0.9, 0.1, 0.0, 0.0], [0.2, 0.8, 0.0, 0.0], [0.9, 0.1, 0.0, 0.0]])
    y = torch.tensor([0, 1, 1])
    for metric in (precision, recall):
        metric.update((y_pred, y))
    torch.testing.assert_close(precision.compute(), torch.tensor([0.5, 1.0, 0.0, 0.0], dtype=torch.float64))
    torch.testing.assert_close(recall.compute(), torch.tensor([1.0, 0.5, 0.0, 0.0], dtype=torch.float64))


def test_binary_average_false_is_positive_class_only() -> None:
    y_pred = torch.tensor([1, 1, 0, 1, 0])
    y = torch.tensor([1, 0, 0, 1, 1])
    precision, recall = Precision(), Recall()
    for metric in (precision, recall):
        metric.update((y_pred, y))
    assert float(precision.compute()) == pytest.approx(2 / 3)
    assert float(recall.compute()) == pytest.approx(2 / 3)
    assert isinstance(precision.compute(), torch.Tensor) and precision.compute().ndim == 0
    per_class = Precision(average=None)
    per_class.update((y_pred, y))
    torch.testing.assert_close(per_class.compute(), torch.tensor([1 / 2, 2 / 3], dtype=torch.float64))


def test_f1_composed_from_precision_and_recall(gen: torch.Generator) -> None:
    """The blog's F1 composition equals sklearn's macro F1 on known data."""
    batches = [multiclass_batch(gen, 32, 4) for _ in range(4)]
    precision = Precision(average=False)
    recall = Recall(average=False)
    f1 = (precision * recall * 2 / (precision + recall)).mean()
    evaluator = Engine(lambda engine, batch: batch)
    f1.attach(evaluator, "f1")
    state = evaluator.run(batches)
    y_true, y_pred = to_sklearn("multiclass", batches)
    assert state.metrics["f1"] == pytest.approx(f1_score(y_true, y_pred, average="macro"), rel=1e-10)


def test_f1_on_hand_computed_data() -> None:
    y_pred = torch.tensor(
        [[0.8, 0.2, 0.0], [0.1, 0.7, 0.2], [0.3, 0.3, 0.4], [0.6, 0.3, 0.1], [0.1, 0.2, 0.7]]
    )
    y = torch.tensor([0, 1, 1, 2, 2])
    # predictions 0, 1, 2, 0, 2 -> precision [1/2, 1, 1/2], recall [1, 1/2, 1/2]
    precision = Precision(average=False)
    recall = Recall(average=False)
    f1 = precision * recall * 2 / (precision + recall + 1e-20)
    precision.update((y_pred, y))
    recall.update((y_pred, y))
    expected = torch.tensor([2 / 3, 2 / 3, 1 / 2], dtype=torch.float64)
    torch.testing.assert_close(f1.compute(), expected)


@pytest.mark.parametrize("metric_cls", [Precision, Recall])
def test_samples_rejected_for_non_multilabel(metric_cls: type[Precision]) -> None:
    metric = metric_cls(average="samples")
    with pytest.raises(ValueError, match="only defined for multilabel"):
        metric.update((torch.rand(4, 3), torch.tensor([0, 1, 2, 0])))


@pytest.mark.parametrize("metric_cls", [Precision, Recall])
@pytest.mark.parametrize("average", ["binary", "mean", 1, 0.5])
def test_invalid_average(metric_cls: type[Precision], average: Any) -> None:
    with pytest.raises(ValueError, match="average must be one of"):
        metric_cls(average=average)


@pytest.mark.parametrize("metric_cls", [Precision, Recall])
def test_labels_out_of_range_raise(metric_cls: type[Precision]) -> None:
    metric = metric_cls()
    with pytest.raises(ValueError, match=r"outside \[0, 3\)"):
        metric.update((torch.rand(2, 3), torch.tensor([0, 3])))
    with pytest.raises(ValueError, match=r"outside \[0, 3\)"):
        metric.update((torch.rand(2, 3), torch.tensor([-1, 0])))


@pytest.mark.parametrize("metric_cls", [Precision, Recall])
def test_not_computable_and_bad_shapes(metric_cls: type[Precision]) -> None:
    metric = metric_cls(average="macro")
    with pytest.raises(NotComputableError, match=metric_cls.__name__):
        metric.compute()
    with pytest.raises(ValueError, match="same shape"):
        metric.update((torch.tensor([0, 1, 1]), torch.tensor([0, 1])))
    with pytest.raises(ValueError, match="only 0s and 1s"):
        metric.update((torch.tensor([0.3, 0.7]), torch.tensor([0, 1])))


def test_reset_between_epochs_on_engine(gen: torch.Generator) -> None:
    epoch_1 = [multilabel_batch(gen, 8, 3) for _ in range(2)]
    epoch_2 = [multilabel_batch(gen, 8, 3) for _ in range(2)]
    data = iter([*epoch_1, *epoch_2])
    evaluator = Engine(lambda engine, batch: next(data))
    Recall(average="weighted", is_multilabel=True).attach(evaluator, "recall")
    seen = []
    evaluator.add_event_handler(
        Events.EPOCH_COMPLETED, lambda engine: seen.append(engine.state.metrics["recall"])
    )
    evaluator.run(range(2), max_epochs=2)
    for epoch, got in zip((epoch_1, epoch_2), seen):
        y_true, y_pred = to_sklearn("multilabel", epoch)
        assert got == pytest.approx(recall_score(y_true, y_pred, average="weighted", zero_division=0))


@pytest.mark.parametrize("metric_cls", [Precision, Recall])
def test_state_dict_round_trip_keeps_input_type(metric_cls: type[Precision], gen: torch.Generator) -> None:
    metric = metric_cls()
    metric.update(binary_batch(gen, 30))
    restored = metric_cls()
    restored.load_state_dict(metric.state_dict())
    result = restored.compute()
    assert isinstance(result, torch.Tensor) and result.ndim == 0
    torch.testing.assert_close(result, metric.compute())
    with pytest.raises(RuntimeError, match="binary to multiclass"):
        restored.update(multiclass_batch(gen, 4, 3))
    restored.update(binary_batch(gen, 10))


@pytest.mark.parametrize("cls", [Precision, Recall])
def test_many_updates_and_state_dict_between_folds(cls: type, gen: torch.Generator) -> None:
    """Per-batch counts are added in groups; compute() and state_dict() see every batch."""
    batches = [multiclass_batch(gen, 3, 4) for _ in range(140)]
    score = precision_score if cls is Precision else recall_score
    metric = cls(average="macro")
    for i, batch in enumerate(batches, start=1):
        metric.update(batch)
        if i in (1, 64, 65, 70, 140):
            y_true, y_pred = to_sklearn("multiclass", batches[:i])
            expected = score(y_true, y_pred, average="macro", labels=list(range(4)), zero_division=0)
            assert metric.compute() == pytest.approx(expected)
            restored = cls(average="macro")
            restored.load_state_dict(metric.state_dict())
            assert restored.compute() == pytest.approx(expected)


def test_nested_in_a_metric_group_the_state_includes_pending_batches(gen: torch.Generator) -> None:
    """A MetricGroup exports its metrics' states itself: the per-batch sums not yet added are included."""
    from ignite.metrics import MetricGroup
    from ignite_plugins_metrics.accuracy import Accuracy
    from ignite_plugins_metrics.confusion_matrix import ConfusionMatrix
    from ignite_plugins_metrics.loss import Loss

    def group() -> MetricGroup:
        return MetricGroup(
            {
                "acc": Accuracy(),
                "precision": Precision(average="macro"),
                "loss": Loss(torch.nn.functional.cross_entropy),
                "cm": ConfusionMatrix(4),
            }
        )

    metrics = group()
    for _ in range(3):
        metrics.update(multiclass_batch(gen, 5, 4))
    fresh = group()
    fresh.load_state_dict(metrics.state_dict())
    expected, restored = metrics.compute(), fresh.compute()
    for key in ("acc", "precision", "loss"):
        assert restored[key] == pytest.approx(expected[key])
    assert torch.equal(restored["cm"], expected["cm"])
