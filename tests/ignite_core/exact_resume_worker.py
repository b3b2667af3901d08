"""Worker for test_exact_resume.py: train, save checkpoints mid-run, or resume them (one process each).

python exact_resume_worker.py save DIR     # uninterrupted runs + a checkpoint at each STOP_AT
python exact_resume_worker.py resume DIR   # resume every checkpoint, save the final parameters
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from ignite.engine import Engine, Events, create_supervised_trainer

SEED = 17
EPOCH_LENGTH = 3  # 12 samples, batch size 4
MAX_EPOCHS = 2
# (num_workers, iteration at which the run stops): mid-epoch and last iteration of an epoch.
STOPS = [(0, 2), (0, 3), (0, 5), (2, 2), (2, 3)]


def build(num_workers: int) -> tuple[Engine, nn.Module, Any, Any, DataLoader[Any]]:
    torch.manual_seed(SEED)
    g = torch.Generator().manual_seed(0)
    dataset = TensorDataset(torch.randn(12, 4, generator=g), torch.randn(12, 1, generator=g))
    loader = DataLoader(dataset, batch_size=4, shuffle=True, num_workers=num_workers)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    trainer = create_supervised_trainer(model, optimizer, nn.MSELoss(), deterministic=True)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: scheduler.step())
    return trainer, model, optimizer, scheduler, loader


def params(model: nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model.parameters()]


def save(out: Path) -> None:
    for num_workers in sorted({w for w, _ in STOPS}):
        trainer, model, _, _, loader = build(num_workers)
        trainer.run(loader, max_epochs=MAX_EPOCHS)
        torch.save(params(model), out / f"full-{num_workers}.pt")
    for num_workers, stop_at in STOPS:
        _stop_and_save(num_workers, stop_at, out)


def _stop_and_save(num_workers: int, stop_at: int, out: Path) -> None:
    trainer, model, optimizer, scheduler, loader = build(num_workers)

    @trainer.on(Events.ITERATION_COMPLETED(once=stop_at))
    def checkpoint(engine: Engine) -> None:
        torch.save(
            {
                "trainer": engine.state_dict(),
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
            },
            out / f"ckpt-{num_workers}-{stop_at}.pt",
        )
        engine.terminate()  # the process "dies" here

    trainer.run(loader, max_epochs=MAX_EPOCHS)


def resume(out: Path) -> None:
    for num_workers, stop_at in STOPS:
        trainer, model, optimizer, scheduler, loader = build(num_workers)
        ckpt = torch.load(out / f"ckpt-{num_workers}-{stop_at}.pt", weights_only=False)
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        scheduler.load_state_dict(ckpt["scheduler"])
        trainer.load_state_dict(ckpt["trainer"])
        trainer.run(loader)
        torch.save(params(model), out / f"resumed-{num_workers}-{stop_at}.pt")


if __name__ == "__main__":
    {"save": save, "resume": resume}[sys.argv[1]](Path(sys.argv[2]))
