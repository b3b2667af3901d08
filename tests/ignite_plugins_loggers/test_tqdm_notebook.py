"""ProgressBar in a Jupyter notebook: a real kernel (ipykernel, run by nbclient) executes a notebook that attaches a
ProgressBar; the test reads what the notebook shows: the outputs and the progress widgets' saved state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("ipywidgets")

CELL = """
from ignite.engine import Engine
from ignite.handlers import ProgressBar

engine = Engine(lambda e, b: {"loss": 0.25 * b})
pbar = ProgressBar(persist=True)
pbar.attach(engine, output_transform=lambda o: o)
engine.run([1, 2, 3, 4], max_epochs=2)
pbar.log_message("training done")
"""


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    cwd: Path = tmp_path_factory.mktemp("notebook")
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def _widgets(nb: Any, model: str) -> list[dict[str, Any]]:
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    return [w["state"] for w in state.values() if w["model_name"] == model]


def test_each_epoch_is_a_progress_widget_that_ends_full(notebook: Any) -> None:
    outputs = notebook.cells[0].outputs
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 2  # persist=True: one bar per epoch stays on screen
    bars = _widgets(notebook, "FloatProgressModel")
    assert [(b["value"], b["max"], b["bar_style"]) for b in bars] == [(4.0, 4.0, "success")] * 2


def test_widget_text_shows_the_epoch_counts_and_metrics(notebook: Any) -> None:
    texts = [w["value"].replace("\u2007", " ") for w in _widgets(notebook, "HTMLModel")]
    assert any(t.startswith("Epoch [1/2]: [4/4] 100%") for t in texts)
    assert any(t.startswith("Epoch [2/2]: [4/4] 100%") for t in texts)
    assert sum("loss=1" in t for t in texts) == 2  # the last output of each epoch, as the bar's postfix


def test_messages_print_as_text_and_nothing_is_written_to_stderr(notebook: Any) -> None:
    streams = [o for o in notebook.cells[0].outputs if o["output_type"] == "stream"]
    assert [(s["name"], s["text"]) for s in streams] == [("stdout", "training done\n")]
