"""ConcatScheduler: run schedulers one after another for given durations."""

from __future__ import annotations

import numbers
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from ignite.engine import Engine
from ignite_plugins_handlers.param_scheduler._restore import preserved
from ignite_plugins_handlers.param_scheduler.base import ParamScheduler

__all__ = ["ConcatScheduler"]


def _optimizer_of(scheduler: ParamScheduler) -> list[Any]:
    opt = scheduler.optimizer
    return opt if isinstance(opt, list) else [opt]


class ConcatScheduler(ParamScheduler):
    """Run ``schedulers[0]`` for ``durations[0]`` events, then ``schedulers[1]``, ...; the last one runs on.

    All schedulers must drive the same optimizer and parameter name.
    """

    def __init__(
        self, schedulers: Sequence[ParamScheduler], durations: Sequence[int], save_history: bool = False
    ):
        if not isinstance(schedulers, Sequence):
            raise TypeError(f"Argument schedulers should be a sequence, but given {schedulers}")
        if len(schedulers) < 2:
            raise ValueError(
                f"Argument schedulers should be of more than one parameter schedulers, but given {schedulers}"
            )
        if not isinstance(durations, (list, tuple)):
            raise TypeError(f"Argument durations should be list/tuple, but given {durations}")
        if not all(isinstance(t, numbers.Integral) for t in durations):
            raise ValueError(f"Argument durations should be list/tuple of integers, but given {durations}")
        if len(schedulers) != len(durations) + 1:
            raise ValueError(
                "Incorrect number schedulers or duration values, given "
                f"{len(schedulers)} and {len(durations)}: there must be one duration less than schedulers"
            )
        for i, scheduler in enumerate(schedulers):
            if not isinstance(scheduler, ParamScheduler):
                raise TypeError(
                    f"Value at index {i} of schedulers should be a parameter scheduler, but given {type(scheduler)}"
                )
        if any(int(t) < 0 for t in durations):
            raise ValueError(f"Argument durations should be non-negative, but given {list(durations)}")
        optimizers = {id(o): o for s in schedulers for o in _optimizer_of(s)}
        if len(optimizers) != 1:
            raise ValueError("schedulers should be related to same optimizer")
        names = {
            n
            for s in schedulers
            for n in (s.param_name if isinstance(s.param_name, list) else [s.param_name])
        }
        if len(names) != 1:
            raise ValueError("schedulers should be related to same param_name")
        self.schedulers = list(schedulers)
        self.durations = [int(t) for t in durations]
        for s in self.schedulers:
            s.save_history = save_history
        super().__init__(next(iter(optimizers.values())), param_name=names.pop(), save_history=save_history)
        self._scheduler_index = 0
        self._setup_scheduler()
        self._state_attrs += ["_current_duration", "durations", "_scheduler_index"]

    @property
    def save_history(self) -> bool:
        return self._save_history

    @save_history.setter
    def save_history(self, value: bool) -> None:
        self._save_history = value
        for s in getattr(self, "schedulers", ()):
            s.save_history = value

    def _setup_scheduler(self) -> None:
        self._current_scheduler = self.schedulers[self._scheduler_index]
        self._current_duration = (
            self.durations[self._scheduler_index] if self._scheduler_index < len(self.durations) else -1
        )

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        if self._current_duration == 0:
            self._scheduler_index += 1
            self._setup_scheduler()
        self._current_scheduler(engine, name)
        self._current_duration -= 1

    @property
    def optimizer_param_groups(self) -> list[dict[str, Any]]:
        return self._current_scheduler.optimizer_param_groups

    def get_param(self) -> Any:
        return self._current_scheduler.get_param()

    def state_dict(self) -> OrderedDict[str, Any]:
        """Own counters plus ``schedulers``: the state dict of each scheduler."""
        result = super().state_dict()
        result["schedulers"] = [s.state_dict() for s in self.schedulers]
        return result

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        if not isinstance(state_dict, Mapping):
            raise TypeError(f"Argument state_dict should be a dictionary, but given {type(state_dict)}")
        if "schedulers" not in state_dict:
            raise ValueError(
                f"Required state attribute 'schedulers' is absent in provided state_dict '{state_dict.keys()}'"
            )
        sds = state_dict["schedulers"]
        if len(sds) != len(self.schedulers):
            raise ValueError(
                f"Input state_dict contains {len(sds)} state_dicts of concatenated schedulers, "
                f"whereas {len(self.schedulers)} are needed"
            )
        for s, sd in zip(self.schedulers, sds):
            s.load_state_dict(sd)
        super().load_state_dict({k: v for k, v in state_dict.items() if k != "schedulers"})
        self._current_scheduler = self.schedulers[self._scheduler_index]

    @classmethod
    def simulate_values(  # type: ignore[override]
        cls,
        num_events: int,
        schedulers: Sequence[ParamScheduler],
        durations: Sequence[int],
        param_names: list[str] | tuple[str, ...] | None = None,
        **kwargs: Any,
    ) -> list[list[Any]]:
        """``[[i, value...], ...]`` for ``num_events`` events; the given schedulers are left unchanged."""
        if param_names is not None and not isinstance(param_names, (list, tuple)):
            raise TypeError(f"Argument param_names should be list or tuple, but given {type(param_names)}")
        output = []
        with preserved(list(schedulers)):
            scheduler = cls(schedulers=schedulers, durations=durations, save_history=False, **kwargs)
            names = [scheduler.param_name] if param_names is None else list(param_names)
            for i in range(num_events):
                scheduler(engine=None)
                row: list[Any] = [i]
                for param_name in names:
                    row += [g[param_name] for g in scheduler.optimizer_param_groups]
                output.append(row)
        return output
