"""SubgroupMetric and SubgroupDifference: a base metric computed separately for each subgroup of the data."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced
from ignite_plugins_metrics._history import CPU

__all__ = ["SubgroupDifference", "SubgroupMetric"]


class SubgroupMetric(Metric):
    """A copy of ``base_metric`` per group: ``update((y_pred, y, group_labels))`` routes each sample to the
    copy of its group (``group_labels`` of shape ``(N,)``); ``compute()`` gives ``{group: value}`` for the
    groups that received data (in every process, in a distributed run).
    """

    required_output_keys = ("y_pred", "y", "group_labels")
    _state_dict_all_req_keys = ("_group_counts", "_metrics")

    def __init__(
        self,
        base_metric: Metric,
        groups: Sequence[Any],
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        if not isinstance(base_metric, Metric):
            raise TypeError(f"base_metric should be a Metric, got {type(base_metric).__name__}")
        self._groups = list(groups)
        self._metrics = [copy.deepcopy(base_metric) for _ in self._groups]
        super().__init__(output_transform=output_transform, device=device)

    @reinit__is_reduced
    def reset(self) -> None:
        for metric in self._metrics:
            metric.reset()
        self._group_counts = torch.zeros(len(self._groups), dtype=torch.long)

    @reinit__is_reduced
    def update(self, output: Sequence[Any]) -> None:
        if not isinstance(output, Sequence) or len(output) != 3:
            raise TypeError(f"{type(self).__name__}.update expects (y_pred, y, group_labels)")
        y_pred, y, group_labels = output
        group_labels = torch.as_tensor(group_labels)
        if not (y_pred.shape[0] == y.shape[0] == group_labels.shape[0]):
            raise ValueError("y_pred, y, and group_labels must have the same batch size.")
        for index, (group, metric) in enumerate(zip(self._groups, self._metrics, strict=True)):
            mask = group_labels == group
            count = int(mask.sum())
            if count:
                metric.update((y_pred[mask], y[mask]))
                self._group_counts[index] += count

    def _present(self) -> list[int]:
        import ignite.distributed as idist

        counts = self._group_counts
        if idist.get_world_size() > 1:
            counts = idist.all_reduce(counts.clone())
        return [i for i, count in enumerate(counts.tolist()) if count > 0]

    def compute(self) -> dict[Any, Any]:
        return {self._groups[i]: self._metrics[i].compute() for i in self._present()}


class SubgroupDifference(SubgroupMetric):
    """Largest difference of ``base_metric`` between subgroups: ``max - min`` over the groups with data
    (for a tensor-valued metric, the largest such difference over its entries), as a float.
    ``NotComputableError`` until at least two groups have data."""

    def compute(self) -> float:  # type: ignore[override]
        values = list(super().compute().values())
        if not values:
            raise NotComputableError(
                "Fairness metrics must have at least one example before it can be computed."
            )
        if len(values) < 2:
            raise NotComputableError(
                "Fairness metrics require at least two unique subgroups to compute a disparity."
            )
        stacked = torch.stack([torch.as_tensor(v, dtype=torch.float64) for v in values])
        return float((stacked.max(dim=0).values - stacked.min(dim=0).values).max())
