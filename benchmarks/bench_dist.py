"""idist overhead against raw torch.distributed, measured in the same run.

1. ``idist.all_reduce`` of a small tensor and of a Python number, in one gloo process, against the raw
   ``torch.distributed.all_reduce`` (for the number: tensor, all_reduce, ``.item()``). Target <= 1.05x.
2. ``idist.Parallel(backend="gloo", nproc_per_node=2)`` running a trivial function, against a raw
   ``torch.multiprocessing.spawn`` whose workers call ``init_process_group`` / ``destroy_process_group``.
   Target <= 1.1x.

Usage: ``python benchmarks/bench_dist.py [--baseline OTHER_PYTHON] [--json]``. With ``--baseline`` the same
measurements also run under another interpreter (e.g. one with pytorch-ignite 0.5.5) and both are printed.
Times are the best of several repeats (the minimum is the least noisy estimate on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import time
from collections.abc import Callable
from typing import Any

import torch
import torch.distributed as dist
from torch.multiprocessing.spawn import spawn as mp_spawn


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _best(fn: Callable[[], None], number: int, repeat: int) -> float:
    """Best time per call, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def bench_all_reduce(number: int, repeat: int) -> dict[str, float]:
    import ignite.distributed as idist

    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(_free_port())
    os.environ.setdefault("RANK", "0")
    os.environ.setdefault("WORLD_SIZE", "1")
    os.environ.setdefault("LOCAL_RANK", "0")
    idist.initialize("gloo")
    tensor = torch.ones(4)
    sum_op = dist.ReduceOp.SUM

    def raw_tensor() -> None:
        dist.all_reduce(tensor, op=sum_op)

    def idist_tensor() -> None:
        idist.all_reduce(tensor)

    def raw_number() -> None:
        t = torch.tensor(1.5, dtype=torch.float64)
        dist.all_reduce(t, op=sum_op)
        t.item()

    def idist_number() -> None:
        idist.all_reduce(1.5)

    out: dict[str, float] = {}
    for fn in (raw_tensor, idist_tensor, raw_number, idist_number):  # warm up
        _best(fn, 200, 1)
    for _ in range(3):  # interleave the pairs so that load changes hit both sides
        for name, fn in (
            ("raw_tensor", raw_tensor),
            ("idist_tensor", idist_tensor),
            ("raw_number", raw_number),
            ("idist_number", idist_number),
        ):
            out[name] = min(out.get(name, float("inf")), _best(fn, number, repeat))
    idist.finalize()
    return out


def _raw_worker(local_rank: int, port: int) -> None:
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=local_rank, world_size=2)
    dist.barrier()
    dist.destroy_process_group()


def _trivial(local_rank: int) -> None:
    import ignite.distributed as idist

    idist.barrier()


def bench_startup(repeat: int) -> dict[str, float]:
    import logging

    import ignite.distributed as idist

    logging.getLogger("ignite.distributed.launcher.Parallel").setLevel(logging.WARNING)

    def raw() -> None:
        mp_spawn(_raw_worker, args=(_free_port(),), nprocs=2, join=True)  # type: ignore[no-untyped-call]

    def parallel() -> None:
        with idist.Parallel(backend="gloo", nproc_per_node=2, master_port=_free_port()) as p:
            p.run(_trivial)

    out: dict[str, float] = {}
    for _ in range(repeat):
        for name, fn in (("raw_spawn", raw), ("parallel", parallel)):
            out[name] = min(out.get(name, float("inf")), _best(fn, 1, 1))
    return out


def measure(number: int, repeat: int, startup_repeat: int) -> dict[str, Any]:
    import ignite

    results: dict[str, Any] = {"ignite": getattr(ignite, "__version__", "?"), "torch": torch.__version__}
    results.update(bench_all_reduce(number, repeat))
    results.update(bench_startup(startup_repeat))
    return results


def _table(rows: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| implementation | all_reduce tensor (us) | ratio | all_reduce number (us) | ratio | Parallel start (s) | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in rows.items():
        lines.append(
            f"| {label} (ignite {r['ignite']}) | {r['idist_tensor'] * 1e6:.1f} vs raw {r['raw_tensor'] * 1e6:.1f} | "
            f"{r['idist_tensor'] / r['raw_tensor']:.3f}x | {r['idist_number'] * 1e6:.1f} vs raw "
            f"{r['raw_number'] * 1e6:.1f} | {r['idist_number'] / r['raw_number']:.3f}x | "
            f"{r['parallel']:.2f} vs raw {r['raw_spawn']:.2f} | {r['parallel'] / r['raw_spawn']:.3f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--baseline",
        default=os.environ.get("IGNITE_BASELINE_PYTHON"),
        help="another python to measure too (e.g. with pytorch-ignite 0.5.5; default: IGNITE_BASELINE_PYTHON)",
    )
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON only")
    parser.add_argument("--number", type=int, default=2000, help="calls per timing of all_reduce")
    parser.add_argument("--repeat", type=int, default=5, help="timings per all_reduce measurement")
    parser.add_argument("--startup-repeat", type=int, default=5, help="start-ups per Parallel measurement")
    args = parser.parse_args()
    mine = measure(args.number, args.repeat, args.startup_repeat)
    if args.json:
        print(json.dumps(mine))
        return
    rows = {"this": mine}
    if args.baseline:
        cmd = [args.baseline, os.path.abspath(__file__), "--json", "--number", str(args.number)]
        cmd += ["--repeat", str(args.repeat), "--startup-repeat", str(args.startup_repeat)]
        done = subprocess.run(
            cmd, capture_output=True, text=True, check=True, cwd=os.path.dirname(__file__) or "."
        )
        rows["baseline"] = json.loads(done.stdout.strip().splitlines()[-1])
    print(_table(rows))


if __name__ == "__main__":
    main()
