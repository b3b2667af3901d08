"""PrecisionRecallCurve over the epoch's scores, computed in torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU, HistoryEpochMetric
from ignite_plugins_metrics._ranking import check_scores, precision_recall_curve

__all__ = ["PrecisionRecallCurve", "precision_recall_curve_compute_fn"]


def precision_recall_curve_compute_fn(y_preds: torch.Tensor, y_targets: torch.Tensor) -> tuple[Any, Any, Any]:
    """``(precision, recall, thresholds)`` as float64 numpy arrays, like ``sklearn.metrics.precision_recall_curve``."""
    check_scores(y_preds, y_targets, "PrecisionRecallCurve", allow_2d=False)
    precision, recall, thresholds = precision_recall_curve(y_preds, y_targets)
    return precision.cpu().numpy(), recall.cpu().numpy(), thresholds.cpu().numpy()


def _curve_tensors(y_preds: torch.Tensor, y_targets: torch.Tensor) -> tuple[torch.Tensor, ...]:
    check_scores(y_preds, y_targets, "PrecisionRecallCurve", allow_2d=False)
    return tuple(part.cpu().double() for part in precision_recall_curve(y_preds, y_targets))


class PrecisionRecallCurve(HistoryEpochMetric):
    """Precision-recall curve of the epoch: ``(precision, recall, thresholds)`` as float64 tensors.

    Binary data, shape ``(N,)``. Memory: every score and target of the epoch is stored on ``device``;
    ``reset()`` frees them. Distributed runs gather the uneven histories (same value as one process).
    """

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        check_compute_fn: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            _curve_tensors,
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )
