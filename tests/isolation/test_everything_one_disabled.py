"""Scenario everything_one_disabled: every distribution installed, IGNITE_DISABLE_PLUGINS=metrics."""

from __future__ import annotations

import pytest

import ignite.plugins
from ignite.plugins import PluginNotInstalledError


def test_disabled_plugin_names_say_how_to_re_enable(version) -> None:
    with pytest.raises(PluginNotInstalledError) as info:
        exec("from ignite.metrics import Accuracy", {})
    assert str(info.value) == (
        f"ignite.metrics.Accuracy is provided by the plugin 'metrics' (ignite-plugins-metrics "
        f"{version('ignite-plugins-metrics')}), which is disabled by IGNITE_DISABLE_PLUGINS=metrics. "
        "To re-enable it: unset IGNITE_DISABLE_PLUGINS"
    )
    assert info.value.reason == "disabled"


def test_the_other_plugins_work() -> None:
    from ignite.handlers import EarlyStopping, ProgressBar, StopAfterIterations, TensorboardLogger
    from ignite.metrics import SignAgreement

    assert EarlyStopping.__module__.startswith("ignite_plugins_handlers.")
    assert TensorboardLogger.__module__.startswith("ignite_plugins_loggers.")
    assert ProgressBar.__module__.startswith("ignite_plugins_loggers.")
    assert StopAfterIterations.__module__ == SignAgreement.__module__.replace("metrics", "handlers")
    statuses = {r.provider.plugin: r.status for r in ignite.plugins.list_plugins()}
    assert statuses == {
        "dist": "loaded",
        "handlers": "loaded",
        "loggers": "loaded",
        "metrics": "disabled",
        "example": "loaded",
    }


def test_block_and_unblock_at_runtime() -> None:
    from ignite.handlers import EarlyStopping

    ignite.plugins.block("handlers")
    with pytest.raises(
        PluginNotInstalledError, match=r"To re-enable it: ignite.plugins.unblock\('handlers'\)$"
    ):
        exec("from ignite.handlers import EarlyStopping", {})
    ignite.plugins.unblock("handlers")
    from ignite.handlers import EarlyStopping as again

    assert again is EarlyStopping


def test_cli_shows_the_disabled_plugin(plugins_cli) -> None:
    listing = plugins_cli().stdout
    assert "is disabled by IGNITE_DISABLE_PLUGINS=metrics" in listing
    doctor = plugins_cli("doctor")
    assert doctor.returncode == 0
    assert "[info] plugin 'metrics' (ignite-plugins-metrics" in doctor.stdout
    assert "fix: unset IGNITE_DISABLE_PLUGINS" in doctor.stdout
