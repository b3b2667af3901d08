"""nccl on CUDA GPUs: skipped without CUDA (never required for CI); run on a GPU machine."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import torch

import ignite.distributed as idist

pytestmark = [
    pytest.mark.distributed,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA"),
]


def _nccl_worker(local_rank: int, out: str) -> None:
    results: dict[str, Any] = {"device": str(idist.device()), "backend": idist.backend()}
    t = torch.tensor([idist.get_rank() + 1.0], device=idist.device())
    results["all_reduce"] = idist.all_reduce(t).tolist()
    results["all_gather"] = idist.all_gather(torch.arange(local_rank + 1, device=idist.device())).tolist()
    results["objects"] = idist.all_gather({"r": idist.get_rank()})
    results["broadcast"] = idist.broadcast("hi" if idist.get_rank() == 0 else None, safe_mode=True)
    model = idist.auto_model(
        torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.BatchNorm1d(3)), sync_bn=True
    )
    results["model"] = type(model).__name__
    results["sync_bn"] = [type(m).__name__ for m in model.modules()]
    results["param_device"] = str(next(model.parameters()).device)
    idist.barrier()
    with open(Path(out) / f"rank{idist.get_rank()}.pkl", "wb") as fh:
        pickle.dump(results, fh)


def test_nccl_parallel(tmp_path: Path) -> None:
    nproc = min(torch.cuda.device_count(), 2)
    with idist.Parallel(backend="nccl", nproc_per_node=nproc) as parallel:
        parallel.run(_nccl_worker, str(tmp_path))
    for rank in range(nproc):
        with open(tmp_path / f"rank{rank}.pkl", "rb") as fh:
            r = pickle.load(fh)
        assert r["backend"] == "nccl" and r["device"] == f"cuda:{rank}"
        assert r["all_reduce"] == [sum(range(1, nproc + 1))]
        assert r["all_gather"] == [i for n in range(nproc) for i in range(n + 1)]
        assert r["objects"] == [{"r": i} for i in range(nproc)]
        assert r["broadcast"] == "hi"
        assert r["param_device"] == f"cuda:{rank}"
        if nproc > 1:
            assert r["model"] == "DistributedDataParallel" and "SyncBatchNorm" in r["sync_bn"]


def test_serial_device_is_cuda() -> None:
    idist.sync()
    assert idist.device().type == "cuda"
