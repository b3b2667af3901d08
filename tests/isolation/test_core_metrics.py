"""Scenario core_metrics: ignite-core + ignite-plugins-metrics."""

from __future__ import annotations

import importlib
import pickle

import pytest
import torch

import ignite.plugins
from ignite.plugins import PluginNotInstalledError
from ignite.plugins.facades import INDEX


def test_blog_metrics_resolve_to_metric_subclasses() -> None:
    from ignite.metrics import Accuracy, Loss, Metric, Precision, Recall

    for cls in (Accuracy, Loss, Precision, Recall):
        assert issubclass(cls, Metric)
        assert cls.__module__.startswith("ignite_plugins_metrics.")
    assert importlib.import_module("ignite.metrics.accuracy").Accuracy is Accuracy
    accuracy = Accuracy()
    accuracy.update((torch.tensor([[0.9, 0.1], [0.2, 0.8]]), torch.tensor([0, 0])))
    assert accuracy.compute() == 0.5
    assert pickle.loads(pickle.dumps(Accuracy)) is Accuracy  # pickles by its plugin module path


def test_metrics_plugin_is_listed(plugins_cli, version) -> None:
    [record] = ignite.plugins.list_plugins()
    assert (record.provider.plugin, record.provider.distribution, record.status) == (
        "metrics",
        "ignite-plugins-metrics",
        "loaded",
    )
    assert record.provider.version == version("ignite-plugins-metrics")
    assert plugins_cli("doctor").returncode == 0


def test_handlers_are_not_installed() -> None:
    with pytest.raises(PluginNotInstalledError) as info:
        exec("from ignite.handlers import EarlyStopping", {})
    assert str(info.value) == (
        "ignite.handlers.EarlyStopping is provided by ignite-plugins-handlers, which is not installed. "
        "To install it: pip install ignite-plugins-handlers"
    )


def test_the_index_and_the_installed_plugin_agree() -> None:
    """Core's index is generated from the same tables: every name it gives the metrics plugin is registered."""
    registered = set(ignite.plugins.get_host().entries("metrics"))
    indexed = {name for name, row in INDEX["metrics"].items() if row[0] == "ignite-plugins-metrics"}
    assert indexed == registered
    for name in sorted(indexed):
        assert ignite.plugins.get("metrics", name) is not None


def test_names_in_no_table_are_unknown() -> None:
    """A 0.5 name no plugin declares yet is not claimed: a plain AttributeError, never an install hint."""
    import ignite.metrics

    with pytest.raises(AttributeError) as info:
        ignite.metrics.NoSuchMetricInAnyTable  # noqa: B018
    assert not isinstance(info.value, ImportError)
