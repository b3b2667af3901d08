"""Regression metrics that sum a per-sample term: Canberra, Manhattan, Wave Hedges, mean/fractional errors.

Terms are computed and summed in float64; an empty batch adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import MetricsResultMode, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import BaseRegression

__all__ = [
    "CanberraMetric",
    "FractionalAbsoluteError",
    "FractionalBias",
    "GeometricMeanAbsoluteError",
    "ManhattanDistance",
    "MaximumAbsoluteError",
    "MeanAbsoluteRelativeError",
    "MeanError",
    "MeanNormalizedBias",
    "WaveHedgesDistance",
]

_TINY = 1e-30  # keeps 0/0 at 0 where pytorch-ignite 0.5 does


class _SummedTerm(BaseRegression):
    """Accumulates ``sum(term(y_pred, y))`` and the sample count; ``compute`` gives the sum or the mean."""

    _mean: ClassVar[bool] = True
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

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_errors = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_examples = 0

    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        dtype = self._sum_of_errors.dtype
        term = self._term(y_pred.to(dtype), y.to(dtype))
        self._sum_of_errors += term.sum().to(self._device)
        self._num_examples += y.shape[0]

    def _finish(self, total: float) -> float:
        return total / self._num_examples if self._mean else total

    @sync_all_reduce("_sum_of_errors", "_num_examples")
    def compute(self) -> float:
        if self._mean and self._num_examples == 0:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one example before it can be computed."
            )
        return self._finish(self._sum_of_errors.item())


class CanberraMetric(_SummedTerm):
    """Canberra distance: ``sum(|y - y_pred| / (|y| + |y_pred|))``; 0.0 before any update."""

    _mean = False

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return (y - y_pred).abs() / (y.abs() + y_pred.abs() + _TINY)


class ManhattanDistance(_SummedTerm):
    """Manhattan distance: ``sum(|y - y_pred|)``; 0.0 before any update."""

    _mean = False

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return (y - y_pred).abs()


class WaveHedgesDistance(_SummedTerm):
    """Wave Hedges distance: ``sum(|y - y_pred| / max(y, y_pred))``; 0.0 before any update."""

    _mean = False

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return (y - y_pred).abs() / (torch.maximum(y, y_pred) + _TINY)


class FractionalAbsoluteError(_SummedTerm):
    """Fractional absolute error: ``mean(2 |y - y_pred| / (|y_pred| + |y|))``."""

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return 2 * (y - y_pred).abs() / (y_pred.abs() + y.abs())


class FractionalBias(_SummedTerm):
    """Fractional bias: ``mean(2 (y - y_pred) / (y_pred + y))``."""

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return 2 * (y - y_pred) / (y_pred + y + _TINY)


class MeanError(_SummedTerm):
    """Mean error: ``mean(y - y_pred)``."""

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return y - y_pred


class GeometricMeanAbsoluteError(_SummedTerm):
    """Geometric mean absolute error: ``exp(mean(log |y - y_pred|))`` (0.0 when any error is exactly 0)."""

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return torch.log((y - y_pred).abs())

    def _finish(self, total: float) -> float:
        return float(torch.exp(torch.tensor(total / self._num_examples, dtype=torch.float64)))


class _NonZeroTarget(_SummedTerm):
    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        if bool((y == 0).any()):
            raise NotComputableError("The ground truth has 0.")
        super()._update(y_pred, y)


class MeanAbsoluteRelativeError(_NonZeroTarget):
    """Mean absolute relative error: ``mean(|y - y_pred| / |y|)``; a zero target raises NotComputableError."""

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return (y - y_pred).abs() / y.abs()

    @sync_all_reduce("_sum_of_errors", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one sample before it can be computed."
            )
        return self._sum_of_errors.item() / self._num_examples


class MeanNormalizedBias(_NonZeroTarget):
    """Mean normalized bias: ``mean((y - y_pred) / y)``; a zero target raises NotComputableError."""

    @staticmethod
    def _term(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return (y - y_pred) / y


class MaximumAbsoluteError(BaseRegression):
    """Maximum absolute error: ``max(|y - y_pred|)``."""

    _state_dict_all_req_keys = ("_max_of_absolute_errors", "_num_examples")

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
        self._max_of_absolute_errors = torch.tensor(
            float("-inf"), dtype=accumulator_dtype(self._device), device=self._device
        )
        self._num_examples = 0

    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        dtype = self._max_of_absolute_errors.dtype
        batch_max = (y.to(dtype) - y_pred.to(dtype)).abs().max().to(self._device)
        self._max_of_absolute_errors = torch.maximum(self._max_of_absolute_errors, batch_max)
        self._num_examples += y.shape[0]

    @sync_all_reduce("_max_of_absolute_errors:MAX", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                "MaximumAbsoluteError must have at least one example before it can be computed."
            )
        return self._max_of_absolute_errors.item()
