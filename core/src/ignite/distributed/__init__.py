"""Distributed helpers (import as ``idist``): one API for serial runs and every installed backend.

Backends (``nccl``, ``gloo``, ``mpi``, ``xla-tpu``, ``horovod``, third-party ones) are computation models
registered by plugins; importing this package loads none of them.
"""

from __future__ import annotations

from ignite.distributed import comp_models, utils
from ignite.distributed.auto import DistributedProxySampler, auto_dataloader, auto_model, auto_optim
from ignite.distributed.comp_models import ComputationModel
from ignite.distributed.launcher import Parallel
from ignite.distributed.utils import (
    all_gather,
    all_gather_tensors_with_shapes,
    all_reduce,
    available_backends,
    backend,
    barrier,
    broadcast,
    device,
    finalize,
    get_local_rank,
    get_nnodes,
    get_node_rank,
    get_nproc_per_node,
    get_rank,
    get_world_size,
    has_hvd_support,
    has_native_dist_support,
    has_xla_support,
    hostname,
    initialize,
    model_name,
    new_group,
    one_rank_first,
    one_rank_only,
    registered_computation_models,
    set_local_rank,
    show_config,
    spawn,
    sync,
)

__all__ = [
    "ComputationModel",
    "DistributedProxySampler",
    "Parallel",
    "all_gather",
    "all_gather_tensors_with_shapes",
    "all_reduce",
    "auto_dataloader",
    "auto_model",
    "auto_optim",
    "available_backends",
    "backend",
    "barrier",
    "broadcast",
    "comp_models",
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
    "utils",
]

from ignite.plugins.facade import facade_getattr

__getattr__ = facade_getattr(__name__)
