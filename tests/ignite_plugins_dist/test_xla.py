"""xla-tpu on torch_xla with the PJRT CPU device (``PJRT_DEVICE=CPU``): run by the opt-in ``xla`` session
(``ignite_plugins_dist/ci/xla_session.sh``: torch==2.9.0 with torch_xla==2.9.0). Skipped without torch_xla;
the default CI checks the registration and the missing-torch_xla error in test_backends.py."""

from __future__ import annotations

import importlib.util
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

import ignite.distributed as idist

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("torch_xla") is None, reason="torch_xla is not installed"
)


@pytest.fixture(autouse=True)
def pjrt_cpu(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PJRT_DEVICE", os.environ.get("PJRT_DEVICE", "CPU"))
    idist.sync()
    yield
    if idist.backend() is not None:
        idist.finalize()


def _checks(local_rank: int, out: str) -> None:
    r: dict[str, Any] = {"local_rank": local_rank}
    r["topology"] = [idist.model_name(), idist.backend(), idist.get_world_size(), idist.get_rank()]
    r["device"] = idist.device().type
    size = idist.get_world_size()
    r["sum"] = idist.all_reduce(torch.tensor([1.0, 2.0], device=idist.device())).cpu().tolist()
    r["number"] = idist.all_reduce(3.0)
    r["max"] = (
        idist.all_reduce(torch.tensor([idist.get_rank()], device=idist.device()), op="MAX").cpu().tolist()
    )
    r["gather"] = idist.all_gather(torch.tensor([idist.get_rank()], device=idist.device())).cpu().tolist()
    r["gather_obj"] = idist.all_gather({"r": idist.get_rank()})
    r["broadcast"] = idist.broadcast("hello" if idist.get_rank() == 0 else "", src=0)
    idist.barrier()
    model = idist.auto_model(torch.nn.Linear(3, 1))
    r["param_device"] = next(model.parameters()).device.type
    optimizer = idist.auto_optim(torch.optim.SGD(model.parameters(), lr=0.1))
    loss = model(torch.ones(2, 3, device=idist.device())).sum()
    loss.backward()
    optimizer.step()
    r["stepped"] = True
    r["size"] = size
    with open(Path(out) / f"xla{idist.get_rank()}.pkl", "wb") as fh:
        pickle.dump(r, fh)


def _check(r: dict[str, Any]) -> None:
    size = r["size"]
    assert r["topology"][:2] == ["xla-dist", "xla-tpu"]
    assert r["device"] == "xla" and r["param_device"] == "xla"
    assert r["sum"] == [1.0 * size, 2.0 * size] and r["number"] == 3.0 * size
    assert r["max"] == [size - 1] and r["gather"] == list(range(size))
    assert r["gather_obj"] == [{"r": i} for i in range(size)]
    assert r["broadcast"] == "hello" and r["stepped"]


def test_initialize_in_this_process(tmp_path: Path) -> None:
    idist.initialize("xla-tpu")
    _checks(0, str(tmp_path))
    with open(tmp_path / "xla0.pkl", "rb") as fh:
        _check(pickle.load(fh))


def test_parallel_spawn(tmp_path: Path) -> None:
    with idist.Parallel(backend="xla-tpu", nproc_per_node=1) as parallel:
        parallel.run(_checks, str(tmp_path))
    for path in sorted(tmp_path.glob("xla*.pkl")):
        with open(path, "rb") as fh:
            _check(pickle.load(fh))
    assert list(tmp_path.glob("xla*.pkl"))
