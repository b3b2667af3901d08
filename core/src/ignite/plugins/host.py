"""The plugin host: loads plugins (one try/except each), collects their names and answers lookups; and the
process-wide host, built once, on first demand, under a lock (``import ignite`` never builds it).

Names come from two places: what the loaded plugins register, and the generated index of the first-party
distributions' name tables (:data:`ignite.plugins.facades.INDEX`), which names the distribution to install for a
name nobody registers.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ignite.plugins import errors
from ignite.plugins.discovery import HostSettings, load, matches, scan, source
from ignite.plugins.errors import PluginConflictError, PluginLoadError, PluginWarning
from ignite.plugins.facades import INDEX, invalidate_caches
from ignite.plugins.registry import KINDS, Entry, Provider, Registry, check_kind, import_target

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from ignite.distributed.comp_models.base import ComputationModel

__all__ = [
    "PluginHost",
    "PluginRecord",
    "block",
    "dist_model_from_context",
    "get",
    "get_host",
    "list_plugins",
    "names",
    "register",
    "reset",
    "set_host",
    "unblock",
    "unregister",
]

Status = Literal["loaded", "failed", "disabled", "blocked"]


@dataclass
class PluginRecord:
    """What happened to one plugin: its provider, status (``detail`` says why, ``command`` fixes it), the error
    that failed it, and the entries it registers (the host's only copy of them)."""

    provider: Provider
    status: Status
    detail: str = ""
    command: str = ""
    error: BaseException | None = None
    plugin: object | None = None
    entries: tuple[Entry, ...] = ()

    @property
    def provides(self) -> dict[str, tuple[str, ...]]:
        """Kind -> the names the plugin registers, in registration order."""
        provides: dict[str, tuple[str, ...]] = {}
        for entry in self.entries:
            provides[entry.kind] = (*provides.get(entry.kind, ()), entry.name)
        return provides


def _available(module: str) -> bool:
    try:
        return module in sys.modules or importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _blocked(provider: Provider, blocker: str) -> PluginRecord:
    detail = f"was blocked with ignite.plugins.block({blocker!r})"
    return PluginRecord(provider, "blocked", detail, f"ignite.plugins.unblock({blocker!r})")


def _ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1e3:.1f} ms"


class PluginHost:
    """Plugins loaded from ``sources`` (entry points), plus plugin objects registered at runtime.

    Not locked itself: the process-wide functions of this module (:func:`register`, :func:`block`, ...) hold
    the host lock around it.

    Args:
        sources: entry points (or :class:`~ignite.plugins.registry.Provider`) to load, in this order;
            ``None`` scans the ``ignite.plugins`` entry-point group of the installed distributions.
        settings: the switches; default read from the environment.
        blocked: plugin or distribution names not to load (see :func:`ignite.plugins.block`).
    """

    def __init__(
        self,
        sources: Iterable[Provider | EntryPoint] | None = None,
        *,
        settings: HostSettings | None = None,
        blocked: Iterable[str] = (),
    ) -> None:
        start = time.perf_counter()
        import pluggy

        from ignite.plugins import hookspecs

        self.settings = settings if settings is not None else HostSettings.from_env()
        self.plugin_manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.plugin_manager.add_hookspecs(hookspecs)
        self._blocked: set[str] = set(blocked)
        self._records: dict[str, PluginRecord] = {}
        found = scan() if sources is None else [s if isinstance(s, Provider) else source(s) for s in sources]
        self._trace(f"found {len(found)} entry point(s) in {_ms(start)}")
        for provider in found:
            self._load(provider)
        self._trace(f"host built in {_ms(start)}")

    def _trace(self, text: str) -> None:
        if self.settings.trace:
            print(f"[ignite.plugins] {text}", file=sys.stderr, flush=True)

    def _load(self, provider: Provider) -> None:
        if exclusion := self.settings.exclusion(provider):
            return self._skip(PluginRecord(provider, "disabled", *exclusion))
        if blocker := next((item for item in sorted(self._blocked) if matches(item, provider)), None):
            return self._skip(_blocked(provider, blocker))
        start = time.perf_counter()
        try:
            conflicts = self._register(load(provider), provider)
        except Exception as exc:
            return self._fail(provider, exc)
        self._trace(f"loaded {provider.label()} from {provider.value} in {_ms(start)}")
        for conflict in conflicts:
            if self.settings.strict:
                raise conflict
            warnings.warn(str(conflict), PluginWarning, stacklevel=2)

    def _skip(self, record: PluginRecord) -> None:
        self._records.setdefault(record.provider.plugin, record)
        self._trace(f"skipped {record.provider.label()}: {record.detail}")

    def _fail(self, provider: Provider, error: Exception) -> None:
        detail = errors.why(error)
        self._skip(PluginRecord(provider, "failed", detail, "python -m ignite.plugins doctor", error))
        text = f"ignite plugin {provider.label()} failed to load and is skipped: {detail}"
        if self.settings.strict:
            raise PluginLoadError(f"{text} (IGNITE_PLUGINS_STRICT is set)") from error
        warnings.warn(text, PluginWarning, stacklevel=2)

    def _register(self, plugin: object, provider: Provider) -> list[PluginConflictError]:
        """Register ``plugin`` and its names; returns an error for each name another plugin registers too."""
        if provider.plugin in self._records:
            used = self._records[provider.plugin].provider.label()
            raise ValueError(f"a plugin named {provider.plugin!r} is already registered: {used}")
        self.plugin_manager.register(plugin, name=provider.plugin)
        try:
            entries = self._collect(plugin, provider)
        except BaseException:
            self.plugin_manager.unregister(plugin)
            raise
        taken = {kind: self.entries(kind) for kind in KINDS}
        self._records[provider.plugin] = PluginRecord(provider, "loaded", plugin=plugin, entries=entries)
        return [errors.conflict([*taken[e.kind][e.name], e]) for e in entries if e.name in taken[e.kind]]

    def _collect(self, plugin: object, provider: Provider) -> tuple[Entry, ...]:
        import pluggy

        for caller in self.plugin_manager.get_hookcallers(plugin) or ():
            if not caller.has_spec():
                message = f"unknown hook {caller.name!r}: ignite hooks are those in ignite.plugins.hookspecs"
                raise pluggy.PluginValidationError(plugin, message)
        entries: list[Entry] = []
        for kind in KINDS:
            registry = Registry(kind, provider)
            for impl in getattr(self.plugin_manager.hook, f"ignite_register_{kind}").get_hookimpls():
                if impl.plugin is plugin:
                    if impl.hookwrapper or impl.wrapper:
                        raise TypeError(f"{impl.plugin_name}: registration hooks cannot be wrappers")
                    impl.function(*({"registry": registry}[arg] for arg in impl.argnames))
            entries += registry.entries.values()
        return tuple(entries)

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object (module, class or instance with hookimpls) now; returns its name.

        Errors raise at once: invalid hooks, or a name another plugin already provides.
        """
        plugin_name = name or self.plugin_manager.get_canonical_name(plugin)
        if conflicts := self._register(plugin, Provider(plugin_name)):
            self.unregister(plugin_name)
            raise conflicts[0]
        invalidate_caches()
        return plugin_name

    def unregister(self, name: str) -> None:
        """Remove plugin ``name`` and everything it registered."""
        if name not in self._records:
            raise LookupError(f"no plugin named {name!r}; registered: {', '.join(sorted(self._records))}")
        del self._records[name]
        self.plugin_manager.unregister(name=name)
        invalidate_caches()

    def block(self, name: str) -> None:
        """Stop plugin (or distribution) ``name``: its names become unavailable with a 'blocked' error."""
        self._blocked.add(name)
        for record in self.records():
            if matches(name, record.provider):
                self.plugin_manager.unregister(name=record.provider.plugin)
                self._records[record.provider.plugin] = _blocked(record.provider, name)
        invalidate_caches()

    def records(self) -> list[PluginRecord]:
        """Every plugin seen, in load order."""
        return list(self._records.values())

    def entries(self, kind: str) -> dict[str, list[Entry]]:
        """Registered names of ``kind`` -> their entries, in load order (more than one means a conflict)."""
        check_kind(kind)
        found: dict[str, list[Entry]] = {}
        for record in self._records.values():
            for entry in record.entries:
                if entry.kind == kind:
                    found.setdefault(entry.name, []).append(entry)
        return found

    def missing_requirements(self, entry: Entry) -> list[str]:
        """The modules in ``entry.requires`` that cannot be imported."""
        return [module for module in entry.requires if not _available(module)]

    def names(self, kind: str) -> list[str]:
        """Sorted names of ``kind`` that are registered once and whose required modules are importable."""
        found = self.entries(kind).items()
        return sorted(
            name for name, entries in found if len(entries) == 1 and not self.missing_requirements(entries[0])
        )

    def load(self, kind: str, name: str, qualname: str | None = None) -> object:
        """The object registered as ``name`` in ``kind``, imported now (facades cache it).

        Raises:
            PluginNotInstalledError: a name of the index that no loaded plugin registers, a missing required
                module, or a target that cannot be imported.
            PluginConflictError: several plugins register the name.
            LookupError: nothing registers the name and the index does not know it.
        """
        subject, entries = qualname or f"{kind} {name!r}", self.entries(kind).get(name)
        if not entries:
            raise self.missing(kind, name, subject)
        if len(entries) > 1:
            raise errors.conflict(entries, subject)
        entry, start = entries[0], time.perf_counter()
        if missing := self.missing_requirements(entry):
            raise errors.unusable(entry, subject, missing=missing)
        if not isinstance(entry.target, str):
            return entry.target
        try:
            obj = import_target(entry.target)
        except ImportError as exc:
            raise errors.unusable(entry, subject, error=exc) from exc
        self._trace(f"imported {kind} {name!r} from {entry.target} in {_ms(start)}")
        return obj

    def missing(self, kind: str, name: str, subject: str) -> Exception:
        """The error for ``name``, which no loaded plugin registers: what the index and the records tell."""
        if name not in INDEX.get(kind, {}):
            known = [*self.entries(kind), *INDEX.get(kind, {})]
            return LookupError(f"no plugin registers {kind} {name!r}.{errors.suggestion(name, known)}")
        row = INDEX[kind][name]
        records = [r for r in self.records() if matches(row[0], r.provider)]
        return errors.unavailable(kind, name, subject, row, records)


# ---------------------------------------------------------------------- the process-wide host

_lock = threading.RLock()
_host: PluginHost | None = None
_blocked_names: set[str] = set()
_building = False


def get_host() -> PluginHost:
    """The process-wide host, built from the installed entry points on first call."""
    global _building
    with _lock:
        if _host is not None:
            return _host
        if _building:
            raise RuntimeError(
                "a plugin looked up an ignite plugin name while the plugin host was loading plugins; "
                "entry-point modules must only register names (as 'module:attr' targets)"
            )
        _building = True
        try:
            host = PluginHost(blocked=_blocked_names)
        finally:
            _building = False
        set_host(host)
        return host


def building() -> bool:
    """Whether the process-wide host is being built right now (plugins are loading)."""
    return _building


def set_host(host: PluginHost | None) -> PluginHost | None:
    """Install ``host`` as the process-wide host (``None``: rebuild on next demand); returns the previous one."""
    global _host
    with _lock:
        previous, _host = _host, host
        invalidate_caches()
        return previous


def reset() -> None:
    """Forget the host (and the names cached on facade modules); the next lookup rescans entry points.

    Names passed to :func:`block` stay blocked; :func:`unblock` lifts them.
    """
    set_host(None)


def get(kind: str, name: str) -> object:
    """The object a plugin registers as ``name`` in ``kind`` (``"metrics"``, ``"handlers"``, ``"loggers"``,
    ``"dist_backends"``), imported on first use.

    Raises:
        PluginNotInstalledError: a known name whose provider is missing, disabled, failed or lacks a package.
        PluginConflictError: several plugins register the name.
        LookupError: an unknown name.
    """
    return get_host().load(kind, name)


def names(kind: str) -> list[str]:
    """Sorted names of ``kind`` that are registered and loadable (their required modules import)."""
    return get_host().names(kind)


def dist_model_from_context() -> ComputationModel | None:
    """Ask the dist plugins to adopt a process group started outside ignite; ``None`` when none does."""
    result: ComputationModel | None = get_host().plugin_manager.hook.ignite_dist_model_from_context()
    return result


def register(plugin: object, name: str | None = None) -> str:
    """Register a plugin object (a module or object with ``@hookimpl`` functions) now; returns its name.

    Meant for plugins that are not installed as distributions (notebooks, tests). Errors raise at once.
    """
    with _lock:
        return get_host().register(plugin, name)


def unregister(name: str) -> None:
    """Remove the plugin registered as ``name`` and the names it provides."""
    with _lock:
        get_host().unregister(name)


def block(*names: str) -> None:
    """Disable plugins by entry-point or distribution name; their names raise ``PluginNotInstalledError``."""
    with _lock:
        _blocked_names.update(names)
        if _host is not None:
            for name in names:
                _host.block(name)


def unblock(*names: str) -> None:
    """Undo :func:`block`; the host is rebuilt on next demand so the plugins load again."""
    with _lock:
        _blocked_names.difference_update(names)
        set_host(None)


def list_plugins() -> list[PluginRecord]:
    """Every plugin the host has seen, with status (loaded, failed, disabled, blocked) and what it provides."""
    return get_host().records()
