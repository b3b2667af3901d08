"""Tests for MetricGroup."""

from __future__ import annotations

from typing import Any

import pytest
import torch

from ignite.engine import Engine
from ignite.metrics.metric import Metric
from ignite.metrics.metric_group import MetricGroup


class Correct(Metric):
    _state_dict_all_req_keys = ("correct", "total")

    def reset(self) -> None:
        self.correct = 0
        self.total = 0

    def update(self, output: Any) -> None:
        y_pred, y = output
        self.correct += int((y_pred == y).sum())
        self.total += y.shape[0]

    def compute(self) -> float:
        return self.correct / self.total


class Mean(Metric):
    def reset(self) -> None:
        self.sum = 0.0
        self.n = 0

    def update(self, output: Any) -> None:
        self.sum += float(output.sum())
        self.n += output.numel()

    def compute(self) -> torch.Tensor:
        return torch.tensor(self.sum / self.n)


Y_TRUE = torch.tensor([1, 0, 1, 1, 0, 1])
Y_PRED = torch.tensor([1, 0, 1, 0, 1, 1])


def make_group() -> MetricGroup:
    return MetricGroup({"acc": Correct(), "mean_pred": Mean(output_transform=lambda out: out[0].float())})


def test_group_attached_stores_each_result_and_the_dict() -> None:
    engine = Engine(lambda e, batch: batch)
    make_group().attach(engine, "eval_metrics")
    metrics = engine.run([[Y_PRED, Y_TRUE]]).metrics
    assert metrics["acc"] == pytest.approx(4 / 6)
    assert metrics["mean_pred"] == pytest.approx(4 / 6)
    assert set(metrics["eval_metrics"]) == {"acc", "mean_pred"}
    assert metrics["eval_metrics"]["acc"] == pytest.approx(4 / 6)


def test_group_reset_update_compute() -> None:
    group = make_group()
    group.update((Y_PRED, Y_TRUE))
    group.update((Y_TRUE, Y_TRUE))
    result = group.compute()
    assert result["acc"] == pytest.approx(10 / 12)
    group.reset()
    acc = group.metrics["acc"]
    assert isinstance(acc, Correct) and acc.total == 0


def test_group_output_transform_then_member_transforms() -> None:
    group = MetricGroup(
        {"acc": Correct(), "mean_pred": Mean(output_transform=lambda out: out[0].float())},
        output_transform=lambda out: (out["p"], out["t"]),
    )
    engine = Engine(lambda e, batch: {"p": batch[0], "t": batch[1]})
    group.attach(engine, "group")
    assert engine.run([[Y_PRED, Y_TRUE]]).metrics["acc"] == pytest.approx(4 / 6)


def test_group_state_dict_round_trip() -> None:
    group = make_group()
    group.update((Y_PRED, Y_TRUE))
    state = group.state_dict()
    (rank0,) = state["__metric_state_per_rank"]
    assert set(rank0["metrics"]) == {"acc", "mean_pred"}
    assert rank0["metrics"]["acc"] == {"correct": 4, "total": 6}
    fresh = make_group()
    fresh.load_state_dict(state)
    assert fresh.metrics["acc"].compute() == pytest.approx(4 / 6)
    with pytest.raises(ValueError, match=r"no state for nested metric\(s\) \['mean_pred'\]"):
        make_group().load_state_dict(
            {"__metric_state_per_rank": [{"metrics": {"acc": rank0["metrics"]["acc"]}}]}
        )


def test_group_name_conflicting_with_member_raises() -> None:
    engine = Engine(lambda e, batch: batch)
    make_group().attach(engine, "acc")
    with pytest.raises(ValueError, match="'acc' is also a key"):
        engine.run([[Y_PRED, Y_TRUE]])


def test_group_member_name_shared_with_another_metric_is_overwritten() -> None:
    engine = Engine(lambda e, batch: batch)
    Correct().attach(engine, "acc")
    make_group().attach(engine, "group")  # computed after, so its value wins, as in pytorch-ignite
    assert engine.run([[Y_PRED, Y_TRUE]]).metrics["acc"] == pytest.approx(4 / 6)


def test_group_bad_input() -> None:
    with pytest.raises(TypeError, match="dict of names to Metric"):
        MetricGroup([Correct()])  # type: ignore[arg-type]
    assert MetricGroup({}).compute() == {}
    with pytest.raises(TypeError, match="should be a Metric"):
        MetricGroup({"acc": 3})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="names should be str"):
        MetricGroup({1: Correct()})  # type: ignore[dict-item]
