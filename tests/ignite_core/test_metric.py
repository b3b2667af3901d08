"""Tests for ignite.metrics.metric: the Metric contract, usages, attach/detach, composition, state dicts."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any

import pytest
import torch

import ignite.distributed as idist
from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite.metrics.metric import (
    BatchFiltered,
    BatchWise,
    EpochWise,
    Metric,
    MetricUsage,
    RunningBatchWise,
    RunningEpochWise,
    SingleEpochRunningBatchWise,
    reinit__is_reduced,
    sync_all_reduce,
)
from ignite.metrics.metrics_lambda import MetricsLambda


class SumMetric(Metric):
    """Sums every y_pred it sees and counts its updates."""

    _state_dict_all_req_keys: tuple[str, ...] = ("total", "count")

    def reset(self) -> None:
        self.total = 0.0
        self.count = 0
        self.resets = getattr(self, "resets", 0) + 1

    def update(self, output: Any) -> None:
        y_pred, _ = output
        self.total += float(torch.as_tensor(y_pred).sum())
        self.count += 1

    def compute(self) -> float:
        return self.total


class SimpleAccuracy(Metric):
    """Fraction of rows whose argmax equals the target."""

    _state_dict_all_req_keys = ("_correct", "_total")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.computes = 0
        super().__init__(*args, **kwargs)

    @reinit__is_reduced
    def reset(self) -> None:
        self._correct = torch.tensor(0, dtype=torch.long)
        self._total = 0

    @reinit__is_reduced
    def update(self, output: Any) -> None:
        y_pred, y = output
        self._correct += (y_pred.argmax(dim=1) == y).sum()
        self._total += y.shape[0]

    @sync_all_reduce("_correct", "_total:SUM")
    def compute(self) -> float:
        self.computes += 1
        if self._total == 0:
            raise NotComputableError("SimpleAccuracy needs at least one sample")
        return self._correct.item() / self._total


class DictMetric(Metric):
    def __init__(self, keys: tuple[str, ...] = ("a", "b"), **kwargs: Any) -> None:
        self.keys = keys
        super().__init__(**kwargs)

    def reset(self) -> None:
        self.n = 0

    def update(self, output: Any) -> None:
        self.n += 1

    def compute(self) -> dict[str, Any]:
        return {key: torch.tensor(float(self.n * (i + 1))) for i, key in enumerate(self.keys)}


BLOG_BATCHES = [
    (
        torch.tensor([[10.0, 0.1, -1.0], [2.0, -1.0, -2.0], [1.0, -1.0, 4.0], [0.0, 5.0, -1.0]]),
        torch.tensor([0, 1, 2, 1]),
    ),
    (
        torch.tensor([[2.0, 1.0, -1.0], [0.0, 1.0, -2.0], [2.6, 1.0, -4.0], [1.0, -3.0, 2.0]]),
        torch.tensor([1, 2, 0, 2]),
    ),
]


def passthrough_engine() -> Engine:
    return Engine(lambda engine, batch: batch)


def ones_batches(n: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Batch i has y_pred summing to i + 1."""
    return [(torch.tensor([float(i + 1)]), torch.tensor([0])) for i in range(n)]


def record(engine: Engine, event: Any, name: str) -> list[Any]:
    values: list[Any] = []
    engine.add_event_handler(event, lambda e: values.append(e.state.metrics[name]))
    return values


# ---------------------------------------------------------------------------------------------------------------
# construction


def test_metric_is_abstract() -> None:
    with pytest.raises(TypeError):
        Metric()  # type: ignore[abstract]


def test_reset_is_called_from_init() -> None:
    metric = SumMetric()
    assert metric.resets == 1
    assert metric.total == 0.0


def test_constructor_validates_arguments() -> None:
    with pytest.raises(TypeError, match="output_transform should be callable"):
        SumMetric(output_transform=3)  # type: ignore[arg-type]
    # devices are resolved by torch.device, whose errors propagate as in pytorch-ignite
    with pytest.raises(TypeError):
        SumMetric(device=None)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError):
        SumMetric(device="not-a-device")
    with pytest.raises(ValueError, match="metrics_result_mode should be one of"):
        SumMetric(metrics_result_mode="nested")  # type: ignore[arg-type]


def test_device_is_stored() -> None:
    assert SumMetric()._device == torch.device("cpu")
    assert SumMetric(device=torch.device("cpu"))._device == torch.device("cpu")


# ---------------------------------------------------------------------------------------------------------------
# usages


def test_usage_names_and_events() -> None:
    expected = {
        EpochWise: ("epoch_wise", Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.ITERATION_COMPLETED),
        RunningEpochWise: (
            "running_epoch_wise",
            Events.STARTED,
            Events.EPOCH_COMPLETED,
            Events.EPOCH_COMPLETED,
        ),
        BatchWise: (
            "batch_wise",
            Events.ITERATION_STARTED,
            Events.ITERATION_COMPLETED,
            Events.ITERATION_COMPLETED,
        ),
        RunningBatchWise: (
            "running_batch_wise",
            Events.STARTED,
            Events.ITERATION_COMPLETED,
            Events.ITERATION_COMPLETED,
        ),
        SingleEpochRunningBatchWise: (
            "single_epoch_running_batch_wise",
            Events.EPOCH_STARTED,
            Events.ITERATION_COMPLETED,
            Events.ITERATION_COMPLETED,
        ),
    }
    for cls, (name, started, completed, iteration_completed) in expected.items():
        usage = cls()
        assert usage.usage_name == cls.usage_name == name
        events = (usage.STARTED, usage.COMPLETED, usage.ITERATION_COMPLETED)
        assert events == (started, completed, iteration_completed)
        assert isinstance(usage, MetricUsage)
    filtered = BatchFiltered(every=2)
    assert filtered.ITERATION_COMPLETED == Events.ITERATION_COMPLETED
    assert getattr(filtered.ITERATION_COMPLETED, "filter", None) is not None
    assert "every" in repr(filtered)


def test_custom_metric_usage() -> None:
    usage = MetricUsage(Events.STARTED, Events.COMPLETED, Events.ITERATION_COMPLETED(every=2))
    engine = passthrough_engine()
    metric = SumMetric()
    metric.attach(engine, "sum", usage=usage)
    assert metric.is_attached(engine, usage)
    # iterations 2 and 4 of each of the two epochs, never reset in between
    assert engine.run(ones_batches(4), max_epochs=2).metrics["sum"] == 12.0


def test_check_usage_errors() -> None:
    metric = SumMetric()
    engine = passthrough_engine()
    with pytest.raises(ValueError, match="Unknown metric usage 'per_batch'"):
        metric.attach(engine, "m", usage="per_batch")
    with pytest.raises(TypeError, match="usage should be a MetricUsage"):
        metric.attach(engine, "m", usage=3)  # type: ignore[arg-type]


def test_epoch_wise() -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "sum")
    per_epoch = record(engine, Events.EPOCH_COMPLETED, "sum")
    state = engine.run(ones_batches(3), max_epochs=2)
    assert per_epoch == [6.0, 6.0]
    assert state.metrics["sum"] == 6.0


@pytest.mark.parametrize("usage", ["running_epoch_wise", RunningEpochWise()])
def test_running_epoch_wise(usage: Any) -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "sum", usage=usage)
    per_epoch = record(engine, Events.EPOCH_COMPLETED, "sum")
    engine.run(ones_batches(3), max_epochs=3)
    # as in pytorch-ignite: reset when the run starts, updated once per epoch (at EPOCH_COMPLETED) with the
    # output of the epoch's last iteration
    assert per_epoch == [3.0, 6.0, 9.0]


@pytest.mark.parametrize("usage", ["batch_wise", BatchWise()])
def test_batch_wise(usage: Any) -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "sum", usage=usage)
    per_iter = record(engine, Events.ITERATION_COMPLETED, "sum")
    engine.run(ones_batches(3), max_epochs=2)
    assert per_iter == [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]


@pytest.mark.parametrize("usage", ["running_batch_wise", RunningBatchWise()])
def test_running_batch_wise(usage: Any) -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "sum", usage=usage)
    per_iter = record(engine, Events.ITERATION_COMPLETED, "sum")
    engine.run(ones_batches(3), max_epochs=2)
    assert per_iter == [1.0, 3.0, 6.0, 7.0, 9.0, 12.0]


@pytest.mark.parametrize("usage", ["single_epoch_running_batch_wise", SingleEpochRunningBatchWise()])
def test_single_epoch_running_batch_wise(usage: Any) -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "sum", usage=usage)
    per_iter = record(engine, Events.ITERATION_COMPLETED, "sum")
    engine.run(ones_batches(3), max_epochs=2)
    assert per_iter == [1.0, 3.0, 6.0, 1.0, 3.0, 6.0]


def test_batch_filtered() -> None:
    engine = passthrough_engine()
    metric = SumMetric()
    metric.attach(engine, "sum", usage=BatchFiltered(every=2))
    per_epoch = record(engine, Events.EPOCH_COMPLETED, "sum")
    engine.run(ones_batches(4), max_epochs=2)
    # iterations 2 and 4 (batches 2 and 4), then 6 and 8 (batches 2 and 4 again)
    assert per_epoch == [6.0, 6.0]
    assert metric.count == 2


def test_output_transform_is_applied() -> None:
    engine = Engine(lambda e, batch: {"pred": batch[0], "target": batch[1]})
    SumMetric(output_transform=lambda out: (out["pred"] * 10, out["target"])).attach(engine, "sum")
    assert engine.run(ones_batches(2)).metrics["sum"] == 30.0


# ---------------------------------------------------------------------------------------------------------------
# attach / detach / names


def test_detach_and_is_attached() -> None:
    engine = passthrough_engine()
    metric = SumMetric()
    assert not metric.is_attached(engine)
    metric.attach(engine, "sum")
    assert metric.is_attached(engine)
    assert metric.is_attached(engine, "epoch_wise")
    assert not metric.is_attached(engine, BatchWise())
    metric.detach(engine)
    assert not metric.is_attached(engine)
    assert not engine.has_event_handler(metric.started)
    assert not engine.has_event_handler(metric.iteration_completed)
    state = engine.run(ones_batches(2))
    assert "sum" not in state.metrics


def test_attach_with_two_usages_then_detach_one() -> None:
    engine = passthrough_engine()
    metric = SumMetric()
    metric.attach(engine, "epoch", usage="epoch_wise")
    metric.attach(engine, "batch", usage="batch_wise")
    metric.detach(engine, usage="batch_wise")
    assert metric.is_attached(engine, "epoch_wise")
    assert not metric.is_attached(engine, "batch_wise")
    # as in pytorch-ignite, detaching removes the usage's update handler, shared here with epoch_wise
    assert not engine.has_event_handler(metric.iteration_completed, Events.ITERATION_COMPLETED)
    metric.attach(engine, "epoch", usage="epoch_wise")  # attaching again restores it
    state = engine.run(ones_batches(3))
    assert state.metrics["epoch"] == 6.0
    assert "batch" not in state.metrics


def test_another_metric_under_a_used_name_writes_last() -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "score")
    other = SumMetric(output_transform=lambda out: (out[0] * 10, out[1]))
    other.attach(engine, "score")
    assert other.is_attached(engine)
    assert engine.run(ones_batches(2)).metrics["score"] == 30.0


def test_same_metric_under_two_names() -> None:
    engine = passthrough_engine()
    metric = SumMetric()
    metric.attach(engine, "a")
    metric.attach(engine, "b")
    metrics = engine.run(ones_batches(2)).metrics
    assert metrics["a"] == metrics["b"] == 3.0
    assert metric.count == 2  # updated once per iteration
    metric.detach(engine)
    engine.state.metrics.clear()
    assert "a" not in engine.run(ones_batches(2), max_epochs=2).metrics


def test_metric_name_may_be_any_key() -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, 1)  # type: ignore[arg-type]
    assert engine.run(ones_batches(2)).metrics[1] == 3.0


def test_detach_after_engine_removed_the_handler() -> None:
    engine = passthrough_engine()
    metric = SumMetric()
    metric.attach(engine, "sum")
    engine.remove_event_handler(metric.completed, Events.EPOCH_COMPLETED)
    assert not metric.is_attached(engine)
    metric.detach(engine)
    assert not engine.has_event_handler(metric.started)


def test_same_name_on_different_engines_is_fine() -> None:
    e1, e2 = passthrough_engine(), passthrough_engine()
    SumMetric().attach(e1, "sum")
    SumMetric().attach(e2, "sum")
    assert e1.run(ones_batches(2)).metrics["sum"] == 3.0
    assert e2.run(ones_batches(3)).metrics["sum"] == 6.0


# ---------------------------------------------------------------------------------------------------------------
# iteration_completed: mapping outputs, unrolling


def test_mapping_output_uses_required_output_keys() -> None:
    engine = Engine(lambda e, batch: {"y_pred": batch[0], "y": batch[1], "extra": None})
    SumMetric().attach(engine, "sum")
    assert engine.run(ones_batches(2)).metrics["sum"] == 3.0


def test_mapping_output_missing_keys_raises() -> None:
    engine = Engine(lambda e, batch: {"pred": batch[0], "y": batch[1]})
    SumMetric().attach(engine, "sum")
    with pytest.raises(ValueError, match=r"needs the keys \['y_pred', 'y'\].*\['y_pred'\] are missing"):
        engine.run(ones_batches(1))


def test_mapping_output_without_required_keys_raises() -> None:
    class NoKeys(SumMetric):
        required_output_keys = None

    engine = Engine(lambda e, batch: {"y_pred": batch[0], "y": batch[1]})
    NoKeys().attach(engine, "sum")
    with pytest.raises(TypeError, match="should be a tuple or list"):
        engine.run(ones_batches(1))


def test_custom_required_output_keys_and_alias() -> None:
    class Custom(SumMetric):
        required_output_keys = ("p", "t")

    class Legacy(SumMetric):
        _required_output_keys = ("p", "t")

    for cls in (Custom, Legacy):
        engine = Engine(lambda e, batch: {"p": batch[0], "t": batch[1]})
        cls().attach(engine, "sum")
        assert engine.run(ones_batches(3)).metrics["sum"] == 6.0


def test_list_outputs_are_unrolled() -> None:
    seen: list[Any] = []

    class Recorder(SumMetric):
        def update(self, output: Any) -> None:
            seen.append(output)
            super().update(output)

    engine = Engine(
        lambda e, batch: ([torch.tensor(1.0), torch.tensor(2.0)], [torch.tensor(0), torch.tensor(1)])
    )
    Recorder().attach(engine, "sum")
    assert engine.run([0]).metrics["sum"] == 3.0
    assert len(seen) == 2
    assert seen[0][0].item() == 1.0 and seen[1][1].item() == 1


def test_unrolled_samples_get_their_batch_dimension_back() -> None:
    shapes: list[tuple[Any, Any]] = []

    class Shapes(SumMetric):
        def update(self, output: Any) -> None:
            shapes.append((tuple(output[0].shape), tuple(output[1].shape), output[0].dtype, output[1].dtype))

    outputs = [
        ([torch.zeros(3, 4), torch.zeros(3, 4)], [torch.zeros(4), torch.zeros(4)]),
        ([1.5, 2], [True, torch.tensor(0)]),
    ]
    for output in outputs:
        engine = Engine(lambda e, batch, out=output: out)
        Shapes().attach(engine, "s")
        engine.run([0])
    assert shapes == [
        ((1, 3, 4), (1, 4), torch.float32, torch.float32),
        ((1, 3, 4), (1, 4), torch.float32, torch.float32),
        ((1,), (1,), torch.float32, torch.bool),
        ((1,), (1,), torch.int64, torch.int64),
    ]


def test_per_sample_dice_over_unrolled_lists() -> None:
    """A per-update mean (as segmentation libraries compute Dice) sees each sample as a batch of one."""

    class MeanDice(Metric):
        def reset(self) -> None:
            self.scores: list[float] = []

        def update(self, output: Any) -> None:
            y_pred, y = output
            assert y_pred.ndim == 3  # (1, C, N)
            inter = (y_pred * y).sum(dim=(1, 2))
            self.scores.extend((2 * inter / (y_pred.sum(dim=(1, 2)) + y.sum(dim=(1, 2)))).tolist())

        def compute(self) -> float:
            return sum(self.scores) / len(self.scores)

    preds = [torch.tensor([[1.0, 1.0, 0.0]]), torch.tensor([[0.0, 0.0, 1.0]])]
    targets = [torch.tensor([[1.0, 0.0, 0.0]]), torch.tensor([[1.0, 1.0, 0.0]])]
    engine = Engine(lambda e, batch: (preds, targets))
    MeanDice().attach(engine, "dice")
    assert engine.run([0]).metrics["dice"] == pytest.approx((2 / 3 + 0.0) / 2)


def test_skip_unrolling_passes_the_output_as_is() -> None:
    seen: list[Any] = []

    class Whole(Metric):
        def reset(self) -> None:
            pass

        def update(self, output: Any) -> None:
            seen.append(output)

        def compute(self) -> int:
            return len(seen)

    output = ([torch.tensor(1.0), torch.tensor(2.0)], [torch.tensor(0), torch.tensor(1)])
    engine = Engine(lambda e, batch: output)
    Whole(skip_unrolling=True).attach(engine, "n")
    engine.run([0])
    assert seen == [output]


def test_unrolling_needs_two_lists_of_equal_length() -> None:
    metric = SumMetric()
    engine = Engine(lambda e, batch: ([torch.tensor(1.0), torch.tensor(2.0)], [torch.tensor(0)]))
    metric.attach(engine, "sum")
    with pytest.raises(ValueError, match="exactly 2 lists of equal length"):
        engine.run([0])
    engine = Engine(lambda e, batch: ([1.0], [2.0], [3.0]))
    SumMetric().attach(engine, "sum")
    with pytest.raises(ValueError, match="got 3 lists"):
        engine.run([0])


def test_tensor_outputs_are_not_unrolled() -> None:
    metric = SumMetric()
    engine = Engine(lambda e, batch: (torch.tensor([1.0, 2.0]), torch.tensor([0, 1])))
    metric.attach(engine, "sum")
    engine.run([0])
    assert metric.count == 1


# ---------------------------------------------------------------------------------------------------------------
# completed: result conversion and mapping modes


def test_zero_dim_tensor_becomes_python_number() -> None:
    class TensorResult(SumMetric):
        def compute(self) -> torch.Tensor:  # type: ignore[override]
            return torch.tensor(self.total)

    class VectorResult(SumMetric):
        def compute(self) -> torch.Tensor:  # type: ignore[override]
            return torch.tensor([self.total, 1.0])

    engine = passthrough_engine()
    TensorResult().attach(engine, "scalar")
    VectorResult().attach(engine, "vector")
    metrics = engine.run(ones_batches(2)).metrics
    assert metrics["scalar"] == 3.0 and isinstance(metrics["scalar"], float)
    assert isinstance(metrics["vector"], torch.Tensor)
    assert metrics["vector"].tolist() == [3.0, 1.0]


@pytest.mark.parametrize(
    ("mode", "flat", "named"),
    [("both", True, True), ("flatten", True, False), ("named", False, True)],
)
def test_mapping_results_follow_metrics_result_mode(mode: Any, flat: bool, named: bool) -> None:
    engine = passthrough_engine()
    DictMetric(metrics_result_mode=mode).attach(engine, "dict")
    metrics = engine.run(ones_batches(2)).metrics
    assert ("a" in metrics and "b" in metrics) is flat
    assert ("dict" in metrics) is named
    if flat:
        # flattened values are stored as computed (0-d tensors stay tensors), as in pytorch-ignite
        assert isinstance(metrics["a"], torch.Tensor) and metrics["a"].item() == 2.0
        assert metrics["b"].item() == 4.0
    if named:
        assert isinstance(metrics["dict"], Mapping)
        assert set(metrics["dict"]) == {"a", "b"}


def test_mapping_key_equal_to_name_raises_in_both_mode() -> None:
    engine = passthrough_engine()
    DictMetric(keys=("dict", "b")).attach(engine, "dict")
    with pytest.raises(ValueError, match="'dict' is also a key of the mapping"):
        engine.run(ones_batches(1))


def test_mapping_key_equal_to_other_metric_name_overwrites_it() -> None:
    engine = passthrough_engine()
    SumMetric().attach(engine, "a")
    DictMetric(keys=("a", "b")).attach(engine, "dict")
    assert engine.run(ones_batches(1)).metrics["a"].item() == 1.0


# ---------------------------------------------------------------------------------------------------------------
# reset/update/compute API and composition


def test_blog_composable_error_metric() -> None:
    acc = SimpleAccuracy()
    error = 100.0 * (1.0 - acc)
    assert isinstance(error, MetricsLambda)
    acc.reset()
    acc.update(BLOG_BATCHES[0])
    assert acc.compute() == 0.75
    assert error.compute() == 25.0
    acc.update(BLOG_BATCHES[1])
    assert acc.compute() == 0.625
    assert error.compute() == 37.5


def test_not_computable_before_update() -> None:
    with pytest.raises(NotComputableError):
        SimpleAccuracy().compute()


class ConstMetric(Metric):
    def __init__(self, value: Any) -> None:
        self.value = value
        super().__init__()

    def reset(self) -> None:
        pass

    def update(self, output: Any) -> None:
        pass

    def compute(self) -> Any:
        return self.value


def test_arithmetic_operators_and_reflections() -> None:
    a, b = ConstMetric(7.0), ConstMetric(2.0)
    cases = [
        (a + b, 9.0),
        (a + 1, 8.0),
        (1 + a, 8.0),
        (a - b, 5.0),
        (a - 1, 6.0),
        (10 - a, 3.0),
        (a * b, 14.0),
        (3 * a, 21.0),
        (a / b, 3.5),
        (14 / a, 2.0),
        (a // b, 3.0),
        (15 // a, 2.0),
        (a % b, 1.0),
        (15 % a, 1.0),
        (a**b, 49.0),
        (2**b, 4.0),
        (a**2, 49.0),
    ]
    for composed, expected in cases:
        assert isinstance(composed, MetricsLambda)
        assert composed.compute() == expected


def test_getitem_and_tensor_methods() -> None:
    vector = ConstMetric(torch.tensor([1.0, 2.0, 6.0]))
    assert vector[2].compute().item() == 6.0
    assert vector.mean().compute().item() == 3.0
    assert vector.sum(dim=0).compute().item() == 9.0
    assert (vector * 2).max().compute().item() == 12.0
    matrix = ConstMetric(torch.arange(6.0).reshape(2, 3))
    assert matrix[:, 1].compute().tolist() == [1.0, 4.0]


def test_getattr_rejects_unknown_and_private_names() -> None:
    metric = SumMetric()
    with pytest.raises(AttributeError, match="no attribute 'not_a_tensor_method'"):
        metric.not_a_tensor_method  # noqa: B018
    with pytest.raises(AttributeError):
        metric._missing  # noqa: B018
    with pytest.raises(AttributeError):
        metric.shape  # noqa: B018  (a tensor property, not a method)
    assert not hasattr(metric, "__deepcopy__")


def test_metric_pickles() -> None:
    metric = SimpleAccuracy()
    metric.update(BLOG_BATCHES[0])
    clone = pickle.loads(pickle.dumps(metric))
    assert clone.compute() == 0.75


# ---------------------------------------------------------------------------------------------------------------
# state dict


def test_state_dict_round_trip() -> None:
    metric = SimpleAccuracy()
    metric.update(BLOG_BATCHES[0])
    state = metric.state_dict()
    # pytorch-ignite 0.5's layout: one state per rank under a single key
    assert list(state) == ["__metric_state_per_rank"]
    (rank0,) = state["__metric_state_per_rank"]
    assert list(rank0) == ["_correct", "_total"]
    assert rank0["_total"] == 4
    assert rank0["_correct"].item() == 3
    metric.update(BLOG_BATCHES[1])  # does not change the saved state
    assert rank0["_correct"].item() == 3

    restored = SimpleAccuracy()
    restored.load_state_dict(state)
    assert restored.compute() == 0.75
    restored.update(BLOG_BATCHES[1])
    assert restored.compute() == 0.625


def test_state_dict_with_nested_metric() -> None:
    class Wrapper(Metric):
        _state_dict_all_req_keys = ("inner", "steps")

        def __init__(self) -> None:
            self.inner = SimpleAccuracy()
            super().__init__()

        def reset(self) -> None:
            self.inner.reset()
            self.steps = 0

        def update(self, output: Any) -> None:
            self.inner.update(output)
            self.steps += 1

        def compute(self) -> float:
            return self.inner.compute()

    wrapper = Wrapper()
    wrapper.update(BLOG_BATCHES[0])
    state = wrapper.state_dict()
    assert set(state["__metric_state_per_rank"][0]["inner"]) == {"_correct", "_total"}
    fresh = Wrapper()
    fresh.load_state_dict(state)
    assert fresh.steps == 1
    assert fresh.compute() == 0.75


def test_load_state_dict_errors() -> None:
    metric = SimpleAccuracy()
    with pytest.raises(TypeError, match="should be a mapping"):
        metric.load_state_dict([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected the single key '__metric_state_per_rank'"):
        metric.load_state_dict({"_correct": [torch.tensor(1)], "_total": [1]})
    with pytest.raises(ValueError, match=r"one state per rank, 1 here, but got 0"):
        metric.load_state_dict({"__metric_state_per_rank": []})
    with pytest.raises(ValueError, match=r"one state per rank, 1 here, but got dict"):
        metric.load_state_dict({"__metric_state_per_rank": {"_total": 1}})
    with pytest.raises(ValueError, match=r"Required state attribute\(s\) \['_total'\] absent"):
        metric.load_state_dict({"__metric_state_per_rank": [{"_correct": torch.tensor(1)}]})


def test_state_dict_in_a_distributed_run_holds_every_rank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idist, "get_world_size", lambda: 2)
    monkeypatch.setattr(idist, "get_rank", lambda: 1)
    monkeypatch.setattr(idist, "all_gather", lambda obj: [obj, {"_correct": torch.tensor(9), "_total": 10}])
    metric = SimpleAccuracy()
    metric.update(BLOG_BATCHES[0])
    state = metric.state_dict()
    assert [rank["_total"] for rank in state["__metric_state_per_rank"]] == [4, 10]
    fresh = SimpleAccuracy()
    fresh.load_state_dict(state)  # this process is rank 1
    assert fresh._total == 10 and fresh._correct.item() == 9


def test_state_dict_with_unknown_attribute_raises() -> None:
    class Broken(SumMetric):
        _state_dict_all_req_keys = ("nope",)

    with pytest.raises(ValueError, match="lists 'nope' in _state_dict_all_req_keys"):
        Broken().state_dict()


def test_metric_without_state_keys_has_empty_state_dict() -> None:
    assert ConstMetric(1).state_dict() == {"__metric_state_per_rank": [{}]}


# ---------------------------------------------------------------------------------------------------------------
# sync_all_reduce / reinit__is_reduced


def test_sync_all_reduce_in_serial_computes_local_values() -> None:
    metric = SimpleAccuracy()
    metric.update(BLOG_BATCHES[0])
    assert metric.compute() == 0.75
    assert metric._total == 4


def test_reinit_is_reduced_marks_metric_unreduced() -> None:
    metric = SimpleAccuracy()
    metric._is_reduced = True
    metric.update(BLOG_BATCHES[0])
    assert metric._is_reduced is False
    metric._is_reduced = True
    metric.reset()
    assert metric._is_reduced is False


def test_sync_all_reduce_reduces_once_per_update(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, str]] = []

    def fake_all_reduce(value: Any, op: str = "SUM", group: Any = None) -> Any:
        calls.append((value, op))
        return value * 2  # as if a second process held the same state

    monkeypatch.setattr(idist, "get_world_size", lambda: 2)
    monkeypatch.setattr(idist, "all_reduce", fake_all_reduce)

    metric = SimpleAccuracy()
    metric.update(BLOG_BATCHES[0])
    assert metric.compute() == 0.75  # (2 * 3) / (2 * 4)
    assert [op for _, op in calls] == ["SUM", "SUM"]
    assert metric._total == 4 and metric._correct.item() == 3  # local state is kept
    assert metric.compute() == 0.75
    assert len(calls) == 2  # cached: reduced once until the next update/reset
    metric.update(BLOG_BATCHES[1])
    assert metric.compute() == 0.625
    assert len(calls) == 4
    assert metric._total == 8


def test_sync_all_reduce_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_all_reduce(value: Any, op: str = "SUM", group: Any = None) -> Any:
        seen.append(op)
        return value

    monkeypatch.setattr(idist, "get_world_size", lambda: 2)
    monkeypatch.setattr(idist, "all_reduce", fake_all_reduce)

    class Ops(Metric):
        @reinit__is_reduced
        def reset(self) -> None:
            self.a, self.b, self.c, self.d, self.e, self.f = (
                1,
                2,
                3,
                4,
                torch.tensor(True),
                torch.tensor(False),
            )

        def update(self, output: Any) -> None:
            pass

        @sync_all_reduce("a:SUM", "b:PRODUCT", "c:MIN", "d:MAX", "e:AND", "f:OR")
        def compute(self) -> int:
            return 0

    Ops().compute()
    assert seen == ["SUM", "PRODUCT", "MIN", "MAX", "AND", "OR"]


def test_sync_all_reduce_bad_specs_pass_in_a_single_process() -> None:
    # as in pytorch-ignite, nothing is checked without a distributed run
    class Odd(SumMetric):
        @sync_all_reduce("total:AVG", "nope")
        def compute(self) -> float:
            return self.total

    assert Odd().compute() == 0.0


def test_sync_all_reduce_bad_specs_in_a_distributed_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idist, "get_world_size", lambda: 2)
    monkeypatch.setattr(idist, "all_reduce", lambda value, op="SUM", group=None: value)
    for spec, error, match in (
        ("total:AVG", ValueError, "Reduction operation 'AVG'"),
        (":SUM", ValueError, "attribute name before ':' is empty"),
        (3, TypeError, "attribute names as strings"),
    ):

        class Bad(SumMetric):
            @sync_all_reduce(spec)
            def compute(self) -> float:
                return self.total

        with pytest.raises(error, match=match):
            Bad().compute()


def test_sync_all_reduce_bad_attributes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idist, "get_world_size", lambda: 2)

    class Missing(SumMetric):
        @sync_all_reduce("nope")
        def compute(self) -> float:
            return 0.0

    class NotNumber(SumMetric):
        @sync_all_reduce("label")
        def compute(self) -> float:
            return 0.0

        def reset(self) -> None:
            super().reset()
            self.label = "x"

    with pytest.raises(ValueError, match="has no attribute 'nope'"):
        Missing().compute()
    with pytest.raises(TypeError, match="attribute 'label' of NotNumber should be a number or a tensor"):
        NotNumber().compute()


def test_sync_all_reduce_without_attributes_is_transparent() -> None:
    class Plain(ConstMetric):
        @sync_all_reduce()
        def compute(self) -> Any:
            return self.value

    assert Plain(5).compute() == 5


def test_batch_filtered_detach() -> None:
    engine = passthrough_engine()
    metric = SumMetric()
    metric.attach(engine, "sum", usage=BatchFiltered(every=2))
    assert metric.is_attached(engine, BatchFiltered(every=2))
    metric.detach(engine, BatchFiltered(every=2))
    assert not metric.is_attached(engine, BatchFiltered(every=2))
    assert not engine.has_event_handler(metric.iteration_completed)
    assert "sum" not in engine.run(ones_batches(2)).metrics


def test_ignite_metrics_exports_the_base_api() -> None:
    import ignite.metrics as metrics

    for name in metrics.__all__:
        assert getattr(metrics, name) is not None
    assert metrics.Metric is Metric
    assert metrics.MetricsLambda is MetricsLambda
    assert {"EpochMetric", "EpochMetricWarning", "MetricGroup", "sync_all_reduce"} <= set(metrics.__all__)
