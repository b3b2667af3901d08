"""The generated catalogue matches the reviewed table, and the table is consistent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ignite.plugins import _catalogue, catalogue

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return _load("gen_catalogue")


def test_committed_catalogue_is_rendered_from_the_table(gen: ModuleType) -> None:
    table = gen.load_table()
    assert gen.render_catalogue(table) == (ROOT / "core/src/ignite/plugins/_catalogue.py").read_text()


def test_table_is_internally_consistent(gen: ModuleType) -> None:
    assert gen.validate_table(gen.load_table()) == []


def test_cross_check_reports_contradictions(gen: ModuleType) -> None:
    table = gen.load_table()
    registered = gen.Registered(
        entries={
            ("metrics", "Accuracy"): ("ignite-plugins-metrics", None, "m.accuracy:Accuracy"),
            ("metrics", "Loss"): ("ignite-plugins-handlers", None, "h.loss:Loss"),
            ("loggers", "TensorboardLogger"): ("ignite-plugins-loggers", None, "l.tb:TensorboardLogger"),
            ("metrics", "Helper"): ("ignite-plugins-metrics", None, "m.helper:Helper"),
        }
    )
    errors, warnings, pending = gen.cross_check(table, registered)
    assert errors == [
        "loggers 'TensorboardLogger': ignite-plugins-loggers registers extra=None, the table says extra='tensorboard'",
        "metrics 'Loss': registered by ignite-plugins-handlers, the table says ignite-plugins-metrics",
    ]
    assert warnings == [
        "ignite-plugins-metrics registers metrics 'Helper', which is not a 0.5 name in the table"
    ]
    assert "ignite-plugins-metrics: metrics 'Precision'" in pending
    assert "ignite-plugins-metrics: metrics 'Accuracy'" not in pending


def test_type_checking_block_is_replaced_between_markers(gen: ModuleType) -> None:
    text = (
        f"x = 1\nif TYPE_CHECKING:\n    {gen.BEGIN}\n    from a import old as old\n    {gen.END}\n    pass\n"
    )
    assert gen.apply_block(text, ["from b import new as new"]) == (
        f"x = 1\nif TYPE_CHECKING:\n    {gen.BEGIN}\n    from b import new as new\n    {gen.END}\n    pass\n"
    )
    assert gen.apply_block("x = 1\n", []) is None


@pytest.mark.parametrize(
    ("path", "facade", "local", "registry_name"),
    [
        ("ignite.metrics.accuracy", "ignite.metrics", "Accuracy", "Accuracy"),
        ("ignite.metrics.confusion_matrix", "ignite.metrics", "cmAccuracy", "cmAccuracy"),
        (
            "ignite.handlers.tensorboard_logger",
            "ignite.handlers",
            "OutputHandler",
            "tensorboard_logger.OutputHandler",
        ),
        ("ignite.contrib.handlers.tqdm_logger", "ignite.handlers", "ProgressBar", "ProgressBar"),
        ("ignite.contrib.engines.common", "ignite.handlers", "setup_tb_logging", "setup_tb_logging"),
        ("ignite.distributed.comp_models.native", "ignite.distributed", "_NativeDistModel", "gloo"),
    ],
)
def test_0_5_module_paths(path: str, facade: str, local: str, registry_name: str) -> None:
    alias = catalogue.alias_module(path)
    assert alias is not None
    assert (alias.facade, alias.names[local]) == (facade, registry_name)


def test_every_alias_resolves_through_a_known_facade() -> None:
    for path, (facade, names, _package, moved_to, _since) in _catalogue.MODULES.items():
        assert facade in _catalogue.FACADE_KINDS, path
        if moved_to is not None:
            assert path.startswith("ignite.contrib."), path
        for registry_name in names.values():
            kinds = _catalogue.FACADE_KINDS[facade]
            core = _catalogue.CORE.get(facade, {})
            assert registry_name in core or any(registry_name in _catalogue.PROVIDERS[k] for k in kinds), path


def test_providers_and_extras() -> None:
    assert catalogue.provider_of("loggers", "TensorboardLogger") == ("ignite-plugins-loggers", "tensorboard")
    assert catalogue.provider_of("metrics", "Accuracy") == ("ignite-plugins-metrics", None)
    assert catalogue.provider_of("dist_backends", "horovod") == ("ignite-plugins-dist", "horovod")
    assert catalogue.provider_of("metrics", "NotAName") is None
    assert catalogue.facade_kinds("ignite.handlers") == ("handlers", "loggers")
    assert catalogue.facade_kinds("ignite.metrics.some_new_subpackage") == ("metrics",)
    assert catalogue.core_target("ignite.handlers", "BaseLogger") == "ignite.handlers.base_logger:BaseLogger"
    assert catalogue.pip_name("sklearn.metrics") == "scikit-learn"
    assert catalogue.pip_name("tqdm") == "tqdm"
