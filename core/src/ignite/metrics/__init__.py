"""Metrics: the base API lives here; concrete metrics are provided by plugins (e.g. ``ignite-plugins-metrics``).

``from ignite.metrics import Accuracy`` resolves through the plugin registry.
"""

from __future__ import annotations

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

from ignite.plugins.facade import facade_getattr

__getattr__ = facade_getattr(__name__)
