"""Computation models: the abstract base, the serial model, and the backends plugins register.

Backends come from the plugin host (kind ``"dist_backends"``); it is consulted only when a backend is
needed, so importing this package scans no entry point.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterator, Sequence
from typing import overload

import torch

from ignite.distributed.comp_models.base import REDUCE_OPS, ComputationModel
from ignite.distributed.comp_models.serial import _SerialModel

__all__ = [
    "REDUCE_OPS",
    "ComputationModel",
    "_SerialModel",
    "available_backends",
    "has_hvd_support",
    "has_native_dist_support",
    "has_xla_support",
    "model_class",
    "model_class_for_device",
    "registered_computation_models",
    "setup_available_computation_models",
]


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


#: ``torch.distributed`` is built into this torch (gloo/nccl/mpi are possible).
has_native_dist_support: bool = torch.distributed.is_available()
#: ``torch_xla`` is installed (looked up, not imported).
has_xla_support: bool = _importable("torch_xla")
#: ``horovod`` is installed (looked up, not imported).
has_hvd_support: bool = _importable("horovod")


def _backend_classes() -> list[tuple[str, type[ComputationModel]]]:
    """(name, class) for every backend the plugin host can load."""
    from ignite import plugins

    out = []
    for name in plugins.names("dist_backends"):
        try:
            cls = _check_model_class(name, plugins.get("dist_backends", name))
        except plugins.PluginNotInstalledError:
            continue
        except TypeError as exc:
            warnings.warn(f"{exc}; the backend is skipped", plugins.PluginWarning, stacklevel=3)
            continue
        out.append((name, cls))
    return out


def _check_model_class(backend: str, cls: object) -> type[ComputationModel]:
    if not (isinstance(cls, type) and issubclass(cls, ComputationModel)):
        raise TypeError(
            f"The plugin registering distributed backend {backend!r} gave {cls!r}, which is not a subclass of "
            "ignite.distributed.comp_models.ComputationModel"
        )
    return cls


def available_backends() -> tuple[str, ...]:
    """Backend names registered by installed plugins whose model can initialize them here."""
    return tuple(name for name, cls in _backend_classes() if name in cls.available_backends)


def model_class(backend: str) -> type[ComputationModel]:
    """The computation model class that implements ``backend``.

    Raises:
        PluginNotInstalledError: ``backend`` is known but its plugin (or the package it needs) is missing;
            the message ends with the install command.
        ValueError: ``backend`` is unknown, or its model cannot initialize it on this machine.
    """
    from ignite import plugins

    if not isinstance(backend, str):
        raise TypeError(f"backend should be a str such as 'gloo', got {type(backend).__name__}")
    try:
        cls = _check_model_class(backend, plugins.get("dist_backends", backend))
    except LookupError:
        raise ValueError(
            f"Unknown distributed backend {backend!r}. Available backends: {available_backends()}"
        ) from None
    if backend not in cls.available_backends:
        reason = cls.unavailable_reason(backend)
        raise ValueError(
            f"Distributed backend {backend!r} ({cls.__name__}) is not usable on this machine"
            f"{': ' + reason if reason else ''}; it supports {cls.available_backends} here. "
            f"Available backends: {available_backends()}"
        )
    return cls


def backend_advice(backend: str | None = None) -> str:
    """What is true about distributed backend ``backend`` here (any backend when ``None``) and the one action
    that gives it, as sentences to end a message with."""
    from ignite.plugins import get_host
    from ignite.plugins.facades import INDEX

    registered = get_host().entries("dist_backends")
    known = sorted(INDEX.get("dist_backends", {}))
    if backend is None and registered:
        return f"The registered backends ({', '.join(sorted(registered))}) cannot run on this machine."
    if backend is None:
        return backend_advice(known[0]) if known else "No installed plugin registers a distributed backend."
    if len(registered.get(backend, [])) == 1:
        return (
            f"The plugin {registered[backend][0].provider.label()} registers the {backend!r} backend but did not "
            f"adopt the process group. To fix it: start it with idist.initialize({backend!r}) or "
            f"idist.Parallel(backend={backend!r})."
        )
    if backend not in known:
        return f"No installed plugin registers the {backend!r} backend; install a plugin that provides it."
    return str(get_host().missing("dist_backends", backend, f"The {backend!r} backend"))


_DEVICE_MODELS: dict[str, type[ComputationModel] | None] = {}


def model_class_for_device(device: str | torch.device) -> type[ComputationModel] | None:
    """The installed backend model listing ``device``'s type in its ``device_types``, or ``None``.

    ``None`` means a plain torch device (``cpu``, ``cuda``, ...) that needs no backend hook. The answer
    is cached per device type; ``cpu`` never consults the plugins.
    """
    device_type = torch.device(device).type
    if device_type == "cpu":
        return None
    if device_type not in _DEVICE_MODELS:
        _DEVICE_MODELS[device_type] = next(
            (cls for _, cls in _backend_classes() if device_type in cls.device_types), None
        )
    return _DEVICE_MODELS[device_type]


def setup_available_computation_models() -> tuple[type[ComputationModel], ...]:
    """The serial model, then each installed backend model that can initialize one of its backends here."""
    models: list[type[ComputationModel]] = [_SerialModel]
    for name, cls in _backend_classes():
        if name in cls.available_backends and cls not in models:
            models.append(cls)
    return tuple(models)


class _RegisteredModels(Sequence[type[ComputationModel]]):
    """A live view of :func:`setup_available_computation_models`, computed when first read."""

    @overload
    def __getitem__(self, index: int) -> type[ComputationModel]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[type[ComputationModel]]: ...

    def __getitem__(self, index: int | slice) -> type[ComputationModel] | Sequence[type[ComputationModel]]:
        return setup_available_computation_models()[index]

    def __len__(self) -> int:
        return len(setup_available_computation_models())

    def __iter__(self) -> Iterator[type[ComputationModel]]:
        return iter(setup_available_computation_models())

    def __repr__(self) -> str:
        return repr(setup_available_computation_models())


#: The available computation model classes (serial first); plugins are consulted when it is read.
registered_computation_models: Sequence[type[ComputationModel]] = _RegisteredModels()
