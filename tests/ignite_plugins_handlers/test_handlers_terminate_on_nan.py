"""TerminateOnNan on NaN/Inf in numbers, tensors and nested outputs of a real trainer."""

from __future__ import annotations

import math
from typing import Any

import pytest
import torch

from ignite.engine import Engine, Events
from ignite_plugins_handlers.terminate_on_nan import TerminateOnNan

NAN = float("nan")
INF = float("inf")


def _run(outputs: list[Any], handler: TerminateOnNan | None = None) -> Engine:
    trainer = Engine(lambda engine, batch: outputs[engine.state.iteration - 1])
    trainer.add_event_handler(Events.ITERATION_COMPLETED, handler or TerminateOnNan())
    trainer.run(range(len(outputs)), max_epochs=1)
    return trainer


@pytest.mark.parametrize(
    "bad",
    [
        NAN,
        INF,
        -INF,
        torch.tensor(NAN),
        torch.tensor([1.0, INF]),
        torch.tensor([[0.0, 1.0], [NAN, 2.0]], dtype=torch.float16),
        (1.0, torch.tensor([NAN])),
        [torch.ones(2), 3, -INF],
        {"loss": 0.1, "parts": [1.0, {"deep": torch.tensor([0.0, NAN])}]},
        torch.complex(torch.tensor([1.0]), torch.tensor([INF])),
    ],
    ids=lambda v: type(v).__name__,
)
def test_terminates_on_the_iteration_with_a_non_finite_value(bad: Any) -> None:
    trainer = _run([1.0, bad, 2.0, 3.0])
    assert trainer.state.iteration == 2


@pytest.mark.parametrize(
    "good",
    [
        1.0,
        0,
        torch.tensor(2.5),
        torch.tensor([1, 2, 3]),
        (torch.ones(3), 1.0, "nan", None),
        {"loss": torch.tensor(0.3), "name": "inf", "flag": True},
        [],
    ],
    ids=lambda v: type(v).__name__,
)
def test_finite_outputs_do_not_terminate(good: Any) -> None:
    trainer = _run([good] * 4)
    assert trainer.state.iteration == 4


def test_output_transform_selects_what_is_checked() -> None:
    outputs = [{"loss": 1.0, "debug": NAN}, {"loss": NAN, "debug": 0.0}, {"loss": 1.0, "debug": 0.0}]
    trainer = _run(outputs, TerminateOnNan(output_transform=lambda out: out["loss"]))
    assert trainer.state.iteration == 2


def test_logs_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING"):
        _run([math.nan])
    assert any("NaN or Inf" in record.getMessage() for record in caplog.records)


def test_output_transform_must_be_callable() -> None:
    with pytest.raises(TypeError, match="output_transform must be callable"):
        TerminateOnNan(output_transform=1)  # type: ignore[arg-type]
