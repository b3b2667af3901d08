"""``python -m ignite.plugins [list|doctor]``: what is installed, and what is wrong with it."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from typing import TextIO

from ignite.plugins.host import PluginHost, PluginRecord

__all__ = ["main", "print_doctor", "print_list"]


def _provides(record: PluginRecord) -> list[str]:
    lines = []
    for kind, names in record.provides.items():
        text = f"{kind} ({len(names)}): {', '.join(names)}"
        lines.extend(textwrap.wrap(text, width=100, initial_indent="    ", subsequent_indent="        "))
    return lines


def print_list(host: PluginHost, out: TextIO, as_json: bool = False) -> None:
    """One block per plugin: name, distribution, version, status, entry point, and the names it provides."""
    records = host.records()
    if as_json:
        rows = [
            {
                "plugin": r.provider.plugin,
                "distribution": r.provider.distribution,
                "version": r.provider.version,
                "entry_point": r.provider.value,
                "status": r.status,
                "detail": r.detail,
                "provides": {kind: list(names) for kind, names in r.provides.items()},
            }
            for r in records
        ]
        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    if not records:
        out.write('No ignite plugin is installed. First-party plugins: pip install "ignite-core[all]"\n')
        return
    header = ("plugin", "distribution", "version", "status", "entry point")
    rows_text = [
        (
            r.provider.plugin,
            r.provider.distribution or "-",
            r.provider.version or "-",
            r.status,
            r.provider.value or "(registered at runtime)",
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in [header, *rows_text]) for i in range(len(header))]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip() + "\n")
    for record, row in zip(records, rows_text):
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
        if record.detail:
            out.write(f"    {record.detail}\n")
        for line in _provides(record):
            out.write(line + "\n")


def print_doctor(host: PluginHost, out: TextIO) -> int:
    """Print the findings of :func:`ignite.plugins.doctor.diagnose`; returns 1 if any is an error."""
    from ignite.plugins.doctor import diagnose

    findings = diagnose(host)
    loaded = sum(r.status == "loaded" for r in host.records())
    out.write(f"{len(host.records())} plugin(s) found, {loaded} loaded.\n")
    if not findings:
        out.write("No problem found.\n")
        return 0
    for finding in findings:
        out.write(f"\n[{finding.severity}] {finding.summary}\n")
        if finding.details:
            out.write(textwrap.indent(finding.details, "    ") + "\n")
        if finding.command:
            out.write(f"    fix: {finding.command}\n")
    return 1 if any(f.severity == "error" for f in findings) else 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Entry point of ``python -m ignite.plugins``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m ignite.plugins", description=__doc__)
    parser.add_argument("command", nargs="?", choices=("list", "doctor"), default="list")
    parser.add_argument("--json", action="store_true", help="list as JSON")
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout
    import warnings

    from ignite.plugins.api import get_host

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # failures are reported below, not as warnings
        host = get_host()
    if args.command == "doctor":
        return print_doctor(host, stream)
    print_list(host, stream, as_json=args.json)
    return 0
