"""Average, GeometricAverage, VariableAccumulation, RunningAverage, Frequency and GpuInfo."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite.metrics.metric import RunningBatchWise, SingleEpochRunningBatchWise
from ignite_plugins_metrics.accumulation import Average, GeometricAverage, VariableAccumulation
from ignite_plugins_metrics.accuracy import Accuracy
from ignite_plugins_metrics.frequency import Frequency
from ignite_plugins_metrics.running_average import RunningAverage

values = st.lists(st.floats(0.01, 100.0), min_size=1, max_size=30)


@settings(max_examples=30, deadline=None)
@given(xs=values)
def test_averages_of_numbers_equal_float64_formulas(xs: list[float]) -> None:
    avg, geo = Average(), GeometricAverage()
    for x in xs:
        avg.update(x)
        geo.update(x)
    mean = avg.compute()
    assert isinstance(mean, torch.Tensor) and mean.dtype == torch.float64 and mean.ndim == 0
    assert mean.item() == pytest.approx(float(np.mean(xs)), rel=1e-12)
    assert isinstance(geo.compute(), float)
    assert geo.compute() == pytest.approx(math.exp(float(np.mean(np.log(xs)))), rel=1e-12)


def test_tensor_batches_average_elementwise_over_the_first_dim() -> None:
    avg = Average()
    avg.update(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    avg.update(torch.tensor([[3.0, 5.0]], dtype=torch.float32))
    result = avg.compute()
    assert result.dtype == torch.float64
    torch.testing.assert_close(result, torch.tensor([7 / 3, 11 / 3], dtype=torch.float64))
    geo = GeometricAverage()
    geo.update(torch.tensor([[1.0, 2.0], [3.0, 8.0]]))
    torch.testing.assert_close(geo.compute(), torch.tensor([3**0.5, 4.0], dtype=torch.float64))


def test_variable_accumulation_returns_accumulator_and_count() -> None:
    acc = VariableAccumulation(lambda a, x: a + x.sum(0))
    acc.update(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    total, count = acc.compute()
    torch.testing.assert_close(total, torch.tensor([4.0, 6.0], dtype=torch.float64))
    assert count == 2
    with pytest.raises(TypeError, match="op must be a callable"):
        VariableAccumulation(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"number or a torch\.Tensor"):
        Average().update("a")
    with pytest.raises(NotComputableError):
        Average().compute()
    with pytest.raises(NotComputableError):
        GeometricAverage().compute()


def test_running_average_of_output_and_of_metric() -> None:
    batches = [
        (torch.tensor([[0.9, 0.1]]), torch.tensor([0])),
        (torch.tensor([[0.9, 0.1]]), torch.tensor([1])),
        (torch.tensor([[0.1, 0.9]]), torch.tensor([1])),
    ]
    trainer = Engine(lambda engine, batch: batch)
    RunningAverage(Accuracy(), alpha=0.5).attach(trainer, "acc")
    RunningAverage(output_transform=lambda out: out[1].float().mean(), alpha=0.5).attach(trainer, "y")
    seen: list[tuple[float, float]] = []
    trainer.add_event_handler(
        Events.ITERATION_COMPLETED, lambda e: seen.append((e.state.metrics["acc"], e.state.metrics["y"]))
    )
    trainer.run(batches, max_epochs=2)
    expected_acc, expected_y, acc, y = [], [], None, None
    for _ in range(2):
        for scores, label in batches:
            a = float(scores.argmax(1).item() == label.item())
            acc = a if acc is None else 0.5 * acc + 0.5 * a
            y = float(label.item()) if y is None else 0.5 * y + 0.5 * float(label.item())
            expected_acc.append(acc)
            expected_y.append(y)
    assert [s[0] for s in seen] == pytest.approx(expected_acc)
    assert [s[1] for s in seen] == pytest.approx(expected_y)


def test_running_average_single_epoch_usage_restarts_each_epoch() -> None:
    trainer = Engine(lambda engine, batch: batch)
    RunningAverage(output_transform=lambda x: x, alpha=0.5).attach(
        trainer, "r", usage=SingleEpochRunningBatchWise()
    )
    seen: list[float] = []
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: seen.append(e.state.metrics["r"]))
    trainer.run([1.0, 3.0], max_epochs=2)
    assert seen == [1.0, 2.0, 1.0, 2.0]
    with pytest.warns(UserWarning, match="epoch_bound is deprecated"):
        RunningAverage(output_transform=lambda x: x, epoch_bound=True)


def test_running_average_argument_checks() -> None:
    with pytest.raises(ValueError, match="output_transform must map"):
        RunningAverage()
    with pytest.raises(ValueError, match="output_transform must be None"):
        RunningAverage(Accuracy(), output_transform=lambda x: x)
    with pytest.raises(ValueError, match="alpha must be"):
        RunningAverage(Accuracy(), alpha=0.0)
    with pytest.raises(TypeError, match="src must be a Metric or None"):
        RunningAverage(src=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="device must be None"):
        RunningAverage(Accuracy(), device="cpu")
    assert RunningAverage(output_transform=lambda x: x).compute() is None


def test_frequency_counts_items_per_second() -> None:
    freq = Frequency()
    freq.update(100)
    freq.update(50)
    value = freq.compute()
    assert isinstance(value, float) and value > 0
    trainer = Engine(lambda engine, batch: 10)
    Frequency(output_transform=lambda x: x).attach(trainer, "fps")
    state = trainer.run([0] * 5)
    assert isinstance(state.metrics["fps"], int) and state.metrics["fps"] > 0


def test_gpu_info_without_gpu_or_pynvml_raises_clear_error() -> None:
    from ignite_plugins_metrics.gpu_info import GpuInfo

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    with pytest.raises((RuntimeError, ModuleNotFoundError), match="GpuInfo needs"):
        GpuInfo()


def _running_values(metric: RunningAverage, **attach: Any) -> tuple[list[float], bool]:
    engine = Engine(lambda e, b: torch.tensor(float(b)))
    metric.attach(engine, "ra", **attach)
    values: list[float] = []
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: values.append(e.state.metrics["ra"]))
    engine.run([1, 2, 3], max_epochs=2)
    metric.detach(engine)  # the default usage of detach is the attach default, RunningBatchWise
    return values, metric.is_attached(engine, SingleEpochRunningBatchWise())


@pytest.mark.filterwarnings("ignore:RunningAverage. epoch_bound is deprecated")
def test_epoch_bound_overrides_usage_and_detach_defaults_to_running_batch_wise() -> None:
    running = [1.0, 1.5, 2.25, 1.625, 1.8125, 2.40625]
    per_epoch = [1.0, 1.5, 2.25, 1.0, 1.5, 2.25]
    assert _running_values(RunningAverage(output_transform=lambda x: x, alpha=0.5)) == (running, False)
    bound = RunningAverage(output_transform=lambda x: x, alpha=0.5, epoch_bound=True)
    assert _running_values(bound, usage=RunningBatchWise()) == (per_epoch, False)
    unbound = RunningAverage(output_transform=lambda x: x, alpha=0.5, epoch_bound=False)
    assert _running_values(unbound, usage=SingleEpochRunningBatchWise()) == (running, False)
    chosen = RunningAverage(output_transform=lambda x: x, alpha=0.5)
    assert _running_values(chosen, usage=SingleEpochRunningBatchWise())[0] == per_epoch
