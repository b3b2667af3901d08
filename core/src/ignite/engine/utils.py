"""Small helpers of the engine: signature checks done once, when a handler is added."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any


def _describe(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)


def _check_signature(fn: Callable[..., Any], fn_description: str, *args: Any, **kwargs: Any) -> None:
    """Raise ``ValueError`` if ``fn(*args, **kwargs)`` cannot bind to ``fn``'s signature."""
    try:
        signature = inspect.signature(fn)
    except (ValueError, TypeError):  # builtins without a signature: nothing to check
        return
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        params = list(signature.parameters)
        passed = [
            "engine" if i == 0 and _looks_like_engine(a) else type(a).__name__ for i, a in enumerate(args)
        ]
        passed += [f"{k}=" for k in kwargs]
        raise ValueError(
            f"Error adding {fn_description} {_describe(fn)!r}: it takes parameters {params} but will be called "
            f"with ({', '.join(passed)}): {exc}"
        ) from None


def _looks_like_engine(obj: Any) -> bool:
    from ignite.engine.engine import Engine

    return isinstance(obj, Engine)


def _takes_engine(
    handler: Callable[..., Any], engine: Any, event_args: tuple[Any, ...], *args: Any, **kwargs: Any
) -> bool:
    """Whether ``handler`` is called with the engine first; ``ValueError`` if neither form binds."""
    try:
        signature = inspect.signature(handler)
    except (ValueError, TypeError):
        return True
    try:
        signature.bind(engine, *event_args, *args, **kwargs)
        return True
    except TypeError:
        pass
    try:
        signature.bind(*event_args, *args, **kwargs)
        return False
    except TypeError:
        pass
    _check_signature(handler, "handler", engine, *event_args, *args, **kwargs)
    return True  # pragma: no cover - _check_signature raised


def _to_hours_mins_secs(time_taken: float) -> tuple[int, int, float]:
    """Split seconds into hours, minutes and seconds."""
    mins, secs = divmod(time_taken, 60)
    hours, mins = divmod(mins, 60)
    return round(hours), round(mins), secs


def _takes_keyword(fn: Callable[..., Any], name: str) -> bool:
    """Whether ``fn`` accepts the keyword argument ``name`` (by name or through ``**kwargs``)."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (ValueError, TypeError):
        return False
    return any(
        p.kind is inspect.Parameter.VAR_KEYWORD
        or (
            p.name == name
            and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        )
        for p in params
    )
