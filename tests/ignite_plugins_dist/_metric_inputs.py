"""Inputs and constructors for every metric the metrics plugin registers, for test_metrics_sync.py.

``MAKERS`` generate a deterministic list of batches (``update`` arguments) of one input type. A metric uses
the makers named in ``HINTS`` (or tries the generic ones in order) and is built by ``FACTORIES`` (or
``cls()``). ``EXCLUDED`` lists metrics with no single-process equivalent to compare, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

BATCH_SIZES = (4, 3, 5, 2, 6)  # 20 samples; rank 0 gets the first 3 batches (12), rank 1 the last 2 (8)
RANK0_BATCHES = 3


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _batches(make: Callable[[torch.Generator, int], Any], seed: int = 0) -> list[Any]:
    g = _gen(seed)
    return [make(g, n) for n in BATCH_SIZES]


def regression() -> list[Any]:
    return _batches(lambda g, n: (torch.rand(n, generator=g) * 2 + 0.5, torch.rand(n, generator=g) * 2 + 0.5))


def regression_2d() -> list[Any]:
    return _batches(lambda g, n: (torch.rand(n, 3, generator=g), torch.rand(n, 3, generator=g)))


def binary() -> list[Any]:
    return _batches(lambda g, n: (torch.rand(n, generator=g), torch.randint(0, 2, (n,), generator=g)))


def binary_labels() -> list[Any]:
    return _batches(
        lambda g, n: (torch.randint(0, 2, (n,), generator=g), torch.randint(0, 2, (n,), generator=g))
    )


def multiclass() -> list[Any]:
    return _batches(lambda g, n: (torch.randn(n, 4, generator=g), torch.randint(0, 4, (n,), generator=g)))


def multilabel() -> list[Any]:
    return _batches(
        lambda g, n: (torch.randint(0, 2, (n, 3), generator=g), torch.randint(0, 2, (n, 3), generator=g))
    )


def segmentation() -> list[Any]:
    return _batches(
        lambda g, n: (torch.randn(n, 3, 4, 4, generator=g), torch.randint(0, 3, (n, 4, 4), generator=g))
    )


def values() -> list[Any]:
    return _batches(lambda g, n: torch.rand(n, generator=g) + 0.5)


def value_rows() -> list[Any]:
    return _batches(lambda g, n: torch.rand(n, 3, generator=g) + 0.5)


def images() -> list[Any]:
    return _batches(
        lambda g, n: (torch.rand(n, 1, 12, 12, generator=g), torch.rand(n, 1, 12, 12, generator=g))
    )


def features() -> list[Any]:
    return _batches(lambda g, n: (torch.randn(n, 3, generator=g), torch.randn(n, 3, generator=g)))


def clusters() -> list[Any]:
    return _batches(lambda g, n: (torch.randn(n, 3, generator=g), torch.arange(n) % 3))


def distributions() -> list[Any]:
    return _batches(
        lambda g, n: (torch.randn(n, 4, generator=g), torch.randn(n, 4, generator=g).softmax(dim=1))
    )


def ranking() -> list[Any]:
    return _batches(lambda g, n: (torch.rand(n, 5, generator=g), torch.randint(0, 2, (n, 5), generator=g)))


def fairness() -> list[Any]:
    return _batches(
        lambda g, n: (
            torch.randn(n, 2, generator=g),
            torch.randint(0, 2, (n,), generator=g),
            torch.randint(0, 2, (n,), generator=g),
        )
    )


def sentences() -> list[Any]:
    words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far"]

    def make(g: torch.Generator, n: int) -> Any:
        def sentence() -> list[str]:
            idx = torch.randint(0, len(words), (int(torch.randint(3, 7, (1,), generator=g)),), generator=g)
            return [words[i] for i in idx]

        return ([sentence() for _ in range(n)], [[sentence(), sentence()] for _ in range(n)])

    return _batches(make)


def sequences() -> list[Any]:
    return _batches(
        lambda g, n: (torch.randn(n, 6, 5, generator=g), torch.randint(0, 6, (n, 5), generator=g))
    )


def strings() -> list[Any]:
    words = ["cat", "cart", "dog", "dig", "mat", "at"]

    def make(g: torch.Generator, n: int) -> Any:
        pick = torch.randint(0, len(words), (2, n), generator=g).tolist()
        return ([words[i] for i in pick[0]], [words[i] for i in pick[1]])

    return _batches(make)


def detections() -> list[Any]:
    def make(g: torch.Generator, n: int) -> Any:
        preds, targets = [], []
        for _ in range(n):
            boxes = torch.rand(3, 2, generator=g) * 10
            boxes = torch.cat([boxes, boxes + torch.rand(3, 2, generator=g) * 5 + 1], dim=1)
            labels = torch.randint(0, 2, (3,), generator=g)
            preds.append(
                {
                    "bbox": boxes + torch.rand(3, 4, generator=g),
                    "confidence": torch.rand(3, generator=g),
                    "class": labels,
                }
            )
            targets.append({"bbox": boxes, "class": labels})
        return (preds, targets)

    return _batches(make)


MAKERS: dict[str, Callable[[], list[Any]]] = {
    "regression": regression,
    "binary": binary,
    "multiclass": multiclass,
    "multilabel": multilabel,
    "binary_labels": binary_labels,
    "regression_2d": regression_2d,
    "values": values,
    "value_rows": value_rows,
    "features": features,
    "clusters": clusters,
    "distributions": distributions,
    "ranking": ranking,
    "images": images,
    "segmentation": segmentation,
    "fairness": fairness,
    "sentences": sentences,
    "sequences": sequences,
    "detections": detections,
    "strings": strings,
}
GENERIC = (
    "regression",
    "multiclass",
    "binary",
    "multilabel",
    "values",
    "features",
    "distributions",
    "ranking",
)


def _factories() -> dict[str, Callable[[type[Any]], Any]]:
    ce = nn.CrossEntropyLoss()

    def accuracy() -> Any:
        from ignite.metrics import Accuracy

        return Accuracy()

    def cm(cls: type[Any]) -> Any:
        from ignite.metrics import ConfusionMatrix

        return cls(ConfusionMatrix(num_classes=4))

    return {
        "Loss": lambda cls: cls(ce),
        "ConfusionMatrix": lambda cls: cls(num_classes=4),
        "MultiLabelConfusionMatrix": lambda cls: cls(num_classes=3),
        "IoU": cm,
        "mIoU": cm,
        "JaccardIndex": cm,
        "DiceCoefficient": cm,
        "cmAccuracy": cm,
        "cmPrecision": cm,
        "cmRecall": cm,
        "Fbeta": lambda cls: cls(beta=2.0),
        "TopKCategoricalAccuracy": lambda cls: cls(k=2),
        "VariableAccumulation": lambda cls: cls(op=lambda acc, x: acc + x.sum()),
        "PSNR": lambda cls: cls(data_range=1.0),
        "SSIM": lambda cls: cls(data_range=1.0, kernel_size=(3, 3)),
        "FID": lambda cls: cls(num_features=3, feature_extractor=nn.Identity()),
        "ClassificationReport": lambda cls: cls(output_dict=True),
        "InceptionScore": lambda cls: cls(num_features=3, feature_extractor=nn.Softmax(dim=1)),
        "NDCG": lambda cls: cls(top_k=[2, 4]),
        "DemographicParityDifference": lambda cls: cls(groups=[0, 1]),
        "SubgroupAccuracyDifference": lambda cls: cls(groups=[0, 1]),
        "SubgroupDifference": lambda cls: cls(accuracy(), groups=[0, 1]),
        "SubgroupMetric": lambda cls: cls(accuracy(), groups=[0, 1]),
    }


FACTORIES = _factories()

HINTS: dict[str, tuple[str, ...]] = {
    "ConfusionMatrix": ("multiclass",),
    "IoU": ("multiclass",),
    "mIoU": ("multiclass",),
    "JaccardIndex": ("multiclass",),
    "DiceCoefficient": ("multiclass",),
    "cmAccuracy": ("multiclass",),
    "cmPrecision": ("multiclass",),
    "cmRecall": ("multiclass",),
    "CohenKappa": ("binary_labels",),
    "MatthewsCorrCoef": ("binary_labels", "multiclass"),
    "PSNR": ("images",),
    "SSIM": ("images",),
    "Bleu": ("sentences",),
    "Rouge": ("sentences",),
    "RougeL": ("sentences",),
    "RougeN": ("sentences",),
    "FID": ("features",),
    "CommonObjectDetectionMetrics": ("detections",),
    "ObjectDetectionAvgPrecisionRecall": ("detections",),
    "Perplexity": ("sequences",),
    "SilhouetteScore": ("clusters",),
    "CalinskiHarabaszScore": ("clusters",),
    "DaviesBouldinScore": ("clusters",),
    "DemographicParityDifference": ("fairness",),
    "SelectionRate": ("multiclass",),
    "Average": ("value_rows",),
    "GeometricAverage": ("value_rows",),
    "VariableAccumulation": ("values",),
    "CharacterErrorRate": ("strings",),
    "InceptionScore": ("value_rows",),
    "SubgroupAccuracyDifference": ("fairness",),
    "SubgroupDifference": ("fairness",),
    "SubgroupMetric": ("fairness",),
}

EXCLUDED: dict[str, str] = {
    "RunningAverage": "a running metric: each iteration averages over the ranks, no single-process equivalent",
    "Frequency": "counts items per second of wall-clock time",
    "GpuInfo": "reads the GPU's memory and utilisation, not data",
    "InceptionModel": "a feature extractor (nn.Module), not a metric",
}
