"""BasicTimeProfiler and HandlersTimeProfiler: what they attribute time to, results, printing and CSV output."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from ignite.engine import Engine, EventEnum, Events
from ignite.handlers import BasicTimeProfiler, HandlersTimeProfiler


def _slow(seconds: float) -> object:
    def handler(engine: Engine) -> None:
        time.sleep(seconds)

    return handler


def test_basic_profiler_attributes_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engine = Engine(lambda e, b: time.sleep(0.002))
    profiler = BasicTimeProfiler()
    profiler.attach(engine)
    engine.add_event_handler(Events.EPOCH_COMPLETED, _slow(0.01))
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=2), lambda e: None)
    engine.run(range(4), max_epochs=2)
    results = profiler.get_results()
    assert results["processing_stats"]["total"] >= 8 * 0.002
    assert results["event_handlers_stats"]["EPOCH_COMPLETED"]["total"] >= 2 * 0.01
    assert (
        results["event_handlers_stats"]["EPOCH_COMPLETED"]["total"]
        < results["processing_stats"]["total"] + 0.5
    )
    assert results["event_handlers_names"]["EPOCH_COMPLETED_names"] == ["_slow.<locals>.handler"]
    (name,) = results["event_handlers_names"]["ITERATION_COMPLETED_names"]
    assert name.endswith("<lambda>")
    assert set(results["event_handlers_stats"]["STARTED"]) == {"total"}
    assert len(profiler.processing_times) == 8 and len(profiler.dataflow_times) == 8
    text = BasicTimeProfiler.print_results(results)
    assert (
        "Processing function:" in capsys.readouterr().out
        and "- Events.EPOCH_COMPLETED: ['_slow.<locals>.handler']" in text
    )
    out = tmp_path / "basic.csv"
    profiler.write_results(out)
    rows = list(csv.reader(out.open()))
    assert rows[0][:4] == ["epoch", "iteration", "processing_stats", "dataflow_stats"] and len(rows) == 9
    with pytest.raises(TypeError):
        profiler.attach(object())  # type: ignore[arg-type]


H = "_slow.<locals>.handler"


class Custom(EventEnum):
    STEP = "step"


def test_handlers_profiler_per_handler_per_event(tmp_path: Path) -> None:
    def step(engine: Engine, batch: int) -> None:
        time.sleep(0.001)
        engine.fire_event(Custom.STEP)

    engine = Engine(step)
    engine.register_events(*Custom)
    profiler = HandlersTimeProfiler()
    profiler.attach(engine)
    slow = _slow(0.005)
    engine.add_event_handler(Events.EPOCH_COMPLETED, slow)
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=2), _slow(0.001))
    engine.add_event_handler(Custom.STEP, lambda e: None)
    engine.add_event_handler(Events.COMPLETED, lambda e: None)
    engine.run(range(4), max_epochs=2)
    rows = {(r[0], r[1]): r for r in profiler.get_results()}
    assert rows[(H, "EPOCH_COMPLETED")][2] >= 0.01
    filtered = profiler.event_handlers_times["ITERATION_COMPLETED"][H]
    assert len(filtered) == 4  # only the calls that passed every=2
    (custom,) = profiler.event_handlers_times["STEP"].values()
    assert len(custom) == 8
    assert rows[("Total", "")][2] >= 0.01
    assert rows[("Processing", "None")][2] >= 8 * 0.001
    assert ("Dataflow", "None") in rows
    text = HandlersTimeProfiler.print_results(profiler.get_results())
    assert "EPOCH_COMPLETED" in text and "Processing took total" in text
    out = tmp_path / "handlers.csv"
    profiler.write_results(out)
    header = next(csv.reader(out.open()))
    assert f"{H} (EPOCH_COMPLETED)" in header and "processing_stats" in header

    # the timing wrappers are gone after the run: a second run is profiled afresh, handlers run once each
    calls: list[int] = []
    engine.add_event_handler(Events.ITERATION_STARTED, lambda e: calls.append(e.state.iteration))
    engine.state.max_epochs = None
    engine.run(range(3), max_epochs=1)
    assert calls == [1, 2, 3]
    (started,) = profiler.event_handlers_times["ITERATION_STARTED"].values()
    assert len(started) == 3


def test_not_triggered_handler() -> None:
    engine = Engine(lambda e, b: None)
    profiler = HandlersTimeProfiler()
    profiler.attach(engine)
    engine.add_event_handler(Events.EPOCH_COMPLETED(every=5), lambda e: None)
    engine.run([0], max_epochs=2)
    (row,) = [r for r in profiler.get_results() if r[1] == "EPOCH_COMPLETED"]
    assert row[2] == "not triggered"
