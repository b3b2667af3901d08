"""MeanAbsoluteError, MeanSquaredError and RootMeanSquaredError.

As in pytorch-ignite 0.5, ``y`` is viewed as ``y_pred``'s shape and the summed error is divided by the
number of samples (the first dimension), not by the number of elements.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, MetricsResultMode, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError"]


class _PerSampleError(Metric):
    _power = 1
    _state_dict_all_req_keys = ("_sum_of_errors", "_num_examples")

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
        self._sum_of_errors = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, type(self).__name__)
        if y_pred.numel() != y.numel():
            raise RuntimeError(
                f"{type(self).__name__}: y of shape {tuple(y.shape)} cannot be viewed as y_pred's shape "
                f"{tuple(y_pred.shape)}"
            )
        if y.numel() == 0:
            return
        dtype = self._sum_of_errors.dtype
        diff = y_pred.to(dtype) - y.reshape(y_pred.shape).to(dtype)
        err = diff.abs() if self._power == 1 else diff * diff
        self._sum_of_errors += err.sum().to(self._device)
        self._num_examples += y.shape[0]

    @sync_all_reduce("_sum_of_errors", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                f"{self._name_for_errors} must have at least one example before it can be computed."
            )
        return self._sum_of_errors.item() / self._num_examples

    @property
    def _name_for_errors(self) -> str:
        return type(self).__name__


class MeanAbsoluteError(_PerSampleError):
    """Sum of ``|y_pred - y|`` divided by the number of samples."""


class MeanSquaredError(_PerSampleError):
    """Sum of ``(y_pred - y)^2`` divided by the number of samples."""

    _power = 2


class RootMeanSquaredError(MeanSquaredError):
    """Square root of :class:`MeanSquaredError`."""

    @property
    def _name_for_errors(self) -> str:
        return "MeanSquaredError"

    def compute(self) -> float:
        return math.sqrt(super().compute())
