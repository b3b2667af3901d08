"""Facade modules and 0.5 module paths: resolution, caching, identity, pickling, deprecation warnings."""

from __future__ import annotations

import importlib
import pickle
import re
import sys
import warnings

import pytest

import ignite.plugins as plugins
from ignite.plugins import facades, hookimpl
from ignite.plugins.registry import Registry

pytest_plugins = ["ignite.testing"]

IMPL = """
class Accuracy:
    def __init__(self, k=1):
        self.k = k

class R2Score:
    pass

class ProgressBar:
    pass

class TbOutputHandler:
    pass

def global_step_from_engine(engine):
    return engine
"""

PLUGIN = """
from ignite.plugins import Name, Registry, hookimpl

REGRESSION = ("ignite.metrics.regression", "ignite.contrib.metrics.regression")
R2 = ("ignite.metrics.regression.r2_score", "ignite.contrib.metrics.regression.r2_score")
TB = ("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger")
METRICS = (
    Name("Accuracy", "fake_impl:Accuracy", modules=("ignite.metrics", "ignite.metrics.accuracy")),
    Name("R2Score", "fake_impl:R2Score", modules=REGRESSION + R2),
)
LOGGERS = (
    Name("ProgressBar", "fake_impl:ProgressBar", modules=(
        "ignite.handlers", "ignite.contrib.handlers", "ignite.contrib.handlers.tqdm_logger"
    )),
    Name("tensorboard_logger.OutputHandler", "fake_impl:TbOutputHandler", modules=TB),
)

@hookimpl
def ignite_register_metrics(registry: Registry) -> None:
    registry.add_names(METRICS)
    registry.add("ThirdPartyMetric", "fake_impl:R2Score")  # no modules: its kind's home facade

@hookimpl
def ignite_register_handlers(registry: Registry) -> None:
    registry.add("global_step_from_engine", "fake_impl:global_step_from_engine", modules=(
        "ignite.handlers", "ignite.handlers.tensorboard_logger"
    ))

@hookimpl
def ignite_register_loggers(registry: Registry) -> None:
    registry.add_names(LOGGERS)
"""


@pytest.fixture
def fake(ignite_plugin_host, ignite_plugin_module):
    ignite_plugin_module("fake_impl", IMPL)
    ignite_plugin_module("fake_plugin", PLUGIN)
    ignite_plugin_host("fake = fake_plugin")
    yield importlib.import_module("fake_impl")
    # forget alias modules made while this host was installed, so other tests start clean
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        if spec is not None and isinstance(spec.loader, facades.AliasFinder):
            del sys.modules[name]


def test_facade_resolves_caches_and_forgets_on_reset(fake) -> None:
    import ignite.metrics

    assert "Accuracy" not in vars(ignite.metrics)
    assert ignite.metrics.Accuracy is fake.Accuracy
    assert vars(ignite.metrics)["Accuracy"] is fake.Accuracy  # later reads skip __getattr__
    from ignite.metrics import ThirdPartyMetric  # third-party names reach the open facades

    assert ThirdPartyMetric is fake.R2Score
    plugins.set_host(plugins.get_host())  # any host change drops the cached names
    assert "Accuracy" not in vars(ignite.metrics)


def test_handlers_facade_serves_handlers_and_loggers(fake) -> None:
    from ignite.handlers import ProgressBar, global_step_from_engine

    assert ProgressBar is fake.ProgressBar
    assert global_step_from_engine is fake.global_step_from_engine
    from ignite.contrib.handlers import ProgressBar as ContribProgressBar

    assert ContribProgressBar is fake.ProgressBar


def test_restricted_facades_give_only_their_0_5_names(fake) -> None:
    import ignite.contrib.handlers

    with pytest.raises(AttributeError, match="has no attribute 'ThirdPartyMetric'"):
        ignite.contrib.handlers.ThirdPartyMetric  # noqa: B018


def test_dunder_lookups_do_not_build_the_host(ignite_plugin_host, monkeypatch: pytest.MonkeyPatch) -> None:
    import ignite.handlers
    import ignite.plugins.host as api

    plugins.set_host(None)
    monkeypatch.setattr(api, "get_host", lambda: pytest.fail("host built"))
    for name in ("__wrapped__", "__signature__", "__test__"):
        assert not hasattr(ignite.handlers, name)
    assert api._host is None


def test_star_import_and_dir_list_what_resolves(fake) -> None:
    import ignite.metrics.regression

    namespace: dict[str, object] = {}
    exec("from ignite.metrics.regression import *", namespace)
    assert namespace["R2Score"] is fake.R2Score
    assert "R2Score" in dir(ignite.metrics.regression)
    import ignite.handlers

    assert {"ProgressBar", "global_step_from_engine", "BaseLogger"} <= set(dir(ignite.handlers))


def test_0_5_module_paths_give_the_same_objects(fake) -> None:
    import ignite.metrics

    accuracy_module = importlib.import_module("ignite.metrics.accuracy")
    assert accuracy_module.Accuracy is ignite.metrics.Accuracy
    from ignite.metrics.regression.r2_score import R2Score

    assert R2Score is fake.R2Score
    import ignite.metrics.regression as regression

    assert regression.r2_score.R2Score is R2Score  # submodules are attributes of the synthesized package
    from ignite.handlers.tensorboard_logger import OutputHandler, global_step_from_engine

    assert OutputHandler is fake.TbOutputHandler
    assert global_step_from_engine is fake.global_step_from_engine
    assert accuracy_module.__all__ == ["Accuracy"]


def test_instances_agree_on_isinstance_and_pickle(fake) -> None:
    from ignite.metrics import Accuracy
    from ignite.metrics.accuracy import Accuracy as AliasAccuracy

    metric = AliasAccuracy(k=3)
    assert isinstance(metric, Accuracy)
    clone = pickle.loads(pickle.dumps(metric))
    assert isinstance(clone, Accuracy)
    assert clone.k == 3


def test_contrib_module_paths_warn_and_name_the_new_location(fake) -> None:
    sys.modules.pop("ignite.contrib.handlers.tqdm_logger", None)
    with pytest.warns(DeprecationWarning) as caught:
        from ignite.contrib.handlers.tqdm_logger import ProgressBar
    assert ProgressBar is fake.ProgressBar
    assert str(caught[0].message) == (
        "ignite.contrib.handlers.tqdm_logger is deprecated since 0.5.0 and will be removed in version 0.6.0; "
        "import from ignite.handlers.tqdm_logger instead."
    )
    assert caught[0].filename == __file__  # points at the importing line
    sys.modules.pop("ignite.contrib.metrics.regression", None)
    with pytest.warns(DeprecationWarning) as caught:
        module = importlib.import_module("ignite.contrib.metrics.regression.r2_score")
    assert module.R2Score is fake.R2Score
    assert [str(w.message).split(" is deprecated")[0] for w in caught] == [
        "ignite.contrib.metrics.regression",
        "ignite.contrib.metrics.regression.r2_score",
    ]


def test_package_facades_of_contrib_do_not_warn(fake) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        import ignite.contrib.engines
        import ignite.contrib.handlers

        assert ignite.contrib.engines.__name__ == "ignite.contrib.engines"


def test_unknown_names_on_alias_modules(fake) -> None:
    module = importlib.import_module("ignite.metrics.accuracy")
    with pytest.raises(
        AttributeError,
        match=re.escape("module 'ignite.metrics.accuracy' has no attribute 'Acuracy'. Did you"),
    ):
        module.Acuracy  # noqa: B018
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("ignite.metrics.no_such_module")


def test_real_modules_win_over_aliases() -> None:
    finder = facades.AliasFinder()
    assert finder.find_spec("ignite.metrics.metric", None) is None  # in no name table: a real core module
    assert finder.find_spec("ignite.metrics.accuracy", None) is not None
    assert finder.find_spec("ignite.metrics.no_such_module", None) is None
    assert sum(isinstance(f, facades.AliasFinder) for f in sys.meta_path) == 1


def test_registered_plugin_object_for_one_test(ignite_plugin_host, ignite_register_plugin) -> None:
    ignite_plugin_host()

    class Notebook:
        @hookimpl
        def ignite_register_metrics(self, registry: Registry) -> None:
            registry.add("NotebookMetric", dict)

    ignite_register_plugin(Notebook(), "notebook")
    from ignite.metrics import NotebookMetric

    assert NotebookMetric is dict
    assert plugins.names("metrics") == ["NotebookMetric"]
