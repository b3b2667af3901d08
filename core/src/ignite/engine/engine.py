"""The :class:`Engine`: runs a process function over data and fires events around every step.

How the loop stays cheap. Each event's handlers are compiled, whenever they change, into one
dispatcher ``dispatch(engine)``; the loop calls it only when the event has handlers, so an event
nobody listens to costs one ``None`` check. Handlers with the same ``every=N`` filter registered one
after another share a single modulo check. Dispatchers take the engine as an argument instead of
holding it, so an engine and its handlers form no reference cycle: ``del engine`` frees it at once.

A run is a generator (:meth:`Engine._run_as_gen`): ``interrupt()`` suspends it at the next event
boundary and the following ``run()`` resumes it exactly there.
"""

from __future__ import annotations

import logging
import math
import numbers
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from ignite.base.mixins import Serializable
from ignite.engine._dispatch import (
    Dispatcher,
    _every_group,
    _filtered,
    _Handler,
    _in_order,
)
from ignite.engine._rng import get_rng_states, set_rng_states
from ignite.engine.events import (
    CallableEventWithFilter,
    Event,
    Events,
    EventsList,
    RemovableEventHandle,
    State,
    _EveryFilter,
    base_event,
)
from ignite.engine.utils import _check_signature, _takes_engine, _takes_keyword, _to_hours_mins_secs

__all__ = ["Engine"]

F = TypeVar("F", bound=Callable[..., Any])
RunGenerator = Generator["State", None, "State"]


_NOT_REGISTERED: Any = object()


class _Terminate(Exception):
    """Raised inside the loop to end the run (``terminate()`` or ``max_iters`` reached)."""


class _TerminateSingleEpoch(Exception):
    """Raised inside the loop to end the current epoch (``terminate_epoch()``)."""


def _check_positive(name: str, value: Any) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0
    ):
        raise ValueError(f"Argument {name} should be a positive integer or None, got {value!r}")


def _restore_after_first(iterator: Iterator[Any], rng_states: Any) -> Iterator[Any]:
    """Yield from ``iterator``, restoring ``rng_states`` right after its first item is drawn."""
    try:
        first = next(iterator)
    except StopIteration:
        set_rng_states(rng_states)
        return
    set_rng_states(rng_states)
    yield first
    yield from iterator


def _length(data: Any) -> int | None:
    try:
        return len(data)
    except TypeError:
        return None


class Engine(Serializable):
    """Runs ``process_function(engine, batch)`` over each batch of the data, firing events as it goes.

    Args:
        process_function: called with the engine and the current batch; its return value is stored
            in ``engine.state.output``.

    Attributes:
        state: the run's :class:`~ignite.engine.events.State`.
        last_event_name: the last event fired.
        logger: ``logging`` logger named ``ignite.engine.engine.<class name>``.
        should_terminate: set by :meth:`terminate` (``True`` or ``"skip_completed"``).
        should_terminate_single_epoch: set by :meth:`terminate_epoch` (``True`` or
            ``"skip_epoch_completed"``).
        should_interrupt: set by :meth:`interrupt`.
        state_dict_user_keys: names of ``state`` attributes that :meth:`state_dict` saves too.

    Checkpoints. :meth:`state_dict` returns an ``OrderedDict`` with, always, ``epoch_length``,
    ``iteration`` and ``max_epochs`` (or ``max_iters``) and the user keys, exactly as pytorch-ignite
    0.5. Taken *during* a run (from a handler), it also holds:

    - ``epoch``: the epoch in progress;
    - ``epoch_completed``: whether that epoch's ``EPOCH_COMPLETED`` handlers have already run
      (False for a checkpoint taken at the last iteration of an epoch);
    - ``rng_states``: the ``random``, ``numpy`` and ``torch`` (CPU and CUDA) generator states at
      the moment of saving.

    :meth:`load_state_dict` followed by :meth:`run` then resumes exactly where the checkpoint was
    taken: the generators are restored right before the next batch is drawn, and a pending
    ``EPOCH_COMPLETED`` fires first. State dicts of pytorch-ignite 0.5 (without these keys) resume as
    0.5 does.
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
        self.last_event_name: Event | None = None
        self.should_terminate: bool | str = False
        self.should_terminate_single_epoch: bool | str = False
        self.should_interrupt = False
        self.state_dict_user_keys: list[str] = []
        self.state = State()
        self._allowed_events: list[Event] = list(Events)
        self._allowed_events_set: set[Event] = set(self._allowed_events)
        self._event_handlers: dict[Event, list[_Handler]] = {}
        self._dispatchers: dict[Event, Dispatcher] = {}
        # The live step lists of loop dispatchers, and the every=N groups among their steps.
        self._live_steps: dict[Event, list[Dispatcher]] = {}
        self._groups: dict[Dispatcher, tuple[str, int, list[Dispatcher]]] = {}
        self._dispatch_by_id: dict[int, Dispatcher | None] = {
            id(event): None for event in self._allowed_events
        }
        # The dispatchers of the four per-iteration events, read by the loop without a dict lookup.
        self._dispatch_get_batch_started: Dispatcher | None = None
        self._dispatch_get_batch_completed: Dispatcher | None = None
        self._dispatch_iteration_started: Dispatcher | None = None
        self._dispatch_iteration_completed: Dispatcher | None = None
        self._dataloader_iter: Iterator[Any] | None = None
        self._run_generator: RunGenerator | None = None
        # Iterations already done in the epoch the next ``_run_once_on_dataset`` starts (None: derive).
        self._init_iter: int | None = None
        # Set by load_state_dict from a mid-run checkpoint of this engine (see the class docstring).
        self._pending_rng_states: Any = None
        self._pending_rng_after_first_batch = False
        self._pending_epoch_completed = False
        self._epoch_completed = True

    # ----------------------------------------------------------------------------------------------
    # Stopping

    def terminate(self, skip_completed: bool = False) -> None:
        """Stop the run after the current event: fire ``TERMINATE``, then ``COMPLETED`` unless ``skip_completed``.

        A later :meth:`run` continues from the next epoch.
        """
        self.logger.info("Terminate signaled. Engine will stop after current iteration is finished.")
        self.should_terminate = "skip_completed" if skip_completed else True

    def terminate_epoch(self, skip_epoch_completed: bool = False) -> None:
        """End the current epoch after the current event; the run goes on with the next epoch.

        Fires ``TERMINATE_SINGLE_EPOCH`` (its handlers may take ``iter_counter``, the iterations done in
        the epoch), then ``EPOCH_COMPLETED`` unless ``skip_epoch_completed``. Calling it from a
        ``STARTED`` or ``EPOCH_STARTED`` handler is a RuntimeError.
        """
        self.logger.info(
            "Terminate current epoch is signaled. "
            "Current epoch iteration will stop after current iteration is finished."
        )
        self.should_terminate_single_epoch = "skip_epoch_completed" if skip_epoch_completed else True

    def interrupt(self) -> None:
        """Pause the run after the current event and fire ``INTERRUPT``; the next :meth:`run` resumes it."""
        self.logger.info(
            "interrupt signaled. Engine will interrupt the run after current iteration is finished."
        )
        self.should_interrupt = True

    # ----------------------------------------------------------------------------------------------
    # Events and handlers

    def register_events(self, *event_names: Event, event_to_attr: dict[Event, str] | None = None) -> None:
        """Allow custom events (``EventEnum`` members or strings) to be fired and handled.

        ``event_to_attr`` maps events to the ``State`` counter their filters read; a missing counter is
        created with value 0.
        """
        if event_to_attr is not None and not isinstance(event_to_attr, dict):
            raise ValueError(f"Expected event_to_attr to be a dictionary, got {type(event_to_attr).__name__}")
        for index, name in enumerate(event_names):
            if not isinstance(name, (CallableEventWithFilter, str)):
                raise TypeError(
                    f"Value at {index} of event_names should be a str or an EventEnum member, "
                    f"got {type(name).__name__}: {name!r}"
                )
            if name not in self._allowed_events_set:
                self._allowed_events.append(name)
                self._allowed_events_set.add(name)
                self._dispatch_by_id[id(name)] = self._dispatchers.get(name)
            if event_to_attr and name in event_to_attr:
                attr = event_to_attr[name]
                self.state.event_to_attr[name] = attr
                if not hasattr(self.state, attr):
                    setattr(self.state, attr, 0)

    def has_registered_events(self, event: Event) -> bool:
        """Whether ``event`` may be fired and handled by this engine."""
        return event in self._allowed_events_set

    def _registered(self, event_name: object) -> Event:
        """The registered event ``event_name`` stands for (its base event if it is a filtered copy)."""
        if not isinstance(event_name, (CallableEventWithFilter, str)):
            raise ValueError(
                f"Argument event_name should be an event (e.g. Events.EPOCH_COMPLETED) or a registered "
                f"custom event, got {type(event_name).__name__}: {event_name!r}"
            )
        if event_name not in self._allowed_events_set:
            raise ValueError(
                f"Event {event_name!r} is not a valid event for this {type(self).__name__}: register it first "
                "with engine.register_events(...)"
            )
        return base_event(event_name)

    def add_event_handler(
        self, event_name: Event | EventsList, handler: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Call ``handler`` whenever ``event_name`` fires (and its filter, if any, passes).

        ``handler`` is called as ``handler(engine, *args, **kwargs)``, or ``handler(*args, **kwargs)`` if
        it cannot take the engine. ``EXCEPTION_RAISED`` handlers also get the exception after the engine.
        Returns a handle whose ``remove()`` detaches it.
        """
        if isinstance(event_name, EventsList):
            for event in event_name:
                self.add_event_handler(event, handler, *args, **kwargs)
            return RemovableEventHandle(event_name, handler, self)
        if not callable(handler):
            raise TypeError(f"Argument handler should be callable, got {type(handler).__name__}: {handler!r}")
        key = self._registered(event_name)
        event_filter = event_name.filter if isinstance(event_name, CallableEventWithFilter) else None
        event_args: tuple[Any, ...] = (Exception(),) if key == Events.EXCEPTION_RAISED else ()
        event_kwargs: dict[str, Any] = {}
        if key == Events.TERMINATE_SINGLE_EPOCH and _takes_keyword(handler, "iter_counter"):
            event_kwargs["iter_counter"] = 0  # given to the handlers that take it
        takes_engine = _takes_engine(handler, self, event_args, *args, **kwargs, **event_kwargs)
        entry = _Handler(handler, args, kwargs, event_filter, takes_engine)
        entries = self._event_handlers.setdefault(key, [])
        entries.append(entry)
        self._compile(key, appended=entry)
        self.logger.debug("Added handler for event %s", key)
        return RemovableEventHandle(event_name, handler, self)

    def on(self, event_name: Event | EventsList, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """Decorator form of :meth:`add_event_handler`."""

        def decorator(f: F) -> F:
            self.add_event_handler(event_name, f, *args, **kwargs)
            return f

        return decorator

    def has_event_handler(self, handler: Callable[..., Any], event_name: Event | None = None) -> bool:
        """Whether ``handler`` is attached to ``event_name`` (to any event if it is None)."""
        if event_name is not None:
            entries: Iterable[_Handler] = self._event_handlers.get(event_name, ())
        else:
            entries = [e for group in self._event_handlers.values() for e in group]
        return any(entry.handler == handler for entry in entries)

    def remove_event_handler(self, handler: Callable[..., Any], event_name: Event) -> None:
        """Detach every registration of ``handler`` on ``event_name``."""
        entries = self._event_handlers.get(event_name)
        if not entries:
            raise ValueError(f"Input event name '{event_name}' does not exist")
        kept = [entry for entry in entries if entry.handler != handler]
        if len(kept) == len(entries):
            raise ValueError(f"Input handler '{handler}' is not found among registered event handlers")
        key = self._registered(event_name)
        self._event_handlers[key] = kept
        self._compile(key)

    def describe(self, as_dict: bool = False) -> str | dict[str, list[dict[str, Any]]]:
        """The attached handlers, per event, in the order they will run, with their filters.

        Returns a readable multi-line string, or with ``as_dict=True`` a dict mapping each event's
        name to a list of ``{"handler", "filter", "args", "kwargs"}`` (``handler`` is the qualified
        name, ``filter`` ``None`` or a description such as ``"every=10"``).
        """
        table: dict[str, list[dict[str, Any]]] = {}
        for event in self._allowed_events:
            entries = self._event_handlers.get(event)
            if entries:
                label = event.name if isinstance(event, CallableEventWithFilter) else str(event)
                table[label] = [entry.describe() for entry in entries]
        if as_dict:
            return table
        lines = [f"{type(self).__name__}: {sum(map(len, table.values()))} handler(s)"]
        for label, rows in table.items():
            lines.append(f"  {label}:")
            for row in rows:
                extra = ", ".join(
                    [repr(a) for a in row["args"]] + [f"{k}={v!r}" for k, v in row["kwargs"].items()]
                )
                where = f" [{row['filter']}]" if row["filter"] else ""
                lines.append(f"    {row['handler']}{f'({extra})' if extra else ''}{where}")
        return "\n".join(lines)

    def _compile(self, key: Event, appended: _Handler | None = None) -> None:
        """Rebuild the dispatcher of one event after its handlers changed."""
        entries = self._event_handlers.get(key, [])
        if not entries:
            self._event_handlers.pop(key, None)
            self._dispatchers.pop(key, None)
            for old_step in self._live_steps.pop(key, ()):
                self._groups.pop(old_step, None)
        elif appended is not None and key in self._live_steps:
            # Appended in place: if the event is being dispatched now, the new handler runs this time
            # too, as in pytorch-ignite 0.5.
            live = self._live_steps[key]
            steps, groups = self._compile_steps(key, [appended])
            last_group = self._groups.get(live[-1]) if live else None
            new_group = groups.get(steps[0])
            if last_group is not None and new_group is not None and last_group[:2] == new_group[:2]:
                last_group[2].extend(new_group[2])
            else:
                live.append(steps[0])
                self._groups.update(groups)
        else:
            self._dispatchers[key] = self._build_dispatcher(key, entries)
        dispatchers = self._dispatchers
        # fire_event's fast path: registered event objects by identity (no Python-level __hash__).
        self._dispatch_by_id = {id(event): dispatchers.get(event) for event in self._allowed_events}
        self._dispatch_get_batch_started = dispatchers.get(Events.GET_BATCH_STARTED)
        self._dispatch_get_batch_completed = dispatchers.get(Events.GET_BATCH_COMPLETED)
        self._dispatch_iteration_started = dispatchers.get(Events.ITERATION_STARTED)
        self._dispatch_iteration_completed = dispatchers.get(Events.ITERATION_COMPLETED)

    def _build_dispatcher(self, key: Event, entries: list[_Handler]) -> Dispatcher:
        """One event's dispatcher: the handler itself when it is alone and unfiltered, else a loop."""
        for old_step in self._live_steps.pop(key, ()):
            self._groups.pop(old_step, None)
        if len(entries) == 1 and entries[0].event_filter is None:
            return entries[0].step
        steps, groups = self._compile_steps(key, entries)
        self._groups.update(groups)
        self._live_steps[key] = steps
        return _in_order(steps)

    def _compile_steps(
        self, key: Event, entries: list[_Handler]
    ) -> tuple[list[Dispatcher], dict[Dispatcher, tuple[str, int, list[Dispatcher]]]]:
        attr = self.state.event_to_attr.get(key)
        steps: list[Dispatcher] = []
        groups: dict[Dispatcher, tuple[str, int, list[Dispatcher]]] = {}
        index = 0
        while index < len(entries):
            entry = entries[index]
            flt = entry.event_filter
            index += 1
            if flt is None:
                steps.append(entry.step)
            elif isinstance(flt, _EveryFilter) and flt.is_plain and attr is not None:
                group = [entry.step]
                while index < len(entries):
                    nxt = entries[index].event_filter
                    if not (isinstance(nxt, _EveryFilter) and nxt.is_plain and nxt.every == flt.every):
                        break
                    group.append(entries[index].step)
                    index += 1
                step = _every_group(attr, flt.every, group)
                groups[step] = (attr, flt.every, group)
                steps.append(step)
            else:
                steps.append(_filtered(key, attr, flt, entry.step))
        return steps, groups

    def fire_event(self, event_name: Event) -> None:
        """Fire ``event_name`` now: run its handlers (custom events are fired this way)."""
        self.last_event_name = event_name
        dispatcher = self._dispatch_by_id.get(id(event_name), _NOT_REGISTERED)
        if dispatcher is None:
            return
        if dispatcher is not _NOT_REGISTERED:
            dispatcher(self)
            return
        dispatcher = self._dispatchers.get(event_name)
        if dispatcher is not None:
            dispatcher(self)
        elif event_name not in self._allowed_events_set:
            raise ValueError(
                f"Event {event_name!r} is not registered: call engine.register_events(...) before firing it"
            )

    def _fire_event(self, event_name: Event, *event_args: Any, **event_kwargs: Any) -> None:
        """Fire an event, passing ``event_args``/``event_kwargs`` to its handlers after the engine."""
        if event_args or event_kwargs:
            self.last_event_name = event_name
            self._fire_with_args(event_name, event_args, event_kwargs)
        else:
            self.fire_event(event_name)

    def _fire_with_args(
        self, event_name: Event, event_args: tuple[Any, ...], event_kwargs: dict[str, Any]
    ) -> None:
        state = self.state
        for entry in list(self._event_handlers.get(event_name, ())):
            flt = entry.event_filter
            if flt is None or flt(self, state.get_event_attrib_value(event_name)):
                kwargs = {k: v for k, v in event_kwargs.items() if _takes_keyword(entry.handler, k)}
                entry.call_with(self, event_args, kwargs)

    # ----------------------------------------------------------------------------------------------
    # Data and state

    def set_data(self, data: Iterable[Any]) -> None:
        """Switch the data source during a run: the next batch comes from ``data``."""
        if not isinstance(data, Iterable):
            raise TypeError(f"Argument data should be iterable, got {type(data).__name__}")
        self.state.dataloader = data
        self._dataloader_iter = iter(data)

    def state_dict(self) -> OrderedDict[str, Any]:
        """``epoch_length``, ``iteration``, ``max_epochs`` (or ``max_iters``) and the user keys.

        During a run it also holds ``epoch``, ``epoch_completed`` and ``rng_states`` (see the class
        docstring): enough to resume exactly at this point.
        """
        state = self.state
        result: OrderedDict[str, Any] = OrderedDict(
            epoch_length=state.epoch_length, iteration=state.iteration
        )
        if state.max_iters is not None:
            result["max_iters"] = state.max_iters
        else:
            result["max_epochs"] = state.max_epochs
        for key in self.state_dict_user_keys:
            result[key] = getattr(state, key)
        if self._run_generator is not None:
            result["epoch"] = state.epoch
            result["epoch_completed"] = self._epoch_completed
            result["rng_states"] = get_rng_states()
        return result

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore a state saved by :meth:`state_dict`; the next :meth:`run` resumes from it."""
        extra = {"epoch_completed", "rng_states"}
        checked = (
            {k: v for k, v in state_dict.items() if k not in extra}
            if isinstance(state_dict, Mapping)
            else state_dict
        )
        if (
            isinstance(checked, Mapping)
            and "iteration" in checked
            and "epoch" in checked
            and "epoch_completed" in state_dict
        ):
            checked = {k: v for k, v in checked.items() if k != "epoch"}
        super().load_state_dict(checked)
        missing = [k for k in self.state_dict_user_keys if k not in state_dict]
        if missing:
            raise ValueError(f"Required user state attribute '{missing[0]}' is absent in provided state_dict")
        epoch_length = state_dict["epoch_length"]
        max_epochs = state_dict.get("max_epochs")
        max_iters = state_dict.get("max_iters")
        _check_positive("epoch_length", epoch_length)
        _check_positive("max_epochs", max_epochs)
        _check_positive("max_iters", max_iters)
        if self._run_generator is not None:  # an interrupted run: the loaded state replaces it
            self._run_generator.close()
            self._run_generator = None
            self._dataloader_iter = None
        state = self.state
        if "iteration" in checked:
            iteration = int(state_dict["iteration"])
            epoch = iteration // epoch_length if epoch_length else 0
        else:
            epoch = int(state_dict["epoch"])
            iteration = epoch * epoch_length
        if epoch_length is not None:
            total = max_iters if max_iters is not None else epoch_length * (max_epochs or 0)
            if max_epochs is None and max_iters is None:
                total = iteration
            if iteration < 0 or iteration > total:
                raise ValueError(
                    f"state_dict iteration {iteration} is outside [0, {total}] for epoch_length={epoch_length}, "
                    f"max_epochs={max_epochs}, max_iters={max_iters}"
                )
        state.epoch_length = epoch_length
        state.max_epochs = max_epochs
        state.max_iters = max_iters
        state.iteration = iteration
        state.epoch = epoch
        for key in self.state_dict_user_keys:
            setattr(state, key, state_dict[key])
        self._init_iter = None
        self._pending_rng_states = state_dict.get("rng_states") if "epoch_completed" in state_dict else None
        self._pending_rng_after_first_batch = False
        self._pending_epoch_completed = False
        if "epoch_completed" in state_dict and epoch_length:
            saved_epoch = int(state_dict.get("epoch", epoch))
            in_epoch = iteration - (saved_epoch - 1) * epoch_length
            if not state_dict["epoch_completed"] and saved_epoch >= 1 and in_epoch >= epoch_length:
                # Saved at the end of an epoch, before its EPOCH_COMPLETED handlers: they run first.
                state.epoch = saved_epoch
                self._pending_epoch_completed = True
            elif state_dict["epoch_completed"]:
                state.epoch = saved_epoch
            else:
                # Mid-epoch: the generators are restored once the first batch is drawn again (a
                # DeterministicEngine re-seeds them to replay the epoch's batch order first).
                self._pending_rng_after_first_batch = True

    @staticmethod
    def _is_done(state: State) -> bool:
        is_done_iters = state.max_iters is not None and state.iteration >= state.max_iters
        is_done_count = (
            state.epoch_length is not None
            and state.max_epochs is not None
            and state.iteration >= state.epoch_length * state.max_epochs
        )
        is_done_epochs = state.max_epochs is not None and state.epoch >= state.max_epochs
        return is_done_iters or is_done_count or is_done_epochs

    # ----------------------------------------------------------------------------------------------
    # Running

    def run(
        self,
        data: Iterable[Any] | None = None,
        max_epochs: int | None = None,
        max_iters: int | None = None,
        epoch_length: int | None = None,
    ) -> State:
        """Run over ``data``, or resume the previous run, and return the state.

        A new run starts when the engine has no run yet, or when its run is done; ``state.iteration``
        and ``state.epoch`` then start at 0. Otherwise (after ``interrupt()``, ``terminate()``,
        ``load_state_dict()``, or with ``state`` counters set by hand) the run resumes: from the exact
        event after an interrupt, else from the next epoch, whose first
        ``state.iteration % epoch_length`` iterations count as done. To restart a finished run from the
        beginning with fewer epochs, set ``engine.state.max_epochs = None`` first.

        Args:
            data: any iterable of batches; ``None`` calls the process function with ``batch=None`` and
                needs ``epoch_length``.
            max_epochs: epochs to run (default 1 for a new run); on a resumed run, the new total.
            max_iters: total iterations to run. Exclusive with ``max_epochs``.
            epoch_length: iterations per epoch; defaults to ``len(data)``, or, for data without a length,
                to the number of batches the first epoch draws.

        Raises:
            TypeError: ``data`` is not iterable.
            ValueError: bad arguments, ``max_epochs`` below the current epoch, an ``epoch_length`` other
                than the resumed run's, or neither data nor ``epoch_length``.
        """
        if data is not None and not isinstance(data, Iterable):
            raise TypeError("Argument data should be iterable")
        _check_positive("max_iters", max_iters)
        _check_positive("epoch_length", epoch_length)
        state = self.state
        if state.max_epochs is not None and max_epochs is not None:
            if max_epochs < state.epoch:
                raise ValueError(
                    "Argument max_epochs should be greater than or equal to the start epoch defined in the "
                    f"state: {max_epochs} vs {state.epoch}. Please, set engine.state.max_epochs = None "
                    "before calling engine.run() in order to restart the training from the beginning."
                )
            state.max_epochs = max_epochs
        if self._run_generator is not None:
            self.logger.info(
                f"Engine run resuming from iteration {state.iteration}, "
                f"epoch {state.epoch} until {state.max_epochs} epochs"
            )
        elif (state.max_epochs is None and state.max_iters is None) or self._is_done(state):
            self._start_new_run(data, max_epochs, max_iters, epoch_length)
            state.dataloader = data
        else:
            if epoch_length is not None and epoch_length != state.epoch_length:
                raise ValueError(
                    "Argument epoch_length should be same as in the state, "
                    f"but given {epoch_length} vs {state.epoch_length}"
                )
            if state.epoch_length is None:
                if data is None:
                    raise ValueError("epoch_length should be provided if data is None")
                state.epoch_length = _length(data)
            if max_iters is not None:
                state.max_iters = max_iters
            if self.should_terminate:
                self._init_iter = 0  # a terminated run goes on with a whole new epoch
            self.logger.info(
                f"Engine run resuming from iteration {state.iteration}, "
                f"epoch {state.epoch} until {state.max_epochs} epochs"
            )
            state.dataloader = data
        return self._internal_run()

    def _start_new_run(
        self,
        data: Iterable[Any] | None,
        max_epochs: int | None,
        max_iters: int | None,
        epoch_length: int | None,
    ) -> None:
        if epoch_length is None:
            if data is None:
                raise ValueError("epoch_length should be provided if data is None")
            epoch_length = _length(data)
            if epoch_length is not None and epoch_length < 1:
                raise ValueError("Input data has zero size. Please provide non-empty data")
        if max_iters is None:
            if max_epochs is None:
                max_epochs = 1
        elif max_epochs is not None:
            raise ValueError(
                "Arguments max_iters and max_epochs are mutually exclusive. "
                "Please provide only max_epochs or max_iters."
            )
        state = self.state
        state.iteration = 0
        state.epoch = 0
        state.max_epochs = max_epochs
        state.max_iters = max_iters
        state.epoch_length = epoch_length
        self._init_iter = None
        self._pending_rng_states = None
        self._pending_rng_after_first_batch = False
        self._pending_epoch_completed = False
        what = f"max_epochs={max_epochs}" if max_iters is None else f"max_iters={max_iters}"
        self.logger.info(f"Engine run starting with {what}.")

    def _internal_run(self) -> State:
        if self._run_generator is None:
            self._run_generator = self._run_as_gen()
        try:
            return next(self._run_generator)
        except StopIteration as stop:
            self._run_generator = None
            result: State = stop.value
            return result
        except BaseException:
            self._run_generator = None
            raise

    def _init_timers(self) -> None:
        self.state.times[Events.EPOCH_COMPLETED.name] = 0.0
        self.state.times[Events.COMPLETED.name] = 0.0

    def _maybe_stop(self) -> Generator[State, None, None]:
        """Act on a stop flag set by a handler: end the run or the epoch, or pause (yield)."""
        if self.should_terminate:
            raise _Terminate()
        if self.should_terminate_single_epoch:
            last = self.last_event_name
            if last == Events.STARTED or last == Events.EPOCH_STARTED:
                raise RuntimeError(
                    "The method terminate_epoch() should not be called on Event.STARTED or Event.EPOCH_STARTED: "
                    "call it from an iteration event (e.g. Events.ITERATION_COMPLETED) instead"
                )
            if last == Events.EPOCH_COMPLETED:
                self.should_terminate_single_epoch = False  # the epoch is over already
            else:
                raise _TerminateSingleEpoch()
        if self.should_interrupt:
            self._fire_event(Events.INTERRUPT)
            self.should_interrupt = False
            yield self.state

    def _skipping(self, flag: str) -> bool:
        """Whether a stop flag asks to skip COMPLETED / EPOCH_COMPLETED (``"skip_..."`` modes)."""
        value: bool | str = getattr(self, flag)
        return isinstance(value, str) and value.startswith("skip_")

    def _run_as_gen(self) -> RunGenerator:
        state = self.state
        self.should_terminate = self.should_terminate_single_epoch = self.should_interrupt = False
        self._init_timers()
        try:
            start_time = time.time()
            try:
                self._fire_event(Events.STARTED)
                yield from self._maybe_stop()
                if not self._pending_rng_after_first_batch:
                    self._restore_pending_rng_states()
                while not self._is_done(state) and not self.should_terminate:
                    if self._pending_epoch_completed:
                        self._pending_epoch_completed = False
                        epoch_time = 0.0
                    else:
                        state.epoch += 1
                        self._epoch_completed = False
                        handlers_start = time.time()
                        self._fire_event(Events.EPOCH_STARTED)
                        epoch_time = time.time() - handlers_start
                        yield from self._maybe_stop()
                        if self._dataloader_iter is None:
                            self._setup_engine()
                        epoch_time += yield from self._run_once_on_dataset_as_gen()
                    state.times[Events.EPOCH_COMPLETED.name] = epoch_time
                    self._epoch_completed = True
                    skip_epoch_completed = self._skipping("should_terminate_single_epoch")
                    if not skip_epoch_completed:
                        handlers_start = time.time()
                        self._fire_event(Events.EPOCH_COMPLETED)
                        epoch_time += time.time() - handlers_start
                        state.times[Events.EPOCH_COMPLETED.name] = epoch_time
                    if skip_epoch_completed:
                        self.should_terminate_single_epoch = False
                    yield from self._maybe_stop()
                    self._log_time_taken(f"Epoch[{state.epoch}] Complete", epoch_time)
            except _Terminate:
                self._fire_event(Events.TERMINATE)
            time_taken = time.time() - start_time
            state.times[Events.COMPLETED.name] = time_taken
            if not self._skipping("should_terminate"):
                handlers_start = time.time()
                self._fire_event(Events.COMPLETED)
                time_taken += time.time() - handlers_start
                state.times[Events.COMPLETED.name] = time_taken
            self._log_time_taken("Engine run finished", time_taken)
        except GeneratorExit:
            raise
        except BaseException as exc:
            self._dataloader_iter = None
            self.logger.error(f"Engine run is terminating due to exception: {exc}")
            self._handle_exception(exc)
        self._dataloader_iter = None
        return state

    def _log_time_taken(self, what: str, elapsed: float) -> None:
        if self.logger.isEnabledFor(logging.INFO):
            hours, mins, secs = _to_hours_mins_secs(elapsed)
            self.logger.info(f"{what}. Time taken: {hours:02d}:{mins:02d}:{secs:06.3f}")

    def _handle_exception(self, exc: BaseException) -> None:
        if Events.EXCEPTION_RAISED in self._event_handlers:
            self._fire_event(Events.EXCEPTION_RAISED, exc)
        else:
            raise exc

    def _setup_dataloader_iter(self) -> None:
        state = self.state
        if state.dataloader is None:
            if state.epoch_length is None:
                raise ValueError("epoch_length should be provided if data is None")
            self._dataloader_iter = repeat(None, state.epoch_length)
        else:
            self._dataloader_iter = iter(state.dataloader)

    def _setup_engine(self) -> None:
        """Start iterating the data at the start of a run: a new iterator, and the epoch's position."""
        self._setup_dataloader_iter()
        if self._init_iter is None:
            iteration = self.state.iteration
            if self.state.epoch_length is not None:
                iteration %= self.state.epoch_length
            self._init_iter = iteration

    def _restore_pending_rng_states(self) -> None:
        if self._pending_rng_states is not None:
            set_rng_states(self._pending_rng_states)
            self._pending_rng_states = None
        self._pending_rng_after_first_batch = False

    def _run_once_on_dataset_as_gen(self) -> Generator[State, None, float]:
        """Run the iterations of one epoch; return the time it took."""
        start_time = time.time()
        state = self.state
        process = self._process_function
        iter_counter = self._init_iter or 0
        self._init_iter = None
        if self._pending_rng_states is not None and self._dataloader_iter is not None:
            self._dataloader_iter = _restore_after_first(self._dataloader_iter, self._pending_rng_states)
            self._pending_rng_states = None
        should_exit = False
        data_restarted = False
        GET_BATCH_STARTED = Events.GET_BATCH_STARTED
        GET_BATCH_COMPLETED = Events.GET_BATCH_COMPLETED
        ITERATION_STARTED = Events.ITERATION_STARTED
        ITERATION_COMPLETED = Events.ITERATION_COMPLETED
        try:
            if state.epoch_length is not None and iter_counter >= state.epoch_length:
                return time.time() - start_time
            while True:
                try:
                    if not data_restarted:
                        dispatch = self._dispatch_get_batch_started
                        if dispatch is not None:
                            self.last_event_name = GET_BATCH_STARTED
                            dispatch(self)
                            if (
                                self.should_terminate
                                or self.should_terminate_single_epoch
                                or self.should_interrupt
                            ):
                                yield from self._maybe_stop()
                    state.batch = None
                    assert self._dataloader_iter is not None
                    state.batch = next(self._dataloader_iter)
                    state.output = None
                    dispatch = self._dispatch_get_batch_completed
                    if dispatch is not None:
                        self.last_event_name = GET_BATCH_COMPLETED
                        dispatch(self)
                        if (
                            self.should_terminate
                            or self.should_terminate_single_epoch
                            or self.should_interrupt
                        ):
                            yield from self._maybe_stop()
                    iter_counter += 1
                    should_exit = data_restarted = False
                except StopIteration:
                    if state.epoch_length is None:
                        if iter_counter == 0:
                            raise ValueError(
                                "Input data has zero size. Please provide non-empty data"
                            ) from None
                        # The first pass over data without a length defines the epoch length.
                        state.epoch_length = iter_counter
                        if state.max_iters is not None:
                            state.max_epochs = math.ceil(state.max_iters / state.epoch_length)
                        break
                    if should_exit:
                        if not self._is_done(state):
                            total = (
                                state.max_iters
                                if state.max_iters is not None
                                else state.epoch_length * (state.max_epochs or 0)
                            )
                            warnings.warn(
                                "Data iterator can not provide data anymore but required total number of "
                                f"iterations to run is not reached. Current iteration: {state.iteration} vs "
                                f"Total iterations to run : {total}",
                                stacklevel=2,
                            )
                        break  # the epoch ends; the next one tries the data again, as in 0.5
                    self._fire_event(Events.DATALOADER_STOP_ITERATION)
                    yield from self._maybe_stop()
                    self._setup_dataloader_iter()
                    should_exit = data_restarted = True
                    continue

                state.iteration += 1
                self.last_event_name = ITERATION_STARTED
                dispatch = self._dispatch_iteration_started
                if dispatch is not None:
                    dispatch(self)
                    if self.should_terminate or self.should_terminate_single_epoch or self.should_interrupt:
                        yield from self._maybe_stop()
                state.output = process(self, state.batch)
                self.last_event_name = ITERATION_COMPLETED
                dispatch = self._dispatch_iteration_completed
                if dispatch is not None:
                    dispatch(self)
                if self.should_terminate or self.should_terminate_single_epoch or self.should_interrupt:
                    yield from self._maybe_stop()
                if iter_counter == state.epoch_length:
                    break
                if state.max_iters is not None and state.iteration == state.max_iters:
                    self.should_terminate = True
                    raise _Terminate()
        except _TerminateSingleEpoch:
            self._fire_event(Events.TERMINATE_SINGLE_EPOCH, iter_counter=iter_counter)
            if not self._skipping("should_terminate_single_epoch"):
                self.should_terminate_single_epoch = False
            self._setup_dataloader_iter()
        except (_Terminate, GeneratorExit):
            raise
        except BaseException as exc:
            self.logger.error(f"Current run is terminating due to exception: {exc}")
            self._handle_exception(exc)
        return time.time() - start_time

    def __repr__(self) -> str:
        name = getattr(self._process_function, "__name__", type(self._process_function).__name__)
        return f"{type(self).__name__}(process_function={name})"
