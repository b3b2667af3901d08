"""Entry point of ignite-plugins-handlers: registers the handlers lazily (nothing heavy is imported here)."""

from __future__ import annotations

from ignite.plugins import Registry, hookimpl

_TARGETS = {
    "EarlyStopping": "ignite_plugins_handlers.early_stopping:EarlyStopping",
    "EpochOutputStore": "ignite_plugins_handlers.epoch_output_store:EpochOutputStore",
    "TerminateOnNan": "ignite_plugins_handlers.terminate_on_nan:TerminateOnNan",
    "TimeLimit": "ignite_plugins_handlers.time_limit:TimeLimit",
    "Timer": "ignite_plugins_handlers.timing:Timer",
    "global_step_from_engine": "ignite_plugins_handlers.utils:global_step_from_engine",
}


@hookimpl
def ignite_register_handlers(registry: Registry) -> None:
    """Register this distribution's handlers as ``name -> "module:attr"`` targets."""
    for name, target in _TARGETS.items():
        registry.add(name, target)
