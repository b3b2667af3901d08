"""SubgroupAccuracyDifference and DemographicParityDifference."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.accuracy import Accuracy
from ignite_plugins_metrics.fairness.selection_rate import SelectionRate
from ignite_plugins_metrics.fairness.subgroup import SubgroupDifference

__all__ = ["DemographicParityDifference", "SubgroupAccuracyDifference"]


class SubgroupAccuracyDifference(SubgroupDifference):
    """Largest difference of :class:`~ignite.metrics.Accuracy` between the ``groups``."""

    def __init__(
        self,
        groups: Sequence[int],
        is_multilabel: bool = False,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: torch.device | str = CPU,
    ) -> None:
        super().__init__(
            Accuracy(is_multilabel=is_multilabel, device=device),
            groups,
            output_transform=output_transform,
            device=device,
        )


class DemographicParityDifference(SubgroupDifference):
    """Largest difference of :class:`SelectionRate` between the ``groups``, over all classes."""

    def __init__(
        self,
        groups: Sequence[int],
        is_multilabel: bool = False,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: torch.device | str = CPU,
    ) -> None:
        super().__init__(
            SelectionRate(is_multilabel=is_multilabel, device=device),
            groups,
            output_transform=output_transform,
            device=device,
        )
