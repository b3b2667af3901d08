"""MultiLabelConfusionMatrix: one 2x2 confusion matrix per label."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import CPU, check_tensors, multilabel_to_2d

__all__ = ["MultiLabelConfusionMatrix"]

_INT_DTYPES = (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.bool)


class MultiLabelConfusionMatrix(Metric):
    """Per-label ``[[TN, FP], [FN, TP]]`` matrices, shape ``(num_classes, 2, 2)`` (scikit-learn's layout).

    ``update`` takes ``(y_pred, y)`` of shape ``(N, num_classes, ...)`` with integer (or bool) 0/1 values;
    float tensors raise ValueError (threshold them first). ``compute`` returns int64 counts, or float64
    fractions of the samples when ``normalized=True``. Memory: ``num_classes x 4`` counters.
    """

    _state_dict_all_req_keys = ("confusion_matrix", "_num_examples")

    def __init__(
        self,
        num_classes: int,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        normalized: bool = False,
        skip_unrolling: bool = False,
    ) -> None:
        if not isinstance(num_classes, int) or num_classes <= 1:
            raise ValueError(
                f"MultiLabelConfusionMatrix: num_classes must be an int > 1, got {num_classes!r}."
            )
        self.num_classes = num_classes
        self.normalized = normalized
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self.confusion_matrix = torch.zeros(self.num_classes, 2, 2, dtype=torch.int64, device=self._device)
        self._num_examples = 0

    def _check(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        name = "MultiLabelConfusionMatrix"
        if y_pred.ndim < 2 or y_pred.shape[1] != self.num_classes:
            raise ValueError(
                f"{name}: y_pred must have shape (batch_size, num_classes={self.num_classes}, ...), "
                f"got {tuple(y_pred.shape)}."
            )
        if y.shape != y_pred.shape:
            raise ValueError(
                f"{name}: y must have the shape of y_pred {tuple(y_pred.shape)}, got {tuple(y.shape)}."
            )
        for arg_name, t in (("y_pred", y_pred), ("y", y)):
            if t.dtype not in _INT_DTYPES:
                raise ValueError(
                    f"{name}: {arg_name} must be an integer or bool tensor of 0s and 1s, got {t.dtype}; "
                    "threshold scores in output_transform."
                )
            if t.dtype != torch.bool and t.numel() > 0:
                low, high = torch.stack(torch.aminmax(t)).tolist()
                if low < 0 or high > 1:
                    raise ValueError(f"{name}: {arg_name} must contain only 0s and 1s.")

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = check_tensors(output, "MultiLabelConfusionMatrix")
        self._check(y_pred, y)
        self._num_examples += y.shape[0]
        pred = multilabel_to_2d(y_pred).long()
        target = multilabel_to_2d(y).long()
        # cell index 2 * target + pred: 0 TN, 1 FP, 2 FN, 3 TP, per label
        cells = 2 * target + pred + 4 * torch.arange(self.num_classes, device=pred.device)
        counts = torch.bincount(cells.reshape(-1), minlength=4 * self.num_classes)
        self.confusion_matrix += counts.view(self.num_classes, 2, 2).to(self._device)

    @sync_all_reduce("confusion_matrix", "_num_examples")
    def compute(self) -> torch.Tensor:
        if self._num_examples == 0:
            raise NotComputableError(
                "MultiLabelConfusionMatrix must have at least one example before it can be computed."
            )
        if self.normalized:
            m = self.confusion_matrix.double()
            return m / m.sum(dim=(1, 2), keepdim=True)
        return self.confusion_matrix
