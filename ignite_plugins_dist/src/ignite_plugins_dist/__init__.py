"""Distributed computation backends for the plugin-based PyTorch-Ignite core.

The native (gloo/nccl/mpi), XLA and Horovod computation models arrive with the distributed-plugin work;
until then this distribution only declares its entry point and registers nothing.
"""

from __future__ import annotations

__version__ = "0.6.0.dev0"

__all__ = ["__version__"]
