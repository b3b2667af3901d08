"""Isolation tests run only inside their scenario's venv (``nox -s isolation``), where ``IGNITE_SCENARIO``
names the scenario; elsewhere they are skipped with the command that runs them. Inside it, the installed
ignite distributions must be exactly the scenario's, installed non-editably."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import distributions
from pathlib import Path

import pytest
from scenarios import SCENARIOS

HERE = Path(__file__).parent
_BY_FILE = {spec["tests"]: name for name, spec in SCENARIOS.items()}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    current = os.environ.get("IGNITE_SCENARIO")
    for item in items:
        wanted = _BY_FILE.get(item.path.name)
        if wanted is None:
            continue
        if current != wanted:
            item.add_marker(
                pytest.mark.skip(reason=f"runs in its own venv: nox -s 'isolation(scenario=\"{wanted}\")'")
            )


def installed_ignite_distributions() -> set[str]:
    """Normalized names of the installed distributions that belong to ignite (ours, fixtures, pytorch-ignite)."""
    names = {_normalize(d.metadata["Name"]) for d in distributions()}
    return {n for n in names if n.startswith("ignite") or n == "pytorch-ignite"}


@pytest.fixture(scope="session", autouse=True)
def scenario_installation() -> Iterator[str | None]:
    """Check that the venv holds exactly the scenario's distributions, installed (not the source tree)."""
    name = os.environ.get("IGNITE_SCENARIO")
    if name is None:
        yield None
        return
    spec = SCENARIOS[name]
    assert installed_ignite_distributions() == {_normalize(d) for d in spec["distributions"]}
    import ignite

    assert "site-packages" in Path(ignite.__file__).parts, f"ignite imported from {ignite.__file__}"
    yield name


@pytest.fixture(autouse=True)
def fresh_host() -> Iterator[None]:
    """Each test starts from a host built from the environment (a test may block or reset)."""
    import ignite.plugins

    ignite.plugins.reset()
    yield
    ignite.plugins.unblock()
    ignite.plugins.reset()


def _run_plugins_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ignite.plugins", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONSAFEPATH": "1"},
        timeout=300,
    )


@pytest.fixture
def plugins_cli() -> object:
    """``plugins_cli(*args)``: run ``python -m ignite.plugins *args`` in a fresh interpreter of this venv."""
    return _run_plugins_cli


@pytest.fixture
def version():
    """``version(distribution)``: its installed version."""
    from importlib.metadata import version as installed

    return installed
