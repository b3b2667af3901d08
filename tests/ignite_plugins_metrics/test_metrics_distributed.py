"""2 real gloo processes with uneven data (73 and 84 samples; the classification worker also 0 and 157): every
metric of the plugin equals the single-process value on both ranks.

Two workers hold the cases: ``_e_dist_worker`` (classification, loss, accumulation) and ``_f_dist_worker``
(regression, image, NLP, GAN, clustering, rec-sys, fairness, detection); each runs once in one process group.
"""

from __future__ import annotations

import importlib
import math
import pickle
from types import ModuleType
from typing import Any

import pytest
from _dist_cases import run_case

import ignite.distributed as idist

pytestmark = pytest.mark.distributed

# the gloo backend (metric sync across processes) comes from the ignite-plugins-dist plugin
pytest.importorskip(
    "ignite_plugins_dist", reason="the 2-process gloo test needs ignite-plugins-dist installed"
)
if "gloo" not in idist.available_backends():
    pytest.skip(
        "the 2-process gloo test needs the gloo backend: ignite-plugins-dist is disabled or torch lacks gloo",
        allow_module_level=True,
    )

WORKERS = ("_e_dist_worker", "_f_dist_worker")


def _worker(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def ranks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Per worker module, each rank's results."""
    results: dict[str, list[dict[str, Any]]] = {}
    for name in WORKERS:
        out = tmp_path_factory.mktemp(name)
        with idist.Parallel(backend="gloo", nproc_per_node=2, timeout=120) as parallel:
            parallel.run(_worker(name).worker, str(out))
        results[name] = []
        for rank in range(2):
            with open(out / f"rank{rank}.pkl", "rb") as fh:
                results[name].append(pickle.load(fh))
    return results


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):  # an error recorded by a rank
        return a == b
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if math.isnan(a):
        return math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _cases() -> list[tuple[str, str]]:
    return [(worker, case) for worker in WORKERS for case in _worker(worker).cases()]


@pytest.fixture(scope="module")
def single_process() -> dict[str, dict[str, Any]]:
    return {
        worker: {case: run_case(*args) for case, args in _worker(worker).cases().items()}
        for worker in WORKERS
    }


@pytest.mark.parametrize(("worker", "name"), _cases())
def test_two_uneven_ranks_equal_one_process(
    ranks: dict[str, list[dict[str, Any]]], single_process: dict[str, dict[str, Any]], worker: str, name: str
) -> None:
    expected = single_process[worker][name]
    for rank in range(2):
        got = ranks[worker][rank][name]
        assert _close(got, expected), (rank, got, expected)
