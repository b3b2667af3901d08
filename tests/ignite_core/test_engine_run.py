"""Engine.run: data sources, epoch lengths, event order, terminate/terminate_epoch/interrupt, bad input."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from ignite.engine import Engine, Events

Record = tuple[str, int, int]


class ReIterable:
    """Iterable without ``__len__`` that can be iterated again (each ``iter`` starts over)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.n))


def _record_all(engine: Engine) -> list[Record]:
    """Record (event name, epoch, iteration) for every built-in event except EXCEPTION_RAISED."""
    log: list[Record] = []
    for event in Events:
        if event is Events.EXCEPTION_RAISED:
            continue
        engine.add_event_handler(
            event, lambda e, ev=event: log.append((ev.name, e.state.epoch, e.state.iteration))
        )
    return log


def _iteration(epoch: int, iteration: int, restart: bool = False) -> list[Record]:
    """The events of one iteration that ends with ``state.iteration == iteration``.

    ``restart``: the data ran out at the previous iteration, so (as in pytorch-ignite 0.5) drawing this
    batch fires DATALOADER_STOP_ITERATION and starts the data again.
    """
    stop = [("DATALOADER_STOP_ITERATION", epoch, iteration - 1)] if restart else []
    return [
        ("GET_BATCH_STARTED", epoch, iteration - 1),
        *stop,
        ("GET_BATCH_COMPLETED", epoch, iteration - 1),
        ("ITERATION_STARTED", epoch, iteration),
        ("ITERATION_COMPLETED", epoch, iteration),
    ]


def _epoch(epoch: int, first: int, last: int) -> list[Record]:
    """EPOCH_STARTED, the iterations ``first..last``, EPOCH_COMPLETED."""
    records = [("EPOCH_STARTED", epoch, first - 1)]
    for it in range(first, last + 1):
        records += _iteration(epoch, it, restart=epoch > 1 and it == first)
    records.append(("EPOCH_COMPLETED", epoch, last))
    return records


def _collecting_engine() -> tuple[Engine, list[Any]]:
    seen: list[Any] = []

    def step(engine: Engine, batch: Any) -> Any:
        seen.append(batch)
        return batch

    return Engine(step), seen


# ---------------------------------------------------------------------------------------------------------------
# Data sources and lengths


def test_run_over_a_list() -> None:
    engine, seen = _collecting_engine()
    state = engine.run([10, 20, 30], max_epochs=2)
    assert state is engine.state
    assert seen == [10, 20, 30, 10, 20, 30]
    assert (state.epoch, state.iteration, state.epoch_length, state.max_epochs) == (2, 6, 3, 2)
    assert state.max_iters is None
    assert state.output == 30
    assert state.batch == 30
    assert state.dataloader == [10, 20, 30]


def test_run_defaults_to_one_epoch() -> None:
    engine, seen = _collecting_engine()
    state = engine.run(range(4))
    assert seen == [0, 1, 2, 3]
    assert (state.epoch, state.iteration, state.max_epochs) == (1, 4, 1)


def test_output_and_batch_follow_each_iteration() -> None:
    engine = Engine(lambda e, b: b * 10)
    pairs: list[tuple[int, int]] = []
    engine.add_event_handler(
        Events.ITERATION_COMPLETED, lambda e: pairs.append((e.state.batch, e.state.output))
    )
    engine.run(range(3))
    assert pairs == [(0, 0), (1, 10), (2, 20)]


def test_batch_can_be_replaced_at_iteration_started() -> None:
    engine, seen = _collecting_engine()

    @engine.on(Events.ITERATION_STARTED)
    def preprocess(e: Engine) -> None:
        e.state.batch = e.state.batch * 100

    engine.run([1, 2])
    assert seen == [100, 200]


def test_iterator_without_len_with_epoch_length_continues_across_epochs() -> None:
    engine, seen = _collecting_engine()
    state = engine.run(iter(range(100)), epoch_length=10, max_epochs=3)
    assert seen == list(range(30))
    assert (state.epoch, state.iteration, state.epoch_length) == (3, 30, 10)


def test_reiterable_without_len_restarts_with_dataloader_stop_iteration() -> None:
    engine, seen = _collecting_engine()
    stops: list[int] = []
    engine.add_event_handler(Events.DATALOADER_STOP_ITERATION, lambda e: stops.append(e.state.iteration))
    state = engine.run(ReIterable(5), epoch_length=3, max_epochs=4)
    assert seen == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]
    assert stops == [5, 10]
    assert (state.epoch, state.iteration) == (4, 12)


def test_dataloader_stop_iteration_comes_between_get_batch_events() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.run(ReIterable(2), epoch_length=3, max_epochs=1)
    assert log[-7:] == [
        ("GET_BATCH_STARTED", 1, 2),
        ("DATALOADER_STOP_ITERATION", 1, 2),
        ("GET_BATCH_COMPLETED", 1, 2),
        ("ITERATION_STARTED", 1, 3),
        ("ITERATION_COMPLETED", 1, 3),
        ("EPOCH_COMPLETED", 1, 3),
        ("COMPLETED", 1, 3),
    ]


def test_generator_running_dry_warns_and_terminates() -> None:
    def gen() -> Iterator[int]:
        yield from range(5)

    engine, seen = _collecting_engine()
    log: list[tuple[str, int]] = []
    for event in (
        Events.DATALOADER_STOP_ITERATION,
        Events.TERMINATE,
        Events.COMPLETED,
        Events.EPOCH_COMPLETED,
    ):
        engine.add_event_handler(event, lambda e, ev=event: log.append((ev.name, e.state.iteration)))
    with pytest.warns(UserWarning, match="Data iterator can not provide data anymore"):
        state = engine.run(gen(), epoch_length=3, max_epochs=3)
    assert seen == [0, 1, 2, 3, 4]
    # As in pytorch-ignite 0.5: an epoch whose data runs dry ends there; the next epoch tries again.
    assert (state.epoch, state.iteration) == (3, 5)
    assert log == [
        ("EPOCH_COMPLETED", 3),
        ("DATALOADER_STOP_ITERATION", 5),
        ("EPOCH_COMPLETED", 5),
        ("DATALOADER_STOP_ITERATION", 5),
        ("EPOCH_COMPLETED", 5),
        ("COMPLETED", 5),
    ]
    assert not engine.should_terminate


def test_generator_without_epoch_length_gets_it_from_first_epoch_then_runs_dry() -> None:
    engine, seen = _collecting_engine()
    state = engine.run((i for i in range(5)), max_epochs=3)
    assert seen == [0, 1, 2, 3, 4]
    assert state.epoch == 3
    assert state.epoch_length == 5
    assert state.iteration == 5


def test_epoch_length_determined_from_reiterable_without_len() -> None:
    engine, seen = _collecting_engine()
    epochs_completed: list[tuple[int, int]] = []
    engine.add_event_handler(
        Events.EPOCH_COMPLETED, lambda e: epochs_completed.append((e.state.epoch, e.state.iteration))
    )
    assert engine.state.epoch_length is None
    state = engine.run(ReIterable(4), max_epochs=3)
    assert state.epoch_length == 4
    assert seen == [0, 1, 2, 3] * 3
    assert epochs_completed == [(1, 4), (2, 8), (3, 12)]


def test_data_none_with_epoch_length() -> None:
    engine, seen = _collecting_engine()
    state = engine.run(None, epoch_length=3, max_epochs=2)
    assert seen == [None] * 6
    assert (state.epoch, state.iteration, state.epoch_length) == (2, 6, 3)
    engine.run(epoch_length=2)  # data defaults to None
    assert seen[6:] == [None, None]


def test_max_iters_stops_mid_epoch() -> None:
    engine, seen = _collecting_engine()
    log = _record_all(engine)
    state = engine.run([1, 2, 3], max_iters=7)
    assert seen == [1, 2, 3, 1, 2, 3, 1]
    assert (state.epoch, state.iteration, state.max_iters, state.max_epochs) == (3, 7, 7, None)
    # As in pytorch-ignite 0.5: reaching max_iters mid-epoch terminates the run (TERMINATE, no EPOCH_COMPLETED).
    assert [r for r in log if r[0] in ("EPOCH_COMPLETED", "COMPLETED", "TERMINATE")] == [
        ("EPOCH_COMPLETED", 1, 3),
        ("EPOCH_COMPLETED", 2, 6),
        ("TERMINATE", 3, 7),
        ("COMPLETED", 3, 7),
    ]


def test_max_iters_with_epoch_length_and_iterator() -> None:
    engine, seen = _collecting_engine()
    state = engine.run(iter(range(50)), max_iters=12, epoch_length=5)
    assert seen == list(range(12))
    assert (state.epoch, state.iteration, state.max_epochs) == (3, 12, None)


def test_epoch_length_smaller_than_data_continues_the_iterator_across_epochs() -> None:
    engine = Engine(lambda e, b: b)
    epochs: list[list[int]] = []
    engine.add_event_handler(Events.EPOCH_STARTED, lambda e: epochs.append([]))
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: epochs[-1].append(e.state.batch))
    stops: list[int] = []
    engine.add_event_handler(Events.DATALOADER_STOP_ITERATION, lambda e: stops.append(e.state.iteration))
    state = engine.run(range(10), epoch_length=4, max_epochs=3)
    assert epochs == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 0, 1]]
    assert stops == [10]
    assert (state.epoch, state.iteration) == (3, 12)


def test_epoch_length_equal_to_len_restarts_the_data_with_a_stop_event_as_in_0_5() -> None:
    engine, seen = _collecting_engine()
    stops: list[int] = []
    engine.add_event_handler(Events.DATALOADER_STOP_ITERATION, lambda e: stops.append(e.state.iteration))
    engine.run([5, 6], max_epochs=3)
    assert seen == [5, 6] * 3
    assert stops == [2, 4]


def test_set_data_switches_source_mid_run() -> None:
    engine, seen = _collecting_engine()

    @engine.on(Events.EPOCH_COMPLETED(once=1))
    def switch(e: Engine) -> None:
        e.set_data([7, 8, 9])

    engine.run([1, 2, 3], max_epochs=2)
    assert seen == [1, 2, 3, 7, 8, 9]
    assert engine.state.dataloader == [7, 8, 9]
    with pytest.raises(TypeError, match="iterable"):
        engine.set_data(5)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------------
# Bad input


# (max_epochs is not checked: pytorch-ignite 0.5 accepts max_epochs=0 and runs nothing.)
@pytest.mark.parametrize("name", ["epoch_length", "max_iters"])
@pytest.mark.parametrize("value", [0, -1, 1.5, "3", True])
def test_non_positive_or_non_int_counts_raise_value_error(name: str, value: Any) -> None:
    engine = Engine(lambda e, b: None)
    with pytest.raises(ValueError, match=name):
        engine.run([1, 2], **{name: value})
    assert engine.state.iteration == 0


def test_max_epochs_and_max_iters_are_exclusive() -> None:
    engine = Engine(lambda e, b: None)
    with pytest.raises(ValueError, match="mutually exclusive"):
        engine.run([1, 2], max_epochs=2, max_iters=3)


def test_non_iterable_data_raises_type_error() -> None:
    engine = Engine(lambda e, b: None)
    with pytest.raises(TypeError, match="iterable"):
        engine.run(42)  # type: ignore[arg-type]


def test_empty_data_raises_value_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        Engine(lambda e, b: None).run([])
    with pytest.raises(ValueError, match="empty"):
        Engine(lambda e, b: None).run(ReIterable(0))


def test_data_none_without_epoch_length_raises_value_error() -> None:
    with pytest.raises(ValueError, match="epoch_length"):
        Engine(lambda e, b: None).run(None, max_epochs=2)


def test_wrong_process_function_signature_fails_at_construction() -> None:
    with pytest.raises(ValueError, match="process_function"):
        Engine(lambda batch: batch)  # type: ignore[arg-type,misc]


# ---------------------------------------------------------------------------------------------------------------
# Event order


def test_event_order_of_a_normal_run() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.run([1, 2], max_epochs=2)
    expected = [("STARTED", 0, 0), *_epoch(1, 1, 2), *_epoch(2, 3, 4), ("COMPLETED", 2, 4)]
    assert log == expected
    assert engine.last_event_name == Events.COMPLETED


def test_last_event_name_follows_each_event() -> None:
    engine = Engine(lambda e, b: None)
    names: list[Any] = []
    for event in (Events.STARTED, Events.ITERATION_STARTED, Events.ITERATION_COMPLETED, Events.COMPLETED):
        engine.add_event_handler(event, lambda e: names.append(e.last_event_name))
    engine.run([0])
    assert names == [Events.STARTED, Events.ITERATION_STARTED, Events.ITERATION_COMPLETED, Events.COMPLETED]


def test_terminate_during_iteration() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=4), lambda e: e.terminate())
    state = engine.run([1, 2, 3], max_epochs=3)
    assert log == [
        ("STARTED", 0, 0),
        *_epoch(1, 1, 3),
        ("EPOCH_STARTED", 2, 3),
        *_iteration(2, 4, restart=True),
        ("TERMINATE", 2, 4),
        ("COMPLETED", 2, 4),
    ]
    assert (state.epoch, state.iteration) == (2, 4)


def test_terminate_skip_completed() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda e: e.terminate(skip_completed=True))
    engine.run([1, 2, 3], max_epochs=3)
    assert log == [
        ("STARTED", 0, 0),
        ("EPOCH_STARTED", 1, 0),
        *_iteration(1, 1),
        *_iteration(1, 2),
        ("TERMINATE", 1, 2),
    ]


def test_terminate_at_epoch_completed_fires_no_terminate_single_epoch() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.EPOCH_COMPLETED(once=1), lambda e: e.terminate())
    engine.run([1, 2], max_epochs=3)
    assert log == [("STARTED", 0, 0), *_epoch(1, 1, 2), ("TERMINATE", 1, 2), ("COMPLETED", 1, 2)]


def test_terminate_at_started_and_epoch_started() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.STARTED, lambda e: e.terminate())
    engine.run([1, 2], max_epochs=3)
    assert log == [("STARTED", 0, 0), ("TERMINATE", 0, 0), ("COMPLETED", 0, 0)]

    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.EPOCH_STARTED(once=2), lambda e: e.terminate())
    engine.run([1, 2], max_epochs=3)
    assert log[-3:] == [
        ("EPOCH_STARTED", 2, 2),
        ("TERMINATE", 2, 2),
        ("COMPLETED", 2, 2),
    ]
    assert engine.state.iteration == 2


def test_terminate_from_process_function() -> None:
    def step(engine: Engine, batch: int) -> int:
        if engine.state.iteration == 5:
            engine.terminate()
        return batch

    engine = Engine(step)
    completed: list[int] = []
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: completed.append(e.state.iteration))
    state = engine.run(range(4), max_epochs=5)
    assert completed == [1, 2, 3, 4, 5]  # the iteration that called terminate() completes
    assert (state.epoch, state.iteration) == (2, 5)


def test_terminate_epoch() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda e: e.terminate_epoch())
    state = engine.run(range(4), epoch_length=3, max_epochs=2)
    assert log[: 1 + 1 + 8 + 2] == [
        ("STARTED", 0, 0),
        ("EPOCH_STARTED", 1, 0),
        *_iteration(1, 1),
        *_iteration(1, 2),
        ("TERMINATE_SINGLE_EPOCH", 1, 2),
        ("EPOCH_COMPLETED", 1, 2),
    ]
    names_after = [r[0] for r in log[12:]]
    assert names_after[0] == "EPOCH_STARTED"
    assert names_after[-2:] == ["EPOCH_COMPLETED", "COMPLETED"]
    assert "TERMINATE" not in names_after
    assert "TERMINATE_SINGLE_EPOCH" not in names_after
    assert (state.epoch, state.iteration) == (2, 5)  # the cut epoch had 2 iterations, the next 3


def test_terminate_epoch_skip_epoch_completed() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(
        Events.ITERATION_COMPLETED(once=2), lambda e: e.terminate_epoch(skip_epoch_completed=True)
    )
    state = engine.run(range(6), epoch_length=3, max_epochs=3)
    epoch_events = [r for r in log if r[0] in ("EPOCH_STARTED", "EPOCH_COMPLETED", "TERMINATE_SINGLE_EPOCH")]
    assert epoch_events == [
        ("EPOCH_STARTED", 1, 0),
        ("TERMINATE_SINGLE_EPOCH", 1, 2),
        ("EPOCH_STARTED", 2, 2),
        ("EPOCH_COMPLETED", 2, 5),
        ("EPOCH_STARTED", 3, 5),
        ("EPOCH_COMPLETED", 3, 8),
    ]
    assert log[-1] == ("COMPLETED", 3, 8)
    assert (state.epoch, state.iteration) == (3, 8)


def test_terminate_epoch_at_started_or_epoch_started_raises_runtime_error_as_in_0_5() -> None:
    for event in (Events.STARTED, Events.EPOCH_STARTED(once=2)):
        engine = Engine(lambda e, b: None)
        engine.add_event_handler(event, lambda e: e.terminate_epoch())
        with pytest.raises(RuntimeError, match="terminate_epoch"):
            engine.run([1, 2], max_epochs=3)


def test_interrupt_and_resume_matches_uninterrupted_run() -> None:
    reference, reference_seen = _collecting_engine()
    reference.run(range(10), max_epochs=3)

    engine, seen = _collecting_engine()
    interrupts: list[tuple[int, int]] = []
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=11), lambda e: e.interrupt())
    engine.add_event_handler(
        Events.INTERRUPT, lambda e: interrupts.append((e.state.epoch, e.state.iteration))
    )
    started: list[int] = []
    engine.add_event_handler(Events.STARTED, lambda e: started.append(e.state.iteration))
    completed: list[int] = []
    engine.add_event_handler(Events.COMPLETED, lambda e: completed.append(e.state.iteration))

    data = range(10)
    state = engine.run(data, max_epochs=3)
    assert (state.epoch, state.iteration) == (2, 11)
    state = engine.run(data, max_epochs=3)
    assert (state.epoch, state.iteration) == (3, 22)
    state = engine.run(data, max_epochs=3)
    assert (state.epoch, state.iteration) == (3, 30)
    assert interrupts == [(2, 11), (3, 22)]
    assert started == [0]  # resuming an interrupted run does not start it again
    assert completed == [30]
    assert seen == reference_seen == list(range(10)) * 3


def test_interrupt_event_order_and_resume_without_arguments() -> None:
    engine = Engine(lambda e, b: None)
    log = _record_all(engine)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda e: e.interrupt())
    engine.run([1, 2], max_epochs=2)
    assert log == [
        ("STARTED", 0, 0),
        *_epoch(1, 1, 2),
        ("EPOCH_STARTED", 2, 2),
        *_iteration(2, 3, restart=True),
        ("INTERRUPT", 2, 3),
    ]
    log.clear()
    engine.run()
    assert log == [*_iteration(2, 4), ("EPOCH_COMPLETED", 2, 4), ("COMPLETED", 2, 4)]


def test_interrupt_at_epoch_completed_then_resume() -> None:
    engine, seen = _collecting_engine()
    log = _record_all(engine)
    engine.add_event_handler(Events.EPOCH_COMPLETED(once=1), lambda e: e.interrupt())
    engine.run([1, 2], max_epochs=2)
    assert log[-2:] == [("EPOCH_COMPLETED", 1, 2), ("INTERRUPT", 1, 2)]
    engine.run([1, 2], max_epochs=2)
    assert seen == [1, 2, 1, 2]
    assert log[-1] == ("COMPLETED", 2, 4)
    assert [r[0] for r in log].count("STARTED") == 1


# ---------------------------------------------------------------------------------------------------------------
# Repeated runs


def test_run_on_a_done_engine_restarts() -> None:
    engine, seen = _collecting_engine()
    started: list[int] = []
    engine.add_event_handler(Events.STARTED, lambda e: started.append(e.state.iteration))
    engine.run([1, 2], max_epochs=2)
    with pytest.raises(ValueError, match="max_epochs = None"):
        engine.run([3, 4, 5], max_epochs=1)  # fewer epochs than done: 0.5 asks for an explicit restart
    engine.state.max_epochs = None
    state = engine.run([3, 4, 5], max_epochs=1)
    assert seen == [1, 2, 1, 2, 3, 4, 5]
    assert started == [0, 0]
    assert (state.epoch, state.iteration, state.epoch_length, state.max_epochs) == (1, 3, 3, 1)
    state = engine.run([6])  # a new run defaults to 1 epoch
    assert (state.epoch, state.iteration, state.max_epochs) == (1, 1, 1)


def test_resume_after_terminate_continues_where_it_stopped() -> None:
    engine, seen = _collecting_engine()
    started: list[int] = []
    engine.add_event_handler(Events.STARTED, lambda e: started.append(e.state.iteration))
    epochs_completed: list[int] = []
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: epochs_completed.append(e.state.epoch))
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=5), lambda e: e.terminate())
    data = list(range(4))
    state = engine.run(data, max_epochs=3)
    assert (state.epoch, state.iteration) == (2, 5)
    state = engine.run(data, max_epochs=3)
    # As in pytorch-ignite 0.5: a terminated run goes on with the next epoch, a whole one.
    assert (state.epoch, state.iteration) == (3, 9)
    assert len(seen) == 9
    assert started == [0, 5]
    assert epochs_completed == [1, 3]


def test_resume_after_terminate_with_larger_max_epochs() -> None:
    engine, seen = _collecting_engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED(once=2), lambda e: e.terminate())
    state = engine.run([1, 2, 3], max_epochs=3)
    assert (state.epoch, state.iteration) == (2, 6)
    state = engine.run([1, 2, 3], max_epochs=5)
    assert (state.epoch, state.iteration, state.max_epochs) == (5, 15, 5)
    assert seen == [1, 2, 3] * 5


def test_resume_with_smaller_max_epochs_than_reached_raises() -> None:
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.EPOCH_COMPLETED(once=3), lambda e: e.terminate())
    engine.run([1, 2], max_epochs=5)
    with pytest.raises(ValueError, match="max_epochs"):
        engine.run([1, 2], max_epochs=2)


def test_resume_with_different_epoch_length_raises() -> None:
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda e: e.terminate())
    engine.run(range(10), epoch_length=4, max_epochs=2)
    with pytest.raises(ValueError, match="epoch_length"):
        engine.run(range(10), epoch_length=5)


def test_no_warnings_in_a_normal_run() -> None:
    engine = Engine(lambda e, b: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        engine.run(range(3), max_epochs=2)
