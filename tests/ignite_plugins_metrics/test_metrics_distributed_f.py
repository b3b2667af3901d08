"""2 real gloo processes with uneven data (73 and 84 samples): every regression, image, NLP, GAN, clustering,
rec-sys, fairness and detection metric equals the single-process value on both ranks."""

from __future__ import annotations

import math
import pickle
from typing import Any

import pytest

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


@pytest.fixture(scope="module")
def ranks(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    import _f_dist_worker

    out = tmp_path_factory.mktemp("f_dist")
    with idist.Parallel(backend="gloo", nproc_per_node=2, timeout=120) as parallel:
        parallel.run(_f_dist_worker.worker, str(out))
    results = []
    for rank in range(2):
        with open(out / f"rank{rank}.pkl", "rb") as fh:
            results.append(pickle.load(fh))
    return results


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if math.isnan(a):
        return math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _names() -> list[str]:
    import _f_dist_worker

    return list(_f_dist_worker.cases())


@pytest.fixture(scope="module")
def single_process() -> dict[str, Any]:
    import _f_dist_worker

    return {name: _f_dist_worker.run_case(*case) for name, case in _f_dist_worker.cases().items()}


@pytest.mark.parametrize("name", _names())
def test_two_uneven_ranks_equal_one_process(
    ranks: list[dict[str, Any]], single_process: dict[str, Any], name: str
) -> None:
    expected = single_process[name]
    for rank in range(2):
        assert _close(ranks[rank][name], expected), (rank, ranks[rank][name], expected)
