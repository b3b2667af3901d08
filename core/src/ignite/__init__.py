"""A plugin-based PyTorch-Ignite: the core.

Subpackages load on first attribute access, so ``import ignite`` stays cheap and scans no plugin.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

__version__ = "0.6.0.dev0"

_SUBMODULES = frozenset(
    {"base", "contrib", "distributed", "engine", "exceptions", "handlers", "metrics", "plugins", "utils"}
)

if TYPE_CHECKING:
    from ignite import base as base
    from ignite import contrib as contrib
    from ignite import distributed as distributed
    from ignite import engine as engine
    from ignite import exceptions as exceptions
    from ignite import handlers as handlers
    from ignite import metrics as metrics
    from ignite import plugins as plugins
    from ignite import utils as utils


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'ignite' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_SUBMODULES])


__all__ = ["__version__"]
