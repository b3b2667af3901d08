"""What a person sees from ProgressBar (tqdm) rendered into a string, timings masked.

Each ``scenario_*`` prints the frames it drew. ``data/progressbar_frames_0_5_5.txt`` holds what these same
functions print under pytorch-ignite 0.5.5 with the pinned tqdm (they use only 0.5's public API);
``test_tqdm_frames.py`` compares. Kept out of ``tests/conformance/scenarios`` because the 0.5.5 baseline
environment there has no tqdm.
"""

from __future__ import annotations

import io
import re
from typing import Any

import torch

from ignite.engine import Engine, Events
from ignite.handlers import ProgressBar


def _show(buffer: io.StringIO) -> None:
    text = re.sub(r"\d\d:\d\d(<\d\d:\d\d|<\?)?", "T", buffer.getvalue())
    for frame in re.split(r"[\r\n]", text):
        if frame.strip():
            print(repr(frame.rstrip()))


def _engine() -> Engine:
    def step(engine: Engine, batch: Any) -> dict[str, Any]:
        engine.state.metrics.update({"acc": 0.5, "pc": torch.tensor([0.1, 0.2])})
        return {"loss": 0.25 * batch, "vec": torch.tensor([1.0, 2.0]), "pair": [1, 2], "name": "hi"}

    engine = Engine(step)
    engine.state.alpha = 3  # type: ignore[attr-defined]
    return engine


def _run(pbar_kwargs: dict[str, Any], attach_kwargs: dict[str, Any], max_epochs: int = 2) -> None:
    buffer = io.StringIO()
    engine = _engine()
    try:
        # mininterval: tqdm redraws on update() only after that many seconds, which makes frames depend on speed
        pbar = ProgressBar(file=buffer, mininterval=1e6, **pbar_kwargs)
        pbar.attach(engine, **attach_kwargs)
        engine.run(range(4), max_epochs=max_epochs)
        pbar.log_message("message")
    except Exception as error:
        print(type(error).__name__)
    _show(buffer)


def scenario_bare_bar_is_cleared_at_epoch_end() -> None:
    _run({}, {})


def scenario_persisted_bar_with_metrics_output_and_state() -> None:
    _run(
        {"persist": True},
        {"metric_names": ["acc", "pc"], "output_transform": lambda o: o, "state_attributes": ["alpha"]},
    )


def scenario_scalar_output_single_epoch_custom_description() -> None:
    _run({"persist": True, "desc": "Train"}, {"output_transform": lambda o: o["loss"]}, max_epochs=1)


def scenario_epoch_bar_closing_on_completed() -> None:
    _run({"persist": True}, {"event_name": Events.EPOCH_COMPLETED, "closing_event_name": Events.COMPLETED})


def scenario_iteration_bar_closing_on_completed() -> None:
    _run({"persist": True}, {"closing_event_name": Events.COMPLETED})


def scenario_filtered_event() -> None:
    _run({"persist": True}, {"event_name": Events.ITERATION_COMPLETED(every=3)})


def scenario_bad_arguments() -> None:
    _run({}, {"event_name": Events.EPOCH_COMPLETED, "closing_event_name": Events.EPOCH_COMPLETED})
    _run({}, {"closing_event_name": Events.ITERATION_COMPLETED})
    _run({}, {"metric_names": "acc"})
