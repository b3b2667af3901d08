"""Fbeta: the F-beta score composed from Precision and Recall."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ignite.metrics.metrics_lambda import MetricsLambda
from ignite_plugins_metrics._classification import CPU
from ignite_plugins_metrics.precision import Precision
from ignite_plugins_metrics.recall import Recall

__all__ = ["Fbeta"]

_EPS = 1e-15


class _FbetaFn:
    """Picklable ``(1 + beta^2) p r / (beta^2 p + r)``, averaged over classes to a float when ``average``."""

    def __init__(self, beta: float, average: bool) -> None:
        self.beta2 = beta * beta
        self.average = average

    def __call__(self, precision: torch.Tensor, recall: torch.Tensor) -> Any:
        value = (1.0 + self.beta2) * precision * recall / (self.beta2 * precision + recall + _EPS)
        return value.mean().item() if self.average else value


def Fbeta(
    beta: float,
    average: bool = True,
    precision: Precision | None = None,
    recall: Recall | None = None,
    output_transform: Callable[[Any], Any] | None = None,
    device: str | torch.device | None = None,
) -> MetricsLambda:
    """F-beta score ``(1 + beta^2) P R / (beta^2 P + R)`` per class, as a :class:`MetricsLambda`.

    With ``average=True`` the per-class scores are averaged into a Python float (macro F-beta); with
    ``average=False`` the per-class tensor is returned (a 0-d tensor for binary data). Pass existing
    ``precision``/``recall`` metrics (created with ``average=False``) to share their state; then
    ``output_transform`` and ``device`` must be None (``device`` None otherwise means the CPU). Inputs are those of :class:`~ignite_plugins_metrics.precision.Precision`.
    """
    if not isinstance(beta, (int, float)) or isinstance(beta, bool) or beta <= 0:
        raise ValueError(f"Fbeta: beta must be a positive number, got {beta!r}.")
    if output_transform is not None and (precision is not None or recall is not None):
        raise ValueError(
            "Fbeta: output_transform must be None when precision or recall metrics are given "
            "(they apply their own output_transform)."
        )
    for given, label in ((precision, "precision"), (recall, "recall")):
        if given is not None and device is not None:
            raise ValueError(
                f"Fbeta: device must be None when a {label} metric is given (its state stays on its own "
                f"device, {given._device}); create the {label} metric on the device you want instead."
            )
    if device is None:
        device = CPU
    transform = output_transform if output_transform is not None else (lambda x: x)
    if precision is None:
        precision = Precision(output_transform=transform, average=False, device=device)
    elif precision._average is not False:
        raise ValueError(f"Fbeta: the precision metric must have average=False, got {precision._average!r}.")
    if recall is None:
        recall = Recall(output_transform=transform, average=False, device=device)
    elif recall._average is not False:
        raise ValueError(f"Fbeta: the recall metric must have average=False, got {recall._average!r}.")
    return MetricsLambda(_FbetaFn(float(beta), bool(average)), precision, recall)
