"""Pytest fixtures for people who write ignite plugins (opt-in, not loaded automatically).

Enable with ``pytest_plugins = ["ignite.testing"]`` in your root ``conftest.py`` or ``pytest -p ignite.testing``.

``ignite_plugin_host``
    A factory building a fresh plugin host from the entry points you give (``EntryPoint`` objects or
    ``"name = module"`` strings) and plugin objects, installed as the process-wide host for the test, so
    ``from ignite.metrics import X`` goes through it. The previous host is restored afterwards.
``ignite_register_plugin``
    Registers a plugin object into the current host for one test; unregistered afterwards.
``ignite_plugin_module``
    Writes a module from source text into a temporary folder on ``sys.path`` (for entry points to load,
    including ones that raise at import); forgotten afterwards.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from ignite.plugins import host as api
from ignite.plugins.discovery import HostSettings, source
from ignite.plugins.host import PluginHost
from ignite.plugins.registry import Provider

__all__ = ["HostFactory", "as_source", "ignite_plugin_host", "ignite_plugin_module", "ignite_register_plugin"]

HostFactory = Callable[..., PluginHost]


def as_source(entry_point: EntryPoint | Provider | str) -> Provider:
    """The plugin to load for an ``EntryPoint``, a ``Provider`` or an ``"name = module[:attr]"`` string."""
    if isinstance(entry_point, Provider):
        return entry_point
    if isinstance(entry_point, str):
        name, sep, value = entry_point.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"expected 'name = module[:attr]', got {entry_point!r}")
        return Provider(name.strip(), value=value.strip())
    return source(entry_point)


@pytest.fixture
def ignite_plugin_host() -> Iterator[HostFactory]:
    """Factory: ``ignite_plugin_host(*entry_points, plugins={name: obj}, env={...}, strict=True)``.

    ``env`` holds ``IGNITE_*`` switches for this host only (the real environment is not read);
    ``strict`` (default ``True``) turns a failing plugin into an error instead of a warning.
    """
    previous = api.set_host(None)

    def make(
        *entry_points: EntryPoint | Provider | str,
        plugins: Mapping[str, object] | None = None,
        env: Mapping[str, str] | None = None,
        strict: bool = True,
        blocked: Iterable[str] = (),
    ) -> PluginHost:
        settings = HostSettings.from_env({"IGNITE_PLUGINS_STRICT": "1" if strict else "0", **(env or {})})
        host = PluginHost([as_source(ep) for ep in entry_points], settings=settings, blocked=blocked)
        for name, plugin in (plugins or {}).items():
            host.register(plugin, name)
        api.set_host(host)
        return host

    try:
        yield make
    finally:
        api.set_host(previous)


@pytest.fixture
def ignite_register_plugin() -> Iterator[Callable[..., str]]:
    """``ignite_register_plugin(plugin, name=None) -> name``: register into the current host for one test."""
    registered: list[tuple[PluginHost, str]] = []

    def register(plugin: object, name: str | None = None) -> str:
        host = api.get_host()
        plugin_name = api.register(plugin, name)
        registered.append((host, plugin_name))
        return plugin_name

    try:
        yield register
    finally:
        for host, name in reversed(registered):
            if api.get_host() is host:
                api.unregister(name)
            else:
                host.unregister(name)


@pytest.fixture
def ignite_plugin_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str, str], str]]:
    """``ignite_plugin_module(name, source) -> name``: an importable module (dotted names make packages)."""
    root = tmp_path / "ignite_plugin_modules"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    created: list[str] = []

    def write(name: str, source: str) -> str:
        parts = name.split(".")
        folder = root
        for part in parts[:-1]:
            folder = folder / part
            folder.mkdir(exist_ok=True)
            (folder / "__init__.py").touch()
        (folder / f"{parts[-1]}.py").write_text(textwrap.dedent(source))
        importlib.invalidate_caches()
        created.append(parts[0])
        return name

    try:
        yield write
    finally:
        for top in created:
            for loaded in [m for m in sys.modules if m == top or m.startswith(top + ".")]:
                del sys.modules[loaded]
