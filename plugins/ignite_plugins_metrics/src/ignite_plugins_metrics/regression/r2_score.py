"""R2Score: coefficient of determination."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import MetricsResultMode, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import BaseRegression

__all__ = ["R2Score"]


class R2Score(BaseRegression):
    """``1 - sum((y - y_pred)^2) / sum((y - mean(y))^2)``, from running sums (no stored history).

    Raises ``NotComputableError`` before any example and ``ZeroDivisionError`` when all targets are equal.
    """

    _state_dict_all_req_keys = ("_num_examples", "_sum_of_errors", "_y_sq_sum", "_y_sum")

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
        metrics_result_mode: MetricsResultMode = "both",
    ) -> None:
        super().__init__(
            output_transform=output_transform,
            device=device,
            skip_unrolling=skip_unrolling,
            metrics_result_mode=metrics_result_mode,
        )

    @reinit__is_reduced
    def reset(self) -> None:
        dtype = accumulator_dtype(self._device)
        self._num_examples = 0
        self._sum_of_errors = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._y_sq_sum = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._y_sum = torch.tensor(0.0, dtype=dtype, device=self._device)

    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        dtype = self._y_sum.dtype
        y_pred, y = y_pred.to(dtype), y.to(dtype)
        self._num_examples += y.shape[0]
        self._sum_of_errors += ((y_pred - y) ** 2).sum().to(self._device)
        self._y_sum += y.sum().to(self._device)
        self._y_sq_sum += (y**2).sum().to(self._device)

    @sync_all_reduce("_num_examples", "_sum_of_errors", "_y_sq_sum", "_y_sum")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError("R2Score must have at least one example before it can be computed.")
        total = self._y_sq_sum.item() - self._y_sum.item() ** 2 / self._num_examples
        if total == 0:
            raise ZeroDivisionError("R2Score is undefined when all targets are equal (their variance is 0).")
        return 1 - self._sum_of_errors.item() / total
