"""Timer: measures time between engine events."""

from __future__ import annotations

import time
from typing import Any, TypeAlias

from ignite.engine import Engine, Events
from ignite.engine.events import AnyEvent, EventsList

__all__ = ["Timer"]

_Event: TypeAlias = "AnyEvent | EventsList"


class Timer:
    """Timer that starts running on creation (and on ``reset``) and accumulates time while running.

    ``value()`` is the accumulated time in seconds; with ``average=True`` it is divided by the number of
    ``step()`` calls (at least 1). Attach it to events with :meth:`attach`, for example the average
    processing time of an iteration::

        timer = Timer(average=True)
        timer.attach(trainer, start=Events.EPOCH_STARTED, resume=Events.ITERATION_STARTED,
                     pause=Events.ITERATION_COMPLETED, step=Events.ITERATION_COMPLETED)
    """

    def __init__(self, average: bool = False) -> None:
        self._average = average
        self.total = 0.0
        self.step_count = 0.0
        self.running = True
        self._t0 = time.perf_counter()

    def attach(
        self,
        engine: Engine,
        start: _Event = Events.STARTED,
        pause: _Event = Events.COMPLETED,
        resume: _Event | None = None,
        step: _Event | None = None,
    ) -> Timer:
        """Register ``reset`` on ``start``, ``pause`` on ``pause`` and, when given, ``resume`` and ``step``."""
        engine.add_event_handler(start, self.reset)
        engine.add_event_handler(pause, self.pause)
        if resume is not None:
            engine.add_event_handler(resume, self.resume)
        if step is not None:
            engine.add_event_handler(step, self.step)
        return self

    def reset(self, *args: Any) -> Timer:
        """Zero the accumulated time and the step count and start running."""
        self.total = 0.0
        self.step_count = 0.0
        self.running = True
        self._t0 = time.perf_counter()
        return self

    def pause(self, *args: Any) -> None:
        """Stop accumulating time (no-op when paused)."""
        if self.running:
            self.total += self._elapsed()
            self.running = False

    def resume(self, *args: Any) -> None:
        """Accumulate time again (no-op when running)."""
        if not self.running:
            self.running = True
            self._t0 = time.perf_counter()

    def step(self, *args: Any) -> None:
        """Count one step (the denominator of ``value()`` when ``average=True``)."""
        self.step_count += 1.0

    def value(self) -> float:
        """Accumulated seconds, including the current running stretch; averaged per step if requested."""
        total = self.total + (self._elapsed() if self.running else 0.0)
        denominator = max(self.step_count, 1.0) if self._average else 1.0
        return total / denominator

    def _elapsed(self) -> float:
        return time.perf_counter() - self._t0
