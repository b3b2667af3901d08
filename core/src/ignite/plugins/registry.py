"""The name table rows and the registrar handed to plugins, and the records it produces.

A plugin never mutates module globals: its ``ignite_register_<kind>`` hook receives a :class:`Registry`
and calls :meth:`Registry.add_names` (or :meth:`Registry.add`). ``"module:attr"`` targets load on first use.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "KINDS",
    "Entry",
    "Name",
    "Provider",
    "Registry",
    "import_target",
    "is_target_string",
    "local_name",
]

KINDS: tuple[str, ...] = ("metrics", "handlers", "loggers", "dist_backends")

_DOTTED = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
_TARGET_RE = re.compile(rf"^{_DOTTED}:{_DOTTED}$")
_MODULE_RE = re.compile(rf"^{_DOTTED}$")
_BACKEND_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Name:
    """One row of a plugin's name table: the single place a public name is declared.

    >>> Name("Accuracy", "ignite_plugins_metrics.accuracy:Accuracy", modules=("ignite.metrics.accuracy",))

    Args:
        name: the registry name (``"Accuracy"``; ``"tensorboard_logger.OutputHandler"`` for a name 0.5 exposes
            only in one module and that would clash across modules; a backend name such as ``"gloo"``).
        target: ``"module:attr"``, imported on first use.
        modules: the pytorch-ignite 0.5 module paths that expose it (facades such as ``"ignite.metrics"``
            included), under its short name: the part of ``name`` after the last dot, or for a distributed
            backend its class name (``"_NativeDistModel"``). Empty: its kind's home facade
            (``ignite.metrics`` for metrics, ``ignite.handlers`` for handlers and loggers).
        extra: the extra of the plugin's distribution that installs ``requires``.
        requires: import names of optional packages the target needs.
        since: the version of the distribution that first provides the name (None: its first release).
    """

    name: str
    target: str
    modules: tuple[str, ...] = ()
    extra: str | None = None
    requires: tuple[str, ...] = ()
    since: str | None = None


@dataclass(frozen=True)
class Provider:
    """Who registered an entry: the plugin (entry-point name) and its distribution, when it has one."""

    plugin: str
    distribution: str | None = None
    version: str | None = None
    value: str | None = None

    def label(self) -> str:
        """``'metrics' (ignite-plugins-metrics 0.6.0)``, or ``'name' (registered at runtime)``."""
        if self.distribution is None:
            return f"{self.plugin!r} (registered at runtime)"
        return f"{self.plugin!r} ({self.distribution}{f' {self.version}' if self.version else ''})"


@dataclass(frozen=True)
class Entry:
    """One registered name: its target (object or ``"module:attr"``), optional needs, module paths, provider."""

    kind: str
    name: str
    target: object
    provider: Provider
    requires: tuple[str, ...] = ()
    extra: str | None = None
    modules: tuple[str, ...] = ()

    def target_text(self) -> str:
        """The target as text: the ``"module:attr"`` string, or ``module:qualname`` of an object."""
        if isinstance(self.target, str):
            return self.target
        module, qualname = (getattr(self.target, key, None) for key in ("__module__", "__qualname__"))
        named = isinstance(module, str) and isinstance(qualname, str)
        return f"{module}:{qualname}" if named else repr(self.target)


def local_name(kind: str, name: str, target: object) -> str:
    """The attribute name that 0.5 module paths use: a backend's class name, else the part after the last dot."""
    if kind != "dist_backends":
        return name.rpartition(".")[2]
    text = target if isinstance(target, str) else str(getattr(target, "__name__", name))
    return text.rpartition(":")[2].rpartition(".")[2]


def check_kind(kind: str) -> str:
    """``kind`` itself, when it is one of :data:`KINDS`; else a ``ValueError`` that lists them."""
    if kind not in KINDS:
        raise ValueError(f"unknown plugin kind {kind!r}; expected one of {', '.join(KINDS)}")
    return kind


def is_target_string(value: object) -> bool:
    """Whether ``value`` is a lazy ``"package.module:attr"`` target."""
    return isinstance(value, str) and _TARGET_RE.match(value) is not None


def import_target(target: str) -> object:
    """Import ``"package.module:attr.sub"`` and return the attribute."""
    module_name, _, attr_path = target.partition(":")
    obj: object = importlib.import_module(module_name)
    for part in attr_path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError as exc:
            raise ImportError(f"cannot import {part!r} from {module_name!r} (target {target!r})") from exc
    return obj


@dataclass
class Registry:
    """Registrar for one kind, handed to one plugin's ``ignite_register_<kind>`` hook.

    >>> registry.add_names(NAMES)  # the plugin's table of Name rows
    >>> registry.add("ROC_AUC", "ignite_plugins_metrics.roc_auc:ROC_AUC", requires=("sklearn",))
    """

    kind: str
    provider: Provider
    entries: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_kind(self.kind)

    def add(
        self,
        name: str,
        target: object,
        *,
        requires: Iterable[str] = (),
        extra: str | None = None,
        modules: Iterable[str] = (),
    ) -> None:
        """Register ``name`` in this kind (the fields are those of :class:`Name`).

        ``target`` may also be the object itself; a ``"module:attr"`` string keeps plugin discovery cheap.
        ``requires`` is checked with :func:`importlib.util.find_spec` when the name is asked for.
        """
        call = f"registry.add({name!r}, ...)"
        if not isinstance(name, str) or not name:
            raise TypeError(f"registry.add: name must be a non-empty str, got {name!r}")
        if self.kind == "dist_backends" and not _BACKEND_NAME_RE.match(name):
            raise ValueError(f"registry.add: {name!r} is not a valid backend name")
        if self.kind != "dist_backends" and not all(part.isidentifier() for part in name.split(".")):
            raise ValueError(
                f"registry.add: {name!r} is not a Python identifier (or dotted identifiers such as "
                f"'tensorboard_logger.OutputHandler' for a name reachable only through its 0.5 module paths)"
            )
        if target is None or (isinstance(target, str) and not is_target_string(target)):
            error = TypeError if target is None else ValueError
            raise error(f"{call}: give the object or a string that must look like 'package.module:attr'")
        for label, value in (("requires", requires), ("modules", modules)):
            if isinstance(value, str):
                raise TypeError(f"{call}: {label} is a tuple of names, e.g. {label}=({value!r},)")
        required, paths = tuple(requires), tuple(modules)
        if not all(isinstance(m, str) and _MODULE_RE.match(m) for m in required):
            raise ValueError(f"{call}: {required!r} in requires is not a module name")
        if not all(isinstance(p, str) and _MODULE_RE.match(p) and p.startswith("ignite.") for p in paths):
            raise ValueError(f"{call}: {paths!r} in modules is not a tuple of 'ignite.*' module paths")
        if extra is not None and (not isinstance(extra, str) or not extra):
            raise TypeError(f"{call}: extra is a non-empty str or None, got {extra!r}")
        if name in self.entries:
            raise ValueError(
                f"registry.add: {self.kind} name {name!r} is registered twice by {self.provider.label()}"
            )
        self.entries[name] = Entry(self.kind, name, target, self.provider, required, extra, paths)

    def add_names(self, names: Iterable[Name]) -> None:
        """Register every row of a plugin's name table (see :class:`Name`)."""
        for row in names:
            self.add(row.name, row.target, requires=row.requires, extra=row.extra, modules=row.modules)
