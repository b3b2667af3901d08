"""Every public name this distribution provides, declared once: registration, the 0.5 module aliases,
the install hints and the type-checking view all derive from this table."""

from __future__ import annotations

from ignite.plugins import Name

NAMES: tuple[Name, ...] = (
    Name(
        "gloo",
        "ignite_plugins_dist.native:_NativeDistModel",
        modules=("ignite.distributed.comp_models.native",),
    ),
    Name("nccl", "ignite_plugins_dist.native:_NativeDistModel"),
    Name("mpi", "ignite_plugins_dist.native:_NativeDistModel"),
    Name(
        "xla-tpu",
        "ignite_plugins_dist.xla:_XlaDistModel",
        modules=("ignite.distributed.comp_models.xla",),
        extra="xla",
        requires=("torch_xla",),
    ),
    Name(
        "horovod",
        "ignite_plugins_dist.horovod:_HorovodDistModel",
        modules=("ignite.distributed.comp_models.horovod",),
        extra="horovod",
        requires=("horovod",),
    ),
)
