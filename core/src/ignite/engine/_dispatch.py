"""Registered handlers and the dispatchers the engine compiles from them.

A dispatcher is ``dispatch(engine)``: it takes the engine as an argument instead of holding it, so an
engine, its handlers and their dispatchers form no reference cycle.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ignite.engine.events import Event, EventFilter, _EveryFilter

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = ["Dispatcher"]

#: A compiled event dispatcher: runs the handlers of one event for the engine it is given.
Dispatcher = Callable[["Engine"], None]


class _Handler:
    """A registered handler: what the user gave and the prepared ``step(engine)`` call."""

    __slots__ = ("args", "event_filter", "handler", "kwargs", "step", "takes_engine")

    def __init__(
        self,
        handler: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        event_filter: EventFilter | None,
        takes_engine: bool,
    ) -> None:
        self.handler = handler
        self.args = args
        self.kwargs = kwargs
        self.event_filter = event_filter
        self.takes_engine = takes_engine
        self.step: Dispatcher = _make_step(handler, args, kwargs, takes_engine)

    def call_with(self, engine: Engine, event_args: tuple[Any, ...], event_kwargs: dict[str, Any]) -> None:
        """Call the handler with event arguments (``EXCEPTION_RAISED``'s exception, ...)."""
        lead = (engine,) if self.takes_engine else ()
        self.handler(*lead, *event_args, *self.args, **event_kwargs, **self.kwargs)

    def describe(self) -> dict[str, Any]:
        """The handler, its filter and its extra arguments, for :meth:`Engine.describe`."""
        return {
            "handler": _name_of(self.handler),
            "filter": None if self.event_filter is None else _describe_filter(self.event_filter),
            "args": self.args,
            "kwargs": dict(self.kwargs),
        }


def _make_step(
    handler: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], takes_engine: bool
) -> Dispatcher:
    if takes_engine and not args and not kwargs:
        return handler
    if takes_engine:
        return functools.partial(_call_with_engine, handler, args, kwargs)
    return functools.partial(_call_without_engine, handler, args, kwargs)


def _call_with_engine(
    handler: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], engine: Engine
) -> None:
    handler(engine, *args, **kwargs)


def _call_without_engine(
    handler: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], engine: Engine
) -> None:
    handler(*args, **kwargs)


def _every_group(attr: str, every: int, steps: list[Dispatcher]) -> Dispatcher:
    """Handlers sharing a plain ``every=N`` filter: one modulo check for all of them.

    ``steps`` is live: a handler appended to it while the group runs runs too.
    """

    def dispatch(engine: Engine) -> None:
        if getattr(engine.state, attr) % every == 0:
            for step in steps:
                step(engine)

    return dispatch


def _filtered(event: Event, attr: str | None, event_filter: EventFilter, step: Dispatcher) -> Dispatcher:
    """One handler behind its filter; events without a known counter ask the state (RuntimeError)."""

    def dispatch(engine: Engine) -> None:
        state = engine.state
        count = getattr(state, attr) if attr is not None else state.get_event_attrib_value(event)
        if event_filter(engine, count):
            step(engine)

    return dispatch


def _in_order(steps: list[Dispatcher]) -> Dispatcher:
    """An event's steps, in order. ``steps`` is live: a handler appended while they run runs too."""

    def dispatch(engine: Engine) -> None:
        for step in steps:
            step(engine)

    return dispatch


def _name_of(obj: Any) -> str:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if name is None:
        name = type(obj).__qualname__
    module = getattr(obj, "__module__", None)
    return f"{module}.{name}" if module and module != "builtins" else str(name)


def _describe_filter(event_filter: EventFilter) -> str:
    if isinstance(event_filter, _EveryFilter) or type(event_filter).__module__ == "ignite.engine.events":
        return repr(event_filter)
    return f"event_filter={_name_of(event_filter)}"
