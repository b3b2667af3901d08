"""ConfusionMatrix and its derived metrics against scikit-learn and direct float64 formulas, over batch splits."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import confusion_matrix as sk_confusion_matrix

from ignite.engine import Engine
from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.confusion_matrix import (
    ConfusionMatrix,
    DiceCoefficient,
    IoU,
    JaccardIndex,
    cmAccuracy,
    cmPrecision,
    cmRecall,
    mIoU,
)

EPS = 1e-15


@st.composite
def multiclass_data(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, int]:
    n = draw(st.integers(1, 40))
    c = draw(st.integers(2, 6))
    seed = draw(st.integers(0, 2**31 - 1))
    gen = torch.Generator().manual_seed(seed)
    return torch.rand(n, c, generator=gen), torch.randint(0, c, (n,), generator=gen), c


def _sk_cm(y_pred: torch.Tensor, y: torch.Tensor, c: int) -> np.ndarray:
    return sk_confusion_matrix(y.numpy(), y_pred.argmax(1).numpy(), labels=list(range(c)))


@settings(max_examples=30, deadline=None)
@given(data=multiclass_data(), points=st.data())
def test_counts_equal_sklearn_over_batch_splits(
    data: tuple[torch.Tensor, torch.Tensor, int], points: st.DataObject
) -> None:
    y_pred, y, c = data
    cuts = points.draw(split_points(y.shape[0]))
    result = feed(ConfusionMatrix(c), (y_pred, y), cuts)
    assert result.dtype == torch.int64
    np.testing.assert_array_equal(result.numpy(), _sk_cm(y_pred, y, c))


@pytest.mark.parametrize("average", ["samples", "recall", "precision"])
def test_normalized_matrices(average: str, gen: torch.Generator) -> None:
    y_pred, y = torch.rand(50, 4, generator=gen), torch.randint(0, 4, (50,), generator=gen)
    cm = ConfusionMatrix(4, average=average)
    cm.update((y_pred, y))
    counts = _sk_cm(y_pred, y, 4).astype(np.float64)
    expected = {
        "samples": counts / counts.sum(),
        "recall": counts / counts.sum(axis=1, keepdims=True),
        "precision": counts / counts.sum(axis=0, keepdims=True),
    }[average]
    result = cm.compute()
    assert result.dtype == torch.float32
    np.testing.assert_allclose(result.numpy(), expected, rtol=1e-6)


def test_segmentation_shapes_and_ignored_labels(gen: torch.Generator) -> None:
    y_pred = torch.rand(3, 5, 8, 8, generator=gen)
    y = torch.randint(0, 5, (3, 8, 8), generator=gen)
    y[0, :2] = 255  # an ignore label
    y[1, 0, 0] = -1
    cm = ConfusionMatrix(5)
    cm.update((y_pred, y))
    keep = (y >= 0) & (y < 5)
    expected = sk_confusion_matrix(y[keep].numpy(), y_pred.argmax(1)[keep].numpy(), labels=list(range(5)))
    np.testing.assert_array_equal(cm.compute().numpy(), expected)


def _derived(cm: np.ndarray) -> dict[str, np.ndarray]:
    m = cm.astype(np.float64)
    diag, rows, cols = np.diag(m), m.sum(axis=1), m.sum(axis=0)
    return {
        "iou": diag / (rows + cols - diag + EPS),
        "dice": 2 * diag / (rows + cols + EPS),
        "acc": diag.sum() / (m.sum() + EPS),
        "precision": diag / (cols + EPS),
        "recall": diag / (rows + EPS),
    }


@settings(max_examples=20, deadline=None)
@given(data=multiclass_data(), ignore=st.integers(0, 1))
def test_derived_metrics_equal_direct_formulas(
    data: tuple[torch.Tensor, torch.Tensor, int], ignore: int
) -> None:
    y_pred, y, c = data
    cm = ConfusionMatrix(c)
    metrics = {
        "iou": IoU(cm),
        "iou_ignore": IoU(cm, ignore_index=ignore),
        "miou": mIoU(cm),
        "miou_ignore": mIoU(cm, ignore_index=ignore),
        "jaccard": JaccardIndex(cm),
        "dice": DiceCoefficient(cm),
        "dice_ignore": DiceCoefficient(cm, ignore_index=ignore),
        "acc": cmAccuracy(cm),
        "precision": cmPrecision(cm),
        "precision_per_class": cmPrecision(cm, average=False),
        "recall": cmRecall(cm),
        "recall_per_class": cmRecall(cm, average=False),
    }
    cm.update((y_pred, y))
    ref = _derived(_sk_cm(y_pred, y, c))
    keep = [i for i in range(c) if i != ignore]
    expected = {
        "iou": ref["iou"],
        "iou_ignore": ref["iou"][keep],
        "miou": ref["iou"].mean(),
        "miou_ignore": ref["iou"][keep].mean(),
        "jaccard": ref["iou"],
        "dice": ref["dice"],
        "dice_ignore": ref["dice"][keep],
        "acc": ref["acc"],
        "precision": ref["precision"].mean(),
        "precision_per_class": ref["precision"],
        "recall": ref["recall"].mean(),
        "recall_per_class": ref["recall"],
    }
    for key, metric in metrics.items():
        value = metric.compute()
        assert value.dtype == torch.float64, key
        np.testing.assert_allclose(value.numpy(), expected[key], rtol=1e-12, atol=1e-12, err_msg=key)


def test_derived_metric_attached_to_evaluator(gen: torch.Generator) -> None:
    batches = [(torch.rand(6, 3, generator=gen), torch.randint(0, 3, (6,), generator=gen)) for _ in range(4)]
    evaluator = Engine(lambda engine, batch: batch)
    cm = ConfusionMatrix(3)
    mIoU(cm).attach(evaluator, "miou")
    cm.attach(evaluator, "cm")
    state = evaluator.run(batches)
    y_pred = torch.cat([b[0] for b in batches])
    y = torch.cat([b[1] for b in batches])
    assert state.metrics["miou"] == pytest.approx(_derived(_sk_cm(y_pred, y, 3))["iou"].mean())
    np.testing.assert_array_equal(state.metrics["cm"].numpy(), _sk_cm(y_pred, y, 3))


def test_argument_checks() -> None:
    with pytest.raises(ValueError, match="average must be None or one of"):
        ConfusionMatrix(3, average="macro")
    with pytest.raises(TypeError, match="must be a ConfusionMatrix"):
        IoU(object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="average None or 'samples'"):
        IoU(ConfusionMatrix(3, average="recall"))
    with pytest.raises(ValueError, match=r"ignore_index must be an int in \[0, 3\)"):
        mIoU(ConfusionMatrix(3), ignore_index=3)
    with pytest.raises(ValueError, match="average must be one of"):
        ConfusionMatrix.normalize(torch.ones(2, 2), "macro")


def test_reset_and_state_dict(gen: torch.Generator) -> None:
    y_pred, y = torch.rand(10, 3, generator=gen), torch.randint(0, 3, (10,), generator=gen)
    cm = ConfusionMatrix(3)
    cm.update((y_pred, y))
    restored = ConfusionMatrix(3)
    restored.load_state_dict(cm.state_dict())
    assert torch.equal(restored.compute(), cm.compute())
    cm.reset()
    with pytest.raises(NotComputableError):
        cm.compute()


def test_update_reads_nothing_back_to_the_host(gen: torch.Generator, monkeypatch: pytest.MonkeyPatch) -> None:
    cm = ConfusionMatrix(4)
    batch = (torch.rand(10, 4, generator=gen), torch.randint(0, 4, (10,), generator=gen))

    def forbidden(self: torch.Tensor) -> object:
        raise AssertionError("host sync in update")

    monkeypatch.setattr(torch.Tensor, "item", forbidden)
    monkeypatch.setattr(torch.Tensor, "tolist", forbidden)
    monkeypatch.setattr(torch.Tensor, "__bool__", forbidden)
    cm.update(batch)
    monkeypatch.undo()
    assert int(cm.compute().sum()) == 10


def test_shared_argmax_follows_in_place_changes_of_the_batch() -> None:
    """Metrics share one argmax per batch tensor; an in-place change of that tensor is seen by the next update."""
    from ignite_plugins_metrics.accuracy import Accuracy

    y_pred = torch.tensor([[0.9, 0.1], [0.8, 0.2]])
    y = torch.tensor([0, 0])
    acc, cm = Accuracy(), ConfusionMatrix(2)
    acc.update((y_pred, y))
    cm.update((y_pred, y))
    y_pred[:, 1] = 1.0  # now every prediction is class 1
    acc.update((y_pred, y))
    cm.update((y_pred, y))
    assert acc.compute() == 0.5
    assert cm.compute().tolist() == [[2, 2], [0, 0]]


@pytest.mark.parametrize("precision_first", [True, False])
def test_metrics_sharing_one_batch_count_agree_with_sklearn(
    precision_first: bool, gen: torch.Generator
) -> None:
    """Accuracy, Precision, Recall and ConfusionMatrix share the per-batch counts whatever their order."""
    from sklearn.metrics import accuracy_score, precision_score, recall_score

    from ignite_plugins_metrics.accuracy import Accuracy
    from ignite_plugins_metrics.precision import Precision
    from ignite_plugins_metrics.recall import Recall

    batches = [(torch.rand(9, 4, generator=gen), torch.randint(0, 4, (9,), generator=gen)) for _ in range(6)]
    evaluator = Engine(lambda engine, batch: batch)
    metrics = {
        "precision": Precision(average="macro"),
        "recall": Recall(),
        "cm": ConfusionMatrix(4),
        "acc": Accuracy(),
    }
    order = list(metrics) if precision_first else list(reversed(metrics))
    for name in order:
        metrics[name].attach(evaluator, name)
    state = evaluator.run(batches)
    y = torch.cat([b[1] for b in batches]).numpy()
    pred = torch.cat([b[0] for b in batches]).argmax(1).numpy()
    assert state.metrics["acc"] == pytest.approx(accuracy_score(y, pred))
    assert state.metrics["precision"] == pytest.approx(
        precision_score(y, pred, average="macro", zero_division=0)
    )
    np.testing.assert_allclose(
        state.metrics["recall"].numpy(), recall_score(y, pred, average=None, zero_division=0)
    )
    np.testing.assert_array_equal(
        state.metrics["cm"].numpy(),
        _sk_cm(torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches]), 4),
    )


def test_batch_counts_are_shared_for_segmentation_and_int32_targets(gen: torch.Generator) -> None:
    """Multi-dimensional or int32 targets reach the shared counts too, and the cache keeps no batch alive."""
    import gc
    import weakref

    from ignite_plugins_metrics._classification import cached_class_counts, class_counts

    y_pred = torch.rand(2, 3, 4, 4, generator=gen, requires_grad=True)
    y = torch.randint(0, 3, (2, 4, 4), generator=gen, dtype=torch.int32)
    counts = class_counts(y_pred, y, "test")
    assert cached_class_counts(y_pred, y) is counts
    alive = weakref.ref(y_pred)
    del y_pred, counts
    gc.collect()
    assert alive() is None


def test_confusion_matrix_attribute_and_state_dict_see_every_batch(gen: torch.Generator) -> None:
    """Per-batch counts are added in groups; the public attribute, compute() and state_dict() include them all."""
    from ignite_plugins_metrics.precision import Precision

    batches = [
        (torch.rand(5, 3, generator=gen), torch.randint(0, 3, (5,), generator=gen)) for _ in range(130)
    ]
    cm, shared_with = ConfusionMatrix(3), Precision()
    for i, batch in enumerate(batches, start=1):
        if i % 2:
            shared_with.update(batch)  # odd batches: counts shared with Precision
        cm.update(batch)
        if i in (1, 63, 64, 65, 130):
            expected = _sk_cm(
                torch.cat([b[0] for b in batches[:i]]), torch.cat([b[1] for b in batches[:i]]), 3
            )
            np.testing.assert_array_equal(cm.confusion_matrix.numpy(), expected)
            restored = ConfusionMatrix(3)
            restored.load_state_dict(cm.state_dict())
            np.testing.assert_array_equal(restored.compute().numpy(), expected)


def test_output_of_per_sample_lists_is_unrolled_only_on_request() -> None:
    """``skip_unrolling`` defaults to True as in 0.5: lists of samples are fed as is unless asked."""
    y_pred = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]])
    output = (list(y_pred), list(torch.tensor([0, 1, 1])))
    unrolled = ConfusionMatrix(2, skip_unrolling=False)
    engine = Engine(lambda e, b: b)
    unrolled.attach(engine, "cm")
    assert engine.run([output]).metrics["cm"].tolist() == [[1, 0], [1, 1]]
    default = Engine(lambda e, b: b)
    ConfusionMatrix(2).attach(default, "cm")
    with pytest.raises(TypeError):
        default.run([output])
