"""HSIC: Hilbert-Schmidt independence criterion between two batches of features."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["HSIC"]


def _gaussian_gram(x: torch.Tensor, sigma: float) -> torch.Tensor:
    squared = torch.cdist(x, x, compute_mode="donot_use_mm_for_euclid_dist") ** 2
    if sigma < 0:
        # median heuristic: sigma^2 is the median of all n^2 squared distances (diagonal included, numpy's median)
        sigma_sq = torch.quantile(squared.reshape(-1), 0.5)
    else:
        sigma_sq = torch.tensor(sigma * sigma, dtype=x.dtype, device=x.device)
    gram = torch.exp(-squared / (2 * sigma_sq))
    return gram - torch.diag(torch.diagonal(gram))


def unbiased_hsic(x: torch.Tensor, y: torch.Tensor, sigma_x: float, sigma_y: float) -> torch.Tensor:
    """Unbiased HSIC estimator (Song et al., 2012) with Gaussian kernels; needs at least 4 samples."""
    n = x.shape[0]
    k = _gaussian_gram(x, sigma_x)
    l_ = _gaussian_gram(y, sigma_y)
    kl = k @ l_
    trace = torch.trace(kl)
    total = k.sum() * l_.sum() / ((n - 1) * (n - 2))
    cross = 2.0 / (n - 2) * kl.sum()
    return (trace + total - cross) / (n * (n - 3))


class HSIC(Metric):
    """Average over batches of the unbiased HSIC of ``y_pred`` ``(B, D1)`` and ``y`` ``(B, D2)``.

    ``sigma_x``/``sigma_y`` are the Gaussian kernels' bandwidths; a negative value takes ``sigma^2`` as the median
    of the squared pairwise distances within the batch. Batches of fewer than 4 samples are skipped when
    ``ignore_invalid_batch`` is True and raise ``ValueError`` otherwise. Each batch's estimate is clipped at 0.
    HSIC is a per-batch statistic, so the value depends on how the data is batched.
    """

    _state_dict_all_req_keys = ("_sum_of_hsic", "_num_batches")

    def __init__(
        self,
        sigma_x: float = -1,
        sigma_y: float = -1,
        ignore_invalid_batch: bool = True,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self.sigma_x = sigma_x
        self.sigma_y = sigma_y
        self.ignore_invalid_batch = ignore_invalid_batch
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_hsic = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_batches = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        x, y = _unpack(output, "HSIC")
        if x.ndim < 2 or y.ndim < 2:
            raise ValueError(
                f"HSIC expects y_pred and y of shape (B, D), got {tuple(x.shape)} and {tuple(y.shape)}."
            )
        if x.shape[0] != y.shape[0]:
            raise ValueError(
                f"y_pred and y must have the same batch size, got {x.shape[0]} and {y.shape[0]}."
            )
        n = x.shape[0]
        if n < 4:
            if self.ignore_invalid_batch:
                return
            raise ValueError(f"A batch must contain at least four samples, got only {n} samples.")
        dtype = self._sum_of_hsic.dtype
        value = unbiased_hsic(x.flatten(1).to(dtype), y.flatten(1).to(dtype), self.sigma_x, self.sigma_y)
        self._sum_of_hsic += value.clamp_min(0).to(self._device)
        self._num_batches += 1

    @sync_all_reduce("_sum_of_hsic", "_num_batches")
    def compute(self) -> float:
        if self._num_batches == 0:
            raise NotComputableError("HSIC must have at least one batch before it can be computed.")
        return self._sum_of_hsic.item() / self._num_batches
