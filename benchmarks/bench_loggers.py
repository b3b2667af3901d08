"""Loggers: a slow tracker must not slow training, and a handler that is not due must cost almost nothing.

1. "slow MLflow": the real MLflow client (sqlite store in a temporary directory) with 200 ms injected before
   each call, as a slow or hanging server would add (a hanging server cannot be caused for real). 100
   iterations of 20 ms, logging every 5 iterations. Compared: no logger; MLflowLogger(background=False), which
   calls the tracker on the training thread as pytorch-ignite 0.5.5 does (0.5.5 itself measured 3.05x);
   MLflowLogger(writer="thread"), the background queue written by a thread of the training process;
   MLflowLogger() (the default for this local store: the queue written by a child process). Reported: the
   loop's time / the loop without logger, the time close() then takes, and whether every record was stored.
2. "1,000 iterations": measurement 1's scenario made 10 times longer, as the issue states its 5% target: 1,000
   iterations of ~20 ms of real CPU work (a small torch MLP step repeated), logging every 5 iterations (and every
   iteration), to the same 200 ms tracker, written by a thread (the sqlite store's SQLAlchemy work then runs in
   the training process, under its interpreter lock) or by the writer process (the default). Target: at most 5%
   slower than without a logger. The stress case ``--step-ms 0`` (one ~0.4 ms step per iteration, a loop of
   ~0.4 s) is dominated by noise here (single rounds vary by +-20%); ``--loop-iterations 5000`` with it shows a
   longer loop's steady state.
3. "not due": the per-iteration cost of an attached OutputHandler on ITERATION_COMPLETED(every=100), measured
   as the difference between an engine loop with and without it over many iterations. Target < 0.2 us.

The 200 ms are injected into the real ``MlflowClient.log_batch``: in this process (thread writer, synchronous)
by wrapping the logger's client, in the writer process by a ``sitecustomize`` module this script writes into a
temporary folder on the child's import path (the child's ``PYTHONPATH`` is this process's ``sys.path``); the
wrapper runs only where ``BENCH_LOGGERS_DELAY`` is set. Nothing of it is in the product code.

    python benchmarks/bench_loggers.py [--rounds 3] [--only 1|2|3] [--every 5 1] [--loop-iterations 1000]
                                       [--step-ms 20]

Nothing here is asserted in tests (tests never assert on time); the numbers go to the report.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from typing import Any

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

import torch

from ignite.engine import Engine, Events

DELAY_S = 0.2


class SlowClient:
    """The real MlflowClient with ``delay`` seconds injected before each ``log_batch`` call; records when each
    call ended and the CPU seconds the store spent in it (on the writer thread)."""

    def __init__(self, client: Any, delay: float) -> None:
        self.client, self.delay = client, delay
        self.calls: list[tuple[float, float]] = []

    def log_batch(self, run_id: str, metrics: Any = (), **kwargs: Any) -> None:
        time.sleep(self.delay)
        cpu = time.thread_time()
        self.client.log_batch(run_id, metrics=metrics, **kwargs)
        self.calls.append((time.monotonic(), time.thread_time() - cpu))


# Imported at the start of every interpreter that has the hook folder on its path: only the writer processes
# this script starts (it is itself already running). Active only where BENCH_LOGGERS_DELAY is set. It imports
# nothing at start (the writer process lowers its priority before importing MLflow): it wraps
# MlflowClient.log_batch when the writer process imports MLflow's client module.
_SITECUSTOMIZE = """
import importlib.abc, importlib.util, os, sys, time


def _slow(client):
    delay, calls = float(os.environ["BENCH_LOGGERS_DELAY"]), os.environ["BENCH_LOGGERS_CALLS"]
    log_batch = client.log_batch

    def slow(self, run_id, metrics=(), **kwargs):
        time.sleep(delay)
        cpu = time.thread_time()
        log_batch(self, run_id, metrics=metrics, **kwargs)
        with open(calls, "a") as file:
            file.write(f"{time.monotonic()} {time.thread_time() - cpu}\\n")

    client.log_batch = slow


class _WrapOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "mlflow.tracking.client":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_and_wrap(module):
            exec_module(module)
            _slow(module.MlflowClient)

        spec.loader.exec_module = exec_and_wrap
        return spec


if os.environ.get("BENCH_LOGGERS_DELAY"):
    sys.meta_path.insert(0, _WrapOnImport())
"""


class ChildCalls:
    """The calls the writer process made to its slowed ``log_batch``, read from the file its hook appends to."""

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    def calls(self) -> list[tuple[float, float]]:
        if not os.path.exists(self.path):
            return []
        with open(self.path) as file:
            return [(float(ended), float(cpu)) for ended, cpu in (line.split() for line in file)]


def _install_child_hook(folder: str) -> None:
    with open(os.path.join(folder, "sitecustomize.py"), "w") as file:
        file.write(_SITECUSTOMIZE)
    sys.path.insert(0, folder)  # passed on to the writer processes
    os.environ["BENCH_LOGGERS_DELAY"] = str(DELAY_S)
    os.environ["BENCH_LOGGERS_HOOK"] = folder


def _mlflow_logger(uri: str, background: bool, writer: str = "auto") -> tuple[Any, Any]:
    """A logger and the probe of its slowed tracker calls (``.calls``: (end time, store CPU seconds))."""
    from ignite_plugins_loggers.mlflow_logger import MLflowLogger

    descriptor, calls = tempfile.mkstemp(prefix="calls-", dir=os.environ.get("BENCH_LOGGERS_HOOK"))
    os.close(descriptor)
    os.environ["BENCH_LOGGERS_CALLS"] = calls  # read by the writer process when it starts
    logger = MLflowLogger(tracking_uri=uri, background=background, writer=writer)  # type: ignore[arg-type]
    if logger._process is not None:
        return logger, ChildCalls(calls)
    logger._client = probe = SlowClient(logger._client, DELAY_S)
    return logger, probe


def _stored(uri: str, run_id: str, key: str) -> int:
    from mlflow.tracking import MlflowClient

    return len(MlflowClient(uri).get_metric_history(run_id, key))


Run = tuple[float, float, bool, int, float, float]
"""(loop seconds, close seconds, every record stored, tracker calls, store CPU seconds during the loop, this
process's CPU seconds during the loop: the loop's own and its writer thread's)."""


def _timed_run(
    make_engine: Callable[[], Engine], data: list[int], logged: tuple[Any, Any] | None, every: int
) -> Run:
    """One run of ``make_engine()`` over ``data``; ``logged``: (logger, probe), None: no logger."""
    engine = make_engine()
    if logged is not None:
        logged[0].attach_output_handler(
            engine,
            Events.ITERATION_COMPLETED(every=every),
            tag="train",
            output_transform=lambda o: {"loss": o},
        )
    start, cpu = time.monotonic(), time.process_time()
    engine.run(data, max_epochs=1)
    end, cpu = time.monotonic(), time.process_time() - cpu
    loop = end - start
    if logged is None:
        return loop, 0.0, True, 0, 0.0, cpu
    logger, probe = logged
    start = time.monotonic()
    logger.close()
    closing = time.monotonic() - start
    expected = len(data) // every
    calls = probe.calls
    return (
        loop,
        closing,
        _stored(logger.get_tracking_uri(), logger.active_run.info.run_id, "train loss") == expected,
        len(calls),
        sum(store for ended, store in calls if ended <= end),
        cpu,
    )


def bench_slow_mlflow(uri: str, rounds: int) -> None:
    def step(engine: Engine, batch: Any) -> float:
        time.sleep(0.02)
        return 0.5

    def make_engine() -> Engine:
        return Engine(step)

    data = list(range(100))
    variants: dict[str, Callable[[], tuple[Any, Any] | None]] = {
        "none": lambda: None,
        "sync (0.5 style)": lambda: _mlflow_logger(uri, False),
        "thread writer": lambda: _mlflow_logger(uri, True, "thread"),
        "process writer": lambda: _mlflow_logger(uri, True),
    }
    results: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, make in variants.items():
            results[name].append(_timed_run(make_engine, data, make(), 5))
    base = statistics.median(r[0] for r in results["none"])
    print("\n1. slow MLflow (+200 ms per call): 100 iterations x 20 ms, logging every 5 iterations")
    print(f"   {'logger':<18}{'loop s':>8}{'ratio':>8}{'close s':>9}{'(loop+close)/base':>19}  all stored")
    for name, rows in results.items():
        loop = statistics.median(r[0] for r in rows)
        closing = statistics.median(r[1] for r in rows)
        stored = all(r[2] for r in rows)
        print(
            f"   {name:<18}{loop:8.3f}{loop / base:8.2f}{closing:9.3f}{(loop + closing) / base:19.2f}  {stored}"
        )
    print("   (process writer: close() includes the writer process's start, ~1-2 s of imports, when the loop")
    print("   was shorter than that; (loop+close)/base is not what the default costs a real training)")


def bench_thousand_iterations(uri: str, rounds: int, every: int, iterations: int, step_ms: float) -> None:
    torch.manual_seed(0)
    torch.set_num_threads(1)  # one core for the loop, so the writer thread's share shows
    model = torch.nn.Sequential(torch.nn.Linear(256, 256), torch.nn.ReLU(), torch.nn.Linear(256, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(64, 256)

    def mlp_step() -> float:
        optimizer.zero_grad()
        loss = model(x).pow(2).mean()
        loss.backward()
        optimizer.step()
        return float(loss.item())

    # an iteration of about step_ms: the MLP step repeated (once when step_ms is 0 or below one step's time)
    start = time.perf_counter()
    for _ in range(200):
        mlp_step()
    repeats = max(1, round(step_ms / (1000 * (time.perf_counter() - start) / 200)))

    def make_engine() -> Engine:
        def step(engine: Engine, batch: Any) -> float:
            for _ in range(repeats - 1):
                mlp_step()
            return mlp_step()

        return Engine(step)

    variants: dict[str, Callable[[], tuple[Any, Any]]] = {
        "thread writer (the store's work in this process)": lambda: _mlflow_logger(uri, True, "thread"),
        "process writer (default for a local store)": lambda: _mlflow_logger(uri, True),
    }
    data = list(range(iterations))
    none: list[Run] = []
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    ratios: dict[str, list[float]] = {name: [] for name in variants}
    order = ["none", *variants]
    for i in range(rounds):  # rotate which goes first: the machine's load drifts
        for name in order[i % len(order) :] + order[: i % len(order)]:
            if name == "none":
                none.append(_timed_run(make_engine, data, None, every))
            else:
                runs[name].append(_timed_run(make_engine, data, variants[name](), every))
        for name in variants:
            ratios[name].append(runs[name][-1][0] / none[-1][0])
    base = statistics.median(r[0] for r in none)
    print(
        f"\n2. {iterations:,} iterations of {repeats} small MLP step(s), logging every {every} iteration(s) to the +200 ms "
        "MLflow client (sqlite store)"
    )
    base_cpu = statistics.median(r[5] for r in none)
    print(
        f"   no logger {base:.3f}s ({1000 * base / iterations:.3f} ms/iteration, median of {rounds} rounds), "
        f"CPU of this process {base_cpu:.3f}s"
    )
    for name, rows in runs.items():
        print(
            f"   {name}: loop {statistics.median(r[0] for r in rows):.3f}s, tracker calls per run "
            f"{statistics.median(r[3] for r in rows):g}, the store's CPU during the loop "
            f"{1000 * statistics.median(r[4] for r in rows):.0f} ms, close() {statistics.median(r[1] for r in rows):.3f}s, "
            f"all stored {all(r[2] for r in rows)}"
        )
        print(
            f"     CPU of this process during the loop {statistics.median(r[5] for r in rows):.3f}s "
            f"({100 * (statistics.median(r[5] for r in rows) / base_cpu - 1):+.1f}% over no logger)"
        )
        print(f"     per-round slowdowns: {', '.join(f'{100 * (r - 1):+.1f}%' for r in ratios[name])}")
        print(
            f"     slowdown {100 * (statistics.median(ratios[name]) - 1):+.1f}% (median of rounds; target <= 5%)"
        )


def bench_not_due(iterations: int, rounds: int) -> None:
    from ignite.handlers.base_logger import BaseLogger, BaseOutputHandler

    class NullHandler(BaseOutputHandler):
        def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
            self._setup_output_metrics_state_attrs(engine)

    class NullLogger(BaseLogger):
        def _create_output_handler(self, *args: Any, **kwargs: Any) -> NullHandler:
            return NullHandler(*args, **kwargs)

        def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> Any:
            raise NotImplementedError

    data = range(iterations)

    def loop_time(attach: str) -> float:
        engine = Engine(lambda e, b: None)
        if attach == "logger":
            NullLogger().attach_output_handler(
                engine, Events.ITERATION_COMPLETED(every=100), tag="t", output_transform=lambda o: 0.0
            )
        elif attach == "plain":
            engine.add_event_handler(Events.ITERATION_COMPLETED(every=100), lambda: None)
        start = time.perf_counter()
        engine.run(data, max_epochs=1)
        return time.perf_counter() - start

    logger_ns, plain_ns = [], []
    for _ in range(rounds):
        without, plain, with_logger = loop_time(""), loop_time("plain"), loop_time("logger")
        logger_ns.append((with_logger - without) / iterations * 1e9)
        plain_ns.append((plain - without) / iterations * 1e9)
    total, engine_part = statistics.median(logger_ns), statistics.median(plain_ns)
    print(
        f"\n3. OutputHandler on ITERATION_COMPLETED(every=100): {total:.0f} ns per iteration in all "
        f"(target < 200 ns), of which the engine's filtered-event dispatch (a no-op lambda with the same "
        f"filter) {engine_part:.0f} ns and the logger {total - engine_part:.0f} ns (the 1 call in 100 that is "
        f"due, amortized). Medians of {rounds} x {iterations} iterations."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--iterations", type=int, default=200_000, help="iterations for the not-due measurement"
    )
    parser.add_argument("--only", choices=("1", "2", "3"), help="run one measurement")
    parser.add_argument(
        "--every", type=int, nargs="+", default=[5, 1], help="logging periods for measurement 2"
    )
    parser.add_argument(
        "--loop-iterations", type=int, default=1000, help="iterations of measurement 2's loop"
    )
    parser.add_argument(
        "--step-ms",
        type=float,
        default=20.0,
        help="measurement 2's iteration time (the MLP step repeated); 0: one step (~0.4 ms)",
    )
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    if args.only in (None, "3"):
        bench_not_due(args.iterations, args.rounds)
    with tempfile.TemporaryDirectory() as tmp:
        _install_child_hook(tmp)
        uri = f"sqlite:///{tmp}/mlflow.db"
        if args.only in (None, "1"):
            bench_slow_mlflow(uri, args.rounds)
        if args.only in (None, "2"):
            for every in args.every:
                bench_thousand_iterations(uri, args.rounds, every, args.loop_iterations, args.step_ms)


if __name__ == "__main__":
    main()
