"""MaximumMeanDiscrepancy between two batches of samples with a Gaussian kernel."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["MaximumMeanDiscrepancy"]


def mmd_squared(x: torch.Tensor, y: torch.Tensor, var: float) -> torch.Tensor:
    """MMD^2 with kernel ``exp(-|a - b|^2 / (2 var))``: unbiased within-sample terms, full cross term."""
    n = x.shape[0]

    def within(z: torch.Tensor) -> torch.Tensor:
        k = torch.exp(-(torch.cdist(z, z, compute_mode="donot_use_mm_for_euclid_dist") ** 2) / (2 * var))
        return (k.sum() - torch.diagonal(k).sum()) / (n * (n - 1))

    cross = torch.exp(
        -(torch.cdist(x, y, compute_mode="donot_use_mm_for_euclid_dist") ** 2) / (2 * var)
    ).mean()
    return within(x) + within(y) - 2 * cross


class MaximumMeanDiscrepancy(Metric):
    """``sqrt(max(mean over batches of MMD^2, 0))`` of ``y_pred`` and ``y`` of the same shape ``(B, ...)``.

    ``var`` is the Gaussian kernel's variance. MMD is a per-batch statistic, so the value depends on how
    the data is batched; a batch of one sample gives NaN (as in 0.5).
    """

    _state_dict_all_req_keys = ("_xx_sum", "_num_batches")

    def __init__(
        self,
        var: float = 1.0,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self.var = var
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._xx_sum = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_batches = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        x, y = _unpack(output, "MaximumMeanDiscrepancy")
        if x.ndim < 2:
            raise ValueError(f"x must be in the shape of (B, ...), got {x.shape}.")
        if x.shape != y.shape:
            raise ValueError(f"x and y must be in the same shape, got {x.shape} != {y.shape}.")
        if x.shape[0] == 0:
            return
        dtype = self._xx_sum.dtype
        value = mmd_squared(x.flatten(1).to(dtype), y.flatten(1).to(dtype), self.var)
        self._xx_sum += value.to(self._device)
        self._num_batches += 1

    @sync_all_reduce("_xx_sum", "_num_batches")
    def compute(self) -> float:
        if self._num_batches == 0:
            raise NotComputableError(
                "MaximumMeanDiscrepancy must have at least one batch before it can be computed."
            )
        mean = self._xx_sum.item() / self._num_batches
        return math.sqrt(mean) if mean > 0 else (mean if math.isnan(mean) else 0.0)
