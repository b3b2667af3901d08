"""MetricsLambda: a metric computed by applying a function to other metrics' results."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import torch

from ignite.base.mixins import Serializable
from ignite.metrics.metric import (
    _EPOCH_WISE,
    Metric,
    MetricsResultMode,
    MetricUsage,
    _export_state,
    reinit__is_reduced,
)

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = ["MetricsLambda"]


class MetricsLambda(Metric):
    """Apply ``f`` to the results of other metrics (and plain values) to obtain a new metric.

    Creating it resets the metrics it depends on (as pytorch-ignite does). ``reset`` resets them,
    ``update`` updates each of them once (even when a metric appears several times in a composition).
    ``attach`` registers the dependencies' reset/update handlers too, but nothing is written under their
    names (``dep.is_attached(engine)`` stays False); ``detach`` removes only this metric's compute handler.
    While attached, calling ``update`` by hand raises ``ValueError``, and so does attaching after
    ``update`` was called by hand without a ``reset``. If a dependency is detached, the lambda counts as
    detached too; attaching it again registers the dependency again. ``state_dict`` carries the
    dependencies' states.

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

    _state_dict_all_req_keys = ("_updated", "args", "kwargs")

    def __init__(
        self,
        f: Callable[..., Any],
        *args: Any,
        skip_unrolling: bool = False,
        metrics_result_mode: MetricsResultMode = "both",
        **kwargs: Any,
    ) -> None:
        self.function = f
        self.args = args
        self.kwargs = kwargs
        self.engine: Engine | None = None
        self._updated = False
        self._leaves: tuple[Metric, ...] = _collect_leaves(args, kwargs)
        super().__init__(device="cpu", skip_unrolling=skip_unrolling, metrics_result_mode=metrics_result_mode)

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

    def _attach_updates(self, engine: Engine, usage: MetricUsage) -> None:
        if self._updated:
            raise ValueError(
                "The metrics this MetricsLambda depends on were updated by hand; call reset() before attaching it "
                "to an engine, or keep using the reset/update/compute API"
            )
        for metric in self._leaves:
            metric._attach_updates(engine, usage)
        self.engine = engine

    def _updates_attached(self, engine: Engine, usage: MetricUsage) -> bool:
        return all(metric._updates_attached(engine, usage) for metric in self._leaves)

    def detach(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> None:
        """Remove this metric's compute handler; the dependencies' handlers stay, as in pytorch-ignite."""
        super().detach(engine, usage)
        self.engine = None

    def is_attached(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> bool:
        """Whether this metric is attached to ``engine`` with ``usage`` and its dependencies' updates are too."""
        usage = self._check_usage(usage)
        return super().is_attached(engine, usage) and self._updates_attached(engine, usage)

    def _state(self) -> OrderedDict[str, Any]:
        return OrderedDict(
            [
                ("_updated", self._updated),
                ("args", [_export_state(arg) for arg in self.args]),
                ("kwargs", {key: _export_state(value) for key, value in self.kwargs.items()}),
            ]
        )

    def _load_state(self, state: Mapping[str, Any]) -> None:
        Serializable.load_state_dict(self, state)
        stored_args, stored_kwargs = state["args"], state["kwargs"]
        if not isinstance(stored_args, (list, tuple)) or len(stored_args) != len(self.args):
            raise ValueError(
                f"MetricsLambda state has {len(stored_args) if isinstance(stored_args, (list, tuple)) else 'no'} "
                f"argument states but this MetricsLambda has {len(self.args)} arguments"
            )
        for arg, stored in zip(self.args, stored_args):
            if isinstance(arg, Metric):
                arg._load_state(stored)
        for key, value in self.kwargs.items():
            if isinstance(value, Metric):
                if key not in stored_kwargs:
                    raise ValueError(f"MetricsLambda state has no state for keyword argument {key!r}")
                value._load_state(stored_kwargs[key])
        self._updated = bool(state["_updated"])


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
