"""The plugin's entry point registers every handler, and ``ignite.handlers`` resolves them to this package."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

import ignite_plugins_handlers.plugin as plugin
from ignite.plugins.registry import Provider, Registry, import_target

EXPECTED = {
    "EarlyStopping": "ignite_plugins_handlers.early_stopping",
    "EpochOutputStore": "ignite_plugins_handlers.epoch_output_store",
    "TerminateOnNan": "ignite_plugins_handlers.terminate_on_nan",
    "TimeLimit": "ignite_plugins_handlers.time_limit",
    "Timer": "ignite_plugins_handlers.timing",
    "global_step_from_engine": "ignite_plugins_handlers.utils",
    **dict.fromkeys(
        ("Checkpoint", "ModelCheckpoint", "DiskSaver", "BaseSaveHandler", "CheckpointEvents", "HAVE_ZERO"),
        "ignite_plugins_handlers.checkpoint",
    ),
    **dict.fromkeys(
        (
            "BaseParamScheduler",
            "ParamScheduler",
            "CyclicalScheduler",
            "LinearCyclicalScheduler",
            "CosineAnnealingScheduler",
            "ConcatScheduler",
            "LRScheduler",
            "create_lr_scheduler_with_warmup",
            "PiecewiseLinear",
            "ParamGroupScheduler",
            "ReduceLROnPlateauScheduler",
            "BatchSizeScheduler",
        ),
        "ignite_plugins_handlers.param_scheduler",
    ),
    **dict.fromkeys(
        (
            "StateParamScheduler",
            "LambdaStateScheduler",
            "PiecewiseLinearStateScheduler",
            "ExpStateScheduler",
            "StepStateScheduler",
            "MultiStepStateScheduler",
        ),
        "ignite_plugins_handlers.state_param_scheduler",
    ),
    **dict.fromkeys(
        (
            "setup_common_training_handlers",
            "save_best_model_by_val_score",
            "gen_save_best_models_by_val_score",
            "add_early_stopping_by_val_score",
            "setup_any_logging",
            "empty_cuda_cache",
        ),
        "ignite_plugins_handlers.contrib_engines.common",
    ),
    "EMAHandler": "ignite_plugins_handlers.ema_handler",
    "FBResearchLogger": "ignite_plugins_handlers.fbresearch_logger",
    "BasicTimeProfiler": "ignite_plugins_handlers.time_profilers",
    "HandlersTimeProfiler": "ignite_plugins_handlers.time_profilers",
    "FastaiLRFinder": "ignite_plugins_handlers.lr_finder",
    **dict.fromkeys(
        ("create_supervised_tbptt_trainer", "Tbptt_Events"), "ignite_plugins_handlers.contrib_engines.tbptt"
    ),
}


def test_entry_point_declared() -> None:
    (ep,) = [
        ep for ep in entry_points(group="ignite.plugins") if ep.value == "ignite_plugins_handlers.plugin"
    ]
    assert ep.name == "handlers"
    assert ep.load() is plugin


def test_hook_registers_lazy_targets() -> None:
    registry = Registry(kind="handlers", provider=Provider(plugin="handlers"))
    plugin.ignite_register_handlers(registry)
    assert set(registry.entries) == set(EXPECTED)
    for name, module in EXPECTED.items():
        target = registry.entries[name].target
        assert target == f"{module}:{name}"
        obj = import_target(target)
        if hasattr(obj, "__qualname__"):
            assert obj.__module__.startswith(module) and obj.__name__ == name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_facade_returns_the_plugin_object(name: str) -> None:
    facade = "ignite.contrib.engines" if "contrib_engines" in EXPECTED[name] else "ignite.handlers"
    if EXPECTED[name].endswith(".common"):
        facade = "ignite.contrib.engines.common"
    handlers = importlib.import_module(facade)
    obj = getattr(handlers, name)
    assert obj is import_target(f"{EXPECTED[name]}:{name}")
    namespace: dict[str, object] = {}
    exec(f"from {facade} import {name} as imported", namespace)
    assert namespace["imported"] is obj


def test_entry_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, ignite_plugins_handlers.plugin; "
        "print(sorted(m for m in ('torch', 'ignite.engine', 'ignite.metrics') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
