"""EMAHandler: an exponential moving average copy of a model's weights, updated during training."""

from __future__ import annotations

import warnings
from copy import deepcopy
from typing import Any

from torch import nn

from ignite.engine import Engine, Events
from ignite_plugins_handlers.state_param_scheduler import LambdaStateScheduler

__all__ = ["EMAHandler", "EMAWarmUp"]

_BUFFER_MODES = ("copy", "update", "ema_train")


class EMAWarmUp:
    """Momentum rising linearly from ``momentum_warmup`` (first event) to ``momentum`` (event
    ``warmup_iters``), constant afterwards."""

    def __init__(self, momentum_warmup: float, warmup_iters: int, momentum: float) -> None:
        self.momentum_warmup = momentum_warmup
        self.warmup_iters = warmup_iters
        self.momentum = momentum

    def __call__(self, event_index: int) -> float:
        if event_index >= self.warmup_iters or self.warmup_iters <= 1:
            return self.momentum
        done = (event_index - 1) / (self.warmup_iters - 1)
        return self.momentum_warmup + (self.momentum - self.momentum_warmup) * done


class EMAHandler:
    """Keeps ``ema_model``, whose parameters follow ``ema = (1 - momentum) * ema + momentum * param``.

    Args:
        model: the trained model (a DataParallel/DDP wrapper is unwrapped).
        momentum: update momentum (after warm-up), in (0, 1).
        momentum_warmup: initial momentum of a linear warm-up lasting ``warmup_iters`` events.
        warmup_iters: warm-up length.
        handle_buffers: ``"copy"`` the model's buffers, ``"update"`` them like parameters (non-float buffers
            are copied), or ``"ema_train"``: leave them to ``ema_model`` in train mode.

    The momentum lives in ``engine.state.<name>`` (see :meth:`attach`), so it is saved with the engine.
    """

    def __init__(
        self,
        model: nn.Module,
        momentum: float = 0.0002,
        momentum_warmup: float | None = None,
        warmup_iters: int | None = None,
        handle_buffers: str = "copy",
    ) -> None:
        if not 0 < momentum < 1:
            raise ValueError(f"Invalid momentum: {momentum}")
        if momentum_warmup is not None and not 0 < momentum_warmup < 1:
            raise ValueError(f"Invalid momentum_warmup: {momentum_warmup}")
        if warmup_iters is not None and (not isinstance(warmup_iters, int) or warmup_iters < 1):
            raise ValueError(f"Invalid warmup_iters: {warmup_iters}; it should be a positive integer")
        if not isinstance(model, nn.Module):
            raise ValueError(
                f"model should be an instance of nn.Module or its subclasses, but gotmodel: {type(model).__name__}"
            )
        if handle_buffers not in _BUFFER_MODES:
            raise ValueError(
                f"handle_buffers can only be one of 'copy', 'update', 'ema_train', but got {handle_buffers}"
            )
        if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
            model = model.module
        self.model: nn.Module = model
        self.momentum = momentum
        self.handle_buffers = handle_buffers
        self.ema_model = deepcopy(model)
        for param in self.ema_model.parameters():
            param.detach_()
        if handle_buffers == "ema_train":
            self.ema_model.train()
        else:
            self.ema_model.eval()
        self._momentum_lambda_obj: EMAWarmUp | None = None
        if momentum_warmup is not None and warmup_iters is not None:
            self._momentum_lambda_obj = EMAWarmUp(momentum_warmup, warmup_iters, momentum)
        self.momentum_scheduler: LambdaStateScheduler | None = None

    def _update_ema_model(self, engine: Engine, name: str) -> None:
        momentum = getattr(engine.state, name)
        for ema_p, model_p in zip(self.ema_model.parameters(), self.model.parameters()):
            ema_p.mul_(1.0 - momentum).add_(model_p.data, alpha=momentum)
        if self.handle_buffers == "update":
            for ema_b, model_b in zip(self.ema_model.buffers(), self.model.buffers()):
                if ema_b.is_floating_point():
                    ema_b.mul_(1.0 - momentum).add_(model_b.data, alpha=momentum)
                else:
                    ema_b.data = model_b.data.clone()
        elif self.handle_buffers == "copy":
            for ema_b, model_b in zip(self.ema_model.buffers(), self.model.buffers()):
                ema_b.data = model_b.data.clone()

    def attach(
        self,
        engine: Engine,
        name: str = "ema_momentum",
        warn_if_exists: bool = True,
        event: Any = Events.ITERATION_COMPLETED,
    ) -> None:
        """Update ``ema_model`` on ``engine``'s ``event`` with the momentum in ``engine.state.<name>`` (created
        with ``momentum`` unless it exists, e.g. restored from a checkpoint)."""
        if hasattr(engine.state, name):
            if warn_if_exists:
                warnings.warn(
                    f"Attribute '{name}' already exists in Engine.state. It might because 1. the engine has loaded "
                    f"its state dict or 2. {name} is already created by other handlers. Turn off this warning by "
                    "setting warn_if_exists to False.",
                    category=UserWarning,
                    stacklevel=2,
                )
        else:
            setattr(engine.state, name, self.momentum)
        if self._momentum_lambda_obj is not None:
            self.momentum_scheduler = LambdaStateScheduler(self._momentum_lambda_obj, param_name=name)
            # the momentum is updated first, then the EMA model
            engine.add_event_handler(event, self.momentum_scheduler)
        engine.add_event_handler(event, self._update_ema_model, name)
