"""``python -m ignite.plugins`` (list) and ``doctor``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from ignite.plugins import PluginWarning
from ignite.plugins.cli import Finding, diagnose, main
from ignite.plugins.registry import Provider

pytest_plugins = ["ignite.testing"]

PLUGIN = """
from ignite.plugins import Registry, hookimpl

@hookimpl
def ignite_register_metrics(registry: Registry) -> None:
    registry.add("CliMetric", "json:dumps")
    registry.add("NeedsSdk", "json:dumps", requires=("no_sdk_for_cli",), extra="sdk")
"""


def source(name: str, value: str, dist: str) -> Provider:
    return Provider(name, dist, "2.0", value)


@pytest.fixture
def host(ignite_plugin_host, ignite_plugin_module):
    ignite_plugin_module("cli_plugin", PLUGIN)
    ignite_plugin_module("cli_broken", "raise RuntimeError('cannot start')\n")
    with pytest.warns(PluginWarning):
        return ignite_plugin_host(
            source("cli", "cli_plugin", "cli-plugin"),
            source("broken", "cli_broken", "broken-plugin"),
            source("off", "cli_plugin", "off-plugin"),
            env={"IGNITE_DISABLE_PLUGINS": "off"},
            strict=False,
        )


def test_list(host) -> None:
    out = io.StringIO()
    assert main([], out) == 0
    assert out.getvalue().splitlines() == [
        "plugin  distribution   version  status    entry point",
        "cli     cli-plugin     2.0      loaded    cli_plugin",
        "    metrics (2): CliMetric, NeedsSdk",
        "broken  broken-plugin  2.0      failed    cli_broken",
        "    RuntimeError: cannot start",
        "off     off-plugin     2.0      disabled  cli_plugin",
        "    is disabled by IGNITE_DISABLE_PLUGINS=off",
    ]


def test_list_as_json(host) -> None:
    out = io.StringIO()
    main(["list", "--json"], out)
    rows = json.loads(out.getvalue())
    assert [(r["plugin"], r["status"]) for r in rows] == [
        ("cli", "loaded"),
        ("broken", "failed"),
        ("off", "disabled"),
    ]
    assert rows[0]["provides"] == {"metrics": ["CliMetric", "NeedsSdk"]}


def test_doctor_reports_failures_missing_sdks_and_disabled_plugins(host) -> None:
    out = io.StringIO()
    assert main(["doctor"], out) == 1
    text = out.getvalue()
    assert "3 plugin(s) found, 1 loaded." in text
    assert "[error] plugin 'broken' (broken-plugin 2.0) failed to load: RuntimeError: cannot start" in text
    assert "RuntimeError: cannot start" in text.split("[error]")[1]  # the traceback
    assert "[info] metrics 'NeedsSdk' needs no_sdk_for_cli (not installed)" in text
    assert 'fix: pip install "cli-plugin[sdk]"' in text
    assert "[info] plugin 'off' (off-plugin 2.0) is disabled by IGNITE_DISABLE_PLUGINS=off" in text
    assert "fix: unset IGNITE_DISABLE_PLUGINS" in text


def test_doctor_finds_pytorch_ignite_conflicts_and_core_mismatch(
    ignite_plugin_host, ignite_plugin_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ignite.plugins.cli as doctor

    shared = "from ignite.plugins import hookimpl\n\n@hookimpl\ndef ignite_register_handlers(registry):\n"
    ignite_plugin_module("shared_one", shared + "    registry.add('Shared', 'json:dumps')\n")
    ignite_plugin_module("shared_two", shared + "    registry.add('Shared', 'json:loads')\n")
    with pytest.warns(PluginWarning, match="registered by more than one plugin"):
        host = ignite_plugin_host(
            source("one", "shared_one", "one-plugin"), source("two", "shared_two", "two-plugin"), strict=False
        )
    versions = {"pytorch-ignite": "0.5.5", "ignite-core": "0.6.0"}
    mismatch = Finding("error", "x requires ignite-core>=9", command='pip install "ignite-core>=9"')
    monkeypatch.setattr(doctor, "installed_version", versions.get)
    monkeypatch.setattr(doctor, "core_mismatch", lambda dist, core: mismatch)
    findings = diagnose(host)
    assert [(f.summary, f.command) for f in findings] == [
        (
            "pytorch-ignite 0.5.5 is installed alongside ignite-core",
            "pip uninstall -y pytorch-ignite && pip install --force-reinstall --no-deps ignite-core",
        ),
        (
            "handlers 'Shared' is registered by more than one plugin: 'one' (one-plugin 2.0) and "
            "'two' (two-plugin 2.0)",
            "export IGNITE_DISABLE_PLUGINS=two",
        ),
        ("x requires ignite-core>=9", 'pip install "ignite-core>=9"'),
        ("x requires ignite-core>=9", 'pip install "ignite-core>=9"'),
    ]


def test_core_requirement_mismatch_of_an_installed_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    import ignite.plugins.cli as doctor

    declared = {"some-plugin": ['pytest; extra == "test"', "ignite-core>=0.7,<0.8"]}
    monkeypatch.setattr(doctor, "requires", declared.get)
    finding = doctor.core_mismatch("some-plugin", "0.6.0")
    assert finding == Finding(
        "error",
        "some-plugin requires ignite-core>=0.7,<0.8, but ignite-core 0.6.0 is installed",
        "Its plugin may fail to load or misbehave.",
        'pip install "ignite-core<0.8,>=0.7"',
    )
    assert doctor.core_mismatch("some-plugin", "0.7.1") is None
    assert doctor.core_mismatch("plugin-declaring-nothing", "0.6.0") is None


def test_module_entry_point_runs() -> None:
    env = {**os.environ, "PYTHONSAFEPATH": "1", "IGNITE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "ignite.plugins", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert all(row["status"] == "disabled" for row in json.loads(result.stdout))
