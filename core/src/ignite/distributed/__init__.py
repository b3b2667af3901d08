"""Distributed helpers (import as ``idist``): one API for serial runs and every installed backend.

Backends (``nccl``, ``gloo``, ``mpi``, ``xla-tpu``, ``horovod``, third-party ones) are computation models
registered by plugins; importing this package loads none of them.
"""

from __future__ import annotations

from ignite.distributed import auto, comp_models, launcher, utils
from ignite.distributed.auto import *  # noqa: F403
from ignite.distributed.comp_models import ComputationModel
from ignite.distributed.launcher import *  # noqa: F403
from ignite.distributed.utils import *  # noqa: F403
from ignite.plugins.facades import facade

__all__ = ["ComputationModel", "comp_models", "utils"]
__all__ += auto.__all__
__all__ += launcher.__all__
__all__ += utils.__all__

__getattr__, __dir__ = facade(__name__)
