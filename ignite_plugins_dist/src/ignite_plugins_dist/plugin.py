"""Entry-point module of ``ignite-plugins-dist``: registers the names of its table (``names.py``) lazily.

Targets are ``"module:attr"`` strings, so discovering this plugin imports nothing heavy; adopting a
context imports a backend's model only when that backend's context is live.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ignite.plugins import Registry, hookimpl
from ignite_plugins_dist.names import NAMES

if TYPE_CHECKING:
    from ignite.distributed.comp_models.base import ComputationModel


@hookimpl
def ignite_register_dist_backends(registry: Registry) -> None:
    """Register every name of this distribution's table."""
    registry.add_names(NAMES)


@hookimpl
def ignite_dist_model_from_context() -> ComputationModel | None:
    """Adopt a live horovod, XLA or ``torch.distributed`` context (checked in that order), else ``None``."""
    hvd = sys.modules.get("horovod.torch")
    if hvd is not None and getattr(hvd, "is_initialized", lambda: False)():
        from ignite_plugins_dist.horovod import HorovodDistModel

        hvd_model: ComputationModel | None = HorovodDistModel.create_from_context()
        return hvd_model
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        if "torch_xla" in sys.modules and str(dist.get_backend()) == "xla":
            from ignite_plugins_dist.xla import XLADistModel

            xla_model: ComputationModel | None = XLADistModel.create_from_context()
            return xla_model
        from ignite_plugins_dist.native import NativeDistModel

        return NativeDistModel.create_from_context()
    return None
