"""EpochMetric: keeps every prediction and target of the epoch and applies a function to all of them."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, _identity, reinit__is_reduced

__all__ = ["EpochMetric", "EpochMetricWarning"]


class EpochMetricWarning(UserWarning):
    """Warned when ``compute_fn`` fails on the first batch (see ``check_compute_fn``)."""


class EpochMetric(Metric):
    """Metric computed by ``compute_fn(predictions, targets)`` over the whole epoch's data.

    Predictions and targets should be of shape ``(batch_size, n_targets)`` or ``(batch_size,)``; a
    trailing dimension of size 1 is squeezed. As in pytorch-ignite, their batch sizes are not compared:
    ``compute_fn`` sees them as given. All of them are stored (on ``device``), so memory grows
    with the epoch. In a distributed run the data of all processes is gathered, ``compute_fn`` runs on
    rank 0 only and its result is broadcast to the other ranks.

    Args:
        compute_fn: callable taking the concatenated predictions and targets, returning the value.
        output_transform: see :class:`~ignite.metrics.metric.Metric`.
        check_compute_fn: run ``compute_fn`` on the first batch and warn (``EpochMetricWarning``) if it fails.
        device: where predictions and targets are stored.
        skip_unrolling: see :class:`~ignite.metrics.metric.Metric`.
    """

    _state_dict_all_req_keys = ("_predictions", "_targets")

    def __init__(
        self,
        compute_fn: Callable[[torch.Tensor, torch.Tensor], Any],
        output_transform: Callable[[Any], Any] = _identity,
        check_compute_fn: bool = True,
        device: str | torch.device = "cpu",
        skip_unrolling: bool = False,
    ) -> None:
        if not callable(compute_fn):
            raise TypeError(
                f"compute_fn should be a callable taking (predictions, targets), got {compute_fn!r}"
            )
        self.compute_fn = compute_fn
        self._check_compute_fn = bool(check_compute_fn)
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        """Forget all stored predictions and targets."""
        self._predictions: list[torch.Tensor] = []
        self._targets: list[torch.Tensor] = []
        self._result: Any = None

    @staticmethod
    def _check_shape(y_pred: torch.Tensor, y: torch.Tensor) -> None:
        if y_pred.ndim not in (1, 2):
            raise ValueError(
                f"Predictions should be of shape (batch_size, n_targets) or (batch_size,), got {tuple(y_pred.shape)}"
            )
        if y.ndim not in (1, 2):
            raise ValueError(
                f"Targets should be of shape (batch_size, n_targets) or (batch_size,), got {tuple(y.shape)}"
            )

    def _check_type(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        if self._predictions and self._predictions[-1].dtype != y_pred.dtype:
            raise ValueError(
                f"Incoherent types between input y_pred and stored predictions: "
                f"{self._predictions[-1].dtype} vs {y_pred.dtype}"
            )
        if self._targets and self._targets[-1].dtype != y.dtype:
            raise ValueError(
                f"Incoherent types between input y and stored targets: {self._targets[-1].dtype} vs {y.dtype}"
            )

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        """Store one batch ``(y_pred, y)``."""
        if not isinstance(output, Sequence) or len(output) < 2:
            raise TypeError(f"EpochMetric.update expects (y_pred, y), got {type(output).__name__}")
        y_pred, y = output[0], output[1]
        if not isinstance(y_pred, torch.Tensor) or not isinstance(y, torch.Tensor):
            raise TypeError(
                f"EpochMetric.update expects tensors (y_pred, y), got ({type(y_pred).__name__}, {type(y).__name__})"
            )
        y_pred, y = y_pred.detach(), y.detach()
        self._check_shape(y_pred, y)
        if y_pred.ndim == 2 and y_pred.shape[1] == 1:
            y_pred = y_pred.squeeze(dim=-1)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.squeeze(dim=-1)
        self._check_type(y_pred, y)
        self._predictions.append(y_pred.clone().to(self._device))
        self._targets.append(y.clone().to(self._device))
        self._result = None

        if len(self._predictions) == 1 and self._check_compute_fn:
            try:
                self.compute_fn(self._predictions[0], self._targets[0])
            except Exception as exc:
                warnings.warn(
                    f"compute_fn failed on the first batch, so it will probably fail at compute(): {exc!r}",
                    EpochMetricWarning,
                    stacklevel=2,
                )

    def compute(self) -> Any:
        """Apply ``compute_fn`` to all stored data (gathered across processes; computed on rank 0)."""
        if not self._predictions or not self._targets:
            raise NotComputableError("EpochMetric must have at least one example before it can be computed.")
        if self._result is None:
            import ignite.distributed as idist

            predictions = torch.cat(self._predictions, dim=0)
            targets = torch.cat(self._targets, dim=0)
            world_size = idist.get_world_size()
            if world_size > 1:
                predictions = idist.all_gather(predictions)
                targets = idist.all_gather(targets)
            result: Any = None
            if idist.get_rank() == 0:
                result = self.compute_fn(predictions, targets)
            if world_size > 1:
                result = idist.broadcast(result, src=0, safe_mode=True)
            self._result = result
        return self._result
