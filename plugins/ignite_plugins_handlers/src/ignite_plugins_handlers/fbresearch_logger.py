"""FBResearchLogger: Detectron-style text logs of training progress."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import torch

from ignite.engine import Engine, Events
from ignite_plugins_handlers.timing import Timer

__all__ = ["FBResearchLogger"]

MB = 1024.0 * 1024.0


def _fmt(value: Any) -> str:
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    return f"{value:.4f}" if isinstance(value, float) else f"{value}"


class FBResearchLogger:
    """Logs, through ``logger`` (a ``logging.Logger``), the epoch start, every ``every`` iterations a line with
    the position, ETA, learning rate(s), output values (``show_output``), ``state_attributes``, average
    iteration and data times (and peak GPU memory), the epoch's total time, and the run's.

    Args:
        logger: where to log (``logger.info``).
        delimiter: between the fields of a line.
        show_output: include the process function's output (after ``output_transform``).
    """

    def __init__(self, logger: Any, delimiter: str = "  ", show_output: bool = False) -> None:
        self.delimiter = delimiter
        self.logger = logger
        self.iter_timer = Timer(average=True)
        self.data_timer = Timer(average=True)
        self.show_output = show_output
        self.output_transform: Callable[[Any], Any] | None = None
        self.state_attributes: list[str] | None = None

    def attach(
        self,
        engine: Engine,
        name: str,
        every: int = 1,
        output_transform: Callable[[Any], Any] | None = None,
        state_attributes: list[str] | None = None,
        optimizer: torch.optim.Optimizer | None = None,
    ) -> None:
        """Log ``engine``'s progress under ``name``; ``optimizer``'s learning rates are shown when given."""
        engine.add_event_handler(Events.EPOCH_STARTED, self.log_epoch_started, engine, name)
        engine.add_event_handler(Events.ITERATION_COMPLETED(every=every), self.log_every, engine, optimizer)
        engine.add_event_handler(Events.EPOCH_COMPLETED, self.log_epoch_completed, engine, name)
        engine.add_event_handler(Events.COMPLETED, self.log_completed, engine, name)
        self.iter_timer.reset()
        self.iter_timer.attach(
            engine,
            start=Events.EPOCH_STARTED,
            resume=Events.ITERATION_STARTED,
            pause=Events.ITERATION_COMPLETED,
            step=Events.ITERATION_COMPLETED,
        )
        self.data_timer.reset()
        self.data_timer.attach(
            engine,
            start=Events.EPOCH_STARTED,
            resume=Events.GET_BATCH_STARTED,
            pause=Events.GET_BATCH_COMPLETED,
            step=Events.GET_BATCH_COMPLETED,
        )
        self.output_transform = output_transform
        self.state_attributes = state_attributes

    def _outputs(self, engine: Engine) -> list[str]:
        if not self.show_output or engine.state.output is None:
            return []
        output = engine.state.output
        if self.output_transform is not None:
            output = self.output_transform(output)
        if isinstance(output, dict):
            return [f"{k}: {_fmt(v)}" for k, v in output.items()]
        if isinstance(output, (list, tuple)):
            return [", ".join(_fmt(v) for v in output)]
        return [_fmt(output)]

    def log_every(self, engine: Engine, optimizer: torch.optim.Optimizer | None = None) -> None:
        """One progress line."""
        state = engine.state
        epoch_length = state.epoch_length or 1
        current_iter = (state.iteration - 1) % epoch_length + 1
        iter_avg_time = self.iter_timer.value()
        eta = datetime.timedelta(seconds=int(iter_avg_time * (epoch_length - current_iter)))
        lrs = ""
        if optimizer is not None:
            groups = optimizer.param_groups
            if len(groups) == 1:
                lrs = f"lr: {groups[0]['lr']:.5f}"
            else:
                lrs = self.delimiter.join(f"lr [g{i}]: {g['lr']:.5f}" for i, g in enumerate(groups))
        state_attrs = [
            f"{name}: {_fmt(getattr(state, name, None))}" for name in self.state_attributes or ()
        ] or [""]
        cuda_max_mem = ""
        if torch.cuda.is_available():
            cuda_max_mem = f"GPU Max Mem: {torch.cuda.max_memory_allocated() / MB:.0f} MB"
        fields = [
            f"Epoch [{state.epoch}/{state.max_epochs}]",
            f"[{current_iter}/{epoch_length}]:",
            f"ETA: {eta}",
            lrs,
            *self._outputs(engine),
            *state_attrs,
            f"Iter time: {iter_avg_time:.4f} s",
            f"Data prep time: {self.data_timer.value():.4f} s",
            cuda_max_mem,
        ]
        self.logger.info(self.delimiter.join(fields))

    def log_epoch_started(self, engine: Engine, name: str) -> None:
        """``<name>: start epoch [e/E]``."""
        self.logger.info(f"{name}: start epoch [{engine.state.epoch}/{engine.state.max_epochs}]")

    def log_epoch_completed(self, engine: Engine, name: str) -> None:
        """``<name>: Epoch [e/E]  Total time: ...  (... s / it)``."""
        state = engine.state
        epoch_time = float(state.times.get(Events.EPOCH_COMPLETED.name) or 0.0)
        epoch_info = f"Epoch [{state.epoch}/{state.max_epochs}]" if (state.max_epochs or 0) > 1 else ""
        msg = self.delimiter.join(
            [
                f"{name}: {epoch_info}",
                f"Total time: {datetime.timedelta(seconds=int(epoch_time))}",
                f"({epoch_time / (state.epoch_length or 1):.4f} s / it)",
            ]
        )
        self.logger.info(msg)

    def log_completed(self, engine: Engine, name: str) -> None:
        """``<name>: run completed  Total time: ...`` (runs of more than one epoch)."""
        state = engine.state
        if (state.max_epochs or 0) > 1:
            total = float(state.times.get(Events.COMPLETED.name) or 0.0)
            msg = self.delimiter.join(
                [f"{name}: run completed", f"Total time: {datetime.timedelta(seconds=int(total))}"]
            )
            self.logger.info(msg)
