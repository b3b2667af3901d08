"""The blog's evaluator set-up: Accuracy, Loss and a composed F1 on ``create_supervised_evaluator``."""

from __future__ import annotations

import pytest
import torch
from sklearn.metrics import accuracy_score, f1_score
from torch import nn

from ignite.engine import Engine, create_supervised_evaluator
from ignite_plugins_metrics.accuracy import Accuracy
from ignite_plugins_metrics.loss import Loss
from ignite_plugins_metrics.precision import Precision
from ignite_plugins_metrics.recall import Recall


def test_blog_val_metrics_on_supervised_evaluator() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 5), nn.LogSoftmax(dim=-1))
    data = [(torch.randn(16, 8), torch.randint(0, 5, (16,))) for _ in range(6)]
    criterion = nn.NLLLoss()
    precision = Precision(average=False)
    recall = Recall(average=False)
    f1 = (precision * recall * 2 / (precision + recall + 1e-20)).mean()
    evaluator = create_supervised_evaluator(
        model, metrics={"accuracy": Accuracy(), "loss": Loss(criterion), "f1": f1}
    )
    metrics = evaluator.run(data).metrics

    x = torch.cat([b[0] for b in data])
    y = torch.cat([b[1] for b in data])
    with torch.no_grad():
        log_probs = model(x)
    y_hat = log_probs.argmax(dim=1)
    assert metrics["accuracy"] == pytest.approx(accuracy_score(y.numpy(), y_hat.numpy()))
    assert metrics["loss"] == pytest.approx(criterion(log_probs, y).item(), rel=1e-5)
    expected_f1 = f1_score(y.numpy(), y_hat.numpy(), labels=list(range(5)), average="macro", zero_division=0)
    assert metrics["f1"] == pytest.approx(expected_f1, rel=1e-9)


def test_unrolled_list_output() -> None:
    """A list-of-tensors output is fed one (y_pred, y) pair at a time by the Metric base."""
    acc = Accuracy()
    y_preds = [torch.tensor([[0.9, 0.1]]), torch.tensor([[0.2, 0.8]]), torch.tensor([[0.3, 0.7]])]
    ys = [torch.tensor([0]), torch.tensor([1]), torch.tensor([0])]
    evaluator = Engine(lambda engine, batch: (y_preds, ys))
    acc.attach(evaluator, "acc")
    assert evaluator.run([0]).metrics["acc"] == pytest.approx(2 / 3)
