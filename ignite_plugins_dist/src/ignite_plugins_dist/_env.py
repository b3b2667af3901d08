"""Where a native process group's topology comes from: arguments, torchrun's ``env://`` or SLURM.

``expand_hostlist`` expands SLURM's compressed host lists (``node[01-04,07],gpu-a[1-2]``).
"""

from __future__ import annotations

import itertools
import os
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Topology", "expand_hostlist", "from_slurm", "from_torchrun", "master_port_for_job"]

_TORCHRUN_VARS = ("RANK", "LOCAL_RANK", "WORLD_SIZE")


@dataclass(frozen=True)
class Topology:
    """Rank layout of one process; ``None`` fields are unknown (computed after the group is up)."""

    rank: int
    world_size: int
    local_rank: int | None = None
    nproc_per_node: int | None = None
    nnodes: int | None = None
    node_rank: int | None = None
    master_addr: str | None = None
    master_port: int | None = None


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                raise ValueError(f"Unbalanced ']' in SLURM host list {text!r}")
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    if depth:
        raise ValueError(f"Unbalanced '[' in SLURM host list {text!r}")
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _expand_range(spec: str, whole: str) -> list[str]:
    out: list[str] = []
    for item in spec.split(","):
        item = item.strip()
        if "-" in item:
            low, high = item.split("-", 1)
            if not (low.isdigit() and high.isdigit()) or int(low) > int(high):
                raise ValueError(f"Bad range {item!r} in SLURM host list {whole!r}")
            width = len(low)
            out.extend(str(n).zfill(width) for n in range(int(low), int(high) + 1))
        elif item.isdigit():
            out.append(item)
        else:
            raise ValueError(f"Bad item {item!r} in SLURM host list {whole!r}")
    return out


def expand_hostlist(hostlist: str) -> list[str]:
    """Expand a SLURM host list: ``"node[01-03,07],login"`` -> ``["node01", "node02", "node03", "node07", "login"]``.

    Several bracket groups in one name give their product (``r[1-2]n[1-2]`` -> ``r1n1, r1n2, r2n1, r2n2``).
    """
    hosts: list[str] = []
    for part in _split_top_level(hostlist):
        pieces = re.split(r"(\[[^\]]*\])", part)
        choices = [_expand_range(p[1:-1], hostlist) if p.startswith("[") else [p] for p in pieces if p]
        hosts.extend("".join(combo) for combo in itertools.product(*choices))
    return hosts


def master_port_for_job(job_id: str) -> int:
    """A port derived from the SLURM job id, the same on every node of the job (15000..19999)."""
    digits = "".join(ch for ch in job_id if ch.isdigit()) or "0"
    return 15000 + int(digits[-4:]) % 5000


def _int(env: Mapping[str, str], name: str) -> int:
    value = env[name]
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"Environment variable {name}={value!r} should be an integer") from None


def from_torchrun(env: Mapping[str, str]) -> Topology | None:
    """The topology torchrun (or any ``env://`` launcher) exported, or ``None`` without ``RANK``/``WORLD_SIZE``."""
    if "RANK" not in env or "WORLD_SIZE" not in env:
        return None
    world_size = _int(env, "WORLD_SIZE")
    local_world = _int(env, "LOCAL_WORLD_SIZE") if "LOCAL_WORLD_SIZE" in env else None
    nnodes = None
    if local_world:
        nnodes = world_size // local_world
    return Topology(
        rank=_int(env, "RANK"),
        world_size=world_size,
        local_rank=_int(env, "LOCAL_RANK") if "LOCAL_RANK" in env else None,
        nproc_per_node=local_world,
        nnodes=nnodes,
        node_rank=_int(env, "GROUP_RANK") if "GROUP_RANK" in env else None,
        master_addr=env.get("MASTER_ADDR"),
        master_port=_int(env, "MASTER_PORT") if "MASTER_PORT" in env else None,
    )


def from_slurm(env: Mapping[str, str]) -> Topology | None:
    """The topology of a SLURM job step (``srun``), or ``None`` outside SLURM.

    Uses ``SLURM_PROCID``, ``SLURM_LOCALID``, ``SLURM_NTASKS``, ``SLURM_JOB_NUM_NODES``, ``SLURM_NODEID``
    and the first host of ``SLURM_JOB_NODELIST`` as master (``MASTER_ADDR``/``MASTER_PORT`` win if set).
    """
    if "SLURM_JOB_ID" not in env or "SLURM_PROCID" not in env:
        return None
    missing = [v for v in ("SLURM_LOCALID", "SLURM_NTASKS", "SLURM_JOB_NODELIST") if v not in env]
    if missing:
        raise RuntimeError(
            f"SLURM job detected (SLURM_JOB_ID, SLURM_PROCID) but {', '.join(missing)} are not set: start the "
            "processes with srun"
        )
    world_size = _int(env, "SLURM_NTASKS")
    nnodes = _int(env, "SLURM_JOB_NUM_NODES") if "SLURM_JOB_NUM_NODES" in env else None
    if nnodes is None and "SLURM_NNODES" in env:
        nnodes = _int(env, "SLURM_NNODES")
    hosts = expand_hostlist(env["SLURM_JOB_NODELIST"])
    if nnodes is None:
        nnodes = len(hosts)
    nproc = world_size // nnodes if nnodes and world_size % nnodes == 0 else None
    master_port = (
        _int(env, "MASTER_PORT") if "MASTER_PORT" in env else master_port_for_job(env["SLURM_JOB_ID"])
    )
    return Topology(
        rank=_int(env, "SLURM_PROCID"),
        world_size=world_size,
        local_rank=_int(env, "SLURM_LOCALID"),
        nproc_per_node=nproc,
        nnodes=nnodes,
        node_rank=_int(env, "SLURM_NODEID") if "SLURM_NODEID" in env else None,
        master_addr=env.get("MASTER_ADDR", hosts[0]),
        master_port=master_port,
    )


def from_environment(env: Mapping[str, str] | None = None) -> Topology | None:
    """torchrun's variables when complete, else SLURM's, else ``None``."""
    env = os.environ if env is None else env
    torchrun = from_torchrun(env)
    slurm = from_slurm(env)
    if torchrun is not None and slurm is not None and all(v in env for v in _TORCHRUN_VARS):
        warnings.warn(
            "Both SLURM and torchrun-style variables (RANK, LOCAL_RANK, WORLD_SIZE) are set; using the latter",
            stacklevel=3,
        )
        return torchrun
    return slurm if slurm is not None else torchrun
