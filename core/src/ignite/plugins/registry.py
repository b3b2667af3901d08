"""The registrar handed to plugins, and the records it produces.

A plugin never mutates module globals: its ``ignite_register_<kind>`` hook receives a :class:`Registry`
and calls :meth:`Registry.add`. Targets given as ``"module:attr"`` strings are imported on first use.
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
        version = f" {self.version}" if self.version else ""
        return f"{self.plugin!r} ({self.distribution}{version})"


@dataclass(frozen=True)
class Entry:
    """One registered name: its target (object or ``"module:attr"``), optional needs and provider."""

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
        module = getattr(self.target, "__module__", None)
        qualname = getattr(self.target, "__qualname__", None)
        if isinstance(module, str) and isinstance(qualname, str):
            return f"{module}:{qualname}"
        return repr(self.target)


def local_name(kind: str, name: str, target: object) -> str:
    """The attribute name that 0.5 module paths use: a backend's class name, else the part after the last dot."""
    if kind == "dist_backends":
        if isinstance(target, str):
            return target.rpartition(":")[2].rpartition(".")[2]
        return str(getattr(target, "__name__", name))
    return name.rpartition(".")[2]


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

    >>> registry.add("Accuracy", "ignite_plugins_metrics.accuracy:Accuracy")
    >>> registry.add("ROC_AUC", "ignite_plugins_metrics.roc_auc:ROC_AUC", requires=("sklearn",))
    """

    kind: str
    provider: Provider
    entries: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown plugin kind {self.kind!r}; expected one of {', '.join(KINDS)}")

    def add(
        self,
        name: str,
        target: object,
        *,
        requires: Iterable[str] = (),
        extra: str | None = None,
        modules: Iterable[str] = (),
    ) -> None:
        """Register ``name`` in this kind.

        Args:
            name: the public name, e.g. ``"Accuracy"``; a backend name such as ``"xla-tpu"`` for dist backends;
                ``"<module>.<Name>"`` for a name that 0.5 exposes only in one module and that would clash
                across modules (``"tensorboard_logger.OutputHandler"``).
            target: the object itself, or ``"module:attr"`` to import it on first use (preferred: keeps
                plugin discovery cheap).
            requires: import names of optional packages the target needs, e.g. ``("tensorboard",)``;
                checked with :func:`importlib.util.find_spec` when the name is asked for.
            extra: the extra of the plugin's distribution that installs ``requires``, e.g. ``"tensorboard"``.
            modules: the ``ignite.*`` module paths that expose it (see :class:`Name`); empty: the kind's home
                facade (``ignite.metrics`` or ``ignite.handlers``).
        """
        if not isinstance(name, str) or not name:
            raise TypeError(f"registry.add: name must be a non-empty str, got {name!r}")
        if self.kind == "dist_backends":
            if not _BACKEND_NAME_RE.match(name):
                raise ValueError(f"registry.add: {name!r} is not a valid backend name")
        elif not all(part.isidentifier() for part in name.split(".")):
            raise ValueError(
                f"registry.add: {name!r} is not a Python identifier (or dotted identifiers such as "
                f"'tensorboard_logger.OutputHandler' for a name reachable only through its 0.5 module path)"
            )
        if isinstance(target, str) and not is_target_string(target):
            raise ValueError(
                f"registry.add({name!r}, {target!r}): a string target must look like 'package.module:attr'"
            )
        if target is None:
            raise TypeError(
                f"registry.add({name!r}, None): give the object or a 'package.module:attr' string"
            )
        if isinstance(requires, str):
            raise TypeError(
                f"registry.add({name!r}, ..., requires={requires!r}): requires is a tuple of module names, "
                f"e.g. requires=({requires!r},)"
            )
        required = tuple(requires)
        for module in required:
            if not isinstance(module, str) or not _MODULE_RE.match(module):
                raise ValueError(f"registry.add({name!r}, ...): {module!r} in requires is not a module name")
        if extra is not None and (not isinstance(extra, str) or not extra):
            raise TypeError(f"registry.add({name!r}, ..., extra={extra!r}): extra is a non-empty str or None")
        if isinstance(modules, str):
            raise TypeError(
                f"registry.add({name!r}, ..., modules={modules!r}): modules is a tuple of module paths"
            )
        paths = tuple(modules)
        for path in paths:
            if not isinstance(path, str) or not _MODULE_RE.match(path) or not path.startswith("ignite."):
                raise ValueError(
                    f"registry.add({name!r}, ...): {path!r} in modules is not an 'ignite.*' module path"
                )
        if name in self.entries:
            raise ValueError(
                f"registry.add: {self.kind} name {name!r} is registered twice by {self.provider.label()}"
            )
        self.entries[name] = Entry(self.kind, name, target, self.provider, required, extra, paths)

    def add_names(self, names: Iterable[Name]) -> None:
        """Register every row of a plugin's name table (see :class:`Name`)."""
        for row in names:
            self.add(row.name, row.target, requires=row.requires, extra=row.extra, modules=row.modules)
