"""Schedulers of an ``engine.state`` attribute: Lambda, PiecewiseLinear, Exp, Step and MultiStep."""

from __future__ import annotations

import itertools
import numbers
import warnings
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from ignite.engine import Engine, Events
from ignite_plugins_handlers.param_scheduler.base import BaseParamScheduler, check_int
from ignite_plugins_handlers.param_scheduler.piecewise import check_milestones_values, piecewise_value

__all__ = [
    "ExpStateScheduler",
    "LambdaStateScheduler",
    "MultiStepStateScheduler",
    "PiecewiseLinearStateScheduler",
    "StateParamScheduler",
    "StepStateScheduler",
]


class StateParamScheduler(BaseParamScheduler):
    """Sets ``engine.state.<param_name>`` to ``get_param()`` at each event (``event_index`` counts from 1).

    ``create_new=True`` creates the attribute (an existing one is an error); otherwise a missing attribute is
    created with a warning.
    """

    def __init__(self, param_name: str, save_history: bool = False, create_new: bool = False) -> None:
        super().__init__(param_name, save_history)
        self.create_new = create_new

    def attach(self, engine: Engine, event: Any = Events.ITERATION_COMPLETED) -> None:
        """Update the attribute on ``engine``'s ``event``."""
        if hasattr(engine.state, self.param_name):
            if self.create_new:
                raise ValueError(
                    f"Attribute '{self.param_name}' already exists in the engine.state. This may be a conflict "
                    "between multiple handlers. Please choose another name."
                )
        else:
            if not self.create_new:
                warnings.warn(
                    f"Attribute '{self.param_name}' is not defined in the engine.state. {type(self).__name__} will "
                    "create it. Remove this warning by setting create_new=True.",
                    stacklevel=2,
                )
            setattr(engine.state, self.param_name, None)
        if self.save_history:
            history = getattr(engine.state, "param_history", None)
            if history is None:
                history = {}
                setattr(engine.state, "param_history", history)  # noqa: B010
            history.setdefault(self.param_name, [])
        engine.add_event_handler(event, self)

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        self.event_index += 1
        value = self.get_param()
        if engine is None:
            return
        setattr(engine.state, self.param_name, value)
        if self.save_history:
            history = getattr(engine.state, "param_history", None)
            if history is None:
                history = {}
                setattr(engine.state, "param_history", history)  # noqa: B010
            history.setdefault(self.param_name, []).append(value)

    @classmethod
    def simulate_values(cls, num_events: int, **scheduler_kwargs: Any) -> list[list[Any]]:
        """``[[i, value], ...]`` over ``num_events`` events."""
        scheduler_kwargs.pop("save_history", None)
        scheduler = cls(save_history=False, **scheduler_kwargs)
        engine = Engine(lambda e, b: None)
        values = []
        for i in range(num_events):
            scheduler(engine=engine)
            values.append([i, getattr(engine.state, scheduler.param_name)])
        return values


class LambdaStateScheduler(StateParamScheduler):
    """Value ``lambda_obj(event_index)``."""

    def __init__(
        self,
        lambda_obj: Callable[[int], Any],
        param_name: str,
        save_history: bool = False,
        create_new: bool = False,
    ) -> None:
        super().__init__(param_name, save_history, create_new)
        if not callable(lambda_obj):
            raise ValueError("Expected lambda_obj to be callable.")
        self.lambda_obj = lambda_obj
        self._state_attrs += ["lambda_obj"]

    def get_param(self) -> Any:
        return self.lambda_obj(self.event_index)


class PiecewiseLinearStateScheduler(StateParamScheduler):
    """Piecewise-linear value through ``milestones_values = [(event_index, value), ...]``."""

    def __init__(
        self,
        milestones_values: list[tuple[int, float]],
        param_name: str,
        save_history: bool = False,
        create_new: bool = False,
    ) -> None:
        super().__init__(param_name, save_history, create_new)
        self.milestones, self.values = check_milestones_values(milestones_values)
        self._index = 0
        self._state_attrs += ["values", "milestones", "_index"]

    def get_param(self) -> float:
        return piecewise_value(self.milestones, self.values, self.event_index)


class ExpStateScheduler(StateParamScheduler):
    """Value ``initial_value * gamma ** event_index``."""

    def __init__(
        self,
        initial_value: float,
        gamma: float,
        param_name: str,
        save_history: bool = False,
        create_new: bool = False,
    ) -> None:
        super().__init__(param_name, save_history, create_new)
        self.initial_value = initial_value
        self.gamma = gamma
        self._state_attrs += ["initial_value", "gamma"]

    def get_param(self) -> float:
        return float(self.initial_value * self.gamma**self.event_index)


class StepStateScheduler(StateParamScheduler):
    """Value ``initial_value * gamma ** (event_index // step_size)``."""

    def __init__(
        self,
        initial_value: float,
        gamma: float,
        step_size: int,
        param_name: str,
        save_history: bool = False,
        create_new: bool = False,
    ) -> None:
        super().__init__(param_name, save_history, create_new)
        self.initial_value = initial_value
        self.gamma = gamma
        self.step_size = check_int("step_size", step_size, 1)
        self._state_attrs += ["initial_value", "gamma", "step_size"]

    def get_param(self) -> float:
        return float(self.initial_value * self.gamma ** (self.event_index // self.step_size))


class MultiStepStateScheduler(StateParamScheduler):
    """Value ``initial_value * gamma ** (number of milestones <= event_index)``."""

    def __init__(
        self,
        initial_value: float,
        gamma: float,
        milestones: Sequence[int],
        param_name: str,
        save_history: bool = False,
        create_new: bool = False,
    ) -> None:
        super().__init__(param_name, save_history, create_new)
        if not isinstance(milestones, Sequence) or not all(
            isinstance(m, numbers.Integral) and not isinstance(m, bool) for m in milestones
        ):
            raise ValueError(f"Argument milestones should be a list of integers, but given {milestones!r}")
        if any(b <= a for a, b in itertools.pairwise(milestones)):
            raise ValueError(
                f"Argument milestones should be strictly increasing, but given {list(milestones)}"
            )
        self.initial_value = initial_value
        self.gamma = gamma
        self.milestones = list(milestones)
        self._state_attrs += ["initial_value", "gamma", "milestones"]

    def get_param(self) -> float:
        return float(self.initial_value * self.gamma ** bisect_right(self.milestones, self.event_index))
