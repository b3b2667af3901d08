"""BaseLogger / BaseOutputHandler behaviour with real engines and a small real logger subclass."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers.base_logger import (
    BaseHandler,
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    BaseWeightsHandler,
    BaseWeightsScalarHandler,
    LogHandlerGuard,
)


class RecordingOutputHandler(BaseOutputHandler):
    """Writes what the base class collects into the logger's ``records`` list."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=False)
        logger.records.append((self._global_step(engine, event_name), values))


class RecordingParamsHandler(BaseOptimizerParamsHandler):
    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        logger.records.append((engine.state.get_event_attrib_value(event_name), self._param_values()))


class ListLogger(BaseLogger):
    """A complete logger whose 'tracking system' is a Python list."""

    def __init__(self) -> None:
        self.records: list[tuple[int, dict[str, Any]]] = []
        self.closed = False

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> RecordingOutputHandler:
        return RecordingOutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> RecordingParamsHandler:
        return RecordingParamsHandler(*args, **kwargs)

    def close(self) -> None:
        self.closed = True


def make_engine(metrics: dict[str, Any] | None = None) -> Engine:
    """An engine whose output is the batch and which sets ``metrics`` at every iteration."""

    def step(engine: Engine, batch: Any) -> Any:
        if metrics is not None:
            engine.state.metrics.update(metrics)
        return batch

    return Engine(step)


# ------------------------------------------------------------------------------------------------
# Collection of metrics, outputs and state attributes


def test_metric_names_all_flattens_numbers_tensors_and_dicts() -> None:
    engine = make_engine(
        {
            "acc": 0.5,
            "loss": torch.tensor(2.0),
            "per_class": torch.tensor([1.0, 3.0]),
            "nested": {"a": 1, "b": torch.tensor(4.0)},
        }
    )
    logger = ListLogger()
    logger.attach_output_handler(engine, Events.EPOCH_COMPLETED, tag="val", metric_names="all")
    engine.run([0, 1], max_epochs=2)

    assert [step for step, _ in logger.records] == [1, 2]
    assert logger.records[-1][1] == {
        "val/acc": 0.5,
        "val/loss": 2.0,
        "val/per_class/0": 1.0,
        "val/per_class/1": 3.0,
        "val/nested/a": 1,
        "val/nested/b": 4.0,
    }
    assert isinstance(logger.records[-1][1]["val/loss"], float)


def test_metric_names_list_selects_and_warns_on_missing() -> None:
    engine = make_engine({"acc": 0.25, "nll": 1.5})
    logger = ListLogger()
    logger.attach_output_handler(engine, Events.EPOCH_COMPLETED, tag="t", metric_names=["nll", "missing"])
    with pytest.warns(UserWarning, match="'missing' is missing in engine's state metrics"):
        engine.run([0], max_epochs=1)
    assert logger.records == [(1, {"t/nll": 1.5})]


def test_output_transform_number_is_logged_as_output_and_dict_by_keys() -> None:
    engine = make_engine()
    logger = ListLogger()
    logger.attach_output_handler(
        engine, Events.ITERATION_COMPLETED, tag="a", output_transform=lambda x: x * 2
    )
    logger.attach_output_handler(
        engine, Events.ITERATION_COMPLETED(every=2), tag="b", output_transform=lambda x: {"batchloss": x}
    )
    engine.run([1.0, 2.0, 3.0, 4.0], max_epochs=1)

    a = [(s, v) for s, v in logger.records if "a/output" in v]
    b = [(s, v) for s, v in logger.records if "b/batchloss" in v]
    assert a == [
        (1, {"a/output": 2.0}),
        (2, {"a/output": 4.0}),
        (3, {"a/output": 6.0}),
        (4, {"a/output": 8.0}),
    ]
    assert b == [(2, {"b/batchloss": 2.0}), (4, {"b/batchloss": 4.0})]


def test_state_attributes_are_collected_and_missing_ones_warn() -> None:
    engine = make_engine()

    @engine.on(Events.ITERATION_STARTED)
    def set_alpha(e: Engine) -> None:
        e.state.alpha = 0.1 * e.state.iteration  # type: ignore[attr-defined]

    logger = ListLogger()
    logger.attach_output_handler(
        engine, Events.ITERATION_COMPLETED, tag="s", state_attributes=["alpha", "epoch", "beta"]
    )
    with pytest.warns(UserWarning, match="state attribute 'beta' is missing"):
        engine.run([0, 0], max_epochs=1)
    assert logger.records[1] == (2, {"s/alpha": pytest.approx(0.2), "s/epoch": 1})


def test_key_tuple_and_text_options() -> None:
    engine = make_engine({"name": "resnet", "acc": 1.0})
    engine.run([0], max_epochs=1)
    handler = RecordingOutputHandler("tag", metric_names="all")

    assert handler._setup_output_metrics_state_attrs(engine, log_text=True) == {
        ("tag", "name"): "resnet",
        ("tag", "acc"): 1.0,
    }
    with pytest.warns(UserWarning, match="can not log metrics value type <class 'str'>"):
        assert handler._setup_output_metrics_state_attrs(engine, key_tuple=False) == {"tag/acc": 1.0}


def test_unsupported_values_are_skipped_with_a_warning() -> None:
    engine = make_engine({"image": torch.zeros(2, 2), "ok": 3})
    engine.run([0], max_epochs=1)
    handler = RecordingOutputHandler("t", metric_names="all")
    with pytest.warns(
        UserWarning, match=r"value type <class 'torch.Tensor'> of shape \(2, 2\) \('t/image'\)"
    ):
        values = handler._setup_output_metrics_state_attrs(engine, key_tuple=False)
    assert values == {"t/ok": 3}


# ------------------------------------------------------------------------------------------------
# Global step


def test_global_step_transform_from_another_engine() -> None:
    trainer = make_engine()
    evaluator = make_engine({"acc": 0.75})
    logger = ListLogger()
    logger.attach_output_handler(
        evaluator,
        Events.EPOCH_COMPLETED,
        tag="validation",
        metric_names="all",
        global_step_transform=lambda engine, event_name: trainer.state.epoch,
    )
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda _: evaluator.run([0, 0, 0], max_epochs=1))
    trainer.run([0, 0], max_epochs=3)
    assert [step for step, _ in logger.records] == [1, 2, 3]
    assert evaluator.state.iteration == 3  # the evaluator's own counters are not what is logged


def test_global_step_transform_returning_non_int_raises_type_error_when_called() -> None:
    engine = make_engine()
    engine.run([1.0], max_epochs=1)
    handler = RecordingOutputHandler(
        "t", output_transform=lambda x: x, global_step_transform=lambda e, n: 1.5
    )
    with pytest.raises(TypeError, match="global_step_transform should return an int, but returned float"):
        handler(engine, ListLogger(), Events.ITERATION_COMPLETED)


def test_global_step_accepts_integral_types() -> None:
    engine = make_engine()
    engine.run([1.0], max_epochs=1)
    logger = ListLogger()
    handler = RecordingOutputHandler(
        "t", output_transform=lambda x: x, global_step_transform=lambda e, n: torch.tensor(3).item()
    )
    handler(engine, logger, Events.ITERATION_COMPLETED)
    assert logger.records == [(3, {"t/output": 1.0})]


# ------------------------------------------------------------------------------------------------
# Failing handlers never kill the run


def test_failing_handler_is_reported_once_with_traceback_and_the_run_completes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine = make_engine()
    logger = ListLogger()
    handle = logger.attach_output_handler(
        engine,
        Events.ITERATION_COMPLETED,
        tag="t",
        output_transform=lambda x: x / 0,
    )
    with caplog.at_level(logging.DEBUG, logger=engine.logger.name):
        state = engine.run([1.0, 2.0, 3.0], max_epochs=2)

    assert state.iteration == 6 and state.epoch == 2
    assert logger.records == []
    warnings_ = [r for r in caplog.records if r.levelno == logging.WARNING and "failed" in r.getMessage()]
    debugs = [r for r in caplog.records if r.levelno == logging.DEBUG and "failed again" in r.getMessage()]
    assert len(warnings_) == 1
    assert "RecordingOutputHandler" in warnings_[0].getMessage()
    assert warnings_[0].exc_info is not None and warnings_[0].exc_info[0] is ZeroDivisionError
    assert len(debugs) == 5
    assert "(6 failures so far)" in debugs[-1].getMessage()
    guard = handle.handler()
    assert isinstance(guard, LogHandlerGuard) and guard.failures == 6


def test_raise_handler_errors_lets_the_error_propagate() -> None:
    engine = make_engine()
    logger = ListLogger()
    logger.raise_handler_errors = True

    def broken(engine: Engine, logger: BaseLogger, event_name: Any) -> None:
        raise RuntimeError("tracking server down")

    logger.attach(engine, broken, Events.ITERATION_COMPLETED)
    with pytest.raises(RuntimeError, match="tracking server down"):
        engine.run([0, 0], max_epochs=1)
    assert engine.state.iteration == 1


# ------------------------------------------------------------------------------------------------
# attach / handles / context manager


def test_attach_custom_function_with_filtered_event_and_extra_args() -> None:
    engine = make_engine()
    logger = ListLogger()
    calls: list[tuple[int, str, Any, str]] = []

    def fn(engine: Engine, lg: ListLogger, event_name: Any, suffix: str, *, mark: str) -> None:
        assert lg is logger
        calls.append((engine.state.iteration, event_name.value, suffix, mark))

    logger.attach(engine, fn, Events.ITERATION_COMPLETED(once=2), "s", mark="m")
    engine.run([0, 0, 0], max_epochs=2)
    assert calls == [(2, "iteration_completed", "s", "m")]


def test_attach_events_list_passes_the_event_that_fired() -> None:
    engine = make_engine()
    logger = ListLogger()
    seen: list[tuple[str, int]] = []

    def fn(engine: Engine, lg: ListLogger, event_name: Any) -> None:
        seen.append((event_name.value, engine.state.get_event_attrib_value(event_name)))

    logger.attach(engine, fn, Events.STARTED | Events.EPOCH_COMPLETED)
    engine.run([0, 0], max_epochs=2)
    assert seen == [("started", 0), ("epoch_completed", 1), ("epoch_completed", 2)]


def test_handle_removes_and_engine_sees_the_user_handler() -> None:
    engine = make_engine()
    logger = ListLogger()
    handler = RecordingOutputHandler("t", output_transform=lambda x: x)
    handle = logger.attach(engine, handler, Events.ITERATION_COMPLETED)
    assert engine.has_event_handler(handler, Events.ITERATION_COMPLETED)
    engine.run([1.0], max_epochs=1)
    handle.remove()
    assert not engine.has_event_handler(handler, Events.ITERATION_COMPLETED)
    engine.run([1.0], max_epochs=1)
    assert len(logger.records) == 1


def test_opt_params_handler_logs_each_group() -> None:
    w1, w2 = nn.Parameter(torch.zeros(1)), nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([{"params": [w1], "lr": 0.1}, {"params": [w2], "lr": 0.01}], lr=0.5)
    engine = make_engine()
    logger = ListLogger()
    logger.attach_opt_params_handler(engine, Events.ITERATION_STARTED, optimizer=optimizer, tag="gen")
    engine.run([0, 0], max_epochs=1)
    assert logger.records == [
        (1, {"gen/lr/group_0": 0.1, "gen/lr/group_1": 0.01}),
        (2, {"gen/lr/group_0": 0.1, "gen/lr/group_1": 0.01}),
    ]


def test_context_manager_closes_and_unknown_event_is_rejected() -> None:
    engine = make_engine()
    with ListLogger() as logger:
        with pytest.raises(RuntimeError, match="Unknown event name 'no_such_event'"):  # as 0.5
            logger.attach(engine, lambda e, lg, ev: None, "no_such_event")
        with pytest.raises(TypeError, match="log_handler should be callable"):
            logger.attach(engine, "not callable", Events.STARTED)  # type: ignore[arg-type]
        with pytest.raises(AttributeError):  # as 0.5
            logger.attach(object(), lambda e, lg, ev: None, Events.STARTED)  # type: ignore[arg-type]
    assert logger.closed


def test_abstract_classes_cannot_be_instantiated() -> None:
    with pytest.raises(TypeError):
        BaseLogger()  # type: ignore[abstract]
    with pytest.raises(TypeError):
        BaseHandler()  # type: ignore[abstract]


# ------------------------------------------------------------------------------------------------
# Argument checking


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"metric_names": "acc"},
            TypeError,
            r"list of metric names or the string 'all'.*did you mean \['acc'\]",
        ),
        ({"metric_names": 3}, TypeError, "metric_names should be a list of metric names or the string 'all'"),
        ({"output_transform": 1}, TypeError, "output_transform should be a function"),
        (
            {"metric_names": "all", "global_step_transform": 5},
            TypeError,
            "global_step_transform should be a function",
        ),
        ({}, ValueError, "Nothing to log"),
    ],
)
def test_output_handler_argument_errors(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        RecordingOutputHandler("tag", **kwargs)


def test_output_handler_accepts_what_0_5_accepts() -> None:
    handler = RecordingOutputHandler(None, metric_names=["a", 1], state_attributes=("x",))  # type: ignore[arg-type,list-item]
    assert handler.metric_names == ["a", 1] and handler.state_attributes == ["x"]


def test_optimizer_params_handler_argument_errors() -> None:
    with pytest.raises(TypeError, match=r"optimizer should be a torch\.optim\.Optimizer"):
        RecordingParamsHandler(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="param_name should be a string"):
        RecordingParamsHandler(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1), param_name=1)  # type: ignore[arg-type]

    class Wrapper:  # e.g. a ZeRO / fp16 optimizer wrapper
        param_groups = [{"lr": 0.3, "momentum": 0.9}]

    handler = RecordingParamsHandler(Wrapper(), param_name="momentum")  # type: ignore[arg-type]
    assert handler._param_values() == {"momentum/group_0": 0.9}


class TwoLayers(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(2, 2)
        self.fc10 = nn.Linear(2, 1)


class WeightNames(BaseWeightsHandler):
    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        logger.records.append([name for name, _ in self.weights])


def test_weights_handler_whitelist() -> None:
    model = TwoLayers()
    assert [n for n, _ in WeightNames(model).weights] == [
        "fc1.weight",
        "fc1.bias",
        "fc10.weight",
        "fc10.bias",
    ]
    assert [n for n, _ in WeightNames(model, whitelist=["fc1"]).weights] == ["fc1.weight", "fc1.bias"]
    assert [n for n, _ in WeightNames(model, whitelist=["fc10.bias"]).weights] == ["fc10.bias"]
    only_bias = WeightNames(model, whitelist=lambda name, p: name.endswith("bias"))
    assert [n for n, _ in only_bias.weights] == ["fc1.bias", "fc10.bias"]
    with pytest.raises(TypeError, match=r"model should be a torch\.nn\.Module"):
        WeightNames(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="whitelist should be a list of strings"):
        WeightNames(model, whitelist=3)  # type: ignore[arg-type]


class WeightScalars(BaseWeightsScalarHandler):
    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        logger.records.append({n: float(self.reduction(p)) for n, p in self.weights})


def test_weights_scalar_handler_checks_reduction() -> None:
    model = TwoLayers()
    handler = WeightScalars(model, reduction=torch.mean, whitelist=["fc10"])
    assert handler._reduction_name() == "mean"
    with pytest.raises(TypeError, match="reduction should be a function"):
        WeightScalars(model, reduction=2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reduction should return a number or a 0-d tensor"):
        WeightScalars(model, reduction=lambda t: t * 2)
