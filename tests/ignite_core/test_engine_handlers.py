"""Engine handlers: calling conventions, signature checks, registration, removal, handles, EXCEPTION_RAISED."""

from __future__ import annotations

import functools
import gc
import weakref
from typing import Any

import pytest

from ignite.engine import Engine, EventEnum, Events, RemovableEventHandle


class CustomEvents(EventEnum):
    CUSTOM_STARTED = "custom_started"
    CUSTOM_COMPLETED = "custom_completed"


def _noop_engine() -> Engine:
    return Engine(lambda e, b: None)


# ---------------------------------------------------------------------------------------------------------------
# Calling conventions


def test_handler_with_engine_argument_gets_the_engine() -> None:
    engine = _noop_engine()
    received: list[Any] = []
    engine.add_event_handler(Events.STARTED, lambda e: received.append(e))
    engine.run([0])
    assert received == [engine]


def test_handler_without_engine_argument_is_called_without_it() -> None:
    engine = _noop_engine()
    calls: list[str] = []

    def no_args() -> None:
        calls.append("called")

    engine.add_event_handler(Events.EPOCH_COMPLETED, no_args)
    engine.run([0, 1], max_epochs=3)
    assert calls == ["called"] * 3


def test_handler_with_extra_args_and_kwargs() -> None:
    engine = _noop_engine()
    calls: list[tuple[Any, ...]] = []

    def with_engine(e: Engine, a: int, b: str, *, scale: float) -> None:
        calls.append(("with", e is engine, a, b, scale))

    def without_engine(a: int, *, scale: float) -> None:
        calls.append(("without", a, scale))

    engine.add_event_handler(Events.COMPLETED, with_engine, 1, "x", scale=2.0)
    engine.add_event_handler(Events.COMPLETED, without_engine, 7, scale=0.5)
    engine.run([0])
    assert calls == [("with", True, 1, "x", 2.0), ("without", 7, 0.5)]


def test_on_decorator_passes_args_and_returns_the_function() -> None:
    engine = _noop_engine()
    calls: list[tuple[int, int]] = []

    @engine.on(Events.ITERATION_COMPLETED(every=2), 10)
    def handler(e: Engine, offset: int) -> None:
        calls.append((e.state.iteration, offset))

    assert callable(handler)
    assert handler.__name__ == "handler"
    engine.run(range(5))
    assert calls == [(2, 10), (4, 10)]


def test_callable_objects_partials_and_varargs_are_valid_handlers() -> None:
    engine = _noop_engine()
    log: list[Any] = []

    class Counter:
        def __init__(self) -> None:
            self.count = 0

        def __call__(self, e: Engine) -> None:
            self.count += 1

    def three(e: Engine, a: int, b: int) -> None:
        log.append(("partial", a, b))

    def varargs(*args: Any) -> None:
        log.append(("varargs", args))

    counter = Counter()
    engine.add_event_handler(Events.ITERATION_COMPLETED, counter)
    engine.add_event_handler(Events.COMPLETED, functools.partial(three, b=5), 4)
    engine.add_event_handler(Events.COMPLETED, varargs, "x")
    engine.run(range(3))
    assert counter.count == 3
    assert log == [("partial", 4, 5), ("varargs", (engine, "x"))]


def test_bound_methods_are_valid_handlers() -> None:
    class Recorder:
        def __init__(self) -> None:
            self.epochs: list[int] = []

        def on_epoch(self, engine: Engine) -> None:
            self.epochs.append(engine.state.epoch)

    engine = _noop_engine()
    recorder = Recorder()
    engine.add_event_handler(Events.EPOCH_COMPLETED, recorder.on_epoch)
    engine.run([0], max_epochs=3)
    assert recorder.epochs == [1, 2, 3]


# ---------------------------------------------------------------------------------------------------------------
# Signature checks and bad registrations


def test_handler_that_cannot_take_engine_or_args_raises_value_error_naming_it() -> None:
    engine = _noop_engine()

    def needs_three(a: Any, b: Any, c: Any) -> None:
        pass

    with pytest.raises(ValueError, match="needs_three"):
        engine.add_event_handler(Events.STARTED, needs_three)

    def takes_engine_only(e: Engine) -> None:
        pass

    with pytest.raises(ValueError, match="takes_engine_only"):
        engine.add_event_handler(Events.STARTED, takes_engine_only, 1, 2)

    def keyword_only(e: Engine, *, alpha: int) -> None:
        pass

    with pytest.raises(ValueError, match="keyword_only"):
        engine.add_event_handler(Events.STARTED, keyword_only, beta=1)
    with pytest.raises(ValueError, match="keyword_only"):
        engine.add_event_handler(Events.STARTED, keyword_only)
    assert not engine.has_event_handler(needs_three)
    assert not engine.has_event_handler(keyword_only)


def test_non_callable_handler_raises_type_error() -> None:
    engine = _noop_engine()
    with pytest.raises(TypeError, match="callable"):
        engine.add_event_handler(Events.STARTED, "not a function")  # type: ignore[arg-type]


def test_unregistered_event_raises_value_error() -> None:
    engine = _noop_engine()
    with pytest.raises(ValueError, match="register"):
        engine.add_event_handler(CustomEvents.CUSTOM_STARTED, lambda: None)
    with pytest.raises(ValueError, match="register"):
        engine.add_event_handler("no_such_event", lambda: None)
    with pytest.raises(ValueError, match="register"):
        engine.fire_event(CustomEvents.CUSTOM_STARTED)
    with pytest.raises(ValueError):
        engine.on("no_such_event")(lambda: None)


def test_event_of_wrong_type_raises_value_error_as_in_0_5() -> None:
    engine = _noop_engine()
    with pytest.raises(ValueError):
        engine.add_event_handler(42, lambda: None)


def test_register_events_with_non_str_or_enum_raises_type_error() -> None:
    engine = _noop_engine()
    with pytest.raises(TypeError, match="event_names"):
        engine.register_events(123)
    with pytest.raises(TypeError):
        engine.register_events("ok_name", None)
    with pytest.raises(TypeError):
        engine.register_events(CustomEvents)  # the class, not its members


def test_register_events_rejects_bad_event_to_attr() -> None:
    engine = _noop_engine()
    with pytest.raises(ValueError, match="event_to_attr"):
        engine.register_events(*CustomEvents, event_to_attr=["custom_counter"])  # type: ignore[arg-type]


def test_process_function_signature_is_checked() -> None:
    with pytest.raises(TypeError, match="process_function"):
        Engine(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="process_function"):
        Engine(lambda: None)  # type: ignore[arg-type,misc]
    with pytest.raises(ValueError, match="process_function"):
        Engine(lambda engine: None)  # type: ignore[arg-type,misc]
    with pytest.raises(ValueError, match="process_function"):
        Engine(lambda engine, batch, extra: None)  # type: ignore[arg-type,misc]
    Engine(lambda engine, batch, extra=None: None)  # a defaulted third parameter is fine


def test_register_events_allows_firing_and_handling() -> None:
    engine = Engine(
        lambda e, b: (e.fire_event(CustomEvents.CUSTOM_STARTED), e.fire_event(CustomEvents.CUSTOM_COMPLETED))
    )
    engine.register_events(*CustomEvents)
    assert engine.has_registered_events(CustomEvents.CUSTOM_STARTED)
    order: list[str] = []
    engine.add_event_handler(CustomEvents.CUSTOM_STARTED, lambda e: order.append(f"s{e.state.iteration}"))
    engine.add_event_handler(CustomEvents.CUSTOM_COMPLETED, lambda: order.append("c"))
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: order.append(f"i{e.state.iteration}"))
    engine.run([0, 1])
    assert order == ["s1", "c", "i1", "s2", "c", "i2"]
    # Registering again is harmless.
    engine.register_events(*CustomEvents)
    engine.run([0])
    assert order[-3:] == ["s1", "c", "i1"]


def test_fire_event_outside_a_run_calls_handlers_and_sets_last_event_name() -> None:
    engine = _noop_engine()
    engine.register_events("ping")
    calls: list[str] = []
    engine.add_event_handler("ping", lambda: calls.append("pong"))
    engine.fire_event("ping")
    assert calls == ["pong"]
    assert engine.last_event_name == "ping"
    engine.fire_event(Events.STARTED)  # built-in event with no handler: nothing happens
    assert engine.last_event_name == Events.STARTED


# ---------------------------------------------------------------------------------------------------------------
# has_event_handler / remove_event_handler


def test_has_event_handler_with_and_without_event() -> None:
    engine = _noop_engine()

    def handler(e: Engine) -> None:
        pass

    def other(e: Engine) -> None:
        pass

    assert not engine.has_event_handler(handler)
    engine.add_event_handler(Events.EPOCH_COMPLETED(every=2), handler)
    assert engine.has_event_handler(handler)
    assert engine.has_event_handler(handler, Events.EPOCH_COMPLETED)
    assert engine.has_event_handler(handler, Events.EPOCH_COMPLETED(every=5))
    assert not engine.has_event_handler(handler, Events.EPOCH_STARTED)
    assert not engine.has_event_handler(other)


def test_has_event_handler_compares_bound_methods_by_equality() -> None:
    class Holder:
        def method(self, e: Engine) -> None:
            pass

    engine = _noop_engine()
    holder = Holder()
    engine.add_event_handler(Events.COMPLETED, holder.method)
    assert engine.has_event_handler(holder.method, Events.COMPLETED)  # a new bound-method object
    assert not engine.has_event_handler(Holder().method, Events.COMPLETED)
    engine.remove_event_handler(holder.method, Events.COMPLETED)
    assert not engine.has_event_handler(holder.method)


def test_remove_event_handler() -> None:
    engine = _noop_engine()
    calls: list[str] = []

    def a() -> None:
        calls.append("a")

    def b() -> None:
        calls.append("b")

    engine.add_event_handler(Events.ITERATION_COMPLETED, a)
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=2), b)
    engine.remove_event_handler(a, Events.ITERATION_COMPLETED)
    assert not engine.has_event_handler(a)
    assert engine.has_event_handler(b, Events.ITERATION_COMPLETED)
    engine.run(range(4))
    assert calls == ["b", "b"]
    engine.remove_event_handler(b, Events.ITERATION_COMPLETED(every=2))
    calls.clear()
    engine.run(range(4))
    assert calls == []


def test_remove_event_handler_not_found_raises_value_error() -> None:
    engine = _noop_engine()

    def registered() -> None:
        pass

    def unknown() -> None:
        pass

    engine.add_event_handler(Events.STARTED, registered)
    with pytest.raises(ValueError, match="not found"):
        engine.remove_event_handler(unknown, Events.STARTED)
    with pytest.raises(ValueError, match="does not exist"):
        engine.remove_event_handler(registered, Events.COMPLETED)
    assert engine.has_event_handler(registered, Events.STARTED)


# ---------------------------------------------------------------------------------------------------------------
# RemovableEventHandle


def test_handle_remove_detaches_the_handler() -> None:
    engine = _noop_engine()
    calls: list[int] = []

    def handler(e: Engine) -> None:
        calls.append(e.state.iteration)

    handle = engine.add_event_handler(Events.ITERATION_COMPLETED, handler)
    assert isinstance(handle, RemovableEventHandle)
    engine.run(range(2))
    assert calls == [1, 2]
    handle.remove()
    assert not engine.has_event_handler(handler)
    engine.run(range(2))
    assert calls == [1, 2]
    handle.remove()  # removing twice is harmless


def test_handle_as_context_manager() -> None:
    engine = _noop_engine()
    calls: list[str] = []

    def handler() -> None:
        calls.append("x")

    with engine.add_event_handler(Events.ITERATION_COMPLETED, handler) as handle:
        assert isinstance(handle, RemovableEventHandle)
        assert engine.has_event_handler(handler, Events.ITERATION_COMPLETED)
        engine.run(range(3))
    assert calls == ["x"] * 3
    assert not engine.has_event_handler(handler)
    engine.run(range(3))
    assert calls == ["x"] * 3


def test_handle_of_events_list_removes_from_every_event() -> None:
    engine = _noop_engine()
    calls: list[str] = []

    def handler(e: Engine) -> None:
        calls.append(str(e.last_event_name))

    handle = engine.add_event_handler(Events.STARTED | Events.COMPLETED, handler)
    engine.run([0])
    assert calls == ["Events.STARTED", "Events.COMPLETED"]
    handle.remove()
    assert not engine.has_event_handler(handler, Events.STARTED)
    assert not engine.has_event_handler(handler, Events.COMPLETED)


def test_handle_does_not_keep_bound_method_object_alive() -> None:
    class Holder:
        def method(self, e: Engine) -> None:
            pass

    engine = _noop_engine()
    holder = Holder()
    ref = weakref.ref(holder)
    handle = engine.add_event_handler(Events.COMPLETED, holder.method)
    engine.remove_event_handler(holder.method, Events.COMPLETED)
    del holder
    gc.collect()
    assert ref() is None  # only the handle is left, and it holds the method weakly
    handle.remove()  # the object is gone: nothing to do, no error


def test_handle_does_not_keep_engine_alive() -> None:
    engine = _noop_engine()

    def handler() -> None:
        pass

    handle = engine.add_event_handler(Events.COMPLETED, handler)
    engine_ref = weakref.ref(engine)
    del engine
    gc.collect()
    assert engine_ref() is None
    handle.remove()  # no engine left: no error


# ---------------------------------------------------------------------------------------------------------------
# Handlers changing during a run


def test_handler_added_during_run_takes_effect() -> None:
    engine = _noop_engine()
    late: list[int] = []

    @engine.on(Events.ITERATION_COMPLETED(once=3))
    def add_late(e: Engine) -> None:
        e.add_event_handler(Events.ITERATION_COMPLETED, lambda eng: late.append(eng.state.iteration))
        e.add_event_handler(Events.EPOCH_COMPLETED, lambda eng: late.append(-eng.state.epoch))

    engine.run(range(6), max_epochs=2)
    # As in pytorch-ignite 0.5, a handler added to the event being fired runs in that same firing.
    assert late == [3, 4, 5, 6, -1, 7, 8, 9, 10, 11, 12, -2]


def test_handler_removed_during_run_stops_being_called() -> None:
    engine = _noop_engine()
    calls: list[int] = []

    def counted(e: Engine) -> None:
        calls.append(e.state.iteration)

    engine.add_event_handler(Events.ITERATION_COMPLETED, counted)

    @engine.on(Events.ITERATION_STARTED(once=4))
    def remove_it(e: Engine) -> None:
        e.remove_event_handler(counted, Events.ITERATION_COMPLETED)

    engine.run(range(8))
    assert calls == [1, 2, 3]


def test_handler_removing_itself() -> None:
    engine = _noop_engine()
    calls: list[int] = []

    def one_shot(e: Engine) -> None:
        calls.append(e.state.iteration)
        e.remove_event_handler(one_shot, Events.ITERATION_COMPLETED)

    engine.add_event_handler(Events.ITERATION_COMPLETED, one_shot)
    engine.run(range(5))
    assert calls == [1]


# ---------------------------------------------------------------------------------------------------------------
# EXCEPTION_RAISED


class BatchError(RuntimeError):
    pass


def _failing_step(engine: Engine, batch: int) -> int:
    if batch == 3:
        raise BatchError(f"bad batch {batch}")
    return batch


def test_exception_is_reraised_without_handler() -> None:
    engine = Engine(_failing_step)
    completed: list[bool] = []
    engine.add_event_handler(Events.COMPLETED, lambda: completed.append(True))
    with pytest.raises(BatchError, match="bad batch 3"):
        engine.run(range(6))
    assert engine.state.iteration == 4
    assert completed == []


def test_exception_handler_gets_engine_and_exception_and_run_returns() -> None:
    engine = Engine(_failing_step)
    received: list[tuple[Any, BaseException]] = []

    @engine.on(Events.EXCEPTION_RAISED)
    def on_error(e: Engine, exc: BaseException) -> None:
        received.append((e, exc))

    state = engine.run(range(6), max_epochs=2)
    assert state is engine.state
    # As in pytorch-ignite 0.5: a handled exception during the iterations ends that epoch; the run goes on.
    assert len(received) == 2
    assert received[0][0] is engine
    assert isinstance(received[0][1], BatchError)
    assert str(received[0][1]) == "bad batch 3"
    assert engine.state.iteration == 10  # epoch 2 went on with the data: 4, 5, 0, 1, 2, 3
    assert engine.state.epoch == 2


def test_exception_handler_without_engine_and_exceptions_from_handlers() -> None:
    engine = _noop_engine()
    received: list[BaseException] = []
    engine.add_event_handler(Events.EXCEPTION_RAISED, lambda exc: received.append(exc))

    @engine.on(Events.EPOCH_COMPLETED(once=2))
    def broken() -> None:
        raise KeyError("from handler")

    engine.run([0], max_epochs=5)
    assert len(received) == 1
    assert isinstance(received[0], KeyError)
    assert engine.state.epoch == 2


def test_exception_handler_may_reraise() -> None:
    engine = Engine(_failing_step)

    @engine.on(Events.EXCEPTION_RAISED)
    def reraise(e: Engine, exc: BaseException) -> None:
        raise exc

    with pytest.raises(BatchError):
        engine.run(range(6))


def test_keyboard_interrupt_goes_to_exception_handlers_as_in_0_5() -> None:
    def step(engine: Engine, batch: int) -> None:
        if batch == 1:
            raise KeyboardInterrupt

    engine = Engine(step)
    received: list[BaseException] = []
    engine.add_event_handler(Events.EXCEPTION_RAISED, lambda e, exc: received.append(exc))
    engine.run(range(3))
    assert [type(exc) for exc in received] == [KeyboardInterrupt]
    with pytest.raises(KeyboardInterrupt):
        Engine(step).run(range(3))  # without a handler it propagates
