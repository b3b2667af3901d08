"""The :class:`Engine`: runs a process function over data and fires events around every step.

Speed notes. Handlers are compiled, per event, into one zero-argument dispatcher whenever they
change; the loop calls it only when it exists, so an event with no handler costs a ``None`` check.
Handlers with the same ``every=N`` filter registered one after another share one modulo check.
"""

from __future__ import annotations

import functools
import logging
import math
import numbers
import sys
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from ignite.base.mixins import Serializable
from ignite.engine.events import (
    CallableEventWithFilter,
    EventFilter,
    Events,
    EventsList,
    RemovableEventHandle,
    State,
    _EveryFilter,
    default_event_to_attr,
)
from ignite.engine.utils import _check_signature, _takes_engine, _to_hours_mins_secs

__all__ = ["Engine"]

F = TypeVar("F", bound=Callable[..., Any])
Dispatcher = Callable[[], None]

_GBS = Events.GET_BATCH_STARTED
_GBC = Events.GET_BATCH_COMPLETED
_ITS = Events.ITERATION_STARTED
_ITC = Events.ITERATION_COMPLETED


class _Handler:
    """A registered handler: what the user gave, and the prepared zero-argument call."""

    __slots__ = ("args", "call", "event_filter", "handler", "kwargs", "takes_engine")

    def __init__(
        self,
        handler: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        event_filter: EventFilter | None,
        takes_engine: bool,
        engine: Engine,
    ) -> None:
        self.handler = handler
        self.args = args
        self.kwargs = kwargs
        self.event_filter = event_filter
        self.takes_engine = takes_engine
        lead = (engine,) if takes_engine else ()
        self.call: Callable[..., Any] = (
            functools.partial(handler, *lead, *args, **kwargs) if (lead or args or kwargs) else handler
        )

    def call_with(self, engine: Engine, event_args: tuple[Any, ...]) -> None:
        lead = (engine,) if self.takes_engine else ()
        self.handler(*lead, *event_args, *self.args, **self.kwargs)


def _every_group(engine: Engine, attr: str, every: int, calls: tuple[Callable[[], Any], ...]) -> Dispatcher:
    def dispatch() -> None:
        if getattr(engine.state, attr) % every == 0:
            for call in calls:
                call()

    return dispatch


def _filtered(engine: Engine, attr: str, event_filter: EventFilter, call: Callable[[], Any]) -> Dispatcher:
    def dispatch() -> None:
        if event_filter(engine, getattr(engine.state, attr)):
            call()

    return dispatch


def _sequence(steps: tuple[Callable[[], Any], ...]) -> Dispatcher:
    def dispatch() -> None:
        for step in steps:
            step()

    return dispatch


def _check_positive(name: str, value: Any) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0
    ):
        raise ValueError(f"Argument {name} should be a positive integer or None, got {value!r}")


class _StopFlag:
    """A bool attribute of the engine whose writes also refresh the engine's single stop flag."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = f"_{name}"

    def __get__(self, engine: Engine | None, owner: type | None = None) -> bool:
        if engine is None:
            return False
        value: bool = getattr(engine, self.attr)
        return value

    def __set__(self, engine: Engine, value: bool) -> None:
        setattr(engine, self.attr, bool(value))
        engine._refresh_stop_flag()


class Engine(Serializable):
    """Runs ``process_function(engine, batch)`` over each batch of the data, firing events as it goes.

    Args:
        process_function: called with the engine and the current batch; its return value is stored
            in ``engine.state.output``.

    Attributes:
        state: the run's :class:`~ignite.engine.events.State`.
        last_event_name: the last event fired.
        logger: ``logging`` logger named after the engine class.
    """

    _state_dict_all_req_keys: tuple[str, ...] = ("epoch_length",)
    _state_dict_one_of_opt_keys: tuple[tuple[str, ...], ...] = (
        ("iteration", "epoch"),
        ("max_epochs", "max_iters"),
    )

    #: Kept for pytorch-ignite compatibility; interrupt/resume is always available here.
    interrupt_resume_enabled = True

    def __init__(self, process_function: Callable[[Engine, Any], Any]) -> None:
        if not callable(process_function):
            raise TypeError(
                f"Argument process_function should be callable, got {type(process_function).__name__}"
            )
        _check_signature(process_function, "process_function", self, None)
        self._process_function = process_function
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self.last_event_name: Any = None
        self.state_dict_user_keys: list[str] = []
        self._event_to_attr = default_event_to_attr()
        self._allowed_events: list[Any] = list(Events)
        self._allowed_events_set: set[Any] = set(self._allowed_events)
        self._event_handlers: dict[Any, list[_Handler]] = {}
        self._dispatchers: dict[Any, Dispatcher] = {}
        self._d_gbs: Dispatcher | None = None
        self._d_gbc: Dispatcher | None = None
        self._d_its: Dispatcher | None = None
        self._d_itc: Dispatcher | None = None
        self.state = State()
        self.state.event_to_attr = self._event_to_attr
        self._dataloader_iter: Iterator[Any] | None = None
        self._dataloader_len: int | None = None
        self._drawn = 0  # batches drawn from the current data iterator
        self._epoch_iteration = 0  # iterations done in the current epoch
        self._in_epoch = False
        self._paused = False
        self._epoch_start = 0.0
        self._run_start = 0.0
        self._stop_requested = False
        self._should_terminate = False
        self._should_terminate_single_epoch = False
        self._should_interrupt = False
        self._skip_completed = False
        self._skip_epoch_completed = False

    # ----------------------------------------------------------------------------------------------
    # Stop flags: descriptors, so that the loop checks a single attribute (_stop_requested) per iteration.

    should_terminate = _StopFlag()
    should_terminate_single_epoch = _StopFlag()
    should_interrupt = _StopFlag()

    def _refresh_stop_flag(self) -> None:
        self._stop_requested = (
            self._should_terminate or self._should_terminate_single_epoch or self._should_interrupt
        )

    def terminate(self, skip_completed: bool = False) -> None:
        """Stop the run after the current iteration (or event).

        Fires ``TERMINATE_SINGLE_EPOCH`` when stopping inside an epoch, then ``TERMINATE``, then
        ``COMPLETED`` unless ``skip_completed``. A later ``run()`` resumes where the run stopped.
        """
        self.logger.info("Terminate signaled. Engine will stop after current iteration is finished.")
        self._skip_completed = skip_completed
        self.should_terminate = True

    def terminate_epoch(self, skip_epoch_completed: bool = False) -> None:
        """End the current epoch after the current iteration; the run goes on with the next epoch.

        Fires ``TERMINATE_SINGLE_EPOCH``, then ``EPOCH_COMPLETED`` unless ``skip_epoch_completed``.
        """
        self.logger.info(
            "Terminate current epoch is signaled. Current epoch will stop after current iteration."
        )
        self._skip_epoch_completed = skip_epoch_completed
        self.should_terminate_single_epoch = True

    def interrupt(self) -> None:
        """Pause the run after the current iteration and fire ``INTERRUPT``; ``run()`` resumes it."""
        if not self.interrupt_resume_enabled:
            raise RuntimeError("Engine.interrupt() needs Engine.interrupt_resume_enabled = True")
        self.logger.info("Interrupt signaled. Engine will interrupt the run after current iteration.")
        self.should_interrupt = True

    # ----------------------------------------------------------------------------------------------
    # Events and handlers

    def register_events(self, *event_names: Any, event_to_attr: dict[Any, str] | None = None) -> None:
        """Allow custom events (``EventEnum`` members or strings) to be fired and handled.

        ``event_to_attr`` maps events to the ``State`` counter their filters read; a missing counter is
        created with value 0.
        """
        if event_to_attr is not None and not isinstance(event_to_attr, Mapping):
            raise ValueError(f"Expected event_to_attr to be a dictionary, got {type(event_to_attr).__name__}")
        for index, name in enumerate(event_names):
            if not isinstance(name, (CallableEventWithFilter, str)):
                raise TypeError(
                    f"Value at {index} of event_names should be a str or an EventEnum member, "
                    f"got {type(name).__name__}: {name!r}"
                )
            if isinstance(name, CallableEventWithFilter) and name.filter is not None:
                raise ValueError(f"Register the event itself, not a filtered copy: {name!r}")
            if name not in self._allowed_events_set:
                self._allowed_events.append(name)
                self._allowed_events_set.add(name)
            if event_to_attr and name in event_to_attr:
                attr = event_to_attr[name]
                self._event_to_attr[name] = attr
                if not hasattr(self.state, attr):
                    setattr(self.state, attr, 0)

    def has_registered_events(self, event: Any) -> bool:
        """Whether ``event`` may be fired and handled by this engine."""
        return event in self._allowed_events_set

    def _base_event(self, event_name: Any) -> Any:
        if not isinstance(event_name, (CallableEventWithFilter, str)):
            raise TypeError(
                f"Argument event_name should be an event (e.g. Events.EPOCH_COMPLETED) or a registered "
                f"custom event, got {type(event_name).__name__}: {event_name!r}"
            )
        if event_name not in self._allowed_events_set:
            raise ValueError(
                f"Event {event_name!r} is not a valid event for this {type(self).__name__}: register it first "
                "with engine.register_events(...)"
            )
        # Filtered copies hash and compare like their value: return the registered event itself.
        for registered in self._allowed_events:
            if registered == event_name:
                return registered
        raise AssertionError("unreachable")  # pragma: no cover

    def add_event_handler(
        self, event_name: Any, handler: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Call ``handler`` whenever ``event_name`` fires (and its filter, if any, passes).

        ``handler`` is called as ``handler(engine, *args, **kwargs)``, or ``handler(*args, **kwargs)`` if
        it cannot take the engine. Returns a handle whose ``remove()`` detaches it.
        """
        if isinstance(event_name, EventsList):
            for event in event_name:
                self.add_event_handler(event, handler, *args, **kwargs)
            return RemovableEventHandle(event_name, handler, self)
        if not callable(handler):
            raise TypeError(f"Argument handler should be callable, got {type(handler).__name__}: {handler!r}")
        key = self._base_event(event_name)
        event_filter = getattr(event_name, "filter", None)
        if event_filter is not None and key not in self._event_to_attr:
            raise ValueError(
                f"Filtered event {event_name!r} needs a state counter: register it with "
                "engine.register_events(..., event_to_attr={event: 'attribute'})"
            )
        event_args: tuple[Any, ...] = (Exception(),) if key == Events.EXCEPTION_RAISED else ()
        takes_engine = _takes_engine(handler, self, event_args, *args, **kwargs)
        entry = _Handler(handler, args, kwargs, event_filter, takes_engine, self)
        self._event_handlers.setdefault(key, []).append(entry)
        self._compile(key)
        self.logger.debug("Added handler for event %s", key)
        return RemovableEventHandle(event_name, handler, self)

    def on(self, event_name: Any, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """Decorator form of :meth:`add_event_handler`."""

        def decorator(f: F) -> F:
            self.add_event_handler(event_name, f, *args, **kwargs)
            return f

        return decorator

    def has_event_handler(self, handler: Callable[..., Any], event_name: Any | None = None) -> bool:
        """Whether ``handler`` is attached to ``event_name`` (to any event if it is None)."""
        if event_name is not None:
            entries = self._event_handlers.get(event_name, ())
        else:
            entries = [e for group in self._event_handlers.values() for e in group]
        return any(entry.handler == handler for entry in entries)

    def remove_event_handler(self, handler: Callable[..., Any], event_name: Any) -> None:
        """Detach every registration of ``handler`` on ``event_name``."""
        entries = self._event_handlers.get(event_name)
        if not entries:
            raise ValueError(
                f"Input event name {event_name!r} does not exist among registered event handlers"
            )
        kept = [entry for entry in entries if entry.handler != handler]
        if len(kept) == len(entries):
            raise ValueError(f"Input handler {handler!r} is not found among registered event handlers")
        key = self._base_event(event_name)
        self._event_handlers[key] = kept
        self._compile(key)

    def _compile(self, key: Any) -> None:
        """Rebuild the dispatcher of one event after its handlers changed."""
        entries = self._event_handlers.get(key, [])
        if not entries:
            self._event_handlers.pop(key, None)
            self._dispatchers.pop(key, None)
        else:
            self._dispatchers[key] = self._build_dispatcher(key, entries)
        self._d_gbs = self._dispatchers.get(_GBS)
        self._d_gbc = self._dispatchers.get(_GBC)
        self._d_its = self._dispatchers.get(_ITS)
        self._d_itc = self._dispatchers.get(_ITC)

    def _build_dispatcher(self, key: Any, entries: list[_Handler]) -> Dispatcher:
        attr = self._event_to_attr.get(key, "")
        steps: list[Callable[[], Any]] = []
        index = 0
        while index < len(entries):
            entry = entries[index]
            flt = entry.event_filter
            if flt is None:
                steps.append(entry.call)
                index += 1
            elif isinstance(flt, _EveryFilter) and flt.is_plain:
                group = [entry.call]
                index += 1
                while index < len(entries):
                    nxt = entries[index].event_filter
                    if not (isinstance(nxt, _EveryFilter) and nxt.is_plain and nxt.every == flt.every):
                        break
                    group.append(entries[index].call)
                    index += 1
                steps.append(_every_group(self, attr, flt.every, tuple(group)))
            else:
                steps.append(_filtered(self, attr, flt, entry.call))
                index += 1
        if len(steps) == 1:
            return steps[0]
        return _sequence(tuple(steps))

    def fire_event(self, event_name: Any) -> None:
        """Fire ``event_name`` now: run its handlers (custom events are fired this way)."""
        self.last_event_name = event_name
        dispatcher = self._dispatchers.get(event_name)
        if dispatcher is not None:
            dispatcher()
        elif event_name not in self._allowed_events_set:
            raise ValueError(
                f"Event {event_name!r} is not registered: call engine.register_events(...) before firing it"
            )

    _fire_event = fire_event

    def _fire_with_args(self, event_name: Any, *event_args: Any) -> None:
        self.last_event_name = event_name
        state = self.state
        for entry in list(self._event_handlers.get(event_name, ())):
            flt = entry.event_filter
            if flt is None or flt(self, state.get_event_attrib_value(event_name)):
                entry.call_with(self, event_args)

    # ----------------------------------------------------------------------------------------------
    # Data and state

    def set_data(self, data: Iterable[Any]) -> None:
        """Switch the data source: the next batch comes from ``data``."""
        if not isinstance(data, Iterable):
            raise TypeError(f"Argument data should be iterable, got {type(data).__name__}")
        self.state.dataloader = data
        self._dataloader_iter = None
        self._dataloader_len = _length(data)
        self._drawn = 0

    def state_dict(self) -> OrderedDict[str, Any]:
        """``epoch_length``, ``max_epochs`` (or ``max_iters``), ``iteration`` and the user keys."""
        state = self.state
        result: OrderedDict[str, Any] = OrderedDict(epoch_length=state.epoch_length)
        if state.max_iters is not None:
            result["max_iters"] = state.max_iters
        else:
            result["max_epochs"] = state.max_epochs
        result["iteration"] = state.iteration
        for key in self.state_dict_user_keys:
            result[key] = getattr(state, key)
        return result

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore a state saved by :meth:`state_dict`; the next ``run()`` resumes from it."""
        super().load_state_dict(state_dict)
        missing = [k for k in self.state_dict_user_keys if k not in state_dict]
        if missing:
            raise ValueError(f"Required user state attribute(s) {missing} absent in the provided state_dict")
        epoch_length = state_dict["epoch_length"]
        _check_positive("epoch_length", epoch_length)
        max_epochs = state_dict.get("max_epochs")
        max_iters = state_dict.get("max_iters")
        _check_positive("max_epochs", max_epochs)
        _check_positive("max_iters", max_iters)
        if "iteration" in state_dict:
            iteration = int(state_dict["iteration"])
            epoch = iteration // epoch_length
        else:
            epoch = int(state_dict["epoch"])
            iteration = epoch * epoch_length
        total = max_iters if max_iters is not None else epoch_length * max_epochs
        if iteration < 0 or iteration > total:
            raise ValueError(
                f"state_dict iteration {iteration} is outside [0, {total}] for epoch_length={epoch_length}, "
                f"max_epochs={max_epochs}, max_iters={max_iters}"
            )
        state = self.state
        state.epoch_length = epoch_length
        state.max_iters = max_iters
        state.max_epochs = max_epochs if max_iters is None else math.ceil(max_iters / epoch_length)
        state.iteration = iteration
        state.epoch = epoch
        for key in self.state_dict_user_keys:
            setattr(state, key, state_dict[key])
        self._paused = False
        self._in_epoch = False
        self._dataloader_iter = None
        self._drawn = 0

    @staticmethod
    def _is_done(state: State) -> bool:
        if state.max_iters is not None and state.iteration >= state.max_iters:
            return True
        if state.epoch_length is not None and state.max_epochs is not None:
            return state.iteration >= state.epoch_length * state.max_epochs
        return state.max_epochs is not None and state.epoch >= state.max_epochs

    # ----------------------------------------------------------------------------------------------
    # Running

    def run(
        self,
        data: Iterable[Any] | None = None,
        max_epochs: int | None = None,
        max_iters: int | None = None,
        epoch_length: int | None = None,
    ) -> State:
        """Run (or resume) over ``data`` and return the state.

        A new run starts on the first call and whenever the previous run is done; otherwise the call
        resumes an interrupted, terminated or reloaded run, and the given arguments update it.

        Args:
            data: any iterable of batches; ``None`` calls the process function with ``batch=None`` and
                needs ``epoch_length``.
            max_epochs: epochs to run (default 1 for a new run). Exclusive with ``max_iters``.
            max_iters: total iterations to run. Exclusive with ``max_epochs``.
            epoch_length: iterations per epoch; defaults to ``len(data)``, or, for data without a length,
                to the number of batches the first epoch could draw.
        """
        if data is not None and not isinstance(data, Iterable):
            raise TypeError(
                f"Argument data should be iterable (e.g. a list or a DataLoader), got {type(data).__name__}"
            )
        _check_positive("max_epochs", max_epochs)
        _check_positive("max_iters", max_iters)
        _check_positive("epoch_length", epoch_length)
        if max_epochs is not None and max_iters is not None:
            raise ValueError(
                "Arguments max_iters and max_epochs are mutually exclusive: give only one of them"
            )

        state = self.state
        started = state.max_epochs is not None or state.max_iters is not None
        if self._paused or (started and not self._is_done(state)):
            self._update_resumed_state(data, max_epochs, max_iters, epoch_length)
        else:
            self._new_state(data, max_epochs, max_iters, epoch_length)
        return self._internal_run()

    def _new_state(
        self,
        data: Iterable[Any] | None,
        max_epochs: int | None,
        max_iters: int | None,
        epoch_length: int | None,
    ) -> None:
        if data is None and epoch_length is None:
            raise ValueError("Argument epoch_length should be given when data is None")
        if epoch_length is None:
            assert data is not None
            epoch_length = _length(data)
            if epoch_length == 0:
                raise ValueError("Argument data is empty: it should yield at least one batch")
        if max_iters is None and max_epochs is None:
            max_epochs = 1
        if max_iters is not None and epoch_length is not None:
            max_epochs = math.ceil(max_iters / epoch_length)
        state = self.state
        state.iteration = 0
        state.epoch = 0
        state.epoch_length = epoch_length
        state.max_epochs = max_epochs
        state.max_iters = max_iters
        state.event_to_attr = self._event_to_attr
        self._set_data_source(data)
        self._in_epoch = False
        self._paused = False

    def _update_resumed_state(
        self,
        data: Iterable[Any] | None,
        max_epochs: int | None,
        max_iters: int | None,
        epoch_length: int | None,
    ) -> None:
        state = self.state
        if epoch_length is not None and state.epoch_length is not None and epoch_length != state.epoch_length:
            raise ValueError(
                f"Argument epoch_length={epoch_length} differs from the resumed run's epoch_length={state.epoch_length}"
            )
        if max_epochs is not None:
            if max_epochs < state.epoch:
                raise ValueError(
                    f"Argument max_epochs={max_epochs} should be at least the current epoch {state.epoch} to resume"
                )
            state.max_epochs = max_epochs
            state.max_iters = None
        if max_iters is not None:
            if max_iters < state.iteration:
                raise ValueError(
                    f"Argument max_iters={max_iters} should be at least the current iteration {state.iteration}"
                )
            state.max_iters = max_iters
            if state.epoch_length is not None:
                state.max_epochs = math.ceil(max_iters / state.epoch_length)
        if data is not None and data is not state.dataloader:
            self._set_data_source(data)
        elif state.dataloader is None and state.epoch_length is not None and self._dataloader_iter is None:
            self._set_data_source(None)

    def _set_data_source(self, data: Iterable[Any] | None) -> None:
        self.state.dataloader = data
        self._dataloader_iter = repeat(None) if data is None else None
        self._dataloader_len = None if data is None else _length(data)
        self._drawn = 0

    def _internal_run(self) -> State:
        state = self.state
        resuming_pause = self._paused
        self._paused = False
        self.should_terminate = self.should_terminate_single_epoch = self.should_interrupt = False
        try:
            if not resuming_pause:
                self._run_start = time.perf_counter()
                self._in_epoch = False
                if state.epoch_length:
                    self._epoch_iteration = state.iteration % state.epoch_length
                    state.epoch = state.iteration // state.epoch_length
                else:
                    self._epoch_iteration = 0
                self._fire_event(Events.STARTED)
                if self._stop_requested and self._handle_stop_between_epochs():
                    return state
            while not self._run_is_over():
                if not self._in_epoch:
                    state.epoch += 1
                    self._epoch_start = time.perf_counter()
                    self._in_epoch = True
                    self._fire_event(Events.EPOCH_STARTED)
                    if self._stop_requested:
                        if self._handle_stop_inside_epoch():
                            return state
                        continue  # terminate_epoch() closed this epoch before its first iteration
                self._run_once_on_dataset()
                if self._stop_requested:
                    if self._handle_stop_inside_epoch():
                        return state
                    continue
                self._complete_epoch()
                if self._stop_requested and self._handle_stop_between_epochs():
                    return state
            self._complete_run()
        except BaseException as exc:
            self._paused = False
            self._in_epoch = False
            if not isinstance(exc, Exception):
                raise
            self._handle_exception(exc)
        return state

    def _run_is_over(self) -> bool:
        state = self.state
        if state.max_iters is not None and state.iteration >= state.max_iters:
            return True
        return not self._in_epoch and state.max_epochs is not None and state.epoch >= state.max_epochs

    def _complete_epoch(self) -> None:
        state = self.state
        self._in_epoch = False
        self._epoch_iteration = 0
        elapsed = time.perf_counter() - self._epoch_start
        state.times[Events.EPOCH_COMPLETED.name] = elapsed
        self._fire_event(Events.EPOCH_COMPLETED)
        self._log_time_taken(f"Epoch[{state.epoch}] Complete", elapsed)

    def _complete_run(self) -> None:
        elapsed = time.perf_counter() - self._run_start
        self.state.times[Events.COMPLETED.name] = elapsed
        self._fire_event(Events.COMPLETED)
        self._log_time_taken("Engine run complete", elapsed)

    def _log_time_taken(self, what: str, elapsed: float) -> None:
        if self.logger.isEnabledFor(logging.INFO):
            hours, mins, secs = _to_hours_mins_secs(elapsed)
            self.logger.info(f"{what}. Time taken: {hours:02d}:{mins:02d}:{secs:06.3f}")

    def _handle_stop_inside_epoch(self) -> bool:
        """Act on a stop request made during an epoch; True when the run must return now."""
        if self._should_interrupt:
            self._pause()
            return True
        if self._should_terminate:
            self._fire_event(Events.TERMINATE_SINGLE_EPOCH)
            self._in_epoch = False
            self._terminate_run()
            return True
        # terminate_epoch(): close this epoch and go on with the next one.
        self.should_terminate_single_epoch = False
        self._fire_event(Events.TERMINATE_SINGLE_EPOCH)
        if self._skip_epoch_completed:
            self._in_epoch = False
            self._epoch_iteration = 0
        else:
            self._complete_epoch()
        self._skip_epoch_completed = False
        return bool(self._stop_requested) and self._handle_stop_between_epochs()

    def _handle_stop_between_epochs(self) -> bool:
        """Act on a stop request made outside an epoch's iterations; True when the run must return."""
        if self._should_interrupt:
            self._pause()
            return True
        if self._should_terminate:
            self._terminate_run()
            return True
        self.should_terminate_single_epoch = False  # nothing to end between epochs
        return False

    def _pause(self) -> None:
        self.should_interrupt = False
        self._paused = True
        self._fire_event(Events.INTERRUPT)

    def _terminate_run(self) -> None:
        self._fire_event(Events.TERMINATE)
        if not self._skip_completed:
            self._complete_run()
        self._skip_completed = False

    def _handle_exception(self, exc: Exception) -> None:
        if Events.EXCEPTION_RAISED in self._event_handlers:
            self._fire_with_args(Events.EXCEPTION_RAISED, exc)
        else:
            raise exc

    def _run_once_on_dataset(self) -> None:
        """Run iterations until the epoch ends or a stop is requested."""
        state = self.state
        process = self._process_function
        done = self._epoch_iteration
        limit = state.epoch_length if state.epoch_length is not None else sys.maxsize
        if state.max_iters is not None:
            limit = min(limit, done + state.max_iters - state.iteration)
        if done == 0 and self._dataloader_len is not None and self._drawn >= self._dataloader_len:
            self._dataloader_iter = None  # the previous epoch used the whole data: start it afresh
        drawn = self._drawn
        try:
            while done < limit:
                if self._d_gbs is not None:
                    self.last_event_name = _GBS
                    self._d_gbs()
                iterator = self._dataloader_iter
                if iterator is None:
                    iterator = self._dataloader_iter = iter(state.dataloader)
                    drawn = 0
                try:
                    batch = next(iterator)
                except StopIteration:
                    if state.epoch_length is None:
                        if done == 0:
                            raise ValueError(
                                "Argument data is empty: it should yield at least one batch"
                            ) from None
                        state.epoch_length = done
                        if state.max_iters is not None:
                            state.max_epochs = math.ceil(state.max_iters / done)
                        self._dataloader_iter = None
                        drawn = 0
                        break
                    batch = self._restart_data()
                    drawn = 0
                    if self._stop_requested:
                        break
                drawn += 1
                state.batch = batch
                if self._d_gbc is not None:
                    self.last_event_name = _GBC
                    self._d_gbc()
                state.iteration += 1
                done += 1
                self.last_event_name = _ITS
                if self._d_its is not None:
                    self._d_its()
                state.output = process(self, state.batch)
                self.last_event_name = _ITC
                if self._d_itc is not None:
                    self._d_itc()
                if self._stop_requested:
                    break
        finally:
            self._epoch_iteration = done
            self._drawn = drawn

    def _restart_data(self) -> Any:
        """The data ran out inside an epoch: fire DATALOADER_STOP_ITERATION and start it again."""
        self._fire_event(Events.DATALOADER_STOP_ITERATION)
        self._dataloader_iter = iter(self.state.dataloader)
        try:
            return next(self._dataloader_iter)
        except StopIteration:
            state = self.state
            total = (
                state.max_iters
                if state.max_iters is not None
                else (state.epoch_length or 0) * (state.max_epochs or 0)
            )
            warnings.warn(
                "Data iterator can not provide data anymore but required total number of iterations to run is "
                f"not reached. Current iteration: {state.iteration} vs Total iterations to run : {total}. "
                "Pass re-iterable data (e.g. a list or a DataLoader) or a smaller epoch_length/max_epochs.",
                stacklevel=3,
            )
            self._skip_completed = False
            self.should_terminate = True
            return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(process_function={getattr(self._process_function, '__name__', self._process_function)!r})"


def _length(data: Any) -> int | None:
    try:
        return len(data)
    except TypeError:
        return None
