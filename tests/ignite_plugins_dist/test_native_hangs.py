"""No silent hangs: diverging or dead ranks make every live rank fail within the collective timeout.

One ``torch.multiprocessing.spawn`` of 2 processes runs every scenario of ``_hang_worker`` in a fresh
gloo group (2 s collective timeout). Each live rank must raise an error naming itself and the collective.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import torch.multiprocessing as mp

pytestmark = pytest.mark.distributed


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    import _hang_worker

    out: Path = tmp_path_factory.mktemp("hangs")
    mp.spawn(_hang_worker.worker, args=(str(out),), nprocs=2, join=True)
    results = []
    for rank in range(2):
        with open(out / f"rank{rank}.pkl", "rb") as fh:
            results.append(pickle.load(fh))
    return results


def _error(outcome: tuple[Any, Any]) -> tuple[str, str]:
    """The first error of (body, finalize)."""
    body, final = outcome
    error = body or final
    assert error is not None, "expected an error, the rank passed"
    return error  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("scenario", "calls"),
    [
        ("one_rank_only", ["idist.all_reduce(op=SUM, float32 tensor of shape (3,))", "idist.finalize()"]),
        (
            "different_metric_keys",
            ["idist.all_gather(object)", "idist.all_reduce(op=SUM, float32 tensor of shape (1,))"],
        ),
        ("unequal_list_lengths", ["float32 tensor of shape (3,)", "float32 tensor of shape (2,)"]),
        ("unequal_list_items", ["idist.all_reduce(op=SUM, int)", "idist.barrier()"]),
        ("different_dtypes", ["float32 tensor", "float64 tensor"]),
        ("different_src", ["idist.broadcast(src=0", "idist.broadcast(src=1"]),
    ],
)
def test_diverging_ranks_fail_together_naming_rank_and_collective(
    outcomes: list[dict[str, Any]], scenario: str, calls: list[str]
) -> None:
    for rank, result in enumerate(outcomes):
        kind, message = _error(result[scenario])
        assert kind == "CollectiveMismatchError", message
        assert message.startswith(f"rank {rank}: the processes diverged at idist.")
        for call in calls:
            assert call in message
        assert "rank 0 called" in message and "rank 1 called" in message


def test_collectives_without_checks(outcomes: list[dict[str, Any]]) -> None:
    for result in outcomes:
        assert result["unchecked"] == (None, None)


def test_one_rank_only_fails_on_the_calling_rank_and_in_finalize_on_the_other(
    outcomes: list[dict[str, Any]],
) -> None:
    (body0, _), (body1, final1) = outcomes[0]["one_rank_only"], outcomes[1]["one_rank_only"]
    assert body0 is not None and body0[0] == "CollectiveMismatchError"
    assert (
        body1 is None
        and final1 is not None
        and final1[1].startswith("rank 1: the processes diverged at idist.finalize()")
    )


def test_a_late_rank_times_out_and_the_other_learns_it(outcomes: list[dict[str, Any]]) -> None:
    kind0, message0 = _error(outcomes[0]["late_rank"])
    assert kind0 == "CollectiveTimeoutError"
    assert message0.startswith(
        "rank 0: idist.all_reduce did not complete within the collective timeout of 2 s"
    )
    kind1, message1 = _error(outcomes[1]["late_rank"])
    assert kind1 == "CollectiveTimeoutError"
    assert message1.startswith("rank 1: idist.all_reduce failed")


def test_a_dead_rank_makes_the_other_fail(outcomes: list[dict[str, Any]]) -> None:
    kind, message = _error(outcomes[0]["dying_rank"])
    assert kind == "CollectiveTimeoutError"
    assert message.startswith("rank 0: idist.all_reduce")
    assert "dying_rank" not in outcomes[1]


def test_after_a_failure_the_group_refuses_collectives(outcomes: list[dict[str, Any]]) -> None:
    for rank, result in enumerate(outcomes):
        (kind, message), final = result["refused_after_failure"]
        assert kind == "ProcessGroupBrokenError"
        assert message.startswith(f"rank {rank}: idist.barrier called after an earlier collective failed")
        assert final is None  # finalize still destroys the group
