"""MetricGroup: several metrics updated together and computed into one dict."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ignite.metrics.metric import Metric, _identity

__all__ = ["MetricGroup"]


class MetricGroup(Metric):
    """Group metrics so that they are reset, updated and attached as one.

    ``compute()`` returns ``{name: metric.compute()}``. Attached under ``"group"``, each result is stored
    as ``engine.state.metrics[name]`` and the whole dict as ``engine.state.metrics["group"]``.

    Args:
        metrics: names mapped to metric instances.
        output_transform: applied to the engine output first; each metric's own ``output_transform``
            is then applied to the result before its ``update``.
        skip_unrolling: see :class:`~ignite.metrics.metric.Metric`.
    """

    _state_dict_all_req_keys = ("metrics",)

    def __init__(
        self,
        metrics: Mapping[str, Metric],
        output_transform: Callable[[Any], Any] = _identity,
        skip_unrolling: bool = False,
    ) -> None:
        if not isinstance(metrics, Mapping):
            raise TypeError(
                f"metrics should be a dict of names to Metric instances, got {type(metrics).__name__}"
            )
        for name, metric in metrics.items():
            if not isinstance(name, str):
                raise TypeError(f"MetricGroup names should be str, got {name!r}")
            if not isinstance(metric, Metric):
                raise TypeError(
                    f"MetricGroup value for {name!r} should be a Metric, got {type(metric).__name__}"
                )
        self.metrics: dict[str, Metric] = dict(metrics)
        super().__init__(output_transform=output_transform, skip_unrolling=skip_unrolling)

    def reset(self) -> None:
        """Reset every metric of the group."""
        for metric in self.metrics.values():
            metric.reset()

    def update(self, output: Any) -> None:
        """Update every metric with ``output`` passed through its own ``output_transform``."""
        for metric in self.metrics.values():
            metric.update(metric._output_transform(output))

    def compute(self) -> dict[str, Any]:
        """Return ``{name: metric.compute()}``."""
        return {name: metric.compute() for name, metric in self.metrics.items()}
