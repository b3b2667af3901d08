"""Entropy and MutualInformation of the predicted class distributions (``softmax`` of ``y_pred`` over dim 1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, MetricsResultMode, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._distribution import logits_to_rows, unpack_logits
from ignite_plugins_metrics._history import CPU, accumulator_dtype

__all__ = ["Entropy", "MutualInformation"]


def _entropy(rows: torch.Tensor) -> torch.Tensor:
    prob = torch.softmax(rows, dim=1)
    log_prob = torch.log_softmax(rows, dim=1)
    return -(prob * log_prob).sum(dim=1)


class Entropy(Metric):
    """Mean entropy of ``softmax(y_pred, dim=1)`` over every sample and position.

    ``y_pred`` is ``(B, C)`` or ``(B, C, ...)`` logits; ``y`` is ignored.
    """

    _state_dict_all_req_keys: tuple[str, ...] = ("_sum_of_entropies", "_num_examples")

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
        self._sum_of_entropies = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, _ = unpack_logits(output, type(self).__name__, same_shape=False)
        rows = logits_to_rows(y_pred.detach(), self._sum_of_entropies.dtype)
        if rows.shape[0] == 0:
            return
        self._update_rows(rows)

    def _update_rows(self, rows: torch.Tensor) -> None:
        self._sum_of_entropies += _entropy(rows).sum().to(self._device)
        self._num_examples += rows.shape[0]

    @sync_all_reduce("_sum_of_entropies", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one example before it can be computed."
            )
        return self._sum_of_entropies.item() / self._num_examples


class MutualInformation(Entropy):
    """``H(mean predicted distribution) - mean(H(predicted distribution))`` over every sample and position."""

    _state_dict_all_req_keys = ("_sum_of_entropies", "_num_examples", "_sum_of_probabilities")

    @reinit__is_reduced
    def reset(self) -> None:
        super().reset()
        self._sum_of_probabilities = torch.tensor(
            0.0, dtype=accumulator_dtype(self._device), device=self._device
        )

    def _update_rows(self, rows: torch.Tensor) -> None:
        super()._update_rows(rows)
        self._sum_of_probabilities = self._sum_of_probabilities + torch.softmax(rows, dim=1).sum(dim=0).to(
            self._device
        )

    @sync_all_reduce("_sum_of_entropies", "_num_examples", "_sum_of_probabilities")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                "MutualInformation must have at least one example before it can be computed."
            )
        marginal = self._sum_of_probabilities / self._num_examples
        marginal_entropy = -(marginal * torch.log(marginal)).nan_to_num(nan=0.0).sum().item()
        return marginal_entropy - self._sum_of_entropies.item() / self._num_examples
