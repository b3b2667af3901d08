"""create_supervised_tbptt_trainer: chunked updates equal to a hand-written truncated BPTT loop."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from ignite.contrib.engines import Tbptt_Events, create_supervised_tbptt_trainer
from ignite.contrib.engines.tbptt import Tbptt_Events as AliasEvents
from ignite.engine import Events


class RNNModel(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.RNN(2, 4)
        self.head = nn.Linear(4, 1)

    def forward(
        self, x: torch.Tensor, hidden: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        out, hidden = self.rnn(x, hidden)
        return self.head(out), hidden


def test_matches_manual_loop_and_fires_events() -> None:
    torch.manual_seed(0)
    model = RNNModel()
    reference = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    ref_opt = torch.optim.SGD(reference.parameters(), lr=0.05)
    loss_fn = nn.MSELoss()
    batches = [(torch.randn(6, 3, 2), torch.randn(6, 3, 1)) for _ in range(2)]

    trainer = create_supervised_tbptt_trainer(model, opt, loss_fn, tbtt_step=2)
    assert AliasEvents is Tbptt_Events
    counts = {"start": 0, "end": 0}
    trainer.add_event_handler(
        Tbptt_Events.TIME_ITERATION_STARTED, lambda e: counts.__setitem__("start", counts["start"] + 1)
    )
    trainer.add_event_handler(
        Tbptt_Events.TIME_ITERATION_COMPLETED, lambda e: counts.__setitem__("end", counts["end"] + 1)
    )
    outputs: list[float] = []
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: outputs.append(e.state.output))
    trainer.run(batches, max_epochs=1)
    assert counts == {"start": 6, "end": 6}

    expected: list[float] = []
    for x, y in batches:
        hidden = None
        losses = []
        for x_t, y_t in zip(x.split(2), y.split(2)):
            ref_opt.zero_grad()
            pred, hidden = reference(x_t, None if hidden is None else hidden.detach())
            loss = loss_fn(pred, y_t)
            loss.backward()
            ref_opt.step()
            losses.append(loss.item())
        expected.append(sum(losses) / len(losses))
    assert outputs == pytest.approx(expected)
    for p, q in zip(model.parameters(), reference.parameters()):
        assert torch.equal(p, q)


def test_bad_step() -> None:
    with pytest.raises(ValueError):
        create_supervised_tbptt_trainer(
            RNNModel(), torch.optim.SGD(RNNModel().parameters(), 0.1), nn.MSELoss(), 0
        )
