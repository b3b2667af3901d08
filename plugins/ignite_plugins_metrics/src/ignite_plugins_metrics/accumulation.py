"""VariableAccumulation and the Average/GeometricAverage built on it."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import CPU

__all__ = ["Average", "GeometricAverage", "VariableAccumulation"]


def _float_dtype(device: torch.device) -> torch.dtype:
    return torch.float32 if device.type == "mps" else torch.float64


class VariableAccumulation(Metric):
    """Accumulates ``accumulator = op(accumulator, output)`` over updates and counts the examples.

    ``update`` takes a number or a tensor. A tensor with more than one dimension counts ``shape[0]``
    examples, anything else counts one. ``accumulator`` starts as a 0-d float64 tensor on ``device``;
    tensors are moved there and cast to float64 before ``op`` sees them. ``compute`` returns ``(accumulator, num_examples)``,
    summed over processes in a distributed run.

    Args:
        op: ``op(accumulator, output) -> new accumulator``.
        output_transform, device, skip_unrolling: see :class:`~ignite.metrics.metric.Metric`.
    """

    required_output_keys = None
    _state_dict_all_req_keys = ("accumulator", "num_examples")

    def __init__(
        self,
        op: Callable[[Any, Any], Any],
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        if not callable(op):
            raise TypeError(f"VariableAccumulation: op must be a callable (accumulator, output), got {op!r}.")
        self._op = op
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self.accumulator: Any = torch.tensor(0.0, dtype=_float_dtype(self._device), device=self._device)
        self.num_examples = 0

    @reinit__is_reduced
    def update(self, output: Any) -> None:
        if isinstance(output, torch.Tensor):
            output = output.detach().to(self._device, dtype=_float_dtype(self._device))
            self.num_examples += output.shape[0] if output.ndim > 1 else 1
        elif isinstance(output, numbers.Number) and not isinstance(output, bool):
            self.num_examples += 1
        else:
            raise TypeError(
                f"{type(self).__name__}: output must be a number or a torch.Tensor, got {type(output).__name__}. "
                "Use output_transform to select the value to accumulate."
            )
        self.accumulator = self._op(self.accumulator, output)

    def compute(self) -> Any:
        self._align_across_processes()
        return self._compute()

    def _align_across_processes(self) -> None:
        """A process that saw no output holds a 0-d accumulator: give it the others' shape (zeros) so that
        the sums line up (one small collective, run by every process at each compute)."""
        import ignite.distributed as idist

        if idist.get_world_size() <= 1:
            return
        shapes = idist.all_gather((self.num_examples > 0, tuple(self.accumulator.shape)))
        shape = next((tuple(s) for seen, s in shapes if seen), None)
        if shape is not None and self.num_examples == 0 and tuple(self.accumulator.shape) != shape:
            self.accumulator = torch.zeros(
                shape, dtype=self.accumulator.dtype, device=self.accumulator.device
            )

    @sync_all_reduce("accumulator", "num_examples")
    def _compute(self) -> Any:
        return self.accumulator, self.num_examples


def _sum_examples(accumulator: torch.Tensor, output: Any) -> torch.Tensor:
    if isinstance(output, torch.Tensor) and output.ndim > 1:
        output = output.sum(dim=0)
    total: torch.Tensor = accumulator + output
    return total


def _sum_log_examples(accumulator: torch.Tensor, output: Any) -> torch.Tensor:
    value = torch.as_tensor(output, dtype=accumulator.dtype, device=accumulator.device)
    value = torch.log(value)
    if value.ndim > 1:
        value = value.sum(dim=0)
    return accumulator + value


class Average(VariableAccumulation):
    """Arithmetic mean of the outputs (numbers, or tensors averaged elementwise over their first dim).

    ``compute`` returns a float64 tensor (0-d for numbers, shaped like one example otherwise).
    """

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            op=_sum_examples, output_transform=output_transform, device=device, skip_unrolling=skip_unrolling
        )

    @sync_all_reduce("accumulator", "num_examples")
    def _compute(self) -> Any:
        if self.num_examples < 1:
            raise NotComputableError("Average must have at least one example before it can be computed.")
        return self.accumulator / self.num_examples


class GeometricAverage(VariableAccumulation):
    """Geometric mean ``exp(mean(log x))`` of the outputs, accumulated as a sum of logs in float64.

    ``compute`` returns a float for a 0-d result, else a float64 tensor. Zeros give 0, negatives NaN.
    """

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            op=_sum_log_examples,
            output_transform=output_transform,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    @sync_all_reduce("accumulator", "num_examples")
    def _compute(self) -> Any:
        if self.num_examples < 1:
            raise NotComputableError(
                "GeometricAverage must have at least one example before it can be computed."
            )
        value = torch.exp(self.accumulator / self.num_examples)
        return value.item() if value.ndim == 0 else value
