"""Weights & Biases logger and its handlers (``ignite.handlers.wandb_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    wandb_logger = WandBLogger(project="pytorch-ignite-integration", config={"lr": 0.1})  # or mode="offline"
    wandb_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED, tag="training", output_transform=lambda loss: {"loss": loss}
    )
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

from torch.optim import Optimizer

from ignite.engine import Engine
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    GlobalStepTransform,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._background import BackgroundWriter, submit, write_each
from ignite_plugins_loggers._sdk import import_sdk

__all__ = ["OptimizerParamsHandler", "OutputHandler", "WandBLogger"]

Record = tuple[dict[str, Any], int | None]
"""What a handler queues: ``(values, step)``."""

_SYNC_WARNING = "The sync argument for the WandBLoggers is no longer used, and may be removed in the future"


class WandBLogger(BaseLogger):
    """Logs to a W&B run started with ``wandb.init(*args, **kwargs)`` (e.g. ``project``, ``config``,
    ``mode="offline"``, ``dir``).

    Args:
        background: log from a background thread through a bounded queue (default), so a slow or failing
            W&B never stalls or stops training; ``False`` logs at once.
        close_timeout: seconds :meth:`close` waits for queued values.

    Functions of the ``wandb`` module are available on the logger (``wandb_logger.watch(model)``); the run is
    :attr:`run`. :meth:`close` logs what is queued, then finishes the run.
    """

    def __init__(
        self, *args: Any, background: bool = True, close_timeout: float = 30.0, **kwargs: Any
    ) -> None:
        wandb = import_sdk("wandb", "wandb", "WandBLogger")
        self._wandb = wandb
        self.run: Any = wandb.init(*args, **kwargs)
        self._writer = BackgroundWriter(
            "WandBLogger", self._write_batch, close_timeout=close_timeout, background=background
        )

    def __getattr__(self, attr: str) -> Any:
        if attr in ("_wandb", "_writer", "run"):  # not yet set: __init__ failed or is running
            raise AttributeError(attr)
        return getattr(self._wandb, attr)

    def log(self, data: dict[str, Any], step: int | None = None, **kwargs: Any) -> None:
        """Queue ``data`` for the run at ``step``; returns at once."""
        submit(self, (dict(data), step), self._write_one)

    def _write_batch(self, records: list[Record]) -> None:
        write_each(records, self._write_one)

    def _write_one(self, record: Record) -> None:
        data, step = record
        self.run.log(data, step=step)

    def close(self) -> None:
        """Log the queued values (at most ``close_timeout`` seconds), then finish the run."""
        self._writer.close()
        self.run.finish()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _check(handler: object, logger: Any) -> WandBLogger:
    checked: WandBLogger = check_logger(handler, logger, WandBLogger)
    return checked


class OutputHandler(BaseOutputHandler):
    """Logs metrics, the transformed engine output and state attributes as ``"<tag>/<name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`; ``sync`` is accepted and ignored
    (with a warning), as in 0.5.
    """

    def __init__(
        self,
        tag: str,
        metric_names: str | Sequence[str] | None = None,
        output_transform: Callable[[Any], Any] | None = None,
        global_step_transform: GlobalStepTransform | None = None,
        sync: bool | None = None,
        state_attributes: Sequence[str] | None = None,
    ) -> None:
        super().__init__(tag, metric_names, output_transform, global_step_transform, state_attributes)
        self.sync = sync

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        wandb_logger = _check(self, logger)
        global_step = self._global_step(engine, event_name)
        values = self._setup_output_metrics_state_attrs(engine, log_text=True, key_tuple=False)
        if self.sync is not None:
            warnings.warn(_SYNC_WARNING, UserWarning, stacklevel=2)
        wandb_logger.log(values, step=global_step)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Logs ``param_name`` (default ``"lr"``) of each param group as ``"[<tag>/]<param_name>/group_<i>"``."""

    def __init__(
        self, optimizer: Optimizer, param_name: str = "lr", tag: str | None = None, sync: bool | None = None
    ) -> None:
        super().__init__(optimizer, param_name, tag)
        self.sync = sync

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        wandb_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        if self.sync is not None:
            warnings.warn(_SYNC_WARNING, UserWarning, stacklevel=2)
        wandb_logger.log(self._param_values(), step=global_step)
