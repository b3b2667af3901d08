"""SSIM: structural similarity of 2-D (``B x C x H x W``) or 3-D (``B x C x D x H x W``) images."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch
import torch.nn.functional as F

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.psnr import check_same_type_and_shape
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["SSIM"]


def _per_dim(value: Any, ndims: int, name: str, kind: type) -> list[Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value] * ndims
    if isinstance(value, Sequence) and len(value) == ndims:
        return list(value)
    raise ValueError(f"Argument {name} should be {kind.__name__} or a sequence of {ndims} {kind.__name__}.")


def _kernel_1d(size: int, sigma: float, gaussian: bool) -> torch.Tensor:
    half = (size - 1) * 0.5
    grid = torch.linspace(-half, half, steps=size, dtype=torch.float64)
    if not gaussian:
        # pytorch-ignite 0.5's uniform kernel: weight 1/5 on the taps within [-2.5, 2.5], 0 elsewhere
        return torch.where(grid.abs() <= 2.5, 0.2, 0.0).to(torch.float64)
    gauss = torch.exp(-0.5 * (grid / sigma) ** 2)
    return gauss / gauss.sum()


class SSIM(Metric):
    """Mean structural similarity index over samples.

    Each image is reflect-padded by half the kernel, filtered with a Gaussian (or uniform) kernel per
    channel, and the SSIM map is averaged over channels and pixels. ``ndims=3`` takes volumes.

    Args:
        data_range: range of the images (difference between the max and min possible values).
        kernel_size: odd size(s) of the kernel, an int or one per spatial dimension.
        sigma: standard deviation(s) of the Gaussian kernel.
        k1, k2: the SSIM stabilising constants.
        gaussian: Gaussian kernel when True; otherwise 0.5's uniform kernel (weight 1/5 on the taps within 2.5 of
            the centre, 0 beyond).
        ndims: 2 for images, 3 for volumes.
    """

    _state_dict_all_req_keys = ("_sum_of_ssim", "_num_examples")

    def __init__(
        self,
        data_range: int | float,
        kernel_size: int | Sequence[int] = 11,
        sigma: float | Sequence[float] = 1.5,
        k1: float = 0.01,
        k2: float = 0.03,
        gaussian: bool = True,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
        ndims: int = 2,
    ) -> None:
        if ndims not in (2, 3):
            raise ValueError(f"Expected ndims to be 2 or 3. Got {ndims}.")
        sizes = _per_dim(kernel_size, ndims, "kernel_size", int)
        sigmas = _per_dim(sigma, ndims, "sigma", float)
        if any(not isinstance(s, int) or s % 2 == 0 or s <= 0 for s in sizes):
            raise ValueError(f"Expected kernel_size to have odd positive number. Got {kernel_size}.")
        if any(s <= 0 for s in sigmas):
            raise ValueError(f"Expected sigma to have positive number. Got {sigma}.")
        self.gaussian = gaussian
        self.data_range = data_range
        self.kernel_size = sizes
        self.sigma = sigmas
        self.c1 = (k1 * data_range) ** 2
        self.c2 = (k2 * data_range) ** 2
        self.pad = [(s - 1) // 2 for s in sizes]
        self.ndims = ndims
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)
        kernel = _kernel_1d(sizes[0], sigmas[0], gaussian)
        for size, sig in zip(sizes[1:], sigmas[1:], strict=True):
            kernel = torch.tensordot(kernel, _kernel_1d(size, sig, gaussian), dims=0)
        self._kernel_nd = kernel

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_ssim = torch.tensor(0.0, dtype=accumulator_dtype(self._device), device=self._device)
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, "SSIM")
        check_same_type_and_shape(y_pred, y)
        if y_pred.ndim != self.ndims + 2:
            layout = "BxCxHxW" if self.ndims == 2 else "BxCxDxHxW"
            raise ValueError(f"Expected y_pred and y to have {layout} shape. Got y_pred: {y_pred.shape}.")
        if y.shape[0] == 0:
            return
        channels = y_pred.shape[1]
        dtype = y_pred.dtype if y_pred.is_floating_point() else torch.float32
        kernel = self._kernel_nd.to(device=y_pred.device, dtype=dtype)
        kernel = kernel.expand(channels, 1, *kernel.shape)
        padding: list[int] = []
        for p in reversed(self.pad):
            padding += [p, p]
        mode = "reflect"
        y_pred = F.pad(y_pred.to(dtype), padding, mode=mode)
        y = F.pad(y.to(dtype), padding, mode=mode)
        stacked = torch.cat([y_pred, y, y_pred * y_pred, y * y, y_pred * y])
        conv = F.conv2d if self.ndims == 2 else F.conv3d
        filtered = conv(stacked, kernel, groups=channels)
        b = y.shape[0]
        mu_p, mu_y, e_pp, e_yy, e_py = (filtered[i * b : (i + 1) * b] for i in range(5))
        mu_p2, mu_y2, mu_py = mu_p * mu_p, mu_y * mu_y, mu_p * mu_y
        sigma_p = e_pp - mu_p2
        sigma_y = e_yy - mu_y2
        sigma_py = e_py - mu_py
        numerator = (2 * mu_py + self.c1) * (2 * sigma_py + self.c2)
        denominator = (mu_p2 + mu_y2 + self.c1) * (sigma_p + sigma_y + self.c2)
        ssim = numerator / denominator
        per_sample = ssim.flatten(1).mean(dim=1, dtype=torch.float64)
        self._sum_of_ssim += per_sample.sum().to(self._device, self._sum_of_ssim.dtype)
        self._num_examples += b

    @sync_all_reduce("_sum_of_ssim", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError("SSIM must have at least one example before it can be computed.")
        return self._sum_of_ssim.item() / self._num_examples
