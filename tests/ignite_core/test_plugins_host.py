"""The plugin host: discovery order, isolation of broken plugins, switches, conflicts, runtime registration."""

from __future__ import annotations

import sys
import threading
import types
from importlib.metadata import EntryPoint

import pytest

import ignite.plugins as plugins
from ignite.plugins import (
    PluginConflictError,
    PluginLoadError,
    PluginNotInstalledError,
    PluginWarning,
    hookimpl,
)
from ignite.plugins.discovery import HostSettings, sort_sources
from ignite.plugins.host import PluginHost
from ignite.plugins.registry import Provider, Registry

pytest_plugins = ["ignite.testing"]

GOOD = """
from ignite.plugins import Registry, hookimpl

@hookimpl
def ignite_register_metrics(registry: Registry) -> None:
    registry.add("GoodMetric", "{pkg}.impl:GoodMetric")
    registry.add("NeedsSDK", "{pkg}.impl:GoodMetric", requires=("no_such_sdk_xyz",), extra="sdk")

@hookimpl
def ignite_register_handlers(registry: Registry) -> None:
    registry.add("GoodHandler", "{pkg}.impl:GoodHandler")
"""
IMPL = """
import sys
sys.modules[__name__].imported = True

class GoodMetric:
    pass

class GoodHandler:
    pass
"""


def source(name: str, value: str, dist: str | None = None, version: str | None = "1.0") -> Provider:
    return Provider(name, dist, version if dist else None, value)


def strict(**env: str) -> HostSettings:
    return HostSettings.from_env({"IGNITE_PLUGINS_STRICT": "1", **env})


def lenient(**env: str) -> HostSettings:
    return HostSettings.from_env(env)


@pytest.fixture
def good(ignite_plugin_module) -> str:
    ignite_plugin_module("goodpkg.plugin", GOOD.format(pkg="goodpkg"))
    ignite_plugin_module("goodpkg.impl", IMPL)
    return "goodpkg.plugin"


@pytest.fixture
def broken(ignite_plugin_module) -> str:
    return ignite_plugin_module("brokenpkg.plugin", "raise RuntimeError('boom at import')\n")


def test_entry_points_are_sorted_first_party_first_then_by_distribution() -> None:
    found = [
        source("zeta", "z", "zeta-plugin"),
        source("loggers", "l", "ignite-plugins-loggers"),
        source("alpha", "a", "Alpha_Plugin"),
        source("metrics", "m", "ignite_plugins.metrics"),
        source("bare", "b"),
    ]
    assert [s.plugin for s in sort_sources(found)] == [
        "loggers",
        "metrics",
        "bare",
        "alpha",
        "zeta",
    ]


def test_an_entry_point_loads_as_its_provider(good: str) -> None:
    host = PluginHost([EntryPoint("good", good, "ignite.plugins")], settings=strict())
    assert host.records()[0].provider == Provider("good", value=good)
    assert host.names("metrics") == ["GoodMetric"]


def test_names_are_registered_lazily_and_imported_on_first_get(good: str) -> None:
    host = PluginHost([source("good", good, "good-plugin")], settings=strict())
    assert "goodpkg.impl" not in sys.modules
    assert host.names("metrics") == ["GoodMetric"]  # NeedsSDK lacks its module
    assert host.names("handlers") == ["GoodHandler"]
    assert "goodpkg.impl" not in sys.modules
    metric = host.load("metrics", "GoodMetric")
    assert sys.modules["goodpkg.impl"].imported is True
    assert host.load("metrics", "GoodMetric") is metric
    record = host.records()[0]
    assert (record.status, record.provider.distribution, record.provider.version) == (
        "loaded",
        "good-plugin",
        "1.0",
    )
    assert record.provides == {"metrics": ("GoodMetric", "NeedsSDK"), "handlers": ("GoodHandler",)}


def test_missing_optional_module_names_the_extra_to_install(good: str) -> None:
    host = PluginHost([source("good", good, "good-plugin")], settings=strict())
    with pytest.raises(PluginNotInstalledError) as info:
        host.load("metrics", "NeedsSDK", "ignite.metrics.NeedsSDK")
    assert str(info.value) == (
        "ignite.metrics.NeedsSDK from the plugin 'good' (good-plugin 1.0) needs the optional module "
        "'no_such_sdk_xyz', which is not installed. To install it: pip install \"good-plugin[sdk]\""
    )
    assert info.value.reason == "missing-requirement"
    assert info.value.name == "no_such_sdk_xyz"
    assert isinstance(info.value, ModuleNotFoundError)


def test_a_plugin_raising_at_import_is_one_warning_and_the_rest_works(good: str, broken: str) -> None:
    with pytest.warns(PluginWarning) as caught:
        host = PluginHost(
            [source("broken", broken, "broken-plugin", "0.3"), source("good", good, "good-plugin")],
            settings=lenient(),
        )
    assert len(caught) == 1
    assert str(caught[0].message) == (
        "ignite plugin 'broken' (broken-plugin 0.3) failed to load and is skipped: RuntimeError: boom at import"
    )
    assert host.names("metrics") == ["GoodMetric"]
    statuses = {r.provider.plugin: r.status for r in host.records()}
    assert statuses == {"broken": "failed", "good": "loaded"}


def test_strict_mode_raises_for_a_broken_plugin(broken: str) -> None:
    with pytest.raises(
        PluginLoadError, match=r"'broken' \(broken-plugin 0.3\) failed to load.*boom at import"
    ):
        PluginHost([source("broken", broken, "broken-plugin", "0.3")], settings=strict())


def test_disable_by_entry_point_or_distribution_name(good: str) -> None:
    for disabled in ("good", "Good_Plugin"):
        host = PluginHost(
            [source("good", good, "good-plugin")], settings=strict(IGNITE_DISABLE_PLUGINS=disabled)
        )
        record = host.records()[0]
        assert record.status == "disabled"
        assert record.command == "unset IGNITE_DISABLE_PLUGINS"
        assert host.names("metrics") == []
    host = PluginHost(
        [source("good", good, "good-plugin")], settings=strict(IGNITE_DISABLE_PLUGINS="x, good")
    )
    assert host.records()[0].command == "export IGNITE_DISABLE_PLUGINS=x"


def test_autoload_off_loads_only_the_allowlist(good: str, ignite_plugin_module) -> None:
    other = ignite_plugin_module("otherpkg", "")
    settings = strict(IGNITE_DISABLE_PLUGIN_AUTOLOAD="1", IGNITE_PLUGINS="other")
    host = PluginHost(
        [source("good", good, "good-plugin"), source("other", other, "other-plugin")], settings=settings
    )
    statuses = {r.provider.plugin: (r.status, r.command) for r in host.records()}
    assert statuses == {
        "good": ("disabled", "export IGNITE_PLUGINS=other,good"),
        "other": ("loaded", ""),
    }


def test_block_removes_the_names_and_reports_how_to_unblock(good: str) -> None:
    host = PluginHost([source("good", good, "good-plugin")], settings=strict())
    host.block("good")
    assert "GoodMetric" not in host.entries("metrics")
    record = host.records()[0]
    assert (record.status, record.command) == ("blocked", "ignite.plugins.unblock('good')")
    again = PluginHost([source("good", good, "good-plugin")], settings=strict(), blocked=["good-plugin"])
    assert again.records()[0].status == "blocked"


def test_duplicate_names_warn_and_lookup_names_both_providers(good: str, ignite_plugin_module) -> None:
    twin = ignite_plugin_module("twinpkg", GOOD.format(pkg="goodpkg"))
    with pytest.warns(PluginWarning, match="is registered by more than one plugin") as caught:
        host = PluginHost(
            [source("good", good, "good-plugin"), source("twin", twin, "twin-plugin")], settings=lenient()
        )
    assert len(caught) == 3  # one per duplicated name
    with pytest.raises(PluginConflictError) as info:
        host.load("metrics", "GoodMetric", "ignite.metrics.GoodMetric")
    assert str(info.value) == (
        "ignite.metrics.GoodMetric is registered by more than one plugin: 'good' (good-plugin 1.0) and "
        "'twin' (twin-plugin 1.0). Keep one by disabling the others: export IGNITE_DISABLE_PLUGINS=twin"
    )
    assert "GoodMetric" not in host.names("metrics")
    host.unregister("twin")
    assert host.load("metrics", "GoodMetric") is sys.modules["goodpkg.impl"].GoodMetric


def test_duplicate_names_raise_in_strict_mode(good: str, ignite_plugin_module) -> None:
    twin = ignite_plugin_module("twinpkg", GOOD.format(pkg="goodpkg"))
    with pytest.raises(
        PluginConflictError, match=r"'good' \(good-plugin 1.0\) and 'twin' \(twin-plugin 1.0\)"
    ):
        PluginHost(
            [source("good", good, "good-plugin"), source("twin", twin, "twin-plugin")], settings=strict()
        )


def test_runtime_registration_and_its_errors() -> None:
    host = PluginHost([], settings=strict())

    class Plugin:
        @hookimpl
        def ignite_register_loggers(self, registry: Registry) -> None:
            registry.add("NotebookLogger", dict)

    assert host.register(Plugin(), "notebook") == "notebook"
    assert host.load("loggers", "NotebookLogger") is dict
    assert host.records()[0].provider.label() == "'notebook' (registered at runtime)"
    with pytest.raises(ValueError, match="already registered"):
        host.register(Plugin(), "notebook")
    with pytest.raises(PluginConflictError, match="'notebook' \\(registered at runtime\\) and 'again'"):
        host.register(Plugin(), "again")
    assert [r.provider.plugin for r in host.records()] == ["notebook"]
    assert host.plugin_manager.get_plugin("again") is None  # the refused plugin is not left half-registered
    host.unregister("notebook")
    assert "NotebookLogger" not in host.entries("loggers")
    with pytest.raises(LookupError, match="no plugin named 'notebook'"):
        host.unregister("notebook")


def test_unknown_hooks_and_bad_arguments_fail_the_plugin() -> None:
    host = PluginHost([], settings=strict())
    typo = types.ModuleType("typo_plugin")

    @hookimpl
    def ignite_register_metric(registry: Registry) -> None:  # missing "s"
        raise AssertionError("never called")

    typo.ignite_register_metric = ignite_register_metric  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="unknown hook 'ignite_register_metric'"):
        host.register(typo, "typo")

    extra_arg = types.ModuleType("extra_arg_plugin")

    @hookimpl
    def ignite_register_metrics(registry: Registry, engine: object) -> None:
        raise AssertionError("never called")

    extra_arg.ignite_register_metrics = ignite_register_metrics  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="engine"):
        host.register(extra_arg, "extra")
    assert host.records() == []


def test_hook_implementations_may_omit_arguments() -> None:
    """Hooks grow by keyword arguments; an implementation takes only those it uses."""
    host = PluginHost([], settings=strict())
    calls: list[str] = []

    class NoArgs:
        @hookimpl
        def ignite_register_handlers(self) -> None:
            calls.append("called")

    host.register(NoArgs(), "noargs")
    assert calls == ["called"]


def test_dist_model_from_context_takes_the_first_answer() -> None:
    host = PluginHost([], settings=strict())

    class Nothing:
        @hookimpl
        def ignite_dist_model_from_context(self) -> object | None:
            return None

    class Adopts:
        @hookimpl
        def ignite_dist_model_from_context(self) -> object | None:
            return "adopted-model"

    host.register(Nothing(), "nothing")
    assert host.plugin_manager.hook.ignite_dist_model_from_context() is None
    host.register(Adopts(), "adopts")
    assert host.plugin_manager.hook.ignite_dist_model_from_context() == "adopted-model"


def test_trace_prints_what_loads(good: str, capsys: pytest.CaptureFixture[str]) -> None:
    host = PluginHost([source("good", good, "good-plugin")], settings=strict(IGNITE_TRACE_PLUGINS="1"))
    host.load("metrics", "GoodMetric")
    err = capsys.readouterr().err
    assert "[ignite.plugins] found 1 entry point(s) in " in err
    assert "[ignite.plugins] loaded 'good' (good-plugin 1.0) from goodpkg.plugin in " in err
    assert "[ignite.plugins] imported metrics 'GoodMetric' from goodpkg.impl:GoodMetric in " in err


def test_target_import_error_points_at_the_module(ignite_plugin_module) -> None:
    ignite_plugin_module("badtarget", "import no_such_dependency_xyz\n")
    host = PluginHost([], settings=strict())

    class Plugin:
        @hookimpl
        def ignite_register_metrics(self, registry: Registry) -> None:
            registry.add("Bad", "badtarget:Bad")

    host.register(Plugin(), "bad")
    with pytest.raises(PluginNotInstalledError) as info:
        host.load("metrics", "Bad")
    assert str(info.value) == (
        "metrics 'Bad' from the plugin 'bad' (registered at runtime) could not be imported from badtarget:Bad "
        "(ModuleNotFoundError: No module named 'no_such_dependency_xyz'). "
        'To see why: python -c "import badtarget"'
    )


def test_the_process_host_is_built_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    import ignite.plugins.host as host_module

    scans: list[int] = []
    barrier = threading.Barrier(8)

    def fake_scan() -> list[Provider]:
        scans.append(1)
        return []

    monkeypatch.setattr(host_module, "scan", fake_scan)
    previous = plugins.set_host(None)
    try:
        hosts: list[PluginHost] = []

        def build() -> None:
            barrier.wait()
            hosts.append(plugins.get_host())

        threads = [threading.Thread(target=build) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(scans) == 1
        assert len({id(h) for h in hosts}) == 1
    finally:
        plugins.set_host(previous)


def test_an_entry_module_looking_names_up_fails_only_itself(
    ignite_plugin_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ignite.plugins.host as host_module

    eager = ignite_plugin_module("eager_plugin", "from ignite.metrics import Accuracy\n")
    monkeypatch.setattr(host_module, "scan", lambda: [source("eager", eager, "eager-plugin")])
    monkeypatch.setenv("IGNITE_PLUGINS_STRICT", "0")
    previous = plugins.set_host(None)
    try:
        with pytest.warns(PluginWarning, match="entry-point modules must only register names"):
            host = plugins.get_host()
        assert [r.status for r in host.records()] == ["failed"]
    finally:
        plugins.set_host(previous)
