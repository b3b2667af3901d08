"""MultiLabelConfusionMatrix and ClassificationReport against scikit-learn."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import multilabel_confusion_matrix, precision_recall_fscore_support

from ignite.engine import Engine
from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.classification_report import ClassificationReport
from ignite_plugins_metrics.multilabel_confusion_matrix import MultiLabelConfusionMatrix


@st.composite
def multilabel(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, int]:
    n = draw(st.integers(1, 40))
    c = draw(st.integers(2, 5))
    gen = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    return torch.randint(0, 2, (n, c), generator=gen), torch.randint(0, 2, (n, c), generator=gen), c


@settings(max_examples=30, deadline=None)
@given(data=multilabel(), points=st.data())
def test_mlcm_equals_sklearn(data: tuple[torch.Tensor, torch.Tensor, int], points: st.DataObject) -> None:
    y_pred, y, c = data
    cuts = points.draw(split_points(y.shape[0]))
    expected = multilabel_confusion_matrix(y.numpy(), y_pred.numpy())
    result = feed(MultiLabelConfusionMatrix(c), (y_pred, y), cuts)
    assert result.dtype == torch.int64
    np.testing.assert_array_equal(result.numpy(), expected)
    normalized = feed(MultiLabelConfusionMatrix(c, normalized=True), (y_pred, y), cuts)
    np.testing.assert_allclose(normalized.numpy(), expected / y.shape[0])


def test_mlcm_input_errors() -> None:
    with pytest.raises(ValueError, match="num_classes must be an int > 1"):
        MultiLabelConfusionMatrix(1)
    m = MultiLabelConfusionMatrix(3)
    with pytest.raises(ValueError, match="integer or bool"):
        m.update((torch.rand(2, 3), torch.ones(2, 3, dtype=torch.long)))
    with pytest.raises(ValueError, match="only 0s and 1s"):
        m.update((2 * torch.ones(2, 3, dtype=torch.long), torch.ones(2, 3, dtype=torch.long)))
    with pytest.raises(ValueError, match="num_classes=3"):
        m.update((torch.ones(2, 2, dtype=torch.long), torch.ones(2, 2, dtype=torch.long)))
    with pytest.raises(NotComputableError):
        m.compute()


def _sk_report(y_true: np.ndarray, y_pred: np.ndarray, beta: float) -> dict[str, np.ndarray]:
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, beta=beta, zero_division=0)
    return {"precision": p, "recall": r, "f": f}


@pytest.mark.parametrize("beta", [1, 2])
def test_report_multiclass_equals_sklearn(beta: int, gen: torch.Generator) -> None:
    y_pred, y = torch.rand(60, 4, generator=gen), torch.randint(0, 4, (60,), generator=gen)
    report = ClassificationReport(beta=beta, output_dict=True, labels=["a", "b", "c", "d"])
    report.update((y_pred[:25], y[:25]))
    report.update((y_pred[25:], y[25:]))
    result = report.compute()
    ref = _sk_report(y.numpy(), y_pred.argmax(1).numpy(), beta)
    score = f"f{beta}-score"
    for i, name in enumerate("abcd"):
        assert result[name]["precision"] == pytest.approx(ref["precision"][i])
        assert result[name]["recall"] == pytest.approx(ref["recall"][i])
        assert result[name][score] == pytest.approx(ref["f"][i])
    assert result["macro avg"][score] == pytest.approx(ref["f"].mean())
    as_json = ClassificationReport(beta=beta)
    as_json.update((y_pred, y))
    assert json.loads(as_json.compute())["macro avg"]["precision"] == pytest.approx(ref["precision"].mean())


def test_report_multilabel_equals_sklearn(gen: torch.Generator) -> None:
    y_pred, y = torch.randint(0, 2, (40, 3), generator=gen), torch.randint(0, 2, (40, 3), generator=gen)
    report = ClassificationReport(output_dict=True, is_multilabel=True)
    report.update((y_pred, y))
    result = report.compute()
    ref = _sk_report(y.numpy(), y_pred.numpy(), 1.0)
    for i in range(3):
        assert result[str(i)]["f1-score"] == pytest.approx(ref["f"][i])


def test_report_labels_must_match_classes(gen: torch.Generator) -> None:
    report = ClassificationReport(labels=["a", "b"])
    report.update((torch.rand(5, 3, generator=gen), torch.tensor([0, 1, 2, 0, 1])))
    with pytest.raises(ValueError, match="2 labels given for 3 classes"):
        report.compute()


@pytest.mark.parametrize(
    ("mode", "keys"),
    [("both", ["0", "1", "cr", "macro avg"]), ("flatten", ["0", "1", "macro avg"]), ("named", ["cr"])],
)
def test_report_metrics_result_mode(mode: str, keys: list[str]) -> None:
    engine = Engine(lambda e, b: b)
    ClassificationReport(output_dict=True, metrics_result_mode=mode).attach(engine, "cr")  # type: ignore[arg-type]
    batch = (torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]]), torch.tensor([0, 1, 1]))
    assert sorted(engine.run([batch]).metrics) == keys
    with pytest.raises(ValueError, match="metrics_result_mode"):
        ClassificationReport(metrics_result_mode="all")  # type: ignore[arg-type]
