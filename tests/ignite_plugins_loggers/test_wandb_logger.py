"""WandBLogger with the real wandb client in offline mode; the run file it writes is read back."""

from __future__ import annotations

import json
import struct
import warnings
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events

wandb = pytest.importorskip("wandb")

from wandb.proto import wandb_internal_pb2  # noqa: E402

from ignite_plugins_loggers.logger_utils import setup_wandb_logging  # noqa: E402
from ignite_plugins_loggers.wandb_logger import OptimizerParamsHandler, OutputHandler, WandBLogger  # noqa: E402


@pytest.fixture(autouse=True)
def _offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WANDB_MODE", "offline")
    monkeypatch.setenv("WANDB_DIR", str(tmp_path))
    monkeypatch.setenv("WANDB_SILENT", "true")
    monkeypatch.setenv("WANDB_DISABLE_GIT", "true")
    monkeypatch.setenv("WANDB_DISABLE_CODE", "true")
    monkeypatch.setenv("WANDB_CONSOLE", "off")
    monkeypatch.setenv("WANDB_X_DISABLE_STATS", "true")
    monkeypatch.chdir(tmp_path)


def records(run_file: Path) -> list[Any]:
    """The protobuf records of a ``.wandb`` file (a LevelDB-style log: 7-byte header, 32 KiB blocks of
    chunks, each chunk ``crc32c u32, length u16, type u8`` then data; type 1 full, 2-4 first/middle/last)."""
    data = run_file.read_bytes()
    out, pending, pos, block = [], b"", 7, 32768
    while pos + 7 <= len(data):
        if block - pos % block < 7:
            pos += block - pos % block
            continue
        _, length, kind = struct.unpack("<IHB", data[pos : pos + 7])
        if length == 0 and kind == 0:
            break
        chunk = data[pos + 7 : pos + 7 + length]
        pos += 7 + length
        if kind in (1, 2):
            pending = chunk
        else:
            pending += chunk
        if kind in (1, 4):
            record = wandb_internal_pb2.Record()
            record.ParseFromString(pending)
            out.append(record)
    return out


def history(tmp_path: Path) -> list[dict[str, Any]]:
    wandb.teardown()  # the wandb service writes the run file; stopping it completes the file
    (run_file,) = tmp_path.glob("wandb/offline-run-*/run-*.wandb")
    rows = []
    for record in records(run_file):
        if record.WhichOneof("record_type") == "history":
            row = {
                item.key or "/".join(item.nested_key): json.loads(item.value_json)
                for item in record.history.item
            }
            rows.append({k: v for k, v in row.items() if not k.startswith("_") or k == "_step"})
    return rows


def test_offline_run_holds_outputs_metrics_and_params(tmp_path: Path) -> None:
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    trainer = Engine(
        lambda e, b: {"loss": 0.5 * e.state.iteration, "name": "resnet", "vec": torch.tensor([1.0, 2.0])}
    )
    logger = WandBLogger(project="ignite-tests", config={"lr": 0.1})
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED, tag="training", output_transform=lambda o: o
    )
    logger.attach_opt_params_handler(trainer, Events.ITERATION_STARTED, optimizer=optimizer, tag="gen")
    trainer.run([0, 0, 0], max_epochs=1)
    logger.close()

    rows = history(tmp_path)
    assert [r["_step"] for r in rows] == [1, 2, 3]
    assert [r["training/loss"] for r in rows] == [0.5, 1.0, 1.5]
    assert all(r["training/vec/1"] == 2.0 and r["training/name"] == "resnet" for r in rows)
    assert all(r["gen/lr/group_0"] == pytest.approx(0.1) for r in rows)


def test_setup_wandb_logging_and_evaluator_at_trainer_epoch(tmp_path: Path) -> None:
    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: e.state.metrics.update(accuracy=0.25 * trainer.state.epoch))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0], max_epochs=1))
    logger = setup_wandb_logging(trainer, evaluators={"val": evaluator}, log_every_iters=None, project="t")
    assert isinstance(logger, WandBLogger)
    trainer.run([0], max_epochs=3)
    logger.close()
    assert [(r["_step"], r["val/accuracy"]) for r in history(tmp_path)] == [(1, 0.25), (2, 0.5), (3, 0.75)]


def test_sync_argument_is_ignored_with_0_5_warning_and_wrong_logger_raises() -> None:
    engine = Engine(lambda e, b: 1.0)
    engine.run([0])
    optimizer = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
    logger = WandBLogger(project="t", background=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        OutputHandler("t", output_transform=lambda o: o, sync=True)(engine, logger, Events.EPOCH_COMPLETED)
        OptimizerParamsHandler(optimizer, sync=False)(engine, logger, Events.EPOCH_COMPLETED)
    assert sum("sync argument for the WandBLoggers is no longer used" in str(w.message) for w in caught) == 2
    logger.close()
    with pytest.raises(RuntimeError, match="works only with WandBLogger"):  # 0.5's type
        OutputHandler("t", output_transform=lambda o: o)(engine, object(), Events.EPOCH_COMPLETED)
