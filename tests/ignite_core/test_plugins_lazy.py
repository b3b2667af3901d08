"""``import ignite`` and ``import ignite.engine`` scan no entry point and import no plugin (fresh interpreters)."""

from __future__ import annotations

import os
import subprocess
import sys

COUNT_SCANS = """
import importlib.metadata as metadata
scans = []
original = metadata.entry_points
def counting(*args, **kwargs):
    if kwargs.get("group") == "ignite.plugins" or not kwargs:  # torch scans its own groups
        scans.append(kwargs.get("group"))
    return original(*args, **kwargs)
metadata.entry_points = counting
"""


def run(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    env.pop("IGNITE_TRACE_PLUGINS", None)
    return subprocess.run(
        [sys.executable, *flags, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
    )


def imported_modules(importtime_stderr: str) -> list[str]:
    return [
        line.rsplit("|", 1)[-1].strip()
        for line in importtime_stderr.splitlines()
        if line.startswith("import time:")
    ]


def test_import_ignite_and_engine_load_no_plugin_module() -> None:
    result = run("import ignite, ignite.engine", "-X", "importtime")
    modules = imported_modules(result.stderr)
    assert "ignite.engine" in modules
    assert [m for m in modules if m.startswith(("ignite.plugins", "ignite_plugins", "pluggy"))] == []


def test_import_ignite_and_engine_scan_no_entry_points() -> None:
    result = run(COUNT_SCANS + "import ignite, ignite.engine\nprint(len(scans))")
    assert result.stdout.strip() == "0"


def test_import_ignite_plugins_is_cheap() -> None:
    result = run(
        "import ignite.plugins, sys\nprint('pluggy' in sys.modules, 'importlib.metadata' in sys.modules)"
    )
    assert result.stdout.split() == ["False", "False"]


def test_first_facade_lookup_scans_once_and_later_lookups_do_not() -> None:
    code = COUNT_SCANS + (
        "import ignite.handlers\n"
        "print(len(scans))\n"
        "ignite.handlers.BaseLogger\n"  # a core name: no scan needed
        "print(len(scans))\n"
        "try:\n"
        "    ignite.handlers.EarlyStopping\n"
        "except ImportError:\n"
        "    pass\n"
        "try:\n"
        "    ignite.handlers.Timer\n"
        "except ImportError:\n"
        "    pass\n"
        "print(len(scans), scans[0])\n"
    )
    assert run(code).stdout.split() == ["0", "0", "1", "ignite.plugins"]
