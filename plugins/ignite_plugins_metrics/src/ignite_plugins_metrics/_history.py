"""Epoch-history support: gather per-process tensors of different lengths, and an EpochMetric that uses it.

Metrics that need every sample of the epoch (medians, ranks, clustering) store their batches; in a
distributed run each process may hold a different number of samples, so the history is gathered with
the shapes exchanged first. The result is computed on every process from the same gathered data, so
2 processes with uneven data give exactly the single-process value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.epoch_metric import EpochMetric

__all__ = ["CPU", "HistoryEpochMetric", "accumulator_dtype", "gather_uneven"]

CPU = torch.device("cpu")


def accumulator_dtype(device: torch.device) -> torch.dtype:
    """float64 for exact sums, except on MPS which has no float64."""
    return torch.float32 if device.type == "mps" else torch.float64


def gather_uneven(tensor: torch.Tensor) -> torch.Tensor:
    """Concatenate ``tensor`` (first dimension may differ per process) from every process, in rank order."""
    import ignite.distributed as idist

    if idist.get_world_size() <= 1:
        return tensor
    sizes = idist.all_gather(int(tensor.shape[0]))
    shapes = [(int(size), *tensor.shape[1:]) for size in sizes]
    parts = idist.all_gather_tensors_with_shapes(tensor.contiguous(), shapes)
    return torch.cat([part.to(tensor.device) for part in parts], dim=0)


class HistoryEpochMetric(EpochMetric):
    """EpochMetric whose ``compute`` gathers uneven histories and computes on every process.

    Stores every prediction and target of the epoch on ``device``; ``reset()`` frees them. Empty
    batches are not stored.
    """

    def __init__(
        self,
        compute_fn: Callable[[torch.Tensor, torch.Tensor], Any],
        output_transform: Callable[[Any], Any] = lambda x: x,
        check_compute_fn: bool = True,
        device: str | torch.device = "cpu",
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            compute_fn,
            output_transform=output_transform,
            check_compute_fn=check_compute_fn,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    def compute(self) -> Any:
        if not self._predictions:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one example before it can be computed."
            )
        if self._result is None:
            predictions = gather_uneven(torch.cat(self._predictions, dim=0))
            targets = gather_uneven(torch.cat(self._targets, dim=0))
            self._result = self.compute_fn(predictions, targets)
        return self._result
