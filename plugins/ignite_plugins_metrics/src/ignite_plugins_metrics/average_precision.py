"""AveragePrecision over the epoch's scores, computed in torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU, HistoryEpochMetric
from ignite_plugins_metrics._ranking import average_precision, check_scores

__all__ = ["AveragePrecision", "average_precision_compute_fn"]


def average_precision_compute_fn(y_preds: torch.Tensor, y_targets: torch.Tensor) -> float:
    """Average precision of scores ``y_preds`` for 0/1 targets, shapes ``(N,)`` or ``(N, L)`` (macro mean).

    Same value as ``sklearn.metrics.average_precision_score``; no positive sample gives 0.0 and a warning.
    """
    check_scores(y_preds, y_targets, "AveragePrecision", allow_2d=True)
    return average_precision(y_preds, y_targets)


class AveragePrecision(HistoryEpochMetric):
    """Average precision of the epoch (a float), computed in torch.

    ``update`` takes ``(y_pred, y)``: scores and 0/1 targets, both ``(N,)`` or ``(N, L)``. Memory: every
    score and target of the epoch is stored on ``device``; ``reset()`` frees them. Distributed runs
    gather the uneven histories, so the value equals the single-process one.
    """

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        check_compute_fn: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            average_precision_compute_fn,
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )
