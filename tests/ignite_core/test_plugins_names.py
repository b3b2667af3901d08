"""Names and module paths come from the plugins' tables (and core's index); messages say what is true."""

from __future__ import annotations

import importlib
import sys

import pytest

import ignite.plugins as plugins
import ignite.plugins.errors as errors_module
import ignite.plugins.host as host_module
from ignite.distributed.comp_models import backend_advice
from ignite.plugins import PluginNotInstalledError

pytest_plugins = ["ignite.testing"]

IMPL = """
class _FakeDistModel:
    pass

class Widget:
    pass
"""

PLUGIN = """
from ignite.plugins import Name, Registry, hookimpl

@hookimpl
def ignite_register_dist_backends(registry: Registry) -> None:
    registry.add_names([Name("fakeback", "names_impl:_FakeDistModel", modules=("ignite.distributed.comp_models.fake",))])

@hookimpl
def ignite_register_handlers(registry: Registry) -> None:
    registry.add_names([Name("Widget", "names_impl:Widget", modules=("ignite.contrib.engines.widgets",))])
"""


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors_module, "installed_version", lambda distribution: None)


@pytest.fixture
def fake(ignite_plugin_host, ignite_plugin_module):
    ignite_plugin_module("names_impl", IMPL)
    ignite_plugin_module("names_plugin", PLUGIN)
    ignite_plugin_host("names = names_plugin")
    yield importlib.import_module("names_impl")
    for name in [
        n
        for n in sys.modules
        if n.startswith(("ignite.distributed.comp_models.fake", "ignite.contrib.engines.w"))
    ]:
        del sys.modules[name]


def test_a_name_in_no_table_is_unknown_everywhere(ignite_plugin_host, nothing_installed) -> None:
    ignite_plugin_host()
    import ignite.metrics

    with pytest.raises(AttributeError) as info:
        ignite.metrics.NotInAnyNameTable  # noqa: B018
    assert not isinstance(info.value, ImportError)
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("ignite.metrics.not_in_any_name_table")
    with pytest.raises(AttributeError, match=r"has no attribute 'Acuracy'\. Did you mean 'Accuracy'"):
        importlib.import_module("ignite.metrics.accuracy").Acuracy  # noqa: B018


def test_module_paths_and_backend_class_names_come_from_the_rows(fake) -> None:
    from ignite.contrib.engines.widgets import Widget
    from ignite.distributed.comp_models.fake import _FakeDistModel

    assert (Widget, _FakeDistModel) == (fake.Widget, fake._FakeDistModel)
    assert plugins.get("dist_backends", "fakeback") is fake._FakeDistModel
    import ignite.handlers

    with pytest.raises(AttributeError):  # the row lists only its module path, not the facade
        ignite.handlers.Widget  # noqa: B018


def test_every_facade_follows_one_pattern(fake) -> None:
    import ignite.distributed as idist
    import ignite.metrics

    assert "get_rank" in idist.__all__ and "Parallel" in dir(idist)
    with pytest.raises(AttributeError, match="Did you mean 'get_rank'"):
        idist.get_rnak  # noqa: B018
    namespace: dict[str, object] = {}
    exec("from ignite.metrics import *", namespace)
    assert {"Metric", "MetricsLambda", "reinit__is_reduced"} <= set(namespace)
    assert set(ignite.metrics.__all__) >= {"Metric", *plugins.names("metrics")}


def test_moved_core_module_warns_and_forwards() -> None:
    sys.modules.pop("ignite.contrib.handlers.base_logger", None)
    with pytest.warns(DeprecationWarning, match=r"import from ignite\.handlers\.base_logger instead"):
        from ignite.contrib.handlers.base_logger import BaseLogger
    from ignite.handlers.base_logger import BaseLogger as Real

    assert BaseLogger is Real


def test_no_backend_available_says_what_installs_one(ignite_plugin_host, nothing_installed) -> None:
    import ignite.distributed as idist

    ignite_plugin_host()
    known = sorted(host_module.INDEX.get("dist_backends", {}))
    if not known:
        pytest.skip("no first-party backend in the index yet")
    dist, extra = host_module.INDEX["dist_backends"][known[0]][:2]
    with pytest.raises(ValueError) as info:
        idist.Parallel(backend=None, nproc_per_node=2)
    assert str(info.value) == (
        "Parallel(backend=None) runs the function in this process; ['nproc_per_node'] need a distributed "
        f"backend. Available backends: (). The {known[0]!r} backend is provided by {dist}"
        + (f" with its {extra!r} extra" if extra else "")
        + f", which is not installed. {plugins.install_hint(dist, extra)}"
    )


def test_backend_advice_when_a_registered_backend_does_not_adopt(fake) -> None:
    assert backend_advice("fakeback") == (
        "The plugin 'names' (registered at runtime) registers the 'fakeback' backend but did not adopt the "
        "process group. To fix it: start it with idist.initialize('fakeback') or "
        "idist.Parallel(backend='fakeback')."
    )
    assert backend_advice("nobackend") == (
        "No installed plugin registers the 'nobackend' backend; install a plugin that provides it."
    )
    assert backend_advice() == "The registered backends (fakeback) cannot run on this machine."


def test_install_hint_is_the_one_sentence_every_message_ends_with(
    ignite_plugin_host, nothing_installed
) -> None:
    assert plugins.install_hint("ignite-plugins-loggers", "tqdm") == (
        'To install it: pip install "ignite-plugins-loggers[tqdm]"'
    )
    assert (
        plugins.install_hint("ignite-plugins-metrics") == "To install it: pip install ignite-plugins-metrics"
    )
    ignite_plugin_host()
    with pytest.raises(PluginNotInstalledError) as info:
        plugins.get("loggers", "ProgressBar")
    assert str(info.value).endswith(plugins.install_hint("ignite-plugins-loggers", "tqdm"))
