"""HitRate and NDCG against direct per-user formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st

from ignite.exceptions import NotComputableError
from ignite.metrics import NDCG, HitRate

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


def _data(seed: int, users: int, items: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    scores = torch.rand(users, items, generator=g, dtype=torch.float64)  # distinct scores: no ties
    relevance = torch.randint(0, 4, (users, items), generator=g) * (
        torch.rand(users, items, generator=g) < 0.4
    )
    return scores, relevance.double()


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    users=st.integers(1, 12),
    items=st.integers(1, 8),
    points=split_points(12),
    ignore=st.booleans(),
)
def test_hit_rate(seed: int, users: int, items: int, points: list[int], ignore: bool) -> None:
    scores, relevance = _data(seed, users, items)
    top_k = [1, 3, 10]
    rows = [u for u in range(users) if not ignore or relevance[u].sum() > 0]
    m = HitRate(top_k=top_k, ignore_zero_hits=ignore)
    if not rows:
        with pytest.raises(NotComputableError):
            feed(m, (scores, relevance), [min(p, users) for p in points])
        return
    expected = []
    for k in top_k:
        hits = [float(any(relevance[u, i] > 0 for i in np.argsort(-scores[u].numpy())[:k])) for u in rows]
        expected.append(float(np.mean(hits)))
    assert feed(m, (scores, relevance), [min(p, users) for p in points]) == pytest.approx(expected)


def _ndcg_user(scores: np.ndarray, rel: np.ndarray, k: int, threshold: float, exp_gain: bool) -> float:
    rel = np.where(rel >= threshold, rel, 0.0)
    gain = (2.0**rel - 1) if exp_gain else rel
    order = np.argsort(-scores, kind="stable")[:k]
    dcg = sum(gain[i] / math.log2(r + 2) for r, i in enumerate(order))
    ideal = sorted(gain, reverse=True)[:k]
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    users=st.integers(1, 12),
    items=st.integers(1, 8),
    points=split_points(12),
    threshold=st.sampled_from([1.0, 2.0]),
    gain=st.sampled_from(["exp_rank", "linear_rank"]),
    ignore=st.booleans(),
)
def test_ndcg(
    seed: int, users: int, items: int, points: list[int], threshold: float, gain: str, ignore: bool
) -> None:
    scores, relevance = _data(seed, users, items)
    top_k = [1, 2, 5]
    rows = [u for u in range(users) if not ignore or (relevance[u] >= threshold).any()]
    m = NDCG(top_k=top_k, ignore_zero_hits=ignore, relevance_threshold=threshold, gain_function=gain)
    pts = [min(p, users) for p in points]
    if not rows:
        with pytest.raises(NotComputableError):
            feed(m, (scores, relevance), pts)
        return
    expected = [
        float(
            np.mean(
                [
                    _ndcg_user(scores[u].numpy(), relevance[u].numpy(), k, threshold, gain == "exp_rank")
                    for u in rows
                ]
            )
        )
        for k in top_k
    ]
    assert feed(m, (scores, relevance), pts) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_argument_checks_and_ties() -> None:
    for kwargs in ({"top_k": [0]}, {"top_k": 0}, {"top_k": []}):
        with pytest.raises(ValueError, match="top_k"):
            HitRate(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="top_k"):
        NDCG(top_k=[0])
    with pytest.raises(ValueError, match="gain_function"):
        NDCG(top_k=[1], gain_function="x")
    with pytest.raises(ValueError, match="same shape"):
        HitRate().update((torch.rand(3, 4), torch.rand(2, 4)))
    scores, relevance = _data(3, 6, 5)
    assert feed(HitRate(top_k=[3, 1]), (scores, relevance), []) == feed(
        HitRate(top_k=[1, 3]), (scores, relevance), []
    )
    ties = torch.tensor([[0.5, 0.5, 0.5, 0.1]])
    relevant = torch.tensor([[0.0, 1.0, 0.0, 1.0]])
    assert feed(HitRate(top_k=[1]), (ties, relevant), []) == [1.0]  # tied with the best: within top 1
    assert feed(NDCG(top_k=[1, 2]), (ties, relevant), []) == pytest.approx(
        [0.0, 1 / math.log2(3) / (1 + 1 / math.log2(3))]
    )
