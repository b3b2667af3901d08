"""Scenario everything_broken_plugin: everything installed plus a plugin whose entry module raises at import."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import ignite.plugins
from ignite.plugins import PluginLoadError, PluginWarning


def test_one_warning_and_accuracy_still_works() -> None:
    with pytest.warns(PluginWarning) as caught:
        from ignite.metrics import Accuracy
    assert [str(w.message) for w in caught] == [
        "ignite plugin 'broken' (ignite-plugin-broken 0.1.0) failed to load and is skipped: "
        "RuntimeError: ignite-plugin-broken always fails to import (test fixture)"
    ]
    assert Accuracy.__module__.startswith("ignite_plugins_metrics.")
    from ignite.metrics import SignAgreement

    assert SignAgreement.__module__ == "ignite_plugin_example.metrics"


def test_the_warning_is_given_once_per_process() -> None:
    code = (
        "import warnings\n"
        "warnings.simplefilter('always')\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from ignite.metrics import Accuracy, Loss\n"
        "    from ignite.handlers import EarlyStopping\n"
        "print(len([w for w in caught if 'ignite-plugin-broken' in str(w.message)]))\n"
    )
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.stdout.strip() == "1", result.stderr


def test_strict_mode_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGNITE_PLUGINS_STRICT", "1")
    with pytest.raises(PluginLoadError, match=r"'broken' \(ignite-plugin-broken 0.1.0\) failed to load"):
        ignite.plugins.get_host()


def test_doctor_reports_the_failure(plugins_cli) -> None:
    result = plugins_cli("doctor")
    assert result.returncode == 1
    assert (
        "[error] plugin 'broken' (ignite-plugin-broken 0.1.0) failed to load: "
        "RuntimeError: ignite-plugin-broken always fails to import (test fixture)"
    ) in result.stdout
    assert "fix: python -m ignite.plugins doctor" not in result.stdout.split("[error]")[0]
