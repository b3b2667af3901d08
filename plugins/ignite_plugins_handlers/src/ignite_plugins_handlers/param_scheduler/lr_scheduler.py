"""LRScheduler (a torch lr scheduler as an ignite handler) and create_lr_scheduler_with_warmup."""

from __future__ import annotations

import numbers
import warnings
from typing import Any

from torch.optim.lr_scheduler import LRScheduler as PyTorchLRScheduler

from ignite.engine import Engine
from ignite_plugins_handlers.param_scheduler._restore import preserved
from ignite_plugins_handlers.param_scheduler.base import ParamScheduler
from ignite_plugins_handlers.param_scheduler.concat import ConcatScheduler
from ignite_plugins_handlers.param_scheduler.param_group import ParamGroupScheduler
from ignite_plugins_handlers.param_scheduler.piecewise import PiecewiseLinear

__all__ = ["LRScheduler", "create_lr_scheduler_with_warmup"]


class LRScheduler(ParamScheduler):
    """Drive a ``torch.optim.lr_scheduler`` scheduler from an event (e.g. ``Events.ITERATION_COMPLETED``).

    Each call sets the learning rate the torch scheduler gives for its current step, then advances it.
    ``use_legacy=True`` keeps the pre-0.4.8 convention (attach to ``ITERATION_COMPLETED``; the first value of
    the optimizer is skipped).
    """

    def __init__(
        self, lr_scheduler: PyTorchLRScheduler, save_history: bool = False, use_legacy: bool = False
    ):
        if not isinstance(lr_scheduler, PyTorchLRScheduler):
            raise TypeError(
                "Argument lr_scheduler should be a subclass of torch.optim.lr_scheduler.LRScheduler, "
                f"but given {type(lr_scheduler)}"
            )
        self.lr_scheduler = lr_scheduler
        super().__init__(optimizer=lr_scheduler.optimizer, param_name="lr", save_history=save_history)
        if use_legacy:
            warnings.warn(
                "Please make sure to attach scheduler to Events.ITERATION_COMPLETED instead of "
                "Events.ITERATION_STARTED to make sure to use the first lr value from the optimizer, "
                "otherwise it will be skipped",
                stacklevel=2,
            )
            self.lr_scheduler.last_epoch += 1
        self._state_attrs += ["lr_scheduler"]

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        super().__call__(engine, name)
        self.lr_scheduler.last_epoch += 1

    def get_param(self) -> float | list[float]:
        """The learning rate(s) for the torch scheduler's current step."""
        sched: Any = self.lr_scheduler
        sched._get_lr_called_within_step = True
        try:
            lr_list = list(sched.get_lr())
        finally:
            sched._get_lr_called_within_step = False
        return lr_list[0] if len(lr_list) == 1 else lr_list

    @classmethod
    def simulate_values(  # type: ignore[override]
        cls, num_events: int, lr_scheduler: PyTorchLRScheduler, **kwargs: Any
    ) -> list[list[Any]]:
        """``[[i, lr], ...]``; ``lr_scheduler`` and its optimizer are left unchanged."""
        if not isinstance(lr_scheduler, PyTorchLRScheduler):
            raise TypeError(
                "Argument lr_scheduler should be a subclass of torch.optim.lr_scheduler.LRScheduler, "
                f"but given {type(lr_scheduler)}"
            )
        values = []
        with preserved([_TorchSchedulerState(lr_scheduler)]):
            scheduler = cls(lr_scheduler=lr_scheduler, save_history=False, **kwargs)
            for i in range(num_events):
                scheduler(engine=None)
                values.append([i, scheduler.optimizer_param_groups[0][scheduler.param_name]])
        return values


class _TorchSchedulerState:
    """Adapter so that :func:`preserved` saves a torch scheduler and its optimizer."""

    def __init__(self, scheduler: PyTorchLRScheduler) -> None:
        self._scheduler = scheduler
        self.optimizer = scheduler.optimizer

    def state_dict(self) -> dict[str, Any]:
        return self._scheduler.state_dict()

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self._scheduler.load_state_dict(state)


def create_lr_scheduler_with_warmup(
    lr_scheduler: ParamScheduler | PyTorchLRScheduler,
    warmup_start_value: float,
    warmup_duration: int,
    warmup_end_value: float | None = None,
    save_history: bool = False,
    output_simulated_values: list[Any] | None = None,
) -> ConcatScheduler:
    """Prepend a linear warm-up from ``warmup_start_value`` to ``warmup_end_value`` (default: the optimizer's
    learning rate) over ``warmup_duration`` events to ``lr_scheduler``. Attach the result to
    ``Events.ITERATION_STARTED``. ``output_simulated_values``, a list, is filled with ``[i, lr]`` rows."""
    if not isinstance(lr_scheduler, (ParamScheduler, PyTorchLRScheduler)):
        raise TypeError(
            "Argument lr_scheduler should be a subclass of torch.optim.lr_scheduler.LRScheduler or "
            f"ParamScheduler, but given {type(lr_scheduler)}"
        )
    if not isinstance(warmup_duration, numbers.Integral):
        raise TypeError(f"Argument warmup_duration should be integer, but given {warmup_duration}")
    if warmup_duration < 1:
        raise ValueError(f"Argument warmup_duration should be at least 1 events, but given {warmup_duration}")
    if output_simulated_values is not None and not isinstance(output_simulated_values, list):
        raise TypeError(
            f"Argument output_simulated_values should be a list of None, e.g. `[None] * 100`, "
            f"but given {type(output_simulated_values)}."
        )
    optimizer = lr_scheduler.optimizer
    main: ParamScheduler
    if isinstance(lr_scheduler, PyTorchLRScheduler):
        # Advance the torch scheduler: the warm-up's last value and its first value would otherwise repeat.
        lr_scheduler.last_epoch += 1
        main = LRScheduler(lr_scheduler, save_history=save_history)
        torch_initial = True
    else:
        main = lr_scheduler
        torch_initial = False

    warmup_schedulers: list[ParamScheduler] = []
    milestones_values: list[tuple[int, float]] = []
    for index, group in enumerate(optimizer.param_groups):
        end_value = group["lr"] if warmup_end_value is None else warmup_end_value
        milestones_values = [(0, warmup_start_value), (warmup_duration - 1, end_value)]
        if torch_initial:
            init_lr = group["lr"]
            if init_lr != end_value:
                milestones_values.append((warmup_duration, init_lr))
        else:
            init_lr = main.get_param()
            if isinstance(init_lr, list):
                init_lr = init_lr[index]
            if init_lr == end_value:
                if warmup_duration > 2:
                    step = (end_value - warmup_start_value) / (warmup_duration - 1)
                    milestones_values[-1] = (warmup_duration - 2, end_value - step)
                else:
                    milestones_values.pop(-1)
        warmup_schedulers.append(
            PiecewiseLinear(
                optimizer,
                param_name="lr",
                milestones_values=milestones_values,
                param_group_index=index,
                save_history=save_history,
            )
        )
    warmup = ParamGroupScheduler(warmup_schedulers, save_history=save_history)
    schedulers: list[ParamScheduler] = [warmup, main]
    durations = [milestones_values[-1][0] + 1]
    combined = ConcatScheduler(schedulers, durations=durations, save_history=save_history)
    if output_simulated_values is not None:
        result = ConcatScheduler.simulate_values(
            num_events=len(output_simulated_values), schedulers=schedulers, durations=durations
        )
        for i, row in enumerate(result):
            output_simulated_values[i] = row
    return combined
