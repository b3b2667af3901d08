"""TimeLimit terminating real trainers."""

from __future__ import annotations

import time

import pytest

from ignite.engine import Engine, Events
from ignite_plugins_handlers.time_limit import TimeLimit


def test_tiny_limit_terminates_after_the_first_iteration() -> None:
    trainer = Engine(lambda engine, batch: time.sleep(0.001))  # each iteration outlasts the limit
    trainer.add_event_handler(Events.ITERATION_COMPLETED, TimeLimit(limit_sec=1e-6))
    trainer.run(range(10), max_epochs=3)
    assert trainer.state.iteration == 1


def test_generous_limit_lets_the_run_finish() -> None:
    trainer = Engine(lambda engine, batch: None)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, TimeLimit())
    trainer.run(range(10), max_epochs=3)
    assert trainer.state.iteration == 30


@pytest.mark.parametrize(
    ("limit", "error"), [(0, ValueError), (-5, ValueError), ("60", TypeError), (True, TypeError)]
)
def test_invalid_limits(limit: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="limit_sec"):
        TimeLimit(limit_sec=limit)  # type: ignore[arg-type]
