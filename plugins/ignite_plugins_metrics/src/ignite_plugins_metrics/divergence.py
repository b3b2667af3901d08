"""KLDivergence and JSDivergence between the distributions ``softmax(y, dim=1)`` and ``softmax(y_pred, dim=1)``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, MetricsResultMode, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._distribution import logits_to_rows, unpack_logits
from ignite_plugins_metrics._history import CPU, accumulator_dtype

__all__ = ["JSDivergence", "KLDivergence"]


class KLDivergence(Metric):
    """Mean of ``KL(softmax(y) || softmax(y_pred))`` over every sample and position.

    ``y_pred`` and ``y`` are logits of the same shape ``(B, C)`` or ``(B, C, ...)``.
    """

    _state_dict_all_req_keys = ("_sum_of_kl", "_num_examples")

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
        self._sum_of_kl = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_examples = 0

    @staticmethod
    def _divergence(log_p: torch.Tensor, log_q: torch.Tensor) -> torch.Tensor:
        """Per-row KL(q || p) from log-probabilities (p predicted, q target)."""
        return (log_q.exp() * (log_q - log_p)).sum(dim=1)

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = unpack_logits(output, type(self).__name__, same_shape=True)
        dtype = self._sum_of_kl.dtype
        log_p = torch.log_softmax(logits_to_rows(y_pred.detach(), dtype), dim=1)
        log_q = torch.log_softmax(logits_to_rows(y.detach(), dtype), dim=1)
        if log_p.shape[0] == 0:
            return
        self._sum_of_kl += self._divergence(log_p, log_q).sum().to(self._device)
        self._num_examples += log_p.shape[0]

    @sync_all_reduce("_sum_of_kl", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one example before it can be computed."
            )
        return self._sum_of_kl.item() / self._num_examples


class JSDivergence(KLDivergence):
    """Mean Jensen-Shannon divergence ``(KL(p || m) + KL(q || m)) / 2`` with ``m = (p + q) / 2``."""

    @staticmethod
    def _divergence(log_p: torch.Tensor, log_q: torch.Tensor) -> torch.Tensor:
        log_m = torch.logaddexp(log_p, log_q) - math.log(2.0)
        kl_pm = (log_p.exp() * (log_p - log_m)).sum(dim=1)
        kl_qm = (log_q.exp() * (log_q - log_m)).sum(dim=1)
        return (kl_pm + kl_qm) / 2
