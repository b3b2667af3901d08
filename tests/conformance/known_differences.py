"""Scenarios whose output differs from pytorch-ignite 0.5.5 on purpose: scenario id -> reason.

Every entry is explained in docs/differences-from-0.5.md (a test checks it).
"""

KNOWN_DIFFERENCES: dict[str, str] = {}
