"""SilhouetteScore (computed in torch over the epoch's features and labels)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.clustering._base import ClusteringMetricBase
from ignite_plugins_metrics.clustering._scores import silhouette

__all__ = ["SilhouetteScore"]


class SilhouetteScore(ClusteringMetricBase):
    """The Silhouette score of ``(features, labels)`` as scikit-learn defines it, computed in torch.

    See :class:`~ignite_plugins_metrics.clustering._base.ClusteringMetricBase` for inputs and storage.
    ``silhouette_kwargs={"metric": ...}`` picks the distance (euclidean, sqeuclidean, manhattan, cosine).
    """

    def __init__(
        self,
        output_transform: Callable[..., Any] = lambda x: x,
        check_compute_fn: bool = True,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
        silhouette_kwargs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            lambda f, lab: silhouette(f, lab, **dict(silhouette_kwargs or {})),
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )
