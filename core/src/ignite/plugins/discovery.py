"""Finding plugins (the ``ignite.plugins`` entry points, in a fixed order) and the switches that govern loading.

``IGNITE_PLUGINS_STRICT=1``            a plugin that fails to load raises instead of warning
``IGNITE_TRACE_PLUGINS=1``             print what loads, and how long it takes, to stderr
``IGNITE_DISABLE_PLUGINS=a,b``         do not load these plugins (entry-point or distribution names)
``IGNITE_DISABLE_PLUGIN_AUTOLOAD=1``   load only the plugins named in ``IGNITE_PLUGINS=a,b``
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ignite.plugins.registry import Provider

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "ignite.plugins"
FIRST_PARTY_PREFIX = "ignite-plugins-"
_FALSE = frozenset({"", "0", "false", "no", "off"})


def normalize_distribution(name: str) -> str:
    """PEP 503 normal form: ``Ignite_Plugins.Metrics`` -> ``ignite-plugins-metrics``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def matches(item: str, provider: Provider) -> bool:
    """Whether ``item`` names the plugin (entry-point name) or its distribution."""
    dist = provider.distribution
    return item == provider.plugin or (
        dist is not None and normalize_distribution(item) == normalize_distribution(dist)
    )


@dataclass(frozen=True)
class HostSettings:
    """The environment switches, parsed once per host build."""

    strict: bool = False
    trace: bool = False
    disabled: tuple[str, ...] = ()
    autoload: bool = True
    allowlist: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HostSettings:
        """Read the ``IGNITE_*`` plugin switches from ``env`` (default: ``os.environ``)."""
        env = os.environ if env is None else env

        def flag(key: str) -> bool:
            return env.get(key, "").strip().lower() not in _FALSE

        def names(key: str) -> tuple[str, ...]:
            return tuple(item.strip() for item in env.get(key, "").split(",") if item.strip())

        return cls(
            strict=flag("IGNITE_PLUGINS_STRICT"),
            trace=flag("IGNITE_TRACE_PLUGINS"),
            disabled=names("IGNITE_DISABLE_PLUGINS"),
            autoload=not flag("IGNITE_DISABLE_PLUGIN_AUTOLOAD"),
            allowlist=names("IGNITE_PLUGINS"),
        )

    def exclusion(self, provider: Provider) -> tuple[str, str] | None:
        """Why the environment keeps ``plugin`` from loading (``detail`` completing "the plugin ...", and the
        command that loads it), or ``None`` when it may load."""
        hits = [item for item in self.disabled if matches(item, provider)]
        if hits:
            rest = ",".join(item for item in self.disabled if item not in hits)
            command = f"export IGNITE_DISABLE_PLUGINS={rest}" if rest else "unset IGNITE_DISABLE_PLUGINS"
            return (f"is disabled by IGNITE_DISABLE_PLUGINS={','.join(self.disabled)}", command)
        if not self.autoload and not any(matches(item, provider) for item in self.allowlist):
            return (
                "is not loaded because IGNITE_DISABLE_PLUGIN_AUTOLOAD is set and IGNITE_PLUGINS does not name it",
                f"export IGNITE_PLUGINS={','.join([*self.allowlist, provider.plugin])}",
            )
        return None


def source(entry_point: EntryPoint) -> Provider:
    """The provider an entry point stands for, with the distribution that declares it (when it has one)."""
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return Provider(entry_point.name, value=entry_point.value)
    return Provider(entry_point.name, str(dist.metadata["Name"]), str(dist.version), entry_point.value)


def sort_sources(sources: Iterable[Provider]) -> list[Provider]:
    """First-party (``ignite-plugins-*``) distributions first, then by distribution name, then by entry point."""

    def key(provider: Provider) -> tuple[bool, str, str, str]:
        dist = normalize_distribution(provider.distribution or "")
        return (not dist.startswith(FIRST_PARTY_PREFIX), dist, provider.plugin, str(provider.value))

    return sorted(sources, key=key)


def scan() -> list[Provider]:
    """The ``ignite.plugins`` entry points of the installed distributions, sorted by :func:`sort_sources`."""
    from importlib.metadata import entry_points

    return sort_sources(source(ep) for ep in entry_points(group=ENTRY_POINT_GROUP))


def load(provider: Provider) -> object:
    """Import what ``provider``'s entry point names: the plugin (usually the entry-point module)."""
    from importlib.metadata import EntryPoint

    return EntryPoint(provider.plugin, str(provider.value), ENTRY_POINT_GROUP).load()


def installed_version(distribution: str) -> str | None:
    """The installed version of ``distribution``, or ``None`` when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None
