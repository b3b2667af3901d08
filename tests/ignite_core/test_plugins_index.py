"""tools/gen_index.py: core's name index and the facades' TYPE_CHECKING blocks come from the plugins' tables."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from ignite.plugins.facades import INDEX

ROOT = Path(__file__).resolve().parents[2]
ROW = (
    "metrics",
    "Fake",
    "ignite-plugins-fake",
    None,
    "0.7.0",
    None,
    ("ignite.metrics", "ignite.metrics.fake"),
)


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_index", ROOT / "tools" / "gen_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_index_is_one_line_per_name_and_reads_back(gen: ModuleType) -> None:
    long_modules = tuple(f"ignite.handlers.some_rather_long_module_name_{i}" for i in range(4))
    rows = [
        (*ROW, "ignite_plugins_fake.fake:Fake"),
        ("dist_backends", "gloo", "ignite-plugins-dist", None, None, "_NativeDistModel", ("ignite.x.native",), "m:_NativeDistModel"),
        ("loggers", "X", "ignite-plugins-loggers", "tensorboard", None, None, long_modules, "m:X"),
    ]  # fmt: skip
    text = gen.render_index(rows)
    namespace: dict[str, object] = {}
    exec(text, namespace)
    assert namespace["INDEX"] == {
        "metrics": {
            "Fake": ("ignite-plugins-fake", None, "0.7.0", None, ("ignite.metrics", "ignite.metrics.fake"))
        },
        "dist_backends": {
            "gloo": ("ignite-plugins-dist", None, None, "_NativeDistModel", ("ignite.x.native",))
        },
        "loggers": {"X": ("ignite-plugins-loggers", "tensorboard", None, None, long_modules)},
    }
    body = text.split("= {\n", 1)[1].splitlines()
    assert [line.strip().split(":")[0] for line in body if line.startswith(" " * 8)] == [
        '"Fake"',
        '"gloo"',
        '"X"',
    ]
    exec(gen.render_index([]), namespace)
    assert namespace["INDEX"] == {}


def test_type_checking_block_imports_only_what_the_module_does_not_bind(gen: ModuleType) -> None:
    text = (
        f"from a import Fake\nif TYPE_CHECKING:\n    {gen.BEGIN}\n    from old import X as X\n    {gen.END}\n"
    )
    row = (*ROW, "ignite_plugins_fake.fake:Fake")
    assert gen.render_block([row], "ignite.metrics", text) == ["pass"]
    assert gen.render_block([row], "ignite.metrics", "") == [
        f"from ignite_plugins_fake.fake import Fake as Fake{gen.IGNORE}"
    ]
    assert gen.render_block([row], "ignite.handlers", "") == ["pass"]
    assert (
        gen.apply_block(text, ["pass"])
        == f"from a import Fake\nif TYPE_CHECKING:\n    {gen.BEGIN}\n    pass\n    {gen.END}\n"
    )
    assert gen.apply_block("x = 1\n", []) is None  # fmt: skip


def _plugin(root: Path, rows: str) -> None:
    folder = root / "plugins" / "ignite_plugins_fake"
    (folder / "src" / "ignite_plugins_fake").mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "ignite-plugins-fake"\nversion = "0.7.0"\n'
        '[project.entry-points."ignite.plugins"]\nfake = "ignite_plugins_fake.plugin"\n'
    )
    package = folder / "src" / "ignite_plugins_fake"
    (package / "__init__.py").write_text("")
    (package / "names.py").write_text(f"from ignite.plugins import Name\nNAMES = ({rows})\n")
    (package / "plugin.py").write_text(
        textwrap.dedent(
            """
            from ignite.plugins import Registry, hookimpl
            from ignite_plugins_fake.names import NAMES

            @hookimpl
            def ignite_register_metrics(registry: Registry) -> None:
                registry.add_names(NAMES)
            """
        )
    )


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_index.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONSAFEPATH": "1"},
        timeout=120,
    )


def test_check_fails_on_a_stale_index_and_says_what_to_run(tmp_path: Path) -> None:
    _plugin(
        tmp_path, 'Name("Fake", "ignite_plugins_fake.fake:Fake", modules=("ignite.metrics",), since="0.7.0"),'
    )
    (tmp_path / "core/src/ignite/plugins").mkdir(parents=True)
    check = _run(tmp_path, "--check")
    assert check.returncode == 1, check.stderr
    assert check.stdout == (
        "stale: core/src/ignite/plugins/_index.py differs from the plugins' names.py tables; "
        "run: python tools/gen_index.py\n"
    )
    assert _run(tmp_path).returncode == 0
    written = (tmp_path / "core/src/ignite/plugins/_index.py").read_text()
    assert '\n        "Fake": ("ignite-plugins-fake", None, "0.7.0", None, ("ignite.metrics",)),\n' in written
    assert _run(tmp_path, "--check").returncode == 0


def test_committed_index_holds_only_names_a_table_declares() -> None:
    for kind, rows in INDEX.items():
        for name, (distribution, _extra, _since, _attr, modules) in rows.items():
            assert distribution.startswith("ignite-plugins-"), (kind, name)
            assert all(m.startswith("ignite.") for m in modules), (kind, name)
