"""SpearmanRankCorrelation and KendallRankCorrelation, computed in torch over the whole epoch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.metrics.metric import reinit__is_reduced
from ignite_plugins_metrics._history import CPU, HistoryEpochMetric
from ignite_plugins_metrics.regression._base import check_regression_input
from ignite_plugins_metrics.regression._ranks import kendall_tau, spearman_rho

__all__ = ["KendallRankCorrelation", "SpearmanRankCorrelation"]


class _RankCorrelation(HistoryEpochMetric):
    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = check_regression_input(output, type(self).__name__)
        if y.numel() == 0:
            return
        super().update((y_pred, y))


class SpearmanRankCorrelation(_RankCorrelation):
    """Spearman's rank correlation of ``y_pred`` and ``y`` (shape ``(N,)`` or ``(N, 1)``, float).

    Stores every sample of the epoch (``reset()`` frees them); across processes the uneven histories are
    gathered, so the result equals the single-process one. NaN for constant input or fewer than 2 samples.
    """

    def __init__(
        self,
        output_transform: Callable[..., Any] = lambda x: x,
        check_compute_fn: bool = True,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            lambda p, t: spearman_rho(p.reshape(-1), t.reshape(-1)),
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )


class KendallRankCorrelation(_RankCorrelation):
    """Kendall's tau (``variant`` "b" or "c", as scipy defines them) of ``y_pred`` and ``y``.

    Stores every sample of the epoch (``reset()`` frees them); across processes the uneven histories are
    gathered, so the result equals the single-process one. NaN for constant input or fewer than 2 samples.
    """

    def __init__(
        self,
        variant: str = "b",
        output_transform: Callable[..., Any] = lambda x: x,
        check_compute_fn: bool = True,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        if variant not in ("b", "c"):
            raise ValueError(f"variant accepts 'b' or 'c', got {variant!r}.")
        self.variant = variant
        super().__init__(
            lambda p, t: kendall_tau(p.reshape(-1), t.reshape(-1), variant),
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )
