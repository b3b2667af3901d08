"""Leave torch's backend threads nothing to release once the interpreter starts shutting down.

A backend worker thread (gloo's ``pt_gloo_runloop``) drops its references to a finished collective's tensors
a moment after the caller has resumed. Releasing a tensor that Python has seen needs the GIL. If that happens
after the interpreter has started its shutdown, Python ends the thread inside C++ code and the whole process
aborts ("terminate called without an active exception"). torch keeps a destroyed gloo group, and so its
threads, alive whenever ``torch._dynamo`` has been imported (creating an optimizer or a DDP model does), so a
process that exits right after ``finalize`` can hit this; a loaded machine, where those threads wait for a
CPU, makes it likely.
"""

from __future__ import annotations

import time
from pathlib import Path

import torch

__all__ = ["let_backend_threads_settle", "wait_until_backend_releases"]

_TASKS = Path("/proc/self/task")
# torch names its backend threads pt_* (pt_gloo_runloop, pt_nccl_watchdg, pt_tcpstore_uv, ...)
_TORCH_THREAD_PREFIX = "pt_"


def wait_until_backend_releases(*tensors: torch.Tensor, timeout_s: float = 5.0) -> None:
    """Wait (at most ``timeout_s``) until no backend thread holds a reference to ``tensors`` any more."""
    use_count = getattr(torch.Tensor, "_use_count", None)  # references held by C++, Python's one included
    if use_count is None:
        return
    deadline = time.monotonic() + timeout_s
    while any(use_count(t) > 1 for t in tensors) and time.monotonic() < deadline:
        time.sleep(0.0005)


def _torch_thread_states() -> list[str] | None:
    """The scheduler state (``R``, ``S``, ``D``, ...) of each of torch's threads; ``None`` where unknown."""
    if not _TASKS.is_dir():
        return None
    states = []
    for task in _TASKS.iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        name, _, rest = stat.partition("(")[2].rpartition(")")
        if name.startswith(_TORCH_THREAD_PREFIX):
            states.append(rest.split()[0])
    return states


def let_backend_threads_settle(quiet_s: float = 0.01, budget_s: float = 0.2) -> None:
    """After a group is destroyed: if torch's backend threads still run, hand them the GIL (by sleeping) until
    none has been runnable for ``quiet_s`` seconds, at most ``budget_s``. Returns at once when they are gone."""
    states = _torch_thread_states()
    if states is not None and not states:
        return
    start = last_busy = time.monotonic()
    while True:
        time.sleep(0.001)
        now = time.monotonic()
        states = _torch_thread_states()
        if states is None or any(state in ("R", "D") for state in states):
            last_busy = now
        if now - last_busy >= quiet_s or now - start >= budget_s:
            return
