"""Entry-point module of ``ignite-plugins-loggers``: registers the names of its table (``names.py``) lazily.

Targets are ``"module:attr"`` strings, so discovering this plugin imports nothing heavy.
"""

from __future__ import annotations

from ignite.plugins import Registry, hookimpl
from ignite_plugins_loggers.names import NAMES


@hookimpl
def ignite_register_loggers(registry: Registry) -> None:
    """Register every name of this distribution's table."""
    registry.add_names(NAMES)
