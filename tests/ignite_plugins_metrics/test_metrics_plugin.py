"""The plugin's entry point registers every metric, and ``ignite.metrics`` resolves them to this package."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

import ignite_plugins_metrics.plugin as plugin
from ignite.plugins.registry import Provider, Registry, import_target
from ignite_plugins_metrics.names import NAMES

# every name of the table: registry name -> module of its target
EXPECTED = {row.name: row.target.partition(":")[0] for row in NAMES}
CLASSIFICATION = {
    "Accuracy": "ignite_plugins_metrics.accuracy",
    "Loss": "ignite_plugins_metrics.loss",
    "Precision": "ignite_plugins_metrics.precision",
    "Recall": "ignite_plugins_metrics.recall",
    "ConfusionMatrix": "ignite_plugins_metrics.confusion_matrix",
    "ROC_AUC": "ignite_plugins_metrics.roc_auc",
    "RunningAverage": "ignite_plugins_metrics.running_average",
}


def test_table_holds_the_classification_and_running_metrics() -> None:
    for name, module in CLASSIFICATION.items():
        assert EXPECTED[name] == module


def test_entry_point_declared() -> None:
    (ep,) = [ep for ep in entry_points(group="ignite.plugins") if ep.value == "ignite_plugins_metrics.plugin"]
    assert ep.name == "metrics"
    assert ep.load() is plugin


def test_hook_registers_lazy_targets() -> None:
    registry = Registry(kind="metrics", provider=Provider(plugin="metrics"))
    plugin.ignite_register_metrics(registry)
    assert set(registry.entries) == set(EXPECTED)
    for name, module in EXPECTED.items():
        target = registry.entries[name].target
        assert target.partition(":")[0] == module
        obj = import_target(target)
        assert obj.__module__ == module and obj.__name__ == target.partition(":")[2]


@pytest.mark.parametrize("name", sorted(row.name for row in NAMES if "ignite.metrics" in row.modules))
def test_facade_returns_the_plugin_class(name: str) -> None:
    metrics = importlib.import_module("ignite.metrics")
    cls = getattr(metrics, name)
    assert cls.__module__ == EXPECTED[name]
    namespace: dict[str, object] = {}
    exec(f"from ignite.metrics import {name} as imported", namespace)
    assert namespace["imported"] is cls


def test_entry_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, ignite_plugins_metrics.plugin; "
        "print(sorted(m for m in ('torch', 'ignite.engine', 'ignite.metrics') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
