"""Questions answered by the generated catalogue (``_catalogue.py``): who provides a 0.5 name, which kinds a
facade module resolves, and which 0.5 module paths exist.

This module and ``_catalogue.py`` are the only places in core that know which distribution provides what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ignite.plugins import _catalogue as data

__all__ = [
    "AliasModule",
    "alias_module",
    "core_target",
    "facade_kinds",
    "facade_names",
    "is_module_path",
    "is_open_facade",
    "known_names",
    "pip_name",
    "provider_of",
]

_DEFAULT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ignite.contrib.metrics", ("metrics",)),
    ("ignite.contrib.handlers", ("handlers", "loggers")),
    ("ignite.contrib.engines", ("handlers", "loggers")),
    ("ignite.metrics", ("metrics",)),
    ("ignite.handlers", ("handlers", "loggers")),
    ("ignite.distributed", ("dist_backends",)),
)


@dataclass(frozen=True)
class AliasModule:
    """A pytorch-ignite 0.5 module path kept working by the alias finder."""

    name: str
    facade: str
    names: Mapping[str, str]
    package: bool
    moved_to: str | None
    deprecated_since: str | None


def facade_kinds(module: str) -> tuple[str, ...]:
    """The registry kinds ``module`` resolves names from (``ignite.handlers`` -> handlers, loggers)."""
    kinds = data.FACADE_KINDS.get(module)
    if kinds is not None:
        return kinds
    for prefix, default in _DEFAULT_KINDS:
        if module == prefix or module.startswith(prefix + "."):
            return default
    return ()


def is_open_facade(module: str) -> bool:
    """Whether ``module`` resolves every registered name of its kinds, not only its 0.5 names."""
    return module in data.OPEN_FACADES


def facade_names(module: str) -> tuple[str, ...]:
    """The pytorch-ignite 0.5 public names of ``module`` (plugin-provided and core)."""
    return data.FACADE_NAMES.get(module, ())


def core_target(module: str, name: str) -> str | None:
    """``"module:attr"`` when core itself provides ``name`` in facade ``module``."""
    return data.CORE.get(module, {}).get(name)


def provider_of(kind: str, name: str) -> tuple[str, str | None] | None:
    """``(distribution, extra)`` that provides 0.5 name ``name`` of ``kind``, or ``None`` if not a 0.5 name."""
    return data.PROVIDERS.get(kind, {}).get(name)


def is_module_path(name: str) -> bool:
    """Whether ``name`` is a 0.5 module path the alias finder serves."""
    return name in data.MODULES


def known_names(kind: str) -> tuple[str, ...]:
    """Every 0.5 name of ``kind`` that some first-party distribution provides."""
    return tuple(data.PROVIDERS.get(kind, {}))


def alias_module(name: str) -> AliasModule | None:
    """The 0.5 module path ``name`` (e.g. ``ignite.metrics.accuracy``), or ``None`` if there is none."""
    spec = data.MODULES.get(name)
    if spec is None:
        return None
    facade, names, package, moved_to, since = spec
    return AliasModule(name, facade, names, package, moved_to, since)


def pip_name(module: str) -> str:
    """The pip package that installs import name ``module`` (``sklearn`` -> ``scikit-learn``)."""
    top = module.partition(".")[0]
    return data.PIP_NAMES.get(top, top)
