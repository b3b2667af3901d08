"""A run's metric history read back from an MLflow store (shared by the MLflow test modules)."""

from __future__ import annotations

from mlflow.tracking import MlflowClient


def history(uri: str, run_id: str, key: str) -> list[tuple[int, float]]:
    return [(m.step, m.value) for m in MlflowClient(uri).get_metric_history(run_id, key)]
