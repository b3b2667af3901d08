"""ROC_AUC and RocCurve over the epoch's scores, computed in torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU, HistoryEpochMetric
from ignite_plugins_metrics._ranking import check_scores, roc_auc, roc_curve

__all__ = ["ROC_AUC", "RocCurve", "roc_auc_compute_fn", "roc_auc_curve_compute_fn"]


def roc_auc_compute_fn(y_preds: torch.Tensor, y_targets: torch.Tensor) -> float:
    """Area under the ROC curve of scores ``y_preds`` for 0/1 targets ``y_targets``.

    Shapes ``(N,)`` or ``(N, L)`` (mean over the L columns). Only one class present: NaN and an
    ``UndefinedMetricWarning``. Same value as ``sklearn.metrics.roc_auc_score``.
    """
    check_scores(y_preds, y_targets, "ROC_AUC", allow_2d=True)
    return roc_auc(y_preds, y_targets)


def roc_auc_curve_compute_fn(y_preds: torch.Tensor, y_targets: torch.Tensor) -> tuple[Any, Any, Any]:
    """``(fpr, tpr, thresholds)`` as float64 numpy arrays, like ``sklearn.metrics.roc_curve``."""
    check_scores(y_preds, y_targets, "RocCurve", allow_2d=False)
    fpr, tpr, thresholds = roc_curve(y_preds, y_targets)
    return fpr.cpu().numpy(), tpr.cpu().numpy(), thresholds.cpu().numpy()


def _curve_tensors(y_preds: torch.Tensor, y_targets: torch.Tensor) -> tuple[torch.Tensor, ...]:
    check_scores(y_preds, y_targets, "RocCurve", allow_2d=False)
    return tuple(part.cpu() for part in roc_curve(y_preds, y_targets))


class ROC_AUC(HistoryEpochMetric):
    """Area under the ROC curve of the epoch (binary or multilabel; a float), computed in torch.

    ``update`` takes ``(y_pred, y)``: scores (probabilities or logits) and 0/1 targets, both ``(N,)`` or
    ``(N, L)``. Memory: every score and target of the epoch is stored on ``device`` (two tensors of
    the epoch's size); ``reset()`` frees them. In a distributed run the uneven per-process histories
    are gathered, so the value equals the single-process one.
    """

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        check_compute_fn: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            roc_auc_compute_fn,
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )


class RocCurve(HistoryEpochMetric):
    """ROC curve of the epoch: ``(fpr, tpr, thresholds)`` as float64 tensors (binary data, shape ``(N,)``).

    Memory and distributed behaviour as :class:`ROC_AUC`.
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
