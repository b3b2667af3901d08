"""NeptuneLogger against the real neptune client: ``mode="debug"`` read back in process, ``mode="offline"``
files read back from disk."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events

neptune = pytest.importorskip("neptune")

from ignite_plugins_loggers.logger_utils import setup_neptune_logging  # noqa: E402
from ignite_plugins_loggers.neptune_logger import (  # noqa: E402
    GradsScalarHandler,
    NeptuneLogger,
    NeptuneSaver,
    OptimizerParamsHandler,
    OutputHandler,
    WeightsScalarHandler,
)

QUIET = {
    "capture_stdout": False,
    "capture_stderr": False,
    "capture_hardware_metrics": False,
    "capture_traceback": False,
    "git_ref": False,
    "source_files": [],
}


@pytest.fixture(autouse=True)
def _neptune_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline runs write under ``.neptune`` in the working directory: keep it in a temporary one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEPTUNE_API_TOKEN", raising=False)
    monkeypatch.delenv("NEPTUNE_PROJECT", raising=False)


def values(logger: NeptuneLogger, key: str) -> list[float]:
    frame = logger[key].fetch_values(include_timestamp=False)
    return [float(v) for v in frame["value"].tolist()]


def offline_series(root: Path) -> dict[str, list[tuple[int, float]]]:
    """``{path: [(step, value), ...]}`` from the operation logs of the single offline run under ``root``."""
    (run_dir,) = (root / ".neptune" / "offline").iterdir()
    series: dict[str, list[tuple[int, float]]] = {}
    for log in sorted(run_dir.glob("data-*.log")):
        for line in log.read_text().splitlines():
            op = json.loads(line)["obj"]
            if op["type"] == "LogFloats":
                key = "/".join(op["path"])
                series.setdefault(key, []).extend((int(v["step"]), float(v["value"])) for v in op["values"])
    return series


def make_training() -> tuple[nn.Module, torch.optim.Optimizer, Engine]:
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def step(engine: Engine, batch: torch.Tensor) -> dict[str, Any]:
        optimizer.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        optimizer.step()
        engine.state.metrics.update({"acc": 0.25 * engine.state.epoch, "per_class": torch.tensor([1.0, 2.0])})
        return {"loss": loss.item(), "parts": [1.0, {"kl": 2.0}]}

    return model, optimizer, Engine(step)


def test_debug_mode_logs_outputs_metrics_params_weights_and_grads() -> None:
    model, optimizer, trainer = make_training()
    logger = NeptuneLogger(mode="debug", **QUIET)
    logger["params/batch_size"] = 4
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED, tag="training", output_transform=lambda o: o
    )
    logger.attach_output_handler(trainer, Events.EPOCH_COMPLETED, tag="val", metric_names="all")
    logger.attach_opt_params_handler(trainer, Events.ITERATION_STARTED, optimizer=optimizer, tag="gen")
    logger.attach(trainer, WeightsScalarHandler(model, whitelist=["weight"]), Events.EPOCH_COMPLETED)
    logger.attach(trainer, GradsScalarHandler(model, reduction=torch.sum, tag="g"), Events.EPOCH_COMPLETED)
    data = [torch.ones(1, 2), torch.zeros(1, 2), torch.ones(1, 2)]
    trainer.run(data, max_epochs=2)
    logger._writer.flush()

    structure = logger.experiment.get_structure()
    assert sorted(structure["training"]) == ["loss", "parts"]
    assert sorted(structure["training"]["parts"]) == ["0", "1"]
    assert values(logger, "training/parts/1/kl") == [2.0] * 6
    assert len(values(logger, "training/loss")) == 6
    assert values(logger, "val/acc") == [0.25, 0.5]
    assert values(logger, "val/per_class/1") == [2.0, 2.0]
    assert values(logger, "gen/lr/group_0") == pytest.approx([0.1] * 6)
    assert len(values(logger, "weights_norm/weight")) == 2
    assert values(logger, "weights_norm/weight")[-1] == pytest.approx(model.weight.norm().item())
    assert "bias" not in structure["weights_norm"]
    assert values(logger, "g/grads_sum/bias")[-1] == pytest.approx(model.bias.grad.sum().item())
    assert logger["params/batch_size"].fetch() == 4
    logger.close()


def test_offline_mode_files_hold_steps_and_values(tmp_path: Path) -> None:
    _, optimizer, trainer = make_training()
    evaluator = Engine(lambda e, b: e.state.metrics.update(accuracy=0.5 * trainer.state.epoch))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0], max_epochs=1))

    logger = setup_neptune_logging(
        trainer, optimizer, evaluators={"validation": evaluator}, log_every_iters=2, mode="offline", **QUIET
    )
    assert isinstance(logger, NeptuneLogger)
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED, tag="training", output_transform=lambda o: o["loss"]
    )
    trainer.run([torch.ones(1, 2)] * 4, max_epochs=2)
    logger.close()

    series = offline_series(tmp_path)
    assert [s for s, _ in series["training/output"]] == list(range(1, 9))
    assert series["validation/accuracy"] == [(1, 0.5), (2, 1.0)]
    assert series["lr/group_0"] == [(s, pytest.approx(0.1)) for s in (2, 4, 6, 8)]


def test_saver_uploads_and_removes_checkpoints() -> None:
    model = nn.Linear(2, 1)
    logger = NeptuneLogger(mode="debug", **QUIET)
    saver = NeptuneSaver(logger)
    saver({"model": model.state_dict()}, "model_1.pt")
    saver({"model": model.state_dict()}, "model_2.pt")
    saver.remove("model_1.pt")
    assert "model_1.pt" not in logger.experiment.get_structure()
    target = Path("downloaded.pt")
    logger["model_2.pt"].download(str(target))
    restored = torch.load(target, weights_only=True)
    assert torch.equal(restored["model"]["weight"], model.weight.detach())
    with pytest.warns(UserWarning, match="no checkpoint 'missing.pt'"):
        saver.remove("missing.pt")
    logger.close()
    with pytest.raises(TypeError, match="should be a NeptuneLogger"):
        NeptuneSaver(object())  # type: ignore[arg-type]


class FailingRun:
    """The real debug-mode run, except that appending to any series fails after ``ok`` appends."""

    def __init__(self, run: Any, ok: int) -> None:
        self.run, self.ok = run, ok

    def __getitem__(self, key: str) -> Any:
        outer = self
        field = self.run[key]

        class Field:
            def append(self, value: Any, step: int) -> None:
                if outer.ok <= 0:
                    raise ConnectionError("neptune is unreachable")
                outer.ok -= 1
                field.append(value, step=step)

        return Field()

    def stop(self) -> None:
        self.run.stop()


def test_failing_tracker_warns_with_the_dropped_count_and_training_continues() -> None:
    logger = NeptuneLogger(mode="debug", **QUIET)
    real_run = logger.experiment
    logger.experiment = FailingRun(real_run, ok=3)
    trainer = Engine(lambda e, b: float(b))
    logger.attach_output_handler(trainer, Events.ITERATION_COMPLETED, tag="t", output_transform=lambda o: o)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        state = trainer.run(list(range(10)), max_epochs=1)
        logged = real_run["t/output"].fetch_values()["value"].tolist() if logger._writer.flush(10) else None
        logger.close()
    assert state.iteration == 10
    assert logged == [0.0, 1.0, 2.0]
    assert logger._writer.written == 3 and logger._writer.dropped == 7
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert any("7 record(s) could not be logged in all" in m and "ConnectionError" in m for m in messages)


def test_synchronous_mode_and_handler_errors() -> None:
    logger = NeptuneLogger(mode="debug", background=False, **QUIET)
    engine = Engine(lambda e, b: None)
    engine.run([0])
    OutputHandler("t", state_attributes=["epoch"])(engine, logger, Events.EPOCH_COMPLETED)
    assert values(logger, "t/epoch") == [1.0]  # written at once, no flush needed
    optimizer = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
    for handler in (OutputHandler("t", metric_names="all"), OptimizerParamsHandler(optimizer)):
        with pytest.raises(TypeError, match="works only with NeptuneLogger"):  # 0.5's type for Neptune
            handler(engine, object(), Events.EPOCH_COMPLETED)
    with pytest.raises(RuntimeError, match="Unknown event name"):
        OptimizerParamsHandler(optimizer)(engine, logger, "no_such_event")
    logger.close()


def test_missing_neptune_raises_plugin_not_installed_at_construction() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["neptune"] = None
        from ignite_plugins_loggers.neptune_logger import NeptuneLogger  # importing works
        try:
            NeptuneLogger(mode="debug")
        except ModuleNotFoundError as exc:
            print(type(exc).__name__, exc.command)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == 'PluginNotInstalledError pip install "ignite-plugins-loggers[neptune]"'


def test_saver_with_checkpoint_keeps_the_last_n() -> None:
    handlers = pytest.importorskip("ignite.handlers")
    try:
        checkpoint_class = handlers.Checkpoint
    except ImportError:
        pytest.skip("the handlers plugin (Checkpoint) is not installed")
    logger = NeptuneLogger(mode="debug", **QUIET)
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(
        Events.EPOCH_COMPLETED, checkpoint_class({"model": nn.Linear(2, 1)}, NeptuneSaver(logger), n_saved=2)
    )
    engine.run([0], max_epochs=3)
    assert sorted(k for k in logger.experiment.get_structure() if k.endswith(".pt")) == [
        "model_2.pt",
        "model_3.pt",
    ]
    logger.close()
