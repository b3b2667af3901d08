"""A confusion matrix over integer labels whose size grows with the largest label seen.

Used by MatthewsCorrCoef and CohenKappa, which accept label vectors without a declared number of
classes: the state stays ``K x K`` (K = largest label + 1) instead of the epoch's history.
"""

from __future__ import annotations

import torch

__all__ = ["add_counts", "as_labels", "gather_confusion", "label_range"]


def as_labels(t: torch.Tensor, arg_name: str, name: str) -> torch.Tensor:
    """Flatten ``t`` to int64 labels; float tensors must hold whole numbers (one check pass for floats only)."""
    if t.is_floating_point():
        if not torch.equal(t, torch.round(t)):
            raise ValueError(
                f"{name}: {arg_name} must hold class labels, got non-integer values; "
                "threshold or argmax scores in output_transform."
            )
    elif t.is_complex():
        raise TypeError(f"{name}: {arg_name} must hold class labels, got dtype {t.dtype}.")
    return t.reshape(-1).long()


def label_range(*labels: torch.Tensor) -> tuple[int, int]:
    """Smallest and largest label over the tensors (one small host transfer)."""
    bounds = torch.stack([torch.stack(torch.aminmax(t)) for t in labels if t.numel() > 0])
    low, high = bounds[:, 0].min().item(), bounds[:, 1].max().item()
    return int(low), int(high)


def add_counts(matrix: torch.Tensor, target: torch.Tensor, pred: torch.Tensor, size: int) -> torch.Tensor:
    """``matrix`` (grown to ``size x size`` if smaller) plus the counts of (target, pred) pairs."""
    if matrix.shape[0] < size:
        grown = torch.zeros(size, size, dtype=matrix.dtype, device=matrix.device)
        grown[: matrix.shape[0], : matrix.shape[0]] = matrix
        matrix = grown
    size = matrix.shape[0]
    counts = torch.bincount(target * size + pred, minlength=size * size).view(size, size)
    return matrix + counts.to(matrix.device)


def gather_confusion(matrix: torch.Tensor) -> torch.Tensor:
    """Sum the per-process matrices (padded to the largest size) in a distributed run."""
    import ignite.distributed as idist

    if idist.get_world_size() <= 1:
        return matrix
    size = int(idist.all_reduce(torch.tensor(matrix.shape[0], device=matrix.device), op="MAX").item())
    padded = torch.zeros(size, size, dtype=matrix.dtype, device=matrix.device)
    padded[: matrix.shape[0], : matrix.shape[0]] = matrix
    return idist.all_reduce(padded)
