"""Provenance recorded in every checkpoint: versions, world size and the engine's counters.

It rides on the saved mapping as the attribute ``_ignite_provenance`` of an ``OrderedDict`` (pickled with it,
restored by ``torch.load(weights_only=True)``), so the checkpoint's keys stay exactly those of ``to_save`` and
``model.load_state_dict(torch.load(path)["model"])`` works as with pytorch-ignite 0.5.
"""

from __future__ import annotations

import functools
import time
from collections import OrderedDict
from collections.abc import Mapping
from importlib import metadata
from typing import Any

import torch

import ignite
import ignite.distributed as idist
from ignite.engine import Engine

__all__ = ["PROVENANCE_ATTR", "attach_provenance", "collect_provenance", "read_provenance"]

PROVENANCE_ATTR = "_ignite_provenance"


def _plugin_versions() -> dict[str, str]:
    """Distribution -> version of every plugin the host loaded (plugins registered at runtime by name)."""
    found: dict[str, str] = {}
    try:
        from ignite.plugins import list_plugins

        for record in list_plugins():
            if record.status == "loaded":
                provider = record.provider
                found[provider.distribution or provider.plugin] = provider.version or "unknown"
    except Exception:  # provenance must never make a save fail
        return _installed_plugin_versions()
    return dict(sorted(found.items()))


@functools.cache
def _installed_plugin_versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for ep in metadata.entry_points(group="ignite.plugins"):
        if ep.dist is not None:
            found[ep.dist.metadata["Name"]] = ep.dist.version
    return dict(sorted(found.items()))


def collect_provenance(engine: Engine | None) -> dict[str, Any]:
    """Versions of torch, ignite-core and the loaded ignite plugins, the world size, and ``engine``'s
    counters (only plain Python types, so ``weights_only`` loading accepts it)."""
    info: dict[str, Any] = {
        "format": 1,
        "torch": str(torch.__version__),
        "ignite_core": str(ignite.__version__),
        "plugins": _plugin_versions(),
        "world_size": int(idist.get_world_size()),
        "rank": int(idist.get_rank()),
        "saved_at": time.time(),
    }
    if engine is not None:
        state = engine.state
        info["engine"] = {
            "epoch": int(state.epoch),
            "iteration": int(state.iteration),
            "epoch_length": None if state.epoch_length is None else int(state.epoch_length),
            "max_epochs": None if state.max_epochs is None else int(state.max_epochs),
            "event": None if engine.last_event_name is None else str(engine.last_event_name),
        }
    return info


def attach_provenance(checkpoint: Any, info: dict[str, Any]) -> Any:
    """Return ``checkpoint`` carrying ``info``; a plain mapping is copied into an ``OrderedDict`` first."""
    if not isinstance(checkpoint, Mapping):
        return checkpoint
    if type(checkpoint) is not OrderedDict:
        copied: OrderedDict[Any, Any] = OrderedDict(checkpoint)
        meta = getattr(checkpoint, "_metadata", None)
        if meta is not None:
            copied._metadata = meta  # type: ignore[attr-defined]
        checkpoint = copied
    setattr(checkpoint, PROVENANCE_ATTR, info)
    return checkpoint


def read_provenance(checkpoint: Any) -> dict[str, Any] | None:
    """The provenance of a loaded checkpoint (or a path to one), or None when it has none."""
    if not isinstance(checkpoint, Mapping):
        from ignite_plugins_handlers.checkpoint._io import safe_load

        checkpoint = safe_load(checkpoint)
    info = getattr(checkpoint, PROVENANCE_ATTR, None)
    return dict(info) if isinstance(info, Mapping) else None
