"""Engine overhead per iteration and import time, against a bare loop and pytorch-ignite 0.5.5.

Each round starts engine_worker.py once in this interpreter (this project) and once in the baseline
interpreter (pytorch-ignite 0.5.5 in its own venv, given by IGNITE_BASELINE_PYTHON or --baseline),
alternating which goes first; the table shows medians over the rounds. "overhead" is the engine's
time per iteration minus the bare Python loop's (same no-op process function) in the same process.

    python benchmarks/bench_engine.py [--rounds 7] [--iterations 100000] [--baseline PYTHON]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKER = HERE / "engine_worker.py"
TARGETS_NS = {
    "no handlers": 1000,
    "10 handlers on ITERATION_COMPLETED(every=100)": 1500,
    "custom event fired every step (no handler)": 1000,
    "custom event fired every step (1 handler)": 1000,
}
IMPORT_TARGET_MS = 50.0


def run_worker(python: str, iterations: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    out = subprocess.run(
        [python, str(WORKER), str(iterations)], capture_output=True, text=True, check=True, env=env, cwd="/"
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def import_seconds(python: str, statement: str) -> float:
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    start = time.perf_counter()
    subprocess.run([python, "-c", statement], check=True, env=env, cwd="/", capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=100_000)
    parser.add_argument("--baseline", default=os.environ.get("IGNITE_BASELINE_PYTHON"))
    args = parser.parse_args()

    impls = {"ours": sys.executable}
    if args.baseline:
        impls["0.5.5"] = args.baseline
    else:
        print("No baseline interpreter given (IGNITE_BASELINE_PYTHON / --baseline): measuring ours only.")

    samples: dict[str, list[dict[str, float]]] = {name: [] for name in impls}
    imports: dict[str, dict[str, list[float]]] = {
        name: {"torch": [], "ignite": [], "ignite.engine": []} for name in impls
    }
    for round_index in range(args.rounds):
        order = list(impls.items()) if round_index % 2 == 0 else list(reversed(impls.items()))
        for name, python in order:
            samples[name].append(run_worker(python, args.iterations))
            for module in ("torch", "ignite", "ignite.engine"):
                imports[name][module].append(import_seconds(python, f"import {module}"))

    scenarios = list(samples["ours"][0])
    med = {n: {s: statistics.median(r[s] for r in rows) for s in scenarios} for n, rows in samples.items()}
    print(
        f"\nEngine per-iteration cost, median of {args.rounds} interleaved rounds x {args.iterations} iterations"
    )
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; times in microseconds per iteration\n")
    header = "| scenario | ours total | ours overhead | target |"
    if "0.5.5" in med:
        header += " 0.5.5 total | 0.5.5 overhead | speed-up (overhead) |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for scenario in scenarios:
        ours = med["ours"][scenario]
        over = ours - med["ours"]["bare loop"]
        target = TARGETS_NS.get(scenario)
        verdict = (
            "" if target is None else (f"<= {target / 1000:.1f} " + ("ok" if over <= target else "MISSED"))
        )
        row = f"| {scenario} | {ours / 1000:.3f} | {over / 1000:.3f} | {verdict} |"
        if "0.5.5" in med:
            base = med["0.5.5"][scenario]
            base_over = base - med["0.5.5"]["bare loop"]
            ratio = f"{base_over / over:.1f}x" if over > 0 and scenario != "bare loop" else ""
            row += f" {base / 1000:.3f} | {base_over / 1000:.3f} | {ratio} |"
        print(row)

    print("\nImport time, median wall-clock of a fresh interpreter (ms)\n")
    print(
        "| implementation | import torch | import ignite | minus torch | import ignite.engine | minus torch | target |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in impls:
        t = {m: statistics.median(v) * 1000 for m, v in imports[name].items()}
        extra = t["ignite"] - t["torch"]
        target = (
            f"<= {IMPORT_TARGET_MS:.0f} " + ("ok" if extra <= IMPORT_TARGET_MS else "MISSED")
            if name == "ours"
            else ""
        )
        print(
            f"| {name} | {t['torch']:.0f} | {t['ignite']:.0f} | {extra:+.0f} | {t['ignite.engine']:.0f} | "
            f"{t['ignite.engine'] - t['torch']:+.0f} | {target} |"
        )


if __name__ == "__main__":
    main()
