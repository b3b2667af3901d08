"""EMAHandler: the average follows the formula, warm-up, buffer modes, wrappers, resume through engine state."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import EMAHandler


def _trainer(model: nn.Module) -> Engine:
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def step(e: Engine, b: torch.Tensor) -> float:
        model.train()
        opt.zero_grad()
        loss = model(b).pow(2).sum()
        loss.backward()
        opt.step()
        return loss.item()

    return Engine(step)


def test_average_matches_formula() -> None:
    torch.manual_seed(0)
    model = nn.Linear(3, 2)
    ema = EMAHandler(model, momentum=0.3)
    expected = [p.detach().clone() for p in model.parameters()]
    trainer = _trainer(model)
    ema.attach(trainer)

    @trainer.on(Events.ITERATION_COMPLETED)
    def track(_: Engine) -> None:
        for i, p in enumerate(model.parameters()):
            expected[i] = 0.7 * expected[i] + 0.3 * p.detach()

    trainer.run([torch.randn(4, 3) for _ in range(5)])
    for got, want in zip(ema.ema_model.parameters(), expected):
        assert torch.allclose(got, want)
        assert not got.requires_grad
    assert not ema.ema_model.training


def test_warmup_and_wrapper_and_errors() -> None:
    model = nn.Linear(2, 2)
    ema = EMAHandler(nn.DataParallel(model), momentum=0.5, momentum_warmup=0.1, warmup_iters=3)
    assert ema.model is model
    trainer = _trainer(model)
    seen: list[float] = []
    ema.attach(trainer, name="m")
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: seen.append(e.state.m))
    trainer.run([torch.randn(2, 2)] * 4)
    assert seen == pytest.approx([0.1, 0.3, 0.5, 0.5])
    for kwargs in (
        {"momentum": 0.0},
        {"handle_buffers": "keep"},
        {"momentum_warmup": 2.0, "warmup_iters": 3},
    ):
        with pytest.raises(ValueError):
            EMAHandler(nn.Linear(1, 1), **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        EMAHandler(3)  # type: ignore[arg-type]
    other = Engine(lambda e, b: None)
    other.state.ema_momentum = 0.2
    with pytest.warns(UserWarning, match="already exists"):
        EMAHandler(nn.Linear(1, 1)).attach(other)
    assert other.state.ema_momentum == 0.2


def test_buffer_modes() -> None:
    for mode, expect_tracked in (("copy", 3), ("update", 3), ("ema_train", 0)):
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
        ema = EMAHandler(model, momentum=0.5, handle_buffers=mode)
        trainer = _trainer(model)
        ema.attach(trainer)
        trainer.run([torch.randn(4, 2) for _ in range(3)])
        assert int(ema.ema_model[1].num_batches_tracked) == expect_tracked
        if mode == "copy":
            assert torch.equal(ema.ema_model[1].running_mean, model[1].running_mean)
