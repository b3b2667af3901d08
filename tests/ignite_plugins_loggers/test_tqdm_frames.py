"""ProgressBar draws the frames pytorch-ignite 0.5.5 draws (descriptions, counts, postfix, closing)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import pytest

pytest.importorskip("tqdm")

HERE = Path(__file__).parent


def _scenarios() -> object:
    spec = importlib.util.spec_from_file_location("_loggers_pbar_scenarios", HERE / "pbar_scenarios.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected() -> dict[str, str]:
    """Frames printed by each scenario under pytorch-ignite 0.5.5, keyed by scenario name."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (HERE / "data" / "progressbar_frames_0_5_5.txt").read_text().splitlines():
        if line.startswith("== "):
            current = line[3:]
            sections[current] = []
        else:
            sections[current].append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


EXPECTED = _expected()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_frames_match_0_5_5(name: str) -> None:
    module = _scenarios()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        getattr(module, name)()
    assert out.getvalue().rstrip("\n") == EXPECTED[name]
