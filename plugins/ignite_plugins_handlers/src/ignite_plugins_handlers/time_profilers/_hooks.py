"""Placing a handler first on an event, and timing each registered handler.

The public Engine API appends handlers; profiling also needs "run before every other handler" and a timed
wrapper around each handler's call. Both are done here, in one place, on the engine's handler table
(``engine._event_handlers``: event -> entries with a ``step(engine)`` callable, rebuilt by
``engine._compile(event)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ignite.engine import Engine

__all__ = ["entries", "handler_name", "prepend", "wrap_steps"]


def entries(engine: Engine, event: Any) -> list[Any]:
    """The registered entries of ``event`` (each has ``handler``, ``args``, ``kwargs``, ``step``)."""
    return list(engine._event_handlers.get(event, ()))


def handler_name(handler: Any) -> str:
    """``__qualname__`` of functions and methods, the class name of callable objects."""
    name = getattr(handler, "__qualname__", None)
    return name if isinstance(name, str) else type(handler).__name__


def prepend(engine: Engine, event: Any, handler: Callable[..., Any], *args: Any) -> None:
    """Attach ``handler`` to ``event`` so that it runs before the handlers already there."""
    engine.add_event_handler(event, handler, *args)
    table = engine._event_handlers[event]
    table.insert(0, table.pop())
    engine._compile(event)


def wrap_steps(engine: Engine, event: Any, wrap: Callable[[Any], Callable[[Engine], None] | None]) -> None:
    """Replace each entry's ``step`` by ``wrap(entry)`` (None keeps it) and rebuild the event's dispatcher."""
    changed = False
    for entry in engine._event_handlers.get(event, ()):
        new = wrap(entry)
        if new is not None:
            entry.step = new
            changed = True
    if changed:
        engine._compile(event)
