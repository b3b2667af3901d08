"""The exit-safety helpers: what they observe of torch's backend threads and of a collective's tensors.

The race they guard against (a backend thread releasing tensors during interpreter shutdown) is exercised end
to end by ``test_native_launchers.py::test_processes_exit_cleanly_right_after_finalize``.
"""

from __future__ import annotations

import sys

import pytest
import torch
import torch.distributed as dist

import ignite.distributed as idist
from ignite_plugins_dist import _exit_safety

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/task")


def test_gloo_threads_are_seen_while_the_group_lives() -> None:
    idist.initialize("gloo", timeout=30)
    try:
        states = _exit_safety._torch_thread_states()
        assert states is not None and len(states) >= 1  # pt_gloo_runloop (and the store's thread)
        assert all(len(state) == 1 and state.isalpha() for state in states)
    finally:
        idist.finalize()
    assert not dist.is_initialized()


def test_a_collective_s_tensors_are_released_when_the_wait_returns() -> None:
    dist.init_process_group("gloo", init_method="tcp://127.0.0.1:0", world_size=1, rank=0)
    try:
        sent = torch.arange(3)
        received = [torch.empty(3, dtype=torch.int64)]
        dist.all_gather(received, sent)
        _exit_safety.wait_until_backend_releases(sent, *received)
        assert sent._use_count() == 1 and received[0]._use_count() == 1  # only Python holds them now
        assert received[0].tolist() == [0, 1, 2]
    finally:
        dist.destroy_process_group()


def test_settling_returns_when_torch_threads_are_gone_or_idle() -> None:
    # no group: nothing of torch's runs, it returns at once; with idle threads it returns after its quiet period
    _exit_safety.let_backend_threads_settle()
    dist.init_process_group("gloo", init_method="tcp://127.0.0.1:0", world_size=1, rank=0)
    try:
        _exit_safety.let_backend_threads_settle(quiet_s=0.005, budget_s=5.0)
    finally:
        dist.destroy_process_group()
