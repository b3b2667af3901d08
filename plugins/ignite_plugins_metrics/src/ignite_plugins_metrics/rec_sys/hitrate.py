"""HitRate@k: the fraction of users with at least one relevant item among their k best-scored items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.rec_sys._base import RankingMetric

__all__ = ["HitRate"]


class HitRate(RankingMetric):
    """HitRate@k for each ``k`` of ``top_k`` (an int or a list); an item is relevant when ``y > 0``.

    Items tied with the k-th best score count as within the top k.
    """

    def __init__(
        self,
        top_k: list[int] | int = 1,
        ignore_zero_hits: bool = True,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        ks = [top_k] if isinstance(top_k, int) else list(top_k)
        if not ks:
            raise ValueError("top_k must have at least one positive value")
        if any(not isinstance(k, int) or k <= 0 for k in ks):
            raise ValueError("top_k must be list of positive integers only.")
        super().__init__(ks, ignore_zero_hits, output_transform, device, skip_unrolling)

    def _per_user(self, y_pred: torch.Tensor, y: torch.Tensor, k: int) -> torch.Tensor:
        kth_best = torch.topk(y_pred, k, dim=1).values[:, -1:]
        return ((y_pred >= kth_best) & (y > 0)).any(dim=1).to(torch.float64)
