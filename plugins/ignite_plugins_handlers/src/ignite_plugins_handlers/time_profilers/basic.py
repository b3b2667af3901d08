"""BasicTimeProfiler: time spent in data loading, the process function and the handlers of each event."""

from __future__ import annotations

import csv
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

import torch

from ignite.engine import Engine, Events
from ignite_plugins_handlers.time_profilers._hooks import entries, handler_name, prepend
from ignite_plugins_handlers.time_profilers._stats import basic_stats, fmt_stats

__all__ = ["BasicTimeProfiler"]

_PROFILED = (
    Events.EPOCH_STARTED,
    Events.EPOCH_COMPLETED,
    Events.STARTED,
    Events.COMPLETED,
    Events.ITERATION_STARTED,
    Events.ITERATION_COMPLETED,
    Events.GET_BATCH_STARTED,
    Events.GET_BATCH_COMPLETED,
)
_ONCE = (Events.STARTED, Events.COMPLETED)
_PER_ITERATION = (
    Events.ITERATION_STARTED,
    Events.ITERATION_COMPLETED,
    Events.GET_BATCH_STARTED,
    Events.GET_BATCH_COMPLETED,
)


def _put(values: list[float], index: int, value: float) -> None:
    if index >= len(values):
        values.extend([0.0] * (index + 1 - len(values)))
    values[index] += value


class BasicTimeProfiler:
    """Profiles an engine run: data loading (``dataflow``), the process function (``processing``) and, per
    event, the time of all its handlers together. Attach before the run::

        profiler = BasicTimeProfiler()
        profiler.attach(trainer)
        trainer.run(data)
        profiler.print_results(profiler.get_results())
    """

    def __init__(self) -> None:
        self.dataflow_times: list[float] = []
        self.processing_times: list[float] = []
        self.event_handlers_times: dict[Any, list[float]] = {e: [] for e in _PROFILED}
        self.event_handlers_names: dict[Any, list[str]] = {}
        self._event_start = 0.0
        self._dataflow_start = 0.0
        self._processing_start = 0.0
        self._engine_ids: set[int] = set()

    def _own(self, handler: Any) -> bool:
        return getattr(handler, "__self__", None) is self

    def _index(self, engine: Engine, event: Any) -> int:
        if event in _ONCE:
            return 0
        if event in (Events.EPOCH_STARTED, Events.EPOCH_COMPLETED):
            return max(engine.state.epoch - 1, 0)
        if event in (Events.GET_BATCH_STARTED, Events.GET_BATCH_COMPLETED):
            return engine.state.iteration  # not yet incremented for the batch being fetched
        return max(engine.state.iteration - 1, 0)

    # handlers placed first / last on each event ------------------------------------------------------------
    def _first(self, engine: Engine, event: Any) -> None:
        now = time.perf_counter()
        if event is Events.GET_BATCH_COMPLETED:
            _put(self.dataflow_times, engine.state.iteration, now - self._dataflow_start)
        elif event is Events.ITERATION_COMPLETED:
            _put(self.processing_times, engine.state.iteration - 1, now - self._processing_start)
        self._event_start = time.perf_counter()

    def _last(self, engine: Engine, event: Any) -> None:
        now = time.perf_counter()
        _put(self.event_handlers_times[event], self._index(engine, event), now - self._event_start)
        if event is Events.GET_BATCH_STARTED:
            self._dataflow_start = time.perf_counter()
        elif event is Events.ITERATION_STARTED:
            self._processing_start = time.perf_counter()

    def _as_first_started(self, engine: Engine) -> None:
        self.dataflow_times = []
        self.processing_times = []
        self.event_handlers_times = {e: [] for e in _PROFILED}
        self.event_handlers_names = {
            e: [handler_name(entry.handler) for entry in entries(engine, e) if not self._own(entry.handler)]
            for e in _PROFILED
        }
        for event in _PROFILED:
            if event is not Events.STARTED:
                prepend(engine, event, self._first, event)
            engine.add_event_handler(event, self._last, event)
        self._event_start = time.perf_counter()

    def attach(self, engine: Engine) -> None:
        """Profile ``engine``'s next runs."""
        if not isinstance(engine, Engine):
            raise TypeError(f"Argument engine should be ignite.engine.Engine, but given {type(engine)}")
        if id(engine) in self._engine_ids:
            return
        self._engine_ids.add(id(engine))
        prepend(engine, Events.STARTED, self._as_first_started)

    # results ---------------------------------------------------------------------------------------------
    def get_results(self) -> dict[str, dict[str, Any]]:
        """``processing_stats``, ``dataflow_stats``, ``event_handlers_stats`` (per event and ``total_time``)
        and ``event_handlers_names``."""
        handlers_stats: OrderedDict[str, Any] = OrderedDict()
        total = 0.0
        for event in _PROFILED:
            stats = basic_stats(self.event_handlers_times[event], totals_only=event in _ONCE)
            handlers_stats[event.name] = stats
            total += sum(self.event_handlers_times[event])
        handlers_stats["total_time"] = torch.tensor(total)
        return OrderedDict(
            [
                ("processing_stats", basic_stats(self.processing_times)),
                ("dataflow_stats", basic_stats(self.dataflow_times)),
                ("event_handlers_stats", handlers_stats),
                (
                    "event_handlers_names",
                    {f"{e.name}_names": list(self.event_handlers_names.get(e, [])) for e in _PROFILED},
                ),
            ]
        )

    @staticmethod
    def print_results(results: dict[str, dict[str, Any]]) -> str:
        """Print (and return) the results as a text report."""
        handlers = results["event_handlers_stats"]
        names = results["event_handlers_names"]
        lines = [
            "",
            " ----------------------------------------------------",
            "| Time profiling stats (in seconds):                 |",
            " ----------------------------------------------------",
            "total  |  min/index  |  max/index  |  mean  |  std",
            "",
            "Processing function:",
            fmt_stats(results["processing_stats"]),
            "",
            "Dataflow:",
            fmt_stats(results["dataflow_stats"]),
            "",
            "Event handlers:",
            f"{float(handlers['total_time']):.5f}",
            "",
        ]
        for event in (
            Events.STARTED,
            Events.EPOCH_STARTED,
            Events.ITERATION_STARTED,
            Events.ITERATION_COMPLETED,
            Events.EPOCH_COMPLETED,
            Events.COMPLETED,
        ):
            lines += [
                f"- Events.{event.name}: {names[f'{event.name}_names']}",
                fmt_stats(handlers[event.name]),
                "",
            ]
        text = "\n".join(lines)
        print(text)
        return text

    def write_results(self, output_path: str | Path) -> None:
        """Write one CSV row per iteration: epoch, iteration, processing and dataflow times, and the handler
        times of each event (the epoch events' on the epoch's rows, STARTED/COMPLETED on the first row)."""
        iterations = max(len(self.processing_times), len(self.dataflow_times))
        epochs = max(len(self.event_handlers_times[Events.EPOCH_STARTED]), 1)
        per_epoch = max(iterations // epochs, 1)
        columns = ["epoch", "iteration", "processing_stats", "dataflow_stats"] + [
            f"Event_{e.name}" for e in _PROFILED
        ]

        def at(values: list[float], index: int) -> float:
            return values[index] if index < len(values) else 0.0

        with open(output_path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for i in range(iterations):
                epoch = i // per_epoch
                row: list[Any] = [epoch + 1, i + 1, at(self.processing_times, i), at(self.dataflow_times, i)]
                for event in _PROFILED:
                    times = self.event_handlers_times[event]
                    if event in _ONCE:
                        row.append(at(times, 0) if i == 0 else 0.0)
                    elif event in _PER_ITERATION:
                        row.append(at(times, i))
                    else:
                        row.append(at(times, epoch) if i % per_epoch == 0 else 0.0)
                writer.writerow(row)
