"""MatthewsCorrCoef: Matthews correlation coefficient from a streaming confusion matrix, in torch."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced
from ignite_plugins_metrics._classification import CPU, check_tensors
from ignite_plugins_metrics._label_confusion import add_counts, as_labels, gather_confusion, label_range

__all__ = ["MatthewsCorrCoef", "matthews_corrcoef_compute_fn"]


def _predicted_labels(y_pred: torch.Tensor, y: torch.Tensor, name: str) -> tuple[torch.Tensor, torch.Tensor]:
    if y_pred.ndim == y.ndim + 1 and y_pred.ndim >= 2:
        if y.shape != (y_pred.shape[0], *y_pred.shape[2:]):
            raise ValueError(
                f"{name}: with scores y_pred {tuple(y_pred.shape)}, y must have shape "
                f"{(y_pred.shape[0], *y_pred.shape[2:])}, got {tuple(y.shape)}."
            )
        return torch.argmax(y_pred, dim=1).reshape(-1), as_labels(y, "y", name)
    if y_pred.shape == y.shape:
        return as_labels(y_pred, "y_pred", name), as_labels(y, "y", name)
    raise ValueError(
        f"{name}: y_pred must be labels shaped like y or scores (batch_size, num_classes, ...), got "
        f"y_pred {tuple(y_pred.shape)} and y {tuple(y.shape)}."
    )


def _mcc(matrix: torch.Tensor) -> float:
    m = matrix.double()
    t_sum, p_sum = m.sum(dim=1), m.sum(dim=0)
    n, correct = m.sum(), m.trace()
    cov_ytyp = correct * n - torch.dot(t_sum, p_sum)
    cov_ypyp = n * n - torch.dot(p_sum, p_sum)
    cov_ytyt = n * n - torch.dot(t_sum, t_sum)
    denominator = cov_ytyt * cov_ypyp
    if denominator == 0:
        return 0.0
    return float(cov_ytyp / torch.sqrt(denominator))


def matthews_corrcoef_compute_fn(y_preds: torch.Tensor, y_targets: torch.Tensor) -> float:
    """MCC of predicted labels (or scores ``(N, C)``, argmax taken) against labels; sklearn's value."""
    pred, target = _predicted_labels(y_preds, y_targets, "MatthewsCorrCoef")
    if target.numel() == 0:
        raise ValueError("MatthewsCorrCoef: no samples to compute from.")
    low, high = label_range(pred, target)
    if low < 0:
        raise ValueError(f"MatthewsCorrCoef: labels must be non-negative, got {low}.")
    matrix = add_counts(torch.zeros(0, 0, dtype=torch.long, device=target.device), target, pred, high + 1)
    return _mcc(matrix)


class MatthewsCorrCoef(Metric):
    """Matthews correlation coefficient (a float), computed in torch from a confusion matrix.

    ``update`` takes ``(y_pred, y)``: either scores ``(N, C, ...)`` (argmax over dim 1) with labels
    ``(N, ...)``, or predicted labels shaped like ``y`` (binary or multiclass). Memory: one ``K x K``
    int64 matrix, K the largest label seen + 1 (not the epoch's history); each update reads the
    largest label back to the host once. Undefined cases (a constant prediction or target) give 0.0.
    Distributed runs sum the matrices, so the value equals the single-process one.
    """

    _state_dict_all_req_keys = ("_matrix",)

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        check_compute_fn: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._matrix = torch.zeros(0, 0, dtype=torch.long, device=self._device)

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = check_tensors(output, "MatthewsCorrCoef")
        pred, target = _predicted_labels(y_pred.detach(), y.detach(), "MatthewsCorrCoef")
        if target.numel() == 0:
            return
        low, high = label_range(pred, target)
        if low < 0:
            raise ValueError(f"MatthewsCorrCoef: labels must be non-negative, got {low}.")
        self._matrix = add_counts(self._matrix, target.to(self._device), pred.to(self._device), high + 1)

    def compute(self) -> float:
        matrix = gather_confusion(self._matrix)
        if matrix.numel() == 0 or int(matrix.sum()) == 0:
            raise NotComputableError(
                "MatthewsCorrCoef must have at least one example before it can be computed."
            )
        if int(torch.count_nonzero(matrix.sum(dim=0) + matrix.sum(dim=1))) == 1:
            warnings.warn(
                "A single label was found in 'y_true' and 'y_pred'; MatthewsCorrCoef is 0.0.",
                UserWarning,
                stacklevel=2,
            )
        return _mcc(matrix)
