"""Module ``__getattr__`` for facade modules (``ignite.metrics``, ``ignite.handlers``, ``ignite.contrib.*``,
``ignite.distributed``). A facade module ends with::

    from ignite.plugins.facade import facade_getattr
    __getattr__ = facade_getattr(__name__)

A missing attribute is resolved through the plugin registry, cached in the module's globals (later reads are
plain attribute reads) and returned. A known pytorch-ignite 0.5 name that cannot be given raises
:class:`~ignite.plugins.PluginNotInstalledError`; any other name raises ``AttributeError``.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from typing import Any

from ignite.plugins import catalogue, messages
from ignite.plugins.registry import import_target

__all__ = ["facade_all", "facade_dir", "facade_getattr", "invalidate_caches", "remember", "resolve"]

_lock = threading.Lock()
_cached: dict[str, dict[str, object]] = {}


def _install_alias_finder() -> None:
    from ignite.plugins.aliases import install

    install()


def resolve(module: str, name: str, qualname: str | None = None) -> object:
    """The object facade ``module`` gives for ``name`` (a core name, a 0.5 submodule, or a registry name).

    ``qualname`` is what the user asked for, used in error messages (default ``f"{module}.{name}"``).
    """
    qualname = qualname or f"{module}.{name}"
    target = catalogue.core_target(module, name)
    if target is not None:
        return import_target(target)
    if catalogue.is_module_path(f"{module}.{name}"):
        return importlib.import_module(f"{module}.{name}")
    kinds = catalogue.facade_kinds(module)
    listed = name in catalogue.facade_names(module) or "." in name
    if kinds and (listed or catalogue.is_open_facade(module)):
        from ignite.plugins.api import get_host

        host = get_host()
        for kind in kinds:
            if host.has(kind, name):
                return host.load(kind, name, qualname)
        for kind in kinds:
            known = catalogue.provider_of(kind, name)
            if known is not None:
                raise host.missing(kind, name, qualname, *known)
    raise messages.unknown_attribute(module, name, _candidates(module))


def _candidates(module: str) -> set[str]:
    found = set(catalogue.facade_names(module))
    mod = sys.modules.get(module)
    if mod is not None:
        found.update(n for n in vars(mod) if not n.startswith("_"))
    if catalogue.is_open_facade(module):
        from ignite.plugins.api import get_host

        host = get_host()
        for kind in catalogue.facade_kinds(module):
            found.update(host.entries(kind))
    return found


def facade_all(module: str) -> list[str]:
    """The names ``from <module> import *`` gives: core names plus the loadable registered ones."""
    from ignite.plugins.api import get_host

    host = get_host()
    listed = set(catalogue.facade_names(module))
    result = {n for n in listed if catalogue.core_target(module, n) is not None}
    mod = sys.modules.get(module)
    if mod is not None:
        result.update(n for n in listed if n in vars(mod))
    open_facade = catalogue.is_open_facade(module)
    for kind in catalogue.facade_kinds(module):
        result.update(n for n in host.names(kind) if open_facade or n in listed)
    return sorted(result)


def facade_dir(module: str) -> Callable[[], list[str]]:
    """A module ``__dir__`` listing the module's globals and every name the facade can resolve."""

    def __dir__() -> list[str]:
        mod = sys.modules.get(module)
        own = set(vars(mod)) if mod is not None else set()
        return sorted(own | set(facade_all(module)))

    return __dir__


def remember(module: str, name: str, value: object) -> None:
    """Cache ``value`` as ``module.name`` so later reads skip ``__getattr__``; undone by :func:`invalidate_caches`."""
    mod = sys.modules.get(module)
    if mod is None:
        return
    with _lock:
        setattr(mod, name, value)
        _cached.setdefault(module, {})[name] = value


def invalidate_caches() -> None:
    """Drop every name a facade cached (after the host changed: reset, register, block)."""
    with _lock:
        for module, names in _cached.items():
            mod = sys.modules.get(module)
            if mod is None:
                continue
            namespace = vars(mod)
            for name, value in names.items():
                if namespace.get(name) is value:
                    del namespace[name]
        _cached.clear()


def facade_getattr(module_name: str) -> Callable[[str], Any]:
    """The ``__getattr__`` of facade module ``module_name``; also installs the 0.5 module-path alias finder."""
    _install_alias_finder()

    def __getattr__(name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            if name == "__all__":
                return facade_all(module_name)
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = resolve(module_name, name)
        remember(module_name, name, value)
        return value

    __getattr__.__qualname__ = f"facade_getattr.<{module_name}>.__getattr__"
    return __getattr__
