"""Conformance: FID and InceptionScore with user feature extractors, fid_score."""

import torch

from ignite.metrics import FID, InceptionScore
from ignite.metrics.gan.fid import fid_score


def _run(metric, *batches):
    try:
        for batch in batches:
            metric.update(batch)
        value = metric.compute()
        return f"{type(value).__name__} {float(value):.5g}"
    except Exception as e:
        return type(e).__name__


def scenario_fid_with_feature_extractor():
    g = torch.Generator().manual_seed(0)
    a = torch.randn(10, 3, generator=g)
    b = torch.randn(10, 3, generator=g) * 1.5 + 0.5
    ident = torch.nn.Identity()
    print(_run(FID(num_features=3, feature_extractor=ident), (a, b)))
    print(_run(FID(num_features=3, feature_extractor=ident), (a[:4], b[:4]), (a[4:], b[4:])))
    print(
        _run(FID(num_features=4, feature_extractor=ident), (a, b)),
        _run(FID(num_features=3, feature_extractor=ident), (a[0], b[0])),
    )
    print(_run(FID(num_features=3, feature_extractor=ident), (a, b[:5])))
    d = torch.eye(3, dtype=torch.float64)
    print(f"{fid_score(a.mean(0).double(), b.mean(0).double(), d, 2 * d):.5g}")


def scenario_inception_score_with_feature_extractor():
    g = torch.Generator().manual_seed(1)
    p = torch.softmax(torch.randn(8, 4, generator=g), 1)
    ident = torch.nn.Identity()
    print(_run(InceptionScore(num_features=4, feature_extractor=ident), p))
    print(_run(InceptionScore(num_features=4, feature_extractor=ident), p[:3], p[3:]))
    print(
        _run(InceptionScore(num_features=4, feature_extractor=ident)),
        _run(InceptionScore(num_features=3, feature_extractor=ident), p),
    )


def scenario_constructor_errors():
    ident = torch.nn.Identity()
    for make in (
        lambda: FID(feature_extractor=ident),
        lambda: FID(num_features=0, feature_extractor=ident),
        lambda: FID(num_features=3, feature_extractor=lambda x: x),
        lambda: InceptionScore(feature_extractor=ident),
    ):
        try:
            make()
            print("ok")
        except Exception as e:
            print(type(e).__name__)
