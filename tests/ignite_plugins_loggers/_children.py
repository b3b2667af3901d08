"""Checking child processes the writer-process tests start."""

from __future__ import annotations

import os


def reaped(pid: int) -> bool:
    """True when ``pid`` is no longer a child of this process waiting to be reaped (no zombie left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
