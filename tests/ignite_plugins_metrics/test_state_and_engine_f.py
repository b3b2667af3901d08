"""state_dict/load_state_dict mid-epoch and Engine attachment for F's metric families."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from _dist_cases import plain
from _f_dist_worker import cases

from ignite.engine import Engine
from ignite.metrics import SSIM
from ignite.metrics.clustering import SilhouetteScore
from ignite.metrics.fairness import SubgroupAccuracyDifference
from ignite.metrics.nlp import Bleu
from ignite.metrics.regression import R2Score

CASES = cases()


@pytest.mark.parametrize("name", list(CASES))
def test_state_dict_round_trip_mid_epoch(name: str) -> None:
    factory, batches = CASES[name]
    metric = factory()
    for batch in batches[:2]:
        metric.update(batch)
    restored = factory()
    restored.load_state_dict(metric.state_dict())
    for batch in batches[2:]:
        metric.update(batch)
        restored.update(batch)
    assert repr(plain(restored.compute())) == repr(plain(metric.compute()))


def _engine(batches: list[Any]) -> tuple[Engine, list[Any]]:
    def step(engine: Engine, batch: Any) -> Any:
        return batch

    return Engine(step), batches


def test_attached_metrics_fill_state_metrics() -> None:
    g = torch.Generator().manual_seed(0)
    y = torch.rand(30, generator=g)
    regression = [(y[i : i + 10] + 0.1, y[i : i + 10]) for i in range(0, 30, 10)]
    engine, data = _engine(regression)
    R2Score().attach(engine, "r2")
    state = engine.run(data)
    expected = R2Score()
    expected.update((y + 0.1, y))
    assert state.metrics["r2"] == pytest.approx(expected.compute())


def test_dict_outputs_use_required_keys() -> None:
    g = torch.Generator().manual_seed(1)
    feats = torch.randn(12, 2, generator=g)
    labels = torch.tensor([0, 1, 2] * 4)
    batches = [{"features": feats[i : i + 6], "labels": labels[i : i + 6]} for i in (0, 6)]
    engine, data = _engine(batches)
    SilhouetteScore().attach(engine, "silhouette")
    groups = [
        {
            "y_pred": torch.eye(3)[labels[i : i + 6]],
            "y": labels[i : i + 6],
            "group_labels": labels[i : i + 6] % 2,
        }
        for i in (0, 6)
    ]
    engine2, data2 = _engine(groups)
    SubgroupAccuracyDifference(groups=[0, 1]).attach(engine2, "gap")
    direct = SilhouetteScore()
    direct.update((feats, labels))
    assert engine.run(data).metrics["silhouette"] == pytest.approx(direct.compute())
    assert engine2.run(data2).metrics["gap"] == 0.0


def test_ssim_and_bleu_in_an_engine() -> None:
    g = torch.Generator().manual_seed(2)
    images = [(torch.rand(2, 1, 8, 8, generator=g),) * 2 for _ in range(2)]
    engine, data = _engine(images)
    SSIM(1.0, kernel_size=3).attach(engine, "ssim")
    assert engine.run(data).metrics["ssim"] == pytest.approx(1.0)
    text = [([["a", "b", "c"]], [[["a", "b", "c"]]])]
    engine2, data2 = _engine(text)
    Bleu(ngram=2).attach(engine2, "bleu")
    assert float(engine2.run(data2).metrics["bleu"]) == pytest.approx(1.0)
