"""The topology getters every backend model of this plugin shares: values read once, at initialisation."""

from __future__ import annotations

import torch

from ignite.distributed.comp_models.base import ComputationModel

__all__ = ["StoredTopology"]


class StoredTopology(ComputationModel):
    """A computation model whose ranks, sizes and device are attributes set once in ``__init__``.

    Subclasses set ``_rank``, ``_local_rank``, ``_world_size``, ``_nproc`` (processes per node), ``_nnodes``,
    ``_node_rank`` and ``_device``; the ``get_*`` methods and ``device()`` read them.
    """

    _rank: int
    _local_rank: int
    _world_size: int
    _nproc: int
    _nnodes: int
    _node_rank: int
    _device: torch.device

    def get_local_rank(self) -> int:
        return self._local_rank

    def get_rank(self) -> int:
        return self._rank

    def get_world_size(self) -> int:
        return self._world_size

    def get_nproc_per_node(self) -> int:
        return self._nproc

    def get_nnodes(self) -> int:
        return self._nnodes

    def get_node_rank(self) -> int:
        return self._node_rank

    def device(self) -> torch.device:
        return self._device
