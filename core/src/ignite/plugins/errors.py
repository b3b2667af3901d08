"""Exceptions and warnings of the plugin host, and the text of their messages.

Every message about a missing capability ends with a command the user can paste.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "MissingReason",
    "PluginConflictError",
    "PluginLoadError",
    "PluginNotInstalledError",
    "PluginWarning",
    "install_command",
]

MissingReason = Literal["not-installed", "disabled", "failed", "missing-requirement", "not-provided"]


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


def install_command(distribution: str, extra: str | None = None, *, upgrade: bool = False) -> str:
    """The pip command that installs ``distribution`` (with ``extra``), quoted for a POSIX shell when needed."""
    flag = "--upgrade " if upgrade else ""
    if extra:
        return f'pip install {flag}"{distribution}[{extra}]"'
    return f"pip install {flag}{distribution}"
