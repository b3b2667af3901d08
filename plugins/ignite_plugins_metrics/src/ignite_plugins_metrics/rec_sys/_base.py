"""Shared parts of HitRate and NDCG: top-k validation, input checks and per-k accumulation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["RankingMetric"]


class RankingMetric(Metric):
    """``update((y_pred, y))`` with item scores ``y_pred`` and relevances ``y``, both ``(num_users, num_items)``.

    ``compute()`` gives a list with one float per ``top_k`` entry (in increasing ``k``), averaged over users (users with no
    relevant item are skipped when ``ignore_zero_hits``). A ``k`` above the number of items counts all items.
    """

    _state_dict_all_req_keys = ("_sum_per_k", "_num_examples")

    def __init__(
        self,
        top_k: list[int],
        ignore_zero_hits: bool,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self.top_k = sorted(top_k)
        self.ignore_zero_hits = ignore_zero_hits
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_per_k = torch.zeros(len(self.top_k), dtype=torch.float64, device=self._device)
        self._num_examples = 0

    def _relevant(self, y: torch.Tensor) -> torch.Tensor:
        return y > 0

    def _per_user(self, y_pred: torch.Tensor, y: torch.Tensor, k: int) -> torch.Tensor:
        raise NotImplementedError

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, type(self).__name__)
        if y_pred.ndim != 2:
            raise ValueError(f"y_pred must be of shape (num_users, num_items), got {tuple(y_pred.shape)}.")
        if y_pred.shape != y.shape:
            raise ValueError(f"y_pred and y must be in the same shape, got {y_pred.shape} != {y.shape}.")
        if self.ignore_zero_hits:
            keep = self._relevant(y).any(dim=1)
            y_pred, y = y_pred[keep], y[keep]
        if y.shape[0] == 0:
            return
        y_pred = y_pred.to(torch.float64)
        y = y.to(torch.float64)
        values = [self._per_user(y_pred, y, min(k, y.shape[1])).sum() for k in self.top_k]
        if values:
            self._sum_per_k += torch.stack(values).to(self._device)
        self._num_examples += y.shape[0]

    @sync_all_reduce("_sum_per_k", "_num_examples")
    def compute(self) -> list[float]:
        if self._num_examples == 0:
            raise NotComputableError(f"{type(self).__name__} must have at least one example.")
        return [value / self._num_examples for value in self._sum_per_k.tolist()]
