"""EarlyStopping stopping real trainers: patience, min/max modes, thresholds, deprecated names, state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
import torch

from ignite.base import ResettableHandler, Serializable
from ignite.engine import Engine, Events
from ignite_plugins_handlers.early_stopping import EarlyStopping


def _train(scores: Sequence[float], **kwargs: Any) -> tuple[Engine, EarlyStopping]:
    """Run a trainer that validates after every epoch; the evaluator's score follows ``scores``."""
    trainer = Engine(lambda engine, batch: None)
    evaluator = Engine(lambda engine, batch: None)
    it = iter(scores)
    handler = EarlyStopping(score_function=lambda engine: next(it), trainer=trainer, **kwargs)
    evaluator.add_event_handler(Events.COMPLETED, handler)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0]))
    trainer.run([0, 1], max_epochs=len(scores))
    return trainer, handler


def test_max_mode_stops_after_patience() -> None:
    trainer, handler = _train([1.0, 2.0, 2.0, 1.5, 3.0, 4.0], patience=2)
    assert trainer.state.epoch == 4
    assert handler.counter == 2
    assert handler.best_score == 2.0


def test_improvement_resets_the_counter() -> None:
    trainer, handler = _train([1.0, 0.5, 2.0, 1.0, 3.0, 2.0], patience=2)
    assert trainer.state.epoch == 6
    assert handler.counter == 1


def test_min_mode() -> None:
    trainer, handler = _train([5.0, 4.0, 4.5, 4.2, 1.0], patience=2, mode="min")
    assert trainer.state.epoch == 4
    assert handler.best_score == 4.0
    trainer, _ = _train([5.0, 4.0, 3.0, 2.0, 1.0], patience=1, mode="min")
    assert trainer.state.epoch == 5


def test_abs_threshold_not_cumulative_measures_from_last_event() -> None:
    # each gain of 0.4 stays below the 0.5 threshold
    trainer, handler = _train([1.0, 1.4, 1.8, 2.2, 2.6], patience=3, threshold=0.5)
    assert trainer.state.epoch == 4
    assert handler.best_score == pytest.approx(2.2)


def test_abs_threshold_cumulative_measures_from_last_reset() -> None:
    trainer, handler = _train([1.0, 1.4, 1.8, 2.2, 2.6], patience=3, threshold=0.5, cumulative=True)
    assert trainer.state.epoch == 5
    assert handler.counter == 0
    assert handler.best_score == pytest.approx(2.6)


def test_rel_threshold_min_mode() -> None:
    # 10% of the best score must be gained: 9.5 and 9.2 are not enough
    trainer, _ = _train([10.0, 9.5, 9.2, 5.0], patience=2, threshold=0.1, threshold_mode="rel", mode="min")
    assert trainer.state.epoch == 3
    trainer, _ = _train([10.0, 8.9, 8.0, 7.1], patience=1, threshold=0.1, threshold_mode="rel", mode="min")
    assert trainer.state.epoch == 4


def test_rel_threshold_uses_absolute_value_of_negative_scores() -> None:
    # best -10, threshold 10%: improvement needs score > -9
    trainer, handler = _train([-10.0, -9.5, -8.0], patience=2, threshold=0.1, threshold_mode="rel")
    assert trainer.state.epoch == 3
    assert handler.counter == 0
    # a worse score is never an improvement, whatever the sign of the best score
    trainer, handler = _train([-10.0, -10.5, -20.0], patience=1, threshold=0.1, threshold_mode="rel")
    assert trainer.state.epoch == 2
    assert handler.best_score == -10.0


@pytest.mark.parametrize(
    ("old", "value", "new", "expected"),
    [
        ("min_delta", 0.25, "threshold", 0.25),
        ("min_delta_mode", "rel", "threshold_mode", "rel"),
        ("cumulative_delta", True, "cumulative", True),
    ],
)
def test_deprecated_names_are_accepted_with_a_warning(old: str, value: Any, new: str, expected: Any) -> None:
    trainer = Engine(lambda engine, batch: None)
    with pytest.warns(DeprecationWarning, match=f"'{old}' is deprecated.*'{new}'"):
        handler = EarlyStopping(patience=1, score_function=lambda e: 0.0, trainer=trainer, **{old: value})
    assert getattr(handler, new) == expected
    with pytest.warns(DeprecationWarning, match=old):
        assert getattr(handler, old) == expected


def test_deprecated_min_delta_behaves_like_threshold() -> None:
    with pytest.warns(DeprecationWarning):
        trainer, _ = _train([1.0, 1.4, 1.8, 2.2, 2.6], patience=3, min_delta=0.5)
    assert trainer.state.epoch == 4


def test_deprecated_names_win_over_new_ones() -> None:
    """As in pytorch-ignite 0.5.5: when both are given, the deprecated argument's value is used."""
    trainer = Engine(lambda engine, batch: None)
    with pytest.warns(DeprecationWarning, match="Please use 'threshold' instead"):
        handler = EarlyStopping(
            1,
            lambda e: 0.0,
            trainer,
            threshold=0.1,
            min_delta=0.2,
            threshold_mode="abs",
            min_delta_mode="rel",
            cumulative=False,
            cumulative_delta=True,
        )
    assert (handler.threshold, handler.threshold_mode, handler.cumulative) == (0.2, "rel", True)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"patience": 0}, ValueError, "patience should be positive integer"),
        ({"patience": 1.5}, ValueError, "patience should be positive integer"),
        ({"threshold": -0.1}, ValueError, "threshold should not be a negative number"),
        ({"threshold_mode": "relative"}, ValueError, "threshold_mode should be either 'abs' or 'rel'"),
        ({"mode": "maximum"}, ValueError, "mode should be either 'min' or 'max'"),
        ({"score_function": 3}, TypeError, "score_function should be a function"),
        ({"trainer": object()}, TypeError, "trainer should be an instance of Engine"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    args: dict[str, Any] = {
        "patience": 2,
        "score_function": lambda e: 0.0,
        "trainer": Engine(lambda e, b: None),
    }
    args.update(kwargs)
    with pytest.raises(error, match=match):
        EarlyStopping(**args)


def test_state_dict_round_trip_continues_patience() -> None:
    trainer = Engine(lambda engine, batch: None)
    scores = iter([1.0, 0.5, 0.4])
    handler = EarlyStopping(patience=3, score_function=lambda e: next(scores), trainer=trainer)
    assert isinstance(handler, Serializable) and isinstance(handler, ResettableHandler)
    evaluator = Engine(lambda engine, batch: None)
    handler(evaluator)
    handler(evaluator)
    state = handler.state_dict()
    assert dict(state) == {"counter": 1, "best_score": 1.0, "threshold_mode": "abs"}

    restored = EarlyStopping(patience=3, score_function=lambda e: 0.0, trainer=trainer)
    restored.load_state_dict(state)
    assert (restored.counter, restored.best_score) == (1, 1.0)
    restored(evaluator)
    restored(evaluator)
    assert restored.counter == 3
    assert trainer.should_terminate

    with pytest.raises(ValueError, match="best_score"):
        restored.load_state_dict({"counter": 0, "threshold_mode": "abs"})


def test_attach_and_reset_on_another_engine() -> None:
    trainer = Engine(lambda engine, batch: None)
    evaluator = Engine(lambda engine, batch: None)
    handler = EarlyStopping(patience=5, score_function=lambda e: -float(trainer.state.epoch), trainer=trainer)
    handler.attach(evaluator, reset_engine=trainer)
    assert evaluator.has_event_handler(handler, Events.COMPLETED)
    assert trainer.has_event_handler(handler.reset, Events.STARTED)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0]))
    trainer.run([0], max_epochs=3)
    assert handler.counter == 2
    assert handler.best_score == -1.0

    trainer.state.max_epochs = None  # restart from the beginning, as pytorch-ignite 0.5 requires
    trainer.run([0], max_epochs=1)  # a new run fires STARTED: the handler starts afresh
    assert handler.counter == 0
    assert handler.best_score == -1.0


def test_attach_without_reset_engine_resets_on_the_same_engine() -> None:
    """0.5.5 documents that ``reset`` is registered on ``engine`` when ``reset_engine`` is None."""
    trainer = Engine(lambda engine, batch: None)
    evaluator = Engine(lambda engine, batch: None)
    handler = EarlyStopping(patience=5, score_function=lambda e: 0.0, trainer=trainer)
    handler.attach(evaluator)
    assert evaluator.has_event_handler(handler, Events.COMPLETED)
    assert evaluator.has_event_handler(handler.reset, Events.STARTED)
    assert not trainer.has_event_handler(handler.reset, Events.STARTED)
    evaluator.run([0])
    evaluator.run([0])
    assert handler.counter == 0  # each evaluation run starts afresh


def test_reset() -> None:
    handler = EarlyStopping(patience=1, score_function=lambda e: 1.0, trainer=Engine(lambda e, b: None))
    handler.counter, handler.best_score = 4, 2.0
    handler.reset()
    assert (handler.counter, handler.best_score) == (0, None)


def test_tensor_scores_are_accepted() -> None:
    trainer, handler = _train([torch.tensor(0.5), torch.tensor(0.4), torch.tensor(0.45)], patience=2)
    assert trainer.state.epoch == 3
    assert handler.best_score == 0.5 and isinstance(handler.best_score, float)
