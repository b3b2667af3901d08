"""PSNR, SSIM, Entropy, MutualInformation, KL/JS divergences, HSIC and MMD against scipy/numpy references."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from _split import feed, split_points
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage, special
from scipy import stats as sps
from scipy.spatial.distance import cdist, jensenshannon

from ignite.exceptions import NotComputableError
from ignite.metrics import (
    HSIC,
    PSNR,
    SSIM,
    Entropy,
    JSDivergence,
    KLDivergence,
    MaximumMeanDiscrepancy,
    MutualInformation,
)

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


# -- PSNR ----------------------------------------------------------------------------------------------------


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 12),
    points=split_points(12),
    data_range=st.sampled_from([1.0, 255]),
)
def test_psnr_matches_formula(seed: int, n: int, points: list[int], data_range: float) -> None:
    g = _gen(seed)
    p = torch.rand(n, 3, 4, 4, generator=g) * data_range
    y = torch.rand(n, 3, 4, 4, generator=g) * data_range
    mse = ((p.double().numpy() - y.double().numpy()) ** 2).reshape(n, -1).mean(axis=1)
    expected = np.mean(10 * np.log10(data_range**2 / (mse + 1e-10)))
    assert feed(PSNR(data_range), (p, y), [min(x, n) for x in points]) == pytest.approx(expected, rel=1e-9)


def test_psnr_checks_and_identical_images() -> None:
    with pytest.raises(TypeError, match="same data type"):
        PSNR(1.0).update((torch.rand(2, 3), torch.rand(2, 3).double()))
    with pytest.raises(ValueError, match="same shape"):
        PSNR(1.0).update((torch.rand(2, 3), torch.rand(3, 3)))
    m = PSNR(1.0)
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((torch.zeros(0, 3), torch.zeros(0, 3)))
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((torch.ones(2, 3), torch.ones(2, 3)))
    assert m.compute() == pytest.approx(100.0)  # MSE 0 -> 10 log10(1 / 1e-10)


# -- SSIM ----------------------------------------------------------------------------------------------------


def _ssim_reference(p: np.ndarray, y: np.ndarray, data_range: float, size: int, sigma: float) -> float:
    """SSIM with scipy's correlate on mirror-padded images (torch's 'reflect')."""
    half = (size - 1) / 2
    grid = np.linspace(-half, half, size)
    k1d = np.exp(-0.5 * (grid / sigma) ** 2)
    k1d /= k1d.sum()
    spatial = p.ndim - 2
    kernel = k1d
    for _ in range(spatial - 1):
        kernel = np.multiply.outer(kernel, k1d)
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    values = []
    for b in range(p.shape[0]):
        maps = []
        for c in range(p.shape[1]):
            x, t = p[b, c], y[b, c]

            def filt(a: np.ndarray) -> np.ndarray:
                return ndimage.correlate(a, kernel, mode="mirror")

            mx, mt = filt(x), filt(t)
            sxx = filt(x * x) - mx * mx
            stt = filt(t * t) - mt * mt
            sxt = filt(x * t) - mx * mt
            maps.append(((2 * mx * mt + c1) * (2 * sxt + c2)) / ((mx**2 + mt**2 + c1) * (sxx + stt + c2)))
        values.append(np.mean(maps))
    return float(np.mean(values))


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 4),
    size=st.sampled_from([3, 5, 7]),
    sigma=st.sampled_from([0.8, 1.5]),
)
def test_ssim_2d_matches_scipy_reference(seed: int, n: int, size: int, sigma: float) -> None:
    g = _gen(seed)
    p = torch.rand(n, 2, 12, 10, generator=g, dtype=torch.float64)
    y = (p + 0.2 * torch.rand(n, 2, 12, 10, generator=g, dtype=torch.float64)).clamp(0, 1)
    expected = _ssim_reference(p.numpy(), y.numpy(), 1.0, size, sigma)
    got = feed(SSIM(1.0, kernel_size=size, sigma=sigma), (p, y), [n // 2])
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_ssim_3d_matches_scipy_reference() -> None:
    g = _gen(7)
    p = torch.rand(2, 1, 8, 9, 7, generator=g, dtype=torch.float64)
    y = p * 0.8 + 0.1
    expected = _ssim_reference(p.numpy(), y.numpy(), 1.0, 5, 1.5)
    assert feed(SSIM(1.0, kernel_size=5, ndims=3), (p, y), [1]) == pytest.approx(expected, rel=1e-9)


def test_ssim_checks() -> None:
    with pytest.raises(ValueError, match="odd positive"):
        SSIM(1.0, kernel_size=4)
    with pytest.raises(ValueError, match="positive"):
        SSIM(1.0, sigma=-1.0)
    with pytest.raises(ValueError, match="ndims"):
        SSIM(1.0, ndims=4)
    with pytest.raises(ValueError, match="BxCxHxW"):
        SSIM(1.0).update((torch.rand(2, 16, 16), torch.rand(2, 16, 16)))
    with pytest.raises(TypeError, match="same data type"):
        SSIM(1.0).update((torch.rand(1, 1, 16, 16), torch.rand(1, 1, 16, 16).double()))
    with pytest.raises(NotComputableError):
        SSIM(1.0).compute()
    m = SSIM(1.0)
    m.update((torch.ones(1, 1, 16, 16), torch.ones(1, 1, 16, 16)))
    assert m.compute() == pytest.approx(1.0)


# -- Entropy, MutualInformation, KL, JS ------------------------------------------------------------------------


def _softmax(a: np.ndarray) -> np.ndarray:
    return special.softmax(np.moveaxis(a, 1, -1).reshape(-1, a.shape[1]), axis=1)


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 10),
    extra=st.sampled_from([(), (3,)]),
    points=split_points(10),
)
def test_information_metrics_match_scipy(
    seed: int, n: int, extra: tuple[int, ...], points: list[int]
) -> None:
    g = _gen(seed)
    a = torch.randn(n, 4, *extra, generator=g, dtype=torch.float64) * 2
    b = torch.randn(n, 4, *extra, generator=g, dtype=torch.float64) * 2
    pts = [min(x, n) for x in points]
    pa, pb = _softmax(a.numpy()), _softmax(b.numpy())
    ent = sps.entropy(pa, axis=1)
    assert feed(Entropy(), (a, b), pts) == pytest.approx(ent.mean(), rel=1e-9)
    mi = sps.entropy(pa.mean(axis=0)) - ent.mean()
    assert feed(MutualInformation(), (a, b), pts) == pytest.approx(mi, rel=1e-7, abs=1e-12)
    kl = special.rel_entr(pb, pa).sum(axis=1).mean()  # KL(target || prediction)
    assert feed(KLDivergence(), (a, b), pts) == pytest.approx(kl, rel=1e-9)
    js = (jensenshannon(pa, pb, axis=1) ** 2).mean()
    assert feed(JSDivergence(), (a, b), pts) == pytest.approx(js, rel=1e-7, abs=1e-12)


@pytest.mark.parametrize("cls", [Entropy, MutualInformation, KLDivergence, JSDivergence])
def test_information_metrics_edge_cases(cls: type) -> None:
    m = cls()
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((torch.zeros(0, 3), torch.zeros(0, 3)))
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(ValueError, match=r"\(B, C\)"):
        m.update((torch.rand(4), torch.rand(4)))
    m.update((torch.zeros(4, 3), torch.zeros(4, 3)))  # uniform distributions
    expected = {Entropy: math.log(3), MutualInformation: 0.0, KLDivergence: 0.0, JSDivergence: 0.0}[cls]
    assert m.compute() == pytest.approx(expected, abs=1e-12)
    m.update((torch.tensor([[float("nan"), 0.0, 0.0]]), torch.zeros(1, 3)))
    assert math.isnan(m.compute())


@pytest.mark.parametrize("cls", [KLDivergence, JSDivergence])
def test_divergence_shape_mismatch(cls: type) -> None:
    with pytest.raises(ValueError, match="same shape"):
        cls().update((torch.rand(4, 3), torch.rand(3, 3)))


# -- HSIC, MMD -----------------------------------------------------------------------------------------------


def _hsic_reference(x: np.ndarray, y: np.ndarray, sx: float, sy: float) -> float:
    n = x.shape[0]

    def gram(z: np.ndarray, s: float) -> np.ndarray:
        d2 = cdist(z, z, "sqeuclidean")
        s2 = float(np.median(d2)) if s < 0 else s * s
        k = np.exp(-d2 / (2 * s2))
        np.fill_diagonal(k, 0.0)
        return k

    k, l_ = gram(x, sx), gram(y, sy)
    one = np.ones(n)
    value = (
        np.trace(k @ l_)
        + (one @ k @ one) * (one @ l_ @ one) / ((n - 1) * (n - 2))
        - 2 / (n - 2) * (one @ k @ l_ @ one)
    ) / (n * (n - 3))
    return float(value)


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    sizes=st.lists(st.integers(1, 12), min_size=1, max_size=3),
    sigma=st.sampled_from([-1.0, 1.5]),
)
def test_hsic_is_mean_of_batch_estimates(seed: int, sizes: list[int], sigma: float) -> None:
    g = _gen(seed)
    m = HSIC(sigma_x=sigma, sigma_y=sigma)
    values = []
    for n in sizes:
        x = torch.randn(n, 3, generator=g, dtype=torch.float64)
        y = x[:, :2] + 0.5 * torch.randn(n, 2, generator=g, dtype=torch.float64)
        m.update((x, y))
        if n >= 4:
            values.append(max(_hsic_reference(x.numpy(), y.numpy(), sigma, sigma), 0.0))  # clipped per batch
    if not values:
        with pytest.raises(NotComputableError):
            m.compute()
    else:
        assert m.compute() == pytest.approx(np.mean(values), rel=1e-9, abs=1e-12)


def test_hsic_small_batch_error_and_shapes() -> None:
    with pytest.raises(ValueError, match="at least four"):
        HSIC(ignore_invalid_batch=False).update((torch.rand(3, 2), torch.rand(3, 2)))
    with pytest.raises(ValueError, match="batch size"):
        HSIC().update((torch.rand(5, 2), torch.rand(4, 2)))
    with pytest.raises(ValueError, match=r"\(B, D\)"):
        HSIC().update((torch.rand(5), torch.rand(5)))


def _mmd2_reference(x: np.ndarray, y: np.ndarray, var: float) -> float:
    n = x.shape[0]

    def k(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.exp(-cdist(a, b, "sqeuclidean") / (2 * var))

    kxx, kyy = k(x, x), k(y, y)
    within = (kxx.sum() - np.trace(kxx) + kyy.sum() - np.trace(kyy)) / (n * (n - 1))
    return float(within - 2 * k(x, y).mean())


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    sizes=st.lists(st.integers(2, 10), min_size=1, max_size=3),
    var=st.sampled_from([0.5, 1.0, 4.0]),
)
def test_mmd_matches_reference(seed: int, sizes: list[int], var: float) -> None:
    g = _gen(seed)
    m = MaximumMeanDiscrepancy(var=var)
    values = []
    for n in sizes:
        x = torch.randn(n, 3, generator=g, dtype=torch.float64)
        y = torch.randn(n, 3, generator=g, dtype=torch.float64) + 0.7
        m.update((x, y))
        values.append(_mmd2_reference(x.numpy(), y.numpy(), var))
    assert m.compute() == pytest.approx(math.sqrt(max(np.mean(values), 0.0)), rel=1e-9, abs=1e-12)


def test_mmd_edge_cases() -> None:
    m = MaximumMeanDiscrepancy()
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(ValueError, match="same shape"):
        m.update((torch.rand(4, 2), torch.rand(3, 2)))
    with pytest.raises(ValueError, match=r"\(B, \.\.\.\)"):
        m.update((torch.rand(4), torch.rand(4)))
    x = torch.rand(5, 2)
    m.update((x, x))
    assert m.compute() == 0.0  # identical samples: negative estimate clipped
