"""TopKCategoricalAccuracy: a sample counts as correct when its label is among the k highest scores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import CPU, check_tensors

__all__ = ["TopKCategoricalAccuracy"]


class TopKCategoricalAccuracy(Metric):
    """Top-k accuracy for multiclass data.

    ``update`` takes ``(y_pred, y)``: ``y_pred`` of shape ``(N, C)`` with scores and ``y`` of shape ``(N,)``
    with class indices (labels outside ``[0, C)`` never count as correct). ``compute`` returns a float.

    Args:
        k: number of top scores that may contain the label (``1 <= k``; ``k > C`` raises at update).
        output_transform, device, skip_unrolling: see :class:`~ignite.metrics.metric.Metric`.
    """

    _state_dict_all_req_keys = ("_num_correct", "_num_examples")

    def __init__(
        self,
        k: int = 5,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self._k = k
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._num_correct = torch.tensor(0, dtype=torch.long, device=self._device)
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = check_tensors(output, "TopKCategoricalAccuracy")
        if y_pred.ndim != 2 or y.shape != (y_pred.shape[0],):
            raise ValueError(
                "TopKCategoricalAccuracy: y_pred must have shape (batch_size, num_classes) and y shape "
                f"(batch_size,), got y_pred {tuple(y_pred.shape)} and y {tuple(y.shape)}."
            )
        if not 1 <= self._k <= y_pred.shape[1]:
            raise RuntimeError(
                f"TopKCategoricalAccuracy: k={self._k} must be between 1 and the number of classes "
                f"({y_pred.shape[1]})."
            )
        top = torch.topk(y_pred, self._k, dim=1).indices
        correct = torch.eq(top, y.view(-1, 1).to(top.dtype)).any(dim=1)
        self._num_correct += correct.sum().to(self._device)
        self._num_examples += correct.shape[0]

    @sync_all_reduce("_num_correct", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                "TopKCategoricalAccuracy must have at least one example before it can be computed."
            )
        return self._num_correct.item() / self._num_examples
