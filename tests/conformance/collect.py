"""Run every conformance scenario under the current interpreter and print the results as JSON.

Usage: ``python collect.py [-k SUBSTR] [--list] [--out FILE] [--timeout SECONDS]``

Each ``tests/conformance/scenarios/sc_*.py`` is imported by path and each of its ``scenario_*``
functions runs with its stdout captured. The result maps ``"<file stem>::<function>"`` to
``{"out": <captured stdout>, "error": <type name of the escaping exception, or None>}``. A scenario
that fails, hangs (``--timeout``, via ``SIGALRM``) or breaks its module's import is recorded and the
others still run. The random generators are seeded with 0 before every scenario.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import random
import signal
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"


class ScenarioTimeout(BaseException):
    """Raised by the alarm when a scenario runs past its time limit."""


def _on_alarm(signum: int, frame: object) -> None:
    raise ScenarioTimeout()


def _seed_everything() -> None:
    random.seed(0)
    try:
        import numpy as np

        np.random.seed(0)
    except ImportError:  # pragma: no cover - numpy is optional
        pass
    try:
        import torch

        torch.manual_seed(0)
    except ImportError:  # pragma: no cover - torch is always there for ignite
        pass


def _load(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(f"conformance_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def iter_scenarios() -> Iterator[tuple[str, Callable[[], None] | BaseException]]:
    """Yield ``(id, function)`` for every scenario, or ``(id, exception)`` for a module that fails to import."""
    for path in sorted(SCENARIO_DIR.glob("sc_*.py")):
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                module = _load(path)
        except BaseException as exc:  # one broken file must not stop the others
            yield f"{path.stem}::<import>", exc
            continue
        names = [n for n, f in vars(module).items() if n.startswith("scenario_") and callable(f)]
        for name in names:
            yield f"{path.stem}::{name}", getattr(module, name)


def run_one(func: Callable[[], None], timeout: int) -> dict[str, str | None]:
    """Run one scenario; return its captured stdout and the type name of an escaping exception."""
    buffer = io.StringIO()
    error: str | None = None
    _seed_everything()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    try:
        with contextlib.redirect_stdout(buffer), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            func()
    except ScenarioTimeout:
        error = "ScenarioTimeout"
    except BaseException as exc:  # SystemExit in a scenario is a result too
        error = type(exc).__name__
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return {"out": buffer.getvalue(), "error": error}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="substr", default="", help="only scenario ids containing this text")
    parser.add_argument("--list", action="store_true", help="print the scenario ids and exit")
    parser.add_argument("--out", help="write the JSON here instead of stdout")
    parser.add_argument("--timeout", type=int, default=60, help="seconds each scenario may run")
    args = parser.parse_args(argv)

    results: dict[str, dict[str, str | None]] = {}
    for scenario_id, func in iter_scenarios():
        if args.substr not in scenario_id:
            continue
        if args.list:
            print(scenario_id)
            continue
        if isinstance(func, BaseException):
            results[scenario_id] = {"out": "", "error": type(func).__name__}
        else:
            results[scenario_id] = run_one(func, args.timeout)
    if args.list:
        return 0
    text = json.dumps(results, indent=1, sort_keys=True)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
