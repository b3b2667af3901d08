"""Supervised trainer/evaluator factories and the step functions they are built from.

Each factory picks a step function once, from its options, so the step itself does no work the
options make unnecessary (no accumulation bookkeeping when ``gradient_accumulation_steps == 1``,
no device transfer when ``device`` is None with the default ``prepare_batch``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import torch

from ignite.engine.deterministic import DeterministicEngine
from ignite.engine.engine import Engine
from ignite.utils import convert_tensor

if TYPE_CHECKING:
    from ignite.distributed.comp_models.base import ComputationModel
    from ignite.metrics.metric import Metric

__all__ = [
    "create_supervised_evaluator",
    "create_supervised_trainer",
    "supervised_evaluation_step",
    "supervised_evaluation_step_amp",
    "supervised_training_step",
    "supervised_training_step_amp",
    "supervised_training_step_apex",
    "supervised_training_step_tpu",
]

Device = str | torch.device | None
StepFn = Callable[[Engine, Sequence[torch.Tensor]], Any]


def _prepare_batch(
    batch: Sequence[torch.Tensor], device: Device = None, non_blocking: bool = False
) -> tuple[Any, Any]:
    """Split ``(x, y)`` and move both to ``device``."""
    x, y = batch
    return convert_tensor(x, device=device, non_blocking=non_blocking), convert_tensor(
        y, device=device, non_blocking=non_blocking
    )


def _identity(output: Any) -> Any:
    return output


def _call_model(model: torch.nn.Module, x: Any) -> Any:
    return model(x)


def _loss_item(x: Any, y: Any, y_pred: Any, loss: torch.Tensor) -> Any:
    return loss.item()


def _pred_and_target(x: Any, y: Any, y_pred: Any) -> tuple[Any, Any]:
    return y_pred, y


def _batch_preparer(
    prepare_batch: Callable[..., tuple[Any, Any]], device: Device, non_blocking: bool
) -> Callable[[Any], tuple[Any, Any]]:
    if prepare_batch is _prepare_batch and device is None:
        return _split_batch
    return lambda batch: prepare_batch(batch, device=device, non_blocking=non_blocking)


def _split_batch(batch: Any) -> tuple[Any, Any]:
    x, y = batch
    return x, y


def _check_accumulation(gradient_accumulation_steps: int) -> None:
    if isinstance(gradient_accumulation_steps, bool) or not isinstance(gradient_accumulation_steps, int):
        raise TypeError(
            f"gradient_accumulation_steps should be an int, got {type(gradient_accumulation_steps).__name__}"
        )
    if gradient_accumulation_steps <= 0:
        raise ValueError(
            f"Gradient_accumulation_steps must be strictly positive. No gradient accumulation if the value set to "
            f"one (default), got {gradient_accumulation_steps}"
        )


def _training_step(
    model: torch.nn.Module,
    prepare: Callable[[Any], tuple[Any, Any]],
    forward_loss: Callable[[Any, Any], tuple[Any, torch.Tensor]],
    backward: Callable[[torch.Tensor], None],
    optimizer_step: Callable[[], Any],
    zero_grad: Callable[[], None],
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any],
    gradient_accumulation_steps: int,
) -> StepFn:
    """Assemble a training step from its parts; accumulation adds work only when it is on."""
    if gradient_accumulation_steps == 1:

        def update(engine: Engine, batch: Sequence[torch.Tensor]) -> Any:
            if not model.training:
                model.train()
            zero_grad()
            x, y = prepare(batch)
            y_pred, loss = forward_loss(x, y)
            backward(loss)
            optimizer_step()
            return output_transform(x, y, y_pred, loss)

        return update

    steps = gradient_accumulation_steps

    def update_accumulating(engine: Engine, batch: Sequence[torch.Tensor]) -> Any:
        iteration = engine.state.iteration
        if (iteration - 1) % steps == 0:
            zero_grad()
        if not model.training:
            model.train()
        x, y = prepare(batch)
        y_pred, loss = forward_loss(x, y)
        scaled = loss / steps
        backward(scaled)
        if iteration % steps == 0:
            optimizer_step()
        return output_transform(x, y, y_pred, loss)

    return update_accumulating


def _forward_loss(
    model: torch.nn.Module,
    loss_fn: Callable[..., torch.Tensor],
    model_fn: Callable[[torch.nn.Module, Any], Any],
    model_transform: Callable[[Any], Any],
) -> Callable[[Any, Any], tuple[Any, torch.Tensor]]:
    if model_fn is _call_model and model_transform is _identity:

        def plain(x: Any, y: Any) -> tuple[Any, torch.Tensor]:
            y_pred = model(x)
            return y_pred, loss_fn(y_pred, y)

        return plain

    def transformed(x: Any, y: Any) -> tuple[Any, torch.Tensor]:
        y_pred = model_transform(model_fn(model, x))
        return y_pred, loss_fn(y_pred, y)

    return transformed


def supervised_training_step(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[..., torch.Tensor] | torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any] = _loss_item,
    gradient_accumulation_steps: int = 1,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> StepFn:
    """The update function of a plain supervised trainer: forward, loss, backward, optimizer step.

    With ``gradient_accumulation_steps=N > 1`` the loss is divided by N before ``backward`` and the
    optimizer steps (and gradients are zeroed) every N iterations; the output sees the undivided loss.
    """
    _check_accumulation(gradient_accumulation_steps)
    return _training_step(
        model,
        _batch_preparer(prepare_batch, device, non_blocking),
        _forward_loss(model, loss_fn, model_fn, model_transform),
        _backward,
        optimizer.step,
        optimizer.zero_grad,
        output_transform,
        gradient_accumulation_steps,
    )


def _backward(loss: torch.Tensor) -> None:
    loss.backward()  # type: ignore[no-untyped-call]


def _device_type(device: Device) -> str:
    if device is None:
        return "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(device).type


def supervised_training_step_amp(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[..., torch.Tensor] | torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any] = _loss_item,
    scaler: torch.amp.GradScaler | None = None,
    gradient_accumulation_steps: int = 1,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> StepFn:
    """Like :func:`supervised_training_step`, with the forward pass under ``torch.autocast``.

    With a ``GradScaler`` the loss is scaled before ``backward`` and the optimizer steps through it.
    """
    _check_accumulation(gradient_accumulation_steps)
    device_type = _device_type(device)
    inner = _forward_loss(model, loss_fn, model_fn, model_transform)

    def forward_loss(x: Any, y: Any) -> tuple[Any, torch.Tensor]:
        with torch.autocast(device_type=device_type):
            return inner(x, y)

    backward: Callable[[torch.Tensor], None] = _backward
    optimizer_step: Callable[[], Any] = optimizer.step
    if scaler is not None:
        active = scaler

        def scaled_backward(loss: torch.Tensor) -> None:
            active.scale(loss).backward()  # type: ignore[no-untyped-call]

        def scaled_step() -> None:
            active.step(optimizer)
            active.update()

        backward, optimizer_step = scaled_backward, scaled_step

    return _training_step(
        model,
        _batch_preparer(prepare_batch, device, non_blocking),
        forward_loss,
        backward,
        optimizer_step,
        optimizer.zero_grad,
        output_transform,
        gradient_accumulation_steps,
    )


def supervised_training_step_apex(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[..., torch.Tensor] | torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any] = _loss_item,
    gradient_accumulation_steps: int = 1,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> StepFn:
    """Like :func:`supervised_training_step`, with NVIDIA apex scaling the loss (needs ``apex``)."""
    try:
        from apex import amp as apex_amp
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "amp_mode='apex' needs NVIDIA apex, which is not installed. Install it from "
            "https://github.com/NVIDIA/apex, or use amp_mode='amp' (torch's native mixed precision)."
        ) from None
    _check_accumulation(gradient_accumulation_steps)

    def backward(loss: torch.Tensor) -> None:
        with apex_amp.scale_loss(loss, optimizer) as scaled_loss:
            scaled_loss.backward()

    return _training_step(
        model,
        _batch_preparer(prepare_batch, device, non_blocking),
        _forward_loss(model, loss_fn, model_fn, model_transform),
        backward,
        optimizer.step,
        optimizer.zero_grad,
        output_transform,
        gradient_accumulation_steps,
    )


def supervised_training_step_tpu(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[..., torch.Tensor] | torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any] = _loss_item,
    gradient_accumulation_steps: int = 1,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> StepFn:
    """Like :func:`supervised_training_step`, stepping the optimizer through the TPU backend's model.

    The backend that drives TPU (``xla``) devices comes from a plugin (``ignite-plugins-dist[xla]``).
    """
    backend = _backend_for(device if device is not None else _TPU_DEVICE_TYPE)
    if backend is None:
        raise ModuleNotFoundError(
            f"No installed distributed backend drives {_TPU_DEVICE_TYPE!r} devices (torch_xla and its backend "
            'are missing). Install them with: pip install "ignite-plugins-dist[xla]"'
        )
    return _backend_training_step(
        backend,
        model,
        optimizer,
        loss_fn,
        device=device,
        non_blocking=non_blocking,
        prepare_batch=prepare_batch,
        model_transform=model_transform,
        output_transform=output_transform,
        gradient_accumulation_steps=gradient_accumulation_steps,
        model_fn=model_fn,
    )


_TPU_DEVICE_TYPE = "xla"


def _backend_training_step(
    backend: type[ComputationModel],
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[..., torch.Tensor] | torch.nn.Module,
    device: Device,
    non_blocking: bool,
    prepare_batch: Callable[..., tuple[Any, Any]],
    model_transform: Callable[[Any], Any],
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any],
    gradient_accumulation_steps: int,
    model_fn: Callable[[torch.nn.Module, Any], Any],
) -> StepFn:
    """The plain training step, with the optimizer stepped by ``backend.optimizer_step``."""
    _check_accumulation(gradient_accumulation_steps)
    return _training_step(
        model,
        _batch_preparer(prepare_batch, device, non_blocking),
        _forward_loss(model, loss_fn, model_fn, model_transform),
        _backward,
        backend.optimizer_step(optimizer),
        optimizer.zero_grad,
        output_transform,
        gradient_accumulation_steps,
    )


def _backend_for(device: Device) -> type[ComputationModel] | None:
    """The distributed backend model that drives ``device`` (None for plain torch devices)."""
    if device is None:
        return None
    from ignite.distributed.comp_models import model_class_for_device

    return model_class_for_device(device)


def _resolve_scaler(
    amp_mode: str | None, scaler: bool | torch.amp.GradScaler, device: Device
) -> torch.amp.GradScaler | None:
    if amp_mode not in (None, "amp", "apex"):
        raise ValueError(f"amp_mode should be None, 'amp' or 'apex', got {amp_mode!r}")
    if isinstance(scaler, torch.amp.GradScaler):
        if amp_mode != "amp":
            raise ValueError(f"A GradScaler needs amp_mode='amp', got amp_mode={amp_mode!r}")
        return scaler
    if scaler is True:
        if amp_mode != "amp":
            raise ValueError(f"scaler=True needs amp_mode='amp', got amp_mode={amp_mode!r}")
        return torch.amp.GradScaler(_device_type(device), enabled=True)
    if scaler is not False:
        raise TypeError(f"scaler should be a bool or a torch.amp.GradScaler, got {type(scaler).__name__}")
    return None


def create_supervised_trainer(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[..., torch.Tensor] | torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any, torch.Tensor], Any] = _loss_item,
    deterministic: bool = False,
    amp_mode: str | None = None,
    scaler: bool | torch.amp.GradScaler = False,
    gradient_accumulation_steps: int = 1,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> Engine:
    """A trainer Engine for supervised models.

    The step is chosen once: plain, ``amp_mode="amp"`` (autocast, with a GradScaler when ``scaler`` is
    True or a GradScaler), ``amp_mode="apex"``, or, when a distributed backend drives ``device`` (e.g. TPU),
    the plain step with that backend's optimizer step.
    ``deterministic=True`` builds a :class:`DeterministicEngine`. The model is not moved to ``device``.
    A scaler in use is available as ``trainer.state.scaler``.
    """
    backend = _backend_for(device)
    active_scaler = _resolve_scaler(amp_mode, scaler, device)
    common: dict[str, Any] = dict(
        device=device,
        non_blocking=non_blocking,
        prepare_batch=prepare_batch,
        model_transform=model_transform,
        output_transform=output_transform,
        gradient_accumulation_steps=gradient_accumulation_steps,
        model_fn=model_fn,
    )
    if backend is not None:
        if amp_mode is not None:
            raise ValueError(
                f"amp_mode={amp_mode!r} is not supported on {_device_type(device)!r} devices, which the "
                f"{backend.name!r} backend drives; use amp_mode=None"
            )
        step = _backend_training_step(backend, model, optimizer, loss_fn, **common)
    elif amp_mode == "amp":
        step = supervised_training_step_amp(model, optimizer, loss_fn, scaler=active_scaler, **common)
    elif amp_mode == "apex":
        step = supervised_training_step_apex(model, optimizer, loss_fn, **common)
    else:
        step = supervised_training_step(model, optimizer, loss_fn, **common)
    trainer = DeterministicEngine(step) if deterministic else Engine(step)
    if active_scaler is not None:
        setattr(trainer.state, "scaler", active_scaler)  # noqa: B010 - State takes user attributes
    return trainer


def _evaluation_step(
    model: torch.nn.Module,
    prepare: Callable[[Any], tuple[Any, Any]],
    forward: Callable[[Any], Any],
    output_transform: Callable[[Any, Any, Any], Any],
) -> StepFn:
    def evaluate(engine: Engine, batch: Sequence[torch.Tensor]) -> Any:
        if model.training:
            model.eval()
        with torch.no_grad():
            x, y = prepare(batch)
            y_pred = forward(x)
            return output_transform(x, y, y_pred)

    return evaluate


def _forward(
    model: torch.nn.Module,
    model_fn: Callable[[torch.nn.Module, Any], Any],
    model_transform: Callable[[Any], Any],
) -> Callable[[Any], Any]:
    if model_fn is _call_model and model_transform is _identity:
        return model
    return lambda x: model_transform(model_fn(model, x))


def supervised_evaluation_step(
    model: torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any], Any] = _pred_and_target,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> StepFn:
    """The evaluation function: ``model.eval()``, forward under ``torch.no_grad()``, ``(y_pred, y)``."""
    return _evaluation_step(
        model,
        _batch_preparer(prepare_batch, device, non_blocking),
        _forward(model, model_fn, model_transform),
        output_transform,
    )


def supervised_evaluation_step_amp(
    model: torch.nn.Module,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any], Any] = _pred_and_target,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> StepFn:
    """Like :func:`supervised_evaluation_step`, with the forward pass under ``torch.autocast``."""
    device_type = _device_type(device)
    inner = _forward(model, model_fn, model_transform)

    def forward(x: Any) -> Any:
        with torch.autocast(device_type=device_type):
            return inner(x)

    return _evaluation_step(
        model, _batch_preparer(prepare_batch, device, non_blocking), forward, output_transform
    )


def create_supervised_evaluator(
    model: torch.nn.Module,
    metrics: Mapping[str, Metric] | None = None,
    device: Device = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., tuple[Any, Any]] = _prepare_batch,
    model_transform: Callable[[Any], Any] = _identity,
    output_transform: Callable[[Any, Any, Any], Any] = _pred_and_target,
    amp_mode: str | None = None,
    model_fn: Callable[[torch.nn.Module, Any], Any] = _call_model,
) -> Engine:
    """An evaluator Engine for supervised models, with ``metrics`` attached under their names."""
    if amp_mode not in (None, "amp"):
        raise ValueError(f"amp_mode of an evaluator should be None or 'amp', got {amp_mode!r}")
    common: dict[str, Any] = dict(
        device=device,
        non_blocking=non_blocking,
        prepare_batch=prepare_batch,
        model_transform=model_transform,
        output_transform=output_transform,
        model_fn=model_fn,
    )
    step = (
        supervised_evaluation_step_amp(model, **common)
        if amp_mode == "amp"
        else supervised_evaluation_step(model, **common)
    )
    evaluator = Engine(step)
    for name, metric in (metrics or {}).items():
        metric.attach(evaluator, name)
    return evaluator
