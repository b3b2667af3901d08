"""MeanPairwiseDistance: average p-norm distance between predictions and targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["MeanPairwiseDistance"]


class MeanPairwiseDistance(Metric):
    """Sum of ``torch.pairwise_distance(y_pred, y, p, eps)`` divided by the number of samples (``y.shape[0]``).

    Rows of ``(N, D)`` inputs are compared; a 1-D input is a single vector (as in 0.5).
    """

    _state_dict_all_req_keys = ("_sum_of_distances", "_num_examples")

    def __init__(
        self,
        p: int = 2,
        eps: float = 1e-6,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self._p = p
        self._eps = eps
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_distances = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, "MeanPairwiseDistance")
        if y.numel() == 0:
            return
        if not y_pred.is_floating_point():
            y_pred = y_pred.to(torch.float32)
        distances = torch.pairwise_distance(y_pred, y.to(y_pred.dtype), p=self._p, eps=self._eps)
        self._sum_of_distances += distances.sum().to(self._device, self._sum_of_distances.dtype)
        self._num_examples += y.shape[0]

    @sync_all_reduce("_sum_of_distances", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                "MeanPairwiseDistance must have at least one example before it can be computed."
            )
        return self._sum_of_distances.item() / self._num_examples
