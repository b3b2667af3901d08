"""Silhouette, Davies-Bouldin and Calinski-Harabasz scores in torch (float64), as scikit-learn defines them.

Each returns NaN when the number of distinct labels is not in ``[2, n_samples - 1]`` or the features hold NaN
(scikit-learn raises there).
"""

from __future__ import annotations

import math
from typing import Any

import torch

__all__ = ["calinski_harabasz", "davies_bouldin", "silhouette"]

_CHUNK = 1024  # rows of the distance matrix held at once


def _encode(labels: torch.Tensor) -> tuple[torch.Tensor, int]:
    _, codes = torch.unique(labels, return_inverse=True)
    return codes, int(codes.max()) + 1 if codes.numel() else 0


def _valid(n: int, k: int) -> bool:
    return 2 <= k <= n - 1


def _distances(a: torch.Tensor, b: torch.Tensor, metric: str) -> torch.Tensor:
    if metric == "euclidean":
        return torch.cdist(a, b, compute_mode="donot_use_mm_for_euclid_dist")
    if metric == "sqeuclidean":
        return torch.cdist(a, b, compute_mode="donot_use_mm_for_euclid_dist") ** 2
    if metric in ("manhattan", "cityblock", "l1"):
        return torch.cdist(a, b, p=1, compute_mode="donot_use_mm_for_euclid_dist")
    if metric == "cosine":
        an = a / a.norm(dim=1, keepdim=True)
        bn = b / b.norm(dim=1, keepdim=True)
        cosine: torch.Tensor = (1 - an @ bn.T).clamp_min(0)
        return cosine
    raise ValueError(
        f"Unsupported silhouette metric {metric!r}: use 'euclidean', 'sqeuclidean', 'manhattan' or 'cosine'."
    )


def silhouette(features: torch.Tensor, labels: torch.Tensor, **kwargs: Any) -> float:
    """Mean silhouette coefficient; ``metric`` (kwarg) picks the distance. Memory O(chunk * n)."""
    metric = kwargs.pop("metric", "euclidean")
    if kwargs:
        raise ValueError(f"Unsupported silhouette_kwargs {sorted(kwargs)}: only 'metric' is supported.")
    x = features.to(torch.float64)
    codes, k = _encode(labels)
    n = x.shape[0]
    if not _valid(n, k) or bool(torch.isnan(x).any()):
        return math.nan
    onehot = torch.nn.functional.one_hot(codes, k).to(torch.float64)
    sizes = onehot.sum(dim=0)
    scores = torch.empty(n, dtype=torch.float64, device=x.device)
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        sums = _distances(x[start:stop], x, metric) @ onehot  # (chunk, k) summed distances per cluster
        own = codes[start:stop]
        own_size = sizes[own]
        a = sums.gather(1, own[:, None]).squeeze(1) / (own_size - 1).clamp_min(1)
        means = sums / sizes
        means.scatter_(1, own[:, None], math.inf)
        b = means.min(dim=1).values
        s = (b - a) / torch.maximum(a, b)
        s = torch.where(own_size > 1, s.nan_to_num(0.0), torch.zeros_like(s))
        scores[start:stop] = s
    return float(scores.mean())


def _centroids(x: torch.Tensor, codes: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    sizes = torch.bincount(codes, minlength=k).to(torch.float64)
    sums = torch.zeros(k, x.shape[1], dtype=torch.float64, device=x.device).index_add_(0, codes, x)
    return sums / sizes[:, None], sizes


def davies_bouldin(features: torch.Tensor, labels: torch.Tensor) -> float:
    """Davies-Bouldin index (lower is better)."""
    x = features.to(torch.float64)
    codes, k = _encode(labels)
    if not _valid(x.shape[0], k):
        return math.nan
    centroids, sizes = _centroids(x, codes, k)
    to_centroid = (x - centroids[codes]).norm(dim=1)
    intra = torch.zeros(k, dtype=torch.float64, device=x.device).index_add_(0, codes, to_centroid) / sizes
    between = torch.cdist(centroids, centroids, compute_mode="donot_use_mm_for_euclid_dist")
    if torch.allclose(intra, torch.zeros_like(intra)) or torch.allclose(between, torch.zeros_like(between)):
        return 0.0
    between = torch.where(between == 0, math.inf, between)
    ratios = (intra[:, None] + intra[None, :]) / between
    return float(ratios.max(dim=1).values.mean())


def calinski_harabasz(features: torch.Tensor, labels: torch.Tensor) -> float:
    """Calinski-Harabasz index (variance ratio criterion, higher is better)."""
    x = features.to(torch.float64)
    codes, k = _encode(labels)
    n = x.shape[0]
    if not _valid(n, k):
        return math.nan
    centroids, sizes = _centroids(x, codes, k)
    mean = x.mean(dim=0)
    extra = float((sizes * ((centroids - mean) ** 2).sum(dim=1)).sum())
    intra = float(((x - centroids[codes]) ** 2).sum())
    return 1.0 if intra == 0 else extra * (n - k) / (intra * (k - 1))
