"""setup_tb_logging with real engines; the event files are read back with TensorBoard's reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite_plugins_loggers.logger_utils import setup_tb_logging

event_accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")


def scalars(log_dir: Path) -> dict[str, list[tuple[int, float]]]:
    acc = event_accumulator.EventAccumulator(str(log_dir), size_guidance={event_accumulator.SCALARS: 0})
    acc.Reload()
    return {
        tag: [(e.step, pytest.approx(e.value)) for e in acc.Scalars(tag)] for tag in acc.Tags()["scalars"]
    }


def make_engines() -> tuple[Engine, Engine, Engine, torch.optim.Optimizer]:
    optimizer = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.01)

    def train_step(engine: Engine, batch: Any) -> float:
        engine.state.metrics["batch loss"] = float(engine.state.iteration)
        return float(batch)

    trainer = Engine(train_step)

    def eval_step(engine: Engine, batch: Any) -> None:
        engine.state.metrics["accuracy"] = 0.1 * trainer.state.epoch

    train_evaluator, evaluator = Engine(eval_step), Engine(eval_step)

    @trainer.on(Events.EPOCH_COMPLETED)
    def evaluate(_: Engine) -> None:
        train_evaluator.run([0], max_epochs=1)
        evaluator.run([0, 0], max_epochs=1)

    return trainer, train_evaluator, evaluator, optimizer


def test_blog_setup_tb_logging(tmp_path: Path) -> None:
    import ignite.contrib.engines.common as common

    trainer, _, evaluator, optimizer = make_engines()
    tb_logger = common.setup_tb_logging(
        str(tmp_path), trainer, optimizer, evaluators=evaluator, log_every_iters=2
    )
    trainer.run([0] * 4, max_epochs=2)
    tb_logger.close()

    assert scalars(tmp_path) == {
        "training/batch loss": [(2, 2.0), (4, 4.0), (6, 6.0), (8, 8.0)],
        "lr/group_0": [(2, 0.01), (4, 0.01), (6, 0.01), (8, 0.01)],
        "validation/accuracy": [(1, 0.1), (2, 0.2)],
    }


def test_dicts_of_optimizers_and_evaluators_are_tagged_by_key(tmp_path: Path) -> None:
    trainer, train_evaluator, evaluator, optimizer = make_engines()
    tb_logger = setup_tb_logging(
        str(tmp_path),
        trainer,
        optimizers={"generator": optimizer},
        evaluators={"training": train_evaluator, "test": evaluator},
        log_every_iters=None,
        trainer_metric_names=None,
    )
    trainer.run([0] * 3, max_epochs=1)
    tb_logger.close()

    assert scalars(tmp_path) == {
        "generator/lr/group_0": [(1, 0.01), (2, 0.01), (3, 0.01)],
        "training/accuracy": [(1, 0.1)],
        "test/accuracy": [(1, 0.1)],
    }


def test_argument_errors(tmp_path: Path) -> None:
    trainer, _, _, optimizer = make_engines()
    with pytest.raises(TypeError, match="optimizers should be a single Optimizer or a dict"):
        setup_tb_logging(str(tmp_path), trainer, optimizers=[optimizer])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="evaluators should be a single Engine or a dict"):
        setup_tb_logging(str(tmp_path), trainer, evaluators={"val": "not an engine"})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="trainer should be an ignite Engine"):
        setup_tb_logging(str(tmp_path), object())  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []  # arguments are checked before the logger is created
