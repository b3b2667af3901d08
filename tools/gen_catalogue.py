"""Generate the plugin catalogue from tools/catalogue_table.py, cross-checked against the plugins.

    python tools/gen_catalogue.py            # rewrite core/src/ignite/plugins/_catalogue.py and the
                                             # TYPE_CHECKING blocks of the facade modules
    python tools/gen_catalogue.py --check    # exit 1 when a committed file is stale or the table
                                             # contradicts what a first-party plugin registers
    python tools/gen_catalogue.py --report   # also list 0.5 names no plugin registers yet

What the first-party plugins register is read by loading each one's entry point, as declared in its
pyproject.toml, from its source folder, into a strict plugin host (a broken entry module fails the run).
``main`` is the body of ``nox -s catalogue``.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "core" / "src" / "ignite" / "plugins" / "_catalogue.py"
PLUGIN_FOLDERS = (
    "plugins/ignite_plugins_metrics",
    "plugins/ignite_plugins_handlers",
    "ignite_plugins_loggers",
    "ignite_plugins_dist",
)
BEGIN = "# BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)"
END = "# END GENERATED TYPE_CHECKING"


def load_table(path: Path = ROOT / "tools" / "catalogue_table.py") -> ModuleType:
    """Import the table by path (works with PYTHONSAFEPATH=1, where tools/ is not on sys.path)."""
    spec = importlib.util.spec_from_file_location("catalogue_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogue_table"] = module
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------------------------ registrations


@dataclass
class Registered:
    """What the first-party plugins register: (kind, name) -> (distribution, extra, target text)."""

    entries: dict[tuple[str, str], tuple[str, str | None, str]] = field(default_factory=dict)
    loaded: set[str] = field(default_factory=set)


def read_registrations(root: Path = ROOT, folders: Sequence[str] = PLUGIN_FOLDERS) -> Registered:
    """Load each first-party entry point from its source folder into a strict host and record its names."""
    import tomllib  # Python >= 3.11, like the nox sessions

    from ignite.plugins.discovery import PluginSource
    from ignite.plugins.host import PluginHost
    from ignite.plugins.registry import KINDS
    from ignite.plugins.settings import HostSettings

    sources = []
    for folder in folders:
        project = tomllib.loads((root / folder / "pyproject.toml").read_text())["project"]
        src = str(root / folder / "src")
        if src not in sys.path:
            sys.path.insert(0, src)
        for name, value in sorted(project.get("entry-points", {}).get("ignite.plugins", {}).items()):
            sources.append(
                PluginSource(EntryPoint(name, value, "ignite.plugins"), project["name"], project["version"])
            )
    host = PluginHost(sources, settings=HostSettings(strict=True))
    result = Registered()
    for record in host.records():
        if record.status == "loaded" and record.provider.distribution:
            result.loaded.add(record.provider.distribution)
    for kind in KINDS:
        for name, entries in host.entries(kind).items():
            entry = entries[0]
            assert entry.provider.distribution is not None
            result.entries[(kind, name)] = (entry.provider.distribution, entry.extra, entry.target_text())
    return result


def cross_check(table: ModuleType, registered: Registered) -> tuple[list[str], list[str], list[str]]:
    """(errors, warnings, pending): contradictions, registered names unknown to the table, names not yet
    registered by their (loaded) distribution."""
    errors: list[str] = []
    warnings: list[str] = []
    for (kind, name), (dist, extra, _) in sorted(registered.entries.items()):
        expected = table.PROVIDERS[kind].get(name)
        if expected is None:
            elsewhere = [k for k in table.KINDS if name in table.PROVIDERS[k]]
            where = f" (the table lists it under {', '.join(elsewhere)})" if elsewhere else ""
            warnings.append(f"{dist} registers {kind} {name!r}, which is not a 0.5 name in the table{where}")
            continue
        if expected[0] != dist:
            errors.append(f"{kind} {name!r}: registered by {dist}, the table says {expected[0]}")
        elif expected[1] != extra:
            errors.append(
                f"{kind} {name!r}: {dist} registers extra={extra!r}, the table says extra={expected[1]!r}"
            )
    pending = [
        f"{dist}: {kind} {name!r}"
        for kind in table.KINDS
        for name, (dist, _) in sorted(table.PROVIDERS[kind].items())
        if (kind, name) not in registered.entries
    ]
    return errors, warnings, pending


def validate_table(table: ModuleType) -> list[str]:
    """Internal consistency: every facade/alias name resolves to a core target or a provided name."""
    errors: list[str] = []
    facades = {f.module: f for f in table.FACADES}
    for facade in table.FACADES:
        for name in facade.names:
            if name not in facade.core and not any(name in table.PROVIDERS[k] for k in facade.kinds):
                errors.append(f"{facade.module}.{name}: neither core nor provided in kinds {facade.kinds}")
    for alias in table.ALIASES:
        facade = facades.get(alias.facade)
        if facade is None:
            errors.append(f"{alias.module}: facade {alias.facade} is not in FACADES")
            continue
        for local, registry_name in alias.names.items():
            if registry_name not in facade.core and not any(
                registry_name in table.PROVIDERS[k] for k in facade.kinds
            ):
                errors.append(
                    f"{alias.module}.{local} -> {registry_name!r}: not resolvable through {facade.module}"
                )
    return errors


# ------------------------------------------------------------------------------------------ rendering


def _tuple(items: Sequence[str], indent: str) -> str:
    if not items:
        return "()"
    if len(items) == 1:
        return f"({items[0]!r},)"
    inner = "".join(f"{indent}    {item!r},\n" for item in items)
    return f"(\n{inner}{indent})"


def _pair(value: tuple[str, str | None]) -> str:
    return f"({value[0]!r}, {value[1]!r})"


def render_catalogue(table: ModuleType) -> str:
    """The text of ``_catalogue.py``: plain literals, formatted as ``ruff format`` leaves them."""
    out = [
        "# Generated by tools/gen_catalogue.py from tools/catalogue_table.py: do not edit.",
        '"""Which distribution provides each pytorch-ignite 0.5 name, and the 0.5 module paths."""',
        "",
        "from __future__ import annotations",
        "",
        "FACADE_KINDS: dict[str, tuple[str, ...]] = {",
    ]
    for facade in table.FACADES:
        out.append(f"    {facade.module!r}: {_tuple(facade.kinds, '    ')},")
    out.append("}")
    out.append("")
    opened = sorted(f.module for f in table.FACADES if f.open)
    out.append("OPEN_FACADES: frozenset[str] = frozenset(")
    out.append("    {")
    out.extend(f"        {m!r}," for m in opened)
    out.append("    }")
    out.append(")")
    out.append("")
    out.append("FACADE_NAMES: dict[str, tuple[str, ...]] = {")
    for facade in table.FACADES:
        out.append(f"    {facade.module!r}: {_tuple(sorted(set(facade.names)), '    ')},")
    out.append("}")
    out.append("")
    out.append("CORE: dict[str, dict[str, str]] = {")
    for facade in table.FACADES:
        if facade.core:
            out.append(f"    {facade.module!r}: {{")
            out.extend(f"        {n!r}: {t!r}," for n, t in sorted(facade.core.items()))
            out.append("    },")
    out.append("}")
    out.append("")
    out.append("PROVIDERS: dict[str, dict[str, tuple[str, str | None]]] = {")
    for kind in table.KINDS:
        out.append(f"    {kind!r}: {{")
        out.extend(f"        {n!r}: {_pair(v)}," for n, v in sorted(table.PROVIDERS[kind].items()))
        out.append("    },")
    out.append("}")
    out.append("")
    out.append(
        "# 0.5 module path -> (facade, {local name: registry or core name}, is package, moved to, since)"
    )
    out.append("MODULES: dict[str, tuple[str, dict[str, str], bool, str | None, str | None]] = {")
    for alias in sorted(table.ALIASES, key=lambda a: a.module):
        names = "{" + ", ".join(f"{k!r}: {v!r}" for k, v in sorted(alias.names.items())) + "}"
        one_line = (
            f"    {alias.module!r}: ({alias.facade!r}, {names}, {alias.package}, "
            f"{alias.moved_to!r}, {alias.deprecated_since!r}),"
        )
        if len(one_line) <= 110:
            out.append(one_line)
            continue
        out.append(f"    {alias.module!r}: (")
        out.append(f"        {alias.facade!r},")
        if len(f"        {names},") <= 110:
            out.append(f"        {names},")
        else:
            out.append("        {")
            out.extend(f"            {k!r}: {v!r}," for k, v in sorted(alias.names.items()))
            out.append("        },")
        out.append(f"        {alias.package},")
        out.append(f"        {alias.moved_to!r},")
        out.append(f"        {alias.deprecated_since!r},")
        out.append("    ),")
    out.append("}")
    out.append("")
    out.append("PIP_NAMES: dict[str, str] = {")
    out.extend(f"    {k!r}: {v!r}," for k, v in sorted(table.PIP_NAMES.items()))
    out.append("}")
    return "\n".join(out).replace("'", '"') + "\n"


def _bound_outside_block(text: str) -> set[str]:
    """Names the module binds at top level outside the generated block (those need no re-import)."""
    first = text[: text.find(BEGIN)].count("\n") + 1 if BEGIN in text else 0
    last = text[: text.find(END)].count("\n") + 1 if END in text else 0
    bound: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if first <= getattr(node, "lineno", 0) <= last:
            continue
        if isinstance(node, ast.ImportFrom | ast.Import):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.Assign):
            bound.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return bound


def render_type_checking(table: ModuleType, registered: Registered, module: str, text: str) -> list[str]:
    """The import lines of facade ``module``'s TYPE_CHECKING block: the real class behind each 0.5 name."""
    facade = next(f for f in table.FACADES if f.module == module)
    bound = _bound_outside_block(text)
    imports: set[tuple[str, str]] = set()
    for name in sorted(set(facade.names)):
        if name in bound:
            continue
        target = facade.core.get(name)
        if target is None:
            for kind in facade.kinds:
                found = registered.entries.get((kind, name))
                if found is not None and ":" in found[2]:
                    target = found[2]
                    break
        if target is None:
            continue
        source, _, attr = target.partition(":")
        if "." in attr or attr != name:
            continue
        imports.add((source, name))
    return [f"from {source} import {name} as {name}" for source, name in sorted(imports, key=_isort_key)]


def _isort_key(item: tuple[str, str]) -> tuple[str, str, str]:
    source, name = item
    return (source.lower(), name.lower(), name)


def apply_block(text: str, lines: list[str]) -> str | None:
    """``text`` with the generated block replaced by ``lines`` (``None`` when the file has no markers)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    body = "".join(f"{indent}{line}\n" for line in lines)
    return text[: start + len(BEGIN)] + "\n" + body + indent + text[end:]


# ------------------------------------------------------------------------------------------ main


def generate(root: Path = ROOT) -> tuple[dict[Path, str], list[str], list[str], list[str]]:
    """(files to write -> their new text, errors, warnings, pending)."""
    table = load_table(root / "tools" / "catalogue_table.py")
    registered = read_registrations(root)
    errors = validate_table(table)
    check_errors, warnings, pending = cross_check(table, registered)
    errors += check_errors
    files = {root / CATALOGUE.relative_to(ROOT): render_catalogue(table)}
    for module, relative in table.FACADE_FILES.items():
        path = root / relative
        if not path.exists():
            warnings.append(f"{relative} does not exist yet: no TYPE_CHECKING block for {module}")
            continue
        text = path.read_text()
        new = apply_block(text, render_type_checking(table, registered, module, text))
        if new is None:
            warnings.append(
                f"{relative} has no '{BEGIN}' / '{END}' markers: type checkers see no plugin names"
            )
            continue
        files[path] = new
    return files, errors, warnings, pending


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate (default) or check (``--check``); returns the exit code."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if a committed file is stale")
    parser.add_argument("--report", action="store_true", help="list 0.5 names no plugin registers yet")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files, errors, warnings, pending = generate(args.root)
    for warning in warnings:
        print(f"warning: {warning}")
    if args.report:
        print(f"{len(pending)} 0.5 name(s) not registered by any plugin yet:")
        for item in pending:
            print(f"  {item}")
    else:
        print(f"{len(pending)} 0.5 name(s) not registered yet (--report lists them)")
    for error in errors:
        print(f"error: {error}")
    stale = [path for path, text in files.items() if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(args.root)} (run: python tools/gen_catalogue.py)")
        return 1 if stale or errors else 0
    for path in stale:
        path.write_text(files[path])
        print(f"wrote {path.relative_to(args.root)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
