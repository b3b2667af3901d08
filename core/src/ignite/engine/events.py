"""Events, event filters, the run ``State`` and removable handler handles."""

from __future__ import annotations

import numbers
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = [
    "CallableEventWithFilter",
    "EventEnum",
    "Events",
    "EventsList",
    "RemovableEventHandle",
    "State",
]

EventFilter = Callable[[Any, int], bool]


class _EveryFilter:
    """Passes every ``every``-th event strictly before ``before``.

    Without ``after`` the passing counts are the multiples of ``every``; with it, counting starts at the
    first event after ``after`` (``every=5, after=8`` passes 9, 14, 19, ...).
    """

    __slots__ = ("after", "before", "every")

    def __init__(self, every: int, before: int | None = None, after: int | None = None) -> None:
        self.every = every
        self.before = before
        self.after = after

    def __call__(self, engine: Any, event: int) -> bool:
        if self.after is not None and event <= self.after:
            return False
        if self.before is not None and event >= self.before:
            return False
        if self.after is None:
            return event % self.every == 0
        return (event - self.after - 1) % self.every == 0

    @property
    def is_plain(self) -> bool:
        """True when only ``every`` is set (the engine checks it inline)."""
        return self.before is None and self.after is None

    def __repr__(self) -> str:
        parts = [f"every={self.every}"]
        parts += [f"{k}={v}" for k, v in (("before", self.before), ("after", self.after)) if v is not None]
        return ", ".join(parts)


class _OnceFilter:
    """Passes the events whose count is in ``once``."""

    __slots__ = ("once",)

    def __init__(self, once: frozenset[int]) -> None:
        self.once = once

    def __call__(self, engine: Any, event: int) -> bool:
        return event in self.once

    def __repr__(self) -> str:
        return f"once={sorted(self.once)}"


class _RangeFilter:
    """Passes the events counted strictly after ``after`` and strictly before ``before``."""

    __slots__ = ("after", "before")

    def __init__(self, before: int | None, after: int | None) -> None:
        self.before = before
        self.after = after

    def __call__(self, engine: Any, event: int) -> bool:
        return (self.after is None or event > self.after) and (self.before is None or event < self.before)

    def __repr__(self) -> str:
        return ", ".join(
            f"{k}={v}" for k, v in (("before", self.before), ("after", self.after)) if v is not None
        )


def _check_positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"Argument {name} should be a positive integer, got {value!r}")
    return int(value)


def _check_non_negative_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"Argument {name} should be a non-negative integer, got {value!r}")
    return int(value)


def _check_event_filter(event_filter: Any) -> EventFilter:
    import inspect

    if not callable(event_filter):
        raise TypeError(f"Argument event_filter should be a callable, got {type(event_filter).__name__}")
    try:
        inspect.signature(event_filter).bind(None, 0)
    except TypeError as exc:
        raise ValueError(
            "Argument event_filter should be a function taking two arguments (engine, event) and "
            f"returning a bool: {exc}"
        ) from None
    except ValueError:  # no signature available (builtins): trust the caller
        pass
    return event_filter  # type: ignore[no-any-return]


class CallableEventWithFilter:
    """An event that may carry a filter deciding, per event count, whether handlers run.

    Calling an event (``Events.ITERATION_COMPLETED(every=10)``) returns a filtered copy. As in
    pytorch-ignite 0.5, an event equals the string of its *name* (``Events.STARTED == "STARTED"``)
    and hashes like it, and a filtered copy equals the event it was made from. Two different events
    are never equal, even when they share a name or a value.
    """

    filter: EventFilter | None
    _name_: str
    _value_: str
    #: The EventEnum member this event is or was made from; None for a free-standing event.
    _key: CallableEventWithFilter | None

    def __init__(self, value: str, event_filter: EventFilter | None = None, name: str | None = None) -> None:
        self.filter = event_filter
        if isinstance(self, Enum):
            self._key = self
        else:
            self._value_ = value
            self._name_ = name if name is not None else value.upper()
            self._key = None

    @property
    def name(self) -> str:
        """The event's name (``"ITERATION_COMPLETED"``), the same for filtered copies."""
        return self._name_

    @property
    def value(self) -> str:
        """The event's value (``"iteration_completed"``), the same for filtered copies."""
        return self._value_

    def __call__(
        self,
        event_filter: EventFilter | None = None,
        every: int | None = None,
        once: int | Sequence[int] | None = None,
        before: int | None = None,
        after: int | None = None,
    ) -> CallableEventWithFilter:
        """Return this event filtered by ``every``, ``once``, ``before``/``after`` or ``event_filter``."""
        if event_filter is not None:
            if any(arg is not None for arg in (every, once, before, after)):
                raise ValueError("event_filter cannot be combined with every, once, before or after")
            new_filter: EventFilter = _check_event_filter(event_filter)
        elif once is not None:
            if any(arg is not None for arg in (every, before, after)):
                raise ValueError("once cannot be combined with every, before or after")
            new_filter = self.once_event_filter(once)
        elif every is not None:
            if before is None and after is None:
                new_filter = self.every_event_filter(every)
            else:
                new_filter = self.every_before_and_after_event_filter(every, before, after)
        elif before is not None or after is not None:
            new_filter = self.before_and_after_event_filter(before, after)
        else:
            raise ValueError("Calling an event needs one of: event_filter, every, once, before, after")
        copy = CallableEventWithFilter(self._value_, new_filter, self._name_)
        copy._key = self._key
        return copy

    @staticmethod
    def every_event_filter(every: int) -> EventFilter:
        """Filter passing every ``every``-th event."""
        return _EveryFilter(_check_positive_int("every", every))

    @staticmethod
    def once_event_filter(once: int | Sequence[int]) -> EventFilter:
        """Filter passing the event once at count ``once`` (or at each count of a list)."""
        counts: list[Any]
        if isinstance(once, numbers.Integral) and not isinstance(once, bool):
            counts = [once]
        elif isinstance(once, Sequence) and not isinstance(once, str) and len(once) > 0:
            counts = list(once)
        else:
            raise ValueError(
                f"Argument once should be a positive integer or a non-empty list of them, got {once!r}"
            )
        return _OnceFilter(frozenset(_check_positive_int("once", c) for c in counts))

    @staticmethod
    def before_and_after_event_filter(before: int | None = None, after: int | None = None) -> EventFilter:
        """Filter passing the events strictly after ``after`` and strictly before ``before``."""
        before = None if before is None else _check_non_negative_int("before", before)
        after = None if after is None else _check_non_negative_int("after", after)
        return _RangeFilter(before, after)

    @staticmethod
    def every_before_and_after_event_filter(
        every: int, before: int | None = None, after: int | None = None
    ) -> EventFilter:
        """Filter passing every ``every``-th event counted from ``after`` (default 0), before ``before``.

        ``every=5, after=8`` passes 9, 14, 19, ...; ``every=3, before=10`` passes 1, 4, 7.
        """
        every = _check_positive_int("every", every)
        before = None if before is None else _check_non_negative_int("before", before)
        after = 0 if after is None else _check_non_negative_int("after", after)
        return _EveryFilter(every, before, after)

    @staticmethod
    def default_event_filter(engine: Any, event: int) -> bool:
        """Deprecated (as in pytorch-ignite 0.5): the filter of an unfiltered event, always passes."""
        warnings.warn(
            "Events.default_event_filter is deprecated and will be removed. Please, use None instead",
            stacklevel=2,
        )
        return True

    def __or__(self, other: Any) -> EventsList:
        stacked: EventsList = EventsList([self]) | other
        return stacked

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CallableEventWithFilter):
            if self._key is not None and other._key is not None:
                return self._key is other._key
            return self._name_ == other._name_
        if isinstance(other, str):
            return self._name_ == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._name_)

    def __str__(self) -> str:
        if self.filter is not None:
            return f"Events.{self._name_}(filter={self.filter!r})"
        if isinstance(self, Enum):
            return f"{type(self).__name__}.{self._name_}"
        return f"Events.{self._name_}"

    def __repr__(self) -> str:
        if self.filter is not None:
            return f"Events.{self._name_}(filter={self.filter!r})"
        return f"Events.{self._name_}"

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)


class EventEnum(CallableEventWithFilter, Enum):
    """Base class for custom events: subclass it, then ``engine.register_events(*MyEvents)``.

    .. code-block:: python

        class BackpropEvents(EventEnum):
            BACKWARD_STARTED = "backward_started"
            BACKWARD_COMPLETED = "backward_completed"
    """

    __eq__ = CallableEventWithFilter.__eq__
    __ne__ = CallableEventWithFilter.__ne__
    __hash__ = CallableEventWithFilter.__hash__
    __str__ = CallableEventWithFilter.__str__
    __repr__ = CallableEventWithFilter.__repr__
    __format__ = CallableEventWithFilter.__format__


class Events(EventEnum):
    """The events an :class:`~ignite.engine.engine.Engine` fires during a run."""

    EPOCH_STARTED = "epoch_started"
    EPOCH_COMPLETED = "epoch_completed"
    STARTED = "started"
    COMPLETED = "completed"
    ITERATION_STARTED = "iteration_started"
    ITERATION_COMPLETED = "iteration_completed"
    EXCEPTION_RAISED = "exception_raised"
    GET_BATCH_STARTED = "get_batch_started"
    GET_BATCH_COMPLETED = "get_batch_completed"
    DATALOADER_STOP_ITERATION = "dataloader_stop_iteration"
    TERMINATE = "terminate"
    TERMINATE_SINGLE_EPOCH = "terminate_single_epoch"
    INTERRUPT = "interrupt"


#: Anything the engine accepts as an event: an ``EventEnum`` member, a filtered copy, or a string.
Event: TypeAlias = "CallableEventWithFilter | str"


def base_event(event: Event) -> Event:
    """The registered event behind ``event``: the member a filtered copy was made from, else ``event``."""
    if isinstance(event, CallableEventWithFilter) and event._key is not None:
        return event._key
    return event


AnyEvent: TypeAlias = Event


class EventsList:
    """Events stacked with ``|``: a handler added on the list is added on each event."""

    def __init__(self, events: Sequence[AnyEvent] = ()) -> None:
        self._events: list[AnyEvent] = []
        for event in events:
            self._append(event)

    def _append(self, event: Any) -> None:
        if not isinstance(event, (CallableEventWithFilter, str)):
            raise TypeError(f"Only events can be stacked with '|', got {type(event).__name__}: {event!r}")
        self._events.append(event)

    def __or__(self, other: Any) -> EventsList:
        if isinstance(other, EventsList):
            return EventsList([*self._events, *other._events])
        result = EventsList(self._events)
        result._append(other)
        return result

    def __iter__(self) -> Iterator[AnyEvent]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, index: int) -> AnyEvent:
        return self._events[index]

    def __repr__(self) -> str:
        return f"EventsList({self._events!r})"


_ITERATION_EVENTS = (
    Events.GET_BATCH_STARTED,
    Events.GET_BATCH_COMPLETED,
    Events.ITERATION_STARTED,
    Events.ITERATION_COMPLETED,
)
_EPOCH_EVENTS = (Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.STARTED, Events.COMPLETED)


def default_event_to_attr() -> dict[Event, str]:
    """A fresh map from each built-in event that has a counter to that ``State`` counter."""
    mapping: dict[Event, str] = {event: "iteration" for event in _ITERATION_EVENTS}
    mapping.update({event: "epoch" for event in _EPOCH_EVENTS})
    return mapping


class State:
    """The state of a run: counters, the last batch and output, metrics, and any user attribute.

    ``event_to_attr`` maps each event to the counter its filters read. It belongs to this state (and
    its engine), not to the class as in pytorch-ignite 0.5, so custom events of one engine do not
    leak into another; it is not listed in ``vars(state)``.
    """

    __slots__ = ("__dict__", "event_to_attr")

    def __init__(self, **kwargs: Any) -> None:
        self.event_to_attr: dict[Event, str] = default_event_to_attr()
        self.iteration = 0
        self.epoch = 0
        self.epoch_length: int | None = None
        self.max_epochs: int | None = None
        self.max_iters: int | None = None
        self.output: Any = None
        self.batch: Any = None
        self.metrics: dict[str, Any] = {}
        self.dataloader: Any = None
        self.seed: int | None = None
        self.times: dict[str, float | None] = {
            Events.EPOCH_COMPLETED.name: None,
            Events.COMPLETED.name: None,
        }
        for key, value in kwargs.items():
            setattr(self, key, value)

    def get_event_attrib_value(self, event_name: Event) -> int:
        """The counter that filters of ``event_name`` compare against; RuntimeError if it has none."""
        try:
            attr = self.event_to_attr[event_name]
        except KeyError:
            raise RuntimeError(
                f"Unknown event name '{event_name}': it has no state counter. Register custom events with "
                "engine.register_events(..., event_to_attr={event: 'attribute'})"
            ) from None
        value: int = getattr(self, attr)
        return value

    def __repr__(self) -> str:
        lines = ["State:"]
        for attr, value in self.__dict__.items():
            if not isinstance(value, (numbers.Number, str)):
                value = type(value)
            lines.append(f"\t{attr}: {value}")
        return "\n".join(lines)


class RemovableEventHandle:
    """Returned by ``add_event_handler``: ``remove()`` (or leaving a ``with`` block) detaches the handler.

    Holds weak references, so the handle keeps neither the engine nor the handler alive.
    """

    def __init__(
        self, event_name: AnyEvent | EventsList, handler: Callable[..., Any], engine: Engine
    ) -> None:
        self.name = event_name
        self.handler = _weak(handler)
        self.engine = weakref.ref(engine)

    def remove(self) -> None:
        """Detach the handler from the engine, if both are still alive and it is still attached."""
        handler = self.handler()
        engine = self.engine()
        if handler is None or engine is None:
            return
        events = self.name if isinstance(self.name, EventsList) else [self.name]
        for event in events:
            if engine.has_event_handler(handler, event):
                engine.remove_event_handler(handler, event)

    def __enter__(self) -> RemovableEventHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def _weak(obj: Callable[..., Any]) -> Callable[[], Callable[..., Any] | None]:
    """A weak reference to ``obj`` (bound methods included), or a strong one if it cannot be weak."""
    if hasattr(obj, "__self__") and hasattr(obj, "__func__"):
        return weakref.WeakMethod(obj)
    try:
        return weakref.ref(obj)
    except TypeError:
        return lambda: obj
