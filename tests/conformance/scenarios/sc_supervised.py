"""Conformance: create_supervised_trainer / create_supervised_evaluator and their step functions."""

import torch

from ignite.engine import (
    DeterministicEngine,
    Engine,
    Events,
    create_supervised_evaluator,
    create_supervised_trainer,
    supervised_evaluation_step,
    supervised_training_step,
    supervised_training_step_amp,
)
from ignite.metrics import Accuracy, Loss


def _setup(seed=0):
    torch.manual_seed(seed)
    model = torch.nn.Linear(3, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    x = torch.randn(12, 3)
    y = (x[:, 0] > 0).long()
    data = [(x[i : i + 4], y[i : i + 4]) for i in range(0, 12, 4)]
    return model, optimizer, data


def _params(model):
    return [round(float(v), 5) for v in torch.cat([p.detach().flatten() for p in model.parameters()])]


def scenario_trainer_losses_and_parameters():
    model, optimizer, data = _setup()
    trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())
    losses = []
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: losses.append(round(e.state.output, 5)))
    trainer.run(data, max_epochs=2)
    print(type(trainer).__name__, losses)
    print(_params(model))


def scenario_trainer_gradient_accumulation():
    model, optimizer, data = _setup()
    trainer = create_supervised_trainer(
        model, optimizer, torch.nn.CrossEntropyLoss(), gradient_accumulation_steps=2
    )
    trainer.run(data, max_epochs=2)
    print(_params(model))
    for steps in (0, -1):
        try:
            create_supervised_trainer(
                model, optimizer, torch.nn.CrossEntropyLoss(), gradient_accumulation_steps=steps
            )
        except Exception as exc:
            print(steps, type(exc).__name__)


def scenario_trainer_transforms_and_model_fn():
    model, optimizer, data = _setup()
    trainer = create_supervised_trainer(
        model,
        optimizer,
        torch.nn.CrossEntropyLoss(),
        model_transform=lambda out: out * 2,
        output_transform=lambda x, y, y_pred, loss: (
            tuple(x.shape),
            tuple(y_pred.shape),
            round(loss.item(), 5),
        ),
        model_fn=lambda m, x: m(x + 1),
        prepare_batch=lambda batch, device, non_blocking: (batch[0] * 0.5, batch[1]),
    )
    trainer.run(data, max_epochs=1)
    print(trainer.state.output)
    print(_params(model))


def scenario_trainer_deterministic_and_amp_cpu():
    model, optimizer, data = _setup()
    trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss(), deterministic=True)
    print(type(trainer).__name__, isinstance(trainer, DeterministicEngine))
    trainer.run(data, max_epochs=1)
    print(_params(model))
    model, optimizer, data = _setup()
    amp_trainer = create_supervised_trainer(
        model, optimizer, torch.nn.CrossEntropyLoss(), device="cpu", amp_mode="amp", scaler=True
    )
    print(type(amp_trainer.state.scaler).__name__)
    try:
        create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss(), scaler=True)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_evaluator_metrics_and_outputs():
    model, _, data = _setup()
    evaluator = create_supervised_evaluator(
        model, metrics={"acc": Accuracy(), "nll": Loss(torch.nn.CrossEntropyLoss())}
    )
    evaluator.run(data)
    print(sorted(evaluator.state.metrics), round(evaluator.state.metrics["acc"], 5))
    # 4 digits: Loss accumulates in float64 here, in float32 in 0.5 (7th digit)
    print(round(evaluator.state.metrics["nll"], 4), type(evaluator.state.output).__name__, model.training)
    evaluator = create_supervised_evaluator(
        model, output_transform=lambda x, y, y_pred: {"y_pred": y_pred, "y": y}, metrics={"acc": Accuracy()}
    )
    evaluator.run(data)
    print(sorted(evaluator.state.output), round(evaluator.state.metrics["acc"], 5))


def scenario_step_functions_used_by_hand():
    model, optimizer, data = _setup()
    step = supervised_training_step(model, optimizer, torch.nn.CrossEntropyLoss())
    engine = Engine(step)
    engine.run(data, max_epochs=1)
    print(round(engine.state.output, 5), _params(model))
    evaluate = supervised_evaluation_step(model)
    out = Engine(evaluate).run(data[:1]).output
    print(type(out).__name__, tuple(out[0].shape), out[1].tolist())
    try:
        supervised_training_step_amp(
            model, optimizer, torch.nn.CrossEntropyLoss(), gradient_accumulation_steps=0
        )
    except Exception as exc:
        print(type(exc).__name__)


def scenario_argument_checks_beyond_05():
    # 0.5 silently accepts these; here each raises naming the bad argument
    model, optimizer, _ = _setup()
    loss = torch.nn.CrossEntropyLoss()
    for kwargs in (
        {"gradient_accumulation_steps": 1.5},
        {"amp_mode": "fp16"},
        {"amp_mode": "amp", "scaler": "yes"},
    ):
        try:
            create_supervised_trainer(model, optimizer, loss, **kwargs)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)
    for amp_mode in ("apex", "x"):
        try:
            create_supervised_evaluator(model, amp_mode=amp_mode)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)
