"""``ignite.contrib.metrics``: pytorch-ignite 0.5 re-exports of the metrics that moved to :mod:`ignite.metrics`.
Its submodules (``ignite.contrib.metrics.roc_auc``, ``ignite.contrib.metrics.regression``, ...) warn that they
moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facades import facade

if TYPE_CHECKING:  # plugin names, for type checkers: python tools/gen_index.py
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_index.py)
    from ignite_plugins_metrics.average_precision import AveragePrecision as AveragePrecision  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.cohen_kappa import CohenKappa as CohenKappa  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.gpu_info import GpuInfo as GpuInfo  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.precision_recall_curve import PrecisionRecallCurve as PrecisionRecallCurve  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.roc_auc import ROC_AUC as ROC_AUC  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.roc_auc import RocCurve as RocCurve  # type: ignore[import-not-found, unused-ignore]
    # END GENERATED TYPE_CHECKING

__all__: list[str] = []

__getattr__, __dir__ = facade(__name__)
