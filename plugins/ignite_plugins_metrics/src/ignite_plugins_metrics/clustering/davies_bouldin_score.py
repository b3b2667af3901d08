"""DaviesBouldinScore (computed in torch over the epoch's features and labels)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.clustering._base import ClusteringMetricBase
from ignite_plugins_metrics.clustering._scores import davies_bouldin

__all__ = ["DaviesBouldinScore"]


class DaviesBouldinScore(ClusteringMetricBase):
    """The Davies-Bouldin index of ``(features, labels)`` as scikit-learn defines it, computed in torch.

    See :class:`~ignite_plugins_metrics.clustering._base.ClusteringMetricBase` for inputs and storage.
    """

    def __init__(
        self,
        output_transform: Callable[..., Any] = lambda x: x,
        check_compute_fn: bool = True,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            davies_bouldin,
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )
