"""Every metric the metrics plugin registers gives, on 2 gloo ranks with unevenly split data, the result of
one process over all the data.

The metric list is read from the plugin host when the tests are collected, so metrics added later are
covered automatically; ``_metric_inputs`` says how to build each one and what to feed it (a metric no input
maker fits fails here until one is added). One spawned 2-process group computes all the metrics; a metric
whose sync breaks the group gets a fresh group for the next one.
"""

from __future__ import annotations

import contextlib
import math
import pickle
from pathlib import Path
from typing import Any

import _metric_inputs as mi
import pytest
import torch
import torch.multiprocessing as mp

import ignite.plugins
from ignite.distributed.utils import _set_model
from ignite.metrics import Metric

pytestmark = pytest.mark.distributed


def _metric_classes() -> dict[str, type[Metric]]:
    out = {}
    for name in ignite.plugins.names("metrics"):
        try:
            obj = ignite.plugins.get("metrics", name)
        except ImportError:
            continue
        if isinstance(obj, type) and issubclass(obj, Metric):
            out[name] = obj
    return out


CLASSES = _metric_classes()


def _plain(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return ("tensor", tuple(value.shape), value.detach().double().flatten().tolist())
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (int, float)):
        return float(value)
    return value


def _build(name: str) -> Metric:
    factory = mi.FACTORIES.get(name)
    cls = CLASSES[name] if name in CLASSES else ignite.plugins.get("metrics", name)
    return factory(cls) if factory else cls()


def _run(name: str, batches: list[Any]) -> Any:
    metric = _build(name)
    metric.reset()
    for batch in batches:
        metric.update(batch)
    return _plain(metric.compute())


def _reference(name: str) -> tuple[str | None, Any, list[str]]:
    """(maker, single-process result, errors of the makers tried)."""
    errors = []
    for maker in mi.HINTS.get(name, mi.GENERIC):
        try:
            return maker, _run(name, mi.MAKERS[maker]()), errors
        except Exception as exc:
            errors.append(f"{maker}: {type(exc).__name__}: {exc}")
    return None, None, errors


def _worker(rank: int, plan: list[tuple[str, str]], out: str) -> None:
    from ignite_plugins_dist.native import NativeDistModel

    group_index = 0

    def new_group() -> None:
        nonlocal group_index
        store = Path(out) / f"store{group_index}"
        group_index += 1
        _set_model(
            NativeDistModel("gloo", init_method=f"file://{store}", rank=rank, world_size=2, timeout=30)
        )

    import ignite.distributed as idist

    new_group()
    results: dict[str, Any] = {}
    for name, maker in plan:
        batches = mi.MAKERS[maker]()
        mine = batches[: mi.RANK0_BATCHES] if rank == 0 else batches[mi.RANK0_BATCHES :]
        try:
            results[name] = ("ok", _run(name, mine))
        except Exception as exc:
            results[name] = ("error", f"{type(exc).__name__}: {exc}")
            with contextlib.suppress(Exception):
                idist.finalize()
            new_group()
    idist.finalize()
    with open(Path(out) / f"rank{rank}.pkl", "wb") as fh:
        pickle.dump(results, fh)


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    references = {name: _reference(name) for name in CLASSES if name not in mi.EXCLUDED}
    plan = [(name, ref[0]) for name, ref in references.items() if ref[0] is not None]
    out = tmp_path_factory.mktemp("metrics_sync")
    mp.spawn(_worker, args=(plan, str(out)), nprocs=2, join=True)
    ranks = []
    for rank in range(2):
        with open(out / f"rank{rank}.pkl", "rb") as fh:
            ranks.append(pickle.load(fh))
    return {"references": references, "ranks": ranks}


def _close(a: Any, b: Any, path: str = "") -> str | None:
    """Where ``a`` and ``b`` differ (relative 1e-4), or ``None``."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return f"{path}: keys {sorted(map(str, a))} != {sorted(map(str, b))}"
        for key in a:
            found = _close(a[key], b[key], f"{path}[{key!r}]")
            if found:
                return found
        return None
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = _close(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    if isinstance(a, float) and isinstance(b, float):
        if (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6):
            return None
        return f"{path}: {a!r} != {b!r}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


def test_excluded_metrics_are_registered_metrics() -> None:
    stale = sorted(set(mi.EXCLUDED) - set(CLASSES) - {"InceptionModel"})
    assert not stale, f"_metric_inputs.EXCLUDED names metrics the plugin does not register: {stale}"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_metric_on_two_ranks_equals_one_process(synced: dict[str, Any], name: str) -> None:
    if name in mi.EXCLUDED:
        pytest.skip(mi.EXCLUDED[name])
    maker, reference, errors = synced["references"][name]
    assert maker is not None, f"no input maker fits {name}; add one to _metric_inputs.py. Tried: {errors}"
    for rank, results in enumerate(synced["ranks"]):
        status, value = results[name]
        assert status == "ok", f"rank {rank}: {value}"
        difference = _close(value, reference)
        assert difference is None, f"rank {rank} ({maker} inputs): {difference}"


@pytest.mark.parametrize("name", ["Accuracy", "MeanAbsoluteError", "ROC_AUC", "ConfusionMatrix"])
def test_a_shard_alone_differs_from_the_whole(synced: dict[str, Any], name: str) -> None:
    """The comparison above is meaningful: without the sync, a rank's own data gives another result."""
    if name not in CLASSES:
        pytest.skip(f"{name} is not registered")
    maker, reference, _ = synced["references"][name]
    shard = _run(name, mi.MAKERS[maker]()[mi.RANK0_BATCHES :])
    assert _close(shard, reference) is not None
