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

__all__ = ["CPU", "HistoryEpochMetric", "accumulator_dtype", "gather_history", "gather_uneven"]

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


def gather_history(parts: list[torch.Tensor], device: torch.device) -> torch.Tensor | None:
    """Concatenate this process's stored batches and gather them from every process, in rank order.

    A process without any batch contributes nothing (its row shape and dtype are taken from the others),
    so every process gets the same tensor; ``None`` when no process has any batch.
    """
    import ignite.distributed as idist

    local = torch.cat(parts, dim=0) if parts else None
    if idist.get_world_size() <= 1:
        return local
    # every process sends the same kind of object: (has data, row shape, dtype name)
    mine = (
        (True, tuple(local.shape), str(local.dtype).split(".")[-1]) if local is not None else (False, (), "")
    )
    meta = idist.all_gather(mine)
    known = [m for m in meta if m[0]]
    if not known:
        return None
    tail, dtype_name = tuple(known[0][1][1:]), known[0][2]
    if local is None:
        local = torch.empty((0, *tail), dtype=getattr(torch, dtype_name), device=device)
    shapes = [(m[1][0] if m[0] else 0, *tail) for m in meta]
    gathered = idist.all_gather_tensors_with_shapes(local.contiguous(), shapes)
    return torch.cat([part.to(local.device) for part in gathered], dim=0)


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
        if self._result is None:
            predictions = gather_history(self._predictions, self._device)
            targets = gather_history(self._targets, self._device)
            if predictions is None or targets is None or predictions.shape[0] == 0:
                raise NotComputableError(
                    f"{type(self).__name__} must have at least one example before it can be computed."
                )
            self._result = self.compute_fn(predictions, targets)
        return self._result
