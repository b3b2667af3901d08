"""Run by test_horovod.py: ``horovodrun -np 2 -H localhost:2 --gloo python _hvd_script.py run OUT`` attaches
``Parallel(backend="horovod")``; ``python _hvd_script.py spawn OUT`` spawns with ``horovod.run``."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.utils.data import TensorDataset

import ignite.distributed as idist


def _try(fn: Any) -> Any:
    try:
        return fn()
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))


def checks(local_rank: int, out: str, tag: str) -> None:
    rank = idist.get_rank()
    r: dict[str, Any] = {"tag": tag, "local_rank": local_rank}
    r["topology"] = [
        idist.model_name(),
        idist.backend(),
        rank,
        idist.get_world_size(),
        idist.get_local_rank(),
        idist.get_nproc_per_node(),
        idist.get_nnodes(),
        idist.get_node_rank(),
        str(idist.device()),
    ]
    r["sum"] = idist.all_reduce(torch.tensor([rank + 1.0, 2.0])).tolist()
    r["max_number"] = idist.all_reduce(rank + 0.5, op="MAX")
    r["product_int"] = idist.all_reduce(rank + 2, op="PRODUCT")
    r["and"] = idist.all_reduce(torch.tensor([6 if rank else 3]), op="AND").tolist()
    r["bool_or"] = idist.all_reduce(torch.tensor([rank == 1]), op="OR").tolist()
    r["gather_uneven"] = idist.all_gather(torch.arange(rank + 1)).tolist()
    r["gather_str"] = idist.all_gather("x" * (rank + 1))
    r["gather_obj"] = idist.all_gather({"r": rank})
    r["shapes"] = [t.tolist() for t in idist.all_gather_tensors_with_shapes(torch.ones(rank + 1), [[1], [2]])]
    r["broadcast"] = idist.broadcast({"k": 1} if rank == 1 else None, src=1, safe_mode=True)
    r["broadcast_tensor"] = idist.broadcast(torch.tensor([rank * 3.0]), src=1).tolist()
    idist.barrier()
    torch.manual_seed(rank)  # different weights per rank: auto_model broadcasts rank 0's
    model = idist.auto_model(nn.Linear(3, 2))
    r["params"] = [p.detach().sum().item() for p in model.parameters()]
    optimizer = idist.auto_optim(torch.optim.SGD(model.parameters(), lr=0.1))
    r["optimizer"] = (type(optimizer).__name__, hasattr(optimizer, "synchronize"))
    torch.manual_seed(0)
    x, y = torch.randn(20, 3), torch.randint(0, 2, (20,))
    loader = idist.auto_dataloader(TensorDataset(x, y), batch_size=4, shuffle=False)
    r["loader"] = (loader.batch_size, type(loader.sampler).__name__, len(loader))
    for xb, yb in loader:
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(xb), yb).backward()
        optimizer.step()
    r["trained"] = [p.detach().sum().item() for p in model.parameters()]
    from ignite.metrics import Accuracy

    acc = Accuracy()
    for xb, yb in loader:
        acc.update((model(xb), yb))
    r["accuracy"] = acc.compute()
    with torch.no_grad():
        r["accuracy_ref"] = (model(x).argmax(1) == y).float().mean().item()
    r["mismatch"] = _try(lambda: idist.all_reduce(torch.ones(rank + 1)))
    r["after"] = _try(idist.barrier)
    with open(Path(out) / f"{tag}{rank}.pkl", "wb") as fh:
        pickle.dump(r, fh)


def late(local_rank: int, out: str) -> None:
    """Rank 1 is late: rank 0's all_reduce fails after the (short) collective timeout."""
    import time

    rank = idist.get_rank()
    if rank == 1:
        time.sleep(8)
    result = _try(lambda: idist.all_reduce(torch.ones(1)))
    with open(Path(out) / f"late{rank}.pkl", "wb") as fh:
        pickle.dump(result, fh)


def adopt(out: str) -> None:
    """The user calls hvd.init(), then idist.sync() adopts it."""
    import horovod.torch as hvd

    hvd.init()
    rank = hvd.rank()
    idist.sync()
    result = [idist.model_name(), idist.backend(), idist.get_world_size(), idist.all_gather(rank)]
    idist.finalize()
    result.append(idist.model_name())
    with open(Path(out) / f"adopt{rank}.pkl", "wb") as fh:
        pickle.dump(result, fh)


if __name__ == "__main__":
    mode, out = sys.argv[1], sys.argv[2]
    if mode == "adopt":
        adopt(out)
    elif mode == "late":
        with idist.Parallel(backend="horovod") as parallel:
            parallel.run(late, out)
    elif mode == "run":
        with idist.Parallel(backend="horovod") as parallel:
            parallel.run(checks, out, "horovodrun")
    else:
        with idist.Parallel(backend="horovod", nproc_per_node=2) as parallel:
            parallel.run(checks, out, "hvd_run")
