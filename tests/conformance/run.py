"""Compare the conformance scenarios' output under our ``ignite`` and under pytorch-ignite 0.5.5.

Usage::

    python tests/conformance/run.py --ours PYTHON --baseline PYTHON [-k SUBSTR] [--list]

Each interpreter runs ``collect.py`` once (all scenarios in one process), with ``PYTHONSAFEPATH=1``
and a temporary working directory, so only the *installed* ``ignite`` is imported. The baseline
interpreter must have pytorch-ignite 0.5.5 installed; ours must not have pytorch-ignite at all.
Exit status 1 when a scenario differs and is not listed in ``known_differences.py``, when a listed
scenario no longer differs, or when an interpreter is not what it should be.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLLECT = HERE / "collect.py"
BASELINE_VERSION = "0.5.5"

_PROBE = """
import importlib.metadata as m, json
try:
    dist = m.version("pytorch-ignite")
except m.PackageNotFoundError:
    dist = None
import ignite
print(json.dumps({"pytorch_ignite": dist, "version": getattr(ignite, "__version__", None),
                  "file": getattr(ignite, "__file__", None)}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONSAFEPATH"] = "1"
    env.pop("PYTHONPATH", None)
    env.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    env.setdefault("MPLBACKEND", "Agg")
    return env


def probe(python: str) -> dict[str, str | None]:
    """Which ignite ``python`` imports: its pytorch-ignite distribution version, version and file."""
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [python, "-c", _PROBE], cwd=cwd, env=_env(), capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        raise SystemExit(f"{python} cannot import ignite:\n{done.stderr}")
    info: dict[str, str | None] = json.loads(done.stdout.strip().splitlines()[-1])
    return info


def collect(python: str, substr: str, timeout: int) -> dict[str, dict[str, str | None]]:
    """Run collect.py under ``python`` and return its results."""
    with tempfile.TemporaryDirectory() as cwd:
        out = Path(cwd) / "results.json"
        cmd = [python, str(COLLECT), "--out", str(out), "--timeout", str(timeout)]
        if substr:
            cmd += ["-k", substr]
        done = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            raise SystemExit(
                f"collect.py failed under {python} (exit {done.returncode}):\n{done.stderr[-4000:]}"
            )
        results: dict[str, dict[str, str | None]] = json.loads(out.read_text(encoding="utf-8"))
    return results


def load_known() -> dict[str, str]:
    """The scenario ids expected to differ, with the reason (``known_differences.py``)."""
    namespace: dict[str, object] = {}
    exec(
        compile((HERE / "known_differences.py").read_text(encoding="utf-8"), "known_differences.py", "exec"),
        namespace,
    )
    known = namespace["KNOWN_DIFFERENCES"]
    assert isinstance(known, dict)
    return {str(k): str(v) for k, v in known.items()}


def render(result: dict[str, str | None] | None) -> list[str]:
    if result is None:
        return ["<scenario missing>"]
    lines = (result["out"] or "").splitlines()
    if result["error"] is not None:
        lines.append(f"<raised {result['error']}>")
    return lines


def diff(scenario_id: str, ours: dict[str, str | None] | None, base: dict[str, str | None] | None) -> str:
    return "\n".join(
        difflib.unified_diff(
            render(base),
            render(ours),
            fromfile=f"0.5.5 {scenario_id}",
            tofile=f"ours  {scenario_id}",
            lineterm="",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare conformance scenarios with pytorch-ignite 0.5.5.")
    parser.add_argument("--ours", default=sys.executable, help="interpreter with our ignite installed")
    parser.add_argument("--baseline", required=True, help="interpreter with pytorch-ignite 0.5.5 installed")
    parser.add_argument("-k", dest="substr", default="", help="only scenario ids containing this text")
    parser.add_argument("--list", action="store_true", help="list the scenario ids and exit")
    parser.add_argument("--timeout", type=int, default=60, help="seconds each scenario may run")
    parser.add_argument("-v", "--verbose", action="store_true", help="also show the known differences' diffs")
    args = parser.parse_args(argv)

    if args.list:
        cmd = [sys.executable, str(COLLECT), "--list"] + (["-k", args.substr] if args.substr else [])
        return subprocess.run(cmd, check=False).returncode

    base_info, ours_info = probe(args.baseline), probe(args.ours)
    if base_info["pytorch_ignite"] != BASELINE_VERSION:
        print(
            f"baseline {args.baseline} has pytorch-ignite {base_info['pytorch_ignite']}, expected {BASELINE_VERSION}"
        )
        return 1
    if ours_info["pytorch_ignite"] is not None:
        print(f"{args.ours} has pytorch-ignite {ours_info['pytorch_ignite']} installed: it would shadow ours")
        return 1

    base = collect(args.baseline, args.substr, args.timeout)
    ours = collect(args.ours, args.substr, args.timeout)
    known = load_known()
    same = expected = 0
    failures: list[str] = []
    for scenario_id in sorted(set(base) | set(ours)):
        differs = base.get(scenario_id) != ours.get(scenario_id)
        listed = scenario_id in known
        if differs and listed:
            expected += 1
            if args.verbose:
                print(
                    f"known difference {scenario_id}: {known[scenario_id]}\n{diff(scenario_id, ours.get(scenario_id), base.get(scenario_id))}\n"
                )
        elif differs:
            failures.append(scenario_id)
            print(
                f"DIFFERS {scenario_id}\n{diff(scenario_id, ours.get(scenario_id), base.get(scenario_id))}\n"
            )
        elif listed:
            failures.append(scenario_id)
            print(
                f"NO LONGER DIFFERS {scenario_id}: remove it from known_differences.py ({known[scenario_id]})\n"
            )
        else:
            same += 1
    stale = sorted(
        k for k in known if k not in base and k not in ours and (not args.substr or args.substr in k)
    )
    for scenario_id in stale:
        failures.append(scenario_id)
        print(f"UNKNOWN SCENARIO {scenario_id} listed in known_differences.py\n")
    total = len(set(base) | set(ours))
    print(
        f"conformance: {total} scenarios, {same} same, {expected} known differences, "
        f"{len(failures)} unexpected"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
