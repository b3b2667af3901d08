"""``python -m ignite.plugins [list|doctor] [--json]``: what is installed, and what is wrong with it."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import traceback
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, requires
from typing import Literal, TextIO

from ignite.plugins.discovery import installed_version, normalize_distribution
from ignite.plugins.errors import conflict, requirement_command
from ignite.plugins.host import PluginHost, get_host
from ignite.plugins.registry import KINDS


@dataclass(frozen=True)
class Finding:
    """One problem (or notice): what is wrong, details, and the command that fixes it."""

    severity: Literal["error", "info"]
    summary: str
    details: str = ""
    command: str = ""


def print_list(host: PluginHost, out: TextIO, as_json: bool = False) -> None:
    """One block per plugin: name, distribution, version, status, entry point, and the names it provides."""
    records = host.records()
    rows = [
        (r.provider.plugin, r.provider.distribution, r.provider.version, r.status, r.provider.value)
        for r in records
    ]
    if as_json:
        keys = ("plugin", "distribution", "version", "status", "entry_point")
        found = [
            {**dict(zip(keys, row)), "detail": r.detail, "provides": r.provides}
            for row, r in zip(rows, records)
        ]
        out.write(json.dumps(found, indent=2) + "\n")
        return
    if not records:
        out.write('No ignite plugin is installed. First-party plugins: pip install "ignite-core[all]"\n')
        return
    table = [("plugin", "distribution", "version", "status", "entry point")]
    table += [(p, d or "-", v or "-", s, e or "(registered at runtime)") for p, d, v, s, e in rows]
    widths = [max(len(cell) for cell in column) for column in zip(*table)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table]
    out.write(lines[0] + "\n")
    for record, line in zip(records, lines[1:]):
        out.write(line + "\n")
        if record.detail:
            out.write(f"    {record.detail}\n")
        for kind, names in record.provides.items():
            text = f"{kind} ({len(names)}): {', '.join(names)}"
            out.write(textwrap.fill(text, 100, initial_indent=" " * 4, subsequent_indent=" " * 8) + "\n")


def core_mismatch(distribution: str, core_version: str) -> Finding | None:
    """An error when ``distribution`` declares an ``ignite-core`` requirement that ``core_version`` does not meet."""
    from packaging.requirements import Requirement

    try:
        declared = requires(distribution) or []
    except PackageNotFoundError:  # a plugin given without its distribution (tests, notebooks)
        return None
    for text in declared:
        requirement = Requirement(text)
        if normalize_distribution(requirement.name) != "ignite-core" or requirement.marker is not None:
            continue
        if requirement.specifier.contains(core_version, prereleases=True):
            return None
        summary = f"{distribution} requires {text}, but ignite-core {core_version} is installed"
        fix = f'pip install "ignite-core{requirement.specifier}"'
        return Finding("error", summary, "Its plugin may fail to load or misbehave.", fix)
    return None


def diagnose(host: PluginHost) -> list[Finding]:
    """Everything worth telling about ``host`` and the installed distributions, errors first."""
    findings: list[Finding] = []
    if (clash := installed_version("pytorch-ignite")) is not None:
        summary = f"pytorch-ignite {clash} is installed alongside ignite-core"
        details = "Both install the 'ignite' package; the one installed last overwrites the other's files."
        fix = "pip uninstall -y pytorch-ignite && pip install --force-reinstall --no-deps ignite-core"
        findings.append(Finding("error", summary, details, fix))
    for r in host.records():
        if r.status == "failed" and r.error is not None:
            details = "".join(traceback.format_exception(r.error)).rstrip()
            summary = f"plugin {r.provider.label()} failed to load: {r.detail}"
            findings.append(Finding("error", summary, details, r.command))
        elif r.status in ("disabled", "blocked"):
            findings.append(Finding("info", f"plugin {r.provider.label()} {r.detail}", command=r.command))
    for kind in KINDS:
        for name, entries in sorted(host.entries(kind).items()):
            if len(entries) > 1:
                clash = str(conflict(entries))
                summary, _, fix = clash.partition(". Keep one by disabling the others: ")
                findings.append(Finding("error", summary, command=fix))
            elif missing := host.missing_requirements(entries[0]):
                summary = f"{kind} {name!r} needs {', '.join(missing)} (not installed)"
                findings.append(Finding("info", summary, command=requirement_command(entries[0], missing)))
    if (core_version := installed_version("ignite-core")) is not None:
        dists = {normalize_distribution(d): d for r in host.records() if (d := r.provider.distribution)}
        findings += [m for d in dists.values() if (m := core_mismatch(d, core_version)) is not None]
    return sorted(findings, key=lambda f: f.severity != "error")


def print_doctor(host: PluginHost, out: TextIO) -> int:
    """Print the findings of :func:`diagnose`; returns 1 if any is an error."""
    findings = diagnose(host)
    loaded = sum(r.status == "loaded" for r in host.records())
    out.write(f"{len(host.records())} plugin(s) found, {loaded} loaded.\n")
    for finding in findings:
        out.write(f"\n[{finding.severity}] {finding.summary}\n")
        if finding.details:
            out.write(textwrap.indent(finding.details, "    ") + "\n")
        if finding.command:
            out.write(f"    fix: {finding.command}\n")
    if not findings:
        out.write("No problem found.\n")
    return 1 if any(f.severity == "error" for f in findings) else 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Entry point of ``python -m ignite.plugins``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m ignite.plugins", description=__doc__)
    parser.add_argument("command", nargs="?", choices=("list", "doctor"), default="list")
    parser.add_argument("--json", action="store_true", help="list as JSON")
    args = parser.parse_args(argv)
    stream = out or sys.stdout
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # failures are reported below, not as warnings
        host = get_host()
    if args.command == "doctor":
        return print_doctor(host, stream)
    print_list(host, stream, as_json=args.json)
    return 0
