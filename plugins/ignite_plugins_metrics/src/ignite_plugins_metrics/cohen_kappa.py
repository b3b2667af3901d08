"""CohenKappa: Cohen's kappa (unweighted, linear or quadratic) from a streaming confusion matrix, in torch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced
from ignite_plugins_metrics._classification import CPU, check_tensors
from ignite_plugins_metrics._label_confusion import add_counts, as_labels, gather_confusion, label_range

__all__ = ["CohenKappa"]


def kappa_from_confusion(matrix: torch.Tensor, weights: str | None) -> float:
    """Cohen's kappa of a confusion matrix; classes are the matrix's indices."""
    m = matrix.double()
    n = m.shape[0]
    expected = torch.outer(m.sum(dim=1), m.sum(dim=0)) / m.sum()
    idx = torch.arange(n, dtype=torch.float64, device=m.device)
    if weights is None:
        w = 1.0 - torch.eye(n, dtype=torch.float64, device=m.device)
    elif weights == "linear":
        w = (idx.view(-1, 1) - idx.view(1, -1)).abs()
    else:
        w = (idx.view(-1, 1) - idx.view(1, -1)) ** 2
    denominator = torch.sum(w * expected)
    if denominator == 0:
        return 0.0
    return float(1.0 - torch.sum(w * m) / denominator)


class CohenKappa(Metric):
    """Cohen's kappa between predicted labels and labels (a float), computed in torch.

    ``update`` takes ``(y_pred, y)``, both label vectors ``(N,)`` (or ``(N, 1)``); float tensors must
    hold whole numbers. ``weights``: None, ``"linear"`` or ``"quadratic"``. Without ``num_classes`` the
    classes are the labels seen (as scikit-learn's ``cohen_kappa_score``, weights use their rank);
    with ``num_classes`` they are ``0 .. num_classes - 1`` and larger labels raise RuntimeError.
    Memory: one ``K x K`` int64 matrix. Undefined cases (one class only) give 0.0. Distributed runs
    sum the matrices, so the value equals the single-process one.
    """

    _state_dict_all_req_keys = ("_matrix",)

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        weights: Literal["linear", "quadratic"] | None = None,
        check_compute_fn: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
        num_classes: int | None = None,
    ) -> None:
        if weights not in (None, "linear", "quadratic"):
            raise ValueError(f"CohenKappa: weights must be None, 'linear' or 'quadratic', got {weights!r}.")
        if num_classes is not None and (not isinstance(num_classes, int) or num_classes < 2):
            raise ValueError(f"CohenKappa: num_classes must be an int > 1, got {num_classes!r}.")
        self.weights = weights
        self.num_classes = num_classes
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        size = self.num_classes or 0
        self._matrix = torch.zeros(size, size, dtype=torch.long, device=self._device)

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = check_tensors(output, "CohenKappa")
        if y_pred.ndim == 2 and y_pred.shape[1] == 1:
            y_pred = y_pred.squeeze(1)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.squeeze(1)
        if y_pred.ndim != 1 or y_pred.shape != y.shape:
            raise ValueError(
                "CohenKappa: y_pred and y must be label vectors of shape (batch_size,), got "
                f"y_pred {tuple(y_pred.shape)} and y {tuple(y.shape)}; take the argmax of scores in "
                "output_transform."
            )
        pred, target = (
            as_labels(y_pred.detach(), "y_pred", "CohenKappa"),
            as_labels(y.detach(), "y", "CohenKappa"),
        )
        if target.numel() == 0:
            return
        low, high = label_range(pred, target)
        if low < 0:
            raise ValueError(f"CohenKappa: labels must be non-negative, got {low}.")
        if self.num_classes is not None and high >= self.num_classes:
            raise RuntimeError(
                f"CohenKappa: label {high} is not smaller than num_classes={self.num_classes}."
            )
        self._matrix = add_counts(self._matrix, target.to(self._device), pred.to(self._device), high + 1)

    def compute(self) -> float:
        matrix = gather_confusion(self._matrix)
        if matrix.numel() == 0 or int(matrix.sum()) == 0:
            raise NotComputableError("CohenKappa must have at least one example before it can be computed.")
        if self.num_classes is None:
            present = (matrix.sum(dim=0) + matrix.sum(dim=1)) > 0
            matrix = matrix[present][:, present]
        return kappa_from_confusion(matrix, self.weights)
