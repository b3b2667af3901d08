"""ClearMLSaver with the real clearml client in offline mode: checkpoints are read back from the offline session.

As in test_clearml_logger.py, ClearML keeps one task per process, so the scenario runs in a child process
(``CHILD``) that saves checkpoints through ``Checkpoint``, prints the offline session's record of the task
(``task.json``) and what the saver reports as JSON, and leaves with ``os._exit`` without closing the task. The
tests load the stored files back.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import torch

pytest.importorskip("clearml")
pytest.importorskip("ignite_plugins_handlers")

from _clearml_child import offline_task, run_child

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
    # OFFLINE TASK
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
).replace("# OFFLINE TASK\n", offline_task("saver"))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    work = tmp_path_factory.mktemp("clearml_saver")
    return run_child(tmp_path_factory, CHILD, str(work)), work


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
