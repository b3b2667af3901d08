"""NDCG@k: normalized discounted cumulative gain of the ranking induced by the predicted scores."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.rec_sys._base import RankingMetric

__all__ = ["NDCG"]


class NDCG(RankingMetric):
    """NDCG@k for each ``k`` of ``top_k``.

    Relevances below ``relevance_threshold`` count as 0; the gain of relevance ``r`` is ``2**r - 1``
    (``gain_function="exp_rank"``) or ``r`` (``"linear_rank"``), discounted by ``log2(rank + 1)``. Items are
    ranked by descending score, ties in their original order. A user whose ideal DCG is 0 scores 0.
    """

    def __init__(
        self,
        top_k: list[int],
        ignore_zero_hits: bool = True,
        relevance_threshold: float = 1.0,
        gain_function: str = "exp_rank",
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        ks = list(top_k)
        if any(not isinstance(k, int) or k <= 0 for k in ks):
            raise ValueError(f"top_k must be list of positive integers only, but given {top_k}")
        if gain_function not in ("exp_rank", "linear_rank"):
            raise ValueError(
                f"gain_function must be either 'exp_rank' or 'linear_rank', but given {gain_function}"
            )
        self.relevance_threshold = relevance_threshold
        self.gain_function = gain_function
        super().__init__(ks, ignore_zero_hits, output_transform, device, skip_unrolling)

    def _relevant(self, y: torch.Tensor) -> torch.Tensor:
        return y >= self.relevance_threshold

    def _gain(self, relevance: torch.Tensor) -> torch.Tensor:
        relevance = torch.where(relevance >= self.relevance_threshold, relevance, torch.zeros_like(relevance))
        return torch.pow(2.0, relevance) - 1 if self.gain_function == "exp_rank" else relevance

    def _per_user(self, y_pred: torch.Tensor, y: torch.Tensor, k: int) -> torch.Tensor:
        discount = 1.0 / torch.log2(torch.arange(2, k + 2, dtype=torch.float64, device=y.device))
        order = torch.sort(y_pred, dim=1, descending=True, stable=True).indices[:, :k]
        dcg = (self._gain(y.gather(1, order)) * discount).sum(dim=1)
        ideal = torch.sort(y, dim=1, descending=True).values[:, :k]
        idcg = (self._gain(ideal) * discount).sum(dim=1)
        return torch.where(idcg > 0, dcg / torch.where(idcg > 0, idcg, math.inf), torch.zeros_like(dcg))
