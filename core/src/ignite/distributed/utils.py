"""The ``ignite.distributed`` function API (import as ``idist``), backed by the current computation model.

Until :func:`initialize`, :func:`spawn` or ``idist.Parallel`` sets a backend, the current model is the
serial one. A ``torch.distributed`` process group created outside ignite (e.g. under ``torchrun``) is
adopted on first use through the plugin host; no entry point is scanned in a plain single process.
"""

from __future__ import annotations

import functools
import socket
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar, overload

import torch

from ignite.distributed.comp_models import (
    ComputationModel,
    _SerialModel,
    has_hvd_support,
    has_native_dist_support,
    has_xla_support,
    model_class,
    registered_computation_models,
)
from ignite.distributed.comp_models import available_backends as _available_backends

__all__ = [
    "all_gather",
    "all_gather_tensors_with_shapes",
    "all_reduce",
    "available_backends",
    "backend",
    "barrier",
    "broadcast",
    "device",
    "finalize",
    "get_local_rank",
    "get_nnodes",
    "get_node_rank",
    "get_nproc_per_node",
    "get_rank",
    "get_world_size",
    "has_hvd_support",
    "has_native_dist_support",
    "has_xla_support",
    "hostname",
    "initialize",
    "model_name",
    "new_group",
    "one_rank_first",
    "one_rank_only",
    "registered_computation_models",
    "set_local_rank",
    "show_config",
    "spawn",
    "sync",
]

P = ParamSpec("P")
R = TypeVar("R")

_model: ComputationModel = _SerialModel()
# True while the serial model stands in and a context created outside ignite may still be adopted.
_need_to_sync: bool = True

_torch_dist_initialized: Callable[[], bool] = (
    torch.distributed.is_initialized if has_native_dist_support else lambda: False
)


def _set_model(model: ComputationModel, temporary: bool = False) -> None:
    """Make ``model`` the current model (for backends' spawn workers and :func:`sync`)."""
    global _model, _need_to_sync
    _model = model
    _need_to_sync = temporary or isinstance(model, _SerialModel)


def _current() -> ComputationModel:
    """The current model; adopts a ``torch.distributed`` group the user started, on first use."""
    global _need_to_sync
    if _need_to_sync and type(_model) is _SerialModel and _torch_dist_initialized():
        sync(temporary=True)
        if type(_model) is _SerialModel:
            _need_to_sync = False
            _warn_not_adopted()
    return _model


def _warn_not_adopted() -> None:
    from ignite.distributed.comp_models import backend_advice

    name = str(torch.distributed.get_backend())
    warnings.warn(
        f"torch.distributed is initialized (backend {name!r}) but no installed ignite plugin adopts the "
        f"process group, so ignite.distributed runs as a single process. {backend_advice(name)}",
        stacklevel=4,
    )


def sync(temporary: bool = False) -> None:
    """Re-detect the distributed context, e.g. after creating or destroying one without ignite.

    Asks the installed backends (plugin host) to adopt a live context; falls back to the serial model.
    """
    from ignite import plugins

    model = plugins.dist_model_from_context()
    if model is None:
        model = _SerialModel()
    elif not isinstance(model, ComputationModel):
        raise TypeError(
            f"A plugin's ignite_dist_model_from_context returned {model!r}, not a ComputationModel instance"
        )
    _set_model(model, temporary=temporary)


# ---------------------------------------------------------------------- queries
def backend() -> str | None:
    """The current backend: ``None`` without distributed configuration, else e.g. ``"gloo"``, ``"nccl"``."""
    return _current().backend()


def available_backends() -> tuple[str, ...]:
    """The backends that installed plugins can initialize here, e.g. ``("gloo", "mpi")``."""
    return _available_backends()


def model_name() -> str:
    """The current model's name: ``"serial"``, ``"native-dist"``, ``"xla-dist"``, ``"horovod-dist"``..."""
    return _current().name


def device() -> torch.device:
    """The device of this process: ``cuda:<local rank>``, ``cpu``, an XLA device... (serial: cuda or cpu)."""
    return _current().device()


def get_world_size() -> int:
    """Number of processes (1 without distributed configuration)."""
    return _current().get_world_size()


def get_rank() -> int:
    """Global rank of this process (0 without distributed configuration)."""
    return _current().get_rank()


def get_local_rank() -> int:
    """Rank of this process on its node (0 without distributed configuration)."""
    return _current().get_local_rank()


def get_nproc_per_node() -> int:
    """Number of processes per node (1 without distributed configuration)."""
    return _current().get_nproc_per_node()


def get_nnodes() -> int:
    """Number of nodes (1 without distributed configuration)."""
    return _current().get_nnodes()


def get_node_rank() -> int:
    """Index of this node (0 without distributed configuration)."""
    return _current().get_node_rank()


def hostname() -> str:
    """This machine's host name."""
    return socket.gethostname()


# ---------------------------------------------------------------------- context management
def spawn(
    backend: str,
    fn: Callable[..., Any],
    args: Sequence[Any],
    kwargs_dict: Mapping[str, Any] | None = None,
    nproc_per_node: int = 1,
    **kwargs: Any,
) -> None:
    """Start ``nproc_per_node`` processes running ``fn(local_rank, *args, **kwargs_dict)`` with ``backend``.

    ``kwargs`` go to the backend model's ``spawn`` (``nnodes``, ``node_rank``, ``master_addr``,
    ``master_port``, ``init_method``, ``timeout``, ...).
    """
    if not callable(fn):
        raise TypeError(f"spawn: fn should be callable, got {type(fn).__name__}")
    if isinstance(nproc_per_node, bool) or not isinstance(nproc_per_node, int) or nproc_per_node < 1:
        raise ValueError(f"spawn: nproc_per_node should be a positive int, got {nproc_per_node!r}")
    cls = model_class(backend)
    cls.spawn(
        fn,
        args=tuple(args),
        kwargs_dict={} if kwargs_dict is None else kwargs_dict,
        nproc_per_node=nproc_per_node,
        backend=backend,
        **kwargs,
    )


def initialize(backend: str, **kwargs: Any) -> None:
    """Create the distributed context of ``backend`` (one of :func:`available_backends`) in this process.

    ``kwargs`` go to the backend model (native: ``timeout``, ``init_method``, ``rank``, ``world_size``;
    horovod: ``comm``). An unknown backend raises ``ValueError``; a known one whose plugin is not
    installed raises ``PluginNotInstalledError`` with the install command.
    """
    cls = model_class(backend)
    if type(_model) is not _SerialModel:
        raise RuntimeError(
            f"ignite.distributed is already initialized with backend {_model.backend()!r}; "
            "call idist.finalize() before initializing again"
        )
    _set_model(cls.create_from_backend(backend, **kwargs))


def finalize() -> None:
    """Destroy the current distributed context and return to the serial model."""
    _model.finalize()
    _set_model(_SerialModel())


def set_local_rank(index: int) -> None:
    """Tell ignite this process's local rank when you create the process group yourself."""
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(f"set_local_rank: index should be a non-negative int, got {index!r}")
    ComputationModel._ext_local_rank = index


def show_config() -> None:
    """Log the distributed configuration (logger ``ignite.distributed.utils``)."""
    from ignite.utils import setup_logger

    model = _current()
    logger = setup_logger(__name__)
    logger.info(f"distributed configuration: {model.name}")
    logger.info(f"backend: {model.backend()}")
    logger.info(f"device: {model.device().type}")
    logger.info(f"hostname: {hostname()}")
    logger.info(f"world size: {model.get_world_size()}")
    logger.info(f"rank: {model.get_rank()}")
    logger.info(f"local rank: {model.get_local_rank()}")
    logger.info(f"num processes per node: {model.get_nproc_per_node()}")
    logger.info(f"num nodes: {model.get_nnodes()}")
    logger.info(f"node rank: {model.get_node_rank()}")


# ---------------------------------------------------------------------- collectives
@overload
def all_reduce(tensor: torch.Tensor, op: str = "SUM", group: Any | None = None) -> torch.Tensor: ...


@overload
def all_reduce(tensor: float, op: str = "SUM", group: Any | None = None) -> float: ...


def all_reduce(
    tensor: torch.Tensor | float, op: str = "SUM", group: Any | None = None
) -> torch.Tensor | float:
    """Reduce a tensor (in place) or a number across processes: op is SUM, PRODUCT, MIN, MAX, AND or OR.

    ``group`` is a backend group or a list of ranks. Serial: returns ``tensor``.
    """
    # The hot path: skip the adoption check once a model is settled.
    return (_current() if _need_to_sync else _model).all_reduce(tensor, op, group)


@overload
def all_gather(tensor: torch.Tensor, group: Any | None = None) -> torch.Tensor: ...


@overload
def all_gather(tensor: str, group: Any | None = None) -> list[str]: ...


@overload
def all_gather(tensor: float, group: Any | None = None) -> list[float]: ...


@overload
def all_gather(tensor: Any, group: Any | None = None) -> list[Any]: ...


def all_gather(tensor: Any, group: Any | None = None) -> torch.Tensor | list[Any]:
    """Gather from every process.

    A tensor gives a tensor of shape ``(world_size * tensor.shape[0], *tensor.shape[1:])`` (serial: the
    tensor itself); a number, str or other picklable object gives a list with one item per process.
    """
    out: torch.Tensor | list[Any] = _current().all_gather(tensor, group)
    return out


def all_gather_tensors_with_shapes(
    tensor: torch.Tensor, shapes: Sequence[Sequence[int]], group: Any | None = None
) -> list[torch.Tensor]:
    """Gather tensors with the same number of dimensions but different shapes, given every process's shape.

    Returns the list of tensors, one per process of the group; ``[tensor]`` when outside the group.
    """
    return _current().all_gather_tensors_with_shapes(tensor, shapes, group)


@overload
def broadcast(tensor: torch.Tensor, src: int = 0, safe_mode: bool = False) -> torch.Tensor: ...


@overload
def broadcast(tensor: str, src: int = 0, safe_mode: bool = False) -> str: ...


@overload
def broadcast(tensor: float, src: int = 0, safe_mode: bool = False) -> float: ...


@overload
def broadcast(tensor: Any, src: int = 0, safe_mode: bool = False) -> Any: ...


def broadcast(tensor: Any, src: int = 0, safe_mode: bool = False) -> Any:
    """Send the tensor, number or str (or other picklable object) of rank ``src`` to every process.

    With ``safe_mode=True`` non-source ranks may pass ``None`` (or anything): the data kind travels too.
    """
    return _current().broadcast(tensor, src, safe_mode)


def barrier() -> None:
    """Wait until every process reaches this point (no-op in a single process)."""
    _current().barrier()


def new_group(ranks: Sequence[int], **kwargs: Any) -> Any:
    """A group of the processes ``ranks`` in the current backend (serial: ``ranks``)."""
    return _current().new_group(ranks, **kwargs)


# ---------------------------------------------------------------------- helpers
def _check_rank_argument(rank: object, where: str) -> None:
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 0:
        raise ValueError(f"{where}: rank should be a non-negative int, got {rank!r}")


def one_rank_only(
    rank: int = 0, with_barrier: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Decorator: run the function on process ``rank`` only (others get ``None``).

    With ``with_barrier=True`` every process waits for the others after the call.
    """
    _check_rank_argument(rank, "one_rank_only")

    def decorator(func: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
            out = func(*args, **kwargs) if get_rank() == rank else None
            if with_barrier:
                barrier()
            return out

        return wrapper

    return decorator


@contextmanager
def one_rank_first(rank: int = 0, local: bool = False) -> Iterator[None]:
    """Context manager: process ``rank`` runs the block first, the others once it is done.

    ``local=True`` counts ranks within each node (e.g. download a dataset once per node).
    """
    _check_rank_argument(rank, "one_rank_first")
    model = _current()
    current = model.get_local_rank() if local else model.get_rank()
    size = model.get_nproc_per_node() if local else model.get_world_size()
    if rank >= size:
        scope = "processes per node" if local else "world size"
        raise ValueError(
            f"one_rank_first: rank should be between 0 and {size - 1} ({scope} {size}), got {rank}"
        )
    if current != rank:
        model.barrier()
        yield
        return
    try:
        yield
    finally:
        model.barrier()
