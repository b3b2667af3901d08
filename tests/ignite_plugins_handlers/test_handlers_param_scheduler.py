"""Parameter schedulers: values, history, state_dict resume, plotting and input errors."""

from __future__ import annotations

import copy
import math
from typing import Any

import matplotlib
import pytest
import torch

from ignite.engine import Engine, Events
from ignite.handlers import (
    ConcatScheduler,
    CosineAnnealingScheduler,
    LinearCyclicalScheduler,
    LRScheduler,
    ParamGroupScheduler,
    PiecewiseLinear,
    ReduceLROnPlateauScheduler,
    create_lr_scheduler_with_warmup,
)
from ignite.handlers.param_scheduler import BatchSizeScheduler, ParamScheduler

matplotlib.use("Agg")


def _opt(lr: float = 0.1, groups: int = 1) -> torch.optim.Optimizer:
    params = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for _ in range(groups)]
    return torch.optim.SGD(params, lr=lr)


def _lrs(
    scheduler: Any, opt: torch.optim.Optimizer, n: int, event: Any = Events.ITERATION_STARTED
) -> list[float]:
    seen: list[float] = []
    trainer = Engine(lambda e, b: None)
    trainer.add_event_handler(event, scheduler)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: seen.append(opt.param_groups[0]["lr"]))
    trainer.run([0] * n, max_epochs=1)
    return seen


def test_linear_cyclical_values_and_history() -> None:
    opt = _opt()
    s = LinearCyclicalScheduler(opt, "lr", 1.0, 0.0, 4, save_history=True)
    trainer = Engine(lambda e, b: None)
    trainer.add_event_handler(Events.ITERATION_STARTED, s)
    trainer.run([0] * 6, max_epochs=1)
    assert trainer.state.param_history["lr"] == [[1.0], [0.5], [0.0], [0.5], [1.0], [0.5]]


def test_cosine_matches_formula_with_restarts() -> None:
    values = CosineAnnealingScheduler.simulate_values(
        12, param_name="lr", start_value=1.0, end_value=0.0, cycle_size=5
    )
    expected = [0.5 * (1 + math.cos(math.pi * (i % 5) / 5)) for i in range(12)]
    assert [v for _, v in values] == pytest.approx(expected)


def test_cyclical_warmup_and_mult() -> None:
    values = [
        v
        for _, v in LinearCyclicalScheduler.simulate_values(
            10,
            param_name="lr",
            start_value=0.0,
            end_value=1.0,
            cycle_size=4,
            warmup_duration=2,
            monotonic=True,
        )
    ]
    assert values == pytest.approx([0.0, 0.25, 0.5, 0.75, 1.0, 0.5, 0.0, 0.25, 0.5, 0.75])
    with pytest.raises(ValueError, match="monotonic"):
        LinearCyclicalScheduler(_opt(), "lr", 0.0, 1.0, 4, warmup_duration=2)
    with pytest.raises(ValueError, match="cycle_size"):
        CosineAnnealingScheduler(_opt(), "lr", 0.0, 1.0, 1)
    with pytest.raises(TypeError, match="optimizer"):
        CosineAnnealingScheduler(object(), "lr", 0.0, 1.0, 4)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make",
    [
        lambda o: LinearCyclicalScheduler(o, "lr", 1.0, 0.0, 5, cycle_mult=2, start_value_mult=0.5),
        lambda o: CosineAnnealingScheduler(o, "lr", 1.0, 0.1, 4),
        lambda o: PiecewiseLinear(o, "lr", [(0, 1.0), (5, 0.1), (9, 0.5)]),
        lambda o: LRScheduler(torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
        lambda o: create_lr_scheduler_with_warmup(torch.optim.lr_scheduler.ExponentialLR(o, 0.9), 0.0, 3),
        lambda o: create_lr_scheduler_with_warmup(CosineAnnealingScheduler(o, "lr", 0.1, 0.01, 5), 0.0, 4),
        lambda o: ConcatScheduler(
            [LinearCyclicalScheduler(o, "lr", 0.1, 0.5, 6), CosineAnnealingScheduler(o, "lr", 0.5, 0.0, 6)],
            [4],
        ),
    ],
)
def test_state_dict_resume_matches_uninterrupted(make: Any) -> None:
    """Stop after k events, save scheduler + optimizer, restore into fresh objects: same remaining values."""
    opt = _opt()
    full = _lrs(make(opt), opt, 20)
    opt_a = _opt()
    first = make(opt_a)
    part = _lrs(first, opt_a, 7)
    sd, opt_sd = copy.deepcopy(first.state_dict()), copy.deepcopy(opt_a.state_dict())
    opt_b = _opt()
    second = make(opt_b)
    second.load_state_dict(sd)
    opt_b.load_state_dict(opt_sd)
    rest = _lrs(second, opt_b, 13)
    assert part + rest == pytest.approx(full)


def test_param_group_scheduler_names_and_state() -> None:
    opt = _opt(groups=2)
    s1 = LinearCyclicalScheduler(opt, "lr", 0.1, 0.5, 4, param_group_index=0)
    s2 = PiecewiseLinear(opt, "lr", [(0, 1.0), (4, 0.0)], param_group_index=1)
    pg = ParamGroupScheduler([s1, s2], names=["a", "b"], save_history=True)
    trainer = Engine(lambda e, b: None)
    trainer.add_event_handler(Events.ITERATION_STARTED, pg)
    trainer.run([0] * 3, max_epochs=1)
    assert trainer.state.param_history["b"] == [[1.0], [0.75], [0.5]]
    sd = pg.state_dict()
    assert [n for n, _ in sd["schedulers"]] == ["a", "b"]
    with pytest.raises(ValueError):
        pg.load_state_dict({"schedulers": [("x", sd["schedulers"][0][1]), sd["schedulers"][1]]})
    with pytest.raises(ValueError):
        ParamGroupScheduler([s1, s2], names=["a"])


def test_concat_errors() -> None:
    opt = _opt()
    s1 = LinearCyclicalScheduler(opt, "lr", 0.1, 0.5, 4)
    s2 = CosineAnnealingScheduler(opt, "lr", 0.1, 0.5, 4)
    for schedulers, durations, exc in [
        ([s1], [], ValueError),
        ([s1, s2], [1, 2], ValueError),
        ([s1, s2], [-1], ValueError),
        ([s1, 3], [2], TypeError),
        ([s1, CosineAnnealingScheduler(_opt(), "lr", 0.1, 0.5, 4)], [2], ValueError),
        ([s1, CosineAnnealingScheduler(opt, "momentum", 0.1, 0.5, 4)], [2], ValueError),
    ]:
        with pytest.raises(exc):
            ConcatScheduler(schedulers, durations)  # type: ignore[arg-type]


def test_simulate_leaves_schedulers_untouched() -> None:
    opt = _opt()
    s1 = LinearCyclicalScheduler(opt, "lr", 0.1, 0.5, 4)
    s2 = CosineAnnealingScheduler(opt, "lr", 0.5, 0.0, 4)
    before = (s1.state_dict(), s2.state_dict(), opt.param_groups[0]["lr"])
    rows = ConcatScheduler.simulate_values(10, schedulers=[s1, s2], durations=[3])
    assert len(rows) == 10 and rows[0] == [0, pytest.approx(0.1)]
    assert (s1.state_dict(), s2.state_dict(), opt.param_groups[0]["lr"]) == before


@pytest.mark.parametrize(
    "milestones",
    [[], [(1, 0.1), (0, 0.2)], [(0.5, 0.1)], [(1, 0.1, 2)], 5],
)
def test_piecewise_impossible_milestones_fail_at_creation(milestones: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        PiecewiseLinear(_opt(), "lr", milestones_values=milestones)


def test_reduce_on_plateau_per_group_min_lr() -> None:
    opt = _opt(1.0, groups=2)
    s = ReduceLROnPlateauScheduler(
        opt, "loss", param_group_index=1, mode="min", factor=0.5, patience=0, min_lr=0.3
    )
    engine = Engine(lambda e, b: None)
    for loss in [1.0, 2.0, 2.0, 2.0]:
        engine.state.metrics["loss"] = loss
        s(engine)
    assert [g["lr"] for g in opt.param_groups] == [1.0, 0.3]
    with pytest.raises(ValueError, match="metrics"):
        s(Engine(lambda e, b: None))
    with pytest.raises(ValueError):
        ReduceLROnPlateauScheduler.simulate_values(3, metric_values=[1.0], init_lr=0.1)


def test_batch_size_scheduler_changes_loader_batches() -> None:
    loader = torch.utils.data.DataLoader(list(range(12)), batch_size=2)
    trainer = Engine(lambda e, b: len(b))
    sizes: list[int] = []
    BatchSizeScheduler(loader, lambda i: 2 + 2 * i, save_history=True).attach(trainer)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: sizes.append(e.state.output))
    trainer.run(loader, max_epochs=2)
    assert sizes == [2] * 6 + [4] * 6  # epoch 2: 3 batches of 4, then the loader restarts
    assert trainer.state.param_history["batch_size"] == [2, 4]
    with pytest.raises(TypeError):
        BatchSizeScheduler([1, 2], lambda i: 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch size"):
        BatchSizeScheduler(torch.utils.data.DataLoader(list(range(4)), batch_size=None), lambda i: 2)
    assert BatchSizeScheduler.simulate_values(3, scheduler_fn=lambda i: 8 * (i + 1)) == [
        [0, 8],
        [1, 16],
        [2, 24],
    ]


def test_plot_values_uses_matplotlib() -> None:
    import matplotlib.pyplot as plt

    lines = LinearCyclicalScheduler.plot_values(
        num_events=20, param_name="lr", start_value=1e-1, end_value=1e-3, cycle_size=10
    )
    assert len(lines[0].get_xdata()) == 20
    assert plt.gca().get_legend() is not None
    plt.close("all")


def test_scheduler_state_dict_errors() -> None:
    s = LinearCyclicalScheduler(_opt(), "lr", 1.0, 0.0, 10)
    with pytest.raises(TypeError):
        s.load_state_dict([1])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        s.load_state_dict({"a": 1})
    assert isinstance(s, ParamScheduler)
    lr = LRScheduler(torch.optim.lr_scheduler.StepLR(_opt(), 2))
    assert "lr_scheduler" in lr.state_dict()
    with pytest.raises(TypeError):
        LRScheduler(3)  # type: ignore[arg-type]
