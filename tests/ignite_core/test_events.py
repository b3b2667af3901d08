"""Events, event filters, EventsList and State: behaviour seen through real engine runs."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from ignite.engine import CallableEventWithFilter, Engine, EventEnum, Events, EventsList, State

# pytorch-ignite 0.5's order.
ALL_EVENTS = [
    "EPOCH_STARTED",
    "EPOCH_COMPLETED",
    "STARTED",
    "COMPLETED",
    "ITERATION_STARTED",
    "ITERATION_COMPLETED",
    "EXCEPTION_RAISED",
    "GET_BATCH_STARTED",
    "GET_BATCH_COMPLETED",
    "DATALOADER_STOP_ITERATION",
    "TERMINATE",
    "TERMINATE_SINGLE_EPOCH",
    "INTERRUPT",
]


class PicklableEvents(EventEnum):
    """A module-level custom event enum (pickle needs to find the class by name)."""

    FORWARD_DONE = "forward_done"
    BACKWARD_DONE = "backward_done"


def _counts_when_called(event: Any, n_iters: int = 20, counter: str = "iteration") -> list[int]:
    """Run 1 epoch of ``n_iters`` iterations (iteration events) and record the counter at each call."""
    engine = Engine(lambda e, b: None)
    seen: list[int] = []
    engine.add_event_handler(event, lambda e: seen.append(getattr(e.state, counter)))
    engine.run(range(n_iters), max_epochs=1)
    return seen


def _epochs_when_called(event: Any, max_epochs: int = 30) -> list[int]:
    engine = Engine(lambda e, b: None)
    seen: list[int] = []
    engine.add_event_handler(event, lambda e: seen.append(e.state.epoch))
    engine.run([0, 1], max_epochs=max_epochs)
    return seen


# ---------------------------------------------------------------------------------------------------------------
# The built-in events


def test_events_has_the_13_documented_members_in_order() -> None:
    assert [e.name for e in Events] == ALL_EVENTS
    assert [e.value for e in Events] == [name.lower() for name in ALL_EVENTS]


def test_event_compares_and_hashes_like_its_name_as_in_0_5() -> None:
    assert Events.EPOCH_COMPLETED == "EPOCH_COMPLETED"
    assert Events.EPOCH_COMPLETED != "epoch_completed"
    assert hash(Events.EPOCH_COMPLETED) == hash("EPOCH_COMPLETED")
    assert {"EPOCH_COMPLETED": 1}[Events.EPOCH_COMPLETED] == 1
    assert Events.EPOCH_COMPLETED != Events.EPOCH_STARTED
    assert not isinstance(Events.STARTED, str)
    assert str(Events.ITERATION_COMPLETED) == "Events.ITERATION_COMPLETED"
    assert repr(Events.ITERATION_COMPLETED) == "Events.ITERATION_COMPLETED"
    assert f"{Events.COMPLETED}" == "Events.COMPLETED"
    assert Events("started") is Events.STARTED
    assert Events["STARTED"] is Events.STARTED


class _SameNameAndValue(EventEnum):
    COMPLETED = "completed"
    MY_DONE = "completed_too"


def test_two_different_events_are_never_equal() -> None:
    assert _SameNameAndValue.COMPLETED != Events.COMPLETED
    assert _SameNameAndValue.COMPLETED(once=1) != Events.COMPLETED
    assert len({_SameNameAndValue.COMPLETED, Events.COMPLETED}) == 2
    engine = Engine(lambda e, b: None)
    engine.register_events(*_SameNameAndValue)
    seen: list[str] = []
    engine.add_event_handler(_SameNameAndValue.COMPLETED, lambda: seen.append("custom"))
    engine.add_event_handler(Events.COMPLETED, lambda: seen.append("builtin"))
    engine.run([0])
    assert seen == ["builtin"]


def test_filtered_event_equals_and_hashes_like_its_base() -> None:
    base = Events.ITERATION_COMPLETED
    filtered = base(every=3)
    assert isinstance(filtered, CallableEventWithFilter)
    assert filtered is not base
    assert filtered == base
    assert hash(filtered) == hash(base)
    assert filtered.name == "ITERATION_COMPLETED"
    assert filtered.value == "iteration_completed"
    assert {base: "handlers"}[filtered] == "handlers"
    assert filtered in {base}
    assert filtered != Events.ITERATION_STARTED(every=3)
    assert base.filter is None
    assert filtered.filter is not None


def test_custom_event_enum_members_compare_by_name() -> None:
    assert PicklableEvents.FORWARD_DONE == "FORWARD_DONE"
    assert PicklableEvents.FORWARD_DONE != "forward_done"
    assert str(PicklableEvents.FORWARD_DONE) == "PicklableEvents.FORWARD_DONE"
    assert PicklableEvents.FORWARD_DONE(once=2) == PicklableEvents.FORWARD_DONE
    assert PicklableEvents.FORWARD_DONE(once=2).name == "FORWARD_DONE"
    assert list(PicklableEvents) == [PicklableEvents.FORWARD_DONE, PicklableEvents.BACKWARD_DONE]


@pytest.mark.parametrize("event", list(Events))
def test_events_members_pickle_to_the_same_member(event: Events) -> None:
    assert pickle.loads(pickle.dumps(event)) is event


def test_custom_event_members_pickle_to_the_same_member() -> None:
    for event in PicklableEvents:
        assert pickle.loads(pickle.dumps(event)) is event


def test_filtered_event_pickles_with_its_filter() -> None:
    restored = pickle.loads(pickle.dumps(Events.ITERATION_COMPLETED(every=3)))
    assert restored == Events.ITERATION_COMPLETED
    assert restored.name == "ITERATION_COMPLETED"
    assert restored.filter is not None
    assert [i for i in range(1, 10) if restored.filter(None, i)] == [3, 6, 9]
    assert _counts_when_called(restored, n_iters=10) == [3, 6, 9]


# ---------------------------------------------------------------------------------------------------------------
# Filters


def test_every_filter() -> None:
    assert _counts_when_called(Events.ITERATION_COMPLETED(every=3), n_iters=10) == [3, 6, 9]
    assert _counts_when_called(Events.ITERATION_STARTED(every=1), n_iters=4) == [1, 2, 3, 4]
    assert _epochs_when_called(Events.EPOCH_COMPLETED(every=7)) == [7, 14, 21, 28]


def test_once_filter_with_int_and_list() -> None:
    assert _counts_when_called(Events.ITERATION_COMPLETED(once=5)) == [5]
    assert _counts_when_called(Events.ITERATION_COMPLETED(once=[2, 7, 13])) == [2, 7, 13]
    assert _counts_when_called(Events.ITERATION_COMPLETED(once=(13, 2))) == [2, 13]
    assert _counts_when_called(Events.ITERATION_COMPLETED(once=100)) == []
    assert _epochs_when_called(Events.EPOCH_STARTED(once=3)) == [3]


def test_before_and_after_filters_are_strict() -> None:
    assert _counts_when_called(Events.ITERATION_COMPLETED(before=4)) == [1, 2, 3]
    assert _counts_when_called(Events.ITERATION_COMPLETED(after=17)) == [18, 19, 20]
    assert _counts_when_called(Events.ITERATION_COMPLETED(before=8, after=3)) == [4, 5, 6, 7]
    assert _epochs_when_called(Events.EPOCH_STARTED(before=30, after=10)) == list(range(11, 30))
    assert _counts_when_called(Events.ITERATION_COMPLETED(before=6, after=4)) == [5]
    assert _counts_when_called(Events.ITERATION_COMPLETED(after=0)) == list(range(1, 21))


def test_every_combined_with_after_counts_from_the_first_event_after() -> None:
    # Documented examples: after=8, before=25, every=5 -> 9, 14, 19, 24; after=9, before=21, every=5 -> 10, 15, 20.
    assert _epochs_when_called(Events.EPOCH_STARTED(every=5, before=25, after=8)) == [9, 14, 19, 24]
    assert _counts_when_called(Events.ITERATION_COMPLETED(every=5, before=21, after=9), n_iters=30) == [
        10,
        15,
        20,
    ]
    assert _counts_when_called(Events.ITERATION_COMPLETED(every=4, after=10)) == [11, 15, 19]


def test_every_combined_with_before_only_counts_from_after_0_as_in_0_5() -> None:
    assert _counts_when_called(Events.ITERATION_COMPLETED(every=5, before=16)) == [1, 6, 11]
    assert _counts_when_called(Events.ITERATION_COMPLETED(every=3, before=10)) == [1, 4, 7]


def test_before_not_above_after_is_accepted_and_never_passes_as_in_0_5() -> None:
    assert _counts_when_called(Events.ITERATION_COMPLETED(before=5, after=4)) == []
    assert _counts_when_called(Events.ITERATION_COMPLETED(before=3, after=7)) == []


def test_custom_event_filter_gets_engine_and_counter() -> None:
    calls: list[tuple[Any, int]] = []

    def only_primes(engine: Engine, event: int) -> bool:
        calls.append((engine, event))
        return event in (2, 3, 5, 7, 11, 13)

    engine = Engine(lambda e, b: None)
    seen: list[int] = []
    engine.add_event_handler(
        Events.ITERATION_COMPLETED(event_filter=only_primes), lambda e: seen.append(e.state.iteration)
    )
    engine.run(range(12))
    assert seen == [2, 3, 5, 7, 11]
    assert [c[1] for c in calls] == list(range(1, 13))
    assert all(c[0] is engine for c in calls)


def test_epoch_event_filters_read_the_epoch_counter() -> None:
    engine = Engine(lambda e, b: None)
    seen: list[tuple[int, int]] = []
    engine.add_event_handler(
        Events.EPOCH_COMPLETED(event_filter=lambda e, epoch: epoch % 2 == 0),
        lambda e: seen.append((e.state.epoch, e.state.iteration)),
    )
    engine.run([1, 2, 3], max_epochs=5)
    assert seen == [(2, 6), (4, 12)]


def test_several_handlers_with_mixed_filters_keep_registration_order() -> None:
    engine = Engine(lambda e, b: None)
    log: list[tuple[str, int]] = []
    engine.add_event_handler(
        Events.ITERATION_COMPLETED(every=2), lambda e: log.append(("a", e.state.iteration))
    )
    engine.add_event_handler(
        Events.ITERATION_COMPLETED(every=2), lambda e: log.append(("b", e.state.iteration))
    )
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: log.append(("c", e.state.iteration)))
    engine.add_event_handler(
        Events.ITERATION_COMPLETED(every=3), lambda e: log.append(("d", e.state.iteration))
    )
    engine.add_event_handler(
        Events.ITERATION_COMPLETED(once=4), lambda e: log.append(("e", e.state.iteration))
    )
    engine.run(range(6))
    assert log == [
        ("c", 1),
        ("a", 2),
        ("b", 2),
        ("c", 2),
        ("c", 3),
        ("d", 3),
        ("a", 4),
        ("b", 4),
        ("c", 4),
        ("e", 4),
        ("c", 5),
        ("a", 6),
        ("b", 6),
        ("c", 6),
        ("d", 6),
    ]


def test_static_filter_builders() -> None:
    every = CallableEventWithFilter.every_event_filter(4)
    assert [i for i in range(1, 13) if every(None, i)] == [4, 8, 12]
    once = CallableEventWithFilter.once_event_filter([3, 9])
    assert [i for i in range(1, 13) if once(None, i)] == [3, 9]
    between = CallableEventWithFilter.before_and_after_event_filter(before=6, after=2)
    assert [i for i in range(1, 13) if between(None, i)] == [3, 4, 5]
    mixed = CallableEventWithFilter.every_before_and_after_event_filter(5, before=25, after=8)
    assert [i for i in range(1, 31) if mixed(None, i)] == [9, 14, 19, 24]
    assert CallableEventWithFilter.default_event_filter(None, 123) is True


@pytest.mark.parametrize(
    "kwargs",
    [
        {"every": 0},
        {"every": -2},
        {"every": 1.5},
        {"every": True},
        {"once": 0},
        {"once": []},
        {"once": [3, 0]},
        {"once": [2, -1]},
        {"once": "5"},
        {"before": -1},
        {"after": -3},
        {"every": 0, "before": 10},
        {"once": 3, "every": 2},
        {"once": 3, "before": 10},
        {"event_filter": lambda e, i: True, "once": 2},
        {"event_filter": lambda e, i: True, "every": 2},
        {"event_filter": lambda e, i: True, "after": 2},
        {"event_filter": lambda e: True},
        {"event_filter": lambda a, b, c: True},
        {},
    ],
)
def test_invalid_filter_arguments_raise_value_error(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Events.ITERATION_COMPLETED(**kwargs)


def test_non_callable_event_filter_raises_type_error() -> None:
    with pytest.raises(TypeError, match="event_filter"):
        Events.ITERATION_COMPLETED(event_filter=3)  # type: ignore[arg-type]


def test_error_messages_name_the_wrong_argument() -> None:
    with pytest.raises(ValueError, match="every"):
        Events.ITERATION_COMPLETED(every=0)
    with pytest.raises(ValueError, match="once"):
        Events.ITERATION_COMPLETED(once=[])
    with pytest.raises(ValueError, match="before"):
        Events.ITERATION_COMPLETED(before=-1)


# ---------------------------------------------------------------------------------------------------------------
# Filters on custom events


def test_filter_on_custom_event_without_counter_raises_runtime_error_when_fired() -> None:
    engine = Engine(lambda e, b: e.fire_event(PicklableEvents.FORWARD_DONE))
    engine.register_events(*PicklableEvents)
    engine.add_event_handler(PicklableEvents.FORWARD_DONE(every=2), lambda: None)  # accepted, as in 0.5
    with pytest.raises(RuntimeError, match="event_to_attr"):
        engine.run([0, 1, 2])
    engine = Engine(lambda e, b: e.fire_event(PicklableEvents.FORWARD_DONE))
    engine.register_events(*PicklableEvents)
    # Unfiltered handlers need no counter.
    calls: list[int] = []
    engine.add_event_handler(PicklableEvents.FORWARD_DONE, lambda e: calls.append(e.state.iteration))
    engine.run([0, 1, 2])
    assert calls == [1, 2, 3]


def test_filter_on_custom_event_with_event_to_attr_reads_that_counter() -> None:
    def step(engine: Engine, batch: int) -> None:
        for _ in range(batch):
            engine.state.forward_count += 1
            engine.fire_event(PicklableEvents.FORWARD_DONE)

    engine = Engine(step)
    engine.register_events(*PicklableEvents, event_to_attr={PicklableEvents.FORWARD_DONE: "forward_count"})
    assert engine.state.forward_count == 0  # created by register_events
    assert engine.state.get_event_attrib_value(PicklableEvents.FORWARD_DONE) == 0

    every_3: list[int] = []
    once_5: list[int] = []
    engine.add_event_handler(
        PicklableEvents.FORWARD_DONE(every=3), lambda e: every_3.append(e.state.forward_count)
    )
    engine.add_event_handler(PicklableEvents.FORWARD_DONE(once=5), lambda e: once_5.append(e.state.iteration))
    engine.run([2, 2, 3])  # 7 forwards: counts 1..7, the 5th during iteration 3
    assert every_3 == [3, 6]
    assert once_5 == [3]


def test_register_string_events_and_fire_them() -> None:
    engine = Engine(lambda e, b: e.fire_event("custom_step"))
    engine.register_events("custom_step", event_to_attr={"custom_step": "custom_counter"})
    seen: list[int] = []

    @engine.on("custom_step")
    def count(e: Engine) -> None:
        e.state.custom_counter += 1
        seen.append(e.state.iteration)

    engine.run([0, 0, 0])
    assert seen == [1, 2, 3]
    assert engine.state.custom_counter == 3
    assert engine.has_registered_events("custom_step")
    assert not engine.has_registered_events("other_step")


# ---------------------------------------------------------------------------------------------------------------
# EventsList


def test_events_list_from_or_supports_len_iter_and_indexing() -> None:
    stacked = Events.STARTED | Events.EPOCH_COMPLETED(every=2) | Events.COMPLETED
    assert isinstance(stacked, EventsList)
    assert len(stacked) == 3
    assert list(stacked) == [Events.STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED]
    assert stacked[0] is Events.STARTED
    assert stacked[1] == Events.EPOCH_COMPLETED
    assert stacked[1].filter is not None
    assert stacked[-1] is Events.COMPLETED

    joined = stacked | (Events.ITERATION_STARTED | Events.ITERATION_COMPLETED)
    assert len(joined) == 5
    assert joined[3] is Events.ITERATION_STARTED
    assert len(stacked) == 3  # the original list is unchanged


def test_events_list_rejects_non_events() -> None:
    with pytest.raises(TypeError):
        Events.STARTED | 3  # type: ignore[operator]
    with pytest.raises(TypeError):
        EventsList([Events.STARTED, object()])  # type: ignore[list-item]


def test_handler_on_events_list_runs_on_each_event_with_its_filter() -> None:
    engine = Engine(lambda e, b: None)
    seen: list[tuple[str, int, int]] = []
    engine.add_event_handler(
        Events.STARTED
        | Events.EPOCH_COMPLETED(every=2)
        | Events.ITERATION_COMPLETED(once=3)
        | Events.COMPLETED,
        lambda e: seen.append((e.last_event_name.name, e.state.epoch, e.state.iteration)),
    )
    engine.run([0, 1], max_epochs=4)
    assert seen == [
        ("STARTED", 0, 0),
        ("ITERATION_COMPLETED", 2, 3),
        ("EPOCH_COMPLETED", 2, 4),
        ("EPOCH_COMPLETED", 4, 8),
        ("COMPLETED", 4, 8),
    ]


# ---------------------------------------------------------------------------------------------------------------
# State


def test_state_defaults() -> None:
    state = State()
    assert state.iteration == 0
    assert state.epoch == 0
    assert state.epoch_length is None
    assert state.max_epochs is None
    assert state.max_iters is None
    assert state.output is None
    assert state.batch is None
    assert state.metrics == {}
    assert state.dataloader is None
    assert state.seed is None
    assert state.times == {"EPOCH_COMPLETED": None, "COMPLETED": None}


def test_state_takes_user_attributes_and_maps_events_to_counters() -> None:
    state = State(iteration=12, epoch=3, alpha=0.5)
    assert state.alpha == 0.5
    state.beta = "x"
    assert state.beta == "x"
    for event in (
        Events.ITERATION_STARTED,
        Events.ITERATION_COMPLETED,
        Events.GET_BATCH_STARTED,
        Events.GET_BATCH_COMPLETED,
    ):
        assert state.get_event_attrib_value(event) == 12
    for event in (Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED):
        assert state.get_event_attrib_value(event) == 3
    assert state.get_event_attrib_value(Events.EPOCH_COMPLETED(every=2)) == 3
    with pytest.raises(RuntimeError, match="unknown_event"):
        state.get_event_attrib_value("unknown_event")


def test_states_do_not_share_custom_event_counters() -> None:
    first = Engine(lambda e, b: None)
    second = Engine(lambda e, b: None)
    first.register_events(*PicklableEvents, event_to_attr={PicklableEvents.FORWARD_DONE: "fwd"})
    assert first.state.get_event_attrib_value(PicklableEvents.FORWARD_DONE) == 0
    with pytest.raises(RuntimeError):
        second.state.get_event_attrib_value(PicklableEvents.FORWARD_DONE)
    assert not hasattr(second.state, "fwd")


def test_state_repr_lists_values() -> None:
    state = State(iteration=4, epoch=2)
    text = repr(state)
    assert text.startswith("State:")
    assert "iteration: 4" in text
    assert "epoch: 2" in text
    assert "metrics: <class 'dict'>" in text


def test_engine_state_times_are_filled_after_a_run() -> None:
    engine = Engine(lambda e, b: None)
    engine.run([1, 2], max_epochs=2)
    assert isinstance(engine.state.times["EPOCH_COMPLETED"], float)
    assert isinstance(engine.state.times["COMPLETED"], float)
