"""``HorovodDistModel``: the ``horovod`` computation model (``horovod.torch``; gloo, MPI or NCCL underneath).

Created by ``idist.initialize("horovod")`` in a script started with ``horovodrun -np N ...`` (or adopting
``hvd.init()`` done by the user), or by :meth:`HorovodDistModel.spawn` (``idist.Parallel("horovod",
nproc_per_node=N)``), which starts the workers with ``horovod.run``. Collectives are checked like the
native model's and wait at most the collective timeout.
"""

from __future__ import annotations

import functools
import importlib
import logging
import time
import warnings
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import torch
from torch import nn
from torch.optim import Optimizer

from ignite_plugins_dist._guard import GuardedModel
from ignite_plugins_dist._topology import StoredTopology

__all__ = ["HorovodDistModel", "_HorovodDistModel"]

HOROVOD = "horovod"
_logger = logging.getLogger("ignite.distributed.auto")


def _hvd() -> Any:
    """``horovod.torch``, imported on first use (raises a clear ImportError when horovod is missing)."""
    try:
        return importlib.import_module("horovod.torch")
    except ImportError as exc:
        raise ImportError(
            "The 'horovod' backend needs horovod with PyTorch support: pip install "
            f'"ignite-plugins-dist[horovod]" (horovod builds from source). Import failed with: {exc}'
        ) from exc


class HorovodDistModel(GuardedModel, StoredTopology):
    """Horovod's world: rank, size and local rank come from ``hvd``; device is ``cuda:<local_rank>`` or cpu.

    Args:
        backend: ``"horovod"`` to call ``hvd.init()``; ``None`` adopts an initialized horovod.
        comm: passed to ``hvd.init`` (a list of ranks or an MPI communicator).
        timeout: collective timeout in seconds (default ``IGNITE_DIST_TIMEOUT`` or 600 s): collectives
            run asynchronously and fail when not done by then.
        check_collectives: exchange headers to detect diverging processes (default on).
    """

    name: ClassVar[str] = "horovod-dist"
    available_backends: ClassVar[tuple[str, ...]] = (HOROVOD,)

    def __init__(
        self,
        backend: str | None = None,
        comm: Any | None = None,
        timeout: Any = None,
        check_collectives: bool | None = None,
    ) -> None:
        self._setup_guard(check_collectives, timeout)
        hvd = _hvd()
        self._hvd = hvd
        if backend is not None:
            if backend != HOROVOD:
                raise ValueError(f"HorovodDistModel initializes backend 'horovod', got {backend!r}")
            hvd.init(comm) if comm is not None else hvd.init()
        elif not hvd.is_initialized():
            raise RuntimeError("HorovodDistModel() adopts an initialized horovod: call hvd.init() first")
        self._rank = int(hvd.rank())
        self._world_size = int(hvd.size())
        self._local_rank = int(hvd.local_rank())
        self._nproc = int(hvd.local_size())
        self._nnodes = max(self._world_size // max(self._nproc, 1), 1)
        self._node_rank = int(hvd.cross_rank())
        if torch.cuda.is_available():
            torch.cuda.set_device(self._local_rank)
            self._device = torch.device("cuda", self._local_rank)
        else:
            self._device = torch.device("cpu")
        self._ops = {"SUM": hvd.Sum, "MIN": hvd.Min, "MAX": hvd.Max, "PRODUCT": hvd.Product}

    @staticmethod
    def create_from_context() -> HorovodDistModel | None:
        hvd = _hvd()
        return HorovodDistModel() if hvd.is_initialized() else None

    @staticmethod
    def create_from_backend(backend: str = HOROVOD, **kwargs: Any) -> HorovodDistModel:
        return HorovodDistModel(backend, **kwargs)

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
        """Run ``fn(local_rank, *args, **kwargs_dict)`` in ``nproc_per_node`` processes with ``horovod.run``.

        ``kwargs`` go to ``horovod.run`` (``hosts``, ``use_gloo``, ``verbose``...); ``timeout`` and
        ``check_collectives`` go to each worker's model. Multi-node runs are started with ``horovodrun``.
        """
        if nnodes > 1 or node_rank:
            raise ValueError(
                "HorovodDistModel.spawn starts processes on this node only: for several nodes start the script "
                "with `horovodrun -np N -H host1:n,host2:n python script.py` and use Parallel(backend='horovod')"
            )
        run = importlib.import_module("horovod").run
        options: dict[str, Any] = {k: kwargs.pop(k) for k in ("timeout", "check_collectives") if k in kwargs}
        kwargs.setdefault("use_gloo", True)
        kwargs.setdefault("hosts", f"localhost:{nproc_per_node}")
        run(
            functools.partial(_horovod_worker, fn, tuple(args), dict(kwargs_dict or {}), options),
            np=nproc_per_node,
            **kwargs,
        )

    def backend(self) -> str | None:
        return HOROVOD

    def finalize(self) -> None:
        """Check every process is finishing, then ``hvd.shutdown()``."""
        try:
            self._sync_before_finalize()
        finally:
            self._hvd.shutdown()  # like 0.5, also when horovod was initialized by the user

    # ------------------------------------------------------------------ primitives
    def _process_set(self, group: Any | None) -> Any:
        return self._hvd.global_process_set if group is None else group

    def _group_size(self, group: Any | None) -> int:
        return self._world_size if group is None else int(group.size())

    def _group_ranks(self, group: Any | None, size: int) -> list[int]:
        return list(range(size)) if group is None else list(group.ranks)

    def _error_kind(self, exc: BaseException) -> str | None:
        kind = super()._error_kind(exc)
        if kind is None and type(exc).__name__ == "HorovodInternalError":
            return "peer"
        return kind

    def _call(self, start: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run an async horovod op and wait for it at most the collective timeout."""
        hvd = self._hvd
        handle = start(*args, **kwargs)
        deadline = time.monotonic() + self._timeout_s
        delay = 0.00005
        while not hvd.poll(handle):
            if time.monotonic() > deadline:
                raise RuntimeError(f"horovod collective timed out after {self._timeout_s:g} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.02)
        return hvd.synchronize(handle)

    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        process_set = self._process_set(group)
        if op in ("AND", "OR"):
            if tensor.is_floating_point() or tensor.is_complex() or tensor.dtype == torch.bool:
                flags = (tensor != 0).to(torch.int32)
                reduced = self._call(
                    self._hvd.allreduce_async,
                    flags,
                    op=self._ops["MIN" if op == "AND" else "MAX"],
                    process_set=process_set,
                )
                return reduced.to(tensor.dtype)  # type: ignore[no-any-return]
            gathered = self._call(self._hvd.allgather_async, tensor.unsqueeze(0), process_set=process_set)
            combine = torch.bitwise_and if op == "AND" else torch.bitwise_or
            out: torch.Tensor = functools.reduce(combine, gathered.unbind(0))
            return out
        work = tensor.to(torch.uint8) if tensor.dtype == torch.bool else tensor
        reduced = self._call(self._hvd.allreduce_async, work, op=self._ops[op], process_set=process_set)
        return reduced.to(tensor.dtype)  # type: ignore[no-any-return]

    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        work = tensor.to(torch.uint8) if tensor.dtype == torch.bool else tensor
        out = self._call(self._hvd.allgather_async, work, process_set=self._process_set(group))
        return out.to(tensor.dtype)  # type: ignore[no-any-return]

    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        work = tensor.to(torch.uint8) if tensor.dtype == torch.bool else tensor
        return self._call(self._hvd.broadcast_async, work, root_rank=src).to(tensor.dtype)  # type: ignore[no-any-return]

    def _do_barrier(self) -> None:
        self._hvd.barrier()

    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        try:
            return self._hvd.add_process_set(ranks)
        except ValueError as exc:
            raise ValueError(
                f"horovod could not create a process set of ranks {ranks}: {exc}. Start horovod with dynamic "
                "process sets (HOROVOD_DYNAMIC_PROCESS_SETS=1, or horovodrun --process-sets-dynamic)"
            ) from exc

    def _rank_not_in_group(self, group: Any) -> bool:
        return not bool(group.included())

    # ------------------------------------------------------------------ auto_* hooks
    def wrap_model(self, model: nn.Module, sync_bn: bool = False, **kwargs: Any) -> nn.Module:
        """Broadcast the parameters of rank 0 to every process (gradients are reduced by the optimizer)."""
        if self._world_size <= 1:
            return super().wrap_model(model, sync_bn=sync_bn, **kwargs)
        if sync_bn:
            warnings.warn(
                "auto_model: sync_bn is applied with native torch.distributed backends only", stacklevel=3
            )
        _logger.info("Broadcast the initial variable states from rank 0 to all other processes")
        self._hvd.broadcast_parameters(model.state_dict(), root_rank=0)
        return model

    def wrap_optimizer(self, optimizer: Optimizer, **kwargs: Any) -> Optimizer:
        """``hvd.DistributedOptimizer`` (averages gradients) with the state of rank 0 broadcast."""
        if self._world_size <= 1:
            return optimizer
        wrapped: Optimizer = self._hvd.DistributedOptimizer(optimizer, **kwargs)
        self._hvd.broadcast_optimizer_state(wrapped, root_rank=0)
        return wrapped


def _horovod_worker(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs_dict: dict[str, Any], options: dict[str, Any]
) -> None:
    model = HorovodDistModel(HOROVOD, **options)
    model.run_worker(fn, model.get_local_rank(), args, kwargs_dict)


_HorovodDistModel = HorovodDistModel
