"""Generate core's name index and the facades' TYPE_CHECKING blocks from the first-party plugins' name tables.

    python tools/gen_index.py            # rewrite core/src/ignite/plugins/_index.py and the generated
                                         # TYPE_CHECKING blocks of the facade modules
    python tools/gen_index.py --check    # exit 1 (saying what to run) when a committed file is stale

Each first-party plugin (a folder with a pyproject.toml naming an ``ignite-plugins-*`` distribution and an
``ignite.plugins`` entry point) is loaded from its source folder, with core from ``core/src``, into a strict
plugin host: the index is exactly what the plugins register (kind, name, extra, 0.5 module paths), plus the
``since`` of each row of their ``names.py`` table. Runs with any Python >= 3.11 that has core's dependencies.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
INDEX = Path("core/src/ignite/plugins/_index.py")
BEGIN = "# BEGIN GENERATED TYPE_CHECKING (tools/gen_index.py)"
END = "# END GENERATED TYPE_CHECKING"
WIDTH = 110
IGNORE = "  # type: ignore[import-not-found, unused-ignore]"  # core is type-checked without the plugins too

Row = tuple[str, str, str, str | None, str | None, str | None, tuple[str, ...], str]  # + target


def plugin_projects(root: Path) -> list[tuple[Path, dict[str, object]]]:
    """(folder, [project] table) of every first-party plugin distribution in the checkout, by name."""
    found = []
    for pyproject in sorted([*root.glob("*/pyproject.toml"), *root.glob("plugins/*/pyproject.toml")]):
        project = tomllib.loads(pyproject.read_text()).get("project", {})
        points = project.get("entry-points", {}).get("ignite.plugins")
        if str(project.get("name", "")).startswith("ignite-plugins-") and points:
            found.append((pyproject.parent, project))
    return sorted(found, key=lambda item: str(item[1]["name"]))


def read_rows(root: Path) -> list[Row]:
    """(kind, name, distribution, extra, since, attr, modules, target) of every registered first-party name."""
    projects = plugin_projects(root)
    for path in [root / "core" / "src", *(folder / "src" for folder, _ in projects)][::-1]:
        sys.path.insert(0, str(path))
    stale = types.ModuleType("ignite.plugins._index")  # the committed index may be stale or broken: unused
    stale.INDEX = {}  # type: ignore[attr-defined]
    sys.modules[stale.__name__] = stale
    from ignite.plugins.discovery import HostSettings
    from ignite.plugins.host import PluginHost
    from ignite.plugins.registry import KINDS, Provider, local_name

    sources, since = [], {}
    for _, project in projects:
        points = project["entry-points"]["ignite.plugins"]  # type: ignore[index]
        for name, value in sorted(points.items()):
            sources.append(Provider(name, str(project["name"]), str(project["version"]), value))
            package = value.partition(":")[0].rpartition(".")[0] or value
            try:
                table = importlib.import_module(f"{package}.names").NAMES
            except ModuleNotFoundError:
                table = ()
            since.update({(str(project["name"]), row.name): row.since for row in table})
    host = PluginHost(sources, settings=HostSettings(strict=True))
    rows: list[Row] = []
    for kind in KINDS:
        for name, (entry, *_) in sorted(host.entries(kind).items()):
            dist = str(entry.provider.distribution)
            attr = local_name(kind, name, entry.target)
            rows.append(
                (
                    kind,
                    name,
                    dist,
                    entry.extra,
                    since.get((dist, name)),
                    None if attr == name.rpartition(".")[2] else attr,
                    entry.modules,
                    entry.target_text(),
                )
            )
    return rows


def render_index(rows: Sequence[Row]) -> str:
    """The text of ``_index.py``: one line per name (see its docstring), grouped by kind, sorted by name."""
    lines = []
    for kind in dict.fromkeys(row[0] for row in rows):
        lines.append(f'    "{kind}": {{')
        for _, name, dist, extra, since, attr, modules, _ in (row for row in rows if row[0] == kind):
            value = repr((dist, extra, since, attr, tuple(modules))).replace("'", '"')  # names hold no quotes
            lines.append(f'        "{name}": {value},')
        lines.append("    },")
    return (
        "# Generated from the first-party plugins' names.py tables: do not edit; run: python tools/gen_index.py\n"
        '"""Which first-party distribution provides each name (for the install command when it is missing).\n\n'
        "kind -> registry name -> (distribution, extra, version that first provides it, the attribute name in its\n"
        "modules when not the part of the name after the last dot, its ``ignite.*`` modules).\n"
        '"""\n\nfrom __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n'
        "if TYPE_CHECKING:\n    from ignite.plugins.facades import Row\n\n"
        "# fmt: off\nINDEX: dict[str, dict[str, Row]] = {\n" + "".join(line + "\n" for line in lines) + "}\n"
    )


def _bound_outside_block(text: str) -> set[str]:
    """Names a facade module binds at top level outside the generated block (those need no import)."""
    first = text[: text.find(BEGIN)].count("\n") + 1 if BEGIN in text else 0
    last = text[: text.find(END)].count("\n") + 1 if END in text else 0
    bound: set[str] = set()
    for node in ast.walk(ast.parse(apply_block(text, ["pass"]) or text)):
        if first <= getattr(node, "lineno", 0) <= last:
            continue
        if isinstance(node, ast.ImportFrom | ast.Import):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            bound.add(node.name)
    return bound


def render_block(rows: Sequence[Row], module: str, text: str) -> list[str]:
    """The import lines of facade ``module``'s TYPE_CHECKING block: the real object behind each plugin name."""
    bound = _bound_outside_block(text)
    imports = set()
    for _, name, *_, attr, modules, target in rows:
        local = attr or name.rpartition(".")[2]
        source, _, obj = target.partition(":")
        if module in modules and local not in bound and "." not in obj:
            imports.add((source, obj, local))
    lines = []
    for source, obj, local in sorted(imports, key=_isort_key):
        line = f"from {source} import {obj} as {local}"
        if len(line) + 4 <= WIDTH:
            lines.append(line + IGNORE)
        else:
            lines.extend([f"from {source} import ({IGNORE}", f"    {obj} as {local},", ")"])
    return lines or ["pass"]


def _isort_key(item: tuple[str, str, str]) -> tuple[str, int, str]:
    """ruff's isort order: by module, then constants, classes, other names (case-insensitively)."""
    source, obj, _ = item
    kind = 0 if obj.isupper() and len(obj) > 1 else 1 if obj[0].isupper() else 2
    return (source.lower(), kind, obj.lower())


def apply_block(text: str, lines: Sequence[str]) -> str | None:
    """``text`` with the generated block replaced by ``lines`` (``None`` when the file has no markers)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    indent = text[text.rfind("\n", 0, start) + 1 : start]
    body = "".join(f"{indent}{line}\n" for line in lines)
    return text[: start + len(BEGIN)] + "\n" + body + indent + text[end:]


def generate(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file -> its text."""
    rows = read_rows(root)
    files = {root / INDEX: render_index(rows)}
    package = root / "core" / "src"
    for path in sorted(package.joinpath("ignite").rglob("__init__.py")):
        text = path.read_text()
        module = ".".join(path.parent.relative_to(package).parts)
        new = apply_block(text, render_block(rows, module, text))
        if new is not None:
            files[path] = new
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate (default) or check (``--check``); returns the exit code."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if a committed file is stale")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = generate(args.root)
    stale = [path for path, text in files.items() if not path.exists() or path.read_text() != text]
    for path in stale:
        where = path.relative_to(args.root)
        if args.check:
            print(f"stale: {where} differs from the plugins' names.py tables; run: python tools/gen_index.py")
        else:
            path.write_text(files[path])
            print(f"wrote {where}")
    if args.check and not stale:
        print(f"up to date: {len(files)} generated file(s)")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
