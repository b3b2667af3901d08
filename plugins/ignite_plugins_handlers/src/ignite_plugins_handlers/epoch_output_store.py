"""EpochOutputStore: keeps every iteration output of the current epoch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ignite.engine import Engine, Events

__all__ = ["EpochOutputStore"]


class EpochOutputStore:
    """Stores ``output_transform(engine.state.output)`` of each iteration in ``self.data``.

    ``attach(engine)`` clears the list at every ``EPOCH_STARTED`` and appends at every
    ``ITERATION_COMPLETED``; with ``name`` the list is also published as ``engine.state.<name>`` at
    ``EPOCH_COMPLETED``. Keep outputs small (e.g. detached, on CPU): everything stays in memory.
    """

    def __init__(self, output_transform: Callable[[Any], Any] = lambda x: x) -> None:
        if not callable(output_transform):
            raise TypeError(f"EpochOutputStore: output_transform must be callable, got {output_transform!r}.")
        self.data: list[Any] = []
        self.output_transform = output_transform
        self.name: str | None = None

    def reset(self, *args: Any) -> None:
        """Start a new, empty list (extra arguments, such as the engine, are ignored)."""
        self.data = []

    def update(self, engine: Engine) -> None:
        """Append the transformed output of the engine's current iteration."""
        self.data.append(self.output_transform(engine.state.output))

    def store(self, engine: Engine) -> None:
        """Publish the collected outputs as ``engine.state.<name>``."""
        if self.name is None:
            raise ValueError("EpochOutputStore.store needs a name: call attach(engine, name='...') first.")
        setattr(engine.state, self.name, self.data)

    def attach(self, engine: Engine, name: str | None = None) -> None:
        """Reset at EPOCH_STARTED, update at ITERATION_COMPLETED and, if ``name`` is given, store at
        EPOCH_COMPLETED."""
        engine.add_event_handler(Events.EPOCH_STARTED, self.reset)
        engine.add_event_handler(Events.ITERATION_COMPLETED, self.update)
        if name is not None:
            if not isinstance(name, str) or not name.isidentifier():
                raise ValueError(f"EpochOutputStore: name must be a valid attribute name, got {name!r}.")
            self.name = name
            engine.add_event_handler(Events.EPOCH_COMPLETED, self.store)
