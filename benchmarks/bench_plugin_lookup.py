"""Cost of the first lookup through a facade, against importing the same class directly.

Each measurement runs in a fresh interpreter (``python -c``), after ``import ignite.metrics`` /
``import ignite.handlers`` so torch and core are already loaded, and times only the statement under test:

Torch and ``ignite.engine`` are imported before the clock starts, followed by ``gc.collect()``: importing
torch leaves a full collection of its ~170k objects pending (80-300 ms here), which whatever allocates next
would pay, the facade's host build as much as any user code, so neither column is charged with it.

* ``direct``: ``import <plugin module>`` then read the class (what the class costs without any plugin host);
* ``facade``: ``from ignite.metrics import Accuracy`` (entry-point scan, pluggy, every entry module, the
  registry, then the same import);
* ``host``: building the plugin host alone.

Later lookups are compared with a plain module attribute read (``timeit`` in one process). Prints a table of
medians; asserts nothing (issue #3's budget: facade - direct <= 20 ms).

    python benchmarks/bench_plugin_lookup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CASES = (
    ("ignite.metrics", "Accuracy", "metrics"),
    ("ignite.handlers", "EarlyStopping", "handlers"),
    ("ignite.handlers", "TensorboardLogger", "loggers"),
)

TIMED = """
import gc, time, ignite.engine, {facade}
{setup}
gc.collect()  # torch's import leaves a full collection pending: the next allocations would pay it
start = time.perf_counter()
{statement}
print(time.perf_counter() - start)
"""

LATER = """
import timeit, {facade} as facade
getattr(facade, {name!r})
facade._bench_plain = object()  # an ordinary attribute of the same module, never resolved by the facade
n = 1_000_000
print(timeit.timeit(lambda: facade.{name}, number=n) / n, timeit.timeit(lambda: facade._bench_plain, number=n) / n)
"""


def _run(code: str) -> list[float]:
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    env.pop("IGNITE_TRACE_PLUGINS", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return [float(x) for x in out.stdout.split()]


def _median(code: str, runs: int) -> float:
    return statistics.median(_run(code)[0] for _ in range(runs))


def _target(facade: str, name: str, kind: str) -> str:
    code = f"import {facade}\nimport ignite.plugins\nprint(ignite.plugins.get_host().entries({kind!r})[{name!r}][0].target_text())"
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per measurement (median)")
    args = parser.parse_args()

    host_ms = 1e3 * _median(
        TIMED.format(facade="ignite.plugins", setup="", statement="ignite.plugins.get_host()"), args.runs
    )
    rows = []
    for facade, name, kind in CASES:
        try:
            target = _target(facade, name, kind)
        except subprocess.CalledProcessError:
            print(f"skipping {facade}.{name}: not registered here")
            continue
        module, _, attr = target.partition(":")
        direct = _median(
            TIMED.format(facade=facade, setup="", statement=f"import {module}\n{module}.{attr}"), args.runs
        )
        first = _median(
            TIMED.format(facade=facade, setup="", statement=f"from {facade} import {name}"), args.runs
        )
        later, plain = _run(LATER.format(facade=facade, name=name))
        rows.append(
            (f"{facade}.{name}", direct * 1e3, first * 1e3, (first - direct) * 1e3, later * 1e9, plain * 1e9)
        )

    print(f"plugin host build alone: {host_ms:.1f} ms (median of {args.runs} fresh interpreters)\n")
    header = ("first lookup of", "direct ms", "facade ms", "overhead ms", "later ns", "plain attr ns")
    widths = [max(len(header[0]), *(len(r[0]) for r in rows)), *(len(h) for h in header[1:])]
    print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths))))
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [f"{v:.1f}".rjust(w) for v, w in zip(row[1:], widths[1:])]
        print("  ".join(cells))
    print("\noverhead = facade - direct: the plugin host's share of the first lookup (budget: 20 ms).")
    print("later = a facade attribute read after the first lookup; plain = a plain module attribute read.")


if __name__ == "__main__":
    main()
