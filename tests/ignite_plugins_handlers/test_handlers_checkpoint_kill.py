"""Reliability: a process SIGKILLed at random moments while saving always leaves a latest checkpoint that loads.

Each trial forks a child that trains a small model and saves ``ModelCheckpoint(dirname, "ck", n_saved=1)``
every iteration; the parent kills it after a random delay and loads the newest file left.
"""

from __future__ import annotations

import os
import random
import re
import select
import signal
import sys
import time
from pathlib import Path

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import ModelCheckpoint

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork")

KILLS = 120


def _model() -> nn.Module:
    return nn.Sequential(nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 256))  # ~1 MB of parameters


def _child(dirname: Path, ready_fd: int, atomic: bool, async_save: bool = False) -> None:
    torch.set_num_threads(1)
    model = _model()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step(engine: Engine, batch: torch.Tensor) -> float:
        opt.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        opt.step()
        return loss.item()

    trainer = Engine(step)
    handler = ModelCheckpoint(
        dirname, "ck", n_saved=1, atomic=atomic, require_empty=False, async_save=async_save
    )
    trainer.add_event_handler(Events.ITERATION_COMPLETED, handler, {"model": model, "optimizer": opt})

    # in async mode the second save waits for the first: after it, one complete checkpoint exists
    @trainer.on(Events.ITERATION_COMPLETED(once=2 if async_save else 1))
    def ready(_: Engine) -> None:
        os.write(ready_fd, b"r")

    trainer.run([torch.randn(8, 256)] * 1000, max_epochs=1000)


def _latest_loads(dirname: Path) -> bool:
    steps = sorted(
        (int(m.group(1)), name)
        for name in os.listdir(dirname)
        if (m := re.fullmatch(r"ck_checkpoint_(\d+)\.pt", name))
    )
    if not steps:
        return False
    try:
        ckpt = torch.load(dirname / steps[-1][1], weights_only=True)
        _model().load_state_dict(ckpt["model"])
        torch.optim.SGD(_model().parameters(), lr=0.01).load_state_dict(ckpt["optimizer"])
    except Exception:
        return False
    return True


def run_trials(
    root: Path, kills: int, atomic: bool = True, seed: int = 0, async_save: bool = False
) -> dict[str, int]:
    """Fork, let the child save at least once, SIGKILL it at a random moment; count outcomes."""
    rng = random.Random(seed)
    counts = {"kills": 0, "loadable": 0, "unloadable": 0, "killed_mid_write": 0}
    for trial in range(kills):
        dirname = root / f"t{trial}"
        dirname.mkdir()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            try:
                os.close(read_fd)
                _child(dirname, write_fd, atomic, async_save)
            finally:
                os._exit(0)
        os.close(write_fd)
        ready, _, _ = select.select([read_fd], [], [], 30.0)
        assert ready, "child never saved its first checkpoint"
        os.read(read_fd, 1)
        os.close(read_fd)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        counts["kills"] += 1
        if any(name.endswith(".ignite-tmp") for name in os.listdir(dirname)) or not atomic:
            counts["killed_mid_write"] += int(atomic)
        counts["loadable" if _latest_loads(dirname) else "unloadable"] += 1
    return counts


def test_sigkill_while_saving_always_leaves_a_loadable_checkpoint(tmp_path: Path) -> None:
    counts = run_trials(tmp_path, KILLS)
    print(f"\nSIGKILL reliability: {counts}")
    assert counts["kills"] == KILLS
    assert counts["unloadable"] == 0, counts
    assert counts["killed_mid_write"] > 0, "no kill landed during a write: the test would prove nothing"


def test_sigkill_with_async_saving(tmp_path: Path) -> None:
    """Background writes are atomic too: a kill mid-write leaves the previous complete checkpoint."""
    counts = run_trials(tmp_path, 40, seed=2, async_save=True)
    print(f"\nSIGKILL reliability, async_save=True: {counts}")
    assert counts["unloadable"] == 0, counts


def test_control_non_atomic_writes_do_get_caught(tmp_path: Path) -> None:
    """The same kills against in-place (non-atomic) writes leave unloadable files: the check above can fail."""
    counts = run_trials(tmp_path, 30, atomic=False, seed=1)
    print(f"\nSIGKILL control with atomic=False: {counts}")
    assert counts["unloadable"] > 0, counts
