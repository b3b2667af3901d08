"""Loss with real torch losses, kwargs from a 3-tuple output, engine attachment and errors."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine
from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.loss import Loss


def _data(gen: torch.Generator, sizes: list[int]) -> list[tuple[torch.Tensor, torch.Tensor]]:
    return [(torch.randn(n, 4, generator=gen), torch.randint(0, 4, (n,), generator=gen)) for n in sizes]


def test_weighted_average_of_batch_losses(gen: torch.Generator) -> None:
    batches = _data(gen, [3, 10, 1])
    loss = Loss(nn.CrossEntropyLoss())
    for batch in batches:
        loss.update(batch)
    y_pred = torch.cat([b[0] for b in batches])
    y = torch.cat([b[1] for b in batches])
    expected = nn.functional.cross_entropy(y_pred, y, reduction="sum").item() / len(y)
    assert loss.compute() == pytest.approx(expected, rel=1e-6)
    assert isinstance(loss.compute(), float)


def test_kwargs_from_three_tuple_output(gen: torch.Generator) -> None:
    y_pred, y = _data(gen, [8])[0]
    weight = torch.tensor([1.0, 2.0, 0.5, 3.0])
    loss = Loss(nn.functional.cross_entropy)
    loss.update((y_pred, y, {"weight": weight}))
    expected = nn.functional.cross_entropy(y_pred, y, weight=weight).item()
    assert loss.compute() == pytest.approx(expected, rel=1e-6)


def test_custom_batch_size(gen: torch.Generator) -> None:
    loss = Loss(nn.MSELoss(), batch_size=lambda y: 2 * len(y))
    loss.update((torch.ones(2, 3), torch.zeros(2, 3)))
    loss.update((torch.zeros(4, 3), torch.zeros(4, 3)))
    assert loss.compute() == pytest.approx((1.0 * 4 + 0.0 * 8) / 12)


def test_attached_to_evaluator(gen: torch.Generator) -> None:
    model = nn.Linear(4, 4)
    batches = _data(gen, [5, 5, 2])

    def step(engine: Engine, batch: tuple[torch.Tensor, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        with torch.no_grad():
            return model(batch[0]), batch[1]

    evaluator = Engine(step)
    Loss(nn.CrossEntropyLoss()).attach(evaluator, "nll")
    state = evaluator.run(batches)
    with torch.no_grad():
        logits = model(torch.cat([b[0] for b in batches]))
    expected = nn.functional.cross_entropy(logits, torch.cat([b[1] for b in batches])).item()
    assert state.metrics["nll"] == pytest.approx(expected, rel=1e-6)


def test_loss_graph_is_detached(gen: torch.Generator) -> None:
    y_pred = torch.randn(3, 4, generator=gen, requires_grad=True)
    loss = Loss(nn.CrossEntropyLoss())
    loss.update((y_pred, torch.tensor([0, 1, 2])))
    assert not loss._sum.requires_grad


def test_non_scalar_loss_raises() -> None:
    loss = Loss(nn.CrossEntropyLoss(reduction="none"))
    with pytest.raises(ValueError, match="did not return the average loss"):
        loss.update((torch.randn(3, 4), torch.tensor([0, 1, 2])))


def test_bad_output_and_arguments() -> None:
    loss = Loss(nn.MSELoss())
    with pytest.raises(ValueError, match=r"\(y_pred, y\)"):
        loss.update((torch.zeros(2),))
    with pytest.raises(TypeError, match="dict of loss_fn kwargs"):
        loss.update((torch.zeros(2), torch.zeros(2), [1]))
    with pytest.raises(TypeError, match="loss_fn must be callable"):
        Loss("mse")  # type: ignore[arg-type]


def test_not_computable_before_update() -> None:
    with pytest.raises(NotComputableError, match="Loss must have at least one example"):
        Loss(nn.MSELoss()).compute()


def test_state_dict_has_05_keys_and_keeps_host_side_sums() -> None:
    """Losses summed on the host are part of the checkpoint, under pytorch-ignite 0.5's keys."""
    loss = Loss(torch.nn.functional.mse_loss)
    loss.update((torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0])))
    state = loss.state_dict()
    assert sorted(state["__metric_state_per_rank"][0]) == ["_num_examples", "_sum"]
    restored = Loss(torch.nn.functional.mse_loss)
    restored.load_state_dict(state)
    assert restored.compute() == pytest.approx(2.5)
    assert loss.compute() == pytest.approx(2.5)


@pytest.mark.parametrize(
    "wrap",
    [
        lambda p, t: (p, t),
        lambda p, t: [p, t],
        lambda p, t: (p, t, None),
        lambda p, t: (p, t, {}),
        lambda p, t: [p, t, {"reduction": "mean"}],
    ],
)
def test_output_forms_give_the_same_average(wrap: Any, gen: torch.Generator) -> None:
    """Tuples and lists, with no, None, empty or explicit kwargs, all reach loss_fn the same way; an empty
    batch adds nothing."""
    batches = _data(gen, [6, 3])
    loss = Loss(nn.functional.cross_entropy)
    for y_pred, y in batches:
        loss.update(wrap(y_pred, y))
    loss.update(wrap(torch.zeros(0, 4), torch.zeros(0, dtype=torch.long)))
    y_pred, y = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    assert loss.compute() == pytest.approx(nn.functional.cross_entropy(y_pred, y).item(), rel=1e-6)
    assert loss._num_examples == 9
