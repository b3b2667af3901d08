"""BatchSizeScheduler: change a DataLoader's batch size between epochs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torch.utils.data import DataLoader

from ignite.engine import Engine, Events
from ignite_plugins_handlers.param_scheduler.base import BaseParamScheduler, record_history

__all__ = ["BatchSizeScheduler"]


class BatchSizeScheduler(BaseParamScheduler):
    """Set ``dataloader.batch_sampler.batch_size`` to ``scheduler_fn(event_index)`` at each event
    (``Events.EPOCH_STARTED`` by default); the new size applies from the next pass over the loader."""

    def __init__(
        self, dataloader: DataLoader[Any], scheduler_fn: Callable[[int], int], save_history: bool = False
    ) -> None:
        if not isinstance(dataloader, DataLoader):
            raise TypeError(
                f"Argument dataloader should be torch.utils.data.DataLoader, but given {type(dataloader)}"
            )
        if not callable(scheduler_fn):
            raise TypeError(f"Argument scheduler_fn should be callable, but given {type(scheduler_fn)}")
        if getattr(dataloader, "batch_sampler", None) is None or not hasattr(
            dataloader.batch_sampler, "batch_size"
        ):
            raise ValueError(
                "BatchSizeScheduler needs a DataLoader built with a batch size (a BatchSampler with a batch_size "
                "attribute); this one has none"
            )
        super().__init__("batch_size", save_history)
        self.dataloader = dataloader
        self.scheduler_fn = scheduler_fn

    def get_param(self) -> int:
        return int(self.scheduler_fn(self.event_index))

    def __call__(self, engine: Engine | None, name: str | None = None) -> None:
        value = self.get_param()
        if value < 1:
            raise ValueError(
                f"BatchSizeScheduler: scheduler_fn({self.event_index}) gave batch size {value}, not >= 1"
            )
        self.dataloader.batch_sampler.batch_size = value  # type: ignore[union-attr]
        if self.save_history:
            record_history(engine, self.param_name if name is None else name, value)
        self.event_index += 1

    def attach(self, engine: Engine, event: Any = Events.EPOCH_STARTED) -> None:
        """Call this scheduler on ``engine``'s ``event``."""
        engine.add_event_handler(event, self)

    @classmethod
    def simulate_values(cls, num_events: int, **scheduler_kwargs: Any) -> list[list[Any]]:
        """``[[i, scheduler_fn(i)], ...]``."""
        fn = scheduler_kwargs["scheduler_fn"]
        return [[i, int(fn(i))] for i in range(num_events)]
