"""Polyaxon logger and its handlers (``ignite.handlers.polyaxon_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    plx_logger = PolyaxonLogger()  # or PolyaxonLogger(project="p", owner="o", is_offline=True, artifacts_path=...)
    plx_logger.log_inputs(seed=12, batch_size=64)
    plx_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED, tag="training", output_transform=lambda loss: {"loss": loss}
    )
"""

from __future__ import annotations

from typing import Any

from ignite.engine import Engine
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._background import BackgroundWriter, submit, write_each
from ignite_plugins_loggers._sdk import import_sdk

__all__ = ["OptimizerParamsHandler", "OutputHandler", "PolyaxonLogger"]

Record = tuple[dict[str, Any], int]
"""What a handler queues: ``(metrics, step)``."""


class PolyaxonLogger(BaseLogger):
    """Logs metrics to a Polyaxon run: ``polyaxon.tracking.Run(*args, **kwargs)`` (Polyaxon >= 1), else
    ``polyaxon_client.tracking.Experiment(*args, **kwargs)`` (Polyaxon 0.x).

    Args:
        background: log from a background thread through a bounded queue (default), so a slow or failing
            Polyaxon never stalls or stops training; ``False`` logs at once.
        close_timeout: seconds :meth:`close` waits for queued metrics.

    Methods of the run are available on the logger (``plx_logger.log_inputs(...)``) and it is
    :attr:`experiment`. :meth:`close` logs what is queued, then ends the run when it can be ended.
    """

    def __init__(
        self, *args: Any, background: bool = True, close_timeout: float = 30.0, **kwargs: Any
    ) -> None:
        tracking = import_sdk("polyaxon.tracking", "polyaxon", "PolyaxonLogger", "polyaxon_client.tracking")
        run_class = getattr(tracking, "Run", None) or tracking.Experiment
        self.experiment: Any = run_class(*args, **kwargs)
        self._writer = BackgroundWriter(
            "PolyaxonLogger", self._write_batch, close_timeout=close_timeout, background=background
        )

    def __getattr__(self, attr: str) -> Any:
        if attr in ("experiment", "_writer"):  # not yet set: __init__ failed or is running
            raise AttributeError(attr)
        return getattr(self.experiment, attr)

    def log_metrics(self, step: int, **metrics: Any) -> None:
        """Queue ``metrics`` at ``step``; returns at once."""
        submit(self, (metrics, step), self._write_one)

    def _write_batch(self, records: list[Record]) -> None:
        write_each(records, self._write_one)

    def _write_one(self, record: Record) -> None:
        metrics, step = record
        self.experiment.log_metrics(step=step, **metrics)

    def close(self) -> None:
        """Log the queued metrics (at most ``close_timeout`` seconds), then end the run."""
        self._writer.close()
        end = getattr(self.experiment, "end", None)
        if callable(end):
            end()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _check(handler: object, logger: Any) -> PolyaxonLogger:
    checked: PolyaxonLogger = check_logger(handler, logger, PolyaxonLogger)
    return checked


class OutputHandler(BaseOutputHandler):
    """Logs metrics, the transformed engine output and state attributes as ``"<tag>/<name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`.
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        plx_logger = _check(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=False)
        global_step = self._global_step(engine, event_name)
        plx_logger.log_metrics(step=global_step, **values)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Logs ``param_name`` (default ``"lr"``) of each param group as ``"[<tag>/]<param_name>/group_<i>"``."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        plx_logger = _check(self, logger)
        plx_logger.log_metrics(step=event_step(engine, event_name), **self._param_values())
