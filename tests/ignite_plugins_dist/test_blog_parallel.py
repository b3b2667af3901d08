"""The blog's ``idist.Parallel`` snippet, run as its own ``main.py``, prints what the blog shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.distributed

CODE = """
import ignite.distributed as idist

def training(local_rank, config, **kwargs):
    print(idist.get_rank(), ': run with config:', config, '- backend=', idist.backend())
    # do the training ...

backend = 'gloo' # or "xla-tpu" or None
dist_configs = {'nproc_per_node': 2}  # or dist_configs = {...}
config = {'c': 12345}

if __name__ == '__main__':

    with idist.Parallel(backend=backend, **dist_configs) as parallel:
        parallel.run(training, config, a=1, b=2)
"""

STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} "
EXPECTED = [
    STAMP
    + re.escape(
        "ignite.distributed.launcher.Parallel INFO: Initialized distributed launcher with backend: 'gloo'"
    ),
    STAMP + re.escape("ignite.distributed.launcher.Parallel INFO: - Parameters to spawn processes: "),
    re.escape("\tnproc_per_node: 2"),
    re.escape("\tnnodes: 1"),
    re.escape("\tnode_rank: 0"),
    STAMP
    + r"ignite\.distributed\.launcher\.Parallel INFO: Spawn function '<function training at 0x[0-9a-f]+>' in 2 processes",
    re.escape("0 : run with config: {'c': 12345} - backend= gloo"),
    re.escape("1 : run with config: {'c': 12345} - backend= gloo"),
    STAMP + re.escape("ignite.distributed.launcher.Parallel INFO: End of run"),
]


def test_blog_parallel_snippet_output(tmp_path: Path) -> None:
    main = tmp_path / "main.py"
    main.write_text(CODE)
    # unbuffered, the two workers' prints could interleave character by character
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.run(
        [sys.executable, str(main)], capture_output=True, text=True, timeout=240, cwd=tmp_path, env=env
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in (proc.stderr + proc.stdout).splitlines() if line.strip()]
    # stdout (the workers' prints) and stderr (the log) are separate streams: compare each stream's order
    log = [line for line in lines if "ignite.distributed" in line or line.startswith("\t")]
    printed = sorted(line for line in lines if ": run with config:" in line)
    assert len(log) == 7, lines
    for pattern, line in zip([*EXPECTED[:6], EXPECTED[8]], log):
        assert re.fullmatch(pattern, line), (pattern, line)
    assert len(printed) == 2
    for pattern, line in zip(EXPECTED[6:8], printed):
        assert re.fullmatch(pattern, line), (pattern, line)
