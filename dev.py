#!/usr/bin/env python3
"""Set everything up and run a development task. Idempotent; prints each step.

    python3 dev.py quickstart   # set up, then run the quick-start example
    python3 dev.py test         # set up, then run the whole test suite (what CI runs)
    python3 dev.py <nox args>   # anything else is passed to nox (e.g. `-s bench`, `-s lint`)

Needs only Python 3.10+ with pip and venv. Tools live in .nox/tools, test venvs in .nox/.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".nox" / "tools"
NOX_VERSION = "nox>=2024.4.15"
TASKS = {"quickstart": ["-s", "quickstart"], "test": []}


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def ensure_tools() -> Path:
    python = TOOLS / "bin" / "python"
    if not python.exists():
        say(f"creating the tools venv {TOOLS}")
        venv.EnvBuilder(with_pip=True).create(TOOLS)
    probe = subprocess.run([str(python), "-c", "import nox"], capture_output=True)
    if probe.returncode != 0:
        say(f"installing {NOX_VERSION} into the tools venv")
        subprocess.run([str(python), "-m", "pip", "install", "-q", NOX_VERSION], check=True)
    return python


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must explain itself on old interpreters
        say("Python 3.10 or newer is needed")
        return 2
    if not argv:
        print(__doc__)
        return 2
    python = ensure_tools()
    nox_args = TASKS.get(argv[0], argv) if len(argv) == 1 else argv
    command = [str(python), "-m", "nox", "-f", str(ROOT / "noxfile.py"), *nox_args]
    say("running " + " ".join(command[1:]))
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
