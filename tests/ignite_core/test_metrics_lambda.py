"""Tests for MetricsLambda: composition, forwarding of reset/update, partial attachment of dependencies."""

from __future__ import annotations

from typing import Any

import pytest
import torch

from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite.metrics.metrics_lambda import MetricsLambda

NUM_CLASSES = 3


class PerClass(Metric):
    """Per-class precision (``recall=False``) or recall (``recall=True``) from logits, as a tensor."""

    _state_dict_all_req_keys = ("_tp", "_positives")

    def __init__(self, recall: bool = False, **kwargs: Any) -> None:
        self.recall = recall
        self.updates = 0
        super().__init__(**kwargs)

    @reinit__is_reduced
    def reset(self) -> None:
        self._tp = torch.zeros(NUM_CLASSES)
        self._positives = torch.zeros(NUM_CLASSES)

    @reinit__is_reduced
    def update(self, output: Any) -> None:
        y_pred, y = output
        pred = y_pred.argmax(dim=1)
        for c in range(NUM_CLASSES):
            self._tp[c] += ((pred == c) & (y == c)).sum()
            self._positives[c] += (y == c).sum() if self.recall else (pred == c).sum()
        self.updates += 1

    @sync_all_reduce("_tp", "_positives")
    def compute(self) -> torch.Tensor:
        if self._positives.sum() == 0:
            raise NotComputableError("PerClass needs at least one sample")
        return self._tp / self._positives


class Counter(Metric):
    def reset(self) -> None:
        self.n = 0

    def update(self, output: Any) -> None:
        self.n += 1

    def compute(self) -> int:
        return self.n


BATCHES = [
    (
        torch.tensor([[10.0, 0.1, -1.0], [2.0, -1.0, -2.0], [1.0, -1.0, 4.0], [0.0, 5.0, -1.0]]),
        torch.tensor([0, 1, 2, 1]),
    ),
    (
        torch.tensor([[2.0, 1.0, -1.0], [0.0, 1.0, -2.0], [2.6, 1.0, -4.0], [1.0, -3.0, 2.0]]),
        torch.tensor([1, 2, 0, 2]),
    ),
]


def expected_f1(batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    y_pred = torch.cat([b[0] for b in batches]).argmax(dim=1)
    y = torch.cat([b[1] for b in batches])
    f1s = []
    for c in range(NUM_CLASSES):
        tp = float(((y_pred == c) & (y == c)).sum())
        p = tp / float((y_pred == c).sum())
        r = tp / float((y == c).sum())
        f1s.append(2 * p * r / (p + r) if p + r > 0 else 0.0)
    return sum(f1s) / len(f1s)


def passthrough_engine() -> Engine:
    return Engine(lambda engine, batch: batch)


def test_f1_composition_with_reset_update_compute() -> None:
    precision, recall = PerClass(), PerClass(recall=True)
    f1 = (precision * recall * 2 / (precision + recall + 1e-20)).mean()
    assert isinstance(f1, MetricsLambda)
    for batch in BATCHES:
        f1.update(batch)
    assert precision.updates == 2 and recall.updates == 2  # each dependency updated once per call
    assert f1.compute().item() == pytest.approx(expected_f1(BATCHES))
    f1.reset()
    with pytest.raises(NotComputableError):
        f1.compute()


def test_f1_composition_attached_to_engine() -> None:
    precision, recall = PerClass(), PerClass(recall=True)
    f1 = (precision * recall * 2 / (precision + recall + 1e-20)).mean()
    engine = passthrough_engine()
    precision.attach(engine, "precision")
    f1.attach(engine, "f1")
    state = engine.run(BATCHES, max_epochs=2)
    assert state.metrics["f1"] == pytest.approx(expected_f1(BATCHES))
    assert isinstance(state.metrics["f1"], float)  # 0-d tensor -> python number
    assert isinstance(state.metrics["precision"], torch.Tensor)
    assert "recall" not in state.metrics
    assert precision.updates == 4  # updated once per iteration despite two users


def test_metrics_lambda_with_plain_function_and_kwargs() -> None:
    precision, recall = PerClass(), PerClass(recall=True)

    def fbeta(r: torch.Tensor, p: torch.Tensor, beta: float) -> float:
        return torch.mean((1 + beta**2) * p * r / (beta**2 * p + r + 1e-20)).item()

    f1 = MetricsLambda(fbeta, recall, precision, 1)
    f2 = MetricsLambda(fbeta, r=recall, p=precision, beta=2)
    engine = passthrough_engine()
    f1.attach(engine, "f1")
    f2.attach(engine, "f2")
    metrics = engine.run(BATCHES).metrics
    assert metrics["f1"] == pytest.approx(expected_f1(BATCHES))
    p, r = precision.compute(), recall.compute()
    assert metrics["f2"] == pytest.approx(torch.mean(5 * p * r / (4 * p + r + 1e-20)).item())


def test_composing_resets_dependencies() -> None:
    counter = Counter()
    counter.update(None)
    doubled = counter * 2  # as in pytorch-ignite, building a MetricsLambda resets what it depends on
    assert counter.n == 0
    counter.update(None)
    assert doubled.compute() == 2


def test_reset_and_update_forward_to_dependencies() -> None:
    a, b = Counter(), Counter()
    total = a + b + a  # `a` appears twice but is updated once
    total.update(None)
    total.update(None)
    assert (a.n, b.n) == (2, 2)
    assert total.compute() == 6
    total.reset()
    assert (a.n, b.n) == (0, 0)


def test_non_callable_function_fails_at_compute() -> None:
    composed = MetricsLambda(3, Counter())  # type: ignore[arg-type]  # accepted, as in pytorch-ignite
    with pytest.raises(TypeError):
        composed.compute()


def test_plain_values_only() -> None:
    assert MetricsLambda(lambda x, y: x * y, 3, y=4).compute() == 12


def test_partial_attachment_and_is_attached() -> None:
    engine = passthrough_engine()
    precision = PerClass()
    mean_precision = precision.mean()
    mean_precision.attach(engine, "mP")
    assert mean_precision.is_attached(engine)
    assert not precision.is_attached(engine)  # only partially attached
    assert engine.has_event_handler(precision.started, Events.EPOCH_STARTED)
    assert engine.has_event_handler(precision.iteration_completed, Events.ITERATION_COMPLETED)
    precision.detach(engine)  # detaching a dependency makes the lambda detached too
    assert not mean_precision.is_attached(engine)
    assert not precision.is_attached(engine)


def test_detach_removes_only_the_lambda_compute_handler() -> None:
    engine = passthrough_engine()
    precision = PerClass()
    mean_precision = precision.mean()
    mean_precision.attach(engine, "mP")
    mean_precision.detach(engine)
    assert not mean_precision.is_attached(engine)
    # as in pytorch-ignite, the dependencies keep their reset/update handlers
    assert engine.has_event_handler(precision.started, Events.EPOCH_STARTED)
    assert engine.has_event_handler(precision.iteration_completed, Events.ITERATION_COMPLETED)
    assert mean_precision.engine is None
    assert "mP" not in engine.run(BATCHES).metrics
    mean_precision.update(BATCHES[0])  # detached: updating by hand is allowed again


def test_reattach_after_a_dependency_was_detached() -> None:
    engine = passthrough_engine()
    counter, other = Counter(), Counter()
    composed = counter + other
    composed.attach(engine, "sum")
    counter.detach(engine)
    assert not composed.is_attached(engine)
    composed.attach(engine, "sum")
    assert composed.is_attached(engine)
    assert engine.run([0, 1, 2]).metrics["sum"] == 6


def test_detach_keeps_dependencies_still_used_elsewhere() -> None:
    engine = passthrough_engine()
    precision = PerClass()
    mean_p, max_p = precision.mean(), precision.max()
    precision.attach(engine, "precision")
    mean_p.attach(engine, "mean")
    max_p.attach(engine, "max")
    mean_p.detach(engine)
    assert precision.is_attached(engine)  # its own attachment keeps its handlers
    assert max_p.is_attached(engine)
    metrics = engine.run(BATCHES).metrics
    assert "mean" not in metrics
    assert metrics["max"] == pytest.approx(metrics["precision"].max().item())
    precision.detach(engine)  # an explicit detach removes the dependency for every user
    assert not max_p.is_attached(engine)


def test_shared_dependency_survives_detaching_one_lambda() -> None:
    engine = passthrough_engine()
    counter = Counter()
    plus_one, times_two = counter + 1, counter * 2
    plus_one.attach(engine, "plus_one")
    times_two.attach(engine, "times_two")
    plus_one.detach(engine)
    metrics = engine.run([0, 1, 2]).metrics
    assert metrics["times_two"] == 6
    assert "plus_one" not in metrics


def test_update_while_attached_raises() -> None:
    engine = passthrough_engine()
    composed = Counter() + 1
    composed.attach(engine, "c")
    with pytest.raises(ValueError, match="attached to an engine"):
        composed.update(None)


def test_attach_after_manual_update_raises() -> None:
    composed = Counter() + 1
    composed.update(None)
    with pytest.raises(ValueError, match="updated by hand; call reset"):
        composed.attach(passthrough_engine(), "c")
    composed.reset()
    composed.attach(passthrough_engine(), "c")


@pytest.mark.parametrize(
    ("usage", "expected"),
    [("epoch_wise", [3, 3]), ("running_epoch_wise", [1, 2]), ("batch_wise", [1, 1, 1, 1, 1, 1])],
)
def test_usage_is_propagated_to_dependencies(usage: str, expected: list[int]) -> None:
    engine = passthrough_engine()
    counter = Counter()
    composed = counter * 1
    composed.attach(engine, "n", usage=usage)
    assert composed.is_attached(engine, usage)
    assert not composed.is_attached(engine, "running_batch_wise")
    event = Events.ITERATION_COMPLETED if usage == "batch_wise" else Events.EPOCH_COMPLETED
    seen: list[int] = []
    engine.add_event_handler(event, lambda e: seen.append(e.state.metrics["n"]))
    engine.run([0, 1, 2], max_epochs=2)
    assert seen == expected


def test_state_dict_carries_the_dependencies_state() -> None:
    precision, recall = PerClass(), PerClass(recall=True)
    f1 = (precision * recall * 2 / (precision + recall + 1e-20)).mean()
    engine = passthrough_engine()
    f1.attach(engine, "f1")
    engine.run(BATCHES[:1])
    state = f1.state_dict()
    (rank0,) = state["__metric_state_per_rank"]
    assert list(rank0) == ["_updated", "args", "kwargs"]

    precision.reset()
    recall.reset()
    f1.load_state_dict(state)  # save / reset / load keeps the accumulated data
    assert f1.compute().item() == pytest.approx(expected_f1(BATCHES[:1]))

    p2, r2 = PerClass(), PerClass(recall=True)
    fresh = (p2 * r2 * 2 / (p2 + r2 + 1e-20)).mean()
    fresh.load_state_dict(state)
    assert p2._tp.tolist() == precision._tp.tolist()
    for batch in BATCHES[1:]:
        fresh.update(batch)
    assert fresh.compute().item() == pytest.approx(expected_f1(BATCHES))


def test_state_dict_keeps_kwargs_and_plain_values() -> None:
    a, b = Counter(), Counter()
    composed = MetricsLambda(lambda x, c, k, scale: (x + k) * scale + c, a, 10, k=b, scale=2)
    a.update(None)
    b.update(None)
    b.update(None)
    fa, fb = Counter(), Counter()
    fresh = MetricsLambda(lambda x, c, k, scale: (x + k) * scale + c, fa, 10, k=fb, scale=2)
    fresh.load_state_dict(composed.state_dict())
    # Counter lists no state keys: nothing to restore, but the structure is checked and accepted
    assert fresh.compute() == 10
    with pytest.raises(ValueError, match="argument states"):
        MetricsLambda(lambda x: x, fa).load_state_dict(composed.state_dict())
    with pytest.raises(ValueError, match=r"Required state attribute\(s\) \['kwargs'\]"):
        fresh.load_state_dict({"__metric_state_per_rank": [{"_updated": False, "args": [{}, 10]}]})


def test_mapping_result_mode_for_lambda() -> None:
    counter = Counter()
    composed = MetricsLambda(lambda n: {"n": n, "twice": 2 * n}, counter, metrics_result_mode="flatten")
    engine = passthrough_engine()
    composed.attach(engine, "counts")
    metrics = engine.run([0, 1]).metrics
    assert metrics["n"] == 2 and metrics["twice"] == 4
    assert "counts" not in metrics


def test_dependency_values_are_moved_to_cpu_and_computed_once() -> None:
    calls: list[int] = []

    class Tracked(Counter):
        def compute(self) -> Any:
            calls.append(1)
            return torch.tensor(float(self.n))

    tracked = Tracked()
    composed = tracked * tracked + tracked
    tracked.update(None)
    assert composed.compute().item() == 2.0
    assert len(calls) == 1
    assert composed.compute().device.type == "cpu"
