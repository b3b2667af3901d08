"""ProgressBar under real engines, writing to a StringIO through tqdm's ``file=``."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import textwrap
from typing import Any

import pytest
import torch
from torch import nn

pytest.importorskip("tqdm")

from ignite.engine import Engine, Events
from ignite_plugins_loggers.tqdm_logger import ProgressBar


def frames(out: io.StringIO) -> list[str]:
    """Every rendering of the bar, in order (tqdm separates them with carriage returns / newlines)."""
    return [f.rstrip() for f in out.getvalue().replace("\n", "\r").split("\r") if f.strip()]


def echo_engine() -> Engine:
    return Engine(lambda engine, batch: batch)


def test_training_bar_shows_epochs_position_and_output() -> None:
    out = io.StringIO()
    trainer = echo_engine()
    pbar = ProgressBar(persist=True, file=out, mininterval=0)
    pbar.attach(trainer, output_transform=lambda loss: {"loss": loss})
    trainer.run([0.5, 0.25, 0.125, 1.5], max_epochs=2)

    rendered = frames(out)
    assert any(
        f.startswith("Epoch [1/2]: [2/4]  50%|") and f.endswith(", loss=0.25 [00:00<00:00]") for f in rendered
    )
    finals = [f for f in rendered if "[4/4] 100%" in f]
    assert finals[-1].startswith("Epoch [2/2]: [4/4] 100%|##########, loss=1.5")
    assert any(f.startswith("Epoch [1/2]: [4/4] 100%") for f in finals)
    assert out.getvalue().count("\n") == 2  # one persisted line per epoch
    assert pbar.pbar is None


def test_single_epoch_bar_is_labelled_iteration_and_cleared_when_not_persisted() -> None:
    out = io.StringIO()
    evaluator = echo_engine()
    ProgressBar(file=out, mininterval=0).attach(evaluator)
    evaluator.run([1, 2, 3], max_epochs=1)

    rendered = frames(out)
    assert rendered[-1].startswith("Iteration: [3/3] 100%|##########")
    assert out.getvalue().endswith("\r")  # cleared, no persisted line
    assert "\n" not in out.getvalue()


def test_custom_description_and_filtered_event() -> None:
    out = io.StringIO()
    engine = echo_engine()
    ProgressBar(persist=True, file=out, mininterval=0, desc="Predictions").attach(
        engine, event_name=Events.ITERATION_COMPLETED(every=2)
    )
    engine.run([1, 2, 3, 4, 5], max_epochs=1)

    positions = [f.split(" ")[1] for f in frames(out) if f.startswith("Predictions:")]
    assert positions == ["[1/5]", "[2/5]", "[2/5]", "[4/5]", "[5/5]"]  # what pytorch-ignite 0.5.5 shows

    out = io.StringIO()
    engine = echo_engine()
    ProgressBar(persist=True, file=out, mininterval=0, desc="Train").attach(engine)
    engine.run([1, 2], max_epochs=3)
    assert [f for f in frames(out) if "[2/2] 100%" in f][-1].startswith("Train [3/3]: [2/2] 100%")


def test_metrics_state_attributes_text_and_vectors_in_postfix() -> None:
    out = io.StringIO()

    def step(engine: Engine, batch: Any) -> dict[str, Any]:
        engine.state.metrics["acc"] = 0.75
        engine.state.metrics["ignored"] = 1.0
        engine.state.alpha = 0.5  # type: ignore[attr-defined]
        return {"name": "resnet", "vec": torch.tensor([1.0, 2.0])}

    engine = Engine(step)
    ProgressBar(persist=True, file=out, mininterval=0).attach(
        engine, metric_names=["acc"], output_transform=lambda o: o, state_attributes=["alpha"]
    )
    engine.run([0, 0], max_epochs=1)
    last = frames(out)[-1]
    assert ", acc=0.75, name=resnet, vec_0=1, vec_1=2, alpha=0.5 [" in last
    assert "ignored" not in out.getvalue()


def test_attach_output_handler_is_attach_with_keywords() -> None:
    out = io.StringIO()
    engine = echo_engine()
    pbar = ProgressBar(persist=True, file=out, mininterval=0)
    handle = pbar.attach_output_handler(
        engine, Events.ITERATION_COMPLETED, output_transform=lambda x: {"x": x}
    )
    engine.run([7, 8], max_epochs=1)
    assert frames(out)[-1].startswith("Iteration: [2/2] 100%|##########, x=8")
    handle.remove()
    out.truncate(0)
    engine.run([7, 8], max_epochs=1)
    assert "x=" not in out.getvalue()


def test_epoch_level_bar_closed_on_completed() -> None:
    out = io.StringIO()
    engine = echo_engine()
    ProgressBar(persist=True, file=out, mininterval=0).attach(
        engine, event_name=Events.EPOCH_COMPLETED, closing_event_name=Events.COMPLETED
    )
    engine.run([1, 2], max_epochs=3)
    positions = [f.split(": ")[1].split(" ")[0] for f in frames(out) if f.startswith("Epoch")]
    assert positions[-1] == "[3/3]" and "[1/3]" in positions and "[2/3]" in positions
    assert out.getvalue().count("\n") == 1


def test_log_message_and_opt_params_handler() -> None:
    out = io.StringIO()
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.25)
    engine = echo_engine()
    pbar = ProgressBar(persist=True, file=out, mininterval=0)
    pbar.attach(engine)
    pbar.attach_opt_params_handler(engine, Events.ITERATION_STARTED, optimizer=optimizer)
    engine.add_event_handler(
        Events.EPOCH_COMPLETED, lambda e: pbar.log_message(f"finished epoch {e.state.epoch}")
    )
    engine.run([1, 2], max_epochs=1)

    text = out.getvalue()
    assert "finished epoch 1\n" in text
    assert any(f.endswith(", lr/group_0=0.25 [00:00<00:00]") for f in frames(out))


def test_terminated_run_closes_the_bar() -> None:
    out = io.StringIO()
    engine = echo_engine()
    pbar = ProgressBar(persist=True, file=out, mininterval=0)
    pbar.attach(engine)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda e: e.terminate())
    engine.run([1, 2, 3, 4], max_epochs=2)
    assert pbar.pbar is None
    assert frames(out)[-1].startswith("Epoch [1/2]: [2/4]  50%")


def test_failing_output_transform_does_not_stop_the_run(caplog: pytest.LogCaptureFixture) -> None:
    out = io.StringIO()
    engine = echo_engine()
    ProgressBar(file=out, mininterval=0).attach(engine, output_transform=lambda o: o["missing"])
    with caplog.at_level(logging.WARNING, logger=engine.logger.name):
        state = engine.run([1, 2, 3], max_epochs=2)
    assert state.iteration == 6
    assert len([r for r in caplog.records if "failed" in r.getMessage()]) == 1
    assert "TypeError" in caplog.text


def test_attach_rejects_bad_events() -> None:
    engine = echo_engine()
    pbar = ProgressBar(file=io.StringIO())
    with pytest.raises(ValueError, match="should come before closing event"):
        pbar.attach(engine, event_name=Events.EPOCH_COMPLETED, closing_event_name=Events.EPOCH_STARTED)
    with pytest.raises(ValueError, match=r"event_name of ProgressBar\.attach should be one of"):
        pbar.attach(engine, event_name=Events.GET_BATCH_STARTED)
    with pytest.raises(TypeError, match="metric_names should be a list"):
        pbar.attach(engine, metric_names="acc")


def test_missing_tqdm_gives_the_install_line() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["tqdm"] = None
        sys.modules["tqdm.auto"] = None
        from ignite_plugins_loggers.tqdm_logger import ProgressBar
        try:
            ProgressBar()
        except ModuleNotFoundError as exc:
            print(type(exc).__name__, exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("PluginNotInstalledError ProgressBar needs")
    assert out.strip().endswith('To install it: pip install "ignite-plugins-loggers[tqdm]"')
