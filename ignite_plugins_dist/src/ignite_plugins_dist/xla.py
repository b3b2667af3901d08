"""``XLADistModel``: the ``xla-tpu`` computation model on torch_xla (PJRT runtime: TPU, GPU or CPU devices).

torch_xla is imported on first use only. Ranks come from ``torch_xla.runtime``, collectives are
``xm.all_reduce`` / ``xm.all_gather`` (broadcast is a sum where non-source ranks contribute zeros),
processes are started with ``xmp.spawn``. ``auto_optim`` steps through ``xm.optimizer_step`` and
``auto_dataloader`` wraps the loader in ``MpDeviceLoader``. Try it on a CPU with ``PJRT_DEVICE=CPU``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import torch
from torch.optim import Optimizer
from torch.utils.data import DataLoader

from ignite_plugins_dist._topology import StoredTopology

__all__ = ["XLADistModel", "_XlaDistModel"]

XLA_TPU = "xla-tpu"


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            "The 'xla-tpu' backend needs torch_xla matching your torch (e.g. torch==2.9.0 with torch_xla==2.9.0): "
            f'pip install "ignite-plugins-dist[xla]". Import failed with: {exc}'
        ) from exc


def _xm() -> Any:
    return _import("torch_xla.core.xla_model")


def _xr() -> Any:
    return _import("torch_xla.runtime")


class XLADistModel(StoredTopology):
    """The XLA world of this process (one process per XLA device).

    Args:
        backend: ``"xla-tpu"`` (the PJRT runtime needs no explicit initialization) or ``None`` to adopt.
    """

    name: ClassVar[str] = "xla-dist"
    available_backends: ClassVar[tuple[str, ...]] = (XLA_TPU,)
    device_types: ClassVar[tuple[str, ...]] = ("xla",)

    @classmethod
    def check_metric_device(cls, device: torch.device) -> None:
        """Metrics cannot accumulate on an XLA device (as in pytorch-ignite): ``ValueError``."""
        raise ValueError(
            f"Metrics cannot accumulate their state on an XLA device ({device}); create them with device='cpu' "
            "(the default) and let the engine's output be moved to it"
        )

    @classmethod
    def optimizer_step(cls, optimizer: Optimizer) -> Callable[[], Any]:
        """``xm.optimizer_step(optimizer, barrier=True)``: reduce gradients across devices, step, sync."""
        xm = _xm()
        return lambda: xm.optimizer_step(optimizer, barrier=True)

    def __init__(self, backend: str | None = None, **kwargs: Any) -> None:
        if backend is not None and backend != XLA_TPU:
            raise ValueError(f"XLADistModel initializes backend 'xla-tpu', got {backend!r}")
        self._xm = _xm()
        xr = _xr()
        make_device = getattr(_import("torch_xla"), "device", None) or self._xm.xla_device  # torch_xla >= 2.7
        self._device: torch.device = make_device()
        self._rank = int(xr.global_ordinal())
        self._world_size = int(xr.world_size())
        self._local_rank = int(xr.local_ordinal())
        self._nproc = int(getattr(xr, "local_process_count", lambda: 1)() or 1)
        self._nproc = max(self._nproc, 1)
        self._nnodes = max(self._world_size // self._nproc, 1)
        self._node_rank = self._rank // self._nproc
        xm = self._xm
        self._ops = {
            "SUM": xm.REDUCE_SUM,
            "PRODUCT": xm.REDUCE_MUL,
            "MIN": xm.REDUCE_MIN,
            "MAX": xm.REDUCE_MAX,
            "AND": xm.REDUCE_AND,
            "OR": xm.REDUCE_OR,
        }

    @staticmethod
    def create_from_context() -> XLADistModel | None:
        return XLADistModel()

    @staticmethod
    def create_from_backend(backend: str = XLA_TPU, **kwargs: Any) -> XLADistModel:
        return XLADistModel(backend, **kwargs)

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
        """Start one process per XLA device with ``xmp.spawn``; on CPU, ``CPU_NUM_DEVICES`` defaults to
        ``nproc_per_node``. ``kwargs`` go to ``xmp.spawn`` (``start_method``)."""
        xmp = _import("torch_xla.distributed.xla_multiprocessing")
        if os.environ.get("PJRT_DEVICE", "").upper() == "CPU":
            os.environ.setdefault("CPU_NUM_DEVICES", str(nproc_per_node))
        nprocs = None if nproc_per_node > 1 else 1
        xmp.spawn(_xla_worker, args=(fn, tuple(args), dict(kwargs_dict or {})), nprocs=nprocs, **kwargs)

    def backend(self) -> str | None:
        return XLA_TPU

    def finalize(self) -> None:
        """The PJRT runtime lives as long as the process: nothing to destroy."""

    def barrier(self) -> None:
        self._xm.rendezvous("ignite.distributed.barrier")

    # ------------------------------------------------------------------ primitives
    def _groups(self, group: Any | None) -> Any:
        return None if group is None else group

    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        work = tensor.to(torch.int32) if tensor.dtype == torch.bool else tensor
        self._xm.all_reduce(self._ops[op], [work], groups=self._groups(group))
        return work.to(tensor.dtype)

    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        work = tensor.to(torch.int32) if tensor.dtype == torch.bool else tensor
        out = self._xm.all_gather(work, dim=0, groups=self._groups(group))
        return out.to(tensor.dtype)  # type: ignore[no-any-return]

    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        work = tensor.to(torch.int32) if tensor.dtype == torch.bool else tensor.clone()
        if self._rank != src:
            work.zero_()
        self._xm.all_reduce(self._ops["SUM"], [work])
        return work.to(tensor.dtype)

    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        return [ranks]

    def _rank_not_in_group(self, group: Any) -> bool:
        return not any(self._rank in ranks for ranks in group)

    # ------------------------------------------------------------------ auto_* hooks
    def wrap_optimizer(self, optimizer: Optimizer, **kwargs: Any) -> Optimizer:
        """The same optimizer, whose ``step`` first averages gradients across devices (``xm.reduce_gradients``)."""
        if self._world_size <= 1:
            return optimizer
        optimizer.__class__ = _xla_class(type(optimizer), self._xm)
        return optimizer

    def wrap_dataloader(self, loader: DataLoader[Any]) -> DataLoader[Any]:
        """``MpDeviceLoader``: batches arrive on this process's XLA device."""
        if self._world_size <= 1:
            return loader
        pl = _import("torch_xla.distributed.parallel_loader")
        wrapped: DataLoader[Any] = pl.MpDeviceLoader(loader, self._device)
        return wrapped


_XLA_CLASSES: dict[type[Optimizer], type[Optimizer]] = {}


def _xla_class(base: type[Optimizer], xm: Any) -> type[Optimizer]:
    """A subclass of ``base`` whose ``step`` reduces the gradients across XLA devices first."""
    if getattr(base, "_ignite_xla", False):
        return base
    cls = _XLA_CLASSES.get(base)
    if cls is None:

        def step(self: Optimizer, closure: Any = None) -> Any:
            xm.reduce_gradients(self)
            return base.step(self, closure)

        cls = type(base.__name__, (base,), {"step": step, "_ignite_xla": True})
        _XLA_CLASSES[base] = cls
    return cls


def _xla_worker(
    index: int, fn: Callable[..., Any], args: tuple[Any, ...], kwargs_dict: dict[str, Any]
) -> None:
    model = XLADistModel(XLA_TPU)
    model.run_worker(fn, model.get_local_rank(), args, kwargs_dict)


_XlaDistModel = XLADistModel
