"""Cyclical schedules: CyclicalScheduler (abstract), LinearCyclicalScheduler, CosineAnnealingScheduler."""

from __future__ import annotations

import math
from abc import abstractmethod
from typing import Any

import torch

from ignite.engine import Engine
from ignite_plugins_handlers.param_scheduler.base import ParamScheduler

__all__ = ["CosineAnnealingScheduler", "CyclicalScheduler", "LinearCyclicalScheduler"]


class CyclicalScheduler(ParamScheduler):
    """Repeats a schedule from ``start_value`` to ``end_value`` over ``cycle_size`` events.

    After each cycle the cycle length is multiplied by ``cycle_mult``, the start and end values by
    ``start_value_mult`` and ``end_value_mult``. ``warmup_duration`` events after each cycle go linearly from
    the end value back to the (new) start value.
    """

    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        param_name: str,
        start_value: float,
        end_value: float,
        cycle_size: int,
        cycle_mult: float = 1.0,
        start_value_mult: float = 1.0,
        end_value_mult: float = 1.0,
        warmup_duration: int = 0,
        save_history: bool = False,
        param_group_index: int | None = None,
    ) -> None:
        super().__init__(
            optimizer, param_name, save_history=save_history, param_group_index=param_group_index
        )
        self.start_value = start_value
        self.end_value = end_value
        self.cycle_size = int(cycle_size)
        self.cycle_mult = cycle_mult
        self.cycle = 0
        self.start_value_mult = start_value_mult
        self.end_value_mult = end_value_mult
        self.warmup_duration = warmup_duration
        self.total_cycle_size = self.warmup_duration + self.cycle_size
        if self.cycle_size < 2:
            raise ValueError(
                f"Argument cycle_size should be positive and larger than 1, but given {cycle_size}"
            )
        self._state_attrs += [
            "start_value",
            "end_value",
            "cycle_size",
            "cycle_mult",
            "cycle",
            "start_value_mult",
            "end_value_mult",
            "warmup_duration",
            "total_cycle_size",
        ]

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        if self.event_index != 0 and self.event_index == self.cycle_size:
            self.start_value *= self.start_value_mult
        if self.event_index != 0 and self.event_index == self.total_cycle_size:
            self.event_index = 0
            self.cycle_size = int(self.cycle_size * self.cycle_mult)
            self.warmup_duration = int(self.warmup_duration * self.cycle_mult)
            self.total_cycle_size = self.warmup_duration + self.cycle_size
            self.cycle += 1
            self.end_value *= self.end_value_mult
        super().__call__(engine, name)

    def get_param(self) -> float:
        if self.event_index >= self.cycle_size and self.warmup_duration > 0:
            done = (self.event_index - self.cycle_size) / self.warmup_duration
            return float(self.end_value + (self.start_value - self.end_value) * done)
        return self._cycle_value(self.event_index / self.cycle_size)

    @abstractmethod
    def _cycle_value(self, progress: float) -> float:
        """Value at ``progress`` (0 at the cycle start, 1 at its end)."""


class LinearCyclicalScheduler(CyclicalScheduler):
    """Triangle wave ``start -> end -> start`` per cycle; with ``monotonic=True`` a ramp ``start -> end``
    (``warmup_duration`` needs ``monotonic=True``)."""

    def __init__(self, *args: Any, monotonic: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.monotonic = monotonic
        if self.warmup_duration > 0 and not self.monotonic:
            raise ValueError(
                "Invalid combination when warmup_duration > 0 and monotonic=False, please use either set "
                "warmup_duration=0 or monotonic=True"
            )

    def _cycle_value(self, progress: float) -> float:
        if self.monotonic:
            return float(self.start_value + (self.end_value - self.start_value) * progress)
        return float(self.end_value + (self.start_value - self.end_value) * abs(progress - 0.5) * 2)


class CosineAnnealingScheduler(CyclicalScheduler):
    """Half cosine from ``start_value`` to ``end_value`` per cycle (SGDR with ``cycle_mult``)."""

    def _cycle_value(self, progress: float) -> float:
        return float(
            self.start_value + ((self.end_value - self.start_value) / 2) * (1 - math.cos(math.pi * progress))
        )
