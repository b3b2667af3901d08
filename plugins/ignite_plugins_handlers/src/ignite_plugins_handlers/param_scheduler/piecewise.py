"""PiecewiseLinear: a parameter through ``(event_index, value)`` points, linear in between."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import torch

from ignite_plugins_handlers.param_scheduler.base import ParamScheduler

__all__ = ["PiecewiseLinear", "check_milestones_values", "piecewise_value"]


def check_milestones_values(milestones_values: Any) -> tuple[list[int], list[float]]:
    """Split ``[(milestone, value), ...]`` into milestones and values; errors on a malformed list."""
    if not isinstance(milestones_values, Sequence):
        raise TypeError(
            f"Argument milestones_values should be a list or tuple, but given {type(milestones_values)}"
        )
    if len(milestones_values) < 1:
        raise ValueError(
            f"Argument milestones_values should be with at least one value, but given {milestones_values}"
        )
    milestones: list[int] = []
    values: list[float] = []
    for pair in milestones_values:
        if not isinstance(pair, Sequence) or len(pair) != 2:
            raise ValueError("Argument milestones_values should be a list of pairs (milestone, param_value)")
        if not isinstance(pair[0], numbers.Integral):
            raise TypeError(f"Value of a milestone should be integer, but given {type(pair[0])}")
        if milestones and pair[0] < milestones[-1]:
            raise ValueError(
                f"Milestones should be increasing integers, but given {pair[0]} is smaller than the previous "
                f"milestone {milestones[-1]}"
            )
        milestones.append(int(pair[0]))
        values.append(pair[1])
    return milestones, values


def piecewise_value(milestones: list[int], values: list[float], index: int) -> float:
    """Value at ``index``: constant before the first and after the last milestone, linear in between."""
    if index < milestones[0]:
        return values[0]
    if index >= milestones[-1]:
        return values[-1]
    for k in range(len(milestones) - 1):
        start, end = milestones[k], milestones[k + 1]
        if start <= index < end:
            return values[k] + (values[k + 1] - values[k]) * (index - start) / (end - start)
    return values[-1]  # pragma: no cover - unreachable for sorted milestones


class PiecewiseLinear(ParamScheduler):
    """Piecewise-linear schedule through ``milestones_values = [(event_index, value), ...]``."""

    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        param_name: str,
        milestones_values: list[tuple[int, float]],
        save_history: bool = False,
        param_group_index: int | None = None,
    ) -> None:
        super().__init__(optimizer, param_name, save_history, param_group_index=param_group_index)
        self.milestones, self.values = check_milestones_values(milestones_values)
        self._index = 0
        self._state_attrs += ["values", "milestones", "_index"]

    def get_param(self) -> float:
        return piecewise_value(self.milestones, self.values, self.event_index)
