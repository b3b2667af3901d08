"""Helpers for the metric tests: feed a metric in batch splits, draw splits with hypothesis."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import torch
from hypothesis import strategies as st

__all__ = ["cuts", "feed", "split_points"]


def split_points(n: int) -> st.SearchStrategy[list[int]]:
    """Sorted cut positions in [0, n] (empty batches possible)."""
    return st.lists(st.integers(0, n), max_size=4).map(sorted)


def cuts(n: int, points: Sequence[int]) -> list[tuple[int, int]]:
    bounds = [0, *points, n]
    return [(a, b) for a, b in itertools.pairwise(bounds)]


def feed(metric: Any, tensors: Sequence[torch.Tensor], points: Sequence[int]) -> Any:
    """Reset ``metric``, update it with consecutive slices of ``tensors`` cut at ``points``, compute."""
    metric.reset()
    n = tensors[0].shape[0]
    for a, b in cuts(n, points):
        metric.update(tuple(t[a:b] for t in tensors))
    return metric.compute()
