"""Loss: the average of a loss function over all seen examples."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce

__all__ = ["Loss"]

_CPU = torch.device("cpu")
_NO_KWARGS: Mapping[str, Any] = MappingProxyType({})


def _accumulator_dtype(device: torch.device) -> torch.dtype:
    return torch.float32 if device.type == "mps" else torch.float64


class Loss(Metric):
    """Average of ``loss_fn(y_pred, y, **kwargs)`` weighted by ``batch_size(y)``.

    ``update`` takes ``(y_pred, y)`` or ``(y_pred, y, kwargs)`` where ``kwargs`` is a dict of extra
    keyword arguments for ``loss_fn``; ``loss_fn`` must return the batch's average loss (a 0-d tensor).
    ``batch_size`` maps ``y`` to its number of examples (default ``len``).
    """

    required_output_keys = ("y_pred", "y", "criterion_kwargs")
    # the keys of pytorch-ignite 0.5 (the host-side sum is folded into _sum first)
    _state_dict_all_req_keys = ("_sum", "_num_examples")

    def __init__(
        self,
        loss_fn: Callable[..., torch.Tensor],
        output_transform: Callable[[Any], Any] = lambda x: x,
        batch_size: Callable[[Any], int] = len,
        device: str | torch.device = _CPU,
        skip_unrolling: bool = False,
    ) -> None:
        if not callable(loss_fn):
            raise TypeError(
                f"Loss: loss_fn must be callable (e.g. torch.nn.CrossEntropyLoss()), got {loss_fn!r}."
            )
        if not callable(batch_size):
            raise TypeError(f"Loss: batch_size must be a callable mapping y to an int, got {batch_size!r}.")
        self._loss_fn = loss_fn
        self._batch_size = batch_size
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._on_cpu = self._device.type == "cpu"
        self._sum = torch.tensor(0.0, dtype=_accumulator_dtype(self._device), device=self._device)
        self._host_sum = 0.0  # losses computed on the CPU for a CPU metric: a Python float is cheaper
        self._num_examples = 0

    def update(self, output: Sequence[Any]) -> None:
        self._is_reduced = False  # the effect of @reinit__is_reduced, inlined on this per-batch path
        kwargs: Mapping[str, Any] = _NO_KWARGS
        if type(output) is tuple and len(output) == 2:  # the usual case first
            y_pred, y = output
        else:
            if not isinstance(output, Sequence) or len(output) not in (2, 3):
                raise ValueError(
                    "Loss.update expects output of the form (y_pred, y) or (y_pred, y, kwargs), got "
                    f"{type(output).__name__}. Use output_transform to build it from the engine's output."
                )
            y_pred, y = output[0], output[1]
            if len(output) == 3:
                kwargs = output[2] if output[2] is not None else _NO_KWARGS
                if not isinstance(kwargs, Mapping):
                    raise TypeError(
                        f"Loss: the third element of the output must be a dict of loss_fn kwargs, got "
                        f"{type(kwargs).__name__}."
                    )
        n = y.shape[0] if self._batch_size is len and isinstance(y, torch.Tensor) else self._batch_size(y)
        if n == 0:
            return  # an empty batch adds nothing (its mean loss would be NaN)
        average_loss = self._loss_fn(y_pred, y, **kwargs) if kwargs else self._loss_fn(y_pred, y)
        if not isinstance(average_loss, torch.Tensor) or average_loss.ndim != 0:
            shape = (
                tuple(average_loss.shape) if isinstance(average_loss, torch.Tensor) else type(average_loss)
            )
            raise ValueError(
                f"Loss: loss_fn did not return the average loss (a 0-d tensor), got {shape}. "
                "Use a reduction such as reduction='mean'."
            )
        if self._on_cpu and average_loss.is_cpu:
            self._host_sum += average_loss.item() * n  # no device sync: the value is on the host already
        else:
            self._sum += average_loss.detach().to(self._device) * n
        self._num_examples += n

    def _state(self) -> OrderedDict[str, Any]:
        if self._host_sum:
            self._sum = self._sum + self._host_sum
            self._host_sum = 0.0
        return super()._state()

    def _load_state(self, state: Mapping[str, Any]) -> None:
        self._host_sum = 0.0
        super()._load_state(state)

    @sync_all_reduce("_sum", "_host_sum", "_num_examples")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError("Loss must have at least one example before it can be computed.")
        return (self._sum.item() + self._host_sum) / self._num_examples
