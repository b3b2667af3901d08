"""The errors the host raises for names it cannot give, with their exact text.

Each function returns the exception; callers raise it. The texts are snapshot-tested.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from ignite.plugins.errors import PluginConflictError, PluginNotInstalledError, install_command
from ignite.plugins.registry import Entry, Provider

__all__ = [
    "conflict",
    "disabled",
    "failed_plugin",
    "failed_target",
    "missing_requirement",
    "not_installed",
    "not_provided",
    "subject",
    "suggestion",
    "unknown_attribute",
    "unknown_name",
]


def subject(kind: str, name: str, qualname: str | None) -> str:
    """What the user asked for: ``qualname`` (``ignite.metrics.Accuracy``), else ``metrics 'Accuracy'``."""
    return qualname or f"{kind} {name!r}"


def _error_text(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def not_installed(
    kind: str, name: str, qualname: str | None, distribution: str, extra: str | None
) -> PluginNotInstalledError:
    """The catalogue names the providing distribution, and it is not installed."""
    command = install_command(distribution, extra)
    what = f"{distribution} with its {extra!r} extra" if extra else distribution
    return PluginNotInstalledError(
        f"{subject(kind, name, qualname)} is provided by {what}, which is not installed. To install it: {command}",
        reason="not-installed",
        kind=kind,
        attribute=name,
        distribution=distribution,
        command=command,
    )


def not_provided(
    kind: str, name: str, qualname: str | None, distribution: str, version: str | None, extra: str | None
) -> PluginNotInstalledError:
    """The providing distribution is installed, but this version does not register the name."""
    command = install_command(distribution, extra, upgrade=True)
    installed = f"{distribution} {version}" if version else distribution
    return PluginNotInstalledError(
        f"{subject(kind, name, qualname)} is not provided by the installed {installed}; a newer version "
        f"provides it. To upgrade: {command}",
        reason="not-provided",
        kind=kind,
        attribute=name,
        distribution=distribution,
        command=command,
    )


def disabled(
    kind: str, name: str, qualname: str | None, provider: Provider, detail: str, command: str
) -> PluginNotInstalledError:
    """The providing plugin is installed but disabled (environment or :func:`ignite.plugins.block`)."""
    return PluginNotInstalledError(
        f"{subject(kind, name, qualname)} is provided by the plugin {provider.label()}, which {detail}. "
        f"To re-enable it: {command}",
        reason="disabled",
        kind=kind,
        attribute=name,
        distribution=provider.distribution,
        command=command,
    )


def failed_plugin(
    kind: str, name: str, qualname: str | None, provider: Provider, error: BaseException
) -> PluginNotInstalledError:
    """The providing plugin's entry point raised when it was loaded or registered."""
    command = "python -m ignite.plugins doctor"
    return PluginNotInstalledError(
        f"{subject(kind, name, qualname)} is provided by the plugin {provider.label()}, which failed to load "
        f"({_error_text(error)}). To see why: {command}",
        reason="failed",
        kind=kind,
        attribute=name,
        distribution=provider.distribution,
        command=command,
    )


def failed_target(entry: Entry, qualname: str | None, error: BaseException) -> PluginNotInstalledError:
    """The name is registered, but importing its target raised ``ImportError``."""
    target = entry.target_text()
    command = f'python -c "import {target.partition(":")[0]}"'
    missing = error.name if isinstance(error, ModuleNotFoundError) else None
    return PluginNotInstalledError(
        f"{subject(entry.kind, entry.name, qualname)} from the plugin {entry.provider.label()} could not be "
        f"imported from {target} ({_error_text(error)}). To see why: {command}",
        reason="failed",
        kind=entry.kind,
        attribute=entry.name,
        distribution=entry.provider.distribution,
        command=command,
        module=missing,
    )


def missing_requirement(
    entry: Entry, missing: Sequence[str], qualname: str | None, pip_names: dict[str, str]
) -> PluginNotInstalledError:
    """The name is registered, but an optional module it ``requires`` is not importable."""
    if entry.extra and entry.provider.distribution:
        command = install_command(entry.provider.distribution, entry.extra)
    else:
        packages = dict.fromkeys(pip_names.get(m, m.partition(".")[0]) for m in missing)
        command = "pip install " + " ".join(packages)
    modules = ", ".join(repr(m) for m in missing)
    noun = "module" if len(missing) == 1 else "modules"
    verb = "is" if len(missing) == 1 else "are"
    return PluginNotInstalledError(
        f"{subject(entry.kind, entry.name, qualname)} from the plugin {entry.provider.label()} needs the optional "
        f"{noun} {modules}, which {verb} not installed. To install it: {command}",
        reason="missing-requirement",
        kind=entry.kind,
        attribute=entry.name,
        distribution=entry.provider.distribution,
        command=command,
        module=missing[0],
    )


def conflict(
    kind: str, name: str, qualname: str | None, providers: Sequence[Provider]
) -> PluginConflictError:
    """Two plugins register the same name in one kind."""
    labels = [p.label() for p in providers]
    listed = " and ".join([", ".join(labels[:-1]), labels[-1]]) if len(labels) > 1 else labels[0]
    keep_out = ",".join(p.plugin for p in providers[1:])
    return PluginConflictError(
        f"{subject(kind, name, qualname)} is registered by more than one plugin: {listed}. "
        f"Keep one by disabling the others: export IGNITE_DISABLE_PLUGINS={keep_out}",
        kind=kind,
        attribute=name,
        providers=tuple(labels),
    )


def suggestion(name: str, candidates: Iterable[str]) -> str:
    """`` Did you mean 'X'?`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


def unknown_attribute(module: str, name: str, candidates: Iterable[str]) -> AttributeError:
    """A name neither registered nor known to pytorch-ignite 0.5: a plain ``AttributeError``."""
    return AttributeError(f"module {module!r} has no attribute {name!r}.{suggestion(name, candidates)}")


def unknown_name(kind: str, name: str, candidates: Iterable[str]) -> LookupError:
    """An unknown name asked of :func:`ignite.plugins.get`."""
    return LookupError(f"no plugin registers {kind} {name!r}.{suggestion(name, candidates)}")
