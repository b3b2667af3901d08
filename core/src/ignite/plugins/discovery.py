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

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "ignite.plugins"
FIRST_PARTY_PREFIX = "ignite-plugins-"
_FALSE = frozenset({"", "0", "false", "no", "off"})


def normalize_distribution(name: str) -> str:
    """PEP 503 normal form: ``Ignite_Plugins.Metrics`` -> ``ignite-plugins-metrics``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def matches(item: str, plugin: str, distribution: str | None) -> bool:
    """Whether ``item`` names the plugin (entry-point name) or its distribution."""
    return item == plugin or (
        distribution is not None and normalize_distribution(item) == normalize_distribution(distribution)
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

    def exclusion(self, plugin: str, distribution: str | None) -> tuple[str, str] | None:
        """Why the environment keeps ``plugin`` from loading (``detail`` completing "the plugin ...", and the
        command that loads it), or ``None`` when it may load."""
        hits = [item for item in self.disabled if matches(item, plugin, distribution)]
        if hits:
            rest = ",".join(item for item in self.disabled if item not in hits)
            command = f"export IGNITE_DISABLE_PLUGINS={rest}" if rest else "unset IGNITE_DISABLE_PLUGINS"
            return (f"is disabled by IGNITE_DISABLE_PLUGINS={','.join(self.disabled)}", command)
        if not self.autoload and not any(matches(item, plugin, distribution) for item in self.allowlist):
            return (
                "is not loaded because IGNITE_DISABLE_PLUGIN_AUTOLOAD is set and IGNITE_PLUGINS does not name it",
                f"export IGNITE_PLUGINS={','.join([*self.allowlist, plugin])}",
            )
        return None


@dataclass(frozen=True)
class PluginSource:
    """One entry point to load (its name is the plugin's name: ``metrics``, ``example``), with the distribution
    that declares it (``None`` when injected bare)."""

    entry_point: EntryPoint
    distribution: str | None = None
    version: str | None = None

    @classmethod
    def from_entry_point(cls, entry_point: EntryPoint) -> PluginSource:
        """Wrap an entry point, reading distribution name and version from ``entry_point.dist`` when set."""
        dist = getattr(entry_point, "dist", None)
        if dist is None:
            return cls(entry_point)
        return cls(entry_point, str(dist.metadata["Name"]), str(dist.version))


def sort_sources(sources: Iterable[PluginSource]) -> list[PluginSource]:
    """First-party (``ignite-plugins-*``) distributions first, then by distribution name, then by entry-point
    name."""

    def key(source: PluginSource) -> tuple[bool, str, str, str]:
        dist = normalize_distribution(source.distribution or "")
        return (
            not dist.startswith(FIRST_PARTY_PREFIX),
            dist,
            source.entry_point.name,
            source.entry_point.value,
        )

    return sorted(sources, key=key)


def scan(group: str = ENTRY_POINT_GROUP) -> list[PluginSource]:
    """The entry points of ``group`` across installed distributions, sorted by :func:`sort_sources`."""
    from importlib.metadata import entry_points

    return sort_sources(PluginSource.from_entry_point(ep) for ep in entry_points(group=group))


def installed_version(distribution: str) -> str | None:
    """The installed version of ``distribution``, or ``None`` when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None
