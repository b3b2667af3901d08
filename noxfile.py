"""Development sessions, driven by one table of distributions and one table of install scenarios.

Installs are non-editable (wheels built once per run from the source folders) and tests run with
``PYTHONSAFEPATH=1`` from the repository root, so the source tree can never mask a missing install.
Third-party packages are installed once, in shared "layer" venvs (``.nox/_torch``: torch, numpy and the
test tools; ``.nox/_numeric``: scikit-learn, scipy, matplotlib, pycocotools; ``.nox/_trackers``: the
experiment trackers' SDKs; ``.nox/_notebook``: a Jupyter kernel for the progress bar's notebook test),
each made visible to the session venvs that need it by a ``.pth`` file. A session venv still holds
exactly its own ignite distributions, so isolation stays proven. Every install gets
``-c constraints.txt`` so torch stays the tested CPU build.

    nox -s tests          # every distribution's tests, each in its own venv
    nox -s isolation      # the install-subset scenarios of tests/isolation/scenarios.py
    nox -s integration    # everything installed: the blog's snippets end to end
    nox -s conformance    # the same scenarios under this project and pytorch-ignite 0.5.5, compared
    nox -s lint           # ruff check, ruff format --check, mypy --strict (with and without the plugins)
    nox -s catalogue      # fails when the committed name index is stale
    nox -s bench          # engine overhead vs a bare loop and pytorch-ignite 0.5.5
    nox -s quickstart     # runs examples/quickstart.py with everything installed
    nox -s horovod        # horovod built once per machine (cached in ~/.cache), horovodrun/horovod.run tests
    nox -s xla            # opt-in: torch 2.9.0 + torch_xla 2.9.0 (about 4 GB), the xla tests on the CPU
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nox
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "tests" / "isolation"))
from scenarios import SCENARIOS  # noqa: E402  (the install-subset table lives beside its tests)

nox.options.default_venv_backend = "venv"
nox.options.sessions = [
    "lint",
    "lint_core_alone",
    "catalogue",
    "tests",
    "isolation",
    "conformance",
    "integration",
    "horovod",
]
nox.options.reuse_existing_virtualenvs = True

CONSTRAINTS = ("-c", str(ROOT / "constraints.txt"))
TEST_TOOLS = ("pytest", "pytest-timeout", "hypothesis")
# Session venvs get no pip of their own (23 MB each): the torch layer's pip installs into them (--python).
WITHOUT_PIP = ["--without-pip"]
LOGGERS_ALL = "ignite-plugins-loggers[all]"
# layer -> the packages it holds. "trackers" holds the dependencies of LOGGERS_ALL: the wheel is installed
# with them, then our distributions are removed from the layer.
LAYERS: dict[str, tuple[str, ...]] = {
    "torch": ("torch", "numpy", "packaging", "pluggy", *TEST_TOOLS),  # with ignite-core's own dependencies
    "numeric": ("scikit-learn", "scipy", "matplotlib", "pycocotools"),
    "trackers": (LOGGERS_ALL,),
    "notebook": ("nbclient", "ipykernel", "ipywidgets"),
}
WHEELS = ROOT / ".nox" / "_wheels"
BASELINE = ROOT / ".nox" / "ignite055"
BASELINE_REQUIREMENT = "pytorch-ignite==0.5.5"

# distribution -> (source folder, extras installed for its own tests, test-only packages, tests folder)
DISTRIBUTIONS: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "ignite-core": ("core", "", ("scikit-learn",), "tests/ignite_core"),
    "ignite-plugins-metrics": (
        "plugins/ignite_plugins_metrics",
        "",
        ("scikit-learn", "scipy", "pycocotools"),
        "tests/ignite_plugins_metrics",
    ),
    "ignite-plugins-handlers": (
        "plugins/ignite_plugins_handlers",
        "",
        ("matplotlib",),
        "tests/ignite_plugins_handlers",
    ),
    "ignite-plugins-loggers": (
        "ignite_plugins_loggers",
        "[all]",
        ("matplotlib", "nbclient", "ipykernel", "ipywidgets"),
        "tests/ignite_plugins_loggers",
    ),
    "ignite-plugins-dist": ("ignite_plugins_dist", "", (), "tests/ignite_plugins_dist"),
}
FIRST_PARTY_PLUGINS = [name for name in DISTRIBUTIONS if name != "ignite-core"]
# Other plugins a distribution's tests use: the dist tests sync every registered metric across gloo ranks.
# The loggers' tests save checkpoints to Neptune through the handlers' Checkpoint.
# The metrics' own gloo tests need the dist plugin.
TEST_PLUGINS: dict[str, tuple[str, ...]] = {
    "ignite-plugins-dist": ("ignite-plugins-metrics",),
    "ignite-plugins-loggers": ("ignite-plugins-handlers",),
    "ignite-plugins-metrics": ("ignite-plugins-dist",),
}
# Distributions whose tests also compare with pytorch-ignite 0.5.5 (IGNITE_BASELINE_PYTHON): the metrics'
# differential test.
TESTS_WITH_BASELINE = ("ignite-plugins-metrics",)

TEST_ENV = {
    "PYTHONSAFEPATH": "1",
    "IGNITE_PLUGINS_STRICT": "1",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "MPLBACKEND": "Agg",
}


# ---------------------------------------------------------------------------------------------------------
# The shared torch venv and the wheels of this repository


def _site_packages(venv: Path) -> Path:
    found = glob.glob(str(venv / "lib" / "python*" / "site-packages"))
    if not found:
        raise RuntimeError(f"no site-packages under {venv}")
    return Path(found[0])


def _layer_venv(layer: str) -> Path:
    return ROOT / ".nox" / f"_{layer}"


def _layer_site(layer: str) -> Path:
    """Create the layer's venv (on top of the layers before it) once; return its site-packages."""
    venv = _layer_venv(layer)
    python = venv / "bin" / "python"
    packages = LAYERS[layer]
    earlier = list(LAYERS)[: list(LAYERS).index(layer)]
    ours = [item for item in packages if item.partition("[")[0] in DISTRIBUTIONS]
    wanted = "\n".join(
        [(ROOT / "constraints.txt").read_text(), *packages]
        + [(ROOT / _folder(item) / "pyproject.toml").read_text() for item in ours]
    )
    marker = venv / "installed.txt"
    if not marker.exists() or marker.read_text() != wanted:
        start = time.monotonic()
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _attach(venv, earlier)
        wheels = [str(_wheel(_folder(item))) + item[item.find("[") :] for item in ours]
        if ours:
            _wheel("core")  # the plugins' dependency, found in WHEELS
        requirements = [item for item in packages if item not in ours] + wheels
        pip = [str(python), "-m", "pip"]
        subprocess.run(
            [*pip, "install", "-q", *CONSTRAINTS, "--find-links", str(WHEELS), *requirements], check=True
        )
        if ours:  # keep only the third-party dependencies
            names = ["ignite-core", *(item.partition("[")[0] for item in ours)]
            subprocess.run([*pip, "uninstall", "-q", "-y", *names], check=True)
        marker.write_text(wanted)
        print(f"nox > layer {venv.name} installed in {time.monotonic() - start:.0f} s", flush=True)
    return _site_packages(venv)


def _attach(venv: Path, layers: list[str]) -> None:
    """Expose ``layers`` to ``venv`` through ``.pth`` files (pip there then sees their packages as installed)."""
    site = _site_packages(venv)
    wanted = {f"_ignite_layer_{index}_{layer}.pth": layer for index, layer in enumerate(layers)}
    for old in site.glob("_ignite_*.pth"):
        if old.name not in wanted:
            old.unlink()
    for name, layer in wanted.items():
        (site / name).write_text(f"{_layer_site(layer)}\n")


def _layers_for(requirements: tuple[str, ...], ours: tuple[str, ...]) -> list[str]:
    """The layers up to the last one holding a package the session asks for (torch at least): a layer is
    installed on top of the ones before it, so it may rely on their packages."""
    names = list(LAYERS)
    needed = [index for index, name in enumerate(names) if set(LAYERS[name]) & {*requirements, *ours}]
    return names[: max(needed, default=0) + 1]


_built: dict[str, Path] = {}
# Not part of a wheel's input: caches and build outputs left in a source folder.
_NOT_SOURCE = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"}


def _source_digest(source: Path) -> str:
    """A hash of every file under ``source`` that may go into its wheel (paths and contents)."""
    digest = hashlib.sha256()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and not _NOT_SOURCE & set(relative.parts) and ".egg-info" not in str(relative):
            digest.update(f"{relative}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _wheel(folder: str) -> Path:
    """The wheel of a source folder (in ``.nox/_wheels``), built when its sources changed since the last build.

    With hatchling importable here (``dev.py`` installs it beside nox) the build skips pip's isolated build
    environment, which would otherwise install hatchling again for every wheel.
    """
    if folder not in _built:
        WHEELS.mkdir(parents=True, exist_ok=True)
        source = ROOT / folder
        name = _project_name(source).replace("-", "_")
        digest, recorded = _source_digest(source), WHEELS / f"{name}.source-digest"
        found = list(WHEELS.glob(f"{name}-*.whl"))
        if len(found) != 1 or not recorded.exists() or recorded.read_text() != digest:
            for old in found:
                old.unlink()
            isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
            command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation]
            subprocess.run([*command, "-w", str(WHEELS), str(source)], check=True)
            recorded.write_text(digest)
        _built[folder] = next(WHEELS.glob(f"{name}-*.whl"))
    return _built[folder]


def _project_name(source: Path) -> str:
    for line in (source / "pyproject.toml").read_text().splitlines():
        if line.startswith("name = "):
            return line.split('"')[1]
    raise RuntimeError(f"no project name in {source / 'pyproject.toml'}")


def _folder(item: str) -> str:
    """``ignite-plugins-loggers[tensorboard]`` or a fixture name -> its source folder (relative to ROOT)."""
    name = item.partition("[")[0]
    if name in DISTRIBUTIONS:
        return DISTRIBUTIONS[name][0]
    return f"tests/fixtures/{name}"


def _install(session: nox.Session, *requirements: str, ours: tuple[str, ...] = ()) -> None:
    """Install third-party ``requirements`` and ``ours`` (our distributions, with extras) from their wheels.

    What a shared layer holds comes from it (see ``LAYERS``); when the layers hold everything, pip installs
    only our wheels, without resolving. Our wheels are force-reinstalled (no deps) whenever
    their sources changed, so a reused venv never runs stale code; a venv whose layers, requirements and wheels
    are exactly those of its last install is left as it is.
    """
    venv = Path(session.virtualenv.location)
    layers = _layers_for(requirements, ours)
    _attach(venv, layers)
    wheels = [(str(_wheel(_folder(item))), item[item.find("[") :] if "[" in item else "") for item in ours]
    digests = [Path(wheel).name + extras + ":" + _digest_of(Path(wheel)) for wheel, extras in wheels]
    stamp = venv / "ignite-install.json"
    # a layer's marker holds constraints.txt and its package list: a changed one means a rebuilt layer
    markers = {layer: (_layer_venv(layer) / "installed.txt").read_bytes() for layer in layers}
    layer_digests = {layer: hashlib.sha256(marker).hexdigest() for layer, marker in markers.items()}
    wanted = json.dumps({"layers": layer_digests, "requirements": requirements, "ours": digests}, indent=1)
    if stamp.exists() and stamp.read_text() == wanted:
        session.log("installs unchanged since the last run of this session: nothing to install")
        return
    stamp.unlink(missing_ok=True)
    if not _held_by(layers, requirements, ours):
        with_extras = [wheel + extras for wheel, extras in wheels]
        _pip_install(session, *CONSTRAINTS, "--find-links", str(WHEELS), *requirements, *with_extras)
    if wheels:
        _pip_install(session, "--no-deps", "--force-reinstall", *(wheel for wheel, _ in wheels))
    stamp.write_text(wanted)


def _held_by(layers: list[str], requirements: tuple[str, ...], ours: tuple[str, ...]) -> bool:
    """Whether ``layers`` hold every third-party package the session needs: its requirements, what our wheels
    require (read from their metadata), and the packages of their extras (held only where a layer lists that
    exact requirement). Then our wheels alone are installed, without pip's resolver (seconds per session)."""
    held = {package for layer in layers for package in LAYERS[layer]}
    names = {canonicalize_name(Requirement(item).name) for item in (*held, *ours)}
    needed = {canonicalize_name(name) for item in ours for name in _dependencies(_wheel(_folder(item)))}
    extras_held = all("[" not in item or item in held for item in ours)
    return set(requirements) <= held and needed <= names and extras_held


def _dependencies(wheel: Path) -> list[str]:
    """The names of the distributions ``wheel`` always requires (Requires-Dist without a marker)."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        lines = archive.read(metadata).decode().splitlines()
    requires = [Requirement(line.partition(":")[2]) for line in lines if line.startswith("Requires-Dist:")]
    return [requirement.name for requirement in requires if requirement.marker is None]


def _digest_of(wheel: Path) -> str:
    """The source digest recorded when ``wheel`` was built."""
    name = wheel.name.split("-")[0]
    return (WHEELS / f"{name}.source-digest").read_text()


def _pip_install(session: nox.Session, *args: str) -> None:
    """``pip install`` into the session venv with the torch layer's pip (session venvs are made without one)."""
    pip = _layer_venv("torch") / "bin" / "python"
    target = Path(session.virtualenv.location) / "bin" / "python"
    session.run(str(pip), "-m", "pip", "--python", str(target), "install", "-q", *args, external=True)


def _pytest(session: nox.Session, *args: str, env: dict[str, str] | None = None) -> None:
    """Run pytest from the repo root; exit code 5 (nothing collected) is reported, not hidden."""
    code = session.run(
        "python",
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        *args,
        *session.posargs,
        env={**TEST_ENV, **(env or {})},
        success_codes=[0, 5],
    )
    if code == 5:
        session.warn(f"pytest collected no test in {args}")


def _everything(loggers_extras: str = "[all]") -> tuple[str, ...]:
    """Core and every first-party plugin; the loggers with ``loggers_extras`` (``[all]``: the trackers layer)."""
    return (
        "ignite-core",
        *(
            name + (loggers_extras if name == "ignite-plugins-loggers" else "")
            for name in FIRST_PARTY_PLUGINS
        ),
    )


# ---------------------------------------------------------------------------------------------------------
# Sessions


@nox.session(venv_params=WITHOUT_PIP)
@nox.parametrize("distribution", list(DISTRIBUTIONS))
def tests(session: nox.Session, distribution: str) -> None:
    """A distribution's tests, with only it, core, the plugins its tests use and its test dependencies."""
    _, extras, test_deps, folder = DISTRIBUTIONS[distribution]
    ours = tuple(dict.fromkeys(("ignite-core", distribution + extras, *TEST_PLUGINS.get(distribution, ()))))
    _install(session, *TEST_TOOLS, *test_deps, ours=ours)
    env = {}
    if distribution in TESTS_WITH_BASELINE:
        env["IGNITE_BASELINE_PYTHON"] = str(_baseline_python(session))
    _pytest(session, folder, env=env)


@nox.session(venv_params=WITHOUT_PIP)
@nox.parametrize("scenario", list(SCENARIOS))
def isolation(session: nox.Session, scenario: str) -> None:
    """Install one subset of distributions and assert exactly what resolves and which errors say what."""
    spec = SCENARIOS[scenario]
    _install(session, *TEST_TOOLS, ours=tuple(spec["install"]))
    _pytest(
        session,
        str(ROOT / "tests" / "isolation" / spec["tests"]),
        env={**spec.get("env", {}), "IGNITE_SCENARIO": scenario},
    )


@nox.session(venv_params=WITHOUT_PIP)
def integration(session: nox.Session) -> None:
    """Everything installed (with every logger SDK): the blog's code end to end."""
    _install(session, *TEST_TOOLS, "scikit-learn", "matplotlib", ours=_everything())
    _pytest(session, "tests/integration")


def _baseline_python(session: nox.Session) -> Path:
    """pytorch-ignite 0.5.5 in a venv of its own (``.nox/ignite055``), sharing the torch install."""
    python = BASELINE / "bin" / "python"
    if not python.exists():
        session.run(sys.executable, "-m", "venv", str(BASELINE), external=True)
    _attach(BASELINE, ["torch", "numeric"])
    probe = subprocess.run(
        [str(python), "-c", "import ignite, sklearn, scipy; print(ignite.__version__)"],
        capture_output=True,
        text=True,
    )
    if probe.stdout.strip() != "0.5.5":
        session.run(
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            *CONSTRAINTS,
            BASELINE_REQUIREMENT,
            "scikit-learn",
            "scipy",
            external=True,
        )
    return python


@nox.session(venv_params=WITHOUT_PIP)
def conformance(session: nox.Session) -> None:
    """Run every scenario of tests/conformance under this project and under pytorch-ignite 0.5.5; compare."""
    _install(session, "scikit-learn", "scipy", "matplotlib", ours=_everything())
    baseline = _baseline_python(session)
    ours = Path(session.virtualenv.location) / "bin" / "python"
    session.run(
        "python",
        str(ROOT / "tests" / "conformance" / "run.py"),
        "--ours",
        str(ours),
        "--baseline",
        str(baseline),
        *session.posargs,
        env={"MLFLOW_DISABLE_TELEMETRY": "true", "MPLBACKEND": "Agg"},
    )


@nox.session(venv_params=WITHOUT_PIP)
def quickstart(session: nox.Session) -> None:
    """Run the quick-start example (the blog's MNIST quick-start, on scikit-learn's digits)."""
    _install(session, "scikit-learn", "matplotlib", ours=_everything("[tensorboard,tqdm,mlflow]"))
    output = ROOT / "runs" / "quickstart"
    session.run(
        "python",
        str(ROOT / "examples" / "quickstart.py"),
        "--output",
        str(output),
        *session.posargs,
        env={"MLFLOW_DISABLE_TELEMETRY": "true", "MPLBACKEND": "Agg"},  # examples/ on sys.path: digits_mnist
    )


@nox.session
def horovod(session: nox.Session) -> None:
    """horovod 0.28.1 (gloo controller, built once per machine and cached outside the repository) and the
    horovod tests: ``horovodrun -np 2 -H localhost:2 --gloo`` and ``horovod.run``."""
    _install(
        session,
        "pytest",
        "pytest-timeout",
        "setuptools",
        "wheel",
        ours=("ignite-core", "ignite-plugins-dist", "ignite-plugins-metrics"),
    )
    python = Path(session.virtualenv.location) / "bin" / "python"
    session.run("python", str(ROOT / "tools" / "build_horovod.py"), "--python", str(python), "--install")
    _pytest(
        session, "tests/ignite_plugins_dist/test_horovod.py", "tests/ignite_plugins_dist/test_backends.py"
    )


@nox.session(default=False, venv_backend="none")
def xla(session: nox.Session) -> None:
    """Opt-in: torch 2.9.0 + torch_xla 2.9.0 (about 4 GB) in a venv of their own, the xla tests on the CPU."""
    script = ROOT / "ignite_plugins_dist" / "ci" / "xla_session.sh"
    session.run("bash", str(script), str(ROOT / ".nox" / "xla"), external=True)


def _source_packages() -> list[str]:
    return [str(ROOT / "core" / "src" / "ignite")] + [
        str(ROOT / DISTRIBUTIONS[n][0] / "src" / n.replace("-", "_")) for n in FIRST_PARTY_PLUGINS
    ]


@nox.session(venv_params=WITHOUT_PIP)
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and mypy --strict on core and every plugin package."""
    _install(
        session,
        "ruff==0.17.6",
        "mypy==2.4.1",
        ours=_everything(),
    )
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy", "--strict", *_source_packages())


@nox.session(name="lint_core_alone", venv_params=WITHOUT_PIP)
def lint_core_alone(session: nox.Session) -> None:
    """mypy --strict on core with no plugin installed (its TYPE_CHECKING view must not need them)."""
    _install(session, "mypy==2.4.1", "pytest", ours=("ignite-core",))
    session.run("mypy", "--strict", str(ROOT / "core" / "src" / "ignite"))


@nox.session(venv_params=WITHOUT_PIP)
def catalogue(session: nox.Session) -> None:
    """Fail when the committed name index differs from the plugins' name tables."""
    _install(session, ours=_everything(""))
    session.run("python", str(ROOT / "tools" / "gen_index.py"), "--check", env={"PYTHONSAFEPATH": "1"})


@nox.session(venv_params=WITHOUT_PIP)
def bench(session: nox.Session) -> None:
    """Engine overhead per iteration and import time, against a bare loop and pytorch-ignite 0.5.5.

    pytorch-ignite 0.5.5 is installed in a venv of its own (``.nox/ignite055``), never beside ours.
    """
    _install(
        session,
        "scikit-learn",
        "torchmetrics",
        ours=(*_everything("[tensorboard,tqdm,mlflow]"), "ignite-plugin-example"),
    )
    env = {"PYTHONSAFEPATH": "1", "IGNITE_BASELINE_PYTHON": str(_baseline_python(session))}
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script), *session.posargs, env=env)


if os.environ.get("CI"):
    nox.options.error_on_missing_interpreters = True
