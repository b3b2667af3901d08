"""CosineSimilarity: average cosine similarity between predictions and targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["CosineSimilarity"]


class CosineSimilarity(Metric):
    """Mean over samples of ``<y_pred, y> / (max(|y_pred|, eps) * max(|y|, eps))``.

    Inputs are ``(N, D, ...)``; each sample is flattened to a vector (a 1-D input is an error).
    """

    _state_dict_all_req_keys = ("_sum_of_cos_similarities", "_num_examples")

    def __init__(
        self,
        eps: float = 1e-8,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self.eps = eps
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_cos_similarities = torch.tensor(
            0.0, dtype=accumulator_dtype(self._device), device=self._device
        )
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, "CosineSimilarity")
        if y_pred.ndim < 2 or y.ndim < 2:
            raise IndexError(
                f"CosineSimilarity expects inputs of shape (N, D, ...), got {tuple(y_pred.shape)} and "
                f"{tuple(y.shape)}; add a feature dimension (e.g. y.unsqueeze(1))."
            )
        if y.shape[0] == 0:
            return
        dtype = self._sum_of_cos_similarities.dtype
        a = y_pred.flatten(start_dim=1).to(dtype)
        b = y.flatten(start_dim=1).to(dtype)
        a = a / torch.clamp_min(a.norm(dim=1, keepdim=True), self.eps)
        b = b / torch.clamp_min(b.norm(dim=1, keepdim=True), self.eps)
        self._sum_of_cos_similarities += (a * b).sum().to(self._device)
        self._num_examples += y.shape[0]

    @sync_all_reduce("_sum_of_cos_similarities", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError(
                "CosineSimilarity must have at least one example before it can be computed."
            )
        return self._sum_of_cos_similarities.item() / self._num_examples
