"""Opt-in asynchronous saving: snapshot in the loop, atomic background write, errors never lost."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import Checkpoint, DiskSaver, ModelCheckpoint
from ignite_plugins_handlers.checkpoint import CheckpointWriteError


def test_async_model_checkpoint_snapshot_and_rotation(tmp_path: Path) -> None:
    model = nn.Linear(4, 4)
    mc = ModelCheckpoint(tmp_path, "a", n_saved=2, async_save=True)
    trainer = Engine(lambda e, b: None)
    expected: dict[int, torch.Tensor] = {}

    @trainer.on(Events.ITERATION_COMPLETED)
    def save_then_change(engine: Engine) -> None:
        mc(engine, {"model": model})
        expected[engine.state.iteration] = model.weight.detach().clone()
        with torch.no_grad():
            model.weight.add_(1.0)  # after the call returns: must not reach the file

    trainer.run(range(5), max_epochs=1)
    assert sorted(os.listdir(tmp_path)) == ["a_model_4.pt", "a_model_5.pt"]
    for step in (4, 5):
        sd = torch.load(tmp_path / f"a_model_{step}.pt", weights_only=True)
        assert torch.equal(sd["weight"], expected[step])


def test_async_checkpoint_failure_reported_at_next_save_and_end(tmp_path: Path) -> None:
    class Flaky:
        fail = False

        def state_dict(self) -> dict[str, Any]:
            return {"f": (lambda: 0) if self.fail else 1}

    flaky = Flaky()
    saver = DiskSaver(tmp_path, async_save=True)
    ck = Checkpoint({"model": nn.Linear(1, 1), "flaky": flaky}, saver, n_saved=1)
    trainer = Engine(lambda e, b: None)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, ck)

    @trainer.on(Events.ITERATION_COMPLETED(once=1))
    def _break(e: Engine) -> None:
        flaky.fail = True

    with pytest.raises(CheckpointWriteError):
        trainer.run(range(3), max_epochs=1)
    assert os.listdir(tmp_path) == ["checkpoint_1.pt"]  # the failed write removed nothing

    # a failure in the last save surfaces when the run completes
    flaky.fail = False
    saver2 = DiskSaver(tmp_path / "b", async_save=True)
    ck2 = Checkpoint({"model": nn.Linear(1, 1), "flaky": flaky}, saver2, n_saved=1)
    t2 = Engine(lambda e, b: None)
    t2.add_event_handler(Events.ITERATION_COMPLETED, ck2)

    @t2.on(Events.ITERATION_COMPLETED(once=2))
    def _break2(e: Engine) -> None:
        flaky.fail = True

    with pytest.raises(CheckpointWriteError):
        t2.run(range(3), max_epochs=1)
    assert os.listdir(tmp_path / "b") == ["checkpoint_2.pt"]
    saver2.close()


def test_disk_saver_wait_and_close(tmp_path: Path) -> None:
    saver = DiskSaver(tmp_path, async_save=True)
    for i in range(3):
        saver({"x": torch.full((10,), float(i))}, f"f{i}.pt")
    saver.remove("f0.pt")
    saver.wait()
    assert sorted(os.listdir(tmp_path)) == ["f1.pt", "f2.pt"]
    assert torch.load(tmp_path / "f2.pt", weights_only=True)["x"][0].item() == 2.0
    saver.close()
    saver.close()


def test_uncollected_failure_is_logged_at_exit(tmp_path: Path) -> None:
    code = (
        "import torch\n"
        "from ignite.handlers import DiskSaver\n"
        f"saver = DiskSaver({str(tmp_path)!r}, async_save=True)\n"
        "saver({'f': lambda: 0}, 'bad.pt')\n"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "background checkpoint write" in done.stderr
    assert os.listdir(tmp_path) == []
