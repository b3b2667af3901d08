"""Conformance: clustering scores, HitRate/NDCG and the fairness metrics."""

import torch

from ignite.metrics import NDCG, Accuracy, HitRate, Precision
from ignite.metrics.clustering import CalinskiHarabaszScore, DaviesBouldinScore, SilhouetteScore
from ignite.metrics.fairness import (
    DemographicParityDifference,
    SelectionRate,
    SubgroupAccuracyDifference,
    SubgroupDifference,
    SubgroupMetric,
)


def _fmt(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items()) + "}"
    if isinstance(value, torch.Tensor) and value.ndim > 0:
        return "[" + ", ".join(f"{v:.5g}" for v in value.tolist()) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(f"{float(v):.5g}" for v in value) + "]"
    return f"{float(value):.5g}"


def _run(metric, *batches):
    try:
        for batch in batches:
            metric.update(batch)
        return _fmt(metric.compute())
    except Exception as e:
        return type(e).__name__


def scenario_clustering():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(20, 3, generator=g)
    labels = torch.randint(0, 3, (20,), generator=g)
    for cls in (SilhouetteScore, DaviesBouldinScore, CalinskiHarabaszScore):
        print(
            cls.__name__,
            _run(cls(), (x, labels)),
            _run(cls(), (x[:7], labels[:7]), (x[7:], labels[7:])),
            _run(cls(), (x, torch.zeros(20, dtype=torch.long))),
            _run(cls()),
            _run(cls(), (x, labels.float())),
            _run(cls(), (x[0], labels[0])),
            _run(cls(), (x, labels[:5])),
            _run(cls(), (x, labels[:, None])),
        )
    print(_run(SilhouetteScore(silhouette_kwargs={"metric": "manhattan"}), (x, labels)))


def scenario_rec_sys():
    scores = torch.tensor([[0.9, 0.1, 0.5, 0.3], [0.2, 0.8, 0.1, 0.4], [0.1, 0.2, 0.3, 0.4]])
    hits = torch.tensor([[1, 0, 0, 1], [0, 0, 1, 0], [0, 0, 0, 0]])
    relevance = torch.tensor([[3.0, 0.0, 1.0, 2.0], [0.0, 0.0, 2.0, 1.0], [0.0, 0.0, 0.0, 0.0]])
    print(_run(HitRate(top_k=[1, 2, 3]), (scores, hits)), _run(HitRate(top_k=2), (scores, hits)))
    print(
        _run(HitRate(top_k=[1, 2], ignore_zero_hits=False), (scores, hits)),
        _run(HitRate(top_k=[1, 2]), (scores, hits.float())),
    )
    print(
        _run(HitRate(top_k=[1, 3]), (scores[:1], hits[:1]), (scores[1:], hits[1:])),
        _run(HitRate()),
        _run(HitRate(top_k=[1]), (scores[2:], hits[2:])),
    )
    for gain in ("exp_rank", "linear_rank"):
        print(
            gain,
            _run(NDCG(top_k=[1, 2, 4], gain_function=gain), (scores, relevance)),
            _run(NDCG(top_k=[2], gain_function=gain, ignore_zero_hits=False), (scores, relevance)),
            _run(NDCG(top_k=[2, 4], relevance_threshold=2.0, gain_function=gain), (scores, relevance)),
        )
    print(
        _run(NDCG(top_k=[2, 3]), (scores, hits)),
        _run(NDCG(top_k=[2])),
        _run(NDCG(top_k=[5]), (scores, relevance)),
    )
    print(_run(HitRate(top_k=[3, 1, 2]), (scores, hits)), _run(NDCG(top_k=[3, 1, 2]), (scores, relevance)))
    ties = torch.tensor([[0.5, 0.5, 0.5, 0.1]])
    relevant = torch.tensor([[0.0, 1.0, 0.0, 1.0]])
    print(_run(HitRate(top_k=[1, 2]), (ties, relevant)), _run(NDCG(top_k=[1, 2]), (ties, relevant)))
    for make in (
        lambda: NDCG(top_k=[0]),
        lambda: NDCG(top_k=[1], gain_function="x"),
        lambda: HitRate(top_k=0),
        lambda: HitRate(top_k=[]),
    ):
        try:
            make()
        except Exception as e:
            print(type(e).__name__)


def scenario_fairness():
    g = torch.Generator().manual_seed(0)
    y_pred = torch.randn(12, 3, generator=g)
    y = torch.randint(0, 3, (12,), generator=g)
    groups = torch.tensor([0, 1, 2] * 4)
    first, rest = (y_pred[:5], y[:5], groups[:5]), (y_pred[5:], y[5:], groups[5:])
    print(
        _run(SubgroupMetric(Accuracy(), groups=[0, 1, 2]), (y_pred, y, groups)),
        _run(SubgroupMetric(Accuracy(), groups=[0, 1, 2]), first, rest),
    )
    print(_run(SubgroupMetric(Precision(average=True), groups=[0, 1]), (y_pred, y, groups)))
    print(
        _run(SubgroupMetric(Accuracy(), groups=[0, 1, 5]), (y_pred, y, groups)),
        _run(SubgroupMetric(Accuracy(), groups=[0, 1])),
    )
    print(
        _run(SubgroupDifference(Accuracy(), groups=[0, 1, 2]), (y_pred, y, groups)),
        _run(SubgroupAccuracyDifference(groups=[0, 1, 2]), first, rest),
    )
    print(
        _run(SubgroupDifference(Accuracy(), groups=[0, 1])),
        _run(SubgroupMetric(Accuracy(), groups=[0, 1]), (y_pred, y, groups[:5])),
    )
    print(_run(SelectionRate(), (y_pred, y)), _run(SelectionRate(), (y_pred[:5], y[:5]), (y_pred[5:], y[5:])))
    print(
        _run(SelectionRate(), (torch.tensor([1, 0, 1, 1]), torch.tensor([0, 0, 1, 1]))), _run(SelectionRate())
    )
    multilabel = torch.randint(0, 2, (6, 3), generator=g)
    print(
        _run(SelectionRate(is_multilabel=True), (multilabel, multilabel)),
        _run(SelectionRate(), (torch.tensor([0.2, 0.7]), torch.tensor([0, 1]))),
    )
    print(_run(DemographicParityDifference(groups=[0, 1, 2]), (y_pred, y, groups)))
    binary = (
        torch.tensor([1, 0, 1, 1, 0, 0]),
        torch.tensor([0, 0, 1, 1, 1, 1]),
        torch.tensor([0, 0, 0, 1, 1, 1]),
    )
    print(_run(DemographicParityDifference(groups=[0, 1]), binary))
    one_group = (y_pred[:4], y[:4], torch.zeros(4, dtype=torch.long))
    print(
        _run(SubgroupAccuracyDifference(groups=[0, 1, 2]), one_group),
        _run(DemographicParityDifference(groups=[0, 1]), one_group),
    )
