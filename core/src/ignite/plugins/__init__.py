"""The plugin host: finds plugins through the ``ignite.plugins`` entry-point group and resolves names.

A plugin's entry-point module implements hooks::

    from ignite.plugins import hookimpl, Registry

    @hookimpl
    def ignite_register_metrics(registry: Registry) -> None:
        registry.add("Accuracy", "ignite_plugins_metrics.accuracy:Accuracy")

Nothing here scans entry points or imports pluggy until a name is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ignite.plugins.api import (
    block,
    dist_model_from_context,
    get,
    get_host,
    list_plugins,
    names,
    register,
    reset,
    set_host,
    unblock,
    unregister,
)
from ignite.plugins.errors import PluginConflictError, PluginLoadError, PluginNotInstalledError, PluginWarning
from ignite.plugins.registry import KINDS, Entry, Name, Provider, Registry

if TYPE_CHECKING:
    from pluggy import HookimplMarker

    from ignite.plugins.host import PluginHost, PluginRecord

    hookimpl: HookimplMarker
else:

    def __getattr__(name: str) -> Any:
        # pluggy is imported only when a plugin module asks for the marker, or the host is built.
        if name == "hookimpl":
            from ignite.plugins.hookspecs import hookimpl

            globals()["hookimpl"] = hookimpl
            return hookimpl
        if name in ("PluginHost", "PluginRecord"):
            from ignite.plugins import host

            return getattr(host, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "KINDS",
    "Entry",
    "Name",
    "PluginConflictError",
    "PluginHost",
    "PluginLoadError",
    "PluginNotInstalledError",
    "PluginRecord",
    "PluginWarning",
    "Provider",
    "Registry",
    "block",
    "dist_model_from_context",
    "get",
    "get_host",
    "hookimpl",
    "list_plugins",
    "names",
    "register",
    "reset",
    "set_host",
    "unblock",
    "unregister",
]
