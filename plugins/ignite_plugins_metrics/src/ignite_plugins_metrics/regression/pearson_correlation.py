"""PearsonCorrelation from running sums."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import BaseRegression

__all__ = ["PearsonCorrelation"]


class PearsonCorrelation(BaseRegression):
    """``cov(y_pred, y) / max(std(y_pred) * std(y), eps)`` (population moments), from running sums."""

    _state_dict_all_req_keys = (
        "_sum_of_y_preds",
        "_sum_of_ys",
        "_sum_of_y_pred_squares",
        "_sum_of_y_squares",
        "_sum_of_products",
        "_num_examples",
    )

    def __init__(
        self,
        eps: float = 1e-8,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        self.eps = eps
        super().__init__(output_transform=output_transform, device=device)

    @reinit__is_reduced
    def reset(self) -> None:
        dtype = accumulator_dtype(self._device)
        self._sum_of_y_preds = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._sum_of_ys = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._sum_of_y_pred_squares = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._sum_of_y_squares = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._sum_of_products = torch.tensor(0.0, dtype=dtype, device=self._device)
        self._num_examples = 0

    def _update(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        dtype = self._sum_of_ys.dtype
        y_pred, y = y_pred.to(dtype), y.to(dtype)
        self._sum_of_y_preds += y_pred.sum().to(self._device)
        self._sum_of_ys += y.sum().to(self._device)
        self._sum_of_y_pred_squares += (y_pred**2).sum().to(self._device)
        self._sum_of_y_squares += (y**2).sum().to(self._device)
        self._sum_of_products += (y_pred * y).sum().to(self._device)
        self._num_examples += y.shape[0]

    @sync_all_reduce(
        "_sum_of_y_preds",
        "_sum_of_ys",
        "_sum_of_y_pred_squares",
        "_sum_of_y_squares",
        "_sum_of_products",
        "_num_examples",
    )
    def compute(self) -> float:
        n = self._num_examples
        if n == 0:
            raise NotComputableError(
                "PearsonCorrelation must have at least one example before it can be computed."
            )
        mean_p = self._sum_of_y_preds.item() / n
        mean_y = self._sum_of_ys.item() / n
        var_p = max(self._sum_of_y_pred_squares.item() / n - mean_p**2, 0.0)
        var_y = max(self._sum_of_y_squares.item() / n - mean_y**2, 0.0)
        cov = self._sum_of_products.item() / n - mean_p * mean_y
        return cov / max(math.sqrt(var_p * var_y), self.eps)
