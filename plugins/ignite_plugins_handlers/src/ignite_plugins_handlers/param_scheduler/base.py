"""BaseParamScheduler and ParamScheduler: the contract every parameter scheduler follows."""

from __future__ import annotations

import copy
import numbers
from abc import ABCMeta, abstractmethod
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import torch

from ignite.base import Serializable
from ignite.engine import Engine, Events

__all__ = ["BaseParamScheduler", "ParamScheduler", "check_int", "fake_optimizer", "record_history"]


def fake_optimizer(lr: float = 0.01) -> torch.optim.Optimizer:
    """A one-parameter SGD optimizer for :meth:`simulate_values`."""
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)


def check_int(name: str, value: Any, minimum: int) -> int:
    """``value`` as an int, or a ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"Argument {name} should be an integer >= {minimum}, but given {value!r}")
    return int(value)


def record_history(engine: Engine | None, name: str, value: Any) -> None:
    """Append ``value`` to ``engine.state.param_history[name]``."""
    if engine is None:
        return
    history = getattr(engine.state, "param_history", None)
    if history is None:
        history = {}
        setattr(engine.state, "param_history", history)  # noqa: B010
    history.setdefault(name, []).append(value)


class BaseParamScheduler(Serializable, metaclass=ABCMeta):
    """A handler changing a parameter at each event; ``get_param()`` gives the value for the current event.

    ``state_dict()`` holds the attributes listed in ``_state_attrs`` (objects with ``state_dict`` are saved
    through it), so a scheduler given to :class:`~ignite.handlers.Checkpoint` resumes where it was.
    """

    def __init__(self, param_name: str, save_history: bool = False) -> None:
        self.param_name = param_name
        self.event_index = 0
        self._save_history = save_history
        self._state_attrs = ["event_index", "param_name", "save_history"]

    @property
    def save_history(self) -> bool:
        return self._save_history

    @save_history.setter
    def save_history(self, value: bool) -> None:
        self._save_history = value

    @abstractmethod
    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        """Apply the value for the current event and advance."""

    @abstractmethod
    def get_param(self) -> Any:
        """The parameter value for the current event."""

    def state_dict(self) -> OrderedDict[str, Any]:
        """The attributes in ``_state_attrs``."""
        result: OrderedDict[str, Any] = OrderedDict()
        for name in self._state_attrs:
            if hasattr(self, name):
                value = getattr(self, name)
                if hasattr(value, "state_dict"):
                    value = value.state_dict()
                result[name] = copy.copy(value)
        return result

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore the attributes saved by :meth:`state_dict`."""
        if not isinstance(state_dict, Mapping):
            raise TypeError(f"Argument state_dict should be a dictionary, but given {type(state_dict)}")
        for name in self._state_attrs:
            if name not in state_dict:
                raise ValueError(
                    f"Required state attribute '{name}' is absent in provided state_dict '{state_dict.keys()}'"
                )
        unknown = [k for k in state_dict if k not in self._state_attrs]
        if unknown:
            raise ValueError(f"Unknown state attribute(s) {unknown} for {type(self).__name__}")
        for name, value in state_dict.items():
            obj = getattr(self, name, None)
            if obj is not None and hasattr(obj, "load_state_dict"):
                obj.load_state_dict(value)
            else:
                setattr(self, name, copy.copy(value))

    @classmethod
    @abstractmethod
    def simulate_values(cls, num_events: int, **scheduler_kwargs: Any) -> list[list[Any]]:
        """``[[event_index, value], ...]`` for ``num_events`` events of a fresh scheduler."""

    @classmethod
    def plot_values(cls, num_events: int, **scheduler_kwargs: Any) -> Any:
        """Plot :meth:`simulate_values` with matplotlib; returns what ``plt.plot`` returns."""
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:  # pragma: no cover - matplotlib is optional
            raise ModuleNotFoundError(
                "plot_values needs matplotlib: pip install matplotlib", name="matplotlib"
            ) from exc
        values = cls.simulate_values(num_events=num_events, **scheduler_kwargs)
        label = scheduler_kwargs.get("param_name", "learning rate")
        lines = plt.plot([row[0] for row in values], [row[1:] for row in values], label=label)
        plt.legend()
        plt.grid(which="both")
        return lines


class ParamScheduler(BaseParamScheduler):
    """Scheduler of an optimizer parameter (``param_name`` of its param groups, or of group
    ``param_group_index`` only). Attach to ``Events.ITERATION_STARTED`` (default of :meth:`attach`)."""

    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        param_name: str,
        save_history: bool = False,
        param_group_index: int | None = None,
    ) -> None:
        super().__init__(param_name, save_history)
        if not (
            isinstance(optimizer, torch.optim.Optimizer)
            or (hasattr(optimizer, "param_groups") and isinstance(optimizer.param_groups, (list, tuple)))
        ):
            raise TypeError(
                "Argument optimizer should be torch.optim.Optimizer or has attribute 'param_groups' as list/tuple, "
                f"but given {type(optimizer)}"
            )
        if param_group_index is not None and not (0 <= param_group_index < len(optimizer.param_groups)):
            raise ValueError(
                f"param_group_index {param_group_index} is out of range: the optimizer has "
                f"{len(optimizer.param_groups)} param group(s)"
            )
        self.optimizer = optimizer
        self.param_group_index = param_group_index
        self._state_attrs += ["param_group_index"]

    @property
    def optimizer_param_groups(self) -> list[dict[str, Any]]:
        groups = self.optimizer.param_groups
        return [groups[self.param_group_index]] if self.param_group_index is not None else list(groups)

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        value = self.get_param()
        groups = self.optimizer_param_groups
        if isinstance(value, list):
            if len(value) != len(groups):
                raise ValueError(
                    f"size of value is different than optimizer_param_groups {len(value)} != {len(groups)}"
                )
            for group, v in zip(groups, value):
                group[self.param_name] = v
        else:
            for group in groups:
                group[self.param_name] = value
        if self.save_history and engine is not None:
            record_history(
                engine, self.param_name if name is None else name, [g[self.param_name] for g in groups]
            )
        self.event_index += 1

    def attach(self, engine: Engine, event: Any = Events.ITERATION_STARTED) -> None:
        """Call this scheduler on ``engine``'s ``event``."""
        engine.add_event_handler(event, self)

    @classmethod
    def simulate_values(cls, num_events: int, **scheduler_kwargs: Any) -> list[list[Any]]:
        """Values over ``num_events`` events (``optimizer`` and ``save_history`` are ignored)."""
        for key in ("optimizer", "save_history"):
            scheduler_kwargs.pop(key, None)
        scheduler = cls(optimizer=fake_optimizer(), save_history=False, **scheduler_kwargs)
        values = []
        for i in range(num_events):
            scheduler(engine=None)
            values.append([i, scheduler.optimizer_param_groups[0][scheduler.param_name]])
        return values
