"""The dist plugin: declared, loads cleanly, registers its five backends lazily."""

from __future__ import annotations

import sys
from importlib.metadata import distribution, entry_points

import ignite.plugins
from ignite.plugins import Provider, Registry
from ignite_plugins_dist import plugin

BACKENDS = {"gloo", "nccl", "mpi", "xla-tpu", "horovod"}


def test_entry_point_and_extras_are_declared() -> None:
    eps = {ep.name: ep.value for ep in entry_points(group="ignite.plugins")}
    assert eps["dist"] == "ignite_plugins_dist.plugin"
    meta = distribution("ignite-plugins-dist").metadata
    assert {"xla", "horovod"} <= set(meta.get_all("Provides-Extra") or [])


def test_hook_registers_the_five_backends_without_importing_them() -> None:
    registry = Registry("dist_backends", Provider("dist", "ignite-plugins-dist"))
    plugin.ignite_register_dist_backends(registry)
    assert set(registry.entries) == BACKENDS
    assert "ignite_plugins_dist.horovod" not in sys.modules
    assert "ignite_plugins_dist.xla" not in sys.modules


def test_host_loads_the_plugin_without_error() -> None:
    records = [r for r in ignite.plugins.list_plugins() if r.provider.distribution == "ignite-plugins-dist"]
    assert len(records) == 1
    assert records[0].status == "loaded", records[0].detail
    assert set(records[0].provides.get("dist_backends", ())) == BACKENDS


def test_the_0_5_module_paths_give_the_models() -> None:
    from ignite.distributed.comp_models.native import _NativeDistModel
    from ignite_plugins_dist.native import NativeDistModel

    assert _NativeDistModel is NativeDistModel
    assert ignite.plugins.get("dist_backends", "gloo") is NativeDistModel
