"""ClearMLSaver with the real clearml client in offline mode: checkpoints are read back from the offline session.

As in test_clearml_logger.py, ClearML keeps one task per process, so the scenario runs in a child process
(``CHILD``) that saves checkpoints through ``Checkpoint``, prints the offline session's record of the task
(``task.json``) and what the saver reports as JSON, and leaves with ``os._exit`` without closing the task. The
tests load the stored files back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import torch

pytest.importorskip("clearml")
pytest.importorskip("ignite_plugins_handlers")

CHILD = textwrap.dedent(
    """
    import json, os, sys, warnings
    from pathlib import Path

    import clearml
    import torch
    from torch import nn

    from ignite.engine import Engine, Events
    from ignite.handlers import Checkpoint, ClearMLLogger, ClearMLSaver

    work = Path(sys.argv[1])
    clearml.Task.set_offline(True)
    ClearMLLogger.set_bypass_mode(False)  # CI sets CI=true, which would otherwise turn bypass mode on
    task = clearml.Task.init(
        project_name="ignite-tests", task_name="saver", auto_connect_frameworks=False,
        auto_resource_monitoring=False, auto_connect_streams=False, auto_connect_arg_parser=False,
        reuse_last_task_id=False,
    )
    result = {}

    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def step(engine, batch):
        optimizer.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        optimizer.step()
        return loss.item()

    trainer = Engine(step)
    (work / "store").mkdir()
    saver = ClearMLSaver(ClearMLLogger(), output_uri=str(work / "store"), dirname=str(work / "local"))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, Checkpoint({"model": model}, saver, n_saved=2))
    weights = result["weights"] = {}
    trainer.add_event_handler(
        Events.EPOCH_COMPLETED, lambda e: weights.update({e.state.epoch: model.weight.flatten().tolist()})
    )
    trainer.run([torch.ones(1, 2)], max_epochs=3)
    result["local_files"] = sorted(p.name for p in (work / "local").iterdir())
    result["local_copy"] = saver.get_local_copy("model_3.pt")
    result["removed_copy"] = saver.get_local_copy("model_1.pt")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        default = ClearMLSaver()  # the running task and a temporary directory
    result["default_warnings"] = [str(w.message) for w in caught]
    default({"step": torch.tensor(7)}, "extra.pt")
    result["default_dir"] = str(default.dirname)

    session = json.loads((Path(task.get_offline_mode_folder()) / "task.json").read_text())
    result["artifacts"] = {a["key"]: a["uri"] for a in session["execution"]["artifacts"]}
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)
    """
)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    home = tmp_path_factory.mktemp("clearml_home")
    # ClearML reports through a subprocess by default, which keeps the output pipe open for half a minute after
    # the child leaves: report from a thread instead
    (home / "clearml.conf").write_text("sdk { development { report_use_subprocess: false } }\n")
    work = tmp_path_factory.mktemp("clearml_saver")
    env = {**os.environ, "HOME": str(home), "CLEARML_CACHE_DIR": str(home / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(work)],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=300,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, out.stdout[-2000:] + out.stderr[-4000:]
    parsed: dict[str, Any] = json.loads(lines[0][len("RESULT ") :])
    return parsed, work


def _path(uri: str) -> Path:
    return Path(urlparse(uri).path) if uri.startswith("file://") else Path(uri)


def test_kept_checkpoints_are_stored_with_the_task_and_removed_ones_deleted(
    run: tuple[dict[str, Any], Path],
) -> None:
    result, work = run
    artifacts = result["artifacts"]
    assert {"model_2.pt", "model_3.pt"} <= set(artifacts) and "model_1.pt" not in artifacts
    for epoch in (2, 3):
        stored = _path(artifacts[f"model_{epoch}.pt"])
        assert stored.is_relative_to(work / "store")  # output_uri is where ClearML put it
        state = torch.load(stored, weights_only=True)
        assert state["weight"].flatten().tolist() == pytest.approx(result["weights"][str(epoch)])
    assert not [
        p for p in (work / "store").rglob("model_1.pt") if p.is_file()
    ]  # deleted from the storage too
    assert result["local_files"] == ["model_2.pt", "model_3.pt"]  # DiskSaver's files in dirname


def test_get_local_copy_reads_the_stored_checkpoint(run: tuple[dict[str, Any], Path]) -> None:
    result, _ = run
    state = torch.load(result["local_copy"], weights_only=True)
    assert state["weight"].flatten().tolist() == pytest.approx(result["weights"]["3"])
    assert result["removed_copy"] is None


def test_default_saver_uses_the_running_task_and_a_temporary_directory(
    run: tuple[dict[str, Any], Path],
) -> None:
    result, _ = run
    assert any("temporary checkpoints directory" in m for m in result["default_warnings"])
    assert (Path(result["default_dir"]) / "extra.pt").is_file()
    stored = torch.load(_path(result["artifacts"]["extra.pt"]), weights_only=True)
    assert stored["step"].item() == 7


def test_saver_needs_a_clearml_logger_or_a_running_task() -> None:
    from ignite.handlers import ClearMLSaver

    with pytest.raises(TypeError, match="should be a ClearMLLogger"):
        ClearMLSaver(logger=object())  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="needs a ClearML task"):
        ClearMLSaver()  # no task runs in this process
