"""The plugin host: loads plugins (one try/except each), collects their names and answers lookups; and the
process-wide host, built once, on first demand, under a lock (``import ignite`` never builds it).

Names come from two places: what the loaded plugins register, and the generated index of the first-party
distributions' name tables (``_index.py``), which names the distribution to install for a name nobody registers.
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

from ignite.plugins import errors
from ignite.plugins._index import TABLE
from ignite.plugins.discovery import HostSettings, PluginSource, installed_version, matches, scan
from ignite.plugins.discovery import normalize_distribution as _normal
from ignite.plugins.errors import PluginConflictError, PluginLoadError, PluginWarning
from ignite.plugins.facades import invalidate_caches
from ignite.plugins.registry import KINDS, Entry, Provider, Registry, check_kind, import_target, local_name

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    import pluggy

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
# distribution, extra, since, attr, modules
Row = tuple[str, str | None, str | None, str | None, tuple[str, ...]]


def _parse(table: str) -> dict[str, dict[str, Row]]:
    """The index (``_index.py``): kind -> registry name -> row."""
    index: dict[str, dict[str, Row]] = {}
    for line in table.splitlines():
        if line.strip():
            kind, name, dist, extra, since, attr, *modules = line.split()
            extra_, since_, attr_ = (None if value == "-" else value for value in (extra, since, attr))
            index.setdefault(kind, {})[name] = (dist, extra_, since_, attr_, tuple(modules))
    return index


INDEX = _parse(TABLE)
# Where a registered name without ``modules`` appears: its kind's home facade.
_HOME = {"metrics": "ignite.metrics", "handlers": "ignite.handlers", "loggers": "ignite.handlers"}


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


def _available(module: str) -> bool:
    try:
        return module in sys.modules or importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _blocked(provider: Provider, blocker: str) -> PluginRecord:
    detail = f"was blocked with ignite.plugins.block({blocker!r})"
    return PluginRecord(provider, "blocked", detail, f"ignite.plugins.unblock({blocker!r})")


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
        self._where: dict[str, dict[str, tuple[str, str]]] | None = None
        self._packages: set[str] = set()
        self._trace(f"pluggy ready in {_ms(start)}")
        scanned = time.perf_counter()
        wrap = PluginSource.from_entry_point
        found = (
            scan() if sources is None else [s if isinstance(s, PluginSource) else wrap(s) for s in sources]
        )
        self._trace(f"found {len(found)} entry point(s) in {_ms(scanned)}")
        for source in found:
            self._load_source(source)
        self._trace(f"host built in {_ms(start)}")

    def _trace(self, text: str) -> None:
        if self.settings.trace:
            print(f"[ignite.plugins] {text}", file=sys.stderr, flush=True)

    def _blocked_by(self, plugin: str, distribution: str | None) -> str | None:
        return next((item for item in sorted(self._blocked) if matches(item, plugin, distribution)), None)

    def _load_source(self, source: PluginSource) -> None:
        provider = Provider(source.name, source.distribution, source.version, source.value)
        record = PluginRecord(provider, "loaded")
        if source.name in self._records:
            used = self._records[source.name].provider.label()
            return self._fail(
                record, ValueError(f"entry point name {source.name!r} is already used by {used}")
            )
        if exclusion := self.settings.exclusion(source.name, source.distribution):
            record = PluginRecord(provider, "disabled", *exclusion)
        elif blocker := self._blocked_by(source.name, source.distribution):
            record = _blocked(provider, blocker)
        if record.status != "loaded":
            self._records[source.name] = record
            return self._trace(f"skipped {provider.label()}: {record.detail}")
        start = time.perf_counter()
        try:
            conflicts = self._register(source.entry_point.load(), record, conflicts="record")
        except Exception as exc:
            return self._fail(record, exc)
        self._trace(f"loaded {provider.label()} from {source.value} in {_ms(start)}")
        for conflict in conflicts:
            if self.settings.strict:
                raise conflict
            warnings.warn(str(conflict), PluginWarning, stacklevel=2)

    def _fail(self, record: PluginRecord, error: Exception) -> None:
        record.status, record.error, record.detail = "failed", error, f"{type(error).__name__}: {error}"
        record.command = "python -m ignite.plugins doctor"
        self._records.setdefault(record.provider.plugin, record)
        text = f"ignite plugin {record.provider.label()} failed to load and is skipped: {record.detail}"
        self._trace(text)
        if self.settings.strict:
            raise PluginLoadError(f"{text} (IGNITE_PLUGINS_STRICT is set)") from error
        warnings.warn(text, PluginWarning, stacklevel=2)

    def _register(self, plugin: object, record: PluginRecord, conflicts: str) -> list[PluginConflictError]:
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
                errors.conflict(
                    kind, n, f"{kind} {n!r}", [e.provider for e in self._entries[kind][n]] + [entry.provider]
                )
                for kind, entries in staged.items()
                for n, entry in entries.items()
                if n in self._entries[kind]
            ]
            if found and conflicts == "raise":
                raise found[0]
        except BaseException:
            self._pm.unregister(plugin)
            raise
        record.plugin, self._records[name] = plugin, record
        record.provides = {kind: tuple(entries) for kind, entries in staged.items() if entries}
        for kind, entries in staged.items():
            for entry_name, entry in entries.items():
                self._entries[kind].setdefault(entry_name, []).append(entry)
        self._where = None
        return found

    def _collect(self, plugin: object, provider: Provider) -> dict[str, dict[str, Entry]]:
        import pluggy

        for caller in self._pm.get_hookcallers(plugin) or ():
            if not caller.has_spec():
                message = f"unknown hook {caller.name!r}: ignite hooks are those in ignite.plugins.hookspecs"
                raise pluggy.PluginValidationError(plugin, message)
        staged: dict[str, dict[str, Entry]] = {}
        for kind in KINDS:
            registry = Registry(kind, provider)
            for impl in getattr(self._pm.hook, f"ignite_register_{kind}").get_hookimpls():
                if impl.plugin is plugin:
                    if impl.hookwrapper or impl.wrapper:
                        raise TypeError(f"{impl.plugin_name}: registration hooks cannot be wrappers")
                    impl.function(*({"registry": registry}[arg] for arg in impl.argnames))
            staged[kind] = registry.entries
        return staged

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
            if name not in self._records:
                raise LookupError(f"no plugin named {name!r}; registered: {', '.join(sorted(self._records))}")
            self._drop(self._records.pop(name))

    def block(self, name: str) -> None:
        """Stop plugin (or distribution) ``name``: its names become unavailable with a 'blocked' error."""
        with self._lock:
            self._blocked.add(name)
            for plugin_name, record in list(self._records.items()):
                if self._blocked_by(plugin_name, record.provider.distribution) is not None:
                    self._drop(record)
                    self._records[plugin_name] = _blocked(record.provider, name)

    def _drop(self, record: PluginRecord) -> None:
        if record.plugin is not None:
            self._pm.unregister(record.plugin)
        for entries in self._entries.values():
            for entry_name in list(entries):
                entries[entry_name] = [e for e in entries[entry_name] if e.provider != record.provider]
                if not entries[entry_name]:
                    del entries[entry_name]
        self._where = None

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        """The underlying pluggy manager (for hooks such as ``ignite_dist_model_from_context``)."""
        return self._pm

    def records(self) -> list[PluginRecord]:
        """Every plugin seen, in load order."""
        return list(self._records.values())

    def entries(self, kind: str) -> Mapping[str, list[Entry]]:
        """Registered names of ``kind`` -> their entries (more than one means a conflict)."""
        return self._entries[check_kind(kind)]

    def has(self, kind: str, name: str) -> bool:
        """Whether some plugin registers ``name`` in ``kind``."""
        return name in self.entries(kind)

    def missing_requirements(self, entry: Entry) -> list[str]:
        """The modules in ``entry.requires`` that cannot be imported."""
        return [module for module in entry.requires if not _available(module)]

    def names(self, kind: str) -> list[str]:
        """Sorted names of ``kind`` that are registered once and whose required modules are importable."""
        found = self.entries(kind).items()
        return sorted(
            name for name, entries in found if len(entries) == 1 and not self.missing_requirements(entries[0])
        )

    def module_names(self, module: str) -> Mapping[str, tuple[str, str]]:
        """What ``ignite.*`` module ``module`` exposes: attribute -> ``(kind, registry name)``, from the loaded
        plugins' names and the index of the first-party ones."""
        if self._where is None:
            where: dict[str, dict[str, tuple[str, str]]] = {}
            for kind, rows in INDEX.items():
                for name, (*_, attr, paths) in rows.items():
                    for path in paths:
                        where.setdefault(path, {})[attr or local_name(kind, name, name)] = (kind, name)
            for kind, entries in self._entries.items():
                for name, (entry, *_) in entries.items():
                    home = () if "." in name or kind not in _HOME else (_HOME[kind],)
                    for path in entry.modules or home:
                        where.setdefault(path, {})[local_name(kind, name, entry.target)] = (kind, name)
            self._packages = {p.rsplit(".", i)[0] for p in where for i in range(1, p.count(".") + 1)}
            self._where = where
        return self._where.get(module, {})

    def is_module(self, module: str) -> Literal["module", "package", False]:
        """Whether names live in module path ``module``: ``"package"`` when also in submodules of it."""
        exposed = self.module_names(module)
        return "package" if module in self._packages else "module" if exposed else False

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
            raise errors.conflict(kind, name, subject, [e.provider for e in entries])
        entry, start = entries[0], time.perf_counter()
        if missing := self.missing_requirements(entry):
            raise errors.missing_requirement(entry, missing, subject)
        if not isinstance(entry.target, str):
            return entry.target
        try:
            obj = import_target(entry.target)
        except ImportError as exc:
            raise errors.failed_target(entry, subject, exc) from exc
        self._trace(f"imported {kind} {name!r} from {entry.target} in {_ms(start)}")
        return obj

    def missing(self, kind: str, name: str, subject: str) -> Exception:
        """The error for ``name``, which no loaded plugin registers: what the index and the records tell."""
        if name not in INDEX.get(kind, {}):
            known = [*self._entries[kind], *INDEX.get(kind, {})]
            return LookupError(f"no plugin registers {kind} {name!r}.{errors.suggestion(name, known)}")
        dist, extra, since, *_ = INDEX[kind][name]
        records = [
            r for r in self._records.values() if _normal(r.provider.distribution or "") == _normal(dist)
        ]
        for record in sorted(records, key=lambda r: r.status != "failed"):
            if record.status == "failed" and record.error is not None:
                return errors.failed_plugin(kind, name, subject, record.provider, record.error)
            if record.status in ("disabled", "blocked"):
                return errors.disabled(kind, name, subject, record.provider, record.detail, record.command)
        version = records[0].provider.version if records else installed_version(dist)
        if not records and version is None:
            return errors.not_installed(kind, name, subject, dist, extra)
        return errors.not_provided(kind, name, subject, dist, extra, version, since)


def _ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1e3:.1f} ms"


# ---------------------------------------------------------------------- the process-wide host

_lock = threading.RLock()
_host: PluginHost | None = None
_blocked_names: set[str] = set()
_building = False


def get_host() -> PluginHost:
    """The process-wide host, built from the installed entry points on first call."""
    global _building
    if _host is not None:
        return _host
    with _lock:
        if _host is None:
            if _building:
                raise RuntimeError(
                    "a plugin looked up an ignite plugin name while the plugin host was loading plugins; "
                    "entry-point modules must only register names (as 'module:attr' targets)"
                )
            _building = True
            try:
                set_host(PluginHost(blocked=_blocked_names))
            finally:
                _building = False
        assert _host is not None
        return _host


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
        try:
            return get_host().register(plugin, name)
        finally:
            invalidate_caches()


def unregister(name: str) -> None:
    """Remove the plugin registered as ``name`` and the names it provides."""
    with _lock:
        get_host().unregister(name)
        invalidate_caches()


def block(*names: str) -> None:
    """Disable plugins by entry-point or distribution name; their names raise ``PluginNotInstalledError``."""
    with _lock:
        _blocked_names.update(names)
        for name in names if _host is not None else ():
            get_host().block(name)
        invalidate_caches()


def unblock(*names: str) -> None:
    """Undo :func:`block`; the host is rebuilt on next demand so the plugins load again."""
    with _lock:
        _blocked_names.difference_update(names)
        set_host(None)


def list_plugins() -> list[PluginRecord]:
    """Every plugin the host has seen, with status (loaded, failed, disabled, blocked) and what it provides."""
    return get_host().records()


def backend_advice(backend: str | None = None) -> str:
    """What is true about distributed backend ``backend`` here (any backend when ``None``) and the one action
    that gives it, as sentences to end a message with."""
    host = get_host()
    if backend is None:
        if registered := sorted(host.entries("dist_backends")):
            return f"The registered backends ({', '.join(registered)}) cannot run on this machine."
        known = sorted(INDEX.get("dist_backends", {}))
        return backend_advice(known[0]) if known else "No installed plugin registers a distributed backend."
    entries = host.entries("dist_backends").get(backend, [])
    if len(entries) == 1:
        return (
            f"The plugin {entries[0].provider.label()} registers the {backend!r} backend but did not adopt the "
            f"process group. To fix it: start it with idist.initialize({backend!r}) or "
            f"idist.Parallel(backend={backend!r})."
        )
    if backend not in INDEX.get("dist_backends", {}):
        return f"No installed plugin registers the {backend!r} backend; install a plugin that provides it."
    return str(host.missing("dist_backends", backend, f"The {backend!r} backend"))
