"""horovod (gloo controller): ``horovodrun -np 2 -H localhost:2 --gloo`` and ``horovod.run`` (Parallel spawn).

Needs horovod built with PyTorch and Gloo (``tools/build_horovod.py --install``); skipped without it.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.distributed,
    pytest.mark.skipif(importlib.util.find_spec("horovod") is None, reason="horovod is not installed"),
]

SCRIPT = Path(__file__).with_name("_hvd_script.py")


def _horovodrun() -> str:
    local = Path(sys.executable).with_name("horovodrun")
    found = str(local) if local.exists() else shutil.which("horovodrun")
    if found is None:
        pytest.skip("horovodrun is not on PATH")
    return found


def _load(out: Path, tag: str) -> list[dict[str, Any]]:
    results = []
    for rank in range(2):
        with open(out / f"{tag}{rank}.pkl", "rb") as fh:
            results.append(pickle.load(fh))
    return results


def _check(results: list[dict[str, Any]]) -> None:
    for rank, r in enumerate(results):
        assert r["topology"] == ["horovod-dist", "horovod", rank, 2, rank, 2, 1, 0, "cpu"]
        assert r["local_rank"] == rank
        assert r["sum"] == [3.0, 4.0]
        assert (r["max_number"], r["product_int"]) == (1.5, 6)
        assert r["and"] == [2] and r["bool_or"] == [True]
        assert r["gather_uneven"] == [0, 0, 1]
        assert r["gather_str"] == ["x", "xx"] and r["gather_obj"] == [{"r": 0}, {"r": 1}]
        assert r["shapes"] == [[1.0], [1.0, 1.0]]
        assert r["broadcast"] == {"k": 1} and r["broadcast_tensor"] == [3.0]
        assert r["optimizer"] == ("SGD", True)  # horovod subclasses the optimizer, adding synchronize()
        assert r["loader"] == (2, "DistributedSampler", 5)
        assert r["accuracy"] == pytest.approx(r["accuracy_ref"])
        _, name, message = r["mismatch"]
        assert name == "CollectiveMismatchError" and message.startswith(
            f"rank {rank}: the processes diverged"
        )
        assert r["after"][1] == "ProcessGroupBrokenError"
    assert results[0]["params"] == results[1]["params"]  # rank 0's weights were broadcast
    assert results[0]["trained"] == pytest.approx(results[1]["trained"])  # gradients were averaged
    assert results[0]["accuracy"] == results[1]["accuracy"]


def _env() -> dict[str, str]:
    return {**os.environ, "IGNITE_DIST_TIMEOUT": "60"}


def _horovodrun_two(mode: str, out: Path) -> list[str]:
    """``horovodrun`` starting the script's ``mode`` on 2 local processes with the gloo controller."""
    return [
        _horovodrun(),
        "-np",
        "2",
        "-H",
        "localhost:2",
        "--gloo",
        sys.executable,
        str(SCRIPT),
        mode,
        str(out),
    ]


def test_horovodrun_gloo(tmp_path: Path) -> None:
    cmd = _horovodrun_two(mode="run", out=tmp_path)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    _check(_load(tmp_path, "horovodrun"))


def test_parallel_spawns_with_horovod_run(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "spawn", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    _check(_load(tmp_path, "hvd_run"))


def test_a_late_rank_makes_the_collective_time_out(tmp_path: Path) -> None:
    cmd = _horovodrun_two(mode="late", out=tmp_path)
    subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, env={**os.environ, "IGNITE_DIST_TIMEOUT": "3"}
    )
    with open(tmp_path / "late0.pkl", "rb") as fh:
        _, name, message = pickle.load(fh)
    assert name == "CollectiveTimeoutError"
    assert message.startswith(
        "rank 0: idist.all_reduce did not complete within the collective timeout of 3 s"
    )


def test_a_user_initialized_horovod_is_adopted(tmp_path: Path) -> None:
    cmd = _horovodrun_two(mode="adopt", out=tmp_path)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for rank in range(2):
        with open(tmp_path / f"adopt{rank}.pkl", "rb") as fh:
            assert pickle.load(fh) == ["horovod-dist", "horovod", 2, [0, 1], "serial"]
