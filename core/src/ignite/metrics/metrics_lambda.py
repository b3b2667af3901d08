"""MetricsLambda: a metric computed by applying a function to other metrics' results."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import torch

from ignite.metrics.metric import _EPOCH_WISE, Metric, MetricsResultMode, MetricUsage, reinit__is_reduced

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = ["MetricsLambda"]


class MetricsLambda(Metric):
    """Apply ``f`` to the results of other metrics (and plain values) to obtain a new metric.

    ``reset`` resets every metric it depends on and ``update`` updates each of them once (even when a
    metric appears several times in a composition). ``attach`` attaches the dependencies too, but only
    partially: they are reset and updated by the engine, yet ``dep.is_attached(engine)`` stays False and
    nothing is written under their names. While attached, calling ``update`` by hand raises
    ``ValueError``, and so does attaching after ``update`` was called by hand without a ``reset``.
    If a dependency is detached, the lambda counts as detached too.

    .. code-block:: python

        precision = Precision(average=False)
        recall = Recall(average=False)
        f1 = MetricsLambda(lambda p, r: (2 * p * r / (p + r + 1e-20)).mean().item(), precision, recall)
        # equivalently: (precision * recall * 2 / (precision + recall + 1e-20)).mean()

    Args:
        f: the function computing the result from the materialized arguments.
        args: metrics (replaced by their ``compute()`` result) or any other values passed to ``f``.
        skip_unrolling: see :class:`~ignite.metrics.metric.Metric`.
        metrics_result_mode: see :class:`~ignite.metrics.metric.Metric`.
        kwargs: keyword arguments for ``f``, materialized like ``args``.
    """

    def __init__(
        self,
        f: Callable[..., Any],
        *args: Any,
        skip_unrolling: bool = False,
        metrics_result_mode: MetricsResultMode = "both",
        **kwargs: Any,
    ) -> None:
        if not callable(f):
            raise TypeError(f"MetricsLambda expects a callable as first argument, got {type(f).__name__}")
        self.function = f
        self.args = args
        self.kwargs = kwargs
        self.engine: Engine | None = None
        self._updated = False
        # empty while Metric.__init__ calls reset(): composing metrics must not reset them
        self._leaves: tuple[Metric, ...] = ()
        super().__init__(device="cpu", skip_unrolling=skip_unrolling, metrics_result_mode=metrics_result_mode)
        self._leaves = _collect_leaves(args, kwargs)

    @reinit__is_reduced
    def reset(self) -> None:
        """Reset every metric this one depends on."""
        for metric in self._leaves:
            metric.reset()
        self._updated = False

    @reinit__is_reduced
    def update(self, output: Any) -> None:
        """Update every metric this one depends on (each once) with ``output``."""
        if self.engine is not None:
            raise ValueError(
                "MetricsLambda is attached to an engine, which already updates the metrics it depends on; "
                "calling update() by hand would count the data twice. Detach it first."
            )
        for metric in self._leaves:
            metric.update(output)
        self._updated = True

    def compute(self) -> Any:
        """Apply the function to the computed dependencies (each metric computed once)."""
        return self._evaluate({})

    def _evaluate(self, cache: dict[int, Any]) -> Any:
        args = [_materialize(arg, cache) for arg in self.args]
        kwargs = {key: _materialize(value, cache) for key, value in self.kwargs.items()}
        return self.function(*args, **kwargs)

    def _attach_dependencies(self, engine: Engine, usage: MetricUsage) -> None:
        if self._updated:
            raise ValueError(
                "The metrics this MetricsLambda depends on were updated by hand; call reset() before attaching it "
                "to an engine, or keep using the reset/update/compute API"
            )
        for metric in self._leaves:
            metric._hold_updates(engine, usage, self)
        self.engine = engine

    def _detach_dependencies(self, engine: Engine, usage: MetricUsage) -> None:
        for metric in self._leaves:
            metric._release_updates(engine, usage, self)
        self.engine = None

    def is_attached(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> bool:
        """Whether this metric and all metrics it depends on are attached to ``engine`` with ``usage``."""
        usage = self._check_usage(usage)
        if not super().is_attached(engine, usage):
            return False
        return all(
            engine.has_event_handler(metric.started, usage.STARTED)
            and engine.has_event_handler(metric.iteration_completed, usage.ITERATION_COMPLETED)
            for metric in self._leaves
        )


def _collect_leaves(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Metric, ...]:
    """The distinct non-lambda metrics reachable from ``args``/``kwargs``, in order of first appearance."""
    leaves: dict[int, Metric] = {}
    for item in (*args, *kwargs.values()):
        if isinstance(item, MetricsLambda):
            for leaf in item._leaves:
                leaves.setdefault(id(leaf), leaf)
        elif isinstance(item, Metric):
            leaves.setdefault(id(item), item)
    return tuple(leaves.values())


def _materialize(item: Any, cache: dict[int, Any]) -> Any:
    if not isinstance(item, Metric):
        return item
    key = id(item)
    if key in cache:
        return cache[key]
    value = item._evaluate(cache) if isinstance(item, MetricsLambda) else item.compute()
    if isinstance(value, torch.Tensor):
        value = value.cpu()
    cache[key] = value
    return value
