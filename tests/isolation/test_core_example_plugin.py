"""Scenario core_example_plugin: ignite-core + the fake third-party plugin (tests/fixtures/ignite-plugin-example)."""

from __future__ import annotations

import pytest
import torch

import ignite.plugins
from ignite.plugins import PluginNotInstalledError


def test_third_party_metric_and_handler_resolve_through_the_facades() -> None:
    from ignite.engine import Engine
    from ignite.handlers import StopAfterIterations
    from ignite.metrics import Metric, SignAgreement

    assert issubclass(SignAgreement, Metric)
    assert SignAgreement.__module__ == "ignite_plugin_example.metrics"
    batches = [(torch.tensor([1.0, -2.0]), torch.tensor([3.0, 1.0]))] * 5
    evaluator = Engine(lambda engine, batch: batch)
    SignAgreement().attach(evaluator, "sign")
    assert evaluator.run(batches, max_epochs=1).metrics["sign"] == 0.5
    trainer = Engine(lambda engine, batch: None)
    StopAfterIterations(2).attach(trainer)
    assert trainer.run(batches, max_epochs=3).iteration == 2


def test_listed_with_its_distribution(plugins_cli) -> None:
    [record] = ignite.plugins.list_plugins()
    assert (record.provider.plugin, record.provider.distribution, record.provider.version, record.status) == (
        "example",
        "ignite-plugin-example",
        "0.1.0",
        "loaded",
    )
    assert record.provides == {"metrics": ("SignAgreement",), "handlers": ("StopAfterIterations",)}
    listing = plugins_cli().stdout.splitlines()
    assert listing[1].split() == [
        "example",
        "ignite-plugin-example",
        "0.1.0",
        "loaded",
        "ignite_plugin_example.plugin",
    ]


def test_first_party_names_still_explain() -> None:
    with pytest.raises(PluginNotInstalledError, match=r"To install it: pip install ignite-plugins-metrics$"):
        exec("from ignite.metrics import Accuracy", {})
