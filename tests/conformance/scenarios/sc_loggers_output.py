"""Conformance: what logger handlers send to their tracker, checked without any tracker SDK.

The loggers are subclassed so that nothing is written anywhere: the TensorBoard one records ``add_scalar``
calls of a stand-in writer, the MLflow one records ``log_metrics`` calls. (MLflow's OutputHandler imports
``mlflow`` to validate names, so its keys are checked against a real store in the plugin's tests instead.)
"""

from __future__ import annotations

import warnings
from typing import Any

import torch
from torch import nn

from ignite.engine import Engine, EventEnum, Events
from ignite.handlers.mlflow_logger import MLflowLogger
from ignite.handlers.mlflow_logger import OptimizerParamsHandler as MLflowOptimizerParamsHandler
from ignite.handlers.mlflow_logger import OutputHandler as MLflowOutputHandler
from ignite.handlers.tensorboard_logger import (
    GradsScalarHandler,
    OptimizerParamsHandler,
    OutputHandler,
    TensorboardLogger,
    WeightsScalarHandler,
)


class _Writer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, int]] = []

    def add_scalar(self, tag: str, value: Any, step: int) -> None:
        self.calls.append((tag, value, step))


class _TB(TensorboardLogger):
    def __init__(self) -> None:  # no event file: a stand-in writer records the calls
        self.writer = _Writer()


class _MLflow(MLflowLogger):
    def __init__(self) -> None:  # no MLflow run: log_metrics records the calls
        self.calls: list[tuple[dict[str, Any], Any]] = []

    def log_metrics(self, metrics: dict[str, Any], step: Any = None) -> None:
        self.calls.append((dict(metrics), step))


def _fmt(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        value = value.item()
    if isinstance(value, bool):
        return f"bool:{value}"
    if isinstance(value, int):
        return f"int:{value}"
    return f"{float(value):.6f}"


def _engine() -> Engine:
    def step(engine: Engine, batch: Any) -> dict[str, Any]:
        engine.state.metrics.update(
            {"acc": 0.5, "per_class": torch.tensor([0.25, 0.75]), "nested": {"x": [1, {"y": 2.5}]}}
        )
        return {
            "loss": torch.tensor(0.125),
            "vec": torch.tensor([1.0, 2.0]),
            "pair": (3, 4.5),
            "items": [5, 6],
            "deep": {"a": 1, "b": {"c": torch.tensor(2.0)}},
            "text": "skip me",
            "image": torch.zeros(2, 2),
            "nothing": None,
            "flag": True,
        }

    engine = Engine(step)
    engine.state.alpha = 0.1  # type: ignore[attr-defined]
    return engine


def scenario_tensorboard_flattens_nested_values() -> None:
    engine = _engine()
    logger = _TB()
    logger.attach_output_handler(
        engine,
        Events.ITERATION_COMPLETED,
        tag="tag",
        metric_names="all",
        output_transform=lambda o: o,
        state_attributes=["alpha"],
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        engine.run([0], max_epochs=1)
    for tag, value, step in logger.writer.calls:
        print(tag, _fmt(value), step)
    print("warnings", len(caught), sorted({w.category.__name__ for w in caught}))


def scenario_optimizer_and_weights_handlers() -> None:
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD([{"params": [model.weight], "lr": 0.1}, {"params": [model.bias], "lr": 0.01}])
    engine = Engine(lambda e, b: None)
    engine.run([0, 0], max_epochs=1)
    tb = _TB()
    OptimizerParamsHandler(optimizer, tag="gen")(engine, tb, Events.ITERATION_STARTED)
    OptimizerParamsHandler(optimizer)(engine, tb, Events.EPOCH_STARTED)
    WeightsScalarHandler(model, tag="w")(engine, tb, Events.ITERATION_COMPLETED)
    WeightsScalarHandler(model, whitelist=["bias"])(engine, tb, Events.ITERATION_COMPLETED)
    GradsScalarHandler(model)(engine, tb, Events.ITERATION_COMPLETED)  # no grads yet: nothing
    for tag, value, step in tb.writer.calls:
        print(tag, _fmt(value), step)
    ml = _MLflow()
    MLflowOptimizerParamsHandler(optimizer, tag="gen")(engine, ml, Events.ITERATION_STARTED)
    MLflowOptimizerParamsHandler(optimizer)(engine, ml, Events.EPOCH_COMPLETED)
    for metrics, step in ml.calls:
        print(sorted((k, _fmt(v)) for k, v in metrics.items()), step)


def scenario_wrong_logger_and_unknown_event() -> None:
    class Custom(EventEnum):
        FOO = "foo"

    engine = Engine(lambda e, b: 1.0)
    engine.register_events(*Custom)
    engine.run([0], max_epochs=1)
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    cases = [
        (
            "tb output/mlflow logger",
            OutputHandler("t", metric_names="all"),
            _MLflow(),
            Events.EPOCH_COMPLETED,
        ),
        ("tb opt/mlflow logger", OptimizerParamsHandler(optimizer), _MLflow(), Events.EPOCH_COMPLETED),
        ("tb weights/mlflow logger", WeightsScalarHandler(model), _MLflow(), Events.EPOCH_COMPLETED),
        (
            "mlflow output/tb logger",
            MLflowOutputHandler("t", metric_names="all"),
            _TB(),
            Events.EPOCH_COMPLETED,
        ),
        ("mlflow opt/tb logger", MLflowOptimizerParamsHandler(optimizer), _TB(), Events.EPOCH_COMPLETED),
        ("tb output/custom event", OutputHandler("t", metric_names="all"), _TB(), Custom.FOO),
        ("tb output/string event", OutputHandler("t", metric_names="all"), _TB(), "bla"),
        ("tb opt/custom event", OptimizerParamsHandler(optimizer), _TB(), Custom.FOO),
        ("mlflow output/custom event", MLflowOutputHandler("t", metric_names="all"), _MLflow(), Custom.FOO),
    ]
    for label, handler, logger, event in cases:
        try:
            handler(engine, logger, event)
            print(label, "ok")
        except Exception as error:
            print(label, type(error).__name__)


def scenario_wrong_logger_raises_through_attach() -> None:
    engine = Engine(lambda e, b: 1.0)
    logger = _MLflow()
    logger.attach(engine, OutputHandler("t", output_transform=lambda o: o), Events.ITERATION_COMPLETED)
    try:
        engine.run([0], max_epochs=1)
        print("completed")
    except Exception as error:
        print(type(error).__name__)


def scenario_output_handler_arguments() -> None:
    cases: list[tuple[str, dict[str, Any]]] = [
        ("nothing", {}),
        ("metric_names str", {"metric_names": "acc"}),
        ("metric_names int", {"metric_names": 3}),
        ("output_transform int", {"output_transform": 1}),
        ("global_step_transform int", {"metric_names": "all", "global_step_transform": 1}),
        ("ok list", {"metric_names": ["acc"]}),
        ("ok all", {"metric_names": "all"}),
    ]
    for label, kwargs in cases:
        try:
            OutputHandler("tag", **kwargs)
            print(label, "ok")
        except Exception as error:
            print(label, type(error).__name__)
    engine = Engine(lambda e, b: 1.0)
    engine.run([0], max_epochs=1)
    handler = OutputHandler("t", output_transform=lambda o: o, global_step_transform=lambda e, n: 1.5)
    try:
        handler(engine, _TB(), Events.EPOCH_COMPLETED)
    except Exception as error:
        print("float step", type(error).__name__)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        OutputHandler("t", metric_names=["missing"])(engine, _TB(), Events.EPOCH_COMPLETED)
    print("missing metric warns", [w.category.__name__ for w in caught])


def scenario_attach_checks_the_event_has_a_counter() -> None:
    from ignite.engine import EventEnum as _EventEnum
    from ignite.handlers.base_logger import BaseLogger

    class Quiet(BaseLogger):
        def _create_output_handler(self, *args: Any, **kwargs: Any) -> Any:
            return None

        def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> Any:
            return None

    class Custom(_EventEnum):
        NO_COUNTER = "no_counter"
        COUNTED = "counted"

    engine = Engine(lambda e, b: None)
    engine.register_events(Custom.NO_COUNTER)
    engine.register_events(Custom.COUNTED, event_to_attr={Custom.COUNTED: "iteration"})
    cases = [
        ("unknown string", "x"),
        ("custom without counter", Custom.NO_COUNTER),
        ("custom with counter", Custom.COUNTED),
        ("filtered", Events.ITERATION_COMPLETED(every=3)),
        ("events list", Events.STARTED | Events.COMPLETED),
        ("registered value string", "no_counter"),
    ]
    for label, event in cases:
        try:
            Quiet().attach(engine, lambda engine, logger, event_name: None, event)
            print(label, "ok")
        except Exception as error:
            print(label, type(error).__name__)
    try:
        Quiet().attach(object(), lambda engine, logger, event_name: None, Events.STARTED)  # type: ignore[arg-type]
    except Exception as error:
        print("not an engine", type(error).__name__)
