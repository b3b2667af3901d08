"""The blog's ``reset/update/compute`` and composed-metric snippets print exactly what the blog shows."""

from __future__ import annotations

import pytest
import torch

from ignite_plugins_metrics.accuracy import Accuracy

BATCH_1 = (
    torch.tensor([[10.0, 0.1, -1.0], [2.0, -1.0, -2.0], [1.0, -1.0, 4.0], [0.0, 5.0, -1.0]]),
    torch.tensor([0, 1, 2, 1]),
)
BATCH_2 = (
    torch.tensor([[2.0, 1.0, -1.0], [0.0, 1.0, -2.0], [2.6, 1.0, -4.0], [1.0, -3.0, 2.0]]),
    torch.tensor([1, 2, 0, 2]),
)


def test_accuracy_reset_update_compute_snippet(capsys: pytest.CaptureFixture[str]) -> None:
    acc = Accuracy()
    acc.reset()
    acc.update(BATCH_1)
    print("After 1st update, accuracy=", acc.compute())
    acc.update(BATCH_2)
    print("After 2nd update, accuracy=", acc.compute())
    assert capsys.readouterr().out == "After 1st update, accuracy= 0.75\nAfter 2nd update, accuracy= 0.625\n"


def test_composed_error_snippet(capsys: pytest.CaptureFixture[str]) -> None:
    acc = Accuracy()
    error = 100.0 * (1.0 - acc)
    acc.reset()
    acc.update(BATCH_1)
    print("After 1st update, error=", error.compute())
    acc.update(BATCH_2)
    print("After 2nd update, error=", error.compute())
    assert capsys.readouterr().out == "After 1st update, error= 25.0\nAfter 2nd update, error= 37.5\n"


def test_blog_snippet_through_facade(capsys: pytest.CaptureFixture[str]) -> None:
    code = (
        "import torch\n"
        "from ignite.metrics import Accuracy\n"
        "acc = Accuracy()\n"
        "acc.reset()\n"
        "acc.update((y_pred1, y1))\n"
        "print('After 1st update, accuracy=', acc.compute())\n"
        "acc.update((y_pred2, y2))\n"
        "print('After 2nd update, accuracy=', acc.compute())\n"
    )
    namespace = {"y_pred1": BATCH_1[0], "y1": BATCH_1[1], "y_pred2": BATCH_2[0], "y2": BATCH_2[1]}
    exec(code, namespace)
    assert capsys.readouterr().out == "After 1st update, accuracy= 0.75\nAfter 2nd update, accuracy= 0.625\n"
