"""Install-subset scenarios: which distributions (with extras) each isolation venv gets, and its environment.

Read by the lead's ``noxfile.py`` (``nox -s isolation``), which for each scenario creates a fresh pip venv,
installs ``install`` non-editably with ``-c constraints.txt``, and runs
``python -m pytest tests/isolation/<tests>`` with ``PYTHONSAFEPATH=1``, ``IGNITE_PLUGINS_STRICT=1``,
``IGNITE_SCENARIO=<scenario name>`` and the scenario's ``env`` on top.

``install`` items are distribution names of this repository (``ignite-plugins-loggers[tensorboard]``) or
folder names under ``tests/fixtures/`` (the fake third-party plugins). ``distributions`` is exactly the set
of ignite distributions the scenario's tests expect to find installed (checked by ``conftest.py``).
"""

from __future__ import annotations

from typing import TypedDict


class Scenario(TypedDict):
    """One isolation venv."""

    install: list[str]
    distributions: list[str]
    env: dict[str, str]
    tests: str


_FIRST_PARTY = [
    "ignite-core",
    "ignite-plugins-metrics",
    "ignite-plugins-handlers",
    "ignite-plugins-loggers[tensorboard,tqdm]",
    "ignite-plugins-dist",
]
_FIRST_PARTY_DISTS = [item.partition("[")[0] for item in _FIRST_PARTY]

SCENARIOS: dict[str, Scenario] = {
    "core_alone": {
        "install": ["ignite-core"],
        "distributions": ["ignite-core"],
        "env": {},
        "tests": "test_core_alone.py",
    },
    "core_metrics": {
        "install": ["ignite-core", "ignite-plugins-metrics"],
        "distributions": ["ignite-core", "ignite-plugins-metrics"],
        "env": {},
        "tests": "test_core_metrics.py",
    },
    "core_loggers_bare": {
        "install": ["ignite-core", "ignite-plugins-loggers"],
        "distributions": ["ignite-core", "ignite-plugins-loggers"],
        "env": {},
        "tests": "test_core_loggers_bare.py",
    },
    "core_loggers_tensorboard": {
        "install": ["ignite-core", "ignite-plugins-loggers[tensorboard]"],
        "distributions": ["ignite-core", "ignite-plugins-loggers"],
        "env": {},
        "tests": "test_core_loggers_tensorboard.py",
    },
    "core_example_plugin": {
        "install": ["ignite-core", "ignite-plugin-example"],
        "distributions": ["ignite-core", "ignite-plugin-example"],
        "env": {},
        "tests": "test_core_example_plugin.py",
    },
    "everything_one_disabled": {
        "install": [*_FIRST_PARTY, "ignite-plugin-example"],
        "distributions": [*_FIRST_PARTY_DISTS, "ignite-plugin-example"],
        "env": {"IGNITE_DISABLE_PLUGINS": "metrics"},
        "tests": "test_everything_one_disabled.py",
    },
    "everything_broken_plugin": {
        "install": [*_FIRST_PARTY, "ignite-plugin-example", "ignite-plugin-broken"],
        "distributions": [*_FIRST_PARTY_DISTS, "ignite-plugin-example", "ignite-plugin-broken"],
        # a broken plugin must cost one warning, not an error: the default test env sets strict mode
        "env": {"IGNITE_PLUGINS_STRICT": "0"},
        "tests": "test_everything_broken_plugin.py",
    },
}
