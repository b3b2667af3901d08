"""ClassificationReport: per-class precision, recall and F-beta plus their macro average."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import torch

from ignite.metrics.metric import MetricsResultMode
from ignite.metrics.metrics_lambda import MetricsLambda
from ignite_plugins_metrics._classification import CPU
from ignite_plugins_metrics.precision import Precision
from ignite_plugins_metrics.recall import Recall

__all__ = ["ClassificationReport"]

_EPS = 1e-15


class _Report:
    """Picklable builder of the report from per-class precision and recall tensors."""

    def __init__(self, beta: float, output_dict: bool, labels: list[str] | None) -> None:
        self.beta = beta
        self.output_dict = output_dict
        self.labels = labels

    def __call__(self, precision: torch.Tensor, recall: torch.Tensor) -> dict[str, Any] | str:
        beta2 = self.beta**2
        fbeta = (1 + beta2) * precision * recall / (beta2 * precision + recall + _EPS)
        n = precision.shape[0]
        if self.labels is not None and len(self.labels) != n:
            raise ValueError(
                f"ClassificationReport: {len(self.labels)} labels given for {n} classes; pass one name per class."
            )
        names = self.labels if self.labels is not None else [str(i) for i in range(n)]
        score = f"f{self.beta}-score"
        report: dict[str, Any] = {
            name: {"precision": p, "recall": r, score: f}
            for name, p, r, f in zip(names, precision.tolist(), recall.tolist(), fbeta.tolist(), strict=True)
        }
        report["macro avg"] = {
            "precision": precision.mean().item(),
            "recall": recall.mean().item(),
            score: fbeta.mean().item(),
        }
        return report if self.output_dict else json.dumps(report)


def ClassificationReport(
    beta: int = 1,
    output_dict: bool = False,
    output_transform: Callable[[Any], Any] = lambda x: x,
    device: str | torch.device = CPU,
    is_multilabel: bool = False,
    labels: list[str] | None = None,
    metrics_result_mode: MetricsResultMode = "both",
) -> MetricsLambda:
    """Per-class ``precision``, ``recall`` and ``f{beta}-score`` and their ``"macro avg"``, as a MetricsLambda.

    The result is a JSON string, or a dict when ``output_dict=True``; classes are named ``"0"``, ``"1"``...
    or by ``labels``. Inputs are those of :class:`~ignite_plugins_metrics.precision.Precision`
    (multiclass scores, or multilabel 0/1 data with ``is_multilabel=True``; binary data reports
    classes 0 and 1). ``metrics_result_mode`` says where a dict report goes in ``engine.state.metrics``
    (see :class:`~ignite.metrics.metric.Metric`).
    """
    precision = Precision(
        output_transform=output_transform, average=None, is_multilabel=is_multilabel, device=device
    )
    recall = Recall(
        output_transform=output_transform, average=None, is_multilabel=is_multilabel, device=device
    )
    return MetricsLambda(
        _Report(beta, output_dict, labels), precision, recall, metrics_result_mode=metrics_result_mode
    )
