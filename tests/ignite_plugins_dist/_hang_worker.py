"""The worker of test_native_hangs.py: diverging ranks, each scenario in a fresh 2-process gloo group.

Every scenario records, per rank, ``(exception type, message)`` of the scenario body and of the
``idist.finalize()`` that follows (``None`` when it passed) in ``<out>/rank<r>.pkl``.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

import ignite.distributed as idist
from ignite.distributed.utils import _set_model
from ignite_plugins_dist.native import NativeDistModel

TIMEOUT = 2.0


def _outcome(fn: Callable[[], Any]) -> tuple[str, str] | None:
    try:
        fn()
    except Exception as exc:
        return type(exc).__name__, str(exc)
    return None


def unchecked(rank: int) -> None:
    """With check_collectives=False (no headers, the all_reduce fast path) collectives still agree."""
    values = [
        idist.all_reduce(torch.tensor([rank + 1.0])).tolist(),
        idist.all_reduce(rank + 1),
        idist.all_reduce(rank + 0.5, op="MAX"),
        idist.all_gather(torch.arange(rank + 1)).tolist(),
        idist.broadcast("x" if rank == 0 else "", src=0),
    ]
    idist.barrier()
    expected = [[3.0], 3, 1.5, [0, 0, 1], "x"]
    if values != expected:
        raise AssertionError(f"unchecked collectives gave {values}, expected {expected}")


def one_rank_only(rank: int) -> None:
    if rank == 0:
        idist.all_reduce(torch.ones(3))


def different_metric_keys(rank: int) -> None:
    state = {"correct": torch.tensor([3.0]), "total": torch.tensor([5.0])}
    if rank == 1:
        state["extra"] = torch.tensor([1.0])
    for key in sorted(state):
        idist.all_reduce(state[key])
    idist.all_gather(sorted(state))


def unequal_list_lengths(rank: int) -> None:
    values = [1.0, 2.0, 3.0] if rank == 0 else [1.0, 2.0]
    idist.all_reduce(torch.tensor(values))


def unequal_list_items(rank: int) -> None:
    for value in range(3 if rank == 0 else 2):
        idist.all_reduce(value)
    idist.barrier()


def different_dtypes(rank: int) -> None:
    idist.all_gather(torch.zeros(2, dtype=torch.float32 if rank == 0 else torch.float64))


def different_src(rank: int) -> None:
    idist.broadcast(torch.zeros(2), src=rank)


def refused_after_failure(rank: int) -> None:
    try:
        idist.all_reduce(torch.ones(rank + 1))
    except RuntimeError:
        idist.barrier()


def late_rank(rank: int) -> None:
    if rank == 1:
        time.sleep(TIMEOUT * 2)
    idist.all_reduce(torch.ones(1))


def dying_rank(rank: int) -> None:
    if rank == 1:
        os._exit(0)
    idist.all_reduce(torch.ones(1))


SCENARIOS: dict[str, Callable[[int], None]] = {
    "unchecked": unchecked,
    "one_rank_only": one_rank_only,
    "different_metric_keys": different_metric_keys,
    "unequal_list_lengths": unequal_list_lengths,
    "unequal_list_items": unequal_list_items,
    "different_dtypes": different_dtypes,
    "different_src": different_src,
    "refused_after_failure": refused_after_failure,
    "late_rank": late_rank,
    "dying_rank": dying_rank,  # last: rank 1 exits
}


def worker(rank: int, out: str) -> None:
    """Entry point for ``torch.multiprocessing.spawn`` (rank = process index)."""
    out_dir = Path(out)
    results: dict[str, Any] = {}
    for index, (name, body) in enumerate(SCENARIOS.items()):
        model = NativeDistModel(
            "gloo",
            init_method=f"file://{out_dir / f'store{index}'}",
            rank=rank,
            world_size=2,
            timeout=TIMEOUT,
            check_collectives=name != "unchecked",
        )
        assert model.checks_collectives == (name != "unchecked")
        _set_model(model)
        error = _outcome(lambda body=body: body(rank))
        results[name] = (error, _outcome(idist.finalize))
        with open(out_dir / f"rank{rank}.pkl", "wb") as fh:
            pickle.dump(results, fh)
