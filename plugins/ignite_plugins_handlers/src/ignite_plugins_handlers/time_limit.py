"""TimeLimit: stop the run once a wall-clock budget is spent."""

from __future__ import annotations

import logging
import time

from ignite.engine import Engine

__all__ = ["TimeLimit"]


class TimeLimit:
    """Handler that calls ``engine.terminate()`` once ``limit_sec`` seconds have passed since its creation.

    Usage: ``trainer.add_event_handler(Events.ITERATION_COMPLETED, TimeLimit(limit_sec=3600))``.
    """

    def __init__(self, limit_sec: float = 28800) -> None:
        if isinstance(limit_sec, bool) or not isinstance(limit_sec, (int, float)):
            raise TypeError(
                f"TimeLimit: limit_sec must be a number of seconds, got {type(limit_sec).__name__}."
            )
        if not limit_sec > 0:
            raise ValueError(f"TimeLimit: limit_sec must be positive, got {limit_sec}.")
        self.limit_sec = limit_sec
        self.start_time = time.perf_counter()
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")

    def __call__(self, engine: Engine) -> None:
        elapsed = time.perf_counter() - self.start_time
        if elapsed > self.limit_sec:
            self.logger.info("Reached the time limit of %s sec. Stop training", self.limit_sec)
            engine.terminate()
