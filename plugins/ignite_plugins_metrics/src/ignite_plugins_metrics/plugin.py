"""Entry point of ignite-plugins-metrics: registers the metrics lazily (nothing heavy is imported here)."""

from __future__ import annotations

from ignite.plugins import Registry, hookimpl

_TARGETS = {
    "Accuracy": "ignite_plugins_metrics.accuracy:Accuracy",
    "Loss": "ignite_plugins_metrics.loss:Loss",
    "Precision": "ignite_plugins_metrics.precision:Precision",
    "Recall": "ignite_plugins_metrics.recall:Recall",
}


@hookimpl
def ignite_register_metrics(registry: Registry) -> None:
    """Register this distribution's metrics as ``name -> "module:attr"`` targets."""
    for name, target in _TARGETS.items():
        registry.add(name, target)
