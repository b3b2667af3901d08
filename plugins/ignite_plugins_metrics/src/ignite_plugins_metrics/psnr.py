"""PSNR: peak signal-to-noise ratio, averaged over samples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU, accumulator_dtype
from ignite_plugins_metrics.regression._base import _unpack

__all__ = ["PSNR"]


def check_same_type_and_shape(y_pred: torch.Tensor, y: torch.Tensor) -> None:
    """The dtype and shape checks PSNR and SSIM share (TypeError / ValueError as in 0.5)."""
    if y_pred.dtype != y.dtype:
        raise TypeError(
            f"Expected y_pred and y to have the same data type. Got y_pred: {y_pred.dtype} and y: {y.dtype}."
        )
    if y_pred.shape != y.shape:
        raise ValueError(
            f"Expected y_pred and y to have the same shape. Got y_pred: {y_pred.shape} and y: {y.shape}."
        )


class PSNR(Metric):
    """Mean over samples of ``10 * log10(data_range^2 / (MSE + 1e-10))``, the MSE taken per sample.

    ``y_pred`` and ``y`` have the same dtype and shape ``(B, ...)``; ``data_range`` is the range of the
    data (e.g. 1.0 for images in [0, 1], 255 for uint8 images).
    """

    _state_dict_all_req_keys = ("_sum_of_batchwise_psnr", "_num_examples")

    def __init__(
        self,
        data_range: int | float,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self.data_range = data_range
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_batchwise_psnr = torch.tensor(
            0.0, dtype=accumulator_dtype(self._device), device=self._device
        )
        self._num_examples = 0

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = _unpack(output, "PSNR")
        check_same_type_and_shape(y_pred, y)
        if y.shape[0] == 0:
            return
        dtype = self._sum_of_batchwise_psnr.dtype
        diff = y_pred.to(dtype) - y.to(dtype)
        dims = tuple(range(1, y.ndim))
        mse = (diff * diff).mean(dim=dims) if dims else diff * diff
        psnr = 10.0 * torch.log10(float(self.data_range) ** 2 / (mse + 1e-10))
        self._sum_of_batchwise_psnr += psnr.sum().to(self._device)
        self._num_examples += y.shape[0]

    @sync_all_reduce("_sum_of_batchwise_psnr", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError("PSNR must have at least one example before it can be computed.")
        return self._sum_of_batchwise_psnr.item() / self._num_examples
