"""Exceptions of the plugin host and the exact text of their messages.

Every message says what is true (what is installed, registered or missing) and ends with the one command that
fixes it. :func:`install_hint` writes every "To install it: pip install ..." sentence, for core and plugins.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from ignite.plugins.discovery import installed_version

if TYPE_CHECKING:
    from ignite.plugins.facades import Row
    from ignite.plugins.host import PluginRecord
    from ignite.plugins.registry import Entry

__all__ = [
    "PluginConflictError",
    "PluginLoadError",
    "PluginNotInstalledError",
    "PluginWarning",
    "install_command",
    "install_hint",
]

MissingReason = Literal["not-installed", "disabled", "failed", "missing-requirement", "not-provided"]

# Import name -> pip package, where they differ (for "pip install ..." when no extra installs a module).
_PIP_NAMES = {"PIL": "pillow", "cv2": "opencv-python", "sklearn": "scikit-learn", "torch_xla": "torch-xla"}


class PluginWarning(UserWarning):
    """A plugin could not be loaded or registered; the other plugins keep working."""


class PluginNotInstalledError(ModuleNotFoundError):
    """A known name whose provider is not installed, disabled, failed to load, or lacks an optional package.

    It is a :class:`ModuleNotFoundError`, so ``from ignite.metrics import Accuracy`` shows this message.
    ``reason`` says which case it is and ``command`` holds the command that fixes it.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: MissingReason,
        kind: str,
        attribute: str,
        distribution: str | None,
        command: str,
        module: str | None = None,
    ) -> None:
        super().__init__(message, name=module)
        self.reason: MissingReason = reason
        self.kind = kind
        self.attribute = attribute
        self.distribution = distribution
        self.command = command


class PluginConflictError(ImportError):
    """Two plugins register the same name in the same kind."""

    def __init__(self, message: str, *, kind: str, attribute: str, providers: tuple[str, ...]) -> None:
        super().__init__(message)
        self.kind = kind
        self.attribute = attribute
        self.providers = providers


class PluginLoadError(ImportError):
    """A plugin failed to load while ``IGNITE_PLUGINS_STRICT=1`` (otherwise it is a :class:`PluginWarning`)."""


def install_command(
    distribution: str, extra: str | None = None, *, upgrade: bool = False, minimum: str | None = None
) -> str:
    """The pip command that installs ``distribution`` (a name or requirement such as ``"pynvml<12"``) with
    ``extra``, at least ``minimum``; quoted for a POSIX shell when needed."""
    requirement = distribution + (f"[{extra}]" if extra else "") + (f">={minimum}" if minimum else "")
    quoted = f'"{requirement}"' if any(c in requirement for c in "[]<>=!~; *") else requirement
    return f"pip install {'--upgrade ' if upgrade else ''}{quoted}"


def install_hint(distribution: str, extra: str | None = None) -> str:
    """The sentence that ends every install message, in core and plugins alike:
    ``To install it: pip install "ignite-plugins-loggers[tqdm]"`` (``install_hint("pynvml<12")`` works too)."""
    return f"To install it: {install_command(distribution, extra)}"


def pip_name(module: str) -> str:
    """The pip package that installs import name ``module`` (``sklearn.metrics`` -> ``scikit-learn``)."""
    top = module.partition(".")[0]
    return _PIP_NAMES.get(top, top)


def why(error: BaseException) -> str:
    """``Type: message`` of ``error`` (just ``Type`` when the message is empty)."""
    return f"{type(error).__name__}: {str(error).strip()}".rstrip(": ")


def unavailable(
    kind: str, name: str, subject: str, row: Row, records: Sequence[PluginRecord]
) -> PluginNotInstalledError:
    """A name that the index (``row``) gives to a distribution, and that no loaded plugin registers.

    ``records`` are the distribution's plugins. One of them failed or is disabled (by the environment or
    :func:`ignite.plugins.block`; its ``command`` is the fix), or the distribution is not installed, or it is
    older than the version that added the name (``since``: an upgrade is the fix), or else core's index and the
    plugin come from different builds.
    """
    dist, extra, since, *_ = row
    skipped = sorted((r for r in records if r.status != "loaded"), key=lambda r: r.status != "failed")
    installed = records[0].provider.version if records else installed_version(dist)
    if skipped:
        record, failed = skipped[0], skipped[0].status == "failed"
        reason: MissingReason = "failed" if failed else "disabled"
        command, dist = record.command, record.provider.distribution or dist
        state = f"failed to load ({record.detail})" if failed else record.detail
        action = "To see why" if failed else "To re-enable it"
        text = f"{subject} is provided by the plugin {record.provider.label()}, which {state}. {action}: {command}"
    elif installed is None:
        reason, command = "not-installed", install_command(dist, extra)
        what = f"{dist} with its {extra!r} extra" if extra else dist
        text = f"{subject} is provided by {what}, which is not installed. To install it: {command}"
    elif since is not None and _older(installed, since):
        reason, command = "not-provided", install_command(dist, extra, upgrade=True, minimum=since)
        text = f"{subject} was added in {dist} {since}; the installed version is {installed}. To upgrade: {command}"
    else:
        from ignite import __version__

        reason, command = "not-provided", f"pip install --force-reinstall ignite-core {dist}"
        text = (
            f"{subject} is not registered by the installed {dist} {installed}, although ignite-core {__version__} "
            f"lists it as a name of {dist}: the two come from different builds. To install matching builds: {command}"
        )
    return PluginNotInstalledError(
        text, reason=reason, kind=kind, attribute=name, distribution=dist, command=command
    )


def _older(installed: str, since: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(installed) < Version(since)
    except InvalidVersion:
        return False


def requirement_command(entry: Entry, missing: Sequence[str]) -> str:
    """The command that installs the optional modules ``missing`` of ``entry``: its extra, or the pip packages."""
    if entry.extra and entry.provider.distribution:
        return install_command(entry.provider.distribution, entry.extra)
    return "pip install " + " ".join(dict.fromkeys(pip_name(m) for m in missing))


def unusable(
    entry: Entry, subject: str, missing: Sequence[str] = (), error: ImportError | None = None
) -> PluginNotInstalledError:
    """A registered name that cannot be given: optional modules it requires are ``missing``, or importing its
    target raised ``error``."""
    origin = f"{subject} from the plugin {entry.provider.label()}"
    if error is None:
        reason: MissingReason = "missing-requirement"
        module: str | None = missing[0]
        command = requirement_command(entry, missing)
        noun, verb = ("module", "is") if len(missing) == 1 else ("modules", "are")
        modules = ", ".join(repr(m) for m in missing)
        text = f"{origin} needs the optional {noun} {modules}, which {verb} not installed. To install it: {command}"
    else:
        target = entry.target_text()
        reason, command = "failed", f'python -c "import {target.partition(":")[0]}"'
        module = error.name if isinstance(error, ModuleNotFoundError) else None
        text = f"{origin} could not be imported from {target} ({why(error)}). To see why: {command}"
    kind, name, dist = entry.kind, entry.name, entry.provider.distribution
    return PluginNotInstalledError(
        text, reason=reason, kind=kind, attribute=name, distribution=dist, command=command, module=module
    )


def conflict(entries: Sequence[Entry], subject: str | None = None) -> PluginConflictError:
    """Several plugins register one name (``entries``: one per plugin); ``subject`` defaults to ``kind 'name'``."""
    kind, name = entries[0].kind, entries[0].name
    labels = [entry.provider.label() for entry in entries]
    listed = " and ".join([", ".join(labels[:-1]), labels[-1]])
    others = ",".join(entry.provider.plugin for entry in entries[1:])
    text = (
        f"{subject or f'{kind} {name!r}'} is registered by more than one plugin: {listed}. "
        f"Keep one by disabling the others: export IGNITE_DISABLE_PLUGINS={others}"
    )
    return PluginConflictError(text, kind=kind, attribute=name, providers=tuple(labels))


def suggestion(name: str, candidates: Iterable[str]) -> str:
    """`` Did you mean 'X'?`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""
