"""Rank statistics in torch: average ranks, Spearman's rho and Kendall's tau (O(n log^2 n), no scipy)."""

from __future__ import annotations

import math

import torch

__all__ = ["average_ranks", "kendall_tau", "median", "spearman_rho"]


def median(values: torch.Tensor) -> float:
    """Median of all elements (the mean of the two middle ones for an even count), as numpy computes it."""
    flat = values.reshape(-1).to(torch.float64)
    if bool(torch.isnan(flat).any()):
        return math.nan
    ordered = torch.sort(flat).values
    n = ordered.numel()
    mid = n // 2
    if n % 2:
        return float(ordered[mid])
    return float((ordered[mid - 1] + ordered[mid]) / 2)


def average_ranks(x: torch.Tensor) -> torch.Tensor:
    """1-based ranks of a 1-D tensor, ties sharing the average of their ranks (float64)."""
    ordered, order = torch.sort(x, stable=True)
    _, inverse, counts = torch.unique_consecutive(ordered, return_inverse=True, return_counts=True)
    ends = torch.cumsum(counts, 0).to(torch.float64)
    average = ends - (counts.to(torch.float64) - 1) / 2
    ranks = torch.empty(x.shape[0], dtype=torch.float64, device=x.device)
    ranks[order] = average[inverse]
    return ranks


def _pearson(a: torch.Tensor, b: torch.Tensor) -> float:
    a = a - a.mean()
    b = b - b.mean()
    denom = math.sqrt(float((a * a).sum()) * float((b * b).sum()))
    if denom == 0:
        return math.nan
    return float((a * b).sum()) / denom


def spearman_rho(x: torch.Tensor, y: torch.Tensor) -> float:
    """Spearman's rank correlation of two 1-D tensors (NaN for fewer than 2 samples, NaN or constant input)."""
    if x.numel() < 2 or bool(torch.isnan(x).any() or torch.isnan(y).any()):
        return math.nan
    return _pearson(average_ranks(x), average_ranks(y))


def _tie_pairs(x: torch.Tensor) -> int:
    _, counts = torch.unique(x, return_counts=True, dim=0)
    counts = counts.to(torch.int64)
    return int((counts * (counts - 1) // 2).sum())


def _count_inversions(values: torch.Tensor) -> int:
    """Number of pairs i < j with values[i] > values[j] (bottom-up merge sort, vectorised per level)."""
    n = values.numel()
    size = 1
    while size < n:
        size *= 2
    padded = torch.full((size,), math.inf, dtype=torch.float64, device=values.device)
    padded[:n] = values.to(torch.float64)
    inversions = 0
    block = 1
    while block < size:
        pairs = padded.view(-1, 2, block)
        left = pairs[:, 0, :].contiguous()
        right = pairs[:, 1, :].contiguous()
        not_greater = torch.searchsorted(left, right, right=True)
        inversions += int((block - not_greater).sum())
        padded = torch.sort(pairs.reshape(-1, 2 * block), dim=1).values.reshape(-1)
        block *= 2
    return inversions


def kendall_tau(x: torch.Tensor, y: torch.Tensor, variant: str = "b") -> float:
    """Kendall's tau-b or tau-c of two 1-D tensors, as scipy.stats.kendalltau defines them."""
    n = x.numel()
    if n < 2 or bool(torch.isnan(x).any() or torch.isnan(y).any()):
        return math.nan
    x = x.to(torch.float64)
    y = y.to(torch.float64)
    by_y = torch.sort(y, stable=True).indices
    order = by_y[torch.sort(x[by_y], stable=True).indices]
    discordant = _count_inversions(y[order])
    pairs = n * (n - 1) // 2
    x_ties = _tie_pairs(x)
    y_ties = _tie_pairs(y)
    joint_ties = _tie_pairs(torch.stack([x, y], dim=1))
    concordant = pairs - x_ties - y_ties + joint_ties - discordant
    difference = concordant - discordant
    if variant == "b":
        denom = math.sqrt(float(pairs - x_ties) * float(pairs - y_ties))
        return difference / denom if denom > 0 else math.nan
    classes = min(int(torch.unique(x).numel()), int(torch.unique(y).numel()))
    if classes < 2:
        return math.nan
    return 2.0 * difference / (n * n * (classes - 1) / classes)
