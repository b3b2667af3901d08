"""The registrar handed to plugins: what it accepts and how it says what is wrong."""

from __future__ import annotations

import pytest

from ignite.plugins import Provider, Registry
from ignite.plugins.discovery import HostSettings, normalize_distribution
from ignite.plugins.registry import import_target, is_target_string

PROVIDER = Provider("example", "ignite-plugin-example", "1.2")


def test_add_records_entries_with_provider() -> None:
    registry = Registry("metrics", PROVIDER)
    registry.add("Accuracy", "pkg.accuracy:Accuracy", requires=["sklearn"], extra="sklearn")
    entry = registry.entries["Accuracy"]
    assert (entry.kind, entry.target, entry.requires, entry.extra, entry.provider) == (
        "metrics",
        "pkg.accuracy:Accuracy",
        ("sklearn",),
        "sklearn",
        PROVIDER,
    )
    assert entry.target_text() == "pkg.accuracy:Accuracy"
    registry.add("Obj", Provider)
    assert registry.entries["Obj"].target_text() == "ignite.plugins.registry:Provider"


@pytest.mark.parametrize(
    ("kind", "name", "target", "kwargs", "error", "message"),
    [
        ("metrics", "", "a:b", {}, TypeError, "non-empty str"),
        ("metrics", "not-an-identifier", "a:b", {}, ValueError, "not a Python identifier"),
        ("metrics", "X", "a.b", {}, ValueError, "must look like 'package.module:attr'"),
        ("metrics", "X", None, {}, TypeError, "give the object"),
        ("metrics", "X", "a:b", {"requires": "sklearn"}, TypeError, r"requires=\('sklearn',\)"),
        ("metrics", "X", "a:b", {"requires": ("bad name",)}, ValueError, "not a module name"),
        ("metrics", "X", "a:b", {"extra": ""}, TypeError, "extra is a non-empty str"),
        ("dist_backends", "bad backend", "a:b", {}, ValueError, "not a valid backend name"),
    ],
)
def test_add_rejects_mistakes(kind, name, target, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        Registry(kind, PROVIDER).add(name, target, **kwargs)


def test_names_special_to_kinds() -> None:
    Registry("dist_backends", PROVIDER).add("xla-tpu", "a:b")
    Registry("loggers", PROVIDER).add("tensorboard_logger.OutputHandler", "a:b")
    registry = Registry("metrics", PROVIDER)
    registry.add("Twice", "a:b")
    with pytest.raises(ValueError, match=r"registered twice by 'example' \(ignite-plugin-example 1.2\)"):
        registry.add("Twice", "a:c")
    with pytest.raises(ValueError, match="unknown plugin kind 'metric'"):
        Registry("metric", PROVIDER)


def test_targets() -> None:
    assert is_target_string("a.b:c.d")
    assert not is_target_string("a.b")
    assert import_target("json:dumps") is __import__("json").dumps
    assert import_target("os:path.join") is __import__("os").path.join
    with pytest.raises(ImportError, match="cannot import 'nope' from 'json'"):
        import_target("json:nope")


def test_provider_labels() -> None:
    assert PROVIDER.label() == "'example' (ignite-plugin-example 1.2)"
    assert Provider("nb").label() == "'nb' (registered at runtime)"


def test_settings_from_environment() -> None:
    settings = HostSettings.from_env(
        {
            "IGNITE_PLUGINS_STRICT": "true",
            "IGNITE_TRACE_PLUGINS": "0",
            "IGNITE_DISABLE_PLUGINS": " a, ,b ",
            "IGNITE_DISABLE_PLUGIN_AUTOLOAD": "1",
            "IGNITE_PLUGINS": "c",
        }
    )
    assert settings == HostSettings(
        strict=True, trace=False, disabled=("a", "b"), autoload=False, allowlist=("c",)
    )
    assert HostSettings.from_env({}) == HostSettings()
    assert normalize_distribution("Ignite_Plugins.Metrics") == "ignite-plugins-metrics"
