"""Timer on real engines and by hand. Durations are only checked for positivity and ordering."""

from __future__ import annotations

import time

import pytest

from ignite.engine import Engine, Events
from ignite_plugins_handlers.timing import Timer


def _sleepy_trainer() -> Engine:
    return Engine(lambda engine, batch: time.sleep(0.001))


def test_measures_a_whole_run_and_stays_paused_afterwards() -> None:
    trainer = _sleepy_trainer()
    timer = Timer().attach(trainer)
    trainer.run(range(3), max_epochs=2)
    assert not timer.running
    measured = timer.value()
    assert measured > 0
    time.sleep(0.002)
    assert timer.value() == measured


def test_average_per_iteration() -> None:
    trainer = _sleepy_trainer()
    timer = Timer(average=True)
    timer.attach(
        trainer,
        start=Events.EPOCH_STARTED,
        resume=Events.ITERATION_STARTED,
        pause=Events.ITERATION_COMPLETED,
        step=Events.ITERATION_COMPLETED,
    )
    trainer.run(range(4), max_epochs=2)
    # restarted at the second epoch: 4 steps of that epoch
    assert timer.step_count == 4
    assert timer.value() > 0
    assert timer.value() == pytest.approx(timer.total / 4)


def test_attach_registers_the_requested_events() -> None:
    engine = Engine(lambda e, b: None)
    timer = Timer()
    assert timer.attach(engine, resume=Events.EPOCH_STARTED, step=Events.EPOCH_COMPLETED) is timer
    assert engine.has_event_handler(timer.reset, Events.STARTED)
    assert engine.has_event_handler(timer.pause, Events.COMPLETED)
    assert engine.has_event_handler(timer.resume, Events.EPOCH_STARTED)
    assert engine.has_event_handler(timer.step, Events.EPOCH_COMPLETED)
    other = Timer().attach(Engine(lambda e, b: None))
    assert not engine.has_event_handler(other.resume)


def test_pause_resume_and_reset_by_hand() -> None:
    timer = Timer()
    assert timer.running
    time.sleep(0.001)
    timer.pause()
    first = timer.value()
    assert first > 0
    time.sleep(0.002)
    assert timer.value() == first  # paused: nothing accumulates
    timer.pause()  # pausing twice is a no-op
    assert timer.value() == first
    timer.resume()
    time.sleep(0.001)
    assert timer.value() > first
    timer.resume()  # resuming while running is a no-op
    timer.step()
    timer.step()
    assert timer.step_count == 2
    assert timer.reset() is timer
    assert (timer.total, timer.step_count, timer.running) == (0.0, 0.0, True)


def test_average_without_steps_divides_by_one() -> None:
    timer = Timer(average=True)
    time.sleep(0.001)
    timer.pause()
    assert timer.value() == timer.total > 0


def test_attach_accepts_event_lists_and_filtered_events() -> None:
    trainer = Engine(lambda e, b: None)
    timer = Timer(average=True).attach(
        trainer,
        pause=Events.EPOCH_COMPLETED | Events.COMPLETED,
        resume=Events.EPOCH_STARTED,
        step=Events.EPOCH_COMPLETED(every=2),
    )
    trainer.run(range(3), max_epochs=4)
    assert timer.step_count == 2
    assert not timer.running
