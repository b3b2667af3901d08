"""PolyaxonLogger with the real polyaxon client in offline mode; the metric event files are read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events

pytest.importorskip("polyaxon.tracking")

from ignite_plugins_loggers.logger_utils import setup_plx_logging
from ignite_plugins_loggers.polyaxon_logger import OptimizerParamsHandler, OutputHandler, PolyaxonLogger

OFFLINE = {
    "project": "ignite-tests",
    "owner": "ignite",
    "is_offline": True,
    "track_code": False,
    "track_env": False,
    "track_logs": False,
    "collect_resources": False,
}


def metric(artifacts: Path, name: str) -> list[tuple[int, float]]:
    """``[(step, value), ...]`` from the offline run's event file of ``name`` (``/`` is stored as ``__``)."""
    lines = (artifacts / "events" / "metric" / f"{name.replace('/', '__')}.plx").read_text().splitlines()
    assert lines[0] == "step|timestamp|metric"
    return [(int(step), float(value)) for step, _, value in (line.split("|") for line in lines[1:])]


def test_offline_run_holds_outputs_and_params(tmp_path: Path) -> None:
    optimizer = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
    trainer = Engine(lambda e, b: {"loss": 0.5 * e.state.iteration, "vec": torch.tensor([1.0, 2.0])})
    logger = PolyaxonLogger(artifacts_path=str(tmp_path), **OFFLINE)
    logger.attach(
        trainer, OutputHandler("training", output_transform=lambda o: o), Events.ITERATION_COMPLETED
    )
    logger.attach(trainer, OptimizerParamsHandler(optimizer, tag="gen"), Events.EPOCH_COMPLETED)
    trainer.run([0, 0, 0], max_epochs=2)
    logger.close()
    assert metric(tmp_path, "training/loss") == [(i, 0.5 * i) for i in range(1, 7)]
    assert metric(tmp_path, "training/vec/1") == [(i, 2.0) for i in range(1, 7)]
    assert metric(tmp_path, "gen/lr/group_0") == [(1, pytest.approx(0.1)), (2, pytest.approx(0.1))]


def test_setup_plx_logging_and_wrong_logger(tmp_path: Path) -> None:
    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: e.state.metrics.update(accuracy=0.25 * trainer.state.epoch))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0], max_epochs=1))
    logger: Any = setup_plx_logging(
        trainer, evaluators={"val": evaluator}, log_every_iters=None, artifacts_path=str(tmp_path), **OFFLINE
    )
    assert isinstance(logger, PolyaxonLogger)
    trainer.run([0], max_epochs=2)
    logger.close()
    assert metric(tmp_path, "val/accuracy") == [(1, 0.25), (2, 0.5)]
    with pytest.raises(RuntimeError, match="works only with PolyaxonLogger"):  # 0.5's type
        OutputHandler("t", output_transform=lambda o: o)(trainer, object(), Events.EPOCH_COMPLETED)
