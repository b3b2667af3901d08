"""Finding plugins: the ``ignite.plugins`` entry points of installed distributions, in a fixed order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ignite.plugins.settings import normalize_distribution

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "ENTRY_POINT_GROUP",
    "FIRST_PARTY_PREFIX",
    "PluginSource",
    "installed_version",
    "scan",
    "sort_sources",
]

ENTRY_POINT_GROUP = "ignite.plugins"
FIRST_PARTY_PREFIX = "ignite-plugins-"


@dataclass(frozen=True)
class PluginSource:
    """One entry point to load, with the distribution that declares it (``None`` when injected bare)."""

    entry_point: EntryPoint
    distribution: str | None = None
    version: str | None = None

    @property
    def name(self) -> str:
        """The entry-point name; this is the plugin's name (``metrics``, ``loggers``, ``example``)."""
        return self.entry_point.name

    @property
    def value(self) -> str:
        """What the entry point points at, e.g. ``ignite_plugins_metrics.plugin``."""
        return self.entry_point.value

    @property
    def first_party(self) -> bool:
        """Whether the distribution is one of the ``ignite-plugins-*`` distributions."""
        return self.distribution is not None and normalize_distribution(self.distribution).startswith(
            FIRST_PARTY_PREFIX
        )

    def load(self) -> object:
        """Import the entry point's module (or attribute) and return it."""
        return self.entry_point.load()

    @classmethod
    def from_entry_point(cls, entry_point: EntryPoint) -> PluginSource:
        """Wrap an entry point, reading distribution name and version from ``entry_point.dist`` when set."""
        dist = getattr(entry_point, "dist", None)
        if dist is None:
            return cls(entry_point)
        return cls(entry_point, str(dist.metadata["Name"]), str(dist.version))


def sort_sources(sources: Iterable[PluginSource]) -> list[PluginSource]:
    """First-party distributions first, then by distribution name, then by entry-point name."""
    return sorted(
        sources,
        key=lambda s: (not s.first_party, normalize_distribution(s.distribution or ""), s.name, s.value),
    )


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
