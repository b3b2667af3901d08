"""One import finder that keeps pytorch-ignite 0.5 module paths working.

``import ignite.metrics.accuracy`` or ``from ignite.handlers.tensorboard_logger import TensorboardLogger``
resolve to modules made from the catalogue: their attributes are read from the facade module, so they are
the very objects ``ignite.metrics.Accuracy`` gives (``isinstance`` and pickling agree). The finder sits at
the end of ``sys.meta_path``: a real module of the same name always wins. It is installed when a facade
module is first imported, never by ``import ignite``.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from ignite.plugins import catalogue, messages
from ignite.plugins.catalogue import AliasModule

__all__ = ["AliasFinder", "install", "uninstall"]

_lock = threading.Lock()


class AliasFinder(importlib.abc.MetaPathFinder):
    """Finds the 0.5 module paths listed in the catalogue that no real module provides."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        alias = catalogue.alias_module(fullname)
        if alias is None:
            return None
        return importlib.util.spec_from_loader(fullname, AliasLoader(alias), is_package=alias.package)


class AliasLoader(importlib.abc.Loader):
    """Fills an alias module: a lazy ``__getattr__`` over its names, and the deprecation warning if moved."""

    def __init__(self, alias: AliasModule) -> None:
        self.alias = alias

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        alias = self.alias
        if alias.moved_to is not None:
            since = f" since {alias.deprecated_since}" if alias.deprecated_since else ""
            warnings.warn(
                f"{alias.name} is deprecated{since} and will be removed in version 0.6.0; "
                f"import from {alias.moved_to} instead.",
                DeprecationWarning,
                stacklevel=_caller_stacklevel(),
            )
        module.__doc__ = f"pytorch-ignite 0.5 module path, resolved through {alias.facade}."
        if alias.facade == alias.name:
            from ignite.plugins.facade import facade_dir, facade_getattr

            setattr(module, "__getattr__", facade_getattr(alias.name))  # noqa: B010
            setattr(module, "__dir__", facade_dir(alias.name))  # noqa: B010
        else:
            module.__all__ = list(alias.names)  # type: ignore[attr-defined]
            setattr(module, "__getattr__", _alias_getattr(alias))  # noqa: B010
            setattr(module, "__dir__", lambda: sorted({*vars(module), *alias.names}))  # noqa: B010


def _alias_getattr(alias: AliasModule) -> Callable[[str], Any]:
    def __getattr__(name: str) -> Any:
        registry_name = alias.names.get(name)
        if registry_name is None:
            raise messages.unknown_attribute(alias.name, name, alias.names)
        from ignite.plugins.facade import remember, resolve

        value = resolve(alias.facade, registry_name, f"{alias.name}.{name}")
        remember(alias.name, name, value)
        return value

    return __getattr__


def _caller_stacklevel() -> int:
    """The ``stacklevel`` that points a warning raised in ``exec_module`` at the importing code.

    ``warnings`` already skips frames of ``importlib._bootstrap``; this also steps over ``import_module``.
    """
    frame = sys._getframe(1).f_back
    level = 1
    while frame is not None:
        filename = frame.f_code.co_filename
        if "importlib" in filename and "_bootstrap" in filename:
            frame = frame.f_back
            continue
        if filename not in (__file__, importlib.__file__):
            break
        level += 1
        frame = frame.f_back
    return level + 1


def install() -> None:
    """Append the alias finder to ``sys.meta_path`` unless it is there already."""
    with _lock:
        if not any(isinstance(finder, AliasFinder) for finder in sys.meta_path):
            sys.meta_path.append(AliasFinder())


def uninstall() -> None:
    """Remove the alias finder from ``sys.meta_path``."""
    with _lock:
        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, AliasFinder)]
