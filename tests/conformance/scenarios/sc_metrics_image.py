"""Conformance: PSNR, SSIM, Entropy, MutualInformation, KL/JS divergence, HSIC, MaximumMeanDiscrepancy."""

import torch

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


def _run(metric, *batches):
    try:
        for batch in batches:
            metric.update(batch)
        value = metric.compute()
        return f"{type(value).__name__} {float(value):.5g}"
    except Exception as e:
        return type(e).__name__


def _images(seed=3):
    g = torch.Generator().manual_seed(seed)
    p = torch.rand(3, 2, 16, 16, generator=g)
    y = (p + 0.1 * torch.rand(3, 2, 16, 16, generator=g)).clamp(0, 1)
    return p, y


def scenario_psnr():
    p, y = _images()
    print(_run(PSNR(1.0), (p, y)), _run(PSNR(1.0), (p[:1], y[:1]), (p[1:], y[1:])), _run(PSNR(1.0), (p, p)))
    print(
        _run(PSNR(255), (p * 255, y * 255)),
        _run(PSNR(1.0)),
        _run(PSNR(1.0), (p, y.double())),
        _run(PSNR(1.0), (p, y[:2])),
    )


def scenario_ssim_2d_3d_and_options():
    p, y = _images()
    print(_run(SSIM(1.0), (p, y)), _run(SSIM(1.0), (p[:1], y[:1]), (p[1:], y[1:])))
    print(_run(SSIM(1.0, gaussian=False, kernel_size=7), (p, y)))
    print(_run(SSIM(1.0, kernel_size=[5, 7], sigma=[1.0, 2.0]), (p, y)))
    print(_run(SSIM(2.0, k1=0.05, k2=0.1), (p, y)), _run(SSIM(1.0), (p.double(), y.double())))
    g = torch.Generator().manual_seed(4)
    v = torch.rand(2, 1, 12, 12, 12, generator=g)
    print(_run(SSIM(1.0, ndims=3, kernel_size=5), (v, v * 0.8 + 0.1)))
    print(_run(SSIM(1.0)), _run(SSIM(1.0), (p, y.double())), _run(SSIM(1.0), (p[0], y[0])))
    for kwargs in ({"kernel_size": 4}, {"sigma": -1.0}, {"ndims": 4}):
        try:
            SSIM(1.0, **kwargs)
        except Exception as e:
            print(type(e).__name__)


def scenario_information_metrics():
    g = torch.Generator().manual_seed(5)
    a, b = torch.randn(8, 5, generator=g), torch.randn(8, 5, generator=g)
    a3 = torch.randn(4, 5, 3, generator=g)
    for cls in (Entropy, MutualInformation, KLDivergence, JSDivergence):
        print(
            cls.__name__,
            _run(cls(), (a, b)),
            _run(cls(), (a[:3], b[:3]), (a[3:], b[3:])),
            _run(cls(), (a3, a3 * 2)),
            _run(cls(), (a[0], b[0])),
            _run(cls()),
            _run(cls(), (torch.zeros(4, 3), torch.zeros(4, 3))),
        )
    print(_run(KLDivergence(), (a, b[:3])), _run(JSDivergence(), (a, b[:3])))


def scenario_hsic_and_mmd():
    g = torch.Generator().manual_seed(6)
    x = torch.randn(12, 3, generator=g)
    y = x[:, :2] * 2 + 0.1 * torch.randn(12, 2, generator=g)
    a, b = torch.randn(8, 5, generator=g), torch.randn(8, 5, generator=g)
    print(
        _run(HSIC(), (x, y)),
        _run(HSIC(), (x[:6], y[:6]), (x[6:], y[6:])),
        _run(HSIC(sigma_x=1.0, sigma_y=0.5), (x, y)),
    )
    print(
        _run(HSIC(), (a, b)),
        _run(HSIC(), (x[:3], y[:3])),
        _run(HSIC(ignore_invalid_batch=False), (x[:3], y[:3])),
    )
    print(_run(HSIC(), (x[:4], y[:4])), _run(HSIC()))
    print(
        _run(MaximumMeanDiscrepancy(), (a, b)), _run(MaximumMeanDiscrepancy(), (a[:3], b[:3]), (a[3:], b[3:]))
    )
    print(_run(MaximumMeanDiscrepancy(var=0.5), (a, a + 0.3)), _run(MaximumMeanDiscrepancy(), (a, a)))
    print(
        _run(MaximumMeanDiscrepancy()),
        _run(MaximumMeanDiscrepancy(), (a, b[:3])),
        _run(MaximumMeanDiscrepancy(), (a[0], b[0])),
    )
