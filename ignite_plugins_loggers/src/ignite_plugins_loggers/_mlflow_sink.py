"""Writing :class:`~ignite_plugins_loggers.mlflow_logger.MLflowLogger`'s metrics to a run, in this process (its
writer thread) or in its writer process. Imports only MLflow (not torch, not ignite): the writer process loads
this module."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

__all__ = [
    "MetricsRecord",
    "client_wrapped_here",
    "log_records",
    "open_writer",
    "plain_records",
    "store_runs_in_process",
]

MetricsRecord = tuple[dict[str, Any], "int | None", int]
"""What a handler queues: ``(metrics, step, timestamp in ms)``."""

BATCH_LIMIT = 1000
"""MLflow's limit of metrics per ``log_batch`` call."""

# Stores whose work (SQLAlchemy rows, files) runs in the client's process: sqlite and the other SQLAlchemy
# databases, ``file:`` URIs and plain paths. Others (http, https, databricks, ...) leave the work to a server.
_IN_PROCESS_SCHEMES = frozenset({"", "file", "sqlite", "postgresql", "mysql", "mssql"})


def store_runs_in_process(tracking_uri: str) -> bool:
    """Whether MLflow's store for ``tracking_uri`` does its work in the process that logs (a local store)."""
    if tracking_uri.lower() in ("databricks", "databricks-uc"):  # MLflow's names of the Databricks server
        return False
    scheme = urlparse(tracking_uri).scheme.lower()
    return len(scheme) == 1 or scheme.partition("+")[0] in _IN_PROCESS_SCHEMES  # "c": a Windows drive


def client_wrapped_here() -> bool:
    """Whether ``MlflowClient.log_batch`` was replaced in this process (instrumentation, retries, fault
    injection): such a wrapper exists only here, so a writer process would bypass it."""
    import mlflow
    from mlflow.tracking import MlflowClient

    code = getattr(MlflowClient.__dict__.get("log_batch"), "__code__", None)
    return code is None or not code.co_filename.startswith(os.path.dirname(mlflow.__file__))


def plain_records(records: list[MetricsRecord]) -> list[MetricsRecord]:
    """``records`` with every value a Python float (tensors and numpy numbers converted), ready to pickle."""
    return [
        ({key: float(value) for key, value in values.items()}, step, timestamp)
        for values, step, timestamp in records
    ]


def log_records(client: Any, run_id: str, records: list[MetricsRecord]) -> None:
    """Write ``records`` to the run ``run_id`` with ``client`` (an ``MlflowClient``), one call per 1000 metrics."""
    from mlflow.entities import Metric

    metrics = [
        Metric(key, float(value), timestamp, step or 0)
        for values, step, timestamp in records
        for key, value in values.items()
    ]
    for start in range(0, len(metrics), BATCH_LIMIT):
        client.log_batch(run_id, metrics=metrics[start : start + BATCH_LIMIT])


def open_writer(config: tuple[str, str]) -> Callable[[list[MetricsRecord]], None]:
    """In the writer process: ``write(records)`` for the run ``config = (tracking_uri, run_id)``."""
    from mlflow.tracking import MlflowClient

    tracking_uri, run_id = config
    return functools.partial(log_records, MlflowClient(tracking_uri), run_id)
