"""``_SerialModel``: one process, no backend; collectives return their input."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import torch

from ignite.distributed.comp_models.base import (
    ComputationModel,
    check_broadcastable,
    check_reduce_op,
    check_reducible,
)

__all__ = ["_SerialModel"]


class _SerialModel(ComputationModel):
    """The model in use when no distributed context exists: rank 0 of a world of size 1.

    ``all_reduce``, ``broadcast`` and tensor ``all_gather`` return their input (validated like any other
    model's); ``all_gather`` of a number, str or other object returns ``[value]``. The device is ``cuda``
    when CUDA is available, else ``cpu``.
    """

    name: ClassVar[str] = "serial"
    available_backends: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self._device: torch.device | None = None

    def get_local_rank(self) -> int:
        return 0

    def get_rank(self) -> int:
        return 0

    def get_world_size(self) -> int:
        return 1

    def get_nproc_per_node(self) -> int:
        return 1

    def get_nnodes(self) -> int:
        return 1

    def get_node_rank(self) -> int:
        return 0

    def device(self) -> torch.device:
        if self._device is None:
            self._device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        return self._device

    def backend(self) -> str | None:
        return None

    def finalize(self) -> None:
        """Nothing to destroy."""

    def barrier(self) -> None:
        """A single process has nobody to wait for."""

    @staticmethod
    def create_from_context() -> _SerialModel:
        return _SerialModel()

    @staticmethod
    def create_from_backend(backend: str | None = None, **kwargs: Any) -> _SerialModel:
        if backend is not None:
            raise ValueError(f"The serial model has no backend, got backend={backend!r}")
        return _SerialModel()

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
        raise NotImplementedError(
            "The serial model cannot spawn processes: pass a distributed backend (see idist.available_backends())"
        )

    # Collectives: validate like every model, then hand the input back.
    def all_reduce(self, tensor: Any, op: str = "SUM", group: Any | None = None) -> Any:
        check_reduce_op(op)
        check_reducible(tensor)
        return tensor

    def all_gather(self, tensor: Any, group: Any | None = None) -> Any:
        if isinstance(tensor, torch.Tensor):
            return tensor
        return [tensor]

    def broadcast(self, tensor: Any, src: int = 0, safe_mode: bool = False) -> Any:
        check_broadcastable(tensor, src, 0, 1, safe_mode)
        return tensor

    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        return tensor

    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        return tensor

    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        return tensor

    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        return ranks
