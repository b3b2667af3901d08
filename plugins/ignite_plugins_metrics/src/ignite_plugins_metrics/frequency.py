"""Frequency: examples (or tokens) processed per second."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import torch

from ignite.engine.events import Events
from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, MetricUsage, reinit__is_reduced
from ignite_plugins_metrics._classification import CPU

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = ["Frequency"]


class Frequency(Metric):
    """Number of items per second since the last reset: ``update(n)`` adds ``n`` items.

    Attached, it resets at each epoch start, adds the transformed output of each iteration (e.g.
    ``output_transform=lambda out: out["ntokens"]``) and writes an int (items/s) at ``event_name``
    (default every iteration). ``compute`` returns a float. In a distributed run items are summed over
    processes and divided by the longest elapsed time.
    """

    required_output_keys = None
    _state_dict_all_req_keys = ()  # a rate over wall-clock time: nothing to checkpoint (as in 0.5)

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._n = 0
        self._start = time.perf_counter()

    @reinit__is_reduced
    def update(self, output: int) -> None:
        self._n += output

    def compute(self) -> float:
        import ignite.distributed as idist

        elapsed = time.perf_counter() - self._start
        n = float(self._n)
        if idist.get_world_size() > 1:
            n = idist.all_reduce(n)
            elapsed = idist.all_reduce(elapsed, op="MAX")
        if elapsed <= 0.0:
            raise NotComputableError("Frequency: no time has elapsed since reset().")
        return float(n) / elapsed

    def completed(self, engine: Engine, name: str) -> None:
        engine.state.metrics[name] = int(self.compute())

    def attach(self, engine: Engine, name: str, event_name: Any = Events.ITERATION_COMPLETED) -> None:
        """Reset at each epoch start, update every iteration, write ``engine.state.metrics[name]`` at ``event_name``."""
        super().attach(
            engine, name, MetricUsage(Events.EPOCH_STARTED, event_name, Events.ITERATION_COMPLETED)
        )
