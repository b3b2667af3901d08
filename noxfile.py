"""Development sessions, driven by one table of distributions and one table of install scenarios.

Installs are non-editable (wheels built from the source folders) and tests run with
``PYTHONSAFEPATH=1`` from the repository root, so the source tree can never mask a missing install.
Every venv gets ``-c constraints.txt`` so torch stays the tested CPU build.

    nox -s tests          # every distribution's tests, each in its own venv
    nox -s isolation      # the install-subset scenarios of tests/isolation/scenarios.py
    nox -s integration    # everything installed: the blog's snippets end to end
    nox -s lint           # ruff check, ruff format --check, mypy --strict
    nox -s catalogue      # fails when the committed plugin catalogue is stale
    nox -s bench          # engine overhead vs a bare loop and pytorch-ignite 0.5.5
    nox -s quickstart     # runs examples/quickstart.py with everything installed
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "tests" / "isolation"))
from scenarios import SCENARIOS  # noqa: E402  (the install-subset table lives beside its tests)

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "catalogue", "tests", "isolation", "integration"]
nox.options.reuse_existing_virtualenvs = True

CONSTRAINTS = ("-c", str(ROOT / "constraints.txt"))
TEST_TOOLS = ("pytest", "pytest-timeout")

# distribution -> (source folder, extras installed for its own tests, test-only packages, tests folder)
DISTRIBUTIONS: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "ignite-core": ("core", "", ("numpy", "scikit-learn"), "tests/ignite_core"),
    "ignite-plugins-metrics": (
        "plugins/ignite_plugins_metrics",
        "",
        ("numpy", "scikit-learn"),
        "tests/ignite_plugins_metrics",
    ),
    "ignite-plugins-handlers": (
        "plugins/ignite_plugins_handlers",
        "",
        ("numpy",),
        "tests/ignite_plugins_handlers",
    ),
    "ignite-plugins-loggers": (
        "ignite_plugins_loggers",
        "[tensorboard,tqdm,mlflow]",
        (),
        "tests/ignite_plugins_loggers",
    ),
    "ignite-plugins-dist": ("ignite_plugins_dist", "", (), "tests/ignite_plugins_dist"),
}
FIRST_PARTY_PLUGINS = [name for name in DISTRIBUTIONS if name != "ignite-core"]

TEST_ENV = {
    "PYTHONSAFEPATH": "1",
    "IGNITE_PLUGINS_STRICT": "1",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "MPLBACKEND": "Agg",
}


def _requirement(name: str, extras: str = "") -> str:
    return f"{ROOT / DISTRIBUTIONS[name][0]}{extras}"


def _install(session: nox.Session, *requirements: str) -> None:
    """Install with the torch pin; our own folders are then reinstalled so a reused venv is never stale."""
    session.install(*CONSTRAINTS, *requirements)
    own = [r for r in requirements if r.startswith(str(ROOT))]
    if own:
        session.install("--no-deps", "--force-reinstall", "-q", *own)


def _pytest(session: nox.Session, *args: str, env: dict[str, str] | None = None) -> None:
    """Run pytest from the repo root; exit code 5 (nothing collected) is reported, not hidden."""
    code = session.run(
        "python",
        "-m",
        "pytest",
        *args,
        *session.posargs,
        env={**TEST_ENV, **(env or {})},
        success_codes=[0, 5],
    )
    if code == 5:
        session.warn(f"pytest collected no test in {args}")


@nox.session
@nox.parametrize("distribution", list(DISTRIBUTIONS))
def tests(session: nox.Session, distribution: str) -> None:
    """A distribution's tests, with only it, core, and its test dependencies installed."""
    _, extras, test_deps, folder = DISTRIBUTIONS[distribution]
    requirements = [_requirement("ignite-core"), _requirement(distribution, extras)]
    _install(session, *TEST_TOOLS, *test_deps, *dict.fromkeys(requirements))
    _pytest(session, folder)


@nox.session
@nox.parametrize("scenario", list(SCENARIOS))
def isolation(session: nox.Session, scenario: str) -> None:
    """Install one subset of distributions and assert exactly what resolves and which errors say what."""
    spec = SCENARIOS[scenario]
    requirements = [_resolve_requirement(item) for item in spec["install"]]
    _install(session, *TEST_TOOLS, *requirements)
    _pytest(
        session,
        str(ROOT / "tests" / "isolation" / spec["tests"]),
        env={**spec.get("env", {}), "IGNITE_SCENARIO": scenario},
    )


def _resolve_requirement(item: str) -> str:
    """``ignite-plugins-loggers[tensorboard]`` -> its source folder with extras; fixtures by folder name."""
    name, _, extras = item.partition("[")
    if name in DISTRIBUTIONS:
        return _requirement(name, f"[{extras}" if extras else "")
    fixture = ROOT / "tests" / "fixtures" / name
    if fixture.is_dir():
        return str(fixture)
    return item


@nox.session
def integration(session: nox.Session) -> None:
    """Everything installed (with every logger SDK): the blog's code end to end."""
    _install(
        session,
        *TEST_TOOLS,
        "numpy",
        "scikit-learn",
        _requirement("ignite-core"),
        *(
            _requirement(name, "[all]" if name == "ignite-plugins-loggers" else "")
            for name in FIRST_PARTY_PLUGINS
        ),
    )
    _pytest(session, "tests/integration")


@nox.session
def quickstart(session: nox.Session) -> None:
    """Run the quick-start example (the blog's MNIST quick-start, on scikit-learn's digits)."""
    _install(
        session,
        "scikit-learn",
        _requirement("ignite-core"),
        *(
            _requirement(name, "[tensorboard,tqdm]" if name == "ignite-plugins-loggers" else "")
            for name in FIRST_PARTY_PLUGINS
        ),
    )
    output = ROOT / ".nox" / "quickstart-output"
    session.run(
        "python",
        str(ROOT / "examples" / "quickstart.py"),
        "--output",
        str(output),
        env={"PYTHONSAFEPATH": "1"},
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and mypy --strict on core and the plugin entry modules."""
    _install(
        session,
        "ruff==0.17.6",
        "mypy==2.4.1",
        "numpy",
        "pytest",
        _requirement("ignite-core"),
        *(_requirement(n) for n in FIRST_PARTY_PLUGINS),
    )
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    entry_modules = [
        str(ROOT / DISTRIBUTIONS[n][0] / "src" / n.replace("-", "_") / "plugin.py")
        for n in FIRST_PARTY_PLUGINS
    ]
    session.run("mypy", "--strict", str(ROOT / "core" / "src" / "ignite"), *entry_modules)


@nox.session
def catalogue(session: nox.Session) -> None:
    """Fail when the committed plugin catalogue differs from what the plugins register."""
    _install(session, _requirement("ignite-core"), *(_requirement(n) for n in FIRST_PARTY_PLUGINS))
    session.run("python", str(ROOT / "tools" / "gen_catalogue.py"), "--check", env={"PYTHONSAFEPATH": "1"})


@nox.session
def bench(session: nox.Session) -> None:
    """Engine overhead per iteration and import time, against a bare loop and pytorch-ignite 0.5.5.

    pytorch-ignite 0.5.5 is installed in a venv of its own (``.nox/ignite055``), never beside ours.
    """
    _install(
        session,
        "numpy",
        _requirement("ignite-core"),
        *(
            _requirement(n, "[tensorboard]" if n == "ignite-plugins-loggers" else "")
            for n in FIRST_PARTY_PLUGINS
        ),
        str(ROOT / "tests" / "fixtures" / "ignite-plugin-example"),
    )
    baseline = ROOT / ".nox" / "ignite055"
    baseline_python = baseline / "bin" / "python"
    if not baseline_python.exists():
        session.run(sys.executable, "-m", "venv", str(baseline), external=True)
        session.run(str(baseline_python), "-m", "pip", "install", "-q", *CONSTRAINTS, "torch", external=True)
        session.run(
            str(baseline_python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "pytorch-ignite==0.5.5",
            "packaging",
            external=True,
        )
    env = {"PYTHONSAFEPATH": "1", "IGNITE_BASELINE_PYTHON": str(baseline_python)}
    session.run("python", str(ROOT / "benchmarks" / "bench_engine.py"), *session.posargs, env=env)
    plugin_bench = ROOT / "benchmarks" / "bench_plugin_lookup.py"
    if plugin_bench.exists():
        session.run("python", str(plugin_bench), env=env)


if os.environ.get("CI"):
    nox.options.error_on_missing_interpreters = True
