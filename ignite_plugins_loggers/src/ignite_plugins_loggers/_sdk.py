"""Importing a tracker's SDK when a logger is built, with an error that says which extra installs it."""

from __future__ import annotations

import importlib
from types import ModuleType

from ignite.plugins import PluginNotInstalledError, install_command, install_hint

__all__ = ["DISTRIBUTION", "handlers_base", "import_sdk"]

DISTRIBUTION = "ignite-plugins-loggers"


def import_sdk(module: str, extra: str, owner: str, *alternatives: str) -> ModuleType:
    """Import ``module`` (else the first importable of ``alternatives``) for ``owner``.

    Raises:
        PluginNotInstalledError: none is importable; the message names the extra, e.g.
            ``pip install "ignite-plugins-loggers[mlflow]"``.
    """
    missing = None
    for name in (module, *alternatives):
        try:
            return importlib.import_module(name)
        except ImportError as error:
            missing = missing or error
    command = install_command(DISTRIBUTION, extra)
    packages = " or ".join(repr(name) for name in (module, *alternatives))
    raise PluginNotInstalledError(
        f"{owner} needs the package {packages}, which is not installed. {install_hint(DISTRIBUTION, extra)}",
        reason="missing-requirement",
        kind="handlers",
        attribute=owner,
        distribution=DISTRIBUTION,
        command=command,
        module=module,
    ) from missing


def handlers_base(name: str) -> type:
    """The class ``name`` of ``ignite.handlers`` (the handlers plugin) for a saver to derive from, so that
    ``Checkpoint`` drives it; ``object`` when that plugin is not installed."""
    try:
        import ignite.handlers as handlers

        base: type = getattr(handlers, name)
    except ImportError:  # PluginNotInstalledError included
        return object
    return base
