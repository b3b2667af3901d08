"""MLflow logger and its handlers (``ignite.handlers.mlflow_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    mlflow_logger = MLflowLogger(tracking_uri="sqlite:///mlruns.db")
    mlflow_logger.log_params({"seed": 12, "batch_size": 64})
    mlflow_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED, tag="training", output_transform=lambda loss: {"loss": loss}
    )
    mlflow_logger.attach_opt_params_handler(trainer, event_name=Events.ITERATION_STARTED, optimizer=optimizer)
"""

from __future__ import annotations

import re
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
)

__all__ = ["MLflowLogger", "OptimizerParamsHandler", "OutputHandler"]

INSTALL_HINT = 'pip install "ignite-plugins-loggers[mlflow]"'

# Characters MLflow accepts in metric names; anything else is replaced by "_".
_INVALID_METRIC_CHARS = re.compile(r"[^\w\-. :/]")


def _import_mlflow() -> Any:
    try:
        import mlflow
    except ImportError:
        raise ModuleNotFoundError(
            f"MLflowLogger needs the 'mlflow' package (mlflow or mlflow-skinny), which is not installed. "
            f"Install it with: {INSTALL_HINT}",
            name="mlflow",
        ) from None
    return mlflow


class MLflowLogger(BaseLogger):
    """Logs metrics and parameters to the active MLflow run, starting one when none is active.

    Args:
        tracking_uri: MLflow tracking URI (e.g. ``"sqlite:///mlruns.db"``); ``None`` keeps MLflow's current one.

    Functions of the ``mlflow`` module are available on the logger, e.g. ``mlflow_logger.log_params({...})``.
    :meth:`close` ends the run.
    """

    def __init__(self, tracking_uri: str | None = None) -> None:
        mlflow = _import_mlflow()
        if tracking_uri is not None:
            mlflow.set_tracking_uri(tracking_uri)
        self._mlflow = mlflow
        self.active_run = mlflow.active_run() or mlflow.start_run()

    def __getattr__(self, attr: str) -> Any:
        if attr == "_mlflow":  # not yet set: __init__ failed or is running
            raise AttributeError(attr)
        return getattr(self._mlflow, attr)

    def close(self) -> None:
        """End the MLflow run."""
        self._mlflow.end_run()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _check_logger(handler: object, logger: Any) -> MLflowLogger:
    if not isinstance(logger, MLflowLogger):
        raise TypeError(
            f"Handler {type(handler).__name__} works only with MLflowLogger, but given {type(logger).__name__}"
        )
    return logger


def _valid_names(values: dict[str, Any]) -> dict[str, Any]:
    """Replace characters MLflow rejects in metric names (e.g. parentheses) with ``_``, warning about each."""
    result: dict[str, Any] = {}
    for key, value in values.items():
        fixed = _INVALID_METRIC_CHARS.sub("_", key)
        if fixed != key:
            warnings.warn(
                f"MLflowLogger: metric name {key!r} has characters MLflow rejects; logged as {fixed!r}",
                UserWarning,
                stacklevel=3,
            )
        result[fixed] = value
    return result


class OutputHandler(BaseOutputHandler):
    """Logs metrics, the transformed engine output and state attributes as MLflow metrics ``"<tag> <name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`. Nested values are named with ``/``
    (``"validation per_class/0"``).
    """

    def __init__(
        self,
        tag: str,
        metric_names: str | Sequence[str] | None = None,
        output_transform: Callable[[Any], Any] | None = None,
        global_step_transform: GlobalStepTransform | None = None,
        state_attributes: Sequence[str] | None = None,
    ) -> None:
        super().__init__(tag, metric_names, output_transform, global_step_transform, state_attributes)

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        mlflow_logger = _check_logger(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=True)
        global_step = self._global_step(engine, event_name)
        prefix = f"{self.tag} " if self.tag else ""
        metrics = {prefix + "/".join(key[1:]): float(value) for key, value in values.items()}
        mlflow_logger.log_metrics(_valid_names(metrics), step=global_step)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Logs ``param_name`` (default ``"lr"``) of each param group as ``"[<tag> ]<param_name> group_<i>"``."""

    def __init__(self, optimizer: Optimizer, param_name: str = "lr", tag: str | None = None) -> None:
        super().__init__(optimizer, param_name, tag)

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        mlflow_logger = _check_logger(self, logger)
        prefix = f"{self.tag} " if self.tag else ""
        params = {
            f"{prefix}{self.param_name} group_{i}": float(group[self.param_name])
            for i, group in enumerate(self.optimizer.param_groups)
        }
        mlflow_logger.log_metrics(_valid_names(params), step=engine.state.get_event_attrib_value(event_name))
