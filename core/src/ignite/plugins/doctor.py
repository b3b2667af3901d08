"""Diagnosis of the plugin installation: failures, conflicts, version mismatches, a clashing pytorch-ignite."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ignite.plugins import catalogue
from ignite.plugins.discovery import installed_version
from ignite.plugins.errors import install_command
from ignite.plugins.host import PluginHost
from ignite.plugins.registry import KINDS
from ignite.plugins.settings import normalize_distribution

__all__ = ["Finding", "core_requirement", "diagnose"]

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One problem (or notice): what is wrong, details, and the command that fixes it."""

    severity: Severity
    summary: str
    details: str = ""
    command: str = ""


def core_requirement(distribution: str) -> str | None:
    """The ``ignite-core`` requirement a distribution declares (``"ignite-core>=0.6,<0.7"``), if any."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import InvalidRequirement, Requirement

    try:
        declared = requires(distribution) or []
    except PackageNotFoundError:
        return None
    for text in declared:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if normalize_distribution(requirement.name) == "ignite-core" and requirement.marker is None:
            return text
    return None


def _core_mismatch(distribution: str, core_version: str) -> Finding | None:
    from packaging.requirements import Requirement

    text = core_requirement(distribution)
    if text is None:
        return None
    requirement = Requirement(text)
    if requirement.specifier.contains(core_version, prereleases=True):
        return None
    return Finding(
        "error",
        f"{distribution} requires {text}, but ignite-core {core_version} is installed",
        "Its plugin may fail to load or misbehave.",
        f'pip install "ignite-core{requirement.specifier}"',
    )


def diagnose(
    host: PluginHost,
    *,
    version_of: Callable[[str], str | None] = installed_version,
    core_mismatch: Callable[[str, str], Finding | None] = _core_mismatch,
) -> list[Finding]:
    """Everything worth telling about ``host`` and the installed distributions, errors first."""
    findings: list[Finding] = []
    clash = version_of("pytorch-ignite")
    if clash is not None:
        findings.append(
            Finding(
                "error",
                f"pytorch-ignite {clash} is installed alongside ignite-core",
                "Both install the 'ignite' package; whichever was installed last overwrites the other's files.",
                "pip uninstall -y pytorch-ignite && pip install --force-reinstall --no-deps ignite-core",
            )
        )
    for record in host.records():
        label = record.provider.label()
        if record.status == "failed" and record.error is not None:
            details = "".join(traceback.format_exception(record.error)).rstrip()
            findings.append(
                Finding("error", f"plugin {label} failed to load: {record.detail}", details, record.command)
            )
        elif record.status in ("disabled", "blocked"):
            findings.append(Finding("info", f"plugin {label} {record.detail}", command=record.command))
    for kind in KINDS:
        for name, entries in sorted(host.entries(kind).items()):
            if len(entries) > 1:
                providers = " and ".join(e.provider.label() for e in entries)
                keep_out = ",".join(e.provider.plugin for e in entries[1:])
                findings.append(
                    Finding(
                        "error",
                        f"{kind} {name!r} is registered by more than one plugin: {providers}",
                        command=f"export IGNITE_DISABLE_PLUGINS={keep_out}",
                    )
                )
            elif missing := host.missing_requirements(entries[0]):
                entry = entries[0]
                if entry.extra and entry.provider.distribution:
                    command = install_command(entry.provider.distribution, entry.extra)
                else:
                    command = "pip install " + " ".join(dict.fromkeys(catalogue.pip_name(m) for m in missing))
                findings.append(
                    Finding(
                        "info", f"{kind} {name!r} needs {', '.join(missing)} (not installed)", command=command
                    )
                )
    core_version = version_of("ignite-core")
    if core_version is not None:
        seen: set[str] = set()
        for record in host.records():
            dist = record.provider.distribution
            if dist is None or normalize_distribution(dist) in seen:
                continue
            seen.add(normalize_distribution(dist))
            mismatch = core_mismatch(dist, core_version)
            if mismatch is not None:
                findings.append(mismatch)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.severity])
