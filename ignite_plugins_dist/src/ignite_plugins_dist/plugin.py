"""Entry-point module of ``ignite-plugins-dist`` (group ``ignite.plugins``, name ``dist``).

Backends (``gloo``, ``nccl``, ``mpi``, ``xla-tpu``, ``horovod``) arrive with the distributed-plugin work.
This hook registers only what the distribution implements, which today is nothing, so
``ignite.plugins.names("dist_backends")`` lists no backend from it and no name resolves to a missing module.
"""

from __future__ import annotations

from ignite.plugins import Registry, hookimpl


@hookimpl
def ignite_register_dist_backends(registry: Registry) -> None:
    """Register this distribution's computation models (none yet: see the module docstring)."""
