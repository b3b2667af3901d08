"""The process-wide plugin host and the functions core and users call.

The host is built once, on first demand, under a lock; ``import ignite`` never builds it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ignite.plugins import catalogue, messages

if TYPE_CHECKING:
    from ignite.distributed.comp_models.base import ComputationModel
    from ignite.plugins.host import PluginHost, PluginRecord

__all__ = [
    "block",
    "dist_model_from_context",
    "get",
    "get_host",
    "list_plugins",
    "names",
    "register",
    "reset",
    "set_host",
    "unblock",
    "unregister",
]

_lock = threading.RLock()
_host: PluginHost | None = None
_blocked: set[str] = set()
_building = False


def get_host() -> PluginHost:
    """The process-wide host, built from the installed entry points on first call."""
    host = _host
    if host is not None:
        return host
    global _building
    with _lock:
        if _host is None:
            if _building:
                raise RuntimeError(
                    "a plugin looked up an ignite plugin name while the plugin host was loading plugins; "
                    "entry-point modules must only register names (as 'module:attr' targets)"
                )
            from ignite.plugins.host import PluginHost

            _building = True
            try:
                _set(PluginHost(blocked=_blocked))
            finally:
                _building = False
        assert _host is not None
        return _host


def _set(host: PluginHost | None) -> None:
    global _host
    _host = host
    from ignite.plugins.facade import invalidate_caches

    invalidate_caches()


def set_host(host: PluginHost | None) -> PluginHost | None:
    """Install ``host`` as the process-wide host (``None``: rebuild on next demand); returns the previous one."""
    with _lock:
        previous = _host
        _set(host)
        return previous


def reset() -> None:
    """Forget the host (and the names cached on facade modules); the next lookup rescans entry points.

    Names passed to :func:`block` stay blocked; :func:`unblock` lifts them.
    """
    set_host(None)


def get(kind: str, name: str) -> object:
    """The object a plugin registers as ``name`` in ``kind`` (``"metrics"``, ``"handlers"``, ``"loggers"``,
    ``"dist_backends"``), imported on first use.

    Raises:
        PluginNotInstalledError: a known name whose provider is missing, disabled, failed or lacks a package.
        PluginConflictError: several plugins register the name.
        LookupError: an unknown name.
    """
    host = get_host()
    if host.has(kind, name):
        return host.load(kind, name)
    known = catalogue.provider_of(kind, name)
    if known is not None:
        raise host.missing(kind, name, None, *known)
    raise messages.unknown_name(kind, name, [*host.entries(kind), *catalogue.known_names(kind)])


def names(kind: str) -> list[str]:
    """Sorted names of ``kind`` that are registered and loadable (their required modules import)."""
    return get_host().names(kind)


def dist_model_from_context() -> ComputationModel | None:
    """Ask the dist plugins to adopt a process group started outside ignite; ``None`` when none does."""
    result: ComputationModel | None = get_host().plugin_manager.hook.ignite_dist_model_from_context()
    return result


def register(plugin: object, name: str | None = None) -> str:
    """Register a plugin object (a module or object with ``@hookimpl`` functions) now; returns its name.

    Meant for plugins that are not installed as distributions (notebooks, tests). Errors raise at once.
    """
    with _lock:
        plugin_name = get_host().register(plugin, name)
        _invalidate()
        return plugin_name


def unregister(name: str) -> None:
    """Remove the plugin registered as ``name`` and the names it provides."""
    with _lock:
        get_host().unregister(name)
        _invalidate()


def block(*names: str) -> None:
    """Disable plugins by entry-point or distribution name; their names raise ``PluginNotInstalledError``."""
    with _lock:
        _blocked.update(names)
        if _host is not None:
            for name in names:
                _host.block(name)
            _invalidate()


def unblock(*names: str) -> None:
    """Undo :func:`block`; the host is rebuilt on next demand so the plugins load again."""
    with _lock:
        _blocked.difference_update(names)
        _set(None)


def list_plugins() -> list[PluginRecord]:
    """Every plugin the host has seen, with status (loaded, failed, disabled, blocked) and what it provides."""
    return get_host().records()


def _invalidate() -> None:
    from ignite.plugins.facade import invalidate_caches

    invalidate_caches()
