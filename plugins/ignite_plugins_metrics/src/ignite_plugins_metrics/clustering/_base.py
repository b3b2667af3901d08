"""Base of the clustering metrics: stores ``(features, labels)`` of the epoch, computes on the gathered data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.metrics.metric import reinit__is_reduced
from ignite_plugins_metrics._history import CPU, HistoryEpochMetric

__all__ = ["ClusteringMetricBase"]


class ClusteringMetricBase(HistoryEpochMetric):
    """``update((features, labels))`` with features ``(N, D)`` and labels ``(N,)``.

    Stores the epoch's features and labels (``reset()`` frees them); across processes the uneven histories
    are gathered, so the result equals the single-process one. A score undefined for the data (one
    cluster, or as many clusters as samples) is NaN, as in 0.5.
    """

    required_output_keys = ("features", "labels")

    def __init__(
        self,
        compute_fn: Callable[[torch.Tensor, torch.Tensor], float],
        output_transform: Callable[..., Any] = lambda x: x,
        check_compute_fn: bool = True,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        def on_history(features: torch.Tensor, labels: torch.Tensor) -> float:
            if features.ndim == 1:  # EpochMetric squeezes (N, 1) features
                features = features[:, None]
            return compute_fn(features, labels)

        super().__init__(
            on_history,
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        if not isinstance(output, Sequence) or len(output) != 2:
            raise TypeError(f"{type(self).__name__}.update expects (features, labels)")
        features, labels = output
        if not isinstance(features, torch.Tensor) or not isinstance(labels, torch.Tensor):
            raise TypeError(f"{type(self).__name__}.update expects tensors (features, labels)")
        if features.ndim != 2:
            raise ValueError("Features should be of shape (batch_size, n_targets).")
        if labels.ndim != 1:
            raise ValueError("Labels should be of shape (batch_size, ).")
        if features.shape[0] != labels.shape[0]:
            raise ValueError(
                "Found input variables with inconsistent numbers of samples: "
                f"[{features.shape[0]}, {labels.shape[0]}]"
            )
        if labels.numel() == 0:
            return
        super().update((features, labels))
