"""FBResearchLogger: the lines it logs during a run."""

from __future__ import annotations

import logging

import pytest
import torch

from ignite.engine import Engine
from ignite.handlers import FBResearchLogger


def test_lines(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test_fbresearch")
    opt = torch.optim.SGD(
        [{"params": [torch.zeros(1, requires_grad=True)], "lr": 0.1}, {"params": [torch.zeros(1)], "lr": 0.2}]
    )
    engine = Engine(lambda e, b: {"loss": torch.tensor(0.5)})
    engine.state.beta = 2
    FBResearchLogger(logger, show_output=True).attach(
        engine, "Train", every=3, optimizer=opt, state_attributes=["beta"]
    )
    with caplog.at_level(logging.INFO, logger="test_fbresearch"):
        engine.run(range(6), max_epochs=2)
    lines = [r.getMessage() for r in caplog.records if r.name == "test_fbresearch"]
    assert lines[0] == "Train: start epoch [1/2]"
    assert lines[1].startswith(
        "Epoch [1/2]  [3/6]:  ETA: 0:00:00  lr [g0]: 0.10000  lr [g1]: 0.20000  loss: 0.5000  beta: 2"
    )
    assert "Iter time: " in lines[1] and "Data prep time: " in lines[1]
    assert lines[3].startswith("Train: Epoch [1/2]  Total time: ")
    assert lines[-1].startswith("Train: run completed  Total time: ")
    assert len(lines) == 2 * 4 + 1
