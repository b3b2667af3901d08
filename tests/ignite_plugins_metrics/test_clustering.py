"""Clustering metrics (computed in torch) against scikit-learn over batch splits."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from ignite.exceptions import NotComputableError
from ignite.metrics.clustering import CalinskiHarabaszScore, DaviesBouldinScore, SilhouetteScore

CASES = [
    (SilhouetteScore, skm.silhouette_score),
    (DaviesBouldinScore, skm.davies_bouldin_score),
    (CalinskiHarabaszScore, skm.calinski_harabasz_score),
]
IDS = [c.__name__ for c, _ in CASES]


@pytest.mark.parametrize(("cls", "ref"), CASES, ids=IDS)
@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(4, 40),
    k=st.integers(2, 5),
    d=st.integers(1, 4),
    points=split_points(40),
)
def test_matches_sklearn(
    cls: type, ref: object, seed: int, n: int, k: int, d: int, points: list[int]
) -> None:
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, k, (n,), generator=g) * 3 + 1  # arbitrary label values
    features = torch.randn(n, d, generator=g, dtype=torch.float64) + labels[:, None].double() * 0.3
    got = feed(cls(), (features, labels), [min(p, n) for p in points])
    if not 2 <= len(set(labels.tolist())) <= n - 1:
        assert math.isnan(got)
        return
    # scikit-learn computes euclidean distances through dot products (about 1e-8 relative error)
    assert got == pytest.approx(ref(features.numpy(), labels.numpy()), rel=1e-6, abs=1e-9)  # type: ignore[operator]


def _davies_bouldin_direct(features: np.ndarray, labels: np.ndarray) -> float:
    """Davies-Bouldin from its definition, distances by direct differences (no dot-product shortcut)."""
    clusters = np.unique(labels)
    centroids = np.stack([features[labels == c].mean(axis=0) for c in clusters])
    spread = np.array(
        [np.linalg.norm(features[labels == c] - centroids[i], axis=1).mean() for i, c in enumerate(clusters)]
    )
    between = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=2)
    np.fill_diagonal(between, np.inf)
    return float(np.max((spread[:, None] + spread[None, :]) / between, axis=1).mean())


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(4, 40),
    k=st.integers(2, 5),
    d=st.integers(1, 4),
    points=split_points(40),
)
# scikit-learn's value is 7.5e-8 (relative) off for this one: its euclidean distances go through dot products
@example(seed=57685, n=4, k=2, d=3, points=[0, 4])
def test_davies_bouldin_equals_its_definition(seed: int, n: int, k: int, d: int, points: list[int]) -> None:
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, k, (n,), generator=g) * 3 + 1
    features = torch.randn(n, d, generator=g, dtype=torch.float64) + labels[:, None].double() * 0.3
    if not 2 <= len(set(labels.tolist())) <= n - 1:
        return
    got = feed(DaviesBouldinScore(), (features, labels), [min(p, n) for p in points])
    assert got == pytest.approx(_davies_bouldin_direct(features.numpy(), labels.numpy()), rel=1e-11)


@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "cosine", "sqeuclidean"])
def test_silhouette_distances(metric: str) -> None:
    g = torch.Generator().manual_seed(3)
    features = torch.randn(30, 3, generator=g, dtype=torch.float64)
    labels = torch.randint(0, 3, (30,), generator=g)
    m = SilhouetteScore(silhouette_kwargs={"metric": metric})
    m.update((features, labels))
    expected = skm.silhouette_score(features.numpy(), labels.numpy(), metric=metric)
    assert m.compute() == pytest.approx(expected, rel=1e-9)


def test_silhouette_large_input_is_chunked() -> None:
    g = torch.Generator().manual_seed(4)
    features = torch.randn(2500, 2, generator=g, dtype=torch.float64)
    labels = (features[:, 0] > 0).long() + (features[:, 1] > 0.5).long()
    m = SilhouetteScore()
    m.update((features, labels))
    expected = skm.silhouette_score(features.numpy(), labels.numpy())
    assert m.compute() == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("cls", [c for c, _ in CASES], ids=IDS)
def test_edge_cases(cls: type) -> None:
    m = cls()
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((torch.zeros(0, 3), torch.zeros(0, dtype=torch.long)))  # empty batch: ignored
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(ValueError, match="Features should be of shape"):
        m.update((torch.rand(5), torch.zeros(5)))
    with pytest.raises(ValueError, match="Labels should be of shape"):
        m.update((torch.rand(5, 2), torch.zeros(5, 1)))
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        m.update((torch.rand(5, 2), torch.zeros(4)))
    m.update((torch.rand(6, 2), torch.zeros(6, dtype=torch.long)))  # a single cluster: undefined
    assert math.isnan(m.compute())
    m.reset()
    m.update((torch.zeros(6, 2), torch.tensor([0, 0, 0, 1, 1, 1])))  # all-zero features
    assert m.compute() == {SilhouetteScore: 0.0, DaviesBouldinScore: 0.0, CalinskiHarabaszScore: 1.0}[cls]
