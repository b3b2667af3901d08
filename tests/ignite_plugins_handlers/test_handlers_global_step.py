"""global_step_from_engine reading a trainer's counters from an evaluator's handler."""

from __future__ import annotations

import pytest

from ignite.engine import Engine, EventEnum, Events
from ignite_plugins_handlers.utils import global_step_from_engine


class CustomEvents(EventEnum):
    UNREGISTERED = "unregistered_event"


def test_reads_the_other_engines_counter_for_the_event() -> None:
    record: list[tuple[int, ...]] = []
    trainer = Engine(lambda engine, batch: None)
    transform = global_step_from_engine(trainer)
    evaluator = Engine(lambda engine, batch: None)
    evaluator.add_event_handler(
        Events.COMPLETED,
        lambda e: record.append(
            (transform(e, Events.EPOCH_COMPLETED), transform(e, Events.ITERATION_COMPLETED), e.state.epoch)
        ),
    )
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0, 1]))
    trainer.run(range(3), max_epochs=2)
    assert record == [(1, 3, 1), (2, 6, 1)]


def test_custom_event_name_overrides_the_event() -> None:
    trainer = Engine(lambda engine, batch: None)
    transform = global_step_from_engine(trainer, custom_event_name=Events.ITERATION_COMPLETED)
    trainer.run(range(5), max_epochs=2)
    assert transform(None, Events.EPOCH_COMPLETED) == 10


def test_unregistered_event_falls_back_to_a_state_attribute() -> None:
    trainer = Engine(lambda engine, batch: None)
    trainer.run(range(5), max_epochs=2)
    assert global_step_from_engine(trainer)(None, CustomEvents.UNREGISTERED) == 2
    assert global_step_from_engine(trainer, fallback_attr="iteration")(None, CustomEvents.UNREGISTERED) == 10
    missing = global_step_from_engine(trainer, fallback_attr="no_such_attr")
    with pytest.raises(AttributeError, match="no_such_attr"):
        missing(None, CustomEvents.UNREGISTERED)


def test_registered_custom_event_uses_its_attribute() -> None:
    trainer = Engine(lambda engine, batch: None)
    trainer.register_events(*CustomEvents, event_to_attr={CustomEvents.UNREGISTERED: "custom_count"})
    trainer.state.custom_count = 7
    assert global_step_from_engine(trainer)(None, CustomEvents.UNREGISTERED) == 7


def test_invalid_fallback_attr() -> None:
    with pytest.raises(TypeError, match="fallback_attr"):
        global_step_from_engine(Engine(lambda e, b: None), fallback_attr="")
