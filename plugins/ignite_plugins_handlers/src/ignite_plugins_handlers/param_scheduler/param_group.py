"""ParamGroupScheduler: several schedulers (typically one per optimizer param group) driven as one."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from ignite.engine import Engine
from ignite_plugins_handlers.param_scheduler._restore import preserved
from ignite_plugins_handlers.param_scheduler.base import ParamScheduler

__all__ = ["ParamGroupScheduler"]


class ParamGroupScheduler(ParamScheduler):
    """Call every scheduler of ``schedulers`` at each event; history is kept under ``names``."""

    def __init__(
        self,
        schedulers: Sequence[ParamScheduler],
        names: Sequence[str] | None = None,
        save_history: bool = False,
    ) -> None:
        if not (isinstance(schedulers, Sequence) and all(isinstance(s, ParamScheduler) for s in schedulers)):
            raise ValueError(
                f"Argument schedulers should be a list/tuple of parameter schedulers, but given {schedulers}"
            )
        if names is None:
            names = [s.param_name for s in schedulers]
        if not (isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names)):
            raise ValueError(
                f"Argument names should be a list/tuple of parameter scheduler's names, but given {names}"
            )
        if len(names) != len(schedulers):
            raise ValueError(f"{len(schedulers)} should be equal {len(names)}")
        self.schedulers = list(schedulers)
        self.names = list(names)
        super().__init__(schedulers[0].optimizer, schedulers[0].param_name, save_history=save_history)
        self.optimizer = [s.optimizer for s in self.schedulers]  # type: ignore[assignment]
        self.param_name = [s.param_name for s in self.schedulers]  # type: ignore[assignment]
        self.save_history = save_history

    @property
    def save_history(self) -> bool:
        return self._save_history

    @save_history.setter
    def save_history(self, value: bool) -> None:
        self._save_history = value
        for s in getattr(self, "schedulers", ()):
            s.save_history = value

    @property
    def optimizer_param_groups(self) -> list[dict[str, Any]]:
        return [group for s in self.schedulers for group in s.optimizer_param_groups]

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        for scheduler, own_name in zip(self.schedulers, self.names):
            scheduler(engine, own_name)

    def get_param(self) -> list[Any]:
        return [s.get_param() for s in self.schedulers]

    def state_dict(self) -> OrderedDict[str, Any]:
        """``{"schedulers": [(name, state_dict), ...]}``."""
        return OrderedDict(
            [("schedulers", [(n, s.state_dict()) for n, s in zip(self.names, self.schedulers)])]
        )

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
                f"Input state_dict contains {len(sds)} state_dicts of param group schedulers, "
                f"whereas {len(self.schedulers)} are needed"
            )
        for req_name, s, (name, sd) in zip(self.names, self.schedulers, sds):
            if req_name != name:
                raise ValueError(
                    f"Name of scheduler from input state dict does not correspond to required one, {name} vs "
                    f"{req_name}"
                )
            s.load_state_dict(sd)

    @classmethod
    def simulate_values(  # type: ignore[override]
        cls, num_events: int, schedulers: Sequence[ParamScheduler], **kwargs: Any
    ) -> list[list[Any]]:
        """``[[i, get_param() of each scheduler...], ...]`` (values before each event's call); the given
        schedulers are left unchanged."""
        values = []
        with preserved(list(schedulers)):
            scheduler = cls(schedulers=schedulers, **kwargs)
            for i in range(num_events):
                row: list[Any] = [i]
                for value in scheduler.get_param():
                    row += value if isinstance(value, list) else [value]
                scheduler(engine=None)
                values.append(row)
        return values
