"""Every deliberate difference from pytorch-ignite 0.5.5 is explained on the migration page."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KNOWN = ROOT / "tests" / "conformance" / "known_differences.py"
PAGE = ROOT / "docs" / "differences-from-0.5.md"


def _known() -> dict[str, str]:
    tree = ast.parse(KNOWN.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            value = ast.literal_eval(node.value) if node.value is not None else None
            if isinstance(value, dict):
                return value
    raise AssertionError("known_differences.py defines no KNOWN_DIFFERENCES dict")


def test_every_known_difference_is_documented() -> None:
    page = PAGE.read_text(encoding="utf-8")
    missing = [scenario for scenario in _known() if scenario not in page]
    assert not missing, f"explain these in docs/differences-from-0.5.md: {missing}"


def test_every_known_difference_has_a_reason() -> None:
    assert all(reason.strip() for reason in _known().values())


def test_known_differences_name_existing_scenarios() -> None:
    scenarios = ROOT / "tests" / "conformance" / "scenarios"
    for scenario in _known():
        stem, _, function = scenario.partition("::")
        source = (scenarios / f"{stem}.py").read_text(encoding="utf-8")
        assert f"def {function}(" in source, f"{scenario} names no scenario function"
