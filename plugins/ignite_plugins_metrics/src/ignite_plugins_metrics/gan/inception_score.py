"""InceptionScore: ``exp(E_x KL(p(y|x) || p(y)))`` of the class probabilities of generated samples."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.gan.utils import BaseInceptionMetric

__all__ = ["InceptionScore"]


class InceptionScore(BaseInceptionMetric):
    """Inception Score of generated samples: ``update(y_pred)`` takes a batch of samples (a tensor).

    ``feature_extractor`` must return class probabilities ``(B, num_features)``; sums of ``p`` and of
    ``p log p`` are accumulated (float64), so the score is exact over any batching. Without
    ``feature_extractor`` the torchvision Inception-v3 classifier is used (needs torchvision and weights).
    """

    _state_dict_all_req_keys = ("_num_examples", "_prob_total", "_total_kl_d")

    def __init__(
        self,
        num_features: int | None = None,
        feature_extractor: torch.nn.Module | None = None,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        super().__init__(
            num_features=num_features,
            feature_extractor=feature_extractor,
            default_return_features=False,
            output_transform=output_transform,
            device=device,
        )

    @reinit__is_reduced
    def reset(self) -> None:
        self._num_examples = 0
        self._prob_total = torch.zeros(self._num_features, dtype=torch.float64, device=self._device)
        self._total_kl_d = torch.tensor(0.0, dtype=torch.float64, device=self._device)

    @reinit__is_reduced
    def update(self, output: torch.Tensor) -> None:
        if not isinstance(output, torch.Tensor):
            raise TypeError(
                f"InceptionScore.update expects a tensor of generated samples, got {type(output).__name__}"
            )
        probabilities = self._extract_features(output)
        self._prob_total += probabilities.sum(dim=0)
        self._total_kl_d += torch.xlogy(probabilities, probabilities).sum()
        self._num_examples += probabilities.shape[0]

    @sync_all_reduce("_num_examples", "_prob_total", "_total_kl_d")
    def compute(self) -> float:
        n = self._num_examples
        if n == 0:
            raise NotComputableError(
                "InceptionScore must have at least one example before it can be computed."
            )
        marginal = self._prob_total / n
        mean_kl = self._total_kl_d.item() / n - float(torch.xlogy(marginal, marginal).sum())
        return math.exp(mean_kl)
