"""Exact resume through Checkpoint: a run killed right after any iteration's checkpoint and resumed from it in a
fresh process ends bitwise equal to the uninterrupted run (parameters, optimizer state, EMA weights, early
stopping state and every logged loss / learning rate), with shuffled data and 0 or 2 DataLoader workers.

Each run is a forked child (no state shared with the parent beyond imports); the crash is ``os._exit`` right
after the checkpoint of the chosen iteration was written.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from ignite.engine import DeterministicEngine, Engine, Events
from ignite.handlers import (
    Checkpoint,
    CosineAnnealingScheduler,
    DiskSaver,
    EarlyStopping,
    EMAHandler,
    PiecewiseLinear,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork")

EPOCHS = 3  # 5 iterations per epoch


def _train(workdir: Path, num_workers: int, crash_at: int | None, resume: bool) -> None:
    torch.manual_seed(0)
    torch.set_num_threads(1)
    data = TensorDataset(torch.randn(40, 8), torch.randn(40, 1))
    loader = DataLoader(data, batch_size=8, shuffle=True, num_workers=num_workers)
    val = [(torch.randn(8, 8), torch.randn(8, 1))]
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    log: list[list[float]] = []

    def step(engine: Engine, batch: Any) -> float:
        model.train()
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(batch[0]), batch[1])
        loss.backward()
        opt.step()
        return loss.item()

    trainer = DeterministicEngine(step)
    lr_sched = CosineAnnealingScheduler(opt, "lr", 0.1, 0.01, cycle_size=4)
    mom_sched = PiecewiseLinear(opt, "momentum", [(0, 0.9), (10, 0.5)])
    trainer.add_event_handler(Events.ITERATION_STARTED, lr_sched)
    trainer.add_event_handler(Events.ITERATION_STARTED, mom_sched)
    ema = EMAHandler(model, momentum=0.3)
    ema.attach(trainer, warn_if_exists=False)

    evaluator = Engine(lambda e, b: nn.functional.mse_loss(model.eval()(b[0]), b[1]).item())
    evaluator.add_event_handler(Events.COMPLETED, lambda e: e.state.metrics.update(loss=e.state.output))
    stopper = EarlyStopping(100, lambda e: -e.state.metrics["loss"], trainer)
    evaluator.add_event_handler(Events.COMPLETED, stopper)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda _: evaluator.run(val))
    trainer.add_event_handler(
        Events.ITERATION_COMPLETED,
        lambda e: log.append([e.state.iteration, e.state.output, opt.param_groups[0]["lr"]]),
    )
    to_save = {
        "trainer": trainer,
        "model": model,
        "optimizer": opt,
        "lr_scheduler": lr_sched,
        "momentum_scheduler": mom_sched,
        "ema": ema.ema_model,
        "early_stopping": stopper,
    }
    ckpt = Checkpoint(to_save, DiskSaver(workdir / "ckpt", require_empty=False), n_saved=1)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, ckpt)

    @trainer.on(Events.ITERATION_COMPLETED)
    def crash(engine: Engine) -> None:
        if engine.state.iteration == crash_at:
            (workdir / "log_before.json").write_text(json.dumps(log))
            os._exit(0)

    if resume:
        (last,) = sorted((workdir / "ckpt").glob("*.pt"))
        Checkpoint.load_objects(to_save, last)
    trainer.run(loader, max_epochs=EPOCHS)
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": opt.state_dict(),
            "ema": ema.ema_model.state_dict(),
            "es": stopper.state_dict(),
            "log": log,
        },
        workdir / "final.pt",
    )


def _in_child(*args: Any) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        code = 1
        try:
            _train(*args)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0, "child run failed"


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, torch.Tensor):
        return isinstance(b, torch.Tensor) and a.dtype == b.dtype and torch.equal(a, b)
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)


@pytest.mark.parametrize(
    ("num_workers", "crash_points"),
    # mid-epoch, last iteration of an epoch (checkpoint taken before EPOCH_COMPLETED), a later epoch
    [(0, (3, 5, 12)), (2, (7,))],
)
def test_resume_from_any_iteration_is_bitwise_exact(
    tmp_path: Path, num_workers: int, crash_points: tuple[int, ...]
) -> None:
    full_dir = tmp_path / "full"
    full_dir.mkdir()
    _in_child(full_dir, num_workers, None, False)
    full = torch.load(full_dir / "final.pt", weights_only=True)
    assert len(full["log"]) == 5 * EPOCHS
    for crash_at in crash_points:
        work = tmp_path / f"crash{crash_at}"
        work.mkdir()
        _in_child(work, num_workers, crash_at, False)
        assert not (work / "final.pt").exists()
        _in_child(work, num_workers, None, True)
        resumed = torch.load(work / "final.pt", weights_only=True)
        before = json.loads((work / "log_before.json").read_text())
        assert before + resumed["log"] == full["log"], f"logged values differ after a crash at {crash_at}"
        for key in ("model", "optimizer", "ema", "es"):
            assert _equal(resumed[key], full[key]), f"{key} differs after a crash at iteration {crash_at}"
