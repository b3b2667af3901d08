"""create_supervised_trainer / create_supervised_evaluator and their step functions on a real model and data."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import pytest
import torch
from sklearn.datasets import load_digits
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from ignite.distributed import comp_models
from ignite.distributed.comp_models import _SerialModel
from ignite.engine import (
    DeterministicEngine,
    Engine,
    Events,
    create_supervised_evaluator,
    create_supervised_trainer,
    supervised_evaluation_step,
    supervised_evaluation_step_amp,
    supervised_training_step,
    supervised_training_step_amp,
    supervised_training_step_apex,
    supervised_training_step_tpu,
)
from ignite.metrics.metric import Metric

N_SAMPLES = 240
BATCH_SIZE = 40  # 6 batches per epoch


@pytest.fixture(scope="module")
def digits() -> tuple[torch.Tensor, torch.Tensor]:
    x, y = load_digits(return_X_y=True)
    features = torch.tensor(x[:N_SAMPLES], dtype=torch.float32) / 16.0
    targets = torch.tensor(y[:N_SAMPLES], dtype=torch.long)
    return features, targets


@pytest.fixture
def loader(digits: tuple[torch.Tensor, torch.Tensor]) -> DataLoader[Any]:
    return DataLoader(TensorDataset(*digits), batch_size=BATCH_SIZE, shuffle=False)


def _model(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))


def _params(model: nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model.parameters()]


def _epoch_mean_losses(trainer: Engine) -> list[float]:
    losses: list[float] = []
    epoch_losses: list[float] = []
    trainer.add_event_handler(Events.EPOCH_STARTED, lambda: epoch_losses.clear())
    trainer.add_event_handler(
        Events.ITERATION_COMPLETED, lambda e: epoch_losses.append(float(e.state.output))
    )
    trainer.add_event_handler(
        Events.EPOCH_COMPLETED, lambda: losses.append(sum(epoch_losses) / len(epoch_losses))
    )
    return losses


class Accuracy(Metric):
    """A tiny accuracy metric: correct predictions over seen samples."""

    def reset(self) -> None:
        self.correct = 0
        self.total = 0

    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y = output
        self.correct += int((y_pred.argmax(dim=1) == y).sum().item())
        self.total += int(y.shape[0])

    def compute(self) -> float:
        return self.correct / self.total


class SampleCount(Metric):
    def reset(self) -> None:
        self.count = 0

    def update(self, output: Sequence[torch.Tensor]) -> None:
        self.count += int(output[1].shape[0])

    def compute(self) -> int:
        return self.count


# ---------------------------------------------------------------------------------------------------------------
# Trainer


def test_trainer_loss_decreases_over_epochs(loader: DataLoader[Any]) -> None:
    model = _model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    trainer = create_supervised_trainer(model, optimizer, nn.CrossEntropyLoss())
    assert type(trainer) is Engine
    losses = _epoch_mean_losses(trainer)
    trainer.run(loader, max_epochs=8)
    assert len(losses) == 8
    assert all(isinstance(v, float) for v in losses)
    assert losses[-1] < 0.5 * losses[0]
    assert losses[4] < losses[0]


def test_trainer_output_is_loss_item_by_default(loader: DataLoader[Any]) -> None:
    model = _model()
    trainer = create_supervised_trainer(
        model, torch.optim.SGD(model.parameters(), lr=0.0), nn.CrossEntropyLoss()
    )
    trainer.run(loader, max_epochs=1)
    x, y = next(iter(reversed(list(loader))))
    with torch.no_grad():
        expected = nn.CrossEntropyLoss()(model(x), y).item()
    assert isinstance(trainer.state.output, float)
    assert trainer.state.output == pytest.approx(expected, rel=1e-6)


def test_trainer_puts_model_in_train_mode(loader: DataLoader[Any]) -> None:
    model = _model()
    model.eval()
    modes: list[bool] = []
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.1),
        nn.CrossEntropyLoss(),
        model_fn=lambda m, x: (modes.append(m.training), m(x))[1],
    )
    trainer.run(loader, epoch_length=2)
    assert modes == [True, True]


def test_trainer_device_cpu_and_non_blocking_match_default(loader: DataLoader[Any]) -> None:
    results = []
    for kwargs in ({}, {"device": "cpu"}, {"device": torch.device("cpu"), "non_blocking": True}):
        model = _model()
        trainer = create_supervised_trainer(
            model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), **kwargs
        )
        trainer.run(loader, max_epochs=2)
        results.append(_params(model))
    for params in results[1:]:
        assert all(torch.equal(a, b) for a, b in zip(results[0], params))


def test_trainer_custom_prepare_batch_gets_device_and_non_blocking(
    digits: tuple[torch.Tensor, torch.Tensor],
) -> None:
    x, y = digits
    dict_batches = [{"image": x[i : i + 40], "label": y[i : i + 40]} for i in range(0, N_SAMPLES, 40)]
    calls: list[tuple[Any, bool]] = []

    def prepare_batch(batch: dict[str, torch.Tensor], device: Any = None, non_blocking: bool = False) -> Any:
        calls.append((device, non_blocking))
        return batch["image"].to(device), batch["label"].to(device)

    model = _model()
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.5),
        nn.CrossEntropyLoss(),
        device="cpu",
        non_blocking=True,
        prepare_batch=prepare_batch,
    )
    losses = _epoch_mean_losses(trainer)
    trainer.run(dict_batches, max_epochs=5)
    assert calls == [("cpu", True)] * 30
    assert losses[-1] < losses[0]


def test_trainer_model_transform_and_output_transform(loader: DataLoader[Any]) -> None:
    class DictModel(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = _model()

        def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
            return {"logits": self.net(x), "features": x}

    model = DictModel()
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.5),
        nn.CrossEntropyLoss(),
        model_transform=lambda out: out["logits"],
        output_transform=lambda x, y, y_pred, loss: {
            "loss": loss.item(),
            "batch": x.shape[0],
            "y_pred_shape": tuple(y_pred.shape),
            "y": y,
        },
    )
    trainer.run(loader, max_epochs=1)
    output = trainer.state.output
    assert output["batch"] == BATCH_SIZE
    assert output["y_pred_shape"] == (BATCH_SIZE, 10)
    assert isinstance(output["loss"], float)
    assert torch.equal(output["y"], list(loader)[-1][1])


def test_trainer_model_fn(loader: DataLoader[Any]) -> None:
    class TwoInputModel(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = _model()

        def forward(self, x: torch.Tensor, scale: float) -> torch.Tensor:
            return self.net(x * scale)

    model = TwoInputModel()
    scales: list[float] = []

    def model_fn(m: nn.Module, x: torch.Tensor) -> torch.Tensor:
        scales.append(2.0)
        return m(x, scale=2.0)

    trainer = create_supervised_trainer(
        model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), model_fn=model_fn
    )
    trainer.run(loader, max_epochs=1)
    assert scales == [2.0] * 6

    # The default model_fn calls model(x): same parameters as an explicit lambda doing that.
    a, b = _model(), _model()
    create_supervised_trainer(a, torch.optim.SGD(a.parameters(), lr=0.1), nn.CrossEntropyLoss()).run(loader)
    create_supervised_trainer(
        b, torch.optim.SGD(b.parameters(), lr=0.1), nn.CrossEntropyLoss(), model_fn=lambda m, x: m(x)
    ).run(loader)
    assert all(torch.equal(p, q) for p, q in zip(_params(a), _params(b)))


def test_trainer_deterministic_gives_deterministic_engine(loader: DataLoader[Any]) -> None:
    model = _model()
    trainer = create_supervised_trainer(
        model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), deterministic=True
    )
    assert isinstance(trainer, DeterministicEngine)
    trainer.run(loader, max_epochs=1)
    assert trainer.state.iteration == 6


def test_trainer_matches_a_manual_training_loop(loader: DataLoader[Any]) -> None:
    model = _model()
    manual = copy.deepcopy(model)
    trainer = create_supervised_trainer(
        model, torch.optim.SGD(model.parameters(), lr=0.2), nn.CrossEntropyLoss()
    )
    trainer.run(loader, max_epochs=2)

    optimizer = torch.optim.SGD(manual.parameters(), lr=0.2)
    for _ in range(2):
        for x, y in loader:
            optimizer.zero_grad()
            nn.CrossEntropyLoss()(manual(x), y).backward()
            optimizer.step()
    assert all(torch.allclose(p, q, atol=1e-6) for p, q in zip(_params(model), _params(manual)))


def test_gradient_accumulation_matches_manual_accumulation(loader: DataLoader[Any]) -> None:
    model = _model()
    manual = copy.deepcopy(model)
    loss_fn = nn.CrossEntropyLoss()
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.3, momentum=0.5),
        loss_fn,
        gradient_accumulation_steps=2,
    )
    outputs: list[float] = []
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: outputs.append(e.state.output))
    trainer.run(loader, max_epochs=2)

    optimizer = torch.optim.SGD(manual.parameters(), lr=0.3, momentum=0.5)
    manual_losses: list[float] = []
    step = 0
    for _ in range(2):
        for x, y in loader:
            step += 1
            if (step - 1) % 2 == 0:
                optimizer.zero_grad()
            loss = loss_fn(manual(x), y)
            manual_losses.append(loss.item())
            (loss / 2).backward()
            if step % 2 == 0:
                optimizer.step()

    for p, q in zip(_params(model), _params(manual)):
        assert torch.allclose(p, q, atol=1e-6), (p - q).abs().max()
    assert outputs == pytest.approx(manual_losses, rel=1e-5)  # the output holds the undivided loss

    # And it differs from training without accumulation.
    plain = _model()
    create_supervised_trainer(plain, torch.optim.SGD(plain.parameters(), lr=0.3, momentum=0.5), loss_fn).run(
        loader, max_epochs=2
    )
    assert not all(torch.allclose(p, q, atol=1e-6) for p, q in zip(_params(model), _params(plain)))


@pytest.mark.parametrize("steps", [0, -2])
def test_gradient_accumulation_steps_must_be_positive(steps: int) -> None:
    model = _model()
    with pytest.raises(ValueError, match="radient_accumulation_steps"):
        create_supervised_trainer(
            model,
            torch.optim.SGD(model.parameters(), lr=0.1),
            nn.CrossEntropyLoss(),
            gradient_accumulation_steps=steps,
        )
    with pytest.raises(ValueError, match="radient_accumulation_steps"):
        supervised_training_step(
            model,
            torch.optim.SGD(model.parameters(), lr=0.1),
            nn.CrossEntropyLoss(),
            gradient_accumulation_steps=steps,
        )


def test_gradient_accumulation_steps_must_be_an_int() -> None:
    model = _model()
    with pytest.raises(TypeError, match="gradient_accumulation_steps"):
        create_supervised_trainer(
            model,
            torch.optim.SGD(model.parameters(), lr=0.1),
            nn.CrossEntropyLoss(),
            gradient_accumulation_steps=1.5,  # type: ignore[arg-type]
        )


# ---------------------------------------------------------------------------------------------------------------
# Mixed precision


def test_amp_on_cpu_with_scaler_true(loader: DataLoader[Any]) -> None:
    model = _model()
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.5),
        nn.CrossEntropyLoss(),
        device="cpu",
        amp_mode="amp",
        scaler=True,
        output_transform=lambda x, y, y_pred, loss: (
            loss.item(),
            y_pred.dtype,
            torch.is_autocast_enabled("cpu"),
        ),
    )
    scaler = trainer.state.scaler
    assert isinstance(scaler, torch.amp.GradScaler)
    losses: list[float] = []
    dtypes: set[Any] = set()

    @trainer.on(Events.ITERATION_COMPLETED)
    def collect(e: Engine) -> None:
        loss, dtype, autocast_inside_output = e.state.output
        losses.append(loss)
        dtypes.add(dtype)
        assert not autocast_inside_output  # autocast covers the forward pass only

    trainer.run(loader, max_epochs=6)
    assert dtypes == {torch.bfloat16}  # the forward pass ran under CPU autocast
    assert sum(losses[-6:]) < sum(losses[:6])
    assert all(p.dtype == torch.float32 for p in model.parameters())
    assert trainer.state.scaler is scaler
    assert scaler.state_dict()["_growth_tracker"] == 36  # scaler.update() ran after each of the 36 steps


def test_amp_with_a_grad_scaler_instance(loader: DataLoader[Any]) -> None:
    model = _model()
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**8)
    before = _params(model)
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.5),
        nn.CrossEntropyLoss(),
        amp_mode="amp",
        scaler=scaler,
        device="cpu",
    )
    assert trainer.state.scaler is scaler
    trainer.run(loader, max_epochs=1)
    assert scaler.get_scale() == 2.0**8
    assert scaler.state_dict()["_growth_tracker"] == 6
    assert not all(torch.equal(a, b) for a, b in zip(before, _params(model)))


def test_amp_without_scaler_has_no_state_scaler(loader: DataLoader[Any]) -> None:
    model = _model()
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.5),
        nn.CrossEntropyLoss(),
        device="cpu",
        amp_mode="amp",
    )
    assert not hasattr(trainer.state, "scaler")
    losses = _epoch_mean_losses(trainer)
    trainer.run(loader, max_epochs=4)
    assert losses[-1] < losses[0]


def test_amp_mode_apex_without_apex_raises_module_not_found_with_hint() -> None:
    model = _model()
    with pytest.raises(ModuleNotFoundError, match="apex") as info:
        create_supervised_trainer(
            model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), amp_mode="apex"
        )
    assert "github.com/NVIDIA/apex" in str(info.value)
    with pytest.raises(ModuleNotFoundError, match="apex"):
        supervised_training_step_apex(
            model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss()
        )


def test_tpu_step_without_a_tpu_backend_raises_module_not_found_with_hint() -> None:
    model = _model()
    with pytest.raises(ModuleNotFoundError, match=r'pip install "ignite-plugins-dist\[xla\]"'):
        supervised_training_step_tpu(
            model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss()
        )


class _StepCountingBackend(_SerialModel):
    """A backend claiming the ``meta`` device type, whose optimizer step is counted (see the device hooks)."""

    device_types = ("meta",)
    steps = 0

    @classmethod
    def optimizer_step(cls, optimizer: torch.optim.Optimizer) -> Any:
        def step() -> None:
            cls.steps += 1
            optimizer.step()

        return step

    @classmethod
    def check_metric_device(cls, device: torch.device) -> None:
        raise ValueError(f"metrics cannot live on {device}")


@pytest.fixture
def meta_backend(monkeypatch: pytest.MonkeyPatch) -> type[_StepCountingBackend]:
    monkeypatch.setitem(comp_models._DEVICE_MODELS, "meta", _StepCountingBackend)
    _StepCountingBackend.steps = 0
    return _StepCountingBackend


def test_a_backend_driving_the_device_steps_the_optimizer(
    meta_backend: type[_StepCountingBackend], loader: DataLoader[Any]
) -> None:
    model = _model()
    on_cpu = lambda batch, device=None, non_blocking=False: (batch[0], batch[1])  # noqa: E731
    trainer = create_supervised_trainer(
        model,
        torch.optim.SGD(model.parameters(), lr=0.1),
        nn.CrossEntropyLoss(),
        device="meta",
        prepare_batch=on_cpu,
    )
    trainer.run(loader, max_epochs=1)
    assert meta_backend.steps == len(loader)
    step = supervised_training_step_tpu(
        model,
        torch.optim.SGD(model.parameters(), lr=0.1),
        nn.CrossEntropyLoss(),
        device="meta",
        prepare_batch=on_cpu,
    )
    step(trainer, next(iter(loader)))
    assert meta_backend.steps == len(loader) + 1
    with pytest.raises(ValueError, match="amp_mode='amp' is not supported on 'meta' devices"):
        create_supervised_trainer(
            model,
            torch.optim.SGD(model.parameters(), lr=0.1),
            nn.CrossEntropyLoss(),
            device="meta",
            amp_mode="amp",
        )
    with pytest.raises(ValueError, match="metrics cannot live on meta"):
        SampleCount(device="meta")


def test_plain_devices_need_no_backend() -> None:
    assert comp_models.model_class_for_device("cpu") is None
    model = _model()
    trainer = create_supervised_trainer(
        model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), device="cpu"
    )
    assert isinstance(trainer, Engine)


@pytest.mark.parametrize("amp_mode", ["fp16", "AMP", "native", ""])
def test_bad_amp_mode_raises_value_error(amp_mode: str) -> None:
    model = _model()
    with pytest.raises(ValueError, match="amp_mode"):
        create_supervised_trainer(
            model, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), amp_mode=amp_mode
        )
    with pytest.raises(ValueError, match="amp_mode"):
        create_supervised_evaluator(model, amp_mode=amp_mode)
    with pytest.raises(ValueError, match="amp_mode"):
        create_supervised_evaluator(model, amp_mode="apex")


@pytest.mark.parametrize("amp_mode", [None, "apex"])
def test_scaler_without_amp_raises_value_error(amp_mode: str | None) -> None:
    model = _model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="amp_mode='amp'"):
        create_supervised_trainer(model, optimizer, nn.CrossEntropyLoss(), amp_mode=amp_mode, scaler=True)
    with pytest.raises(ValueError, match="amp_mode='amp'"):
        create_supervised_trainer(
            model, optimizer, nn.CrossEntropyLoss(), amp_mode=amp_mode, scaler=torch.amp.GradScaler("cpu")
        )


def test_scaler_of_wrong_type_raises_type_error() -> None:
    model = _model()
    with pytest.raises(TypeError, match="scaler"):
        create_supervised_trainer(
            model,
            torch.optim.SGD(model.parameters(), lr=0.1),
            nn.CrossEntropyLoss(),
            amp_mode="amp",
            scaler="yes",  # type: ignore[arg-type]
        )


# ---------------------------------------------------------------------------------------------------------------
# Evaluator


def _manual_accuracy(model: nn.Module, loader: DataLoader[Any]) -> float:
    correct = total = 0
    model.eval()
    with torch.no_grad():
        for x, y in loader:
            correct += int((model(x).argmax(1) == y).sum().item())
            total += int(y.shape[0])
    return correct / total


def test_evaluator_attaches_metrics_and_computes_them(loader: DataLoader[Any]) -> None:
    model = _model()
    trainer = create_supervised_trainer(
        model, torch.optim.SGD(model.parameters(), lr=0.5), nn.CrossEntropyLoss()
    )
    evaluator = create_supervised_evaluator(model, metrics={"accuracy": Accuracy(), "n": SampleCount()})
    assert type(evaluator) is Engine
    accuracies: list[float] = []

    @trainer.on(Events.EPOCH_COMPLETED)
    def validate() -> None:
        evaluator.run(loader)
        accuracies.append(evaluator.state.metrics["accuracy"])

    trainer.run(loader, max_epochs=6)
    assert evaluator.state.metrics["n"] == N_SAMPLES
    assert accuracies[-1] == pytest.approx(_manual_accuracy(model, loader))
    assert accuracies[-1] > accuracies[0]
    assert accuracies[-1] > 0.8


def test_evaluator_runs_in_eval_mode_without_grad(loader: DataLoader[Any]) -> None:
    model = nn.Sequential(_model(), nn.Dropout(p=0.5))
    model.train()
    evaluator = create_supervised_evaluator(model)
    outputs: list[tuple[torch.Tensor, torch.Tensor]] = []
    evaluator.add_event_handler(Events.ITERATION_COMPLETED, lambda e: outputs.append(e.state.output))
    evaluator.run(loader)
    assert not model.training
    assert len(outputs) == 6
    y_pred, y = outputs[0]
    assert not y_pred.requires_grad
    first_x, first_y = next(iter(loader))
    with torch.no_grad():
        assert torch.equal(y_pred, model(first_x))  # no dropout: eval mode
    assert torch.equal(y, first_y)


def test_evaluator_options(digits: tuple[torch.Tensor, torch.Tensor]) -> None:
    x, y = digits
    batches = [{"image": x[i : i + 60], "label": y[i : i + 60]} for i in range(0, N_SAMPLES, 60)]
    calls: list[tuple[Any, bool]] = []

    def prepare_batch(batch: dict[str, torch.Tensor], device: Any = None, non_blocking: bool = False) -> Any:
        calls.append((device, non_blocking))
        return batch["image"], batch["label"]

    class DictModel(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = _model()

        def forward(self, inputs: torch.Tensor, shift: float = 0.0) -> dict[str, torch.Tensor]:
            return {"logits": self.net(inputs) + shift}

    model = DictModel()
    evaluator = create_supervised_evaluator(
        model,
        metrics={"n": SampleCount(output_transform=lambda out: (out["pred"], out["target"]))},
        device="cpu",
        non_blocking=True,
        prepare_batch=prepare_batch,
        model_transform=lambda out: out["logits"],
        output_transform=lambda inputs, target, pred: {"pred": pred, "target": target, "x": inputs},
        model_fn=lambda m, inputs: m(inputs, shift=1.0),
    )
    evaluator.run(batches)
    assert calls == [("cpu", True)] * 4
    assert evaluator.state.metrics["n"] == N_SAMPLES
    out = evaluator.state.output
    assert set(out) == {"pred", "target", "x"}
    with torch.no_grad():
        assert torch.allclose(out["pred"], model.net(x[180:]) + 1.0)


def test_evaluator_amp_on_cpu(loader: DataLoader[Any]) -> None:
    model = _model()
    evaluator = create_supervised_evaluator(
        model, metrics={"accuracy": Accuracy()}, device="cpu", amp_mode="amp"
    )
    evaluator.run(loader)
    y_pred, _ = evaluator.state.output
    assert y_pred.dtype == torch.bfloat16
    assert 0.0 <= evaluator.state.metrics["accuracy"] <= 1.0


# ---------------------------------------------------------------------------------------------------------------
# Step functions used directly


def test_step_functions_build_engines(loader: DataLoader[Any]) -> None:
    model = _model()
    reference = copy.deepcopy(model)
    train_step = supervised_training_step(
        model, torch.optim.SGD(model.parameters(), lr=0.2), nn.CrossEntropyLoss()
    )
    Engine(train_step).run(loader, max_epochs=2)
    create_supervised_trainer(
        reference, torch.optim.SGD(reference.parameters(), lr=0.2), nn.CrossEntropyLoss()
    ).run(loader, max_epochs=2)
    assert all(torch.equal(p, q) for p, q in zip(_params(model), _params(reference)))

    evaluator = Engine(supervised_evaluation_step(model))
    evaluator.run(loader)
    y_pred, y = evaluator.state.output
    assert y_pred.shape == (BATCH_SIZE, 10)
    assert torch.equal(y, list(loader)[-1][1])

    amp_step = supervised_training_step_amp(
        model, torch.optim.SGD(model.parameters(), lr=0.2), nn.CrossEntropyLoss(), device="cpu"
    )
    trainer = Engine(amp_step)
    trainer.run(loader)
    assert isinstance(trainer.state.output, float)

    amp_eval = Engine(supervised_evaluation_step_amp(model, device="cpu"))
    amp_eval.run(loader)
    assert amp_eval.state.output[0].dtype == torch.bfloat16
