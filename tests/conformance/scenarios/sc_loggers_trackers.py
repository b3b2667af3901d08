"""Conformance: what the W&B, Polyaxon, ClearML and Neptune handlers send, checked without their SDKs.

Each logger is subclassed so that its ``__init__`` starts no run: the W&B and Polyaxon ones record ``log`` /
``log_metrics`` calls, the ClearML one gets recording stand-ins for its ClearML logger and histogram helper,
the Neptune one a recording stand-in for its run.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import clearml_logger, neptune_logger, polyaxon_logger, wandb_logger


def _fmt(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"tensor{tuple(value.shape)}" if value.ndim else f"{value.item():.6f}"
    if hasattr(value, "shape"):
        return f"array{tuple(value.shape)}"
    if isinstance(value, bool | str) or value is None:
        return repr(value)
    return f"{float(value):.6f}"


def _show(label: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    shown = [_fmt(a) if not isinstance(a, dict) else sorted((k, _fmt(v)) for k, v in a.items()) for a in args]
    print(label, shown, sorted((k, _fmt(v)) for k, v in kwargs.items()))


class _Recorder:
    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attr: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            _show(f"{self.name}.{attr}", args, kwargs)

        return record


class _WandB(wandb_logger.WandBLogger):
    def __init__(self) -> None:
        pass

    def log(self, *args: Any, **kwargs: Any) -> None:
        _show("wandb.log", args, kwargs)


class _Polyaxon(polyaxon_logger.PolyaxonLogger):
    def __init__(self) -> None:
        pass

    def log_metrics(self, *args: Any, **kwargs: Any) -> None:
        _show("polyaxon.log_metrics", args, kwargs)


class _ClearML(clearml_logger.ClearMLLogger):
    def __init__(self) -> None:
        self.clearml_logger = _Recorder("clearml")
        self.grad_helper = _Recorder("grad_helper")


class _Series:
    def __init__(self, key: str) -> None:
        self.key = key

    def append(self, *args: Any, **kwargs: Any) -> None:
        _show(f"neptune[{self.key}].append", args, kwargs)


class _NeptuneRun:
    def __getitem__(self, key: str) -> _Series:
        return _Series(key)


class _Neptune(neptune_logger.NeptuneLogger):
    def __init__(self) -> None:
        self.experiment = _NeptuneRun()


def _setup() -> tuple[nn.Module, torch.optim.Optimizer, Engine]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    model(torch.ones(1, 2)).sum().backward()
    engine = Engine(lambda e, b: {"loss": 0.5, "vec": torch.tensor([1.0, 2.0]), "nested": {"a": [3, 4.5]}})
    engine.run([0, 0])
    return model, optimizer, engine


def scenario_wandb_handlers() -> None:
    _, optimizer, engine = _setup()
    logger = _WandB()
    wandb_logger.OutputHandler("tag", output_transform=lambda o: o)(
        engine, logger, Events.ITERATION_COMPLETED
    )
    wandb_logger.OptimizerParamsHandler(optimizer, tag="g")(engine, logger, Events.EPOCH_COMPLETED)
    wandb_logger.OptimizerParamsHandler(optimizer)(engine, logger, Events.ITERATION_STARTED)


def scenario_polyaxon_handlers() -> None:
    _, optimizer, engine = _setup()
    logger = _Polyaxon()
    polyaxon_logger.OutputHandler("tag", output_transform=lambda o: o)(
        engine, logger, Events.ITERATION_COMPLETED
    )
    polyaxon_logger.OptimizerParamsHandler(optimizer, tag="g")(engine, logger, Events.EPOCH_COMPLETED)


def scenario_clearml_handlers() -> None:
    model, optimizer, engine = _setup()
    logger = _ClearML()
    clearml_logger.OutputHandler("tag", output_transform=lambda o: o)(
        engine, logger, Events.ITERATION_COMPLETED
    )
    clearml_logger.OptimizerParamsHandler(optimizer, tag="g")(engine, logger, Events.EPOCH_COMPLETED)
    for name in ("WeightsScalarHandler", "GradsScalarHandler", "WeightsHistHandler", "GradsHistHandler"):
        getattr(clearml_logger, name)(model, tag="w")(engine, logger, Events.EPOCH_COMPLETED)
    clearml_logger.WeightsScalarHandler(model, reduction=torch.sum)(engine, logger, Events.EPOCH_COMPLETED)


def scenario_neptune_handlers() -> None:
    model, optimizer, engine = _setup()
    logger = _Neptune()
    neptune_logger.OutputHandler("tag", output_transform=lambda o: o)(
        engine, logger, Events.ITERATION_COMPLETED
    )
    neptune_logger.OptimizerParamsHandler(optimizer, tag="g")(engine, logger, Events.EPOCH_COMPLETED)
    neptune_logger.GradsScalarHandler(model, tag="w")(engine, logger, Events.EPOCH_COMPLETED)


def scenario_wrong_logger_types() -> None:
    model, optimizer, engine = _setup()
    cases = {
        "wandb output": wandb_logger.OutputHandler("t", metric_names="all"),
        "wandb opt": wandb_logger.OptimizerParamsHandler(optimizer),
        "polyaxon output": polyaxon_logger.OutputHandler("t", metric_names="all"),
        "polyaxon opt": polyaxon_logger.OptimizerParamsHandler(optimizer),
        "clearml output": clearml_logger.OutputHandler("t", metric_names="all"),
        "clearml weights hist": clearml_logger.WeightsHistHandler(model),
        "neptune output": neptune_logger.OutputHandler("t", metric_names="all"),
        "neptune grads": neptune_logger.GradsScalarHandler(model),
    }
    for label, handler in cases.items():
        try:
            handler(engine, object(), Events.EPOCH_COMPLETED)
            print(label, "ok")
        except Exception as error:
            print(label, type(error).__name__)
