"""What the two distributed-metric workers share: running a case and the per-rank split of its batches."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import torch

import ignite.distributed as idist

Case = tuple[Callable[[], Any], list[Any]]
"""A metric factory and the batches it is fed."""


def plain(value: Any) -> Any:
    """A metric result as nested lists, dicts and floats (picklable and comparable across processes)."""
    if isinstance(value, torch.Tensor):
        return value.tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return float(value)


def run_case(factory: Callable[[], Any], batches: list[Any]) -> Any:
    metric = factory()
    for batch in batches:
        metric.update(batch)
    return plain(metric.compute())


def run_ranks(cases: Mapping[str, Case], cut: int, out_dir: str) -> None:
    """Feed rank 0 the first ``cut`` batches of each case (none for ``-rank0-idle`` cases) and rank 1 the rest;
    pickle this rank's results (or the error a case raised, so one failing metric does not hide the others)."""
    rank = idist.get_rank()
    results = {}
    for name, (factory, batches) in cases.items():
        split = 0 if name.endswith("-rank0-idle") else cut
        mine = batches[:split] if rank == 0 else batches[split:]
        try:
            results[name] = run_case(factory, mine)
        except Exception as exc:
            results[name] = f"{type(exc).__name__}: {exc}"
    with open(Path(out_dir) / f"rank{rank}.pkl", "wb") as fh:
        pickle.dump(results, fh)
