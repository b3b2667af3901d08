"""Run a simulation on live schedulers and put them (and their optimizers) back as they were."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["preserved"]


def _optimizers(obj: Any) -> list[Any]:
    opt = getattr(obj, "optimizer", None)
    if isinstance(opt, list):
        return opt
    return [] if opt is None else [opt]


@contextmanager
def preserved(objects: Sequence[Any]) -> Iterator[None]:
    """Snapshot the state dicts of ``objects`` and of their optimizers; restore them on exit."""
    states = [copy.deepcopy(obj.state_dict()) for obj in objects]
    save_history = [getattr(obj, "save_history", None) for obj in objects]
    optimizers: dict[int, Any] = {}
    for obj in objects:
        for opt in _optimizers(obj):
            optimizers.setdefault(id(opt), (opt, copy.deepcopy(opt.state_dict())))
    try:
        yield
    finally:
        for obj, state, history in zip(objects, states, save_history):
            obj.load_state_dict(state)
            if history is not None:
                obj.save_history = history
        for opt, state in optimizers.values():
            opt.load_state_dict(state)
