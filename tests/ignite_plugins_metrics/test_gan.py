"""FID and InceptionScore with user feature extractors, against scipy.linalg.sqrtm and numpy."""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest
import scipy.linalg
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ignite.exceptions import NotComputableError
from ignite.metrics import FID, InceptionScore
from ignite.metrics.gan.fid import fid_score
from ignite.metrics.gan.utils import InceptionModel

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


def _fid_reference(x: np.ndarray, y: np.ndarray) -> float:
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    covmean = scipy.linalg.sqrtm(s1 @ s2).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


class _Projection(torch.nn.Module):
    """A fixed linear feature extractor: images (B, 2, 3) -> features (B, 4)."""

    def __init__(self) -> None:
        super().__init__()
        self.linear = torch.nn.Linear(6, 4).double()
        torch.nn.init.normal_(self.linear.weight, generator=torch.Generator().manual_seed(0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x.flatten(1))


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(6, 30), cut=st.integers(0, 30), shift=st.floats(0, 2))
def test_fid_matches_scipy(seed: int, n: int, cut: int, shift: float) -> None:
    g = torch.Generator().manual_seed(seed)
    fake = torch.randn(n, 2, 3, generator=g, dtype=torch.float64)
    real = torch.randn(n, 2, 3, generator=g, dtype=torch.float64) * 1.3 + shift
    extractor = _Projection()
    with torch.no_grad():
        expected = _fid_reference(extractor(fake).numpy(), extractor(real).numpy())
    m = FID(num_features=4, feature_extractor=extractor)
    k = min(cut, n)
    for a, b in ((0, k), (k, n)):
        if b > a:
            m.update((fake[a:b], real[a:b]))
    assert m.compute() == pytest.approx(expected, rel=1e-6, abs=1e-8)


def test_fid_score_function_and_identical_distributions() -> None:
    mu1, mu2 = torch.tensor([0.0, 1.0]), torch.tensor([1.0, 1.0])
    s1, s2 = torch.eye(2, dtype=torch.float64), 4 * torch.eye(2, dtype=torch.float64)
    # 1 + tr(I) + tr(4I) - 2 tr(2I) = 1 + 2 + 8 - 8
    assert fid_score(mu1, mu2, s1, s2) == pytest.approx(3.0)
    x = torch.randn(20, 4, generator=torch.Generator().manual_seed(1))
    m = FID(num_features=4, feature_extractor=torch.nn.Identity())
    m.update((x, x))
    assert m.compute() == pytest.approx(0.0, abs=1e-9)


def test_fid_checks() -> None:
    ident = torch.nn.Identity()
    with pytest.raises(ValueError, match="num_features must be provided"):
        FID(feature_extractor=ident)
    with pytest.raises(ValueError, match="greater to zero"):
        FID(num_features=0, feature_extractor=ident)
    with pytest.raises(TypeError, match=r"torch\.nn\.Module"):
        FID(num_features=3, feature_extractor=lambda x: x)  # type: ignore[arg-type]
    m = FID(num_features=3, feature_extractor=ident)
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(ValueError, match="should be 3, got: 4"):
        m.update((torch.rand(5, 4), torch.rand(5, 4)))
    with pytest.raises(ValueError, match="dim 2"):
        m.update((torch.rand(3), torch.rand(3)))
    with pytest.raises(ValueError, match="should be equal"):
        m.update((torch.rand(5, 3), torch.rand(4, 3)))
    m.update((torch.rand(1, 3), torch.rand(1, 3)))
    with pytest.raises(NotComputableError, match="at least 2"):
        m.compute()


@pytest.mark.skipif(importlib.util.find_spec("torchvision") is not None, reason="torchvision is installed")
def test_default_extractor_without_torchvision_says_what_to_do() -> None:
    for make in (FID, InceptionScore, lambda: InceptionModel(return_features=True)):
        with pytest.raises(ModuleNotFoundError, match=r"feature_extractor=.*or install torchvision"):
            make()


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 20), cut=st.integers(0, 20), c=st.integers(2, 6))
def test_inception_score_matches_numpy(seed: int, n: int, cut: int, c: int) -> None:
    g = torch.Generator().manual_seed(seed)
    p = torch.softmax(3 * torch.randn(n, c, generator=g, dtype=torch.float64), dim=1)
    pn = p.numpy()
    marginal = pn.mean(0)
    expected = math.exp(float(np.mean(np.sum(pn * (np.log(pn) - np.log(marginal)), axis=1))))
    m = InceptionScore(num_features=c, feature_extractor=torch.nn.Identity())
    k = min(cut, n)
    for a, b in ((0, k), (k, n)):
        if b > a:
            m.update(p[a:b])
    assert m.compute() == pytest.approx(expected, rel=1e-9)


def test_inception_score_checks() -> None:
    m = InceptionScore(num_features=4, feature_extractor=torch.nn.Identity())
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(TypeError, match="tensor"):
        m.update((torch.rand(2, 4), torch.rand(2, 4)))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="should be 4"):
        m.update(torch.rand(2, 3))
    m.update(torch.full((3, 4), 0.25))
    assert m.compute() == pytest.approx(1.0)  # every sample uniform: no information
