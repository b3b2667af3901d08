"""``ComputationModel``: the interface every distributed backend implements.

Backends (``gloo``/``nccl``/``mpi``, ``xla-tpu``, ``horovod`` or a third party's) subclass it in a plugin
distribution and register the class with ``ignite_register_dist_backends``. The public collectives
(:meth:`~ComputationModel.all_reduce`, :meth:`~ComputationModel.all_gather`, ...) validate and normalise
their input here, once: numbers, strings and picklable objects become tensors on :meth:`device`, 0-d
tensors get a dimension, tensors move to the backend's device and back. A backend implements only the
tensor primitives ``_do_all_reduce``, ``_do_all_gather``, ``_do_broadcast`` and ``_do_new_group``, the
topology queries, and, where it differs from the single-process default, the hooks used by
``idist.auto_model`` (:meth:`wrap_model`), ``idist.auto_optim`` (:meth:`wrap_optimizer`) and
``idist.auto_dataloader`` (:meth:`adapt_dataloader_kwargs`, :meth:`make_sampler`, :meth:`wrap_dataloader`).
"""

from __future__ import annotations

import logging
import pickle
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from numbers import Number
from typing import Any, ClassVar, Final, overload

import torch
from torch import nn
from torch.optim import Optimizer
from torch.utils.data import DataLoader, Dataset, IterableDataset, Sampler
from torch.utils.data.distributed import DistributedSampler

__all__ = ["REDUCE_OPS", "ComputationModel", "check_reduce_op"]

REDUCE_OPS: Final[tuple[str, ...]] = ("SUM", "PRODUCT", "MIN", "MAX", "AND", "OR")
_REDUCE_OPS: Final[frozenset[str]] = frozenset(REDUCE_OPS)

_auto_logger = logging.getLogger("ignite.distributed.auto")


def check_reduce_op(op: str) -> None:
    """Raise ``ValueError`` unless ``op`` is one of :data:`REDUCE_OPS`."""
    if op not in _REDUCE_OPS:
        raise ValueError(f"Unsupported reduction operation {op!r}: use one of {', '.join(REDUCE_OPS)}")


def check_reducible(tensor: object) -> None:
    """Raise ``TypeError`` unless ``tensor`` is a tensor or a number (what all_reduce accepts)."""
    if not isinstance(tensor, (torch.Tensor, Number)):
        raise TypeError(f"all_reduce expects a torch.Tensor or a number, got {type(tensor).__name__}")


def check_broadcastable(tensor: object, src: int, rank: int, world_size: int, safe_mode: bool) -> None:
    """Validate broadcast arguments: ``src`` in range; no ``None`` where the value matters."""
    if not isinstance(src, int) or not 0 <= src < world_size:
        raise ValueError(f"broadcast: src should be a rank between 0 and {world_size - 1}, got {src!r}")
    if rank != src and safe_mode:
        return
    if tensor is None:
        if rank == src:
            raise ValueError(f"broadcast: the source rank {src} passed None; it must pass the data to send")
        raise ValueError("broadcast: None was passed on a non-source rank; pass safe_mode=True to allow that")


def _bytes_to_tensor(data: bytes, size: int, device: torch.device) -> torch.Tensor:
    out = torch.zeros(size, dtype=torch.uint8)
    if data:
        out[: len(data)] = torch.frombuffer(bytearray(data), dtype=torch.uint8)
    return out.to(device)


def _tensor_to_bytes(tensor: torch.Tensor) -> bytes:
    return bytes(tensor.to("cpu", torch.uint8).tolist())


class ComputationModel(ABC):
    """A distributed configuration: topology queries, collectives, process management and auto_* hooks.

    Class attributes: ``name`` (``idist.model_name()``, e.g. ``"native-dist"``) and
    ``available_backends`` (the backend names this class can initialize here, e.g. ``("gloo",)``).
    Set ``_collective_op_dtype`` to a floating dtype if the backend reduces only floats (non-float
    tensors are cast for the operation and cast back).
    """

    name: ClassVar[str] = "computation-model"
    available_backends: ClassVar[tuple[str, ...]] = ()
    _collective_op_dtype: ClassVar[torch.dtype | None] = None
    # Local rank hinted by ``idist.set_local_rank`` for contexts created by the user.
    _ext_local_rank: ClassVar[int | None] = None
    #: Device types (``torch.device(...).type``) that only this backend drives; core code looks the model
    #: up by device type (``model_class_for_device``) to reach the device hooks below.
    device_types: ClassVar[tuple[str, ...]] = ()

    # ------------------------------------------------------------------ device hooks
    @classmethod
    def check_metric_device(cls, device: torch.device) -> None:
        """Raise ``ValueError`` if a metric cannot accumulate its state on ``device``; by default it can."""
        return None

    @classmethod
    def optimizer_step(cls, optimizer: Optimizer) -> Callable[[], Any]:
        """The call stepping ``optimizer`` in a supervised training step on this model's devices.

        Default ``optimizer.step``; a backend whose devices need a synchronizing step returns its own.
        """
        return optimizer.step

    # ------------------------------------------------------------------ topology
    @abstractmethod
    def get_local_rank(self) -> int:
        """Index of this process among the processes of its node."""

    @abstractmethod
    def get_rank(self) -> int:
        """Global index of this process."""

    @abstractmethod
    def get_world_size(self) -> int:
        """Number of processes in the configuration."""

    @abstractmethod
    def get_nproc_per_node(self) -> int:
        """Number of processes per node."""

    @abstractmethod
    def get_nnodes(self) -> int:
        """Number of nodes."""

    @abstractmethod
    def get_node_rank(self) -> int:
        """Index of this node."""

    @abstractmethod
    def device(self) -> torch.device:
        """The device this process computes on (``cuda:<local_rank>``, ``cpu``, an XLA device, ...)."""

    @abstractmethod
    def backend(self) -> str | None:
        """The backend name (``"gloo"``, ``"nccl"``, ...), ``None`` for the serial model."""

    @abstractmethod
    def finalize(self) -> None:
        """Destroy the distributed context this model created."""

    @abstractmethod
    def barrier(self) -> None:
        """Block until every process reaches this call."""

    @classmethod
    def unavailable_reason(cls, backend: str) -> str:
        """Why ``backend`` cannot be initialized on this machine (what is missing), or ``""``."""
        return ""

    # ------------------------------------------------------------------ creation and processes
    @staticmethod
    @abstractmethod
    def create_from_context() -> ComputationModel | None:
        """A model wrapping a context started outside ignite (e.g. by torchrun), or ``None`` if there is none."""

    @staticmethod
    @abstractmethod
    def create_from_backend(backend: str, **kwargs: Any) -> ComputationModel:
        """Initialize the distributed context for ``backend`` (one of ``available_backends``) and wrap it."""

    @staticmethod
    @abstractmethod
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
        """Start ``nproc_per_node`` processes running ``fn(local_rank, *args, **kwargs_dict)`` with ``backend``.

        Each worker should create its model and call :meth:`run_worker`.
        """

    def run_worker(
        self, fn: Callable[..., Any], local_rank: int, args: Sequence[Any], kwargs_dict: Mapping[str, Any]
    ) -> None:
        """Make this model the current one of ``ignite.distributed``, run ``fn``, then finalize.

        For a backend's :meth:`spawn`: call it in each worker process with the freshly created model.
        """
        from ignite.distributed import utils

        utils._set_model(self)
        try:
            fn(local_rank, *args, **kwargs_dict)
        finally:
            utils.finalize()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(backend={self.backend()!r}, rank={self.get_rank()}, "
            f"world_size={self.get_world_size()}, device={self.device()})"
        )

    # ------------------------------------------------------------------ backend primitives
    @abstractmethod
    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        """Reduce ``tensor`` (on :meth:`device`, contiguous) across processes with ``op`` in :data:`REDUCE_OPS`.

        May work in place; returns the reduced tensor.
        """

    @abstractmethod
    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        """Concatenate along dim 0 the ``tensor`` (ndim >= 1, same shape everywhere) of every process."""

    @abstractmethod
    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        """Send ``tensor`` of rank ``src`` to every process; others pass a buffer of the same shape and dtype."""

    @abstractmethod
    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        """A backend group made of ``ranks`` (already validated)."""

    def _rank_not_in_group(self, group: Any) -> bool:
        """Whether this process is outside ``group`` (collectives then return their input)."""
        return False

    # ------------------------------------------------------------------ normalisation helpers
    def _resolve_group(self, group: Any | None) -> tuple[Any | None, bool]:
        """The backend group (a list of ranks becomes one) and whether this process is outside it."""
        if group is None:
            return None, False
        if isinstance(group, (list, tuple)):
            group = self.new_group(group)
        return group, self._rank_not_in_group(group)

    def _to_collective(self, tensor: torch.Tensor) -> torch.Tensor:
        device = self.device()
        if tensor.device != device:
            tensor = tensor.to(device)
        dtype = self._collective_op_dtype
        if dtype is not None and tensor.dtype != dtype and not tensor.is_floating_point():
            tensor = tensor.to(dtype)
        if not tensor.is_contiguous():
            tensor = tensor.contiguous()
        return tensor

    def _number_to_tensor(self, value: Any) -> torch.Tensor:
        dtype = self._collective_op_dtype
        if dtype is None:
            if isinstance(value, float):
                dtype = torch.float64
            elif isinstance(value, complex):
                dtype = torch.complex128
        return torch.tensor(value, device=self.device(), dtype=dtype)

    def _all_gather_bytes(self, data: bytes, group: Any | None) -> list[bytes]:
        device = self.device()
        lengths = self._do_all_gather(torch.tensor([len(data)], dtype=torch.int64, device=device), group)
        sizes = [int(n) for n in lengths.tolist()]
        width = max(max(sizes), 1)
        gathered = self._do_all_gather(_bytes_to_tensor(data, width, device), group).cpu()
        return [_tensor_to_bytes(gathered[i * width : i * width + n]) for i, n in enumerate(sizes)]

    def _broadcast_bytes(self, data: bytes | None, src: int) -> bytes:
        """The bytes of rank ``src`` (which passes them; other ranks pass ``None``)."""
        device = self.device()
        length = torch.tensor([0 if data is None else len(data)], dtype=torch.int64, device=device)
        size = int(self._do_broadcast(length, src).item())
        buffer = _bytes_to_tensor(data or b"", max(size, 1), device)
        return _tensor_to_bytes(self._do_broadcast(buffer, src)[:size])

    # ------------------------------------------------------------------ public collectives
    @overload
    def all_reduce(self, tensor: torch.Tensor, op: str = "SUM", group: Any | None = None) -> torch.Tensor: ...

    @overload
    def all_reduce(self, tensor: float, op: str = "SUM", group: Any | None = None) -> float: ...

    def all_reduce(
        self, tensor: torch.Tensor | float, op: str = "SUM", group: Any | None = None
    ) -> torch.Tensor | float:
        """Reduce a tensor or a number across processes with ``op`` (SUM, PRODUCT, MIN, MAX, AND, OR).

        A tensor is reduced in place and returned; a number comes back as a Python number.
        """
        check_reduce_op(op)
        check_reducible(tensor)
        group, outside = self._resolve_group(group)
        if outside:
            return tensor
        if isinstance(tensor, torch.Tensor):
            work = self._to_collective(tensor)
            result = self._do_all_reduce(work, op, group)
            if result is not tensor:
                with torch.no_grad():
                    tensor.copy_(result)
            return tensor
        out: float = self._do_all_reduce(self._number_to_tensor(tensor), op, group).item()
        return out

    @overload
    def all_gather(self, tensor: torch.Tensor, group: Any | None = None) -> torch.Tensor: ...

    @overload
    def all_gather(self, tensor: str, group: Any | None = None) -> list[str]: ...

    @overload
    def all_gather(self, tensor: float, group: Any | None = None) -> list[float]: ...

    @overload
    def all_gather(self, tensor: Any, group: Any | None = None) -> list[Any]: ...

    def all_gather(self, tensor: Any, group: Any | None = None) -> torch.Tensor | list[Any]:
        """Gather from every process: tensors are concatenated along dim 0 (0-d tensors become shape
        ``(world_size,)``); numbers, strings and any other picklable object give a list ordered by rank.
        """
        group, outside = self._resolve_group(group)
        if outside:
            return tensor  # type: ignore[no-any-return]
        if isinstance(tensor, torch.Tensor):
            work = self._to_collective(tensor if tensor.ndim else tensor.unsqueeze(0))
            out = self._do_all_gather(work, group)
            if out.device != tensor.device or out.dtype != tensor.dtype:
                out = out.to(device=tensor.device, dtype=tensor.dtype)
            return out
        if isinstance(tensor, str):
            return [item.decode("utf-8") for item in self._all_gather_bytes(tensor.encode("utf-8"), group)]
        if isinstance(tensor, Number):
            values: list[Any] = self._do_all_gather(
                self._number_to_tensor(tensor).unsqueeze(0), group
            ).tolist()
            return values
        return [pickle.loads(item) for item in self._all_gather_bytes(pickle.dumps(tensor), group)]

    def all_gather_tensors_with_shapes(
        self, tensor: torch.Tensor, shapes: Sequence[Sequence[int]], group: Any | None = None
    ) -> list[torch.Tensor]:
        """Gather tensors whose shapes differ between processes but not their number of dimensions.

        ``shapes[i]`` is the shape of the tensor of the i-th process of the group (all known beforehand).
        Returns one tensor per process, in that order; ``[tensor]`` if this process is not in ``group``.
        """
        if not isinstance(tensor, torch.Tensor):
            raise TypeError(
                f"all_gather_tensors_with_shapes expects a torch.Tensor, got {type(tensor).__name__}"
            )
        wanted = [tuple(int(d) for d in shape) for shape in shapes]
        position: int | None = self.get_rank()
        if group is None:
            if len(wanted) != self.get_world_size():
                raise ValueError(
                    f"all_gather_tensors_with_shapes: got {len(wanted)} shapes for "
                    f"{self.get_world_size()} processes"
                )
        else:
            if isinstance(group, (list, tuple)):
                if position not in group:
                    return [tensor]
                position = list(group).index(position)
            else:
                position = None
            group, outside = self._resolve_group(group)
            if outside:
                return [tensor]
        if any(len(shape) != tensor.ndim for shape in wanted):
            raise ValueError(
                f"all_gather_tensors_with_shapes: every shape must have {tensor.ndim} dimensions like the "
                f"tensor, got {wanted}"
            )
        if position is not None and wanted[position] != tuple(tensor.shape):
            raise ValueError(
                f"all_gather_tensors_with_shapes: this process's tensor has shape {tuple(tensor.shape)} but "
                f"shapes[{position}] is {wanted[position]}"
            )
        if tensor.ndim == 0:
            scalars = self.all_gather(tensor.unsqueeze(0), group)
            return [scalars[i] for i in range(len(wanted))]
        max_shape = [max(shape[d] for shape in wanted) for d in range(tensor.ndim)]
        if max_shape[0] == 0:
            return [tensor.new_zeros(shape) for shape in wanted]
        padded = tensor.new_zeros(max_shape)
        padded[tuple(slice(0, n) for n in tensor.shape)] = tensor
        gathered = self.all_gather(padded, group)
        rows = max_shape[0]
        return [
            gathered[i * rows : (i + 1) * rows][tuple(slice(0, n) for n in shape)]
            for i, shape in enumerate(wanted)
        ]

    @overload
    def broadcast(self, tensor: torch.Tensor, src: int = 0, safe_mode: bool = False) -> torch.Tensor: ...

    @overload
    def broadcast(self, tensor: str, src: int = 0, safe_mode: bool = False) -> str: ...

    @overload
    def broadcast(self, tensor: float, src: int = 0, safe_mode: bool = False) -> float: ...

    @overload
    def broadcast(self, tensor: Any, src: int = 0, safe_mode: bool = False) -> Any: ...

    def broadcast(self, tensor: Any, src: int = 0, safe_mode: bool = False) -> Any:
        """Send the tensor, number, str (or other picklable object) of rank ``src`` to every process.

        Without ``safe_mode`` every process passes data of the same kind (a tensor of the same shape and
        dtype, which is filled in place). With ``safe_mode=True`` non-source processes may pass ``None``
        or anything else: the source also sends what kind of data it is.
        """
        rank = self.get_rank()
        check_broadcastable(tensor, src, rank, self.get_world_size(), safe_mode)
        if safe_mode:
            return self._broadcast_safe(tensor, src, rank == src)
        if isinstance(tensor, torch.Tensor):
            result = self._do_broadcast(self._to_collective(tensor), src)
            if result is not tensor:
                with torch.no_grad():
                    tensor.copy_(result)
            return tensor
        if isinstance(tensor, str):
            data = tensor.encode("utf-8") if rank == src else None
            return self._broadcast_bytes(data, src).decode("utf-8")
        if isinstance(tensor, Number):
            return self._do_broadcast(self._number_to_tensor(tensor), src).item()
        return pickle.loads(self._broadcast_bytes(pickle.dumps(tensor) if rank == src else None, src))

    def _broadcast_safe(self, tensor: Any, src: int, is_src: bool) -> Any:
        header: bytes | None = None
        if is_src:
            if isinstance(tensor, torch.Tensor):
                header = pickle.dumps(("tensor", tensor.dtype, tuple(tensor.shape)))
            else:
                header = pickle.dumps(("value", tensor))
        kind, *meta = pickle.loads(self._broadcast_bytes(header, src))
        if kind == "value":
            return meta[0]
        dtype, shape = meta
        if is_src:
            result = self._do_broadcast(self._to_collective(tensor), src)
            if result is not tensor:
                with torch.no_grad():
                    tensor.copy_(result)
            return tensor
        buffer = torch.empty(shape, dtype=dtype, device=self.device())
        return self._do_broadcast(self._to_collective(buffer), src).to(dtype)

    def new_group(self, ranks: Sequence[int], **kwargs: Any) -> Any:
        """A group of the processes ``ranks`` for the collectives' ``group`` argument."""
        if not isinstance(ranks, (list, tuple)) or not all(
            isinstance(r, int) and not isinstance(r, bool) for r in ranks
        ):
            raise ValueError(f"new_group: ranks should be a list of int, got {ranks!r}")
        world_size = self.get_world_size()
        outside = [r for r in ranks if not 0 <= r < world_size]
        if outside:
            raise ValueError(f"new_group: ranks {outside} are outside 0..{world_size - 1}")
        return self._do_new_group(list(ranks), **kwargs)

    # ------------------------------------------------------------------ auto_* hooks
    def wrap_model(self, model: nn.Module, sync_bn: bool = False, **kwargs: Any) -> nn.Module:
        """Adapt ``model`` (already on :meth:`device`) to this configuration, for ``idist.auto_model``.

        Default, for one process: ``torch.nn.DataParallel(model, **kwargs)`` when the device is CUDA and
        several GPUs are visible, else ``model``. Multi-process backends override it (e.g. DDP, and
        ``sync_bn`` to convert batch norms).
        """
        if self.get_world_size() == 1 and self.device().type == "cuda" and torch.cuda.device_count() > 1:
            _auto_logger.info("Apply torch DataParallel on model")
            return nn.DataParallel(model, **kwargs)
        return model

    def wrap_optimizer(self, optimizer: Optimizer, **kwargs: Any) -> Optimizer:
        """Adapt ``optimizer`` for ``idist.auto_optim``; default: unchanged (``kwargs`` are for backends)."""
        return optimizer

    def adapt_dataloader_kwargs(self, dataset: Dataset[Any], kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """The DataLoader keyword arguments for this configuration, for ``idist.auto_dataloader``.

        With several processes: ``batch_size`` is divided by the world size and ``num_workers`` by the
        processes per node (when not smaller), and a distributed sampler comes from :meth:`make_sampler`
        unless a ``batch_sampler`` is given or the dataset is iterable. ``pin_memory`` defaults to
        whether the device is CUDA.
        """
        out = dict(kwargs)
        world_size = self.get_world_size()
        if world_size > 1:
            batch_size = out.get("batch_size")
            if isinstance(batch_size, int) and batch_size >= world_size:
                out["batch_size"] = batch_size // world_size
            nproc = self.get_nproc_per_node()
            num_workers = out.get("num_workers")
            if isinstance(num_workers, int) and num_workers >= nproc:
                out["num_workers"] = (num_workers + nproc - 1) // nproc
            if "batch_sampler" in out:
                warnings.warn(
                    "auto_dataloader got a batch_sampler: make sure it gives each process its own part of the data",
                    stacklevel=3,
                )
            elif isinstance(dataset, IterableDataset):
                _auto_logger.info(
                    "Iterable dataset: no distributed sampler is used; the dataset itself must yield "
                    "different data on each process"
                )
            else:
                sampler = out.get("sampler")
                if isinstance(sampler, DistributedSampler):
                    rank = self.get_rank()
                    if sampler.rank != rank or sampler.num_replicas != world_size:
                        warnings.warn(
                            f"auto_dataloader got a DistributedSampler with rank={sampler.rank}, "
                            f"num_replicas={sampler.num_replicas} but this process has rank={rank}, "
                            f"world size={world_size}",
                            stacklevel=3,
                        )
                else:
                    shuffle = bool(out.pop("shuffle", True)) if sampler is None else False
                    out["sampler"] = self.make_sampler(dataset, sampler, shuffle)
        out.setdefault("pin_memory", self.device().type == "cuda")
        return out

    def make_sampler(
        self, dataset: Dataset[Any], sampler: Sampler[Any] | None, shuffle: bool
    ) -> Sampler[Any]:
        """A sampler giving this process its part of ``dataset``.

        Default: ``DistributedSampler(dataset, shuffle=shuffle)`` without a user sampler, otherwise the
        user's sampler wrapped in :class:`~ignite.distributed.auto.DistributedProxySampler`.
        """
        world_size, rank = self.get_world_size(), self.get_rank()
        if sampler is None:
            return DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=shuffle)
        from ignite.distributed.auto import DistributedProxySampler

        return DistributedProxySampler(sampler, num_replicas=world_size, rank=rank)

    def wrap_dataloader(self, loader: DataLoader[Any]) -> DataLoader[Any]:
        """The loader ``idist.auto_dataloader`` returns; default: ``loader`` (XLA wraps it for its devices)."""
        return loader
