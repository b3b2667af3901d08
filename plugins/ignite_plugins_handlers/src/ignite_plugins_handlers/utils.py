"""global_step_from_engine: read the global step of another engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ignite.engine import Engine

__all__ = ["global_step_from_engine"]


def global_step_from_engine(
    engine: Engine, custom_event_name: Any | None = None, fallback_attr: str = "epoch"
) -> Callable[[Any, Any], int]:
    """Return a ``global_step_transform(_, event_name)`` that reads ``engine``'s counter for the event.

    Typical use: log an evaluator's metrics against the trainer's epoch. ``custom_event_name`` replaces
    the event the logger passes. When the event has no registered state attribute (see
    ``State.event_to_attr``), ``engine.state.<fallback_attr>`` is returned instead.
    """
    if not isinstance(fallback_attr, str) or not fallback_attr:
        raise TypeError(
            f"global_step_from_engine: fallback_attr must be a state attribute name, got {fallback_attr!r}."
        )

    def wrapper(_: Any, event_name: Any) -> int:
        event = custom_event_name if custom_event_name is not None else event_name
        state = engine.state
        if event in state.event_to_attr:
            return int(state.get_event_attrib_value(event))
        if not hasattr(state, fallback_attr):
            raise AttributeError(
                f"global_step_from_engine: event {event!r} has no registered state attribute and "
                f"engine.state has no attribute {fallback_attr!r} to fall back to."
            )
        return int(getattr(state, fallback_attr))

    return wrapper
