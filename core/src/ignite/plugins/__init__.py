"""The plugin host: finds plugins through the ``ignite.plugins`` entry-point group and resolves names.

A plugin declares its names in one table of :class:`Name` rows and registers it from a hook::

    from ignite.plugins import Registry, hookimpl
    from my_plugin.names import NAMES

    @hookimpl
    def ignite_register_metrics(registry: Registry) -> None:
        registry.add_names(NAMES)  # or registry.add("MyMetric", "my_plugin.metric:MyMetric")

Nothing here scans entry points or imports pluggy until a name is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ignite.plugins import errors, host, registry
from ignite.plugins.errors import *  # noqa: F403
from ignite.plugins.host import *  # noqa: F403
from ignite.plugins.registry import *  # noqa: F403

if TYPE_CHECKING:
    from ignite.plugins.hookspecs import hookimpl
else:

    def __getattr__(name: str) -> Any:
        # pluggy is imported only when a plugin module asks for the marker, or the host is built.
        if name == "hookimpl":
            from ignite.plugins.hookspecs import hookimpl

            globals()["hookimpl"] = hookimpl
            return hookimpl
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["hookimpl", *errors.__all__, *host.__all__, *registry.__all__]
