"""Input checks shared by the regression metrics and the base class of the accumulating ones."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import Any

import torch

from ignite.metrics.metric import Metric, reinit__is_reduced

__all__ = ["BaseRegression", "check_regression_input"]

_FLOATS = (torch.float16, torch.float32, torch.float64, torch.bfloat16)


def _unpack(output: Any, owner: str) -> tuple[torch.Tensor, torch.Tensor]:
    if not isinstance(output, Sequence) or len(output) < 2:
        raise TypeError(f"{owner}.update expects (y_pred, y), got {type(output).__name__}")
    y_pred, y = output[0], output[1]
    if not isinstance(y_pred, torch.Tensor) or not isinstance(y, torch.Tensor):
        raise TypeError(
            f"{owner}.update expects tensors (y_pred, y), got ({type(y_pred).__name__}, {type(y).__name__})"
        )
    return y_pred.detach(), y.detach()


def check_regression_input(output: Any, owner: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Check ``(y_pred, y)`` of shape ``(N,)`` or ``(N, 1)`` with a float dtype; return both flattened to ``(N,)``."""
    y_pred, y = _unpack(output, owner)
    if y_pred.shape != y.shape:
        raise ValueError(f"Input data shapes should be the same, but given {y_pred.shape} and {y.shape}")
    if not (y_pred.ndim == 1 or (y_pred.ndim == 2 and y_pred.shape[1] == 1)):
        raise ValueError(f"Input y_pred should have shape (N,) or (N, 1), but given {y_pred.shape}")
    if y_pred.dtype not in _FLOATS:
        raise TypeError(f"Input y_pred dtype should be float 16, 32 or 64, but given {y_pred.dtype}")
    if y.dtype not in _FLOATS:
        raise TypeError(f"Input y dtype should be float 16, 32 or 64, but given {y.dtype}")
    return y_pred.reshape(-1), y.reshape(-1)


class BaseRegression(Metric):
    """Checks ``(y_pred, y)`` (shape ``(N,)`` or ``(N, 1)``, float) then calls ``_update`` on 1-D tensors.

    Empty batches are ignored.
    """

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = check_regression_input(output, type(self).__name__)
        if y.numel() == 0:
            return
        self._update(y_pred, y)

    @abstractmethod
    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        """Accumulate one non-empty batch of 1-D predictions and targets."""
