"""ReduceLROnPlateauScheduler: torch's ReduceLROnPlateau fed from ``engine.state.metrics``."""

from __future__ import annotations

from typing import Any

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

from ignite.engine import Engine
from ignite_plugins_handlers.param_scheduler.base import ParamScheduler

__all__ = ["ReduceLROnPlateauScheduler"]


class ReduceLROnPlateauScheduler(ParamScheduler):
    """Reduce the learning rate when ``engine.state.metrics[metric_name]`` stops improving.

    Attach it to an evaluator (e.g. ``Events.COMPLETED``); ``trainer``, if given, receives the history.
    ``**scheduler_kwargs`` go to ``torch.optim.lr_scheduler.ReduceLROnPlateau`` (``mode``, ``factor``,
    ``patience``, ``threshold``, ``min_lr``...).
    """

    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        metric_name: str,
        trainer: Engine | None = None,
        save_history: bool = False,
        param_group_index: int | None = None,
        **scheduler_kwargs: Any,
    ) -> None:
        super().__init__(optimizer, "lr", save_history=save_history, param_group_index=param_group_index)
        self.metric_name = metric_name
        self.trainer = trainer
        if "min_lr" in scheduler_kwargs and param_group_index is not None:
            min_lr = scheduler_kwargs["min_lr"]
            if not isinstance(min_lr, float):
                raise TypeError(
                    f"When param_group_index is given, min_lr should be a float, but given {type(min_lr)}"
                )
            per_group = [0.0] * len(optimizer.param_groups)
            per_group[param_group_index] = min_lr
            scheduler_kwargs["min_lr"] = per_group
        self.scheduler = ReduceLROnPlateau(optimizer, **scheduler_kwargs)
        self.scheduler._reduce_lr = self._reduce_lr  # type: ignore[method-assign]
        self._state_attrs += ["metric_name", "scheduler"]

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        metrics = getattr(getattr(engine, "state", None), "metrics", None)
        if not isinstance(metrics, dict) or self.metric_name not in metrics:
            raise ValueError(
                "Argument engine should have in its 'state', attribute 'metrics' which itself has the metric "
                f"{self.metric_name}."
            )
        self.scheduler.step(metrics[self.metric_name])
        super().__call__(self.trainer, name)

    def get_param(self) -> float | list[float]:
        lrs = [float(g["lr"]) for g in self.optimizer_param_groups]
        return lrs[0] if len(lrs) == 1 else lrs

    def _reduce_lr(self, epoch: Any) -> None:
        indices = (
            [self.param_group_index]
            if self.param_group_index is not None
            else list(range(len(self.optimizer.param_groups)))
        )
        for i in indices:
            group = self.optimizer.param_groups[i]
            old_lr = float(group["lr"])
            new_lr = max(old_lr * self.scheduler.factor, self.scheduler.min_lrs[i])
            if old_lr - new_lr > self.scheduler.eps:
                group["lr"] = new_lr

    @classmethod
    def simulate_values(  # type: ignore[override]
        cls, num_events: int, metric_values: list[float], init_lr: float, **scheduler_kwargs: Any
    ) -> list[list[Any]]:
        """``[[i, lr], ...]`` when the metric takes ``metric_values`` in turn."""
        if len(metric_values) != num_events:
            raise ValueError(
                "Length of argument metric_values should be equal to num_events. "
                f"{len(metric_values)} != {num_events}"
            )
        for key in ("optimizer", "metric_name", "save_history"):
            scheduler_kwargs.pop(key, None)
        param = torch.nn.Parameter(torch.zeros(1))
        optimizer = torch.optim.SGD([param], lr=init_lr)
        scheduler = cls(optimizer=optimizer, metric_name="metric", **scheduler_kwargs)
        engine = Engine(lambda _, __: None)
        values = []
        for i in range(num_events):
            engine.state.metrics["metric"] = metric_values[i]
            scheduler(engine=engine)
            values.append([i, optimizer.param_groups[0]["lr"]])
        return values
