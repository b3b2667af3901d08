"""Metrics: the base API lives here; concrete metrics are provided by plugins (e.g. ``ignite-plugins-metrics``).

``from ignite.metrics import Accuracy`` resolves through the plugin registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.metrics.epoch_metric import EpochMetric, EpochMetricWarning
from ignite.metrics.metric import (
    BatchFiltered,
    BatchWise,
    EpochWise,
    Metric,
    MetricUsage,
    RunningBatchWise,
    RunningEpochWise,
    SingleEpochRunningBatchWise,
    reinit__is_reduced,
    sync_all_reduce,
)
from ignite.metrics.metric_group import MetricGroup
from ignite.metrics.metrics_lambda import MetricsLambda

if TYPE_CHECKING:  # plugin-provided names, for type checkers; regenerate with tools/gen_catalogue.py
    pass
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)
    from ignite_plugins_metrics.accuracy import Accuracy as Accuracy
    from ignite_plugins_metrics.loss import Loss as Loss
    from ignite_plugins_metrics.precision import Precision as Precision
    from ignite_plugins_metrics.recall import Recall as Recall
    # END GENERATED TYPE_CHECKING

__all__ = [
    "BatchFiltered",
    "BatchWise",
    "EpochMetric",
    "EpochMetricWarning",
    "EpochWise",
    "Metric",
    "MetricGroup",
    "MetricUsage",
    "MetricsLambda",
    "RunningBatchWise",
    "RunningEpochWise",
    "SingleEpochRunningBatchWise",
    "reinit__is_reduced",
    "sync_all_reduce",
]

from ignite.plugins.facade import facade_dir, facade_getattr

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
