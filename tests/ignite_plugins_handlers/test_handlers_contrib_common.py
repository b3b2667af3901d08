"""ignite.contrib.engines.common: the one-call training set-up and the best-model / early-stopping helpers."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
import torch
from torch import nn

from ignite.contrib.engines import common
from ignite.engine import Engine, Events
from ignite.plugins import PluginNotInstalledError

# This distribution's tests run with only ignite-core and this plugin installed; the running averages need
# ignite-plugins-metrics and the progress bars ignite-plugins-loggers[tqdm].


def _resolves(module: str, name: str) -> bool:
    try:
        getattr(importlib.import_module(module), name)
    except PluginNotInstalledError:
        return False
    return True


HAVE_METRICS = _resolves("ignite.metrics", "RunningAverage")
HAVE_PBAR = _resolves("ignite.handlers", "ProgressBar")


def _trainer(model: nn.Module, opt: torch.optim.Optimizer, nan_at: int | None = None) -> Engine:
    def step(engine: Engine, batch: torch.Tensor) -> dict[str, float]:
        opt.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        opt.step()
        value = float("nan") if engine.state.iteration == nan_at else loss.item()
        return {"loss": value, "other": 2.0 * value}

    return Engine(step)


def test_checkpoint_scheduler_running_average_and_nan(tmp_path: Path) -> None:
    model = nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    trainer = _trainer(model, opt)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    common.setup_common_training_handlers(
        trainer,
        to_save={"model": model, "optimizer": opt, "trainer": trainer},
        save_every_iters=3,
        output_path=str(tmp_path),
        lr_scheduler=sched,
        with_pbars=False,
        n_saved=2,
    )
    data = [torch.randn(4, 3) for _ in range(4)]
    trainer.run(data, max_epochs=2)
    assert sorted(os.listdir(tmp_path)) == ["training_checkpoint_3.pt", "training_checkpoint_6.pt"]
    assert opt.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**4)

    nan_trainer = _trainer(model, opt, nan_at=2)
    common.setup_common_training_handlers(nan_trainer, with_pbars=False)
    nan_trainer.run(data, max_epochs=3)
    assert nan_trainer.state.iteration == 2


def test_running_averages_of_outputs() -> None:
    model = nn.Linear(3, 1)
    trainer = _trainer(model, torch.optim.SGD(model.parameters(), lr=0.1))
    if not HAVE_METRICS:
        with pytest.raises(PluginNotInstalledError):
            common.setup_common_training_handlers(trainer, output_names=["loss"], with_pbars=False)
        return
    common.setup_common_training_handlers(trainer, output_names=["loss", "other"], with_pbars=False)
    trainer.run([torch.randn(4, 3) for _ in range(4)], max_epochs=2)
    assert trainer.state.metrics["other"] == pytest.approx(2 * trainer.state.metrics["loss"])


def test_with_progress_bars() -> None:
    model = nn.Linear(3, 1)
    trainer = _trainer(model, torch.optim.SGD(model.parameters(), lr=0.1))
    if not HAVE_PBAR:
        with pytest.raises(PluginNotInstalledError):
            common.setup_common_training_handlers(trainer, log_every_iters=1)
        return
    common.setup_common_training_handlers(trainer, log_every_iters=1)
    trainer.run([torch.randn(4, 3)] * 3, max_epochs=2)
    assert trainer.state.epoch == 2


def test_argument_errors(tmp_path: Path) -> None:
    model = nn.Linear(3, 1)
    trainer = _trainer(model, torch.optim.SGD(model.parameters(), lr=0.1))
    with pytest.raises(ValueError, match="mutually exclusive"):
        common.setup_common_training_handlers(
            trainer, to_save={"m": model}, output_path=str(tmp_path), save_handler=lambda c, f: None
        )
    with pytest.raises(ValueError, match="output_path or save_handler"):
        common.setup_common_training_handlers(trainer, to_save={"m": model}, with_pbars=False)
    with pytest.raises(DeprecationWarning):
        common.setup_any_logging(None, None, trainer, None, None, 10)
    common.empty_cuda_cache(trainer)


def test_best_models_and_early_stopping(tmp_path: Path) -> None:
    model = nn.Linear(3, 1)
    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: None)
    accs = iter([0.5, 0.7, 0.6, 0.65, 0.62, 0.61])

    @evaluator.on(Events.COMPLETED)
    def set_acc(e: Engine) -> None:
        e.state.metrics["acc"] = next(accs)

    best = common.save_best_model_by_val_score(
        str(tmp_path), evaluator, model, "acc", n_saved=2, trainer=trainer
    )
    stopper = common.add_early_stopping_by_val_score(2, evaluator, trainer, "acc")
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda _: evaluator.run([0]))
    trainer.run([0], max_epochs=6)
    assert trainer.state.epoch == 4  # 0.6 and 0.65 did not beat 0.7
    assert stopper.best_score == 0.7
    assert sorted(os.listdir(tmp_path)) == [
        "best_model_2_val_acc=0.7000.pt",
        "best_model_4_val_acc=0.6500.pt",
    ]
    assert best.last_checkpoint == tmp_path / "best_model_2_val_acc=0.7000.pt"

    saved: list[str] = []
    ev2 = Engine(lambda e, b: None)
    ev2.add_event_handler(Events.COMPLETED, lambda e: e.state.metrics.update(loss=0.3))
    common.gen_save_best_models_by_val_score(
        lambda c, f: saved.append(f),
        ev2,
        {"a": model, "b": nn.Linear(1, 1)},
        "loss",
        score_sign=-1.0,
        tag="test",
    )
    ev2.run([0])
    assert saved == ["best_checkpoint_test_loss=-0.3000.pt"]
