"""Differential fuzz of F's metric families: prints one JSON object ``{case: value or "EXC <type>"}``.

Uses only pytorch-ignite 0.5's public API, so it runs under 0.5.5 and under this implementation;
test_differential_f.py compares the two outputs. Seeded random data: 15 ordinary datasets (some with
ties) and 40 tiny ones (1 to 5 samples), each cut into up to 3 batches; FID, InceptionScore, the
median errors, 3-D inputs and 3-D SSIM on 20 more.
"""

import itertools
import json
import random
import warnings

import torch

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
    RootMeanSquaredError,
)
from ignite.metrics import regression as reg
from ignite.metrics.clustering import CalinskiHarabaszScore, DaviesBouldinScore, SilhouetteScore
from ignite.metrics.fairness import DemographicParityDifference, SelectionRate, SubgroupAccuracyDifference
from ignite.metrics.nlp import Bleu, CharacterErrorRate, Perplexity, Rouge

warnings.simplefilter("ignore")
OUT = {}
REGRESSION = [
    getattr(reg, n) for n in sorted(dir(reg)) if n[0].isupper() and isinstance(getattr(reg, n), type)
]
REGRESSION += [MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError]


def plain(v):
    if isinstance(v, torch.Tensor):
        return v.double().reshape(-1).tolist()
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return float(v)


def run(key, make, batches):
    try:
        metric = make()
        for batch in batches:
            metric.update(batch)
        OUT[key] = plain(metric.compute())
    except Exception as e:
        OUT[key] = "EXC " + type(e).__name__


def cut(tensors, bounds):
    return [tuple(t[a:b] for t in tensors) for a, b in itertools.pairwise(bounds)]


def families(tag, seed, low, high):
    g = torch.Generator().manual_seed(seed)
    rnd = random.Random(seed)
    n = rnd.randint(low, high)
    key = f"{tag}{seed}-"
    y = torch.rand(n, generator=g) * 5 + 0.2
    if seed % 3 == 0:
        y = (y * 2).round() / 2
    yp = y + torch.randn(n, generator=g)
    if seed % 4 == 0:
        yp = (yp * 2).round() / 2
    cuts = sorted(rnd.sample(range(1, n), min(2, n - 1))) if n > 2 else []
    bounds = [0, *cuts, n]
    for cls in REGRESSION:
        run(key + cls.__name__, cls, cut((yp, y), bounds))
    run(key + "kendall-c", lambda: reg.KendallRankCorrelation(variant="c"), cut((yp, y), bounds))
    c = rnd.randint(2, 5)
    a = torch.randn(n, c, generator=g) * 2
    b = torch.randn(n, c, generator=g) * 2
    for cls in (
        Entropy,
        MutualInformation,
        KLDivergence,
        JSDivergence,
        CosineSimilarity,
        MeanPairwiseDistance,
        MaximumMeanDiscrepancy,
        HSIC,
    ):
        run(key + cls.__name__, cls, cut((a, b), bounds))
    run(key + "HSIC-sigmas", lambda: HSIC(sigma_x=1.3, sigma_y=0.7), cut((a, b), bounds))
    labels = torch.randint(0, c, (n,), generator=g)
    for cls in (SilhouetteScore, DaviesBouldinScore, CalinskiHarabaszScore):
        run(key + cls.__name__, cls, cut((a, labels), bounds))
    relevance = torch.randint(0, 4, (n, c), generator=g).float()
    ks = sorted(set(rnd.sample(range(1, c + 1), min(2, c))))
    threshold, gain = rnd.choice([1.0, 2.0]), rnd.choice(["exp_rank", "linear_rank"])
    run(
        key + "HitRate",
        lambda: HitRate(top_k=ks, ignore_zero_hits=bool(seed % 2)),
        cut((a, relevance), bounds),
    )
    run(
        key + "NDCG",
        lambda: NDCG(
            top_k=ks, ignore_zero_hits=bool(seed % 2), relevance_threshold=threshold, gain_function=gain
        ),
        cut((a, relevance), bounds),
    )
    groups = torch.randint(0, 3, (n,), generator=g)
    run(key + "SAD", lambda: SubgroupAccuracyDifference(groups=[0, 1, 2]), cut((a, labels, groups), bounds))
    run(key + "DPD", lambda: DemographicParityDifference(groups=[0, 1, 2]), cut((a, labels, groups), bounds))
    run(key + "SelectionRate", SelectionRate, cut((a, labels), bounds))
    run(key + "Perplexity", Perplexity, cut((a, labels), bounds))
    imgs = torch.rand(n, 2, 9, 9, generator=g)
    imgs2 = (imgs + 0.2 * torch.rand(n, 2, 9, 9, generator=g)).clamp(0, 1)
    run(key + "PSNR", lambda: PSNR(1.0), cut((imgs, imgs2), bounds))
    size, sigma, gaussian = rnd.choice([3, 5, 7]), rnd.choice([0.8, 1.5]), bool(seed % 2)
    run(
        key + "SSIM",
        lambda: SSIM(1.0, kernel_size=size, sigma=sigma, gaussian=gaussian),
        cut((imgs, imgs2), bounds),
    )
    vocab = "abcd"
    cands = [[rnd.choice(vocab) for _ in range(rnd.randint(1, 8))] for _ in range(n)]
    refs = [
        [[rnd.choice(vocab) for _ in range(rnd.randint(1, 8))] for _ in range(rnd.randint(1, 3))]
        for _ in range(n)
    ]
    text = [(cands[p:q], refs[p:q]) for p, q in itertools.pairwise(bounds)]
    for smooth in ("no_smooth", "smooth1", "nltk_smooth2", "smooth2"):
        for average in ("macro", "micro"):
            order = rnd.randint(1, 4)
            run(
                f"{key}bleu-{smooth}-{average}",
                lambda o=order, s=smooth, a=average: Bleu(ngram=o, smooth=s, average=a),
                text,
            )
    multiref, alpha = rnd.choice(["average", "best"]), rnd.choice([0, 0.4, 1])
    run(key + "rouge", lambda: Rouge(variants=[1, 2, "L"], multiref=multiref, alpha=alpha), text)
    strings = [("".join(x), "".join(r[0])) for x, r in zip(cands, refs)]
    chars = [
        ([s for s, _ in strings[p:q]], [r for _, r in strings[p:q]]) for p, q in itertools.pairwise(bounds)
    ]
    run(key + "cer", CharacterErrorRate, chars)


def extras(seed):
    g = torch.Generator().manual_seed(seed)
    rnd = random.Random(seed)
    n, d = rnd.randint(3, 30), rnd.randint(1, 4)
    key = f"x{seed}-"
    a = torch.randn(n, d, generator=g)
    b = torch.randn(n, d, generator=g) * 1.3 + 0.2
    bounds = [0, rnd.randint(1, n - 1), n]
    run(key + "FID", lambda: FID(num_features=d, feature_extractor=torch.nn.Identity()), cut((a, b), bounds))
    p = torch.softmax(torch.randn(n, d + 1, generator=g) * 2, 1)
    run(
        key + "IS",
        lambda: InceptionScore(num_features=d + 1, feature_extractor=torch.nn.Identity()),
        [t[0] for t in cut((p,), bounds)],
    )
    positive = b.abs() + 0.1
    for cls in (reg.MedianAbsoluteError, reg.MedianAbsolutePercentageError, reg.MedianRelativeAbsoluteError):
        run(key + cls.__name__, cls, cut((a, positive), bounds))
    a3 = torch.randn(n, 2, 3, generator=g)
    b3 = torch.randn(n, 2, 3, generator=g)
    for cls in (CosineSimilarity, MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError):
        run(key + cls.__name__ + "-3d", cls, cut((a3, b3), bounds))
    norm, eps = rnd.choice([1, 2, 3]), rnd.choice([1e-6, 0.1])
    run(key + "MPD", lambda: MeanPairwiseDistance(p=norm, eps=eps), cut((a, b), bounds))
    v = torch.rand(2, 1, 9, 9, 9, generator=g)
    w = v + 0.3 * torch.rand(2, 1, 9, 9, 9, generator=g)
    size, gaussian = rnd.choice([3, 5]), bool(seed % 2)
    run(key + "SSIM-3d", lambda: SSIM(1.5, ndims=3, kernel_size=size, gaussian=gaussian), [(v, w)])


for s in range(15):
    families("f", s, 2, 40)
for s in range(40):
    families("t", s, 1, 5)
for s in range(20):
    extras(s)
print(json.dumps(OUT))
