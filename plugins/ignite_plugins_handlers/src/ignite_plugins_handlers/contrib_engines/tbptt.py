"""Truncated back-propagation through time: ``create_supervised_tbptt_trainer`` and ``Tbptt_Events``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from ignite.engine import Engine, EventEnum
from ignite.engine.supervised import _prepare_batch
from ignite.utils import apply_to_tensor

__all__ = ["Tbptt_Events", "create_supervised_tbptt_trainer"]


class Tbptt_Events(EventEnum):
    """Fired around each time chunk of a sequence batch."""

    TIME_ITERATION_STARTED = "time_iteration_started"
    TIME_ITERATION_COMPLETED = "time_iteration_completed"


def _detach_hidden(hidden: Any) -> Any:
    return apply_to_tensor(hidden, torch.Tensor.detach)


def create_supervised_tbptt_trainer(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,
    tbtt_step: int,
    dim: int = 0,
    device: str | None = None,
    non_blocking: bool = False,
    prepare_batch: Callable[..., Any] = _prepare_batch,
) -> Engine:
    """Trainer for recurrent models returning ``(output, hidden)``: each batch ``(x, y)`` is split along
    ``dim`` into chunks of ``tbtt_step`` steps; each chunk is a forward/backward/optimizer step with the hidden
    state carried over (detached). The iteration's output is the mean chunk loss."""
    if isinstance(tbtt_step, bool) or not isinstance(tbtt_step, int) or tbtt_step < 1:
        raise ValueError(f"Argument tbtt_step should be a positive integer, but given {tbtt_step!r}")

    def _update(engine: Engine, batch: Any) -> float:
        losses: list[float] = []
        hidden = None
        x, y = batch
        for batch_t in zip(x.split(tbtt_step, dim=dim), y.split(tbtt_step, dim=dim)):
            x_t, y_t = prepare_batch(batch_t, device=device, non_blocking=non_blocking)
            engine.fire_event(Tbptt_Events.TIME_ITERATION_STARTED)
            model.train()
            optimizer.zero_grad()
            if hidden is None:
                y_pred_t, hidden = model(x_t)
            else:
                hidden = _detach_hidden(hidden)
                y_pred_t, hidden = model(x_t, hidden)
            loss_t = loss_fn(y_pred_t, y_t)
            loss_t.backward()
            optimizer.step()
            engine.state.output = loss_t.item()
            losses.append(loss_t.item())
            engine.fire_event(Tbptt_Events.TIME_ITERATION_COMPLETED)
        return sum(losses) / len(losses)

    engine = Engine(_update)
    engine.register_events(*Tbptt_Events)
    return engine
