"""Perplexity of a language model: ``exp`` of the mean token cross-entropy."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch
import torch.nn.functional as F

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["Perplexity"]


class Perplexity(Metric):
    """``exp(sum of token negative log-likelihoods / number of counted tokens)``.

    ``y_pred`` holds logits ``(B, C)`` or ``(B, C, d1, ...)`` and ``y`` class indices ``(B,)`` or
    ``(B, d1, ...)``; targets equal to ``ignore_index`` are not counted.
    """

    _state_dict_all_req_keys = ("_sum_of_nll", "_num_tokens")

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        ignore_index: int = -100,
    ) -> None:
        self.ignore_index = ignore_index
        super().__init__(output_transform=output_transform, device=device)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_nll = torch.tensor(0.0, dtype=torch.float64, device=self._device)
        self._num_tokens = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, "Perplexity")
        if y_pred.ndim < 2 or y_pred.shape[0] != y.shape[0] or y_pred.shape[2:] != y.shape[1:]:
            raise ValueError(
                f"y_pred and y have incompatible shapes: y_pred={y_pred.shape}, y={y.shape} "
                "(expected y_pred[0] == y[0] and y_pred[2:] == y[1:])."
            )
        if y.numel() == 0:
            return
        nll = F.cross_entropy(y_pred.double(), y, ignore_index=self.ignore_index, reduction="sum")
        self._sum_of_nll += nll.to(self._device)
        self._num_tokens += int((y != self.ignore_index).sum())

    @sync_all_reduce("_sum_of_nll", "_num_tokens")
    def compute(self) -> float:
        if self._num_tokens == 0:
            raise NotComputableError("Perplexity must have at least one example before it can be computed.")
        return math.exp(self._sum_of_nll.item() / self._num_tokens)
