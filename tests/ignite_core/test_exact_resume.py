"""A run stopped at any iteration and resumed in a new process ends bitwise equal to the uninterrupted run.

create_supervised_trainer(deterministic=True), a shuffled DataLoader (0 and 2 workers), dropout, SGD
with momentum, an LR scheduler stepped on EPOCH_COMPLETED; stops mid-epoch and at the last iteration of
an epoch. The saving and the resuming happen in two separate processes (exact_resume_worker.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import torch

WORKER = Path(__file__).with_name("exact_resume_worker.py")


def _worker(mode: str, out: Path) -> None:
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    done = subprocess.run(
        [sys.executable, str(WORKER), mode, str(out)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_resumed_runs_end_bitwise_equal_to_the_uninterrupted_run(tmp_path: Path) -> None:
    sys.path.insert(0, str(WORKER.parent))
    try:
        from exact_resume_worker import STOPS
    finally:
        sys.path.remove(str(WORKER.parent))
    _worker("save", tmp_path)
    _worker("resume", tmp_path)
    for num_workers, stop_at in STOPS:
        full = torch.load(tmp_path / f"full-{num_workers}.pt")
        resumed = torch.load(tmp_path / f"resumed-{num_workers}-{stop_at}.pt")
        assert all(torch.equal(a, b) for a, b in zip(full, resumed, strict=True)), (num_workers, stop_at)


def test_checkpoint_keys_say_where_the_run_stopped(tmp_path: Path) -> None:
    from ignite.engine import Engine, Events

    saved: list[dict[str, object]] = []
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda e: saved.append(dict(e.state_dict())))
    engine.add_event_handler(Events.EPOCH_COMPLETED(once=1), lambda e: saved.append(dict(e.state_dict())))
    engine.run([0, 1, 2], max_epochs=2)
    last_iteration, at_epoch_completed = saved
    assert (last_iteration["epoch"], last_iteration["epoch_completed"]) == (1, False)
    assert (at_epoch_completed["epoch"], at_epoch_completed["epoch_completed"]) == (1, True)
    assert "rng_states" in last_iteration
    assert set(engine.state_dict()) == {
        "epoch_length",
        "iteration",
        "max_epochs",
    }  # outside a run: 0.5's keys


def test_resume_from_the_last_iteration_of_an_epoch_runs_its_epoch_completed_once() -> None:
    from ignite.engine import Engine, Events

    saved: dict[str, object] = {}
    first = Engine(lambda e, b: None)

    @first.on(Events.ITERATION_COMPLETED(once=3))
    def save_and_stop(engine: Engine) -> None:
        saved.update(engine.state_dict())
        engine.terminate()

    first.run([0, 1, 2], max_epochs=3)
    log: list[tuple[str, int, int]] = []
    second = Engine(lambda e, b: None)
    for event in (Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED):
        second.add_event_handler(
            event, lambda e, ev=event: log.append((ev.name, e.state.epoch, e.state.iteration))
        )
    second.load_state_dict(saved)
    second.run([0, 1, 2])
    assert log == [
        ("STARTED", 1, 3),
        ("EPOCH_COMPLETED", 1, 3),  # the pending one: the saved run stopped before it
        ("EPOCH_STARTED", 2, 3),
        ("EPOCH_COMPLETED", 2, 6),
        ("EPOCH_STARTED", 3, 6),
        ("EPOCH_COMPLETED", 3, 9),
        ("COMPLETED", 3, 9),
    ]


def test_resume_mid_epoch_restores_the_random_generators_before_the_next_batch() -> None:
    from ignite.engine import Engine, Events

    def step(engine: Engine, batch: int) -> float:
        return float(torch.rand(1))

    outputs: list[float] = []
    saved: dict[str, object] = {}
    torch.manual_seed(0)
    full = Engine(step)
    full.add_event_handler(Events.ITERATION_COMPLETED, lambda e: outputs.append(e.state.output))
    full.add_event_handler(Events.ITERATION_COMPLETED(once=4), lambda e: saved.update(e.state_dict()))
    full.run([0, 1, 2], max_epochs=2)

    torch.manual_seed(123)  # a different process state
    resumed: list[float] = []
    second = Engine(step)
    second.add_event_handler(Events.ITERATION_COMPLETED, lambda e: resumed.append(e.state.output))
    second.load_state_dict(saved)
    second.run([0, 1, 2])
    assert resumed == outputs[4:]
