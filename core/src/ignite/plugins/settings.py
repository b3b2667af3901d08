"""Plugin-host settings read from the environment when the host is built.

``IGNITE_PLUGINS_STRICT=1``            a plugin that fails to load raises instead of warning
``IGNITE_TRACE_PLUGINS=1``             print what loads, and how long it takes, to stderr
``IGNITE_DISABLE_PLUGINS=a,b``         do not load these plugins (entry-point or distribution names)
``IGNITE_DISABLE_PLUGIN_AUTOLOAD=1``   load only the plugins named in ``IGNITE_PLUGINS=a,b``
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Exclusion", "HostSettings", "normalize_distribution"]

_FALSE = frozenset({"", "0", "false", "no", "off"})


def normalize_distribution(name: str) -> str:
    """PEP 503 normal form: ``Ignite_Plugins.Metrics`` -> ``ignite-plugins-metrics``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _flag(env: Mapping[str, str], key: str) -> bool:
    return env.get(key, "").strip().lower() not in _FALSE


def _names(env: Mapping[str, str], key: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in env.get(key, "").split(",") if item.strip())


def _matches(item: str, plugin: str, distribution: str | None) -> bool:
    if item == plugin:
        return True
    return distribution is not None and normalize_distribution(item) == normalize_distribution(distribution)


@dataclass(frozen=True)
class Exclusion:
    """Why a plugin is not loaded (``detail`` completes "the plugin ... ") and the command that loads it."""

    detail: str
    command: str


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
        return cls(
            strict=_flag(env, "IGNITE_PLUGINS_STRICT"),
            trace=_flag(env, "IGNITE_TRACE_PLUGINS"),
            disabled=_names(env, "IGNITE_DISABLE_PLUGINS"),
            autoload=not _flag(env, "IGNITE_DISABLE_PLUGIN_AUTOLOAD"),
            allowlist=_names(env, "IGNITE_PLUGINS"),
        )

    def exclusion(self, plugin: str, distribution: str | None) -> Exclusion | None:
        """Why the environment keeps ``plugin`` from loading, or ``None`` when it may load."""
        hits = [item for item in self.disabled if _matches(item, plugin, distribution)]
        if hits:
            rest = [item for item in self.disabled if item not in hits]
            command = (
                f"export IGNITE_DISABLE_PLUGINS={','.join(rest)}" if rest else "unset IGNITE_DISABLE_PLUGINS"
            )
            return Exclusion(f"is disabled by IGNITE_DISABLE_PLUGINS={','.join(self.disabled)}", command)
        if not self.autoload and not any(_matches(item, plugin, distribution) for item in self.allowlist):
            return Exclusion(
                "is not loaded because IGNITE_DISABLE_PLUGIN_AUTOLOAD is set and IGNITE_PLUGINS does not name it",
                f"export IGNITE_PLUGINS={','.join([*self.allowlist, plugin])}",
            )
        return None
