"""Engine.state_dict / load_state_dict: keys, validation, user keys and resuming from a loaded state."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest

from ignite.engine import Engine, Events


def _recording_engine() -> tuple[Engine, list[tuple[str, int, int]]]:
    engine = Engine(lambda e, b: b)
    log: list[tuple[str, int, int]] = []
    for event in (Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED):
        engine.add_event_handler(
            event, lambda e, ev=event: log.append((ev.name, e.state.epoch, e.state.iteration))
        )
    return engine, log


def test_state_dict_of_a_fresh_engine() -> None:
    sd = Engine(lambda e, b: None).state_dict()
    assert isinstance(sd, OrderedDict)
    assert dict(sd) == {"epoch_length": None, "max_epochs": None, "iteration": 0}


def test_state_dict_after_a_run() -> None:
    engine = Engine(lambda e, b: None)
    engine.run([1, 2, 3], max_epochs=2)
    assert list(engine.state_dict().items()) == [("epoch_length", 3), ("iteration", 6), ("max_epochs", 2)]


def test_state_dict_with_max_iters() -> None:
    engine = Engine(lambda e, b: None)
    engine.run([1, 2, 3], max_iters=5)
    assert dict(engine.state_dict()) == {"epoch_length": 3, "max_iters": 5, "iteration": 5}


def test_state_dict_user_keys_are_saved_and_restored() -> None:
    engine = Engine(lambda e, b: None)
    engine.state_dict_user_keys.append("alpha")
    engine.state_dict_user_keys.append("history")
    engine.state.alpha = 0.25
    engine.state.history = [1, 2]
    engine.run([0, 1], max_epochs=2)
    sd = engine.state_dict()
    assert sd["alpha"] == 0.25
    assert sd["history"] == [1, 2]

    other = Engine(lambda e, b: None)
    other.state_dict_user_keys.extend(["alpha", "history"])
    other.load_state_dict(sd)
    assert other.state.alpha == 0.25
    assert other.state.history == [1, 2]
    assert other.state.iteration == 4
    assert other.state.epoch == 2
    assert other.state_dict() == sd


def test_missing_user_key_raises_value_error() -> None:
    engine = Engine(lambda e, b: None)
    engine.state_dict_user_keys.append("alpha")
    with pytest.raises(ValueError, match="alpha"):
        engine.load_state_dict({"epoch_length": 3, "max_epochs": 2, "iteration": 1})


@pytest.mark.parametrize(
    ("state_dict", "match"),
    [
        ({"max_epochs": 2, "iteration": 1}, "epoch_length"),
        ({"epoch_length": 3, "max_epochs": 2}, "iteration"),
        ({"epoch_length": 3, "iteration": 1}, "max_epochs"),
        ({"epoch_length": 3, "max_epochs": 2, "iteration": 1, "epoch": 1}, "one of"),
        ({"epoch_length": 3, "max_epochs": 2, "max_iters": 6, "iteration": 1}, "one of"),
    ],
)
def test_missing_or_conflicting_keys_raise_value_error(state_dict: dict[str, Any], match: str) -> None:
    engine = Engine(lambda e, b: None)
    with pytest.raises(ValueError, match=match):
        engine.load_state_dict(state_dict)
    assert engine.state.iteration == 0


@pytest.mark.parametrize(
    "state_dict",
    [
        {"epoch_length": 0, "max_epochs": 2, "iteration": 1},
        {"epoch_length": 3, "max_epochs": -1, "iteration": 1},
        {"epoch_length": 3, "max_epochs": 2, "iteration": 7},
        {"epoch_length": 3, "max_epochs": 2, "iteration": -1},
        {"epoch_length": 3, "max_iters": 4, "iteration": 5},
    ],
)
def test_invalid_values_raise_value_error(state_dict: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Engine(lambda e, b: None).load_state_dict(state_dict)


def test_non_mapping_raises_type_error() -> None:
    with pytest.raises(TypeError, match="mapping"):
        Engine(lambda e, b: None).load_state_dict([("epoch_length", 3)])  # type: ignore[arg-type]


def test_load_state_dict_then_resume_mid_epoch() -> None:
    engine, log = _recording_engine()
    engine.load_state_dict({"epoch_length": 4, "max_epochs": 3, "iteration": 5})
    assert (engine.state.epoch, engine.state.iteration) == (1, 5)
    state = engine.run(list(range(4)))
    assert log == [
        ("STARTED", 1, 5),
        ("EPOCH_STARTED", 2, 5),
        ("EPOCH_COMPLETED", 2, 8),
        ("EPOCH_STARTED", 3, 8),
        ("EPOCH_COMPLETED", 3, 12),
        ("COMPLETED", 3, 12),
    ]
    assert (state.epoch, state.iteration, state.max_epochs) == (3, 12, 3)


def test_load_state_dict_with_epoch_instead_of_iteration() -> None:
    engine, log = _recording_engine()
    engine.load_state_dict({"epoch_length": 4, "max_epochs": 3, "epoch": 1})
    assert (engine.state.epoch, engine.state.iteration) == (1, 4)
    seen: list[int] = []
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: seen.append(e.state.iteration))
    engine.run(list(range(4)))
    assert seen == list(range(5, 13))
    assert log[0] == ("STARTED", 1, 4)
    assert log[-1] == ("COMPLETED", 3, 12)


def test_load_state_dict_with_max_iters_then_resume() -> None:
    engine, log = _recording_engine()
    engine.load_state_dict({"epoch_length": 4, "max_iters": 10, "iteration": 6})
    assert engine.state.max_epochs is None  # as in pytorch-ignite 0.5: a max_iters state has no max_epochs
    state = engine.run(list(range(4)))
    assert (state.epoch, state.iteration) == (3, 10)
    assert log[-1] == ("COMPLETED", 3, 10)


def test_state_dict_round_trip_between_engines_resumes_where_the_first_stopped() -> None:
    data = list(range(5))
    first = Engine(lambda e, b: None)
    first.add_event_handler(Events.ITERATION_COMPLETED(once=7), lambda e: e.terminate())
    first.run(data, max_epochs=3)
    sd = first.state_dict()
    assert dict(sd) == {"epoch_length": 5, "max_epochs": 3, "iteration": 7}

    second, log = _recording_engine()
    iterations: list[int] = []
    second.add_event_handler(Events.ITERATION_COMPLETED, lambda e: iterations.append(e.state.iteration))
    second.load_state_dict(sd)
    second.run(data)
    assert iterations == list(range(8, 16))
    assert log[0] == ("STARTED", 1, 7)
    assert log[-1] == ("COMPLETED", 3, 15)


def test_loaded_state_resumes_with_a_larger_max_epochs() -> None:
    engine, log = _recording_engine()
    engine.load_state_dict({"epoch_length": 2, "max_epochs": 3, "iteration": 4})
    state = engine.run([1, 2], max_epochs=5)
    assert (state.epoch, state.iteration, state.max_epochs) == (5, 10, 5)
    assert log[0] == ("STARTED", 2, 4)


def test_loading_a_finished_state_then_run_starts_a_new_run() -> None:
    engine, log = _recording_engine()
    engine.load_state_dict({"epoch_length": 2, "max_epochs": 2, "iteration": 4})
    state = engine.run([1, 2])
    assert log[0] == ("STARTED", 0, 0)
    assert (state.epoch, state.iteration, state.max_epochs) == (1, 2, 1)


def test_load_state_dict_resets_an_interrupted_run() -> None:
    engine, log = _recording_engine()
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda e: e.interrupt())
    engine.run([1, 2], max_epochs=4)
    assert engine.state.iteration == 3
    engine.load_state_dict({"epoch_length": 2, "max_epochs": 4, "iteration": 6})
    log.clear()
    state = engine.run([1, 2])
    assert log[0] == ("STARTED", 3, 6)  # the loaded state wins over the paused run
    assert (state.epoch, state.iteration) == (4, 8)
