"""HandlersTimeProfiler: time of each handler on each event, plus data loading and the process function."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ignite.engine import Engine, Events
from ignite_plugins_handlers.time_profilers._hooks import entries, handler_name, prepend, wrap_steps
from ignite_plugins_handlers.time_profilers._stats import basic_stats

__all__ = ["HandlersTimeProfiler"]


class HandlersTimeProfiler:
    """Times every handler attached to an engine, per event (custom events and filtered handlers included),
    as well as data loading (``Dataflow``) and the process function (``Processing``). Attach before the run;
    the handlers present when the run starts are profiled. ``engine.describe()`` lists the same plan::

        profiler = HandlersTimeProfiler()
        profiler.attach(trainer)
        trainer.run(data)
        profiler.print_results(profiler.get_results())
    """

    EVENT_FILTER_THESHOLD_TIME = 0.0001

    def __init__(self) -> None:
        self.dataflow_times: list[float] = []
        self.processing_times: list[float] = []
        self.event_handlers_times: dict[str, dict[str, list[float]]] = {}
        self._dataflow_start = 0.0
        self._processing_start = 0.0
        self._engine_ids: set[int] = set()

    def _own(self, handler: Any) -> bool:
        return getattr(handler, "__self__", None) is self

    def _timed(self, event_name: str, name: str, step: Callable[[Engine], None]) -> Callable[[Engine], None]:
        times = self.event_handlers_times.setdefault(event_name, {}).setdefault(name, [])

        def timed_step(engine: Engine) -> None:
            start = time.perf_counter()
            step(engine)
            times.append(time.perf_counter() - start)

        timed_step.__wrapped_step__ = step  # type: ignore[attr-defined]
        return timed_step

    def _as_first_started(self, engine: Engine) -> None:
        self.dataflow_times = []
        self.processing_times = []
        self.event_handlers_times = {}
        for event in list(engine._event_handlers):
            event_name = getattr(event, "name", str(event))
            names_seen: dict[str, int] = {}
            for entry in entries(engine, event):
                if self._own(entry.handler):
                    continue
                name = handler_name(entry.handler)
                count = names_seen.get(name, 0)
                names_seen[name] = count + 1
                label = name if count == 0 else f"{name} ({count + 1})"
                self.event_handlers_times.setdefault(event_name, {}).setdefault(label, [])

            labels = iter(self.event_handlers_times.get(event_name, {}))

            def wrap(entry: Any, event_name: str = event_name, labels: Any = labels) -> Any:
                if self._own(entry.handler) or getattr(entry.step, "__wrapped_step__", None) is not None:
                    return None
                return self._timed(event_name, next(labels), entry.step)

            wrap_steps(engine, event, wrap)
        engine.add_event_handler(Events.GET_BATCH_STARTED, self._dataflow_begins)
        prepend(engine, Events.GET_BATCH_COMPLETED, self._dataflow_ends)
        engine.add_event_handler(Events.ITERATION_STARTED, self._processing_begins)
        prepend(engine, Events.ITERATION_COMPLETED, self._processing_ends)
        engine.add_event_handler(Events.COMPLETED, self._detach_timers)

    def _dataflow_begins(self, _: Engine) -> None:
        self._dataflow_start = time.perf_counter()

    def _dataflow_ends(self, _: Engine) -> None:
        self.dataflow_times.append(time.perf_counter() - self._dataflow_start)

    def _processing_begins(self, _: Engine) -> None:
        self._processing_start = time.perf_counter()

    def _processing_ends(self, _: Engine) -> None:
        self.processing_times.append(time.perf_counter() - self._processing_start)

    def _detach_timers(self, engine: Engine) -> None:
        """Restore the handlers' own calls and remove the timing handlers (a later run profiles afresh)."""
        for event in list(engine._event_handlers):

            def unwrap(entry: Any) -> Any:
                return getattr(entry.step, "__wrapped_step__", None)

            wrap_steps(engine, event, unwrap)
        for event, handler in (
            (Events.GET_BATCH_STARTED, self._dataflow_begins),
            (Events.GET_BATCH_COMPLETED, self._dataflow_ends),
            (Events.ITERATION_STARTED, self._processing_begins),
            (Events.ITERATION_COMPLETED, self._processing_ends),
            (Events.COMPLETED, self._detach_timers),
        ):
            if engine.has_event_handler(handler, event):
                engine.remove_event_handler(handler, event)

    def attach(self, engine: Engine) -> None:
        """Profile ``engine``'s next runs."""
        if not isinstance(engine, Engine):
            raise TypeError(f"Argument engine should be ignite.engine.Engine, but given {type(engine)}")
        if id(engine) in self._engine_ids:
            return
        self._engine_ids.add(id(engine))
        prepend(engine, Events.STARTED, self._as_first_started)

    # results ---------------------------------------------------------------------------------------------
    @staticmethod
    def _row(name: str, event: str, times: list[float]) -> list[Any]:
        if not times:
            return [name, event, "not triggered", (None, None), (None, None), None, None]
        stats = basic_stats(times)
        total = round(stats["total"], 5) if isinstance(stats["total"], float) else 0.0
        if "min/index" in stats:
            return [
                name,
                event,
                total,
                (round(stats["min/index"][0], 5), stats["min/index"][1]),
                (round(stats["max/index"][0], 5), stats["max/index"][1]),
                round(stats["mean"], 5),
                round(stats["std"], 5),
            ]
        value = round(times[0], 5)
        return [name, event, total, (value, 0), (value, 0), value, 0.0]

    def get_results(self) -> list[list[Any]]:
        """Rows ``[handler, event, total, (min, index), (max, index), mean, std]`` for each handler, then a
        ``Total`` row and the ``Processing`` and ``Dataflow`` rows."""
        rows = [
            self._row(name, event, times)
            for event, handlers in self.event_handlers_times.items()
            for name, times in handlers.items()
        ]
        total = round(
            sum(sum(t) for handlers in self.event_handlers_times.values() for t in handlers.values()), 5
        )
        rows.append(["Total", "", total, "", "", "", ""])
        rows.append(self._row("Processing", "None", self.processing_times))
        rows.append(self._row("Dataflow", "None", self.dataflow_times))
        return rows

    @staticmethod
    def print_results(results: list[list[Any]]) -> str:
        """Print (and return) the results as a table."""
        headers = ["Handler", "Event Name", "Total(s)", "Min(s)/IDX", "Max(s)/IDX", "Mean(s)", "Std(s)"]

        def cell(value: Any) -> str:
            if isinstance(value, tuple):
                return f"{value[0]}/{value[1]}"
            return str(value)

        body = [r for r in results if r[0] not in ("Total", "Processing", "Dataflow")]
        total = next(r for r in results if r[0] == "Total")
        widths = [max(14, *(len(cell(r[i])) + 2 for r in [*body, total, headers])) for i in range(7)]
        rule = "  ".join("-" * w for w in widths)

        def line(row: list[Any]) -> str:
            first = [cell(row[0]).ljust(widths[0]), cell(row[1]).ljust(widths[1])]
            return "  ".join(first + [cell(v).rjust(w) for v, w in zip(row[2:], widths[2:])])

        out = ["", rule, line(headers), rule, *[line(r) for r in body], rule, line(total), rule]
        for row in results:
            if row[0] in ("Processing", "Dataflow"):
                out.append(
                    f"{row[0]} took total {row[2]}s [min/index: {cell(row[3])}s, max/index: {cell(row[4])}s, "
                    f"mean: {row[5]}s, std: {row[6]}s]"
                )
        text = "\n".join(out)
        print(text)
        return text

    def write_results(self, output_path: str | Path) -> None:
        """Write a CSV: one column per handler (``"<handler> (<event>)"``) plus ``processing_stats`` and
        ``dataflow_stats``; row ``i`` holds each one's ``i``-th call duration."""
        columns: dict[str, list[float]] = {
            "processing_stats": self.processing_times,
            "dataflow_stats": self.dataflow_times,
        }
        for event, handlers in self.event_handlers_times.items():
            for name, times in handlers.items():
                columns[f"{name} ({event})"] = times
        length = max((len(v) for v in columns.values()), default=0)
        with open(output_path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["#", *columns])
            for i in range(length):
                writer.writerow([i, *(v[i] if i < len(v) else "" for v in columns.values())])
