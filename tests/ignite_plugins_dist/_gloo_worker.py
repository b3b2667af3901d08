"""The worker of test_native_gloo.py: one spawned 2-process gloo group runs many checks and saves results.

Each rank stores ``{check name: value}`` (plain Python values) in ``<out>/rank<r>.pkl``; the tests assert
on them. Exceptions are recorded as ``("error", type name, message)`` so one failing check doesn't hide the rest.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.utils.data import TensorDataset
from torch.utils.data.distributed import DistributedSampler

import ignite.distributed as idist


def _check(results: dict[str, Any], name: str, fn: Callable[[], Any]) -> None:
    try:
        results[name] = fn()
    except Exception as exc:  # recorded for the test to report
        results[name] = ("error", type(exc).__name__, str(exc))


def _plain(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return ("tensor", str(value.dtype), tuple(value.shape), value.tolist())
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def collectives(rank: int) -> dict[str, Any]:
    """Every idist collective with each kind of input; rank r contributes values depending on r."""
    r: dict[str, Any] = {}
    for op in ("SUM", "PRODUCT", "MIN", "MAX"):
        _check(
            r,
            f"all_reduce_tensor_{op}",
            lambda op=op: _plain(idist.all_reduce(torch.tensor([rank + 1.0, 3.0 - rank]), op=op)),
        )
        _check(r, f"all_reduce_int_{op}", lambda op=op: idist.all_reduce(rank + 2, op=op))
        _check(r, f"all_reduce_float_{op}", lambda op=op: idist.all_reduce(rank + 0.5, op=op))
    _check(
        r,
        "all_reduce_in_place",
        lambda: (lambda t: (idist.all_reduce(t) is t, t.tolist()))(torch.tensor([rank])),
    )
    _check(r, "all_reduce_int64", lambda: _plain(idist.all_reduce(torch.tensor([2**40 + rank]))))
    _check(
        r, "all_reduce_bool_AND", lambda: _plain(idist.all_reduce(torch.tensor([True, rank == 0]), op="AND"))
    )
    _check(
        r, "all_reduce_bool_OR", lambda: _plain(idist.all_reduce(torch.tensor([False, rank == 0]), op="OR"))
    )
    _check(
        r, "all_reduce_int_AND", lambda: _plain(idist.all_reduce(torch.tensor([6 if rank else 3]), op="AND"))
    )
    _check(
        r, "all_reduce_int_OR", lambda: _plain(idist.all_reduce(torch.tensor([6 if rank else 3]), op="OR"))
    )
    _check(r, "all_reduce_0d", lambda: _plain(idist.all_reduce(torch.tensor(rank + 1.0))))
    _check(
        r,
        "all_reduce_noncontiguous",
        lambda: _plain(idist.all_reduce(torch.arange(6.0).reshape(2, 3).t() * (rank + 1))),
    )
    _check(r, "all_reduce_bad_op", lambda: idist.all_reduce(1.0, op="XOR"))
    _check(r, "all_reduce_bad_type", lambda: idist.all_reduce("x"))
    _check(r, "all_gather_tensor", lambda: _plain(idist.all_gather(torch.tensor([[rank, rank + 10]]))))
    _check(r, "all_gather_0d", lambda: _plain(idist.all_gather(torch.tensor(rank * 1.5))))
    _check(r, "all_gather_uneven", lambda: _plain(idist.all_gather(torch.arange(rank + 2) + 10 * rank)))
    _check(r, "all_gather_empty", lambda: _plain(idist.all_gather(torch.zeros(0 if rank == 0 else 2, 3))))
    _check(r, "all_gather_bool", lambda: _plain(idist.all_gather(torch.tensor([rank == 1]))))
    _check(r, "all_gather_int", lambda: idist.all_gather(rank + 7))
    _check(r, "all_gather_float", lambda: idist.all_gather(rank + 0.25))
    _check(r, "all_gather_str", lambda: idist.all_gather("ab" * (rank + 1) + "é"))
    _check(r, "all_gather_object", lambda: idist.all_gather({"rank": rank, "items": list(range(rank + 1))}))
    _check(
        r,
        "all_gather_tensors_with_shapes",
        lambda: _plain(
            idist.all_gather_tensors_with_shapes(
                torch.full((rank + 1, 3 - rank), float(rank)), [[1, 3], [2, 2]]
            )
        ),
    )
    _check(r, "broadcast_tensor", lambda: _plain(idist.broadcast(torch.tensor([rank * 5.0, 1.0]), src=1)))
    _check(r, "broadcast_int", lambda: idist.broadcast(rank + 40, src=0))
    _check(r, "broadcast_float", lambda: idist.broadcast(rank + 0.5, src=1))
    _check(r, "broadcast_str", lambda: idist.broadcast("from rank 0" if rank == 0 else "", src=0))
    _check(
        r,
        "broadcast_object",
        lambda: idist.broadcast({"a": [1, 2]} if rank == 0 else None, src=0, safe_mode=True),
    )
    _check(
        r,
        "broadcast_safe_tensor",
        lambda: _plain(
            idist.broadcast(torch.arange(3, dtype=torch.int32) if rank == 1 else None, src=1, safe_mode=True)
        ),
    )
    _check(r, "broadcast_bad_src", lambda: idist.broadcast(1, src=2))
    group = idist.new_group([0, 1])
    _check(r, "new_group_all_reduce", lambda: _plain(idist.all_reduce(torch.tensor([rank + 1]), group=group)))
    _check(r, "list_group_all_gather", lambda: _plain(idist.all_gather(torch.tensor([rank]), group=[0, 1])))
    solo = idist.new_group([1])
    _check(r, "subgroup_all_reduce", lambda: _plain(idist.all_reduce(torch.tensor([rank + 1]), group=solo)))
    _check(r, "new_group_bad", lambda: idist.new_group([0, 5]))
    _check(r, "barrier", lambda: idist.barrier())

    @idist.one_rank_only(rank=1, with_barrier=True)
    def only_one() -> int:
        return 99

    _check(r, "one_rank_only", only_one)
    order: list[str] = []

    def first() -> list[str]:
        with idist.one_rank_first(rank=1):
            order.append(f"rank{rank}")
        return order

    _check(r, "one_rank_first", first)
    return r


def topology(rank: int) -> dict[str, Any]:
    return {
        "rank": idist.get_rank(),
        "local_rank": idist.get_local_rank(),
        "world_size": idist.get_world_size(),
        "nproc_per_node": idist.get_nproc_per_node(),
        "nnodes": idist.get_nnodes(),
        "node_rank": idist.get_node_rank(),
        "backend": idist.backend(),
        "model_name": idist.model_name(),
        "device": str(idist.device()),
        "env": (os.environ.get("RANK"), os.environ.get("LOCAL_RANK"), os.environ.get("WORLD_SIZE")),
        "torch_rank": torch.distributed.get_rank(),
        "kwarg": None,
    }


def auto(rank: int) -> dict[str, Any]:
    r: dict[str, Any] = {}
    torch.manual_seed(100 + rank)  # different init per rank: DDP must broadcast rank 0's parameters
    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.Linear(3, 2))
    ddp = idist.auto_model(model)
    r["auto_model_type"] = type(ddp).__name__
    r["auto_model_params"] = [p.detach().sum().item() for p in ddp.parameters()]
    _check(
        r,
        "sync_bn",
        lambda: idist.auto_model(nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)), sync_bn=True),
    )
    opt = torch.optim.SGD(ddp.parameters(), lr=0.1)
    r["auto_optim_same"] = idist.auto_optim(opt) is opt
    dataset = TensorDataset(torch.arange(21.0))
    loader = idist.auto_dataloader(dataset, batch_size=8, num_workers=4, shuffle=False)
    r["loader_batch_size"] = loader.batch_size
    r["loader_num_workers"] = loader.num_workers
    r["loader_sampler"] = type(loader.sampler).__name__
    r["loader_items"] = [b[0].tolist() for b in loader]
    loader2 = idist.auto_dataloader(dataset, batch_size=1, shuffle=True)
    r["loader_small_batch"] = loader2.batch_size
    assert isinstance(loader2.sampler, DistributedSampler)
    r["loader_shuffle"] = loader2.sampler.shuffle
    proxy_src = torch.utils.data.WeightedRandomSampler(torch.ones(10), num_samples=10)
    loader3 = idist.auto_dataloader(dataset, batch_size=4, sampler=proxy_src)
    r["proxy_sampler"] = type(loader3.sampler).__name__
    proxy = idist.DistributedProxySampler(torch.utils.data.SequentialSampler(range(7)))
    r["proxy_indices"] = list(proxy)
    return r


def training(rank: int, out: Path) -> dict[str, Any]:
    """A full run: auto_* objects, supervised trainer/evaluator with Accuracy and Loss, saving on rank 0."""
    from ignite.engine import Events, create_supervised_evaluator, create_supervised_trainer
    from ignite.metrics import Accuracy, Loss

    torch.manual_seed(0)
    x = torch.randn(50, 5)
    y = (x[:, 0] + x[:, 1] > 0).long()
    dataset = TensorDataset(x, y)
    model = idist.auto_model(nn.Linear(5, 2))
    optimizer = idist.auto_optim(torch.optim.SGD(model.parameters(), lr=0.5))
    loss_fn = nn.CrossEntropyLoss()
    trainer = create_supervised_trainer(model, optimizer, loss_fn, device=idist.device())
    evaluator = create_supervised_evaluator(
        model, metrics={"acc": Accuracy(), "loss": Loss(loss_fn)}, device=idist.device()
    )
    train_loader = idist.auto_dataloader(dataset, batch_size=10, shuffle=True)
    eval_loader = idist.auto_dataloader(dataset, batch_size=7, shuffle=False)
    history: list[dict[str, float]] = []
    saved: list[str] = []

    @trainer.on(Events.EPOCH_STARTED)
    def set_epoch(engine: Any) -> None:
        train_loader.sampler.set_epoch(engine.state.epoch)  # type: ignore[union-attr]

    @trainer.on(Events.EPOCH_COMPLETED)
    def validate(engine: Any) -> None:
        evaluator.run(eval_loader)
        history.append(dict(evaluator.state.metrics))
        if idist.get_rank() == 0:
            path = out / f"model_{engine.state.epoch}.pt"
            torch.save(model.module.state_dict(), path)
            saved.append(path.name)
        idist.barrier()

    trainer.run(train_loader, max_epochs=3)
    # Reference: the evaluation of the final weights on all the data in one process.
    with torch.no_grad():
        logits = model.module(x)
        ref_acc = (logits.argmax(1) == y).float().mean().item()
        ref_loss = loss_fn(logits, y).item()
    return {
        "history": history,
        "saved": saved,
        "reference": (ref_acc, ref_loss),
        "weights": [p.detach().sum().item() for p in model.parameters()],
        "metrics_sync_hist": len(history),
    }


def worker(local_rank: int, out: str, tag: str, kwarg: Any = None) -> None:
    logging.getLogger("ignite").setLevel(logging.WARNING)
    out_dir = Path(out)
    rank = idist.get_rank()
    results: dict[str, Any] = {"tag": tag}
    results["topology"] = topology(rank)
    results["topology"]["kwarg"] = kwarg
    results["topology"]["local_rank_arg"] = local_rank
    results["collectives"] = collectives(rank)
    try:
        results["auto"] = auto(rank)
    except Exception as exc:
        results["auto"] = ("error", type(exc).__name__, str(exc))
    try:
        results["training"] = training(rank, out_dir)
    except Exception as exc:
        import traceback

        results["training"] = ("error", type(exc).__name__, traceback.format_exc())
    with open(out_dir / f"rank{rank}.pkl", "wb") as fh:
        pickle.dump(results, fh)
