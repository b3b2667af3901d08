"""Worker for test_metrics_distributed: every metric of F's families on an uneven split of one dataset.

``cases()`` builds, for every metric, a factory and its list of batches; the test feeds all batches in
one process, the worker feeds rank 0 the first ``cut`` batches and rank 1 the rest.
"""

from __future__ import annotations

import torch
from _dist_cases import Case, run_ranks

from ignite.metrics import (
    FID,
    HSIC,
    NDCG,
    PSNR,
    SSIM,
    CosineSimilarity,
    Entropy,
    HitRate,
    InceptionScore,
    JSDivergence,
    KLDivergence,
    MaximumMeanDiscrepancy,
    MeanAbsoluteError,
    MeanPairwiseDistance,
    MeanSquaredError,
    MutualInformation,
    ObjectDetectionAvgPrecisionRecall,
    RootMeanSquaredError,
)
from ignite.metrics import regression as reg
from ignite.metrics.clustering import CalinskiHarabaszScore, DaviesBouldinScore, SilhouetteScore
from ignite.metrics.fairness import DemographicParityDifference, SelectionRate
from ignite.metrics.nlp import Bleu, CharacterErrorRate, Perplexity, Rouge

REGRESSION = [
    getattr(reg, name)
    for name in sorted(dir(reg))
    if name[0].isupper() and isinstance(getattr(reg, name), type)
]


def _split(tensors: tuple[torch.Tensor, ...], sizes: list[int]) -> list[tuple[torch.Tensor, ...]]:
    out, start = [], 0
    for size in sizes:
        out.append(tuple(t[start : start + size] for t in tensors))
        start += size
    return out


SIZES = [40, 33, 27, 30, 27]  # 157 samples; rank 0 gets the first 2 batches (73), rank 1 the last 3 (84)
CUT = 2


def cases() -> dict[str, Case]:
    g = torch.Generator().manual_seed(2024)
    n = sum(SIZES)
    y = torch.rand(n, generator=g) * 4 + 0.5
    y_pred = y + torch.randn(n, generator=g) * 0.7
    out: dict[str, Case] = {}
    reg_batches = _split((y_pred, y), SIZES)
    for cls in REGRESSION:
        out[cls.__name__] = (cls, reg_batches)
    vec = _split((torch.randn(n, 4, generator=g), torch.randn(n, 4, generator=g)), SIZES)
    for cls in (
        MeanAbsoluteError,
        MeanSquaredError,
        RootMeanSquaredError,
        MeanPairwiseDistance,
        CosineSimilarity,
    ):
        out[cls.__name__] = (cls, vec)
    for cls in (Entropy, MutualInformation, KLDivergence, JSDivergence, HSIC, MaximumMeanDiscrepancy):
        out[cls.__name__] = (cls, vec)
    images = _split((torch.rand(n, 1, 12, 12, generator=g), torch.rand(n, 1, 12, 12, generator=g)), SIZES)
    out["PSNR"] = (lambda: PSNR(1.0), images)
    out["SSIM"] = (lambda: SSIM(1.0, kernel_size=5), images)
    out["FID"] = (lambda: FID(num_features=4, feature_extractor=torch.nn.Identity()), vec)
    probs = torch.softmax(torch.randn(n, 5, generator=g), dim=1)
    out["InceptionScore"] = (
        lambda: InceptionScore(num_features=5, feature_extractor=torch.nn.Identity()),
        [p for (p,) in _split((probs,), SIZES)],
    )
    labels = torch.randint(0, 3, (n,), generator=g)
    feats = torch.randn(n, 2, generator=g) + labels[:, None]
    clusters = _split((feats, labels), SIZES)
    for cls in (SilhouetteScore, DaviesBouldinScore, CalinskiHarabaszScore):
        out[cls.__name__] = (cls, clusters)
    scores = torch.rand(n, 6, generator=g)
    relevance = torch.randint(0, 3, (n, 6), generator=g) * (torch.rand(n, 6, generator=g) < 0.4)
    ranking = _split((scores, relevance), SIZES)
    out["HitRate"] = (lambda: HitRate(top_k=[1, 3]), ranking)
    out["NDCG"] = (lambda: NDCG(top_k=[1, 3, 6]), ranking)
    logits = torch.randn(n, 3, generator=g)
    targets = torch.randint(0, 3, (n,), generator=g)
    groups = torch.randint(0, 3, (n,), generator=g)
    out["SelectionRate"] = (SelectionRate, _split((logits, targets), SIZES))
    out["DemographicParityDifference"] = (
        lambda: DemographicParityDifference(groups=[0, 1, 2]),
        _split((logits, targets, groups), SIZES),
    )
    out["Perplexity"] = (Perplexity, _split((logits, targets), SIZES))
    words = "abcdef"
    cand = [
        "".join(words[int(i)] for i in torch.randint(0, 6, (int(k),), generator=g))
        for k in torch.randint(1, 8, (n,), generator=g)
    ]
    refs = [
        "".join(words[int(i)] for i in torch.randint(0, 6, (int(k),), generator=g))
        for k in torch.randint(1, 8, (n,), generator=g)
    ]
    text = []
    start = 0
    for size in SIZES:
        text.append((cand[start : start + size], refs[start : start + size]))
        start += size
    out["CharacterErrorRate"] = (CharacterErrorRate, text)
    tokens = [([list(c) for c in cs], [[list(r)] for r in rs]) for cs, rs in text]
    out["Bleu-macro"] = (lambda: Bleu(ngram=2, smooth="smooth1"), tokens)
    out["Bleu-micro"] = (lambda: Bleu(ngram=2, smooth="smooth1", average="micro"), tokens)
    out["Rouge"] = (lambda: Rouge(variants=[1, "L"]), tokens)
    boxes = []
    for size in SIZES:
        images_pred, images_gt = [], []
        for _ in range(max(1, size // 10)):
            xy = torch.rand(3, 2, generator=g) * 50
            gt = torch.cat([xy, xy + 20], dim=1)
            det = gt + torch.randn(3, 4, generator=g) * 3
            images_pred.append(
                {
                    "bbox": det,
                    "confidence": torch.rand(3, generator=g),
                    "class": torch.randint(0, 2, (3,), generator=g),
                }
            )
            images_gt.append({"bbox": gt, "class": torch.randint(0, 2, (3,), generator=g)})
        boxes.append((images_pred, images_gt))
    out["ObjectDetectionAvgPrecisionRecall"] = (
        lambda: ObjectDetectionAvgPrecisionRecall(num_classes=2),
        boxes,
    )
    # rank 0 sees no batch at all: the history metrics must neither hang nor differ
    for name in (
        "SpearmanRankCorrelation",
        "KendallRankCorrelation",
        "MedianAbsoluteError",
        "GeometricMeanRelativeAbsoluteError",
        "SilhouetteScore",
        "ObjectDetectionAvgPrecisionRecall",
        "R2Score",
    ):
        out[name + "-rank0-idle"] = out[name]
    return out


def worker(local_rank: int, out_dir: str) -> None:
    run_ranks(cases(), CUT, out_dir)
