"""Run by test_native_launchers.py under torchrun or as SLURM-like independent processes; prints RESULT lines."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import torch
import torch.distributed as dist

import ignite.distributed as idist


def emit(**values: Any) -> None:
    """Append one result line to this rank's file in $DIST_TEST_OUT (stdout lines of ranks can interleave)."""
    rank = int(os.environ.get("RANK", os.environ.get("SLURM_PROCID", -1)))
    with open(Path(os.environ["DIST_TEST_OUT"]) / f"rank{rank}.jsonl", "a") as fh:
        fh.write(json.dumps({"rank": rank, **values}) + "\n")


def topology() -> list[Any]:
    return [
        idist.model_name(),
        idist.backend(),
        idist.get_rank(),
        idist.get_world_size(),
        idist.get_local_rank(),
        idist.get_nproc_per_node(),
        idist.get_nnodes(),
        idist.get_node_rank(),
    ]


def in_parallel(local_rank: int, tag: str) -> None:
    emit(
        step="parallel",
        tag=tag,
        local_rank=local_rank,
        topology=topology(),
        gathered=idist.all_gather(idist.get_rank()),
    )


def torchrun() -> None:
    dist.init_process_group("gloo")  # the user's own process group
    emit(
        step="adopted",
        topology=topology(),
        reduced=idist.all_reduce(torch.tensor([idist.get_rank() + 1])).tolist(),
    )
    idist.sync()
    emit(step="synced", topology=topology(), gathered=idist.all_gather("r" + str(idist.get_rank())))
    idist.barrier()
    dist.destroy_process_group()
    idist.sync()
    emit(step="after_destroy", topology=topology())


def torchrun_parallel() -> None:
    # A second group on torchrun's store in the same job can read the first one's stale keys: its own launch.
    with idist.Parallel(backend="gloo") as parallel:
        parallel.run(in_parallel, "torchrun")
    emit(step="after_parallel", initialized=dist.is_initialized(), topology=topology())


def make_optimizer(local_rank: int) -> None:
    # Creating an optimizer makes torch keep the gloo group's worker threads alive after it is destroyed.
    torch.optim.SGD(torch.nn.Linear(2, 2).parameters(), lr=0.1)


def exit_after_parallel() -> None:
    """The interpreter exits right after finalize while torch still holds the destroyed group's threads."""
    with idist.Parallel(backend="gloo") as parallel:
        parallel.run(make_optimizer)


def slurm() -> None:
    idist.initialize("gloo")
    emit(step="initialized", topology=topology(), hosts=idist.all_gather(idist.hostname()))
    if idist.get_rank() == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    try:
        idist.all_reduce(torch.ones(1))
    except Exception as exc:
        emit(step="peer_died", error=[type(exc).__name__, str(exc)])
    idist.finalize()  # destroys the broken group before the interpreter exits


def in_node(local_rank: int) -> None:
    emit(step="node", local_rank=local_rank, topology=topology(), gathered=idist.all_gather(idist.get_rank()))


def node() -> None:
    """One of two "nodes" on this machine: Parallel spawns 1 process per node."""
    node_rank, port = int(sys.argv[2]), int(sys.argv[3])
    with idist.Parallel(
        backend="gloo",
        nproc_per_node=1,
        nnodes=2,
        node_rank=node_rank,
        master_addr="127.0.0.1",
        master_port=port,
    ) as parallel:
        parallel.run(in_node)


if __name__ == "__main__":
    modes = {
        "torchrun": torchrun,
        "torchrun_parallel": torchrun_parallel,
        "exit_after_parallel": exit_after_parallel,
        "slurm": slurm,
        "node": node,
    }
    modes[sys.argv[1]]()
