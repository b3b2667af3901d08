"""RunningAverage: exponential moving average of a metric's per-batch value or of the engine's output."""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import torch

from ignite.metrics.metric import (
    Metric,
    MetricUsage,
    RunningBatchWise,
    SingleEpochRunningBatchWise,
    reinit__is_reduced,
)

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = ["RunningAverage"]

_RUNNING_BATCH_WISE = RunningBatchWise()


class RunningAverage(Metric):
    """``value = alpha * value + (1 - alpha) * new`` after every update; the first update sets ``value``.

    Either ``src`` is a metric, reset, updated and computed on every batch (its per-batch value is
    averaged), or ``src`` is None and ``output_transform`` maps the engine's output to a number or tensor
    (e.g. the loss). In a distributed run the output value is averaged over processes at each update.
    ``compute`` returns None before the first update. The default usage is
    :class:`~ignite.metrics.metric.RunningBatchWise` (reset once per run, computed every iteration).

    Args:
        src: the metric to average, or None to average the output.
        alpha: smoothing factor in ``(0, 1]``.
        output_transform: required when ``src`` is None, must be None otherwise.
        epoch_bound: deprecated; True means ``usage=SingleEpochRunningBatchWise()``, False ``RunningBatchWise()``,
            whatever usage ``attach``/``detach`` are given (as 0.5).
        device: where an output value is kept (must be None when ``src`` is a metric).
        skip_unrolling: see :class:`~ignite.metrics.metric.Metric`.
    """

    required_output_keys = None
    _state_dict_all_req_keys = ("_value", "src")

    def __init__(
        self,
        src: Metric | None = None,
        alpha: float = 0.98,
        output_transform: Callable[[Any], Any] | None = None,
        epoch_bound: bool | None = None,
        device: str | torch.device | None = None,
        skip_unrolling: bool = False,
    ) -> None:
        if not (isinstance(src, Metric) or src is None):
            raise TypeError(f"RunningAverage: src must be a Metric or None, got {type(src).__name__}.")
        if not (isinstance(alpha, (int, float)) and 0.0 < alpha <= 1.0):
            raise ValueError(f"RunningAverage: alpha must be a float in (0.0, 1.0], got {alpha!r}.")
        if isinstance(src, Metric):
            if output_transform is not None:
                raise ValueError(
                    "RunningAverage: output_transform must be None when src is a Metric "
                    "(the metric applies its own)."
                )
            if device is not None:
                raise ValueError("RunningAverage: device must be None when src is a Metric (it uses src's).")
            device = src._device
            transform: Callable[[Any], Any] = lambda x: x  # noqa: E731
        else:
            if output_transform is None:
                raise ValueError(
                    "RunningAverage: output_transform must map the engine's output to the value to average "
                    "when src is None, e.g. output_transform=lambda out: out['loss']."
                )
            transform = output_transform
            device = "cpu" if device is None else device
        self.src = src
        self.alpha = float(alpha)
        self._default_usage: MetricUsage = _RUNNING_BATCH_WISE
        self._epoch_bound = epoch_bound
        if epoch_bound is not None:
            warnings.warn(
                "RunningAverage: epoch_bound is deprecated; pass usage=SingleEpochRunningBatchWise() "
                "(epoch_bound=True) or usage=RunningBatchWise() (epoch_bound=False) to attach instead.",
                UserWarning,
                stacklevel=2,
            )
            self._default_usage = SingleEpochRunningBatchWise() if epoch_bound else _RUNNING_BATCH_WISE
        super().__init__(output_transform=transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._value: Any = None
        if isinstance(self.src, Metric):
            self.src.reset()

    def _blend(self, value: Any) -> None:
        if self._value is None:
            self._value = value
        else:
            self._value = self._value * self.alpha + (1.0 - self.alpha) * value

    @reinit__is_reduced
    def update(self, output: Any) -> None:
        """Blend in ``output`` (src None) or ``src.compute()`` (src a metric; ``output`` is ignored)."""
        if isinstance(self.src, Metric):
            self._blend(self.src.compute())
            return
        if isinstance(output, torch.Tensor):
            value: Any = output.detach().to(self._device)
        elif isinstance(output, numbers.Number):
            value = output
        else:
            raise TypeError(
                f"RunningAverage: the transformed output must be a number or a tensor, got "
                f"{type(output).__name__}."
            )
        import ignite.distributed as idist

        world_size = idist.get_world_size()
        if world_size > 1:
            if isinstance(value, torch.Tensor):
                value = idist.all_reduce(value.clone()) / world_size
            else:
                value = idist.all_reduce(float(value)) / world_size
        self._blend(value)

    def compute(self) -> Any:
        return self._value

    def iteration_completed(self, engine: Engine) -> None:
        if isinstance(self.src, Metric):
            self.src.reset()
            self.src.iteration_completed(engine)
            self.update(None)
        else:
            super().iteration_completed(engine)

    def attach(self, engine: Engine, name: str, usage: str | MetricUsage = _RUNNING_BATCH_WISE) -> None:
        """Attach with ``usage``; a deprecated ``epoch_bound`` given at creation overrides it (as 0.5)."""
        super().attach(engine, name, self._default_usage if self._epoch_bound is not None else usage)

    def detach(self, engine: Engine, usage: str | MetricUsage = _RUNNING_BATCH_WISE) -> None:
        """Detach the handlers ``usage`` placed (default :class:`RunningBatchWise`, the attach default)."""
        super().detach(engine, self._default_usage if self._epoch_bound is not None else usage)
