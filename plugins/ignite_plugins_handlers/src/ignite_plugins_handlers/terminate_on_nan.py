"""TerminateOnNan: stop the run when the output holds NaN or infinity."""

from __future__ import annotations

import logging
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import torch

from ignite.engine import Engine

__all__ = ["TerminateOnNan"]


def _tensors_and_numbers(value: Any) -> tuple[list[torch.Tensor], list[float]]:
    """Collect the tensors and real numbers inside nested mappings/sequences."""
    tensors: list[torch.Tensor] = []
    scalars: list[float] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, torch.Tensor):
            if item.is_floating_point() or item.is_complex():
                tensors.append(item)
        elif isinstance(item, numbers.Real) and not isinstance(item, bool):
            scalars.append(float(item))
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, Sequence) and not isinstance(item, (str, bytes)):
            stack.extend(item)
    return tensors, scalars


def has_non_finite(value: Any) -> bool:
    """True when a number or tensor inside ``value`` (possibly nested) is NaN or infinite."""
    tensors, scalars = _tensors_and_numbers(value)
    if any(not math.isfinite(x) for x in scalars):
        return True
    return any(not bool(torch.isfinite(t).all()) for t in tensors)


class TerminateOnNan:
    """Handler that calls ``engine.terminate()`` when ``output_transform(engine.state.output)`` contains
    NaN or infinity: a number, a tensor, or any of them nested in lists, tuples and dicts.

    Usage: ``trainer.add_event_handler(Events.ITERATION_COMPLETED, TerminateOnNan())``.
    """

    def __init__(self, output_transform: Callable[[Any], Any] = lambda x: x) -> None:
        if not callable(output_transform):
            raise TypeError(f"TerminateOnNan: output_transform must be callable, got {output_transform!r}.")
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self._output_transform = output_transform

    def __call__(self, engine: Engine) -> None:
        output = self._output_transform(engine.state.output)
        if has_non_finite(output):
            self.logger.warning(
                "%s: output '%s' contains NaN or Inf at iteration %s. Stop training",
                type(self).__name__,
                output,
                engine.state.iteration,
            )
            engine.terminate()
