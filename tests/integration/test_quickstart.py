"""The quick-start example end to end, with every first-party plugin installed: what a new user runs first."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import torch

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"
VALIDATION = re.compile(
    r"^Validation Results - Epoch: (\d+)  Avg accuracy: (\d\.\d\d) Avg loss: (\d+\.\d\d) Avg F1: (\d\.\d\d|nan)$"  # F1 is nan while a class has no true positive
)
TRAINING = re.compile(r"^  Training Results - Epoch: (\d+)  Avg accuracy: (\d\.\d\d) Avg loss: (\d+\.\d\d)$")


def test_quickstart_learns_and_leaves_checkpoints_tensorboard_and_mlflow(tmp_path: Path) -> None:
    output = tmp_path / "run"
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--output", str(output), "--epochs", "5"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        # PYTHONSAFEPATH keeps the script's folder off sys.path: name it for digits_mnist
        env={
            **os.environ,
            "PYTHONPATH": str(EXAMPLE.parent),
            "MPLBACKEND": "Agg",
            "MLFLOW_DISABLE_TELEMETRY": "true",
        },
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Start training!"
    assert "Training completed!" in lines
    body = [line for line in lines if VALIDATION.match(line) or TRAINING.match(line)]
    assert len(body) == 10, result.stdout
    for epoch in range(1, 6):
        validation = VALIDATION.match(body[2 * (epoch - 1)])
        training = TRAINING.match(body[2 * (epoch - 1) + 1])
        assert validation is not None and training is not None
        assert int(validation.group(1)) == int(training.group(1)) == epoch
    final = VALIDATION.match(body[-2])
    assert final is not None
    accuracy, f1 = float(final.group(2)), float(final.group(4))
    assert accuracy >= 0.9 and f1 >= 0.9, result.stdout
    assert f"Outputs of this run, in {output}" in result.stdout

    # checkpoints: the two best by F1, loadable into the blog's Net with weights_only
    best = sorted((output / "checkpoints").glob("best_model_*_f1=*.pt"))
    assert len(best) == 2, result.stdout
    state = torch.load(max(best, key=lambda p: float(p.stem.rpartition("=")[2])), weights_only=True)
    assert state["conv1.weight"].shape == (10, 1, 5, 5) and state["fc2.weight"].shape == (10, 50)

    # TensorBoard, read back with TensorBoard's own reader
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(output / "tensorboard"), size_guidance={"images": 0})
    events.Reload()
    scalars = events.Tags()["scalars"]
    for tag in ("training/batchloss", "training/accuracy", "validation/accuracy", "validation/f1"):
        assert tag in scalars, scalars
    assert [e.step for e in events.Scalars("validation/accuracy")] == [1, 2, 3, 4, 5]
    assert abs(events.Scalars("validation/accuracy")[-1].value - accuracy) < 0.006
    assert "predictions vs actuals" in events.Tags()["images"]

    # MLflow: the run in the sqlite store, read back with MlflowClient
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=f"sqlite:///{output / 'mlflow.db'}")
    experiments = client.search_experiments()
    runs = [run for experiment in experiments for run in client.search_runs([experiment.experiment_id])]
    assert len(runs) == 1
    history = client.get_metric_history(runs[0].info.run_id, "validation accuracy")
    assert [m.step for m in history] == [1, 2, 3, 4, 5]
    assert runs[0].data.params["lr"] == "0.01"
