"""Shared input handling for the metrics on class-probability logits ``(B, C, ...)``."""

from __future__ import annotations

from typing import Any

import torch

from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["logits_to_rows", "unpack_logits"]


def unpack_logits(output: Any, owner: str, same_shape: bool) -> tuple[torch.Tensor, torch.Tensor]:
    y_pred, y = _unpack(output, owner)
    if y_pred.ndim < 2:
        raise ValueError(f"y_pred must be in the shape of (B, C) or (B, C, ...), got {y_pred.shape}.")
    if same_shape and y_pred.shape != y.shape:
        raise ValueError(f"y_pred and y must be in the same shape, got {y_pred.shape} != {y.shape}.")
    return y_pred, y


def logits_to_rows(logits: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """``(B, C, ...)`` -> ``(B * ..., C)`` in ``dtype``: one row of class logits per position."""
    if not logits.is_floating_point():
        logits = logits.to(torch.float32)
    return logits.movedim(1, -1).reshape(-1, logits.shape[1]).to(dtype)
