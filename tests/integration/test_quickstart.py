"""The quick-start example end to end, with every first-party plugin installed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"
VALIDATION = re.compile(
    r"^Validation Results - Epoch: (\d+)  Avg accuracy: (\d\.\d\d) Avg loss: (\d+\.\d\d) Avg F1: (\d\.\d\d)$"
)
TRAINING = re.compile(r"^  Training Results - Epoch: (\d+)  Avg accuracy: (\d\.\d\d) Avg loss: (\d+\.\d\d)$")


def test_quickstart_prints_the_blog_lines_and_learns(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--output", str(tmp_path), "--epochs", "5"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "Start training!"
    assert lines[-1] == "Training completed!"
    body = [line for line in lines[1:-1] if VALIDATION.match(line) or TRAINING.match(line)]
    assert len(body) == 10, result.stdout
    for epoch in range(1, 6):
        validation = VALIDATION.match(body[2 * (epoch - 1)])
        training = TRAINING.match(body[2 * (epoch - 1) + 1])
        assert validation is not None and training is not None
        assert int(validation.group(1)) == epoch and int(training.group(1)) == epoch
    final = VALIDATION.match(body[-2])
    assert final is not None
    accuracy, loss, f1 = float(final.group(2)), float(final.group(3)), float(final.group(4))
    first_loss = float(VALIDATION.match(body[0]).group(3))  # type: ignore[union-attr]
    assert accuracy >= 0.9 and f1 >= 0.9
    assert loss < first_loss

    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(tmp_path))
    events.Reload()
    scalars = events.Tags()["scalars"]
    for tag in (
        "training/accuracy",
        "training/loss",
        "validation/accuracy",
        "validation/loss",
        "validation/f1",
    ):
        assert tag in scalars, scalars
    steps = [event.step for event in events.Scalars("validation/accuracy")]
    assert steps == [1, 2, 3, 4, 5]  # global_step_from_engine(trainer): the trainer's epoch
    logged_accuracy = events.Scalars("validation/accuracy")[-1].value
    assert abs(logged_accuracy - accuracy) < 0.006
