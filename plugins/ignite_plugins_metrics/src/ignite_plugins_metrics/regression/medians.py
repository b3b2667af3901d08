"""Median-based regression errors and the geometric mean relative absolute error (epoch history)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import MetricsResultMode, reinit__is_reduced
from ignite_plugins_metrics._history import CPU, HistoryEpochMetric, gather_history
from ignite_plugins_metrics.regression._base import BaseRegression
from ignite_plugins_metrics.regression._ranks import median

__all__ = [
    "GeometricMeanRelativeAbsoluteError",
    "MedianAbsoluteError",
    "MedianAbsolutePercentageError",
    "MedianRelativeAbsoluteError",
]


def _as_float(y_pred: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return y_pred.reshape(-1).to(torch.float64), y.reshape(-1).to(torch.float64)


def _median_absolute_error(y_pred: torch.Tensor, y: torch.Tensor) -> float:
    p, t = _as_float(y_pred, y)
    return median((t - p).abs())


def _median_absolute_percentage_error(y_pred: torch.Tensor, y: torch.Tensor) -> float:
    p, t = _as_float(y_pred, y)
    return 100.0 * median(((t - p) / t).abs())


def _median_relative_absolute_error(y_pred: torch.Tensor, y: torch.Tensor) -> float:
    p, t = _as_float(y_pred, y)
    return median((t - p).abs() / (t - t.mean()).abs())


class _MedianMetric(HistoryEpochMetric):
    _fn: Callable[[torch.Tensor, torch.Tensor], float]

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        super().__init__(type(self)._fn, output_transform=output_transform, device=device)

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        if isinstance(output, Sequence) and len(output) >= 2:
            y_pred, y = output[0], output[1]
            if isinstance(y_pred, torch.Tensor) and isinstance(y, torch.Tensor):
                if y_pred.shape != y.shape:
                    raise ValueError(
                        f"Input data shapes should be the same, but given {y_pred.shape} and {y.shape}"
                    )
                if y.numel() == 0:
                    return
        super().update(output)


class MedianAbsoluteError(_MedianMetric):
    """``median(|y - y_pred|)`` over every element of the epoch (``(N,)`` or ``(N, C)`` inputs).

    Stores the epoch's data; uneven per-process histories are gathered exactly.
    """

    _fn = staticmethod(_median_absolute_error)


class MedianAbsolutePercentageError(_MedianMetric):
    """``100 * median(|(y - y_pred) / y|)`` over every element of the epoch. Stores the epoch's data."""

    _fn = staticmethod(_median_absolute_percentage_error)


class MedianRelativeAbsoluteError(_MedianMetric):
    """``median(|y - y_pred| / |y - mean(y)|)`` over the epoch (``mean(y)`` of the whole epoch). Stores the data."""

    _fn = staticmethod(_median_relative_absolute_error)


class GeometricMeanRelativeAbsoluteError(BaseRegression):
    """``exp(mean(log(|y - y_pred| / |y - mean(y)|)))`` with ``mean(y)`` over the whole epoch.

    Needs the epoch's mean target, so it stores the epoch's data (``reset()`` frees it); uneven
    per-process histories are gathered exactly.
    """

    _state_dict_all_req_keys = ("_predictions", "_targets")

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
        self._predictions: list[torch.Tensor] = []
        self._targets: list[torch.Tensor] = []

    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        self._predictions.append(y_pred.to(self._device, torch.float64))
        self._targets.append(y.to(self._device, torch.float64))

    def compute(self) -> float:
        p = gather_history(self._predictions, self._device)
        t = gather_history(self._targets, self._device)
        if p is None or t is None or t.numel() == 0:
            raise NotComputableError(
                "GeometricMeanRelativeAbsoluteError must have at least one example before it can be computed."
            )
        ratio = (t - p).abs() / (t - t.mean()).abs()
        value = float(torch.exp(torch.log(ratio).mean()))
        return value if not math.isnan(value) else math.nan
