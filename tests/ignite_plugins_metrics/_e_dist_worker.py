"""Worker for test_metrics_distributed: the classification, loss and accumulation metrics on uneven splits.

``cases()`` builds, for every metric, a factory and its batches; the test feeds all batches in one process,
the worker feeds rank 0 the first ``CUT`` batches and rank 1 the rest (``-rank0-idle``: rank 0 gets none).
"""

from __future__ import annotations

from typing import Any

import torch
from _dist_cases import Case, run_ranks

from ignite.metrics import (
    ROC_AUC,
    Accuracy,
    Average,
    AveragePrecision,
    ClassificationReport,
    CohenKappa,
    ConfusionMatrix,
    Fbeta,
    GeometricAverage,
    Loss,
    MatthewsCorrCoef,
    MeanAveragePrecision,
    MultiLabelConfusionMatrix,
    Precision,
    PrecisionRecallCurve,
    Recall,
    RocCurve,
    TopKCategoricalAccuracy,
    mIoU,
)

SIZES = [40, 33, 27, 30, 27]  # 157 samples: rank 0 gets the first 2 batches (73), rank 1 the last 3 (84)
CUT = 2


def _split(tensors: tuple[torch.Tensor, ...]) -> list[tuple[torch.Tensor, ...]]:
    out, start = [], 0
    for size in SIZES:
        out.append(tuple(t[start : start + size] for t in tensors))
        start += size
    return out


def _miou() -> Any:
    return mIoU(ConfusionMatrix(5))


def cases() -> dict[str, Case]:
    g = torch.Generator().manual_seed(7)
    n = sum(SIZES)
    multiclass = _split((torch.rand(n, 5, generator=g), torch.randint(0, 5, (n,), generator=g)))
    binary = _split((torch.randint(0, 2, (n,), generator=g), torch.randint(0, 2, (n,), generator=g)))
    multilabel = _split((torch.randint(0, 2, (n, 3), generator=g), torch.randint(0, 2, (n, 3), generator=g)))
    scores = _split((torch.rand(n, generator=g), torch.randint(0, 2, (n,), generator=g)))
    ml_scores = _split((torch.rand(n, 3, generator=g), torch.randint(0, 2, (n, 3), generator=g)))
    labels = _split((torch.randint(0, 4, (n,), generator=g), torch.randint(0, 4, (n,), generator=g)))
    values = [batch[0][:, :2] for batch in multiclass]  # (N, 2): N examples of 2 values
    out: dict[str, Case] = {
        "Accuracy": (Accuracy, multiclass),
        "Accuracy-binary": (Accuracy, binary),
        "Accuracy-multilabel": (lambda: Accuracy(is_multilabel=True), multilabel),
        "Precision": (Precision, multiclass),
        "Precision-macro": (lambda: Precision(average="macro"), multiclass),
        "Recall-weighted": (lambda: Recall(average="weighted"), multiclass),
        "Recall-multilabel": (lambda: Recall(is_multilabel=True), multilabel),
        "Precision-samples": (lambda: Precision(average="samples", is_multilabel=True), multilabel),
        "Fbeta": (lambda: Fbeta(2.0), multiclass),
        "ClassificationReport": (lambda: ClassificationReport(output_dict=True), multiclass),
        "TopKCategoricalAccuracy": (lambda: TopKCategoricalAccuracy(k=2), multiclass),
        "ConfusionMatrix": (lambda: ConfusionMatrix(5), multiclass),
        "mIoU": (_miou, multiclass),
        "MultiLabelConfusionMatrix": (lambda: MultiLabelConfusionMatrix(3), multilabel),
        "Loss": (lambda: Loss(torch.nn.functional.cross_entropy), multiclass),
        "ROC_AUC": (ROC_AUC, scores),
        "ROC_AUC-multilabel": (ROC_AUC, ml_scores),
        "AveragePrecision": (AveragePrecision, scores),
        "RocCurve": (RocCurve, scores),
        "PrecisionRecallCurve": (PrecisionRecallCurve, scores),
        "MeanAveragePrecision": (MeanAveragePrecision, multiclass),
        "MatthewsCorrCoef": (MatthewsCorrCoef, labels),
        "CohenKappa": (lambda: CohenKappa(weights="quadratic"), labels),
        "Average": (Average, values),
        "GeometricAverage": (GeometricAverage, values),
    }
    for name in list(out):
        out[name + "-rank0-idle"] = out[name]
    return out


def worker(local_rank: int, out_dir: str) -> None:
    run_ranks(cases(), CUT, out_dir)
