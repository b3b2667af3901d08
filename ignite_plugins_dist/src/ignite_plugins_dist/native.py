"""``NativeDistModel``: the ``torch.distributed`` computation model for the ``nccl``, ``gloo`` and ``mpi`` backends.

Created by ``idist.initialize(backend)`` (from arguments, torchrun's ``env://`` variables or a SLURM job),
by :meth:`NativeDistModel.spawn` (``idist.Parallel(backend, nproc_per_node=...)``), or adopting a process
group the user created (``idist.sync()`` / the plugin's ``ignite_dist_model_from_context``). Collectives
are checked and time-limited (see :mod:`ignite_plugins_dist._guard`).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, ClassVar, Final

import torch
import torch.distributed as dist
from torch import nn

from ignite_plugins_dist._env import Topology, from_environment
from ignite_plugins_dist._exit_safety import let_backend_threads_settle, wait_until_backend_releases
from ignite_plugins_dist._guard import GuardedModel
from ignite_plugins_dist._topology import StoredTopology

__all__ = ["NativeDistModel", "_NativeDistModel"]

NCCL: Final = "nccl"
GLOO: Final = "gloo"
MPI: Final = "mpi"
_logger = logging.getLogger("ignite.distributed.auto")


def _available() -> tuple[str, ...]:
    if not dist.is_available():
        return ()
    out = []
    if dist.is_nccl_available() and torch.cuda.is_available():
        out.append(NCCL)
    if dist.is_gloo_available():
        out.append(GLOO)
    if dist.is_mpi_available():
        out.append(MPI)
    return tuple(out)


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


_REDUCE_OPS: dict[str, Any] = {}
if dist.is_available():
    _REDUCE_OPS = {
        "SUM": dist.ReduceOp.SUM,
        "PRODUCT": dist.ReduceOp.PRODUCT,
        "MIN": dist.ReduceOp.MIN,
        "MAX": dist.ReduceOp.MAX,
        "AND": dist.ReduceOp.BAND,
        "OR": dist.ReduceOp.BOR,
    }


_FAST_OPS = {key: _REDUCE_OPS[key] for key in ("SUM", "PRODUCT", "MIN", "MAX")} if _REDUCE_OPS else {}
_FAST_DTYPES = frozenset(
    {torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.int32, torch.int64}
)


class NativeDistModel(GuardedModel, StoredTopology):
    """``torch.distributed`` process group with the ``nccl``, ``gloo`` or ``mpi`` backend.

    Args:
        backend: the backend to initialize; ``None`` adopts the process group already initialized.
        timeout: collective timeout (``timedelta`` or seconds; default ``IGNITE_DIST_TIMEOUT`` or 600 s).
        init_method: ``torch.distributed`` init URL; default ``tcp://MASTER_ADDR:MASTER_PORT`` from the
            environment (torchrun, SLURM) or a free local port for a single process.
        world_size, rank: the topology, when not taken from the environment.
        check_collectives: exchange headers to detect diverging processes (default ``IGNITE_DIST_CHECKS``, on).
        kwargs: more ``init_process_group`` arguments; ``local_rank``, ``nproc_per_node``, ``nnodes`` and
            ``node_rank`` may also be given (spawned workers do).
    """

    name: ClassVar[str] = "native-dist"
    available_backends: ClassVar[tuple[str, ...]] = _available()

    def __init__(
        self,
        backend: str | None = None,
        timeout: timedelta | float | None = None,
        init_method: str | None = None,
        world_size: int | None = None,
        rank: int | None = None,
        check_collectives: bool | None = None,
        **kwargs: Any,
    ) -> None:
        layout = {
            key: kwargs.pop(key, None) for key in ("local_rank", "nproc_per_node", "nnodes", "node_rank")
        }
        self._setup_guard(check_collectives, timeout)
        self._env_set: dict[str, str | None] = {}
        self._finalizing = False
        if backend is None:
            if not (dist.is_available() and dist.is_initialized()):
                raise RuntimeError(
                    "NativeDistModel() without backend adopts an initialized torch.distributed process group, "
                    "but there is none: call idist.initialize('gloo') (or 'nccl') instead"
                )
            self._adopt_timeout(timeout)
            topo = self._adopted_topology()
        else:
            topo = self._init_group(backend, init_method, world_size, rank, layout)
        self._backend: str = str(dist.get_backend())
        self._rank = dist.get_rank()
        self._world_size = dist.get_world_size()
        self._local_rank, self._nproc, self._nnodes, self._node_rank = self._complete_layout(topo, layout)
        self._device = self._pick_device()
        # No header to exchange: the all_reduce fast path applies (broken groups take the checked path).
        self._fast = self._world_size == 1 or not self._checks
        self._cpu = self._device.type == "cpu"
        if self._backend == NCCL and self._device.type == "cuda":
            torch.cuda.set_device(self._device)

    # ------------------------------------------------------------------ creation
    @classmethod
    def unavailable_reason(cls, backend: str) -> str:
        """Why ``backend`` cannot be initialized here ('' when it can)."""
        if not dist.is_available():
            return f"this torch ({torch.__version__}) is built without torch.distributed"
        if backend == MPI and not dist.is_mpi_available():
            return (
                f"this torch ({torch.__version__}) is built without MPI support (torch.distributed.is_mpi_available() "
                "is False): build torch from source with MPI installed, or use the 'gloo' backend on CPUs"
            )
        if backend == NCCL and not dist.is_nccl_available():
            return f"this torch ({torch.__version__}) is built without NCCL: install a CUDA build of torch"
        if backend == NCCL and not torch.cuda.is_available():
            return "nccl needs CUDA GPUs and none is visible: use the 'gloo' backend on CPUs"
        if backend == GLOO and not dist.is_gloo_available():
            return f"this torch ({torch.__version__}) is built without gloo"
        return ""

    def _init_group(
        self,
        backend: str,
        init_method: str | None,
        world_size: int | None,
        rank: int | None,
        layout: Mapping[str, int | None],
    ) -> Topology:
        if backend not in self.available_backends:
            reason = self.unavailable_reason(backend) or f"unknown backend {backend!r}"
            raise ValueError(f"Cannot initialize torch.distributed backend {backend!r}: {reason}")
        if dist.is_initialized():
            raise RuntimeError(
                "torch.distributed is already initialized: use idist.sync() to adopt its process group, or "
                "destroy it first"
            )
        if (rank is None) != (world_size is None):
            raise ValueError(
                "Give both rank and world_size, or neither (then they come from the environment)"
            )
        env_topo = from_environment()
        if rank is not None and world_size is not None:
            topo = Topology(rank=rank, world_size=world_size, local_rank=layout.get("local_rank"))
            if env_topo is not None:
                topo = Topology(
                    rank,
                    world_size,
                    topo.local_rank,
                    master_addr=env_topo.master_addr,
                    master_port=env_topo.master_port,
                )
        elif env_topo is not None:
            topo = env_topo
        elif init_method is not None and not init_method.startswith("env://"):
            raise ValueError(
                f"init_method={init_method!r} needs rank and world_size (or RANK and WORLD_SIZE set)"
            )
        else:
            topo = Topology(rank=0, world_size=1, local_rank=0, nproc_per_node=1, nnodes=1, node_rank=0)
        if init_method is None or init_method.startswith("env://"):
            addr = topo.master_addr or os.environ.get("MASTER_ADDR") or "127.0.0.1"
            port = topo.master_port or (
                int(os.environ["MASTER_PORT"]) if "MASTER_PORT" in os.environ else None
            )
            if port is None:
                if topo.world_size > 1:
                    raise ValueError(
                        f"{topo.world_size} processes need a rendezvous: set MASTER_ADDR and MASTER_PORT, or pass "
                        "init_method='tcp://host:port'"
                    )
                port = _free_port(addr)
            init_method = f"tcp://{addr}:{port}"
        local_rank = topo.local_rank if topo.local_rank is not None else layout.get("local_rank")
        if backend == NCCL and local_rank is not None:
            torch.cuda.set_device(local_rank)
        dist.init_process_group(
            backend,
            init_method=init_method,
            world_size=topo.world_size,
            rank=topo.rank,
            timeout=timedelta(seconds=self._timeout_s),
        )
        self._export_env(topo.rank, topo.world_size, local_rank)
        return topo

    def _export_env(self, rank: int, world_size: int, local_rank: int | None) -> None:
        """Set RANK/WORLD_SIZE/LOCAL_RANK for user code if missing; :meth:`finalize` restores them."""
        for key, value in (("RANK", rank), ("WORLD_SIZE", world_size), ("LOCAL_RANK", local_rank)):
            if value is not None and key not in os.environ:
                self._env_set[key] = None
                os.environ[key] = str(value)

    def _adopt_timeout(self, timeout: timedelta | float | None) -> None:
        """Apply a given timeout to the adopted group, else report the group's own timeout."""
        from torch.distributed import distributed_c10d as c10d

        try:
            if timeout is not None:
                c10d._set_pg_timeout(timedelta(seconds=self._timeout_s), None)
                return
            backend = c10d._get_default_group()._get_backend(torch.device("cpu"))
            self._timeout_s = float(backend.options._timeout.total_seconds())
        except (AttributeError, RuntimeError, ValueError):
            pass  # this torch cannot tell or change it: messages quote the configured value

    def _adopted_topology(self) -> Topology:
        topo = from_environment()
        rank, world_size = dist.get_rank(), dist.get_world_size()
        local_rank = self._ext_local_rank
        if topo is not None and topo.rank == rank and topo.world_size == world_size:
            if local_rank is not None:
                topo = Topology(
                    rank, world_size, local_rank, topo.nproc_per_node, topo.nnodes, topo.node_rank
                )
            return topo
        return Topology(rank=rank, world_size=world_size, local_rank=local_rank)

    def _complete_layout(self, topo: Topology, layout: Mapping[str, int | None]) -> tuple[int, int, int, int]:
        local_rank = layout.get("local_rank")
        local_rank = topo.local_rank if local_rank is None else local_rank
        nproc = layout.get("nproc_per_node") or topo.nproc_per_node
        nnodes = layout.get("nnodes") or topo.nnodes
        node_rank = layout.get("node_rank")
        node_rank = topo.node_rank if node_rank is None else node_rank
        if self._world_size == 1:
            return local_rank or 0, 1, 1, 0
        if None not in (local_rank, nproc, nnodes, node_rank):
            return local_rank, nproc, nnodes, node_rank  # type: ignore[return-value]
        # Compute what is missing from the hosts of all processes (one collective, on every rank).
        self._device = (
            torch.device("cpu") if self._backend_name() != NCCL else torch.device("cuda", local_rank or 0)
        )
        with self._failing("initialize (gathering host names)"):
            hosts = [h.decode() for h in self._all_gather_bytes(socket.gethostname().encode(), None)]
        mine = hosts[self._rank]
        nodes = list(dict.fromkeys(hosts))
        same = [r for r, h in enumerate(hosts) if h == mine]
        if local_rank is None:
            local_rank = same.index(self._rank)
        return (
            local_rank,
            nproc or len(same),
            nnodes or len(nodes),
            (nodes.index(mine) if node_rank is None else node_rank),
        )

    def _backend_name(self) -> str:
        return str(dist.get_backend())

    def _pick_device(self) -> torch.device:
        if torch.cuda.is_available() and self._backend != MPI:
            if self._backend == NCCL:
                return torch.device("cuda", self._local_rank)
            return torch.device("cuda", torch.cuda.current_device())
        return torch.device("cpu")

    @staticmethod
    def create_from_context() -> NativeDistModel | None:
        if not (dist.is_available() and dist.is_initialized()):
            return None
        if str(dist.get_backend()) not in (NCCL, GLOO, MPI):
            return None
        return NativeDistModel()

    @staticmethod
    def create_from_backend(backend: str, **kwargs: Any) -> NativeDistModel:
        return NativeDistModel(backend, **kwargs)

    # ------------------------------------------------------------------ processes
    @staticmethod
    def spawn(
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs_dict: Mapping[str, Any] | None = None,
        nproc_per_node: int = 1,
        nnodes: int = 1,
        node_rank: int = 0,
        master_addr: str | None = None,
        master_port: int | None = None,
        backend: str | None = None,
        init_method: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Start ``nproc_per_node`` processes (``torch.multiprocessing``), each running ``fn(local_rank, ...)``.

        ``kwargs``: ``start_method`` (default ``"spawn"``), ``timeout``, ``check_collectives``, and the rest
        for ``torch.multiprocessing.start_processes`` (``join``, ``daemon``).
        """
        from torch.multiprocessing.spawn import start_processes

        if backend is None:
            raise ValueError("NativeDistModel.spawn needs a backend ('gloo', 'nccl' or 'mpi')")
        if backend not in NativeDistModel.available_backends:
            raise ValueError(
                f"Cannot spawn with backend {backend!r}: {NativeDistModel.unavailable_reason(backend)}"
            )
        model_options = {k: kwargs.pop(k) for k in ("timeout", "check_collectives") if k in kwargs}
        start_method = kwargs.pop("start_method", "spawn")
        if init_method is None:
            addr = master_addr or "127.0.0.1"
            port = master_port if master_port is not None else _free_port(addr)
            init_method = f"tcp://{addr}:{port}"
        setup = {
            "backend": backend,
            "init_method": init_method,
            "nproc_per_node": nproc_per_node,
            "nnodes": nnodes,
            "node_rank": node_rank,
            "options": model_options,
        }
        start_processes(  # type: ignore[no-untyped-call]
            _spawn_worker,
            args=(fn, args, dict(kwargs_dict or {}), setup),
            nprocs=nproc_per_node,
            start_method=start_method,
            **kwargs,
        )

    # ------------------------------------------------------------------ topology
    def backend(self) -> str | None:
        return self._backend

    def finalize(self) -> None:
        """Check that every process is finishing too, then destroy the process group (adopted ones too, like 0.5)."""
        self._finalizing = True
        try:
            self._sync_before_finalize()
        finally:
            self._finalizing = False
            if dist.is_initialized():  # like 0.5: an adopted group is destroyed too
                dist.destroy_process_group()
                let_backend_threads_settle()
            for key, old in self._env_set.items():
                if old is None:
                    os.environ.pop(key, None)
            self._env_set.clear()

    # ------------------------------------------------------------------ fast path
    def all_reduce(self, tensor: Any, op: str = "SUM", group: Any | None = None) -> Any:
        """Reduce a tensor (in place) or a number; see :meth:`ComputationModel.all_reduce`.

        Without a header to exchange (one process, or checks off), a contiguous tensor already on the
        device, or a number, goes straight to ``torch.distributed``.
        """
        reduce_op = _FAST_OPS.get(op) if group is None and self._fast else None
        if reduce_op is not None:
            kind = type(tensor)
            if kind is torch.Tensor:
                on_device = tensor.is_cpu if self._cpu else tensor.device == self._device
                if on_device and tensor.dtype in _FAST_DTYPES and tensor.is_contiguous():
                    try:
                        dist.all_reduce(tensor, op=reduce_op)
                    except RuntimeError as exc:
                        raise self._translate("all_reduce", exc) from exc
                    return tensor
            elif kind is float or kind is int:
                dtype = torch.float64 if kind is float else torch.int64
                if self._cpu:
                    work = torch.tensor(tensor, dtype=dtype)
                else:
                    work = torch.tensor(tensor, dtype=dtype, device=self._device)
                try:
                    dist.all_reduce(work, op=reduce_op)
                except RuntimeError as exc:
                    raise self._translate("all_reduce", exc) from exc
                return work.item()
        return super().all_reduce(tensor, op, group)

    # ------------------------------------------------------------------ primitives
    def _group_size(self, group: Any | None) -> int:
        return self._world_size if group is None else dist.get_world_size(group)

    def _group_ranks(self, group: Any | None, size: int) -> list[int]:
        return list(range(size)) if group is None else list(dist.get_process_group_ranks(group))

    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        if op in ("AND", "OR") and (
            tensor.is_floating_point() or tensor.is_complex() or tensor.dtype == torch.bool
        ):
            flags = (tensor != 0).to(torch.uint8)
            dist.all_reduce(flags, op=_REDUCE_OPS["MIN" if op == "AND" else "MAX"], group=group)
            return flags.to(tensor.dtype)
        if tensor.dtype == torch.bool:
            work = tensor.to(torch.uint8)
            dist.all_reduce(work, op=_REDUCE_OPS[op], group=group)
            return work.to(torch.bool)
        dist.all_reduce(tensor, op=_REDUCE_OPS[op], group=group)
        return tensor

    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        size = self._group_size(group)
        if tensor.dtype == torch.bool:
            return self._do_all_gather(tensor.to(torch.uint8), group).to(torch.bool)
        out = tensor.new_empty((size * tensor.shape[0], *tensor.shape[1:]))
        chunks = list(out.chunk(size)) if tensor.shape[0] else [out] * size
        dist.all_gather(chunks, tensor, group=group)
        if self._finalizing:
            wait_until_backend_releases(tensor, *chunks)
        return out

    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        if tensor.dtype == torch.bool:
            work = tensor.to(torch.uint8)
            dist.broadcast(work, src=src)
            return work.to(torch.bool)
        dist.broadcast(tensor, src=src)
        return tensor

    def _do_barrier(self) -> None:
        if self._backend == NCCL:
            dist.barrier(device_ids=[self._local_rank])
        else:
            dist.barrier()

    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        return dist.new_group(ranks=ranks, **kwargs)

    def _rank_not_in_group(self, group: Any) -> bool:
        return bool(group == dist.GroupMember.NON_GROUP_MEMBER)

    def _resolve_group(self, group: Any | None) -> tuple[Any | None, bool]:
        if group is None:
            return None, False
        return super()._resolve_group(group)

    # ------------------------------------------------------------------ auto_* hooks
    def wrap_model(self, model: nn.Module, sync_bn: bool = False, **kwargs: Any) -> nn.Module:
        """DistributedDataParallel with several processes (``sync_bn`` converts batch norms first)."""
        if self._world_size <= 1:
            return super().wrap_model(model, sync_bn=sync_bn, **kwargs)
        if sync_bn:
            if self._device.type != "cuda":
                raise ValueError(
                    f"auto_model(sync_bn=True) needs CUDA devices: torch's SyncBatchNorm runs on GPU modules only, "
                    f"and this process computes on {self._device}. Pass sync_bn=False on CPUs"
                )
            _logger.info("Convert batch norm to sync batch norm")
            model = nn.SyncBatchNorm.convert_sync_batchnorm(model)  # type: ignore[no-untyped-call]
        if self._device.type == "cuda":
            kwargs.setdefault("device_ids", [self._device.index])
        _logger.info(f"Apply torch DistributedDataParallel on model, device id: {kwargs.get('device_ids')}")
        return nn.parallel.DistributedDataParallel(model, **kwargs)


def _spawn_worker(
    local_rank: int,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs_dict: dict[str, Any],
    setup: dict[str, Any],
) -> None:
    nproc = setup["nproc_per_node"]
    rank = setup["node_rank"] * nproc + local_rank
    world_size = setup["nnodes"] * nproc
    os.environ["LOCAL_RANK"] = str(local_rank)
    os.environ["RANK"] = str(rank)
    os.environ["WORLD_SIZE"] = str(world_size)
    model = NativeDistModel(
        setup["backend"],
        init_method=setup["init_method"],
        world_size=world_size,
        rank=rank,
        local_rank=local_rank,
        nproc_per_node=nproc,
        nnodes=setup["nnodes"],
        node_rank=setup["node_rank"],
        **setup["options"],
    )
    model.run_worker(fn, local_rank, args, kwargs_dict)


_NativeDistModel = NativeDistModel
