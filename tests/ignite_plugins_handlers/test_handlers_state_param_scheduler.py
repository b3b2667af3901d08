"""State-parameter schedulers: values, attach rules, history, state dicts, bad input."""

from __future__ import annotations

import pytest

from ignite.engine import Engine, Events
from ignite.handlers import (
    ExpStateScheduler,
    LambdaStateScheduler,
    MultiStepStateScheduler,
    PiecewiseLinearStateScheduler,
    StepStateScheduler,
)


def test_values() -> None:
    assert [
        v for _, v in ExpStateScheduler.simulate_values(3, initial_value=1.0, gamma=0.5, param_name="p")
    ] == [
        0.5,
        0.25,
        0.125,
    ]
    step = StepStateScheduler.simulate_values(6, initial_value=1.0, gamma=0.1, step_size=2, param_name="p")
    assert [v for _, v in step] == pytest.approx([1.0, 0.1, 0.1, 0.01, 0.01, 0.001])
    multi = MultiStepStateScheduler.simulate_values(
        5, initial_value=1.0, gamma=0.5, milestones=[2, 4], param_name="p"
    )
    assert [v for _, v in multi] == [1.0, 0.5, 0.5, 0.25, 0.25]
    lam = LambdaStateScheduler.simulate_values(3, lambda_obj=lambda i: i * 10, param_name="p")
    assert [v for _, v in lam] == [10, 20, 30]
    pw = PiecewiseLinearStateScheduler.simulate_values(
        5, milestones_values=[(1, 0.0), (3, 1.0)], param_name="p"
    )
    assert [v for _, v in pw] == [0.0, 0.5, 1.0, 1.0, 1.0]  # event_index starts at 1


def test_attach_history_and_resume() -> None:
    trainer = Engine(lambda e, b: None)
    s = ExpStateScheduler(
        initial_value=2.0, gamma=0.5, param_name="alpha", create_new=True, save_history=True
    )
    s.attach(trainer, Events.EPOCH_COMPLETED)
    trainer.run([0, 0], max_epochs=3)
    assert trainer.state.alpha == 0.25
    assert trainer.state.param_history["alpha"] == [1.0, 0.5, 0.25]
    fresh = ExpStateScheduler(initial_value=2.0, gamma=0.5, param_name="alpha")
    fresh.load_state_dict(s.state_dict())
    assert fresh.event_index == 3


def test_attach_rules_and_bad_input() -> None:
    trainer = Engine(lambda e, b: None)
    trainer.state.beta = 1.0
    with pytest.raises(ValueError, match="already exists"):
        ExpStateScheduler(1.0, 0.5, param_name="beta", create_new=True).attach(trainer)
    with pytest.warns(UserWarning, match="create_new=True"):
        StepStateScheduler(1.0, 0.5, 2, param_name="gamma_new").attach(trainer)
    assert trainer.state.gamma_new is None
    with pytest.raises(ValueError):
        LambdaStateScheduler(3, param_name="p")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="step_size"):
        StepStateScheduler(1.0, 0.5, 0, param_name="p")
    with pytest.raises(ValueError, match="increasing"):
        MultiStepStateScheduler(1.0, 0.5, [5, 2], param_name="p")
    with pytest.raises(ValueError):
        PiecewiseLinearStateScheduler([(3, 1.0), (1, 0.0)], param_name="p")
