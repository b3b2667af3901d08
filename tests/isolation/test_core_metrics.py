"""Scenario core_metrics: ignite-core + ignite-plugins-metrics."""

from __future__ import annotations

import importlib
import pickle

import pytest
import torch

import ignite.plugins
from ignite.plugins import PluginNotInstalledError
from ignite.plugins.catalogue import known_names


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


def test_0_5_metrics_this_version_lacks_ask_for_an_upgrade(version) -> None:
    registered = set(ignite.plugins.get_host().entries("metrics"))
    missing = sorted(set(known_names("metrics")) - registered)
    for name in missing[:3]:
        with pytest.raises(PluginNotInstalledError) as info:
            ignite.plugins.get("metrics", name)
        assert str(info.value) == (
            f"metrics {name!r} is not provided by the installed ignite-plugins-metrics "
            f"{version('ignite-plugins-metrics')}; a newer version provides it. "
            "To upgrade: pip install --upgrade ignite-plugins-metrics"
        )
    for name in sorted(registered & set(known_names("metrics"))):
        assert ignite.plugins.get("metrics", name) is not None
