#!/usr/bin/env python3
"""Set everything up and run a development task. Idempotent; prints each step.

    python3 dev.py quickstart   # set up, then run the quick-start example
    python3 dev.py test         # set up, then run the whole test suite (what CI runs)
    python3 dev.py wheels       # build every distribution's wheel into wheels/
    python3 dev.py install [--python PY] core metrics "loggers[tensorboard]" ...
                                # build the wheels, then pip-install core and those plugins into the
                                # Python running dev.py (your venv), or into PY; `all` = ignite-core[all]
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
# Beside nox: the build backend of our distributions, so nox builds their wheels without an isolated environment.
BUILD_BACKEND = "hatchling>=1.18"
TASKS = {"quickstart": ["-s", "quickstart"], "test": []}


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def ensure_tools() -> Path:
    python = TOOLS / "bin" / "python"
    if not python.exists():
        say(f"creating the tools venv {TOOLS}")
        venv.EnvBuilder(with_pip=True).create(TOOLS)
    probe = subprocess.run([str(python), "-c", "import nox, hatchling"], capture_output=True)
    if probe.returncode != 0:
        say(f"installing {NOX_VERSION} and {BUILD_BACKEND} into the tools venv")
        subprocess.run([str(python), "-m", "pip", "install", "-q", NOX_VERSION, BUILD_BACKEND], check=True)
    return python


DISTRIBUTIONS = {
    "core": ("ignite-core", "core"),
    "metrics": ("ignite-plugins-metrics", "plugins/ignite_plugins_metrics"),
    "handlers": ("ignite-plugins-handlers", "plugins/ignite_plugins_handlers"),
    "loggers": ("ignite-plugins-loggers", "ignite_plugins_loggers"),
    "dist": ("ignite-plugins-dist", "ignite_plugins_dist"),
}
WHEELS = ROOT / "wheels"


def build_wheels() -> int:
    """Build the wheel of every distribution into wheels/ (old wheels of ours there are replaced)."""
    WHEELS.mkdir(exist_ok=True)
    for distribution, folder in DISTRIBUTIONS.values():
        for old in WHEELS.glob(distribution.replace("-", "_") + "-*.whl"):
            old.unlink()
        say(f"building the wheel of {distribution} into {WHEELS.name}/")
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(WHEELS),
            str(ROOT / folder),
        ]
        if subprocess.run(command).returncode != 0:
            return 1
    return 0


def install(args: list[str]) -> int:
    """``install [--python PY] spec...``: build the wheels, then pip-install the specs into PY's environment."""
    python = sys.executable
    if args[:1] == ["--python"] and len(args) >= 2:
        python, args = args[1], args[2:]
    elif sys.prefix == sys.base_prefix:
        say(
            "dev.py install installs into the Python that runs it, and this one is not a virtual environment. "
            "Create and use one first: python3 -m venv .venv && .venv/bin/python dev.py install "
            + " ".join(args or ["all"])
            + "  (or pass --python PATH)"
        )
        return 2
    requirements: list[str] = []
    for spec in args or ["all"]:
        key, _, extras = spec.partition("[")
        if key == "all":
            requirements.append("ignite-core[all]")
        elif key in DISTRIBUTIONS:
            requirements.append(DISTRIBUTIONS[key][0] + (f"[{extras}" if extras else ""))
        else:
            say(f"unknown distribution {spec!r}; choose from: all, " + ", ".join(DISTRIBUTIONS))
            return 2
    if "ignite-core" not in {r.partition("[")[0] for r in requirements}:
        requirements.insert(0, "ignite-core")
    if build_wheels() != 0:
        return 1
    command = [
        python, "-m", "pip", "install", "-c", str(ROOT / "constraints.txt"), "--find-links", str(WHEELS),
        "--upgrade", *requirements,
    ]  # fmt: skip
    say("running " + " ".join(command))
    return subprocess.run(command).returncode


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must explain itself on old interpreters
        say("Python 3.10 or newer is needed")
        return 2
    if not argv:
        print(__doc__)
        return 2
    if argv[0] == "wheels":
        return build_wheels()
    if argv[0] == "install":
        return install(argv[1:])
    python = ensure_tools()
    nox_args = TASKS.get(argv[0], argv) if len(argv) == 1 else argv
    command = [str(python), "-m", "nox", "-f", str(ROOT / "noxfile.py"), *nox_args]
    say("running " + " ".join(command[1:]))
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
