"""SelectionRate: how often each class (or label) is predicted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import ClassificationMetric, multilabel_to_2d
from ignite_plugins_metrics._history import CPU

__all__ = ["SelectionRate"]


class SelectionRate(ClassificationMetric):
    """Fraction of predictions of each class: a tensor of shape ``(num_classes,)`` (2 for binary input).

    Inputs as for :class:`~ignite.metrics.Accuracy`: binary 0/1 predictions, multiclass scores
    ``(N, C, ...)`` (argmax taken), or multilabel 0/1 ``(N, C, ...)`` with ``is_multilabel=True``.
    """

    _state_dict_all_req_keys = ("_selected", "_num_examples", "_type", "_num_classes")

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        is_multilabel: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            output_transform=output_transform,
            is_multilabel=is_multilabel,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    @reinit__is_reduced
    def reset(self) -> None:
        super().reset()
        self._selected = torch.zeros(0, dtype=torch.float64, device=self._device)
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, _, kind, num_classes = self._check_output(output)
        if kind == "multiclass":
            chosen = torch.argmax(y_pred, dim=1).reshape(-1)
            counts = torch.bincount(chosen, minlength=num_classes)
            n = chosen.numel()
        elif kind == "binary":
            flat = y_pred.reshape(-1).long()
            counts = torch.bincount(flat, minlength=2)
            n = flat.numel()
        else:
            rows = multilabel_to_2d(y_pred)
            counts = rows.sum(dim=0)
            n = rows.shape[0]
        if n == 0:
            return
        counts = counts.to(self._device, torch.float64)
        self._selected = counts if self._selected.numel() == 0 else self._selected + counts
        self._num_examples += n

    @sync_all_reduce("_selected", "_num_examples")
    def compute(self) -> torch.Tensor:
        if self._num_examples == 0:
            raise NotComputableError(
                "SelectionRate must have at least one example before it can be computed."
            )
        return self._selected / self._num_examples
