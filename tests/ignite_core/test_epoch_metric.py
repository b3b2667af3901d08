"""Tests for EpochMetric."""

from __future__ import annotations

import warnings

import pytest
import torch

from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite.metrics.epoch_metric import EpochMetric, EpochMetricWarning


def mean_abs_error(y_pred: torch.Tensor, y: torch.Tensor) -> float:
    return (y_pred - y).abs().mean().item()


def test_compute_over_all_batches() -> None:
    metric = EpochMetric(mean_abs_error)
    torch.manual_seed(0)
    preds, targets = torch.rand(10, 3), torch.rand(10, 3)
    for i in range(0, 10, 4):
        metric.update((preds[i : i + 4], targets[i : i + 4]))
    assert metric.compute() == pytest.approx(mean_abs_error(preds, targets))
    assert len(metric._predictions) == 3


def test_compute_fn_receives_concatenated_tensors_and_result_is_cached() -> None:
    calls: list[tuple[torch.Size, torch.Size]] = []

    def fn(y_pred: torch.Tensor, y: torch.Tensor) -> float:
        calls.append((y_pred.shape, y.shape))
        return float(y.sum())

    metric = EpochMetric(fn, check_compute_fn=False)
    metric.update((torch.ones(2), torch.ones(2)))
    metric.update((torch.ones(3), torch.ones(3)))
    assert metric.compute() == 5.0
    assert metric.compute() == 5.0
    assert calls == [(torch.Size([5]), torch.Size([5]))]
    metric.update((torch.ones(1), torch.ones(1)))
    assert metric.compute() == 6.0


def test_trailing_unit_dimension_is_squeezed() -> None:
    metric = EpochMetric(lambda p, y: p.shape, check_compute_fn=False)
    metric.update((torch.ones(4, 1), torch.ones(4, 1)))
    assert metric._predictions[0].shape == (4,)
    assert metric._targets[0].shape == (4,)


def test_inputs_are_stored_as_copies_on_device() -> None:
    metric = EpochMetric(mean_abs_error, device="cpu")
    y_pred = torch.ones(2, requires_grad=True)
    y = torch.zeros(2)
    metric.update((y_pred, y))
    y.add_(5)
    assert metric._targets[0].tolist() == [0.0, 0.0]
    assert not metric._predictions[0].requires_grad


def test_shape_and_type_errors() -> None:
    metric = EpochMetric(mean_abs_error)
    with pytest.raises(ValueError, match="Predictions should be of shape"):
        metric.update((torch.ones(2, 2, 2), torch.ones(2)))
    with pytest.raises(ValueError, match="Targets should be of shape"):
        metric.update((torch.ones(2), torch.ones(2, 2, 2)))
    with pytest.warns(EpochMetricWarning):  # batch sizes are not compared, as in pytorch-ignite
        metric.update((torch.ones(2), torch.ones(3)))
    with pytest.raises(ValueError, match="Incoherent types between input y_pred"):
        metric.update((torch.ones(2, dtype=torch.float64), torch.ones(2)))
    with pytest.raises(ValueError, match="Incoherent types between input y and"):
        metric.update((torch.ones(2), torch.ones(2, dtype=torch.long)))
    with pytest.raises(TypeError, match="expects tensors"):
        metric.update(([1.0], [1.0]))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="compute_fn should be a callable"):
        EpochMetric(3)  # type: ignore[arg-type]


def test_not_computable_without_data() -> None:
    with pytest.raises(NotComputableError, match="at least one example"):
        EpochMetric(mean_abs_error).compute()


def test_warns_when_compute_fn_fails_on_first_batch() -> None:
    def broken(y_pred: torch.Tensor, y: torch.Tensor) -> float:
        raise RuntimeError("boom")

    metric = EpochMetric(broken)
    with pytest.warns(EpochMetricWarning, match="boom"):
        metric.update((torch.ones(2), torch.ones(2)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        metric.update((torch.ones(2), torch.ones(2)))  # checked only on the first batch
        EpochMetric(broken, check_compute_fn=False).update((torch.ones(2), torch.ones(2)))


def test_attached_epoch_metric_resets_each_epoch() -> None:
    data = [(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0])), (torch.tensor([3.0]), torch.tensor([1.0]))]
    engine = Engine(lambda e, batch: batch)
    EpochMetric(lambda p, y: float((p - y).sum())).attach(engine, "err")
    seen: list[float] = []
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: seen.append(e.state.metrics["err"]))
    engine.run(data, max_epochs=2)
    assert seen == [3.0, 3.0]


def test_state_dict_round_trip() -> None:
    metric = EpochMetric(mean_abs_error)
    metric.update((torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0])))
    metric.update((torch.tensor([3.0]), torch.tensor([0.0])))
    state = metric.state_dict()
    assert len(state["__metric_state_per_rank"]) == 1  # one rank
    assert len(state["__metric_state_per_rank"][0]["_predictions"]) == 2  # one tensor per batch
    restored = EpochMetric(mean_abs_error)
    restored.load_state_dict(state)
    assert restored.compute() == pytest.approx(2.0)


@pytest.mark.parametrize("rank", [0, 1])
def test_distributed_compute_gathers_then_broadcasts(monkeypatch: pytest.MonkeyPatch, rank: int) -> None:
    import ignite.distributed as idist

    broadcasts: list[object] = []

    def fake_broadcast(value: object, src: int = 0, safe_mode: bool = False) -> object:
        broadcasts.append(value)
        return 42.0 if value is None else value

    monkeypatch.setattr(idist, "get_world_size", lambda: 2)
    monkeypatch.setattr(idist, "get_rank", lambda: rank)
    monkeypatch.setattr(idist, "all_gather", lambda t, group=None: torch.cat([t, t]))
    monkeypatch.setattr(idist, "broadcast", fake_broadcast)

    calls: list[int] = []

    def fn(y_pred: torch.Tensor, y: torch.Tensor) -> float:
        calls.append(y_pred.numel())
        return float(y_pred.sum())

    metric = EpochMetric(fn, check_compute_fn=False)
    metric.update((torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0])))
    result = metric.compute()
    if rank == 0:
        assert calls == [4]  # both ranks' data
        assert result == 6.0
        assert broadcasts == [6.0]
    else:
        assert calls == []  # computed on rank 0 only
        assert result == 42.0
        assert broadcasts == [None]
