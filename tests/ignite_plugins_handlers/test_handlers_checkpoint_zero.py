"""Checkpoint consolidates a ZeroRedundancyOptimizer's state before saving it (one-process gloo group)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

pytestmark = pytest.mark.skipif(not torch.distributed.is_available(), reason="torch without distributed")

SCRIPT = """
import sys, torch, torch.distributed as dist
from torch.distributed.optim import ZeroRedundancyOptimizer
from ignite.engine import Engine, Events
from ignite.handlers import HAVE_ZERO, Checkpoint

dist.init_process_group("gloo", init_method="file://" + sys.argv[1] + "/rdv", rank=0, world_size=1)
model = torch.nn.Linear(3, 2)
opt = ZeroRedundancyOptimizer(model.parameters(), optimizer_class=torch.optim.Adam, lr=0.1)

def step(engine, batch):
    opt.zero_grad()
    model(batch).sum().backward()
    opt.step()

trainer = Engine(step)
ck = Checkpoint({"model": model, "optimizer": opt}, sys.argv[1] + "/ckpt")
trainer.add_event_handler(Events.EPOCH_COMPLETED, ck)
trainer.run([torch.randn(4, 3)] * 2, max_epochs=1)
saved = torch.load(ck.last_checkpoint, weights_only=True)
assert HAVE_ZERO
assert set(saved["optimizer"]) == {"state", "param_groups"}, saved["optimizer"].keys()
assert len(saved["optimizer"]["state"]) == 2
fresh = ZeroRedundancyOptimizer(model.parameters(), optimizer_class=torch.optim.Adam, lr=0.1)
Checkpoint.load_objects({"optimizer": fresh}, ck.last_checkpoint)
dist.destroy_process_group()
print("ok")
"""


def test_zero_optimizer_state_is_consolidated(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
