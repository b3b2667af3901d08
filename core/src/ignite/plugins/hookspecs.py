"""The hooks an ignite plugin may implement (pluggy project ``"ignite"``).

Hooks grow only by adding keyword arguments: an implementation declares the arguments it uses, so
existing plugins keep working when a hook gains one. The training loop never goes through these hooks;
they run once, when the plugin host is built on first demand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from ignite.distributed.comp_models.base import ComputationModel
    from ignite.plugins.registry import Registry

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "ignite"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ignite_register_metrics(registry: Registry) -> None:
    """Register metrics (``registry.add(name, "module:attr", requires=..., extra=...)``).

    Runs once per plugin when the host is built, i.e. on the first lookup through ``ignite.metrics`` or
    :func:`ignite.plugins.get`. Returns nothing; names become ``ignite.metrics.<name>``.
    """


@hookspec
def ignite_register_handlers(registry: Registry) -> None:
    """Register engine handlers and training helpers (``EarlyStopping``, ``Checkpoint``, ...).

    Runs once per plugin when the host is built. Returns nothing; names become ``ignite.handlers.<name>``.
    """


@hookspec
def ignite_register_loggers(registry: Registry) -> None:
    """Register experiment loggers and their handlers (``TensorboardLogger``, ``ProgressBar``, ...).

    Runs once per plugin when the host is built. Returns nothing; names become ``ignite.handlers.<name>``.
    """


@hookspec
def ignite_register_dist_backends(registry: Registry) -> None:
    """Register distributed backends: backend name (``"gloo"``, ``"xla-tpu"``) -> ComputationModel subclass.

    Runs once per plugin when the host is built, i.e. when ``ignite.distributed`` first needs a backend.
    Returns nothing.
    """


@hookspec(firstresult=True)
def ignite_dist_model_from_context() -> ComputationModel | None:
    """Adopt a process group started outside ignite (e.g. by ``torchrun`` or ``horovodrun``).

    Runs each time :func:`ignite.plugins.dist_model_from_context` is called (``idist.sync()``, first use of
    the distributed API). Returns a ``ComputationModel`` instance wrapping the live context, or ``None``
    when this plugin finds none; the first non-``None`` answer wins.
    """
