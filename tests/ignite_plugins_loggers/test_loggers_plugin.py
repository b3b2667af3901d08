"""The loggers plugin: what it registers, that registering is cheap, and how the host resolves it."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

import ignite.plugins
from ignite.plugins import Provider, Registry
from ignite_plugins_loggers import plugin


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# Keeps an SDK out of reach in a subprocess, as if it were not installed.
BLOCK_SDK = """
import sys

class Block:
    def __init__(self, *names):
        self.names = set(names)

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
"""


def test_entry_point_is_declared() -> None:
    eps = {ep.name: ep.value for ep in entry_points(group="ignite.plugins")}
    assert eps["loggers"] == "ignite_plugins_loggers.plugin"


def test_registers_implemented_loggers_with_their_sdk() -> None:
    registry = Registry("loggers", Provider("loggers", "ignite-plugins-loggers"))
    plugin.ignite_register_loggers(registry)
    entries = {name: (e.target, e.requires, e.extra) for name, e in registry.entries.items()}
    tb = ("tensorboard",), "tensorboard"
    ml = ("mlflow",), "mlflow"
    expected = {
        "TensorboardLogger": ("ignite_plugins_loggers.tensorboard_logger:TensorboardLogger", *tb),
        "MLflowLogger": ("ignite_plugins_loggers.mlflow_logger:MLflowLogger", *ml),
        "ProgressBar": ("ignite_plugins_loggers.tqdm_logger:ProgressBar", ("tqdm",), "tqdm"),
        "setup_tb_logging": ("ignite_plugins_loggers.logger_utils:setup_tb_logging", *tb),
        "setup_mlflow_logging": ("ignite_plugins_loggers.logger_utils:setup_mlflow_logging", *ml),
    }
    for name in ("OutputHandler", "OptimizerParamsHandler", "WeightsScalarHandler", "WeightsHistHandler"):
        expected[f"tensorboard_logger.{name}"] = (f"ignite_plugins_loggers.tensorboard_logger:{name}", *tb)
    for name in ("GradsScalarHandler", "GradsHistHandler"):
        expected[f"tensorboard_logger.{name}"] = (f"ignite_plugins_loggers.tensorboard_logger:{name}", *tb)
    for name in ("OutputHandler", "OptimizerParamsHandler"):
        expected[f"mlflow_logger.{name}"] = (f"ignite_plugins_loggers.mlflow_logger:{name}", *ml)
    nep = ("neptune",), "neptune"
    for name in ("NeptuneLogger", "NeptuneSaver"):
        expected[name] = (f"ignite_plugins_loggers.neptune_logger:{name}", *nep)
    for name in ("OutputHandler", "OptimizerParamsHandler", "WeightsScalarHandler", "GradsScalarHandler"):
        expected[f"neptune_logger.{name}"] = (f"ignite_plugins_loggers.neptune_logger:{name}", *nep)
    expected["setup_neptune_logging"] = ("ignite_plugins_loggers.logger_utils:setup_neptune_logging", *nep)
    expected["VisdomLogger"] = ("ignite_plugins_loggers.visdom_logger:VisdomLogger", (), None)
    for name in ("OutputHandler", "OptimizerParamsHandler", "WeightsScalarHandler", "GradsScalarHandler"):
        expected[f"visdom_logger.{name}"] = (f"ignite_plugins_loggers.visdom_logger:{name}", (), None)
    expected["setup_visdom_logging"] = ("ignite_plugins_loggers.logger_utils:setup_visdom_logging", (), None)
    expected["WandBLogger"] = ("ignite_plugins_loggers.wandb_logger:WandBLogger", (), None)
    for name in ("OutputHandler", "OptimizerParamsHandler"):
        expected[f"wandb_logger.{name}"] = (f"ignite_plugins_loggers.wandb_logger:{name}", (), None)
    expected["setup_wandb_logging"] = ("ignite_plugins_loggers.logger_utils:setup_wandb_logging", (), None)
    expected["ClearMLLogger"] = ("ignite_plugins_loggers.clearml_logger:ClearMLLogger", (), None)
    expected["ClearMLSaver"] = ("ignite_plugins_loggers.clearml_saver:ClearMLSaver", (), None)
    for name in ("OutputHandler", "OptimizerParamsHandler", "WeightsScalarHandler", "WeightsHistHandler"):
        expected[f"clearml_logger.{name}"] = (f"ignite_plugins_loggers.clearml_logger:{name}", (), None)
    for name in ("GradsScalarHandler", "GradsHistHandler"):
        expected[f"clearml_logger.{name}"] = (f"ignite_plugins_loggers.clearml_logger:{name}", (), None)
    for name in ("setup_clearml_logging", "setup_trains_logging", "setup_plx_logging"):
        expected[name] = (f"ignite_plugins_loggers.logger_utils:{name}", (), None)
    expected["PolyaxonLogger"] = ("ignite_plugins_loggers.polyaxon_logger:PolyaxonLogger", (), None)
    for name in ("OutputHandler", "OptimizerParamsHandler"):
        expected[f"polyaxon_logger.{name}"] = (f"ignite_plugins_loggers.polyaxon_logger:{name}", (), None)
    assert entries == expected
    for target, _, _ in entries.values():  # every target exists
        module, _, attr = target.partition(":")
        assert hasattr(importlib.import_module(module), attr), target


def test_registering_imports_no_logger_module_and_no_sdk() -> None:
    out = run_python(
        """
        import sys
        from ignite.plugins import Provider, Registry
        from ignite_plugins_loggers import plugin
        plugin.ignite_register_loggers(Registry("loggers", Provider("loggers")))
        heavy = ("tensorboard", "tensorboardX", "torch.utils.tensorboard", "tqdm", "mlflow", "neptune", "visdom", "wandb", "clearml", "polyaxon",
                 "ignite_plugins_loggers.tensorboard_logger", "ignite_plugins_loggers.tqdm_logger",
                 "ignite_plugins_loggers.mlflow_logger", "ignite_plugins_loggers.logger_utils")
        print(sorted(m for m in heavy if m in sys.modules))
        """
    )
    assert out == "[]"


def test_host_resolves_the_loggers() -> None:
    from ignite.handlers import MLflowLogger, ProgressBar, TensorboardLogger
    from ignite_plugins_loggers.mlflow_logger import MLflowLogger as Ml
    from ignite_plugins_loggers.tensorboard_logger import TensorboardLogger as Tb
    from ignite_plugins_loggers.tqdm_logger import ProgressBar as Pb

    assert TensorboardLogger is Tb and ProgressBar is Pb and MLflowLogger is Ml
    assert ignite.plugins.get("loggers", "TensorboardLogger") is Tb
    assert {"MLflowLogger", "ProgressBar", "TensorboardLogger"} <= set(ignite.plugins.names("loggers"))


def test_05_module_paths_resolve_to_the_plugin_classes() -> None:
    from ignite.contrib.handlers import TensorboardLogger as ContribTb
    from ignite.handlers.mlflow_logger import OutputHandler as MlOut
    from ignite.handlers.tensorboard_logger import GradsHistHandler, OutputHandler, TensorboardLogger
    from ignite.handlers.tqdm_logger import ProgressBar
    from ignite_plugins_loggers import mlflow_logger, tensorboard_logger, tqdm_logger

    assert OutputHandler is tensorboard_logger.OutputHandler and MlOut is mlflow_logger.OutputHandler
    assert GradsHistHandler is tensorboard_logger.GradsHistHandler
    assert TensorboardLogger is ContribTb is tensorboard_logger.TensorboardLogger
    assert ProgressBar is tqdm_logger.ProgressBar


def test_missing_tensorboard_gives_the_install_line_through_the_facade() -> None:
    out = run_python(
        BLOCK_SDK
        + """
sys.meta_path.insert(0, Block("tensorboard", "tensorboardX"))
try:
    from ignite.handlers import TensorboardLogger
except ModuleNotFoundError as exc:
    print(type(exc).__name__, "|", exc)
from ignite.handlers import ProgressBar
print(ProgressBar.__name__)
"""
    )
    first, second = out.splitlines()
    assert first.startswith("PluginNotInstalledError |")
    assert first.endswith('pip install "ignite-plugins-loggers[tensorboard]"')
    assert second == "ProgressBar"


def test_missing_sdk_raises_plugin_not_installed_at_construction_naming_the_extra() -> None:
    out = run_python(
        """
        import sys
        for sdk in ("visdom", "wandb", "clearml", "polyaxon", "polyaxon_client", "neptune", "mlflow", "tqdm"):
            sys.modules[sdk] = None
        import importlib
        cases = [
            ("visdom_logger", "VisdomLogger"), ("wandb_logger", "WandBLogger"), ("clearml_logger", "ClearMLLogger"),
            ("clearml_saver", "ClearMLSaver"),
            ("polyaxon_logger", "PolyaxonLogger"), ("neptune_logger", "NeptuneLogger"),
            ("mlflow_logger", "MLflowLogger"), ("tqdm_logger", "ProgressBar"),
        ]
        for module, name in cases:
            cls = getattr(importlib.import_module("ignite_plugins_loggers." + module), name)  # importing works
            try:
                cls()
            except ModuleNotFoundError as exc:
                print(name, type(exc).__name__, exc.command)
        """
    )
    assert out.splitlines() == [
        f'{name} PluginNotInstalledError pip install "ignite-plugins-loggers[{extra}]"'
        for name, extra in [
            ("VisdomLogger", "visdom"),
            ("WandBLogger", "wandb"),
            ("ClearMLLogger", "clearml"),
            ("ClearMLSaver", "clearml"),
            ("PolyaxonLogger", "polyaxon"),
            ("NeptuneLogger", "neptune"),
            ("MLflowLogger", "mlflow"),
            ("ProgressBar", "tqdm"),
        ]
    ]
