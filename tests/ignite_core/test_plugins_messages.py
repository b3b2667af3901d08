"""Snapshot tests: the exact text of every 'cannot give you that name' error, through the facades."""

from __future__ import annotations

import pytest

import ignite
import ignite.plugins as plugins
import ignite.plugins.errors as errors_module
import ignite.plugins.host as host_module
from ignite.plugins import PluginNotInstalledError, hookimpl
from ignite.plugins.registry import Provider, Registry

pytest_plugins = ["ignite.testing"]


def as_source(spec: str, distribution: str, version: str) -> Provider:
    name, _, value = spec.partition(" = ")
    return Provider(name, distribution, version, value)


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors_module, "installed_version", lambda distribution: None)


def _raise_from_import(statement: str) -> PluginNotInstalledError:
    with pytest.raises(PluginNotInstalledError) as info:
        exec(statement, {})
    return info.value


def test_distribution_not_installed(ignite_plugin_host, nothing_installed) -> None:
    ignite_plugin_host()
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error) == (
        "ignite.metrics.Accuracy is provided by ignite-plugins-metrics, which is not installed. "
        "To install it: pip install ignite-plugins-metrics"
    )
    assert (error.reason, error.distribution, error.command) == (
        "not-installed",
        "ignite-plugins-metrics",
        "pip install ignite-plugins-metrics",
    )


def test_distribution_with_extra_not_installed(ignite_plugin_host, nothing_installed) -> None:
    ignite_plugin_host()
    error = _raise_from_import("from ignite.handlers import TensorboardLogger")
    assert str(error) == (
        "ignite.handlers.TensorboardLogger is provided by ignite-plugins-loggers with its 'tensorboard' extra, "
        'which is not installed. To install it: pip install "ignite-plugins-loggers[tensorboard]"'
    )


def test_through_a_0_5_module_path(ignite_plugin_host, nothing_installed) -> None:
    ignite_plugin_host()
    error = _raise_from_import("from ignite.handlers.tensorboard_logger import OutputHandler")
    assert str(error) == (
        "ignite.handlers.tensorboard_logger.OutputHandler is provided by ignite-plugins-loggers with its "
        "'tensorboard' extra, which is not installed. To install it: "
        'pip install "ignite-plugins-loggers[tensorboard]"'
    )


def test_installed_without_the_name_never_claims_a_newer_version(
    ignite_plugin_host, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(errors_module, "installed_version", lambda distribution: "0.1.0")
    ignite_plugin_host()
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error) == (
        "ignite.metrics.Accuracy is not registered by the installed ignite-plugins-metrics 0.1.0, although "
        f"ignite-core {ignite.__version__} lists it as a name of ignite-plugins-metrics: the two come from "
        "different builds. To install matching builds: pip install --force-reinstall ignite-core "
        "ignite-plugins-metrics"
    )
    assert error.reason == "not-provided"


def test_upgrade_only_when_the_index_says_which_version_added_the_name(
    ignite_plugin_host, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(errors_module, "installed_version", lambda distribution: "0.6.0")
    row = host_module.INDEX["loggers"]["TensorboardLogger"]
    monkeypatch.setitem(host_module.INDEX["loggers"], "TensorboardLogger", (*row[:2], "0.7.0", *row[3:]))
    ignite_plugin_host()
    error = _raise_from_import("from ignite.handlers import TensorboardLogger")
    assert str(error) == (
        "ignite.handlers.TensorboardLogger was added in ignite-plugins-loggers 0.7.0; the installed version is "
        '0.6.0. To upgrade: pip install --upgrade "ignite-plugins-loggers[tensorboard]>=0.7.0"'
    )
    monkeypatch.setattr(errors_module, "installed_version", lambda distribution: "0.7.1")
    assert "is not registered by the installed ignite-plugins-loggers 0.7.1" in str(
        _raise_from_import("from ignite.handlers import TensorboardLogger")
    )


def test_plugin_loaded_but_does_not_register_the_name(ignite_plugin_host, ignite_plugin_module) -> None:
    ignite_plugin_module("old_metrics", "")
    ignite_plugin_host(as_source("metrics = old_metrics", "ignite-plugins-metrics", "0.0.1"))
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error).startswith(
        "ignite.metrics.Accuracy is not registered by the installed ignite-plugins-metrics 0.0.1, although"
    )


def test_disabled_by_environment(ignite_plugin_host, ignite_plugin_module) -> None:
    ignite_plugin_module("env_metrics", "")
    ignite_plugin_host(
        as_source("metrics = env_metrics", "ignite-plugins-metrics", "0.6.0"),
        env={"IGNITE_DISABLE_PLUGINS": "metrics,example"},
    )
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error) == (
        "ignite.metrics.Accuracy is provided by the plugin 'metrics' (ignite-plugins-metrics 0.6.0), which is "
        "disabled by IGNITE_DISABLE_PLUGINS=metrics,example. To re-enable it: export IGNITE_DISABLE_PLUGINS=example"
    )
    assert error.reason == "disabled"


def test_not_in_the_autoload_allowlist(ignite_plugin_host, ignite_plugin_module) -> None:
    ignite_plugin_module("auto_metrics", "")
    ignite_plugin_host(
        as_source("metrics = auto_metrics", "ignite-plugins-metrics", "0.6.0"),
        env={"IGNITE_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error) == (
        "ignite.metrics.Accuracy is provided by the plugin 'metrics' (ignite-plugins-metrics 0.6.0), which is not "
        "loaded because IGNITE_DISABLE_PLUGIN_AUTOLOAD is set and IGNITE_PLUGINS does not name it. "
        "To re-enable it: export IGNITE_PLUGINS=metrics"
    )


def test_blocked(ignite_plugin_host, ignite_plugin_module) -> None:
    ignite_plugin_module("blocked_metrics", "")
    ignite_plugin_host(as_source("metrics = blocked_metrics", "ignite-plugins-metrics", "0.6.0"))
    plugins.get_host().block("metrics")
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error) == (
        "ignite.metrics.Accuracy is provided by the plugin 'metrics' (ignite-plugins-metrics 0.6.0), which was "
        "blocked with ignite.plugins.block('metrics'). To re-enable it: ignite.plugins.unblock('metrics')"
    )


def test_failed_to_load(ignite_plugin_host, ignite_plugin_module) -> None:
    ignite_plugin_module("failing_metrics", "raise ImportError('incompatible ignite-core')\n")
    with pytest.warns(plugins.PluginWarning):
        ignite_plugin_host(
            as_source("metrics = failing_metrics", "ignite-plugins-metrics", "0.6.0"), strict=False
        )
    error = _raise_from_import("from ignite.metrics import Accuracy")
    assert str(error) == (
        "ignite.metrics.Accuracy is provided by the plugin 'metrics' (ignite-plugins-metrics 0.6.0), which failed "
        "to load (ImportError: incompatible ignite-core). To see why: python -m ignite.plugins doctor"
    )
    assert error.reason == "failed"


def test_optional_module_without_extra_names_the_pip_package(ignite_plugin_host) -> None:
    class Plugin:
        @hookimpl
        def ignite_register_metrics(self, registry: Registry) -> None:
            registry.add("SkMetric", "json:dumps", requires=("sklearn_missing_xyz.metrics", "no_pkg_abc"))

    ignite_plugin_host(plugins={"sk": Plugin()})
    error = _raise_from_import("from ignite.metrics import SkMetric")
    assert str(error) == (
        "ignite.metrics.SkMetric from the plugin 'sk' (registered at runtime) needs the optional modules "
        "'sklearn_missing_xyz.metrics', 'no_pkg_abc', which are not installed. "
        "To install it: pip install sklearn_missing_xyz no_pkg_abc"
    )


def test_pip_names_differ_from_import_names(ignite_plugin_host, monkeypatch: pytest.MonkeyPatch) -> None:
    import ignite.plugins.host as host

    monkeypatch.setattr(host, "_available", lambda name: False)

    class Plugin:
        @hookimpl
        def ignite_register_metrics(self, registry: Registry) -> None:
            registry.add("SkMetric", "json:dumps", requires=("sklearn",))

    ignite_plugin_host(plugins={"sk": Plugin()})
    with pytest.raises(PluginNotInstalledError) as info:
        plugins.get("metrics", "SkMetric")
    assert str(info.value) == (
        "metrics 'SkMetric' from the plugin 'sk' (registered at runtime) needs the optional module 'sklearn', "
        "which is not installed. To install it: pip install scikit-learn"
    )


def test_unknown_names_are_plain_attribute_errors_with_a_suggestion(ignite_plugin_host) -> None:
    ignite_plugin_host()
    import ignite.handlers

    with pytest.raises(AttributeError) as info:
        ignite.handlers.EarlyStoping  # noqa: B018
    assert not isinstance(info.value, ImportError)
    assert (
        str(info.value)
        == "module 'ignite.handlers' has no attribute 'EarlyStoping'. Did you mean 'EarlyStopping'?"
    )
    with pytest.raises(ImportError, match="cannot import name 'NoSuchThing'"):
        exec("from ignite.handlers import NoSuchThing", {})


def test_get_of_an_unknown_name_is_a_lookup_error(ignite_plugin_host, nothing_installed) -> None:
    ignite_plugin_host()
    with pytest.raises(LookupError) as info:
        plugins.get("metrics", "Acuracy")
    assert str(info.value) == "no plugin registers metrics 'Acuracy'. Did you mean 'Accuracy'?"
    with pytest.raises(
        PluginNotInstalledError, match=r"^metrics 'Accuracy' is provided by ignite-plugins-metrics"
    ):
        plugins.get("metrics", "Accuracy")
    with pytest.raises(ValueError, match="unknown plugin kind 'metric'"):
        plugins.get("metric", "Accuracy")
