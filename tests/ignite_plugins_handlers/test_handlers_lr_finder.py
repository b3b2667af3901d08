"""FastaiLRFinder: range test, restore on exit, suggestion, plot."""

from __future__ import annotations

import matplotlib
import pytest
import torch

from ignite.engine import Engine
from ignite.handlers import FastaiLRFinder

matplotlib.use("Agg")


def _setup() -> tuple[
    Engine, torch.nn.Module, torch.optim.Optimizer, list[tuple[torch.Tensor, torch.Tensor]]
]:
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)
    opt = torch.optim.SGD(model.parameters(), lr=1e-4)
    data = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(10)]

    def step(e: Engine, b: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(b[0]), b[1])
        loss.backward()
        opt.step()
        return loss.detach()

    return Engine(step), model, opt, data


def test_range_test_restores_objects_and_suggests() -> None:
    trainer, model, opt, data = _setup()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    finder = FastaiLRFinder()
    with finder.attach(trainer, {"model": model, "optimizer": opt}, num_iter=20) as t:
        t.run(data, max_epochs=2)
    results = finder.get_results()
    assert len(results["lr"]) == len(results["loss"]) > 3
    assert results["lr"] == sorted(results["lr"])
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert opt.param_groups[0]["lr"] == 1e-4
    suggestion = finder.lr_suggestion()
    assert suggestion in results["lr"]
    finder.apply_suggested_lr(opt)
    assert opt.param_groups[0]["lr"] == suggestion
    ax = finder.plot(skip_start=0, skip_end=0)
    assert ax.get_xscale() == "log"
    assert len(ax.lines[0].get_xdata()) == len(results["lr"])
    trainer.run(data, max_epochs=1)
    assert trainer.state.iteration == 10


def test_handlers_removed_after_exit_and_errors() -> None:
    trainer, _model, opt, data = _setup()
    finder = FastaiLRFinder()
    with finder.attach(trainer, {"optimizer": opt}, num_iter=5, step_mode="linear") as t:
        t.run(data)
    assert all(
        not trainer.has_event_handler(h)
        for h in (finder._run, finder._log_lr_and_loss, finder._reached_num_iterations, finder._warning)
    )
    with pytest.raises(RuntimeError):
        FastaiLRFinder().lr_suggestion()
    with pytest.raises(RuntimeError):
        FastaiLRFinder().plot()
    with (
        pytest.raises(ValueError, match="start_lr"),
        finder.attach(trainer, {"optimizer": opt}, start_lr=20.0),
    ):
        pass
    bad = Engine(lambda e, b: "not a loss")
    with (
        pytest.raises(TypeError, match="output_transform"),
        finder.attach(bad, {"optimizer": opt}, num_iter=2) as t,
    ):
        t.run([0, 1])
