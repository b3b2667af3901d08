"""The plugin host: loads plugins (one try/except each), collects their registrations and answers lookups.

A :class:`PluginHost` is built from plugin sources (entry points). The process-wide one lives in
:mod:`ignite.plugins.api` and is built on first demand; tests build their own.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ignite.plugins import catalogue, messages
from ignite.plugins.discovery import PluginSource, installed_version, scan
from ignite.plugins.errors import PluginConflictError, PluginLoadError, PluginWarning
from ignite.plugins.registry import KINDS, Entry, Provider, Registry, import_target
from ignite.plugins.settings import HostSettings, normalize_distribution

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    import pluggy

__all__ = ["PluginHost", "PluginRecord", "Status"]

Status = Literal["loaded", "failed", "disabled", "blocked"]


@dataclass
class PluginRecord:
    """What happened to one plugin: its provider, status, error, and the names it provides."""

    provider: Provider
    status: Status
    detail: str = ""
    command: str = ""
    error: BaseException | None = None
    plugin: object | None = None
    provides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    seconds: float = 0.0


def _module_available(name: str) -> bool:
    if name in sys.modules:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class PluginHost:
    """Plugins loaded from ``sources`` (entry points), plus plugin objects registered at runtime.

    Args:
        sources: entry points (or :class:`~ignite.plugins.discovery.PluginSource`) to load, in this order;
            ``None`` scans the ``ignite.plugins`` entry-point group of the installed distributions.
        settings: the switches; default read from the environment.
        blocked: plugin or distribution names not to load (see :func:`ignite.plugins.block`).
    """

    def __init__(
        self,
        sources: Iterable[PluginSource | EntryPoint] | None = None,
        *,
        settings: HostSettings | None = None,
        blocked: Iterable[str] = (),
    ) -> None:
        start = time.perf_counter()
        import pluggy

        from ignite.plugins import hookspecs

        self.settings = settings if settings is not None else HostSettings.from_env()
        self._lock = threading.RLock()
        self._blocked: set[str] = set(blocked)
        self._pm = pluggy.PluginManager(hookspecs.PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._records: dict[str, PluginRecord] = {}
        self._entries: dict[str, dict[str, list[Entry]]] = {kind: {} for kind in KINDS}
        self._loaded: dict[tuple[str, str], object] = {}
        self._trace(f"pluggy ready in {_ms(start)}")
        scan_start = time.perf_counter()
        if sources is None:
            found = scan()
        else:
            found = [s if isinstance(s, PluginSource) else PluginSource.from_entry_point(s) for s in sources]
        self._trace(f"found {len(found)} entry point(s) in {_ms(scan_start)}")
        for source in found:
            self._load_source(source)
        self._trace(f"host built in {_ms(start)}")

    # ------------------------------------------------------------------ loading
    def _trace(self, text: str) -> None:
        if self.settings.trace:
            print(f"[ignite.plugins] {text}", file=sys.stderr, flush=True)

    def _blocked_by(self, plugin: str, distribution: str | None) -> str | None:
        for item in self._blocked:
            if item == plugin or (
                distribution is not None
                and normalize_distribution(item) == normalize_distribution(distribution)
            ):
                return item
        return None

    def _load_source(self, source: PluginSource) -> None:
        provider = Provider(source.name, source.distribution, source.version, source.value)
        if source.name in self._records:
            self._fail(
                PluginRecord(provider, "failed"),
                ValueError(
                    f"entry point name {source.name!r} is already used by "
                    f"{self._records[source.name].provider.label()}"
                ),
            )
            return
        exclusion = self.settings.exclusion(source.name, source.distribution)
        if exclusion is not None:
            self._records[source.name] = PluginRecord(
                provider, "disabled", exclusion.detail, exclusion.command
            )
            self._trace(f"skipped {provider.label()}: {exclusion.detail}")
            return
        blocker = self._blocked_by(source.name, source.distribution)
        if blocker is not None:
            self._records[source.name] = _blocked_record(provider, blocker)
            self._trace(f"skipped {provider.label()}: blocked")
            return
        record = PluginRecord(provider, "loaded")
        start = time.perf_counter()
        try:
            plugin = source.load()
            conflicts = self._register(plugin, record, conflicts="record")
        except Exception as exc:
            self._fail(record, exc)
            return
        finally:
            record.seconds = time.perf_counter() - start
        self._trace(f"loaded {provider.label()} from {source.value} in {record.seconds * 1e3:.1f} ms")
        for conflict in conflicts:
            self._trace(str(conflict))
            if self.settings.strict:
                raise conflict
            warnings.warn(str(conflict), PluginWarning, stacklevel=2)

    def _fail(self, record: PluginRecord, error: Exception) -> None:
        record.status = "failed"
        record.error = error
        record.detail = f"{type(error).__name__}: {error}"
        record.command = "python -m ignite.plugins doctor"
        self._records.setdefault(record.provider.plugin, record)
        text = f"ignite plugin {record.provider.label()} failed to load and is skipped: {record.detail}"
        self._trace(text)
        if self.settings.strict:
            raise PluginLoadError(f"{text} (IGNITE_PLUGINS_STRICT is set)") from error
        warnings.warn(text, PluginWarning, stacklevel=2)

    def _register(
        self, plugin: object, record: PluginRecord, conflicts: Literal["record", "raise"]
    ) -> list[PluginConflictError]:
        """Register ``plugin`` and commit its names; duplicates are returned (``"record"``) or raised."""
        name = record.provider.plugin
        if name in self._records:
            raise ValueError(
                f"a plugin named {name!r} is already registered: {self._records[name].provider.label()}"
            )
        self._pm.register(plugin, name=name)
        try:
            staged = self._collect(plugin, record.provider)
            found = [
                messages.conflict(
                    kind,
                    entry_name,
                    None,
                    [e.provider for e in self._entries[kind][entry_name]] + [entry.provider],
                )
                for kind, entries in staged.items()
                for entry_name, entry in entries.items()
                if entry_name in self._entries[kind]
            ]
            if found and conflicts == "raise":
                raise found[0]
        except BaseException:
            self._pm.unregister(plugin)
            raise
        record.plugin = plugin
        record.provides = {kind: tuple(entries) for kind, entries in staged.items() if entries}
        self._records[name] = record
        for kind, entries in staged.items():
            for entry_name, entry in entries.items():
                self._entries[kind].setdefault(entry_name, []).append(entry)
        self._loaded.clear()
        return found

    def _collect(self, plugin: object, provider: Provider) -> dict[str, dict[str, Entry]]:
        import pluggy

        for caller in self._pm.get_hookcallers(plugin) or ():
            if not caller.has_spec():
                raise pluggy.PluginValidationError(
                    plugin,
                    f"unknown hook {caller.name!r}: ignite hooks are those in ignite.plugins.hookspecs",
                )
        staged: dict[str, dict[str, Entry]] = {}
        for kind in KINDS:
            registry = Registry(kind, provider)
            caller = getattr(self._pm.hook, f"ignite_register_{kind}")
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin:
                    _call(impl, {"registry": registry})
            staged[kind] = registry.entries
        return staged

    # ------------------------------------------------------------------ runtime changes
    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object (module, class or instance with hookimpls) now; returns its name.

        Errors raise at once: invalid hooks, or a name another plugin already provides.
        """
        with self._lock:
            plugin_name = name or self._pm.get_canonical_name(plugin)
            self._register(plugin, PluginRecord(Provider(plugin_name), "loaded"), conflicts="raise")
            return plugin_name

    def unregister(self, name: str) -> None:
        """Remove plugin ``name`` and everything it registered."""
        with self._lock:
            record = self._records.pop(name, None)
            if record is None:
                raise LookupError(f"no plugin named {name!r}; registered: {', '.join(sorted(self._records))}")
            if record.plugin is not None:
                self._pm.unregister(record.plugin)
            self._drop_entries(record.provider)

    def block(self, name: str) -> None:
        """Stop plugin (or distribution) ``name``: its names become unavailable with a 'blocked' error."""
        with self._lock:
            self._blocked.add(name)
            for plugin_name, record in list(self._records.items()):
                if self._blocked_by(plugin_name, record.provider.distribution) is None:
                    continue
                if record.plugin is not None:
                    self._pm.unregister(record.plugin)
                self._drop_entries(record.provider)
                self._records[plugin_name] = _blocked_record(record.provider, name)

    @property
    def blocked(self) -> frozenset[str]:
        """The names passed to :meth:`block`."""
        return frozenset(self._blocked)

    def _drop_entries(self, provider: Provider) -> None:
        for entries in self._entries.values():
            for entry_name in list(entries):
                kept = [e for e in entries[entry_name] if e.provider != provider]
                if kept:
                    entries[entry_name] = kept
                else:
                    del entries[entry_name]
        self._loaded.clear()

    # ------------------------------------------------------------------ lookups
    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        """The underlying pluggy manager (for hooks such as ``ignite_dist_model_from_context``)."""
        return self._pm

    def records(self) -> list[PluginRecord]:
        """Every plugin seen, in load order."""
        return list(self._records.values())

    def entries(self, kind: str) -> Mapping[str, list[Entry]]:
        """Registered names of ``kind`` -> their entries (more than one means a conflict)."""
        return self._entries[_check_kind(kind)]

    def has(self, kind: str, name: str) -> bool:
        """Whether some plugin registers ``name`` in ``kind``."""
        return name in self._entries[_check_kind(kind)]

    def missing_requirements(self, entry: Entry) -> list[str]:
        """The modules in ``entry.requires`` that cannot be imported."""
        return [module for module in entry.requires if not _module_available(module)]

    def names(self, kind: str) -> list[str]:
        """Sorted names of ``kind`` that are registered once and whose required modules are importable."""
        return sorted(
            name
            for name, entries in self._entries[_check_kind(kind)].items()
            if len(entries) == 1 and not self.missing_requirements(entries[0])
        )

    def load(self, kind: str, name: str, qualname: str | None = None) -> object:
        """The object registered as ``name`` in ``kind``, imported on first use.

        Raises:
            PluginNotInstalledError: a required module is missing or the target cannot be imported.
            PluginConflictError: several plugins register the name.
            LookupError: nothing registers the name (see :meth:`missing` for a better error).
        """
        key = (kind, name)
        try:
            return self._loaded[key]
        except KeyError:
            pass
        entries = self._entries[_check_kind(kind)].get(name)
        if not entries:
            raise LookupError(f"no plugin registers {kind} {name!r}")
        if len(entries) > 1:
            raise messages.conflict(kind, name, qualname, [e.provider for e in entries])
        entry = entries[0]
        missing = self.missing_requirements(entry)
        if missing:
            pip_names = {module: catalogue.pip_name(module) for module in missing}
            raise messages.missing_requirement(entry, missing, qualname, pip_names)
        if isinstance(entry.target, str):
            start = time.perf_counter()
            try:
                obj = import_target(entry.target)
            except ImportError as exc:
                raise messages.failed_target(entry, qualname, exc) from exc
            self._trace(f"imported {kind} {name!r} from {entry.target} in {_ms(start)}")
        else:
            obj = entry.target
        with self._lock:
            if self._entries[kind].get(name) is entries:
                self._loaded[key] = obj
        return obj

    def missing(
        self, kind: str, name: str, qualname: str | None, distribution: str, extra: str | None
    ) -> Exception:
        """The error for 0.5 name ``name``, provided by ``distribution`` per the catalogue, but not registered."""
        wanted = normalize_distribution(distribution)
        records = [
            r
            for r in self._records.values()
            if r.provider.distribution is not None
            and normalize_distribution(r.provider.distribution) == wanted
        ]
        for record in records:
            if record.status == "failed" and record.error is not None:
                return messages.failed_plugin(kind, name, qualname, record.provider, record.error)
        for record in records:
            if record.status in ("disabled", "blocked"):
                return messages.disabled(kind, name, qualname, record.provider, record.detail, record.command)
        if records:
            return messages.not_provided(
                kind, name, qualname, distribution, records[0].provider.version, extra
            )
        version = installed_version(distribution)
        if version is not None:
            return messages.not_provided(kind, name, qualname, distribution, version, extra)
        return messages.not_installed(kind, name, qualname, distribution, extra)


def _blocked_record(provider: Provider, blocker: str) -> PluginRecord:
    return PluginRecord(
        provider,
        "blocked",
        f"was blocked with ignite.plugins.block({blocker!r})",
        f"ignite.plugins.unblock({blocker!r})",
    )


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown plugin kind {kind!r}; expected one of {', '.join(KINDS)}")
    return kind


def _call(impl: pluggy.HookImpl, kwargs: Mapping[str, object]) -> None:
    if impl.hookwrapper or impl.wrapper:
        raise TypeError(f"{impl.plugin_name}: registration hooks cannot be wrappers")
    impl.function(*(kwargs[arg] for arg in impl.argnames))


def _ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1e3:.1f} ms"
