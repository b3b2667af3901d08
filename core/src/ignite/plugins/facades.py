"""The names of the ``ignite.*`` modules: facade modules, the 0.5 module paths, the index of first-party names,
and the one cache of resolved names.

Every namespace (``ignite.metrics``, ``ignite.handlers``, ``ignite.contrib.*``, ``ignite.distributed``) is a
facade: it imports core's own names, then ends with::

    from ignite.plugins.facades import facade

    __getattr__, __dir__ = facade(__name__)

A missing attribute is looked up in what the module exposes (:func:`exposed`: the loaded plugins' names and
the index of first-party names, :data:`INDEX`): found, it is imported, cached in the module's globals and
returned; a known name that cannot be given raises :class:`~ignite.plugins.PluginNotInstalledError`; any other
name raises ``AttributeError``. ``__all__`` is core's names plus the plugin names that load.

pytorch-ignite 0.5 module paths (``ignite.metrics.accuracy``, ``ignite.handlers.tensorboard_logger``, ...)
are made by one import finder at the end of ``sys.meta_path`` (a real module always wins): the same
``__getattr__`` over the names that list that path, so they give the very objects the facades give.
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
from typing import TYPE_CHECKING, Any

from ignite.plugins import errors
from ignite.plugins._index import INDEX
from ignite.plugins.registry import KINDS, local_name

if TYPE_CHECKING:
    from ignite.plugins.host import PluginHost

__all__ = ["INDEX", "AliasFinder", "facade", "invalidate_caches"]

# distribution, extra, since, attr, modules
Row = tuple[str, str | None, str | None, str | None, tuple[str, ...]]
Exposed = dict[str, dict[str, tuple[str, str]]]  # module path -> attribute -> (kind, registry name)


# Where a registered name without ``modules`` appears: its kind's home facade.
_HOME = {"metrics": "ignite.metrics", "handlers": "ignite.handlers", "loggers": "ignite.handlers"}
# Module facts that are not per name: 0.5 paths that moved (old prefix -> new prefix), and when.
_MOVED = {"ignite.contrib.handlers.": "ignite.handlers.", "ignite.contrib.metrics.": "ignite.metrics."}
_MOVED_SINCE = {
    "ignite.contrib.handlers.param_scheduler": "0.4.4",
    "ignite.contrib.handlers.lr_finder": "0.4.4",
    "ignite.contrib.handlers.time_profilers": "0.4.6",
}

_lock = threading.Lock()
_cached: dict[str, dict[str, object]] = {}  # the one cache: module -> names bound in its globals


def exposed(host: PluginHost) -> Exposed:
    """What each ``ignite.*`` module path exposes, from the index of first-party names and the loaded plugins'."""
    where: Exposed = {}
    for kind, rows in INDEX.items():
        for name, (*_, attr, paths) in rows.items():
            for path in paths:
                where.setdefault(path, {})[attr or local_name(kind, name, name)] = (kind, name)
    for kind in KINDS:
        for name, (entry, *_) in host.entries(kind).items():
            home = () if "." in name or kind not in _HOME else (_HOME[kind],)
            for path in entry.modules or home:
                where.setdefault(path, {})[local_name(kind, name, entry.target)] = (kind, name)
    return where


def _is_package(where: Exposed, module: str) -> bool:
    return any(path.startswith(f"{module}.") for path in where)


def _resolve(module: str, name: str, core: Sequence[str]) -> object:
    from ignite.plugins.host import get_host

    host = get_host()
    where = exposed(host)
    found = where.get(module, {}).get(name)
    if found is not None:
        return host.load(*found, qualname=f"{module}.{name}")
    if f"{module}.{name}" in where or _is_package(where, f"{module}.{name}"):
        return importlib.import_module(f"{module}.{name}")
    mod = sys.modules.get(module)
    candidates = {*core, *where.get(module, {}), *(n for n in vars(mod) if n[0] != "_")} if mod else core
    raise AttributeError(f"module {module!r} has no attribute {name!r}.{errors.suggestion(name, candidates)}")


def _all(module: str, core: Sequence[str]) -> list[str]:
    from ignite.plugins.host import get_host

    host = get_host()
    names = exposed(host).get(module, {})
    loadable = {kind: set(host.names(kind)) for kind, _ in names.values()}
    return sorted({*core, *(attr for attr, (kind, name) in names.items() if name in loadable[kind])})


def facade(module: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of facade module ``module`` (call it last in the module), or of a 0.5
    module path.

    The module's ``__all__`` (core's names) is taken over: ``__all__`` becomes those names plus the plugin names
    that load.
    """
    core = tuple(vars(sys.modules[module]).pop("__all__", ()))

    def __getattr__(name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            if name == "__all__":
                return _all(module, core)
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = _resolve(module, name, core)
        mod = sys.modules.get(module)
        if mod is not None:
            with _lock:
                setattr(mod, name, value)
                _cached.setdefault(module, {})[name] = value
        return value

    def __dir__() -> list[str]:
        mod = sys.modules.get(module)
        return sorted({*(vars(mod) if mod is not None else ()), *_all(module, core)})

    return __getattr__, __dir__


def invalidate_caches() -> None:
    """Drop every name a module cached (after the host changed: reset, register, block)."""
    with _lock:
        for module, names in _cached.items():
            namespace = vars(sys.modules[module]) if module in sys.modules else {}
            for name, value in names.items():
                if namespace.get(name) is value:
                    del namespace[name]
        _cached.clear()


class AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the ``ignite.*`` module paths that names live in (per the host) and no real module provides, and fills
    them: the facade ``__getattr__``, and a deprecation warning when the path moved."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        from ignite.plugins import host

        if not fullname.startswith("ignite.") or host.building():
            return None
        where = exposed(host.get_host())
        if fullname not in where and not _is_package(where, fullname):
            return None
        return importlib.util.spec_from_loader(fullname, self, is_package=_is_package(where, fullname))

    def exec_module(self, module: ModuleType) -> None:
        name = module.__name__
        moved = next((new + name[len(old) :] for old, new in _MOVED.items() if name.startswith(old)), None)
        if moved is not None:
            warnings.warn(
                f"{name} is deprecated since {_MOVED_SINCE.get(name, '0.5.0')} and will be removed in version 0.6.0; "
                f"import from {moved} instead.",
                DeprecationWarning,
                stacklevel=2,  # importlib's own frames are skipped: this points at the import statement
            )
        module.__doc__ = f"pytorch-ignite 0.5 module path {name}, resolved through the ignite plugin host."
        module.__getattr__, module.__dir__ = facade(name)  # type: ignore[method-assign]


# The 0.5 module-path finder goes last: a real module always wins.
sys.meta_path.append(AliasFinder())
