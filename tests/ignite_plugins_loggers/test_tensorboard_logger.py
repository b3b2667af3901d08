"""TensorboardLogger: real engines write event files, TensorBoard's own reader checks them."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

pytest.importorskip("tensorboard")

from tensorboard.backend.event_processing import event_accumulator

from ignite.engine import Engine, Events
from ignite_plugins_loggers.tensorboard_logger import (
    GradsHistHandler,
    GradsScalarHandler,
    OptimizerParamsHandler,
    OutputHandler,
    TensorboardLogger,
    WeightsHistHandler,
    WeightsScalarHandler,
)


def read_events(log_dir: Path) -> event_accumulator.EventAccumulator:
    acc = event_accumulator.EventAccumulator(
        str(log_dir), size_guidance={event_accumulator.SCALARS: 0, event_accumulator.HISTOGRAMS: 0}
    )
    acc.Reload()
    return acc


def scalars(acc: event_accumulator.EventAccumulator, tag: str) -> list[tuple[int, float]]:
    return [(e.step, e.value) for e in acc.Scalars(tag)]


def make_training(lr: float = 0.1) -> tuple[nn.Module, torch.optim.Optimizer, Engine, list[Any]]:
    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    data = [(torch.randn(4, 3), torch.randn(4, 1)) for _ in range(4)]

    def train_step(engine: Engine, batch: Any) -> float:
        x, y = batch
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    return model, optimizer, Engine(train_step), data


def test_blog_quick_start_logging(tmp_path: Path) -> None:
    _, _, trainer, data = make_training()
    losses: list[float] = []
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: losses.append(e.state.output))

    def eval_step(engine: Engine, batch: Any) -> None:
        engine.state.metrics["accuracy"] = 0.5 + 0.1 * trainer.state.epoch
        engine.state.metrics["loss"] = torch.tensor(1.0 / trainer.state.epoch)

    train_evaluator, evaluator = Engine(eval_step), Engine(eval_step)

    @trainer.on(Events.EPOCH_COMPLETED)
    def run_validation(engine: Engine) -> None:
        train_evaluator.run(data, max_epochs=1)
        evaluator.run(data, max_epochs=1)

    tb_logger = TensorboardLogger(log_dir=str(tmp_path))
    tb_logger.attach_output_handler(
        trainer,
        event_name=Events.ITERATION_COMPLETED(every=2),
        tag="training",
        output_transform=lambda loss: {"batchloss": loss},
    )
    for tag, ev in [("training", train_evaluator), ("validation", evaluator)]:
        tb_logger.attach_output_handler(
            ev,
            event_name=Events.EPOCH_COMPLETED,
            tag=tag,
            metric_names="all",
            global_step_transform=lambda engine, event_name: trainer.state.epoch,
        )

    trainer.run(data, max_epochs=3)
    tb_logger.close()

    acc = read_events(tmp_path)
    assert set(acc.Tags()["scalars"]) == {
        "training/batchloss",
        "training/accuracy",
        "training/loss",
        "validation/accuracy",
        "validation/loss",
    }
    batchloss = scalars(acc, "training/batchloss")
    assert [step for step, _ in batchloss] == [2, 4, 6, 8, 10, 12]
    assert [v for _, v in batchloss] == pytest.approx([losses[i - 1] for i in (2, 4, 6, 8, 10, 12)])
    assert scalars(acc, "validation/accuracy") == [
        (1, pytest.approx(0.6)),
        (2, pytest.approx(0.7)),
        (3, pytest.approx(0.8)),
    ]
    assert scalars(acc, "validation/loss") == [(1, 1.0), (2, pytest.approx(0.5)), (3, pytest.approx(1 / 3))]


def test_custom_log_handler_once_per_evaluator_run(tmp_path: Path) -> None:
    _, _, trainer, data = make_training()
    evaluator = Engine(lambda engine, batch: batch[0].sum().item())
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run(data, max_epochs=1))
    calls: list[int] = []

    def first_batch_handler(engine: Engine, logger: TensorboardLogger, *args: Any, **kwargs: Any) -> None:
        calls.append(engine.state.iteration)
        logger.writer.add_scalar("first_batch_sum", engine.state.output, global_step=trainer.state.epoch)

    with TensorboardLogger(log_dir=str(tmp_path)) as tb_logger:
        tb_logger.attach(
            evaluator, log_handler=first_batch_handler, event_name=Events.ITERATION_COMPLETED(once=1)
        )
        trainer.run(data, max_epochs=2)

    assert calls == [1, 1]
    first_sum = data[0][0].sum().item()
    assert scalars(read_events(tmp_path), "first_batch_sum") == [
        (1, pytest.approx(first_sum)),
        (2, pytest.approx(first_sum)),
    ]


def test_optimizer_weights_and_grads_handlers(tmp_path: Path) -> None:
    model, optimizer, trainer, data = make_training(lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: scheduler.step())
    expected_norms: list[float] = []
    trainer.add_event_handler(
        Events.EPOCH_COMPLETED, lambda: expected_norms.append(model.weight.detach().norm().item())
    )

    tb_logger = TensorboardLogger(log_dir=str(tmp_path))
    tb_logger.attach_opt_params_handler(trainer, event_name=Events.EPOCH_STARTED, optimizer=optimizer)
    tb_logger.attach(trainer, OptimizerParamsHandler(optimizer, tag="gen"), Events.EPOCH_STARTED)
    tb_logger.attach(trainer, WeightsScalarHandler(model), Events.EPOCH_COMPLETED)
    tb_logger.attach(
        trainer,
        WeightsScalarHandler(model, reduction=torch.mean, tag="m", whitelist=["bias"]),
        Events.EPOCH_COMPLETED,
    )
    tb_logger.attach(trainer, GradsScalarHandler(model), Events.EPOCH_COMPLETED)
    tb_logger.attach(trainer, WeightsHistHandler(model), Events.EPOCH_COMPLETED)
    tb_logger.attach(
        trainer, GradsHistHandler(model, whitelist=lambda n, p: n == "weight"), Events.EPOCH_COMPLETED
    )
    trainer.run(data, max_epochs=3)
    tb_logger.close()

    acc = read_events(tmp_path)
    assert scalars(acc, "lr/group_0") == [
        (1, pytest.approx(0.1)),
        (2, pytest.approx(0.05)),
        (3, pytest.approx(0.025)),
    ]
    assert [s for s, _ in scalars(acc, "gen/lr/group_0")] == [1, 2, 3]
    norms = scalars(acc, "weights_norm/weight")
    assert [s for s, _ in norms] == [1, 2, 3]
    assert [v for _, v in norms] == pytest.approx(expected_norms, rel=1e-6)
    assert [s for s, _ in scalars(acc, "m/weights_mean/bias")] == [1, 2, 3]
    assert scalars(acc, "m/weights_mean/bias")[-1][1] == pytest.approx(model.bias.item(), rel=1e-6)
    assert "m/weights_mean/weight" not in acc.Tags()["scalars"]
    assert {"grads_norm/weight", "grads_norm/bias"} <= set(acc.Tags()["scalars"])
    assert scalars(acc, "grads_norm/weight")[-1][1] == pytest.approx(
        model.weight.grad.norm().item(), rel=1e-6
    )
    assert set(acc.Tags()["histograms"]) == {"weights/weight", "weights/bias", "grads/weight"}
    hist = acc.Histograms("weights/weight")
    assert [h.step for h in hist] == [1, 2, 3]
    assert hist[-1].histogram_value.num == model.weight.numel()
    assert hist[-1].histogram_value.max == pytest.approx(model.weight.max().item(), rel=1e-6)


def test_grads_handlers_skip_parameters_without_grad(tmp_path: Path) -> None:
    model = nn.Linear(2, 1)
    engine = Engine(lambda e, b: None)
    with TensorboardLogger(log_dir=str(tmp_path)) as tb_logger:
        tb_logger.attach(engine, GradsScalarHandler(model), Events.COMPLETED)
        tb_logger.attach(engine, GradsHistHandler(model), Events.COMPLETED)
        tb_logger.attach_output_handler(engine, Events.COMPLETED, tag="t", state_attributes=["epoch"])
        engine.run([0], max_epochs=1)
    tags = read_events(tmp_path).Tags()
    assert tags["scalars"] == ["t/epoch"]
    assert tags["histograms"] == []


def test_failing_handler_does_not_stop_training(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _, _, trainer, data = make_training()

    def broken(engine: Engine, logger: TensorboardLogger, event_name: Any) -> None:
        raise OSError("disk full")

    with TensorboardLogger(log_dir=str(tmp_path)) as tb_logger:
        tb_logger.attach(trainer, broken, Events.ITERATION_COMPLETED)
        tb_logger.attach_output_handler(
            trainer,
            Events.ITERATION_COMPLETED,
            tag="t",
            output_transform=lambda x: x["no such key"],
        )
        tb_logger.attach_output_handler(
            trainer, Events.EPOCH_COMPLETED, tag="ok", state_attributes=["iteration"]
        )
        with caplog.at_level(logging.WARNING, logger=trainer.logger.name):
            state = trainer.run(data, max_epochs=2)

    assert state.epoch == 2
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("broken" in m and "failed" in m for m in messages) == 1
    assert sum("OutputHandler" in m and "failed" in m for m in messages) == 1
    assert "OSError: disk full" in caplog.text
    acc = read_events(tmp_path)
    assert scalars(acc, "ok/iteration") == [(1, 4.0), (2, 8.0)]
    assert "t/output" not in acc.Tags()["scalars"]


def test_handlers_check_logger_type_and_arguments(tmp_path: Path) -> None:
    engine = Engine(lambda e, b: b)
    engine.run([1.0], max_epochs=1)
    with pytest.raises(RuntimeError, match="OutputHandler works only with TensorboardLogger"):  # as 0.5
        OutputHandler("t", output_transform=lambda x: x)(engine, object(), Events.ITERATION_COMPLETED)
    with pytest.raises(RuntimeError, match="Unknown event name 'custom'"):
        OutputHandler("t", output_transform=lambda x: x)(engine, TensorboardLogger(str(tmp_path)), "custom")
    with pytest.raises(TypeError, match="metric_names should be a list"):
        OutputHandler("t", metric_names="acc")
    with pytest.raises(TypeError, match=r"optimizer should be a torch\.optim\.Optimizer"):
        OptimizerParamsHandler(nn.Linear(1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"model should be a torch\.nn\.Module"):
        WeightsHistHandler(torch.zeros(1))  # type: ignore[arg-type]


def test_writer_methods_are_available_on_the_logger(tmp_path: Path) -> None:
    tb_logger = TensorboardLogger(str(tmp_path))
    tb_logger.add_scalar("direct", 3.5, 7)
    tb_logger.close()
    assert scalars(read_events(tmp_path), "direct") == [(7, 3.5)]
    with pytest.raises(AttributeError):
        tb_logger.no_such_writer_method  # noqa: B018


def test_missing_sdk_gives_the_install_line() -> None:
    code = textwrap.dedent(
        """
        import sys
        for name in ("tensorboard", "tensorboardX", "torch.utils.tensorboard"):
            sys.modules[name] = None
        from ignite_plugins_loggers.tensorboard_logger import TensorboardLogger
        try:
            TensorboardLogger(log_dir="unused")
        except ModuleNotFoundError as exc:
            print(type(exc).__name__, exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("PluginNotInstalledError TensorboardLogger needs")
    assert out.strip().endswith('To install it: pip install "ignite-plugins-loggers[tensorboard]"')


def test_nested_values_one_scalar_per_leaf_and_images_read_back(tmp_path: Path) -> None:
    engine = Engine(
        lambda e, b: {"loss": 0.5, "parts": [1.0, {"kl": torch.tensor(2.0)}], "vec": torch.tensor([3.0, 4.0])}
    )

    def log_image(engine: Engine, logger: TensorboardLogger, event_name: Any) -> None:
        image = torch.zeros(3, 4, 5)
        image[0] = 1.0  # red
        logger.writer.add_image("samples/red", image, engine.state.epoch)

    with TensorboardLogger(log_dir=str(tmp_path)) as tb_logger:
        tb_logger.attach_output_handler(
            engine, Events.ITERATION_COMPLETED, tag="t", output_transform=lambda o: o
        )
        tb_logger.attach(engine, log_image, Events.EPOCH_COMPLETED)
        engine.run([0, 0], max_epochs=2)

    acc = event_accumulator.EventAccumulator(str(tmp_path), size_guidance={event_accumulator.IMAGES: 0})
    acc.Reload()
    assert sorted(acc.Tags()["scalars"]) == ["t/loss", "t/parts/0", "t/parts/1/kl", "t/vec/0", "t/vec/1"]
    assert scalars(acc, "t/parts/1/kl") == [(i, 2.0) for i in range(1, 5)]
    assert scalars(acc, "t/vec/1") == [(i, 4.0) for i in range(1, 5)]
    images = acc.Images("samples/red")
    assert [(im.step, im.width, im.height) for im in images] == [(1, 5, 4), (2, 5, 4)]
    image_module = pytest.importorskip("PIL.Image")

    pixel = image_module.open(io.BytesIO(images[0].encoded_image_string)).convert("RGB").getpixel((0, 0))
    assert pixel == (255, 0, 0)
