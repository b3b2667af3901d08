"""``ignite.contrib``: pytorch-ignite 0.5's contrib namespace (``engines``, and the deprecated ``handlers`` and
``metrics`` re-exports), resolved through the plugin registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ignite.contrib import engines, handlers, metrics

__all__ = ["engines", "handlers", "metrics"]


def __getattr__(name: str) -> object:
    if name in __all__:
        import importlib

        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
