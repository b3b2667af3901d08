"""``get_sequence_transform`` of the classification metrics: sequence outputs flattened, padding dropped."""

from __future__ import annotations

import pytest
import torch

from ignite.engine import Engine
from ignite.metrics import Accuracy, MeanAveragePrecision, Precision, Recall
from ignite.metrics.fairness import SelectionRate

Y_PRED = torch.arange(24, dtype=torch.float32).reshape(2, 4, 3)  # (N, S, C)
Y = torch.tensor([[0, 1, 2, -100], [2, -100, 1, 0]])  # (N, S), -100 pads


@pytest.mark.parametrize("cls", [Accuracy, Precision, Recall, MeanAveragePrecision, SelectionRate])
def test_every_classification_metric_offers_it(cls: type) -> None:
    scores, labels = cls.get_sequence_transform(-100)((Y_PRED, Y))  # type: ignore[attr-defined]
    assert scores.shape == (6, 3) and labels.tolist() == [0, 1, 2, 2, 1, 0]


@pytest.mark.parametrize(
    ("ignore_index", "kept"),
    [
        (None, [0, 1, 2, -100, 2, -100, 1, 0]),
        (-100, [0, 1, 2, 2, 1, 0]),
        (2, [0, 1, -100, -100, 1, 0]),
        ((0, 2), [1, -100, -100, 1]),
        ([0, -100], [1, 2, 2, 1]),
    ],
)
def test_flattens_and_drops_ignored_labels(
    ignore_index: int | tuple[int, ...] | None, kept: list[int]
) -> None:
    scores, labels = Accuracy.get_sequence_transform(ignore_index)((Y_PRED, Y))
    assert labels.tolist() == kept
    flat = Y_PRED.reshape(-1, 3)
    positions = [i for i, y in enumerate(Y.reshape(-1).tolist()) if y in kept]
    assert torch.equal(scores, flat[positions])


def test_output_transform_first_and_metric_on_the_engine() -> None:
    transform = Accuracy.get_sequence_transform(-100, output_transform=lambda out: (out["logits"], out["y"]))
    engine = Engine(lambda e, b: {"logits": Y_PRED, "y": Y})
    Accuracy(output_transform=transform).attach(engine, "acc")
    # argmax is always class 2: labels [0, 1, 2, 2, 1, 0] have two 2s
    assert engine.run([0]).metrics["acc"] == pytest.approx(2 / 6)


@pytest.mark.parametrize(
    ("y_pred", "y", "match"),
    [
        (torch.rand(3, 3), torch.tensor([0, 1, 2]), r"shape \(N, S, C\).*2-D y_pred and a 1-D y"),
        (torch.rand(2, 3, 2), torch.ones(2, 3, 2), r"3-D y_pred and a 3-D y"),
        (Y_PRED[:1], Y, r"\(1, 4\) must equal y's shape \(2, 4\)"),
        (Y_PRED[:, :3], Y, r"\(2, 3\) must equal y's shape \(2, 4\)"),
    ],
)
def test_shape_errors(y_pred: torch.Tensor, y: torch.Tensor, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        Accuracy.get_sequence_transform()((y_pred, y))
