"""ClearMLLogger with the real clearml client in offline mode; the session's metrics file is read back.

ClearML keeps one task per process, creating it takes seconds, and closing an offline task sometimes waits
minutes on ClearML's own reporter. So the scenarios run once, in a child process (``CHILD``) that logs, reads
the offline session back, prints what it read as JSON and leaves with ``os._exit`` without closing the task;
the tests below check that JSON.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from ignite.engine import Engine, Events

pytest.importorskip("clearml")

from _clearml_child import offline_task, run_child

from ignite_plugins_loggers.clearml_logger import OutputHandler

CHILD = textwrap.dedent(
    """
    import json, os, sys, time, warnings
    from pathlib import Path

    import clearml
    import torch
    from torch import nn

    from ignite.engine import Engine, Events
    from ignite_plugins_loggers.clearml_logger import (
        ClearMLLogger, GradsHistHandler, GradsScalarHandler, OptimizerParamsHandler, OutputHandler,
        WeightsHistHandler, WeightsScalarHandler,
    )
    from ignite_plugins_loggers.logger_utils import setup_clearml_logging, setup_trains_logging

    # OFFLINE TASK
    result = {}

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def step(engine, batch):
        optimizer.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        optimizer.step()
        return {"loss": loss.item(), "per_class": torch.tensor([1.0, 2.0])}

    trainer = Engine(step)
    logger = ClearMLLogger(project_name="ignored: a task is running")
    result["same_task"] = logger.get_task() is task
    logger.attach(trainer, OutputHandler("training", output_transform=lambda o: o), Events.ITERATION_COMPLETED)
    logger.attach(trainer, OptimizerParamsHandler(optimizer, tag="gen"), Events.EPOCH_COMPLETED)
    logger.attach(trainer, WeightsScalarHandler(model, reduction=torch.sum), Events.EPOCH_COMPLETED)
    logger.attach(trainer, GradsScalarHandler(model, tag="g"), Events.EPOCH_COMPLETED)
    logger.attach(trainer, WeightsHistHandler(model), Events.EPOCH_COMPLETED)
    logger.attach(trainer, GradsHistHandler(model, whitelist=["0.bias"]), Events.EPOCH_COMPLETED)
    trainer.run([torch.ones(1, 2)] * 3, max_epochs=2)
    logger.close()
    result["weight_sum"] = model[0].weight.sum().item()
    result["bias_grad_norm"] = model[0].bias.grad.norm().item()

    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: e.state.metrics.update(accuracy=0.25 * trainer.state.epoch))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0], max_epochs=1))
    logger = setup_clearml_logging(trainer, evaluators={"val": evaluator}, log_every_iters=None)
    trainer.run([0], max_epochs=2)
    logger.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        setup_trains_logging(Engine(lambda e, b: None)).close()
    result["trains_warning"] = [str(w.message) for w in caught]

    ClearMLLogger.set_bypass_mode(True)
    result["bypass_mode"] = ClearMLLogger.bypass_mode()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        logger = ClearMLLogger()
    result["bypass_warning"] = [str(w.message) for w in caught]
    engine = Engine(lambda e, b: 1.0)
    logger.attach_output_handler(engine, Events.ITERATION_COMPLETED, tag="bypassed", output_transform=lambda o: o)
    engine.run([0, 0])
    logger.close()

    # ClearML's flush(wait=True) can return while its reporter thread still holds the last events (its
    # "empty" signal may come from the previous write cycle): flush until the offline file stops changing
    metrics_file = Path(task.get_offline_mode_folder()) / "metrics.jsonl"
    seen, unchanged = None, 0
    for _ in range(60):
        task.get_logger().flush(wait=True)
        text = metrics_file.read_text() if metrics_file.exists() else ""
        unchanged = unchanged + 1 if text == seen else 0
        if unchanged == 2:
            break
        seen = text
        time.sleep(0.25)
    events = []
    for line in text.splitlines():
        events.extend(json.loads(line))
    result["events"] = [
        {k: e[k] for k in ("type", "iter", "metric", "variant", "value") if k in e} for e in events
    ]
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)
    """
).replace("# OFFLINE TASK\n", offline_task("loggers"))


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_child(tmp_path_factory, CHILD)


def scalars(result: dict[str, Any], title: str, series: str) -> list[tuple[int, float]]:
    return [
        (e["iter"], e["value"])
        for e in result["events"]
        if e["type"] == "training_stats_scalar" and e["metric"] == title and e["variant"] == series
    ]


def test_scalars_and_histograms_are_reported(result: dict[str, Any]) -> None:
    assert result["same_task"]
    assert [i for i, _ in scalars(result, "training", "loss")] == [1, 2, 3, 4, 5, 6]
    assert scalars(result, "training/per_class", "1") == [(i, 2.0) for i in range(1, 7)]
    assert scalars(result, "gen/lr", "0") == [(1, pytest.approx(0.1)), (2, pytest.approx(0.1))]
    weight_sums = scalars(result, "weights_sum/0", "weight")
    assert [i for i, _ in weight_sums] == [1, 2]
    assert weight_sums[-1][1] == pytest.approx(result["weight_sum"], rel=1e-5)
    assert scalars(result, "g/grads_norm/0", "bias")[-1][1] == pytest.approx(
        result["bias_grad_norm"], rel=1e-5
    )
    plots = {(e["metric"], e["variant"]) for e in result["events"] if e["type"] == "plot"}
    assert {("weights_0", "weight"), ("weights_0", "bias"), ("grads_0", "bias")} <= plots
    assert ("grads_0", "weight") not in plots


def test_setup_clearml_logging_and_trains_alias(result: dict[str, Any]) -> None:
    assert scalars(result, "val", "accuracy") == [(1, 0.25), (2, 0.5)]
    assert any("renamed to setup_clearml_logging" in m for m in result["trains_warning"])


def test_bypass_mode_logs_nothing(result: dict[str, Any]) -> None:
    assert result["bypass_mode"] is True
    assert any("bypass mode" in m for m in result["bypass_warning"])
    assert not [e for e in result["events"] if e.get("metric") == "bypassed"]


def test_handlers_require_a_clearml_logger() -> None:
    engine = Engine(lambda e, b: 1.0)
    engine.run([0])
    with pytest.raises(RuntimeError, match="works only with ClearMLLogger"):  # 0.5's type
        OutputHandler("t", output_transform=lambda o: o)(engine, object(), Events.EPOCH_COMPLETED)
