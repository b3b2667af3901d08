"""Running a ClearML scenario in a child process, shared by the ClearML test modules.

ClearML keeps one task per process, creating it takes seconds, and closing an offline task sometimes waits
minutes on ClearML's own reporter. So each module runs its scenario once, in a fresh interpreter that starts an
offline task (:func:`offline_task`), prints ``RESULT <json>`` and leaves with ``os._exit`` without closing it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest


def offline_task(task_name: str) -> str:
    """Code starting an offline ClearML task named ``task_name`` (as ``task``); ``ClearMLLogger`` is imported."""
    return f"""
clearml.Task.set_offline(True)
ClearMLLogger.set_bypass_mode(False)  # CI sets CI=true, which would otherwise turn bypass mode on
task = clearml.Task.init(
    project_name="ignite-tests", task_name={task_name!r}, auto_connect_frameworks=False,
    auto_resource_monitoring=False, auto_connect_streams=False, auto_connect_arg_parser=False,
    reuse_last_task_id=False,
)
"""


def run_child(tmp_path_factory: pytest.TempPathFactory, script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` with ``args`` in a fresh interpreter with its own ClearML home; return its RESULT."""
    home = tmp_path_factory.mktemp("clearml_home")
    # ClearML reports through a subprocess by default, which keeps the output pipe open for half a minute after
    # the child leaves: report from a thread instead
    (home / "clearml.conf").write_text("sdk { development { report_use_subprocess: false } }\n")
    env = {**os.environ, "HOME": str(home), "CLEARML_CACHE_DIR": str(home / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=home, timeout=300
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, out.stdout[-2000:] + out.stderr[-4000:]
    result: dict[str, Any] = json.loads(lines[0][len("RESULT ") :])
    return result
