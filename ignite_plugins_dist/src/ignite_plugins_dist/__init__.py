"""Distributed computation backends for the plugin-based PyTorch-Ignite core.

``native`` (``torch.distributed``: gloo, nccl, mpi), ``horovod`` and ``xla`` (``xla-tpu``) computation
models, registered in the ``dist_backends`` kind and imported only when a backend is used.
"""

from __future__ import annotations

__version__ = "0.6.0.dev0"

__all__ = ["__version__"]
