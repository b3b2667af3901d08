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

import functools
import re
import time
import warnings
from collections.abc import Callable
from typing import Any, Literal

from ignite.engine import Engine
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._background import BackgroundWriter
from ignite_plugins_loggers._mlflow_sink import (
    MetricsRecord,
    client_wrapped_here,
    log_records,
    open_writer,
    plain_records,
    store_runs_in_process,
)
from ignite_plugins_loggers._sdk import import_sdk
from ignite_plugins_loggers._writer_process import ProcessWriter

__all__ = ["MLflowLogger", "OptimizerParamsHandler", "OutputHandler"]

# MLflow's own rule for metric names, used when its validator cannot be imported.
_VALID_NAME = re.compile(r"^[/\w.\- :]*$")

WriterKind = Literal["auto", "process", "thread"]
# Set by MLflowLogger.__init__; never forwarded to the mlflow module.
_OWN_ATTRIBUTES = frozenset({"_mlflow", "_writer", "_client", "_process"})


@functools.cache
def _name_validator() -> Callable[[str], Any]:
    try:
        from mlflow.utils.validation import validate_param_and_metric_name

        return validate_param_and_metric_name
    except ImportError:
        return _VALID_NAME.match


@functools.lru_cache(maxsize=4096)
def _is_valid_name(name: str) -> bool:
    """MLflow's verdict on a metric name, remembered: handlers log the same names at every call."""
    return bool(_name_validator()(name))


class MLflowLogger(BaseLogger):
    """Logs metrics and parameters to the active MLflow run, starting one when none is active.

    Args:
        tracking_uri: MLflow tracking URI (e.g. ``"sqlite:///mlruns.db"``); ``None`` keeps MLflow's current one.
        background: write metrics in the background through a bounded queue (default), so a slow or failing
            tracking store never stalls or stops training; ``False`` writes at once, as 0.5 does.
        close_timeout: seconds :meth:`close` waits for queued metrics to be written.
        writer: who writes in the background. ``"process"``: a child Python process with its own MLflow
            client, started on the first write; a local store's work (sqlite and the other SQLAlchemy
            databases, ``file:`` URIs and paths, MLflow's default local store) is Python code that would
            otherwise compete with training for the interpreter. ``"thread"``: a thread of this process, fit
            for a tracking server (``http``, ``https``, ``databricks``), whose client only waits on the network.
            ``"auto"`` (default) picks ``"process"`` for a local store and ``"thread"`` otherwise, or when
            ``MlflowClient.log_batch`` was replaced in this process (a wrapper the writer process would not have).

    Functions of the ``mlflow`` module are available on the logger, e.g. ``mlflow_logger.log_params({...})``.
    Metrics logged by the handlers (or :meth:`log_metrics`) are queued and written in batches to the same run; a
    tracker that fails drops records with a warning that counts them, and training continues. The writer process
    runs at the lowest CPU priority, with this process's import path and working directory, and logs to this
    logger's run (``active_run``); one that dies (or is killed) loses the batch it was writing, counted in that
    warning, and the next batch starts a new one (at most 3 times in a row). :meth:`close` writes what is
    queued, ends the writer process, then ends the run.
    """

    def __init__(
        self,
        tracking_uri: str | None = None,
        *,
        background: bool = True,
        close_timeout: float = 30.0,
        writer: WriterKind = "auto",
    ) -> None:
        if writer not in ("auto", "process", "thread"):
            raise ValueError(f"writer should be 'auto', 'process' or 'thread', got {writer!r}")
        if writer == "process" and not background:
            raise ValueError("writer='process' writes in the background: it needs background=True")
        mlflow = import_sdk("mlflow", "mlflow", "MLflowLogger")
        if tracking_uri is not None:
            mlflow.set_tracking_uri(tracking_uri)
        self._mlflow = mlflow
        self.active_run = mlflow.active_run() or mlflow.start_run()
        uri = mlflow.get_tracking_uri()
        self._client: Any = mlflow.tracking.MlflowClient(uri)
        self._process: ProcessWriter | None = None
        write: Callable[[list[MetricsRecord]], None] = self._write_batch
        local = writer == "auto" and store_runs_in_process(uri) and not client_wrapped_here()
        if background and (writer == "process" or local):
            config = (uri, self.active_run.info.run_id)
            self._process = ProcessWriter("MLflowLogger", f"{open_writer.__module__}:open_writer", config)
            write = self._write_through_process
        self._writer = BackgroundWriter(
            "MLflowLogger",
            write,
            close_timeout=close_timeout,
            background=background,
            on_close=None if self._process is None else self._process.close,
        )

    def __getattr__(self, attr: str) -> Any:
        if attr in _OWN_ATTRIBUTES:  # not yet set: __init__ failed or is running
            raise AttributeError(attr)
        return getattr(self._mlflow, attr)

    def log_metrics(self, metrics: dict[str, Any], step: int | None = None) -> None:
        """Queue ``metrics`` (name -> number) for the run at ``step``; returns at once."""
        self._writer.submit((dict(metrics), step, int(time.time() * 1000)))

    def _write_batch(self, records: list[MetricsRecord]) -> None:
        log_records(self._client, self.active_run.info.run_id, records)

    def _write_through_process(self, records: list[MetricsRecord]) -> None:
        assert self._process is not None
        self._process.write(plain_records(records))

    def close(self) -> None:
        """Write the queued metrics (at most ``close_timeout`` seconds), end the writer process, then end the
        MLflow run."""
        self._writer.close()
        self._mlflow.end_run()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _check(handler: object, logger: Any) -> MLflowLogger:
    logger = check_logger(handler, logger, MLflowLogger, TypeError)  # 0.5 raises TypeError here
    assert isinstance(logger, MLflowLogger)
    return logger


def _valid_names(handler: str, values: dict[str, Any]) -> dict[str, Any]:
    """Drop the names MLflow rejects (e.g. with parentheses), warning about each, as 0.5 does."""
    result: dict[str, Any] = {}
    for key, value in values.items():
        if _is_valid_name(key):
            result[key] = value
        else:
            warnings.warn(
                f"MLflowLogger {handler} encountered an invalid metric name {key!r} that will be ignored and "
                "not logged to MLflow (MLflow allows letters, digits, '_', '-', '.', ' ', ':' and '/')",
                UserWarning,
                stacklevel=3,
            )
    return result


class OutputHandler(BaseOutputHandler):
    """Logs metrics, the transformed engine output and state attributes as MLflow metrics ``"<tag> <name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`. Nested values are flattened with
    spaces, as in 0.5: ``{"per_class": tensor([a, b])}`` under tag ``"validation"`` gives
    ``"validation per_class 0"`` and ``"validation per_class 1"``. Names MLflow rejects are skipped with a warning.
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        mlflow_logger = _check(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=True)
        global_step = self._global_step(engine, event_name)
        metrics = {" ".join(key): value for key, value in values.items()}
        mlflow_logger.log_metrics(_valid_names("output_handler", metrics), step=global_step)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Logs ``param_name`` (default ``"lr"``) of each param group as ``"[<tag> ]<param_name> group_<i>"``."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        mlflow_logger = _check(self, logger)
        prefix = f"{self.tag} " if self.tag else ""
        params = {
            f"{prefix}{self.param_name} group_{i}": float(group[self.param_name])
            for i, group in enumerate(self.optimizer.param_groups)
        }
        mlflow_logger.log_metrics(
            _valid_names("opt_params_handler", params), step=event_step(engine, event_name)
        )
