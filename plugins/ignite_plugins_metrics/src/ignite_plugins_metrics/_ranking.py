"""Score-ranking curves in torch (float64): ROC, precision-recall, their areas.

The functions follow scikit-learn's definitions (``roc_curve`` with ``drop_intermediate=True``,
``roc_auc_score``, ``precision_recall_curve``, ``average_precision_score`` with macro averaging over
columns) and are tested against it; scikit-learn is not needed at run time.
"""

from __future__ import annotations

import warnings

import torch

__all__ = [
    "UndefinedMetricWarning",
    "average_precision",
    "binary_clf_curve",
    "check_scores",
    "precision_recall_curve",
    "roc_auc",
    "roc_curve",
]


class UndefinedMetricWarning(UserWarning):
    """A ranking metric is undefined for the data (e.g. ROC AUC with only one class present)."""


def check_scores(scores: torch.Tensor, targets: torch.Tensor, name: str, allow_2d: bool) -> None:
    """Raise ValueError for empty, NaN, mis-shaped or non-0/1 inputs (one pass, run once at compute)."""
    if scores.shape != targets.shape:
        raise ValueError(
            f"{name}: y_pred and y must have the same shape, got {tuple(scores.shape)} and "
            f"{tuple(targets.shape)}."
        )
    if scores.ndim not in ((1, 2) if allow_2d else (1,)):
        shapes = "(N,) or (N, num_labels)" if allow_2d else "(N,)"
        raise ValueError(f"{name}: y_pred and y must have shape {shapes}, got {tuple(scores.shape)}.")
    if scores.shape[0] == 0:
        raise ValueError(f"{name}: no samples to compute from (every batch was empty).")
    if scores.is_floating_point() and bool(torch.isnan(scores).any()):
        raise ValueError(f"{name}: y_pred contains NaN.")
    if targets.dtype != torch.bool and bool(((targets != 0) & (targets != 1)).any()):
        raise ValueError(f"{name}: y must contain only 0s and 1s (the positive class is 1).")


def binary_clf_curve(scores: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """False/true positive counts (float64) at each distinct score; thresholds decreasing, in the scores' dtype."""
    scores = scores.reshape(-1)
    if not scores.is_floating_point():
        scores = scores.double()
    order = torch.argsort(scores, descending=True, stable=True)
    s = scores[order]
    t = targets.reshape(-1)[order].double()
    last = torch.nonzero(s[1:] != s[:-1]).reshape(-1)
    idx = torch.cat([last, torch.tensor([s.shape[0] - 1], device=s.device)])
    tps = torch.cumsum(t, dim=0)[idx]
    fps = (idx + 1).double() - tps
    return fps, tps, s[idx]


def roc_curve(scores: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """``(fpr, tpr, thresholds)``; collinear points dropped, ``(0, 0, inf)`` prepended."""
    fps, tps, thresholds = binary_clf_curve(scores, targets)
    thresholds = thresholds.double()
    if fps.shape[0] > 2:
        inner = (torch.diff(fps, n=2) != 0) | (torch.diff(tps, n=2) != 0)
        one = torch.ones(1, dtype=torch.bool, device=fps.device)
        keep = torch.cat([one, inner, one])
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    zero = torch.zeros(1, dtype=fps.dtype, device=fps.device)
    fps = torch.cat([zero, fps])
    tps = torch.cat([zero, tps])
    thresholds = torch.cat([torch.full((1,), float("inf"), dtype=fps.dtype, device=fps.device), thresholds])
    if fps[-1] <= 0:
        warnings.warn(
            "No negative samples in y_true, false positive value should be meaningless",
            UndefinedMetricWarning,
            stacklevel=3,
        )
    if tps[-1] <= 0:
        warnings.warn(
            "No positive samples in y_true, true positive value should be meaningless",
            UndefinedMetricWarning,
            stacklevel=3,
        )
    return fps / fps[-1], tps / tps[-1], thresholds


def _binary_roc_auc(scores: torch.Tensor, targets: torch.Tensor) -> float:
    positives = int(torch.count_nonzero(targets))
    if positives == 0 or positives == targets.numel():
        warnings.warn(
            "Only one class is present in y_true. ROC AUC score is not defined in that case.",
            UndefinedMetricWarning,
            stacklevel=3,
        )
        return float("nan")
    fps, tps, _ = binary_clf_curve(scores, targets)
    zero = torch.zeros(1, dtype=fps.dtype, device=fps.device)
    fpr = torch.cat([zero, fps]) / fps[-1]
    tpr = torch.cat([zero, tps]) / tps[-1]
    return float(torch.trapezoid(tpr, fpr))


def roc_auc(scores: torch.Tensor, targets: torch.Tensor) -> float:
    """Area under the ROC curve; for ``(N, L)`` inputs the mean over the L columns."""
    if scores.ndim == 2:
        values = [_binary_roc_auc(scores[:, j], targets[:, j]) for j in range(scores.shape[1])]
        return float(sum(values) / len(values))
    return _binary_roc_auc(scores, targets)


def precision_recall_curve(scores: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """``(precision, recall, thresholds)`` with thresholds increasing and ``(1, 0)`` appended."""
    fps, tps, thresholds = binary_clf_curve(scores, targets)
    precision = tps / (tps + fps)
    if tps[-1] <= 0:
        warnings.warn(
            "No positive class found in y_true, recall is set to one for all thresholds.",
            UserWarning,
            stacklevel=3,
        )
        recall = torch.ones_like(tps)
    else:
        recall = tps / tps[-1]
    one = torch.ones(1, dtype=precision.dtype, device=precision.device)
    return (
        torch.cat([precision.flip(0), one]),
        torch.cat([recall.flip(0), torch.zeros_like(one)]),
        thresholds.flip(0),
    )


def _binary_average_precision(scores: torch.Tensor, targets: torch.Tensor) -> float:
    precision, recall, _ = precision_recall_curve(scores, targets)
    return float(-torch.sum(torch.diff(recall) * precision[:-1])) + 0.0  # + 0.0: no -0.0


def average_precision(scores: torch.Tensor, targets: torch.Tensor) -> float:
    """Average precision ``sum_n (R_n - R_{n-1}) P_n``; for ``(N, L)`` inputs the mean over the L columns."""
    if scores.ndim == 2:
        values = [_binary_average_precision(scores[:, j], targets[:, j]) for j in range(scores.shape[1])]
        return float(sum(values) / len(values))
    return _binary_average_precision(scores, targets)
