"""The shared edge-case matrix (edge_cases.CASES) for the regression, image/distribution, NLP, GAN,
clustering, rec-sys, fairness and detection metrics."""

from __future__ import annotations

import math
from typing import Any

import pytest
import torch
from edge_cases import (
    MetricEdgeCases,
    NotApplicable,
    Raises,
    Value,
    check_edge_case,
    edge_case_params,
    no_update,
)

from ignite.exceptions import NotComputableError
from ignite.metrics import (
    FID,
    HSIC,
    NDCG,
    PSNR,
    SSIM,
    Accuracy,
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
from ignite.metrics.fairness import DemographicParityDifference, SelectionRate, SubgroupMetric
from ignite.metrics.nlp import Bleu, CharacterErrorRate, Perplexity, RougeL, RougeN

NAN = float("nan")
T = torch.tensor
NO_CLASSES = NotApplicable("regression: no classes")
NO_LABELS = NotApplicable("no class labels in the input")
Z4 = (torch.zeros(4), torch.zeros(4))
E0 = (torch.zeros(0), torch.zeros(0))
NAN_1D = (T([NAN, 1.0, 2.0, 4.0]), T([1.5, 2.5, 3.0, 5.0]))
BAD_1D = (torch.rand(4) + 1, torch.rand(3) + 1)


def _is_nan(value: Any) -> None:
    assert math.isnan(float(value)), value


def _regression(
    cls: type, zero: Any, *, before: Any = None, shape: Any = None, dtype: Any = None
) -> MetricEdgeCases:
    empty = (
        Value([E0], before)
        if before is not None
        else Raises(NotComputableError, "at least one", [E0], "compute")
    )
    return MetricEdgeCases(
        cls.__name__,
        cls,
        {
            "no_update": Value([], before) if before is not None else no_update(),
            "empty_batch": empty,
            "single_class": NO_CLASSES,
            "absent_class_macro": NO_CLASSES,
            "all_zero": zero,
            "nan": Value([NAN_1D], _is_nan),
            "mismatched_shapes": shape or Raises(ValueError, "shapes should be the same", [BAD_1D]),
            "wrong_dtype": dtype or Raises(TypeError, "dtype should be float", [(T([1, 2]), T([1, 2]))]),
            "label_out_of_range": NO_CLASSES,
        },
    )


LIST_INPUT = Raises(TypeError, "expects tensors", [([1.0, 2.0], [1.0, 3.0])])
REGRESSION = [
    _regression(reg.CanberraMetric, Value([Z4], 0.0), before=0.0),
    _regression(reg.ManhattanDistance, Value([Z4], 0.0), before=0.0),
    _regression(reg.WaveHedgesDistance, Value([Z4], 0.0), before=0.0),
    _regression(reg.FractionalAbsoluteError, Value([Z4], _is_nan)),  # 0 / 0 for every sample
    _regression(reg.FractionalBias, Value([Z4], 0.0)),
    _regression(reg.GeometricMeanAbsoluteError, Value([Z4], 0.0)),  # exp(log 0)
    _regression(reg.GeometricMeanRelativeAbsoluteError, Value([Z4], _is_nan)),
    _regression(reg.MaximumAbsoluteError, Value([Z4], 0.0)),
    _regression(reg.MeanError, Value([Z4], 0.0)),
    _regression(reg.MeanAbsoluteRelativeError, Raises(NotComputableError, "ground truth has 0", [Z4])),
    _regression(reg.MeanNormalizedBias, Raises(NotComputableError, "ground truth has 0", [Z4])),
    _regression(reg.PearsonCorrelation, Value([Z4], 0.0)),
    _regression(reg.R2Score, Raises(ZeroDivisionError, "all targets are equal", [Z4], "compute")),
    _regression(reg.SpearmanRankCorrelation, Value([Z4], _is_nan)),
    _regression(reg.KendallRankCorrelation, Value([Z4], _is_nan)),
    _regression(reg.MedianAbsoluteError, Value([Z4], 0.0), dtype=LIST_INPUT),
    _regression(reg.MedianAbsolutePercentageError, Value([Z4], _is_nan), dtype=LIST_INPUT),
    _regression(reg.MedianRelativeAbsoluteError, Value([Z4], _is_nan), dtype=LIST_INPUT),
    *[
        _regression(
            cls,
            Value([Z4], 0.0),
            shape=Raises(RuntimeError, "cannot be viewed", [BAD_1D]),
            dtype=LIST_INPUT,
        )
        for cls in (MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError)
    ],
    _regression(
        MeanPairwiseDistance,
        Value([(torch.zeros(4, 2), torch.zeros(4, 2))], math.sqrt(2) * 1e-6, rel=1e-4),  # eps per coordinate
        shape=Raises(RuntimeError, "size", [(torch.rand(4, 2), torch.rand(3, 2))]),
        dtype=LIST_INPUT,
    ),
]

Z42 = (torch.zeros(4, 2), torch.zeros(4, 2))
E02 = (torch.zeros(0, 2), torch.zeros(0, 2))
NAN_2D = (T([[NAN, 0.0], [1.0, 2.0]]), T([[1.0, 0.5], [1.0, 2.0]]))
BAD_2D = (torch.rand(4, 2), torch.rand(3, 2))


def _two_d(
    name: str,
    factory: Any,
    zero: Any,
    shape: Any,
    *,
    empty_done: bool = True,
    nan: Any = None,
    dtype: Any = None,
    no_update_match: str = "at least one",
) -> MetricEdgeCases:
    return MetricEdgeCases(
        name,
        factory,
        {
            "no_update": no_update(no_update_match),
            "empty_batch": Raises(NotComputableError, no_update_match, [E02], "compute")
            if empty_done
            else NotApplicable("per-batch statistic: an empty batch is not a batch"),
            "single_class": NO_LABELS,
            "absent_class_macro": NO_LABELS,
            "all_zero": zero,
            "nan": nan or Value([NAN_2D], _is_nan),
            "mismatched_shapes": shape,
            "wrong_dtype": dtype or Raises(TypeError, "expects tensors", [([[1.0, 2.0]], [[1.0, 3.0]])]),
            "label_out_of_range": NO_LABELS,
        },
    )


IMAGES = [
    _two_d("PSNR", lambda: PSNR(1.0), Value([Z42], 100.0), Raises(ValueError, "same shape", [BAD_2D])),
    MetricEdgeCases(
        "SSIM",
        lambda: SSIM(1.0, kernel_size=3),
        {
            "no_update": no_update(),
            "empty_batch": Raises(
                NotComputableError, "at least one", [(torch.zeros(0, 1, 8, 8),) * 2], "compute"
            ),
            "single_class": NO_LABELS,
            "absent_class_macro": NO_LABELS,
            "all_zero": Value([(torch.zeros(1, 1, 8, 8),) * 2], 1.0),
            "nan": Value([(torch.full((1, 1, 8, 8), NAN), torch.zeros(1, 1, 8, 8))], _is_nan),
            "mismatched_shapes": Raises(
                ValueError, "same shape", [(torch.rand(1, 1, 8, 8), torch.rand(1, 1, 8, 9))]
            ),
            "wrong_dtype": Raises(
                TypeError, "same data type", [(torch.rand(1, 1, 8, 8), torch.rand(1, 1, 8, 8).double())]
            ),
            "label_out_of_range": NO_LABELS,
        },
    ),
    _two_d("Entropy", Entropy, Value([Z42], math.log(2)), NotApplicable("y is ignored")),
    _two_d("MutualInformation", MutualInformation, Value([Z42], 0.0), NotApplicable("y is ignored")),
    _two_d("KLDivergence", KLDivergence, Value([Z42], 0.0), Raises(ValueError, "same shape", [BAD_2D])),
    _two_d("JSDivergence", JSDivergence, Value([Z42], 0.0), Raises(ValueError, "same shape", [BAD_2D])),
    _two_d(
        "HSIC",
        HSIC,
        Value(
            [(torch.zeros(5, 2), torch.zeros(5, 2))], _is_nan
        ),  # median heuristic gives a 0 bandwidth, as in 0.5
        Raises(ValueError, "same batch size", [(torch.rand(5, 2), torch.rand(4, 2))]),
        nan=Value([(torch.full((5, 2), NAN), torch.rand(5, 2))], _is_nan),
        no_update_match="at least one batch",
    ),
    _two_d(
        "MaximumMeanDiscrepancy",
        MaximumMeanDiscrepancy,
        Value([Z42], 0.0),
        Raises(ValueError, "same shape", [BAD_2D]),
        no_update_match="at least one batch",
    ),
    _two_d("CosineSimilarity", CosineSimilarity, Value([Z42], 0.0), Raises(RuntimeError, "size", [BAD_2D])),
]

CANDIDATE = [["a", "b", "c"]]
REFS = [[["a", "b", "d"]]]


def _text(
    name: str, factory: Any, zero: Any, shape: Any, dtype: Any, match: str = "at least one"
) -> MetricEdgeCases:
    return MetricEdgeCases(
        name,
        factory,
        {
            "no_update": no_update(match),
            "empty_batch": Raises(NotComputableError, match, [([], [])], "compute"),
            "single_class": NotApplicable("text: no classes"),
            "absent_class_macro": NotApplicable("text: no classes"),
            "all_zero": zero,
            "nan": NotApplicable("text: no numbers"),
            "mismatched_shapes": shape,
            "wrong_dtype": dtype,
            "label_out_of_range": NotApplicable("text: no classes"),
        },
    )


NLP = [
    _text(
        "Bleu",
        Bleu,
        Value([([[]], [[["a"]]])], 0.0),  # an empty candidate scores 0
        Raises(ValueError, "candidates", [(CANDIDATE, [])]),
        Raises(ValueError, "at least one reference", [(CANDIDATE, [[]])]),
    ),
    _text(
        "RougeN",
        lambda: RougeN(ngram=2),
        Value(
            [([[]], [[["a", "b"]]])], lambda r: r == {"Rouge-2-P": 0.0, "Rouge-2-R": 0.0, "Rouge-2-F": 0.0}
        ),
        Raises(ValueError, "candidates", [(CANDIDATE, [])]),
        Raises(ValueError, "at least one reference", [(CANDIDATE, [[]])]),
        "Rouge metric must have at least one example",
    ),
    _text(
        "RougeL",
        RougeL,
        Value([([[]], [[["a"]]])], lambda r: r == {"Rouge-L-P": 0.0, "Rouge-L-R": 0.0, "Rouge-L-F": 0.0}),
        Raises(ValueError, "candidates", [(CANDIDATE, [])]),
        Raises(ValueError, "at least one reference", [(CANDIDATE, [[]])]),
        "Rouge metric must have at least one example",
    ),
    _text(
        "CharacterErrorRate",
        CharacterErrorRate,
        Value([(["", "ab"], ["x", "ab"])], 1 / 3),
        Raises(ValueError, "same length", [(["a", "b"], ["a"])]),
        Raises(TypeError, "strings", [([["a"]], [["b"]])]),
    ),
]

PERPLEXITY = MetricEdgeCases(
    "Perplexity",
    Perplexity,
    {
        "no_update": no_update(),
        "empty_batch": Raises(
            NotComputableError,
            "at least one",
            [(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long))],
            "compute",
        ),
        "single_class": Value([(torch.zeros(2, 1), T([0, 0]))], 1.0),
        "absent_class_macro": NotApplicable("no averaging over classes"),
        "all_zero": Value([(torch.zeros(2, 4), T([0, 0]))], 4.0),  # uniform over 4 tokens
        "nan": Value([(T([[NAN, 0.0]]), T([0]))], _is_nan),
        "mismatched_shapes": Raises(ValueError, "incompatible shapes", [(torch.rand(4, 3), T([0, 1]))]),
        "wrong_dtype": Raises(RuntimeError, "Long", [(torch.rand(2, 3), T([0.0, 1.0]))]),
        "label_out_of_range": Raises(IndexError, "out of bounds", [(torch.rand(2, 3), T([0, 5]))]),
    },
)

IDENT = torch.nn.Identity()
GAN = [
    MetricEdgeCases(
        "FID",
        lambda: FID(num_features=2, feature_extractor=IDENT),
        {
            "no_update": no_update("at least 2"),
            "empty_batch": Raises(NotComputableError, "at least 2", [E02], "compute"),
            "single_class": NO_LABELS,
            "absent_class_macro": NO_LABELS,
            "all_zero": Value([Z42], 0.0),
            "nan": Value([NAN_2D], _is_nan),
            "mismatched_shapes": Raises(ValueError, "should be equal", [BAD_2D]),
            "wrong_dtype": Raises(ValueError, "dim 2", [(torch.rand(4), torch.rand(4))]),
            "label_out_of_range": NO_LABELS,
        },
    ),
    MetricEdgeCases(
        "InceptionScore",
        lambda: InceptionScore(num_features=2, feature_extractor=IDENT),
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [torch.zeros(0, 2)], "compute"),
            "single_class": Value([T([[1.0, 0.0], [1.0, 0.0]])], 1.0),  # every sample sure of one class
            "absent_class_macro": NO_LABELS,
            "all_zero": Value([torch.zeros(3, 2)], 1.0),
            "nan": Value([T([[NAN, 0.5]])], _is_nan),
            "mismatched_shapes": Raises(ValueError, "should be 2", [torch.rand(3, 3)]),
            "wrong_dtype": Raises(TypeError, "tensor", [(torch.rand(3, 2), torch.rand(3, 2))]),
            "label_out_of_range": NO_LABELS,
        },
    ),
]

FEATS = torch.tensor([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
TWO_CLUSTERS = T([0, 0, 1, 1])


def _cluster(cls: type) -> MetricEdgeCases:
    zero = {SilhouetteScore: 0.0, DaviesBouldinScore: 0.0, CalinskiHarabaszScore: 1.0}[cls]
    return MetricEdgeCases(
        cls.__name__,
        cls,
        {
            "no_update": no_update(),
            "empty_batch": Raises(
                NotComputableError,
                "at least one",
                [(torch.zeros(0, 2), torch.zeros(0, dtype=torch.long))],
                "compute",
            ),
            "single_class": Value([(FEATS, T([0, 0, 0, 0]))], _is_nan),  # undefined for one cluster
            "absent_class_macro": NotApplicable("clusters are the labels present"),
            "all_zero": Value([(torch.zeros(4, 2), TWO_CLUSTERS)], zero),
            "nan": Value([(torch.full((4, 2), NAN), TWO_CLUSTERS)], _is_nan),
            "mismatched_shapes": Raises(ValueError, "inconsistent numbers of samples", [(FEATS, T([0, 1]))]),
            "wrong_dtype": Raises(TypeError, "tensors", [(FEATS.tolist(), TWO_CLUSTERS)]),
            "label_out_of_range": NotApplicable("any label value is a cluster id"),
        },
    )


CLUSTERING = [_cluster(c) for c in (SilhouetteScore, DaviesBouldinScore, CalinskiHarabaszScore)]

SCORES = T([[0.9, 0.1, 0.5], [0.2, 0.8, 0.1]])


def _ranking(name: str, factory: Any, zero_value: Any) -> MetricEdgeCases:
    return MetricEdgeCases(
        name,
        factory,
        {
            "no_update": no_update(),
            "empty_batch": Raises(
                NotComputableError, "at least one", [(torch.zeros(0, 3), torch.zeros(0, 3))], "compute"
            ),
            "single_class": NotApplicable("items, not classes"),
            "absent_class_macro": NotApplicable("items, not classes"),
            "all_zero": zero_value,
            # a NaN score ranks first (torch's order) and the relevant item stays out of the top 2
            "nan": Value([(T([[NAN, 0.1, 0.5]]), T([[0.0, 1.0, 0.0]]))], lambda r: r == [0.0, 0.0]),
            "mismatched_shapes": Raises(ValueError, "same shape", [(SCORES, torch.zeros(1, 3))]),
            "wrong_dtype": Raises(TypeError, "tensors", [(SCORES.tolist(), torch.zeros(2, 3))]),
            "label_out_of_range": NotApplicable("relevances are not labels"),
        },
    )


REC_SYS = [
    # every user without a relevant item is skipped: nothing left to average
    _ranking(
        "HitRate",
        lambda: HitRate(top_k=[1, 2]),
        Raises(NotComputableError, "at least one", [(SCORES, torch.zeros(2, 3))], "compute"),
    ),
    _ranking(
        "NDCG",
        lambda: NDCG(top_k=[1, 2], ignore_zero_hits=False),
        Value([(SCORES, torch.zeros(2, 3))], lambda r: r == [0.0, 0.0]),
    ),
]

MC = (T([[0.9, 0.1, 0.0], [0.1, 0.9, 0.0]]), T([0, 1]))
FAIRNESS = [
    MetricEdgeCases(
        "SelectionRate",
        SelectionRate,
        {
            "no_update": no_update(),
            "empty_batch": Raises(
                NotComputableError,
                "at least one",
                [(torch.rand(0, 3), torch.zeros(0, dtype=torch.long))],
                "compute",
            ),
            "single_class": Value([(T([[0.9, 0.1], [0.8, 0.2]]), T([0, 0]))], T([1.0, 0.0])),
            "absent_class_macro": Value([MC], T([0.5, 0.5, 0.0])),
            "all_zero": Value(
                [(torch.zeros(4, dtype=torch.long), torch.zeros(4, dtype=torch.long))], T([1.0, 0.0])
            ),
            "nan": Value([(T([[NAN, 0.0, 1.0]]), T([0]))], T([1.0, 0.0, 0.0])),  # argmax takes NaN as largest
            "mismatched_shapes": Raises(
                ValueError, "multiclass input needs", [(torch.rand(4, 3), T([0, 1]))]
            ),
            "wrong_dtype": Raises(TypeError, r"torch\.Tensor", [([0, 1], T([0, 1]))]),
            "label_out_of_range": Value(
                [(T([[0.9, 0.1, 0.0]]), T([5]))], T([1.0, 0.0, 0.0])
            ),  # y is not used
        },
    ),
    MetricEdgeCases(
        "SubgroupMetric(Accuracy)",
        lambda: SubgroupMetric(Accuracy(), groups=[0, 1]),
        {
            "no_update": Value([], lambda r: r == {}),
            "empty_batch": Value(
                [(torch.rand(0, 3), torch.zeros(0, dtype=torch.long), torch.zeros(0))], lambda r: r == {}
            ),
            "single_class": Value([(*MC, T([0, 0]))], lambda r: r == {0: 1.0}),  # only group 0 present
            "absent_class_macro": Value([(*MC, T([0, 1]))], lambda r: r == {0: 1.0, 1: 1.0}),
            "all_zero": Value(
                [(torch.zeros(2, dtype=torch.long), torch.zeros(2, dtype=torch.long), T([0, 1]))],
                lambda r: r == {0: 1.0, 1: 1.0},
            ),
            "nan": Value([(T([[NAN, 0.0, 1.0]]), T([0]), T([1]))], lambda r: r == {1: 1.0}),
            "mismatched_shapes": Raises(ValueError, "same batch size", [(*MC, T([0]))]),
            "wrong_dtype": Raises(TypeError, "group_labels", [MC]),
            "label_out_of_range": Value([(*MC, T([0, 7]))], lambda r: r == {0: 1.0}),  # group 7 not tracked
        },
    ),
    MetricEdgeCases(
        "DemographicParityDifference",
        lambda: DemographicParityDifference(groups=[0, 1]),
        {
            "no_update": no_update("Fairness metrics must have at least one example"),
            "empty_batch": Raises(
                NotComputableError,
                "Fairness",
                [(torch.rand(0, 3), torch.zeros(0, dtype=torch.long), torch.zeros(0))],
                "compute",
            ),
            "single_class": Raises(
                NotComputableError, "at least two unique subgroups", [(*MC, T([0, 0]))], "compute"
            ),
            "absent_class_macro": Value([(*MC, T([0, 1]))], 1.0),
            "all_zero": Value(
                [(torch.zeros(2, dtype=torch.long), torch.zeros(2, dtype=torch.long), T([0, 1]))], 0.0
            ),
            "nan": Value([(T([[NAN, 0.0, 1.0], [1.0, 0.0, 0.0]]), T([0, 0]), T([0, 1]))], 0.0),
            "mismatched_shapes": Raises(ValueError, "same batch size", [(*MC, T([0]))]),
            "wrong_dtype": Raises(TypeError, "group_labels", [MC]),
            "label_out_of_range": Raises(
                NotComputableError, "two unique subgroups", [(*MC, T([0, 7]))], "compute"
            ),
        },
    ),
]

BOX = T([[0.0, 0.0, 10.0, 10.0]])
DETECTION = MetricEdgeCases(
    "ObjectDetectionAvgPrecisionRecall",
    lambda: ObjectDetectionAvgPrecisionRecall(num_classes=2),
    {
        "no_update": no_update(),
        "empty_batch": Raises(NotComputableError, "at least one", [([], [])], "compute"),
        "single_class": Value(
            [([{"bbox": BOX, "confidence": T([0.9]), "class": T([0])}], [{"bbox": BOX, "class": T([0])}])],
            lambda r: r == (1.0, 1.0),
        ),
        "absent_class_macro": Value(
            [([{"bbox": BOX, "confidence": T([0.9]), "class": T([1])}], [{"bbox": BOX, "class": T([0])}])],
            lambda r: r == (0.0, 0.0),  # class 1 has no ground truth: not averaged
        ),
        "all_zero": Value(
            [
                (
                    [{"bbox": torch.zeros(1, 4), "confidence": T([0.0]), "class": T([0])}],
                    [{"bbox": torch.zeros(1, 4), "class": T([0])}],
                )
            ],
            lambda r: r == (0.0, 0.0),
        ),
        "nan": Value(
            [
                (
                    [{"bbox": torch.full((1, 4), NAN), "confidence": T([0.9]), "class": T([0])}],
                    [{"bbox": BOX, "class": T([0])}],
                )
            ],
            lambda r: r == (0.0, 0.0),
        ),
        "mismatched_shapes": Raises(
            ValueError,
            "one entry per image",
            [([{"bbox": BOX, "confidence": T([0.9]), "class": T([0])}], [])],
        ),
        "wrong_dtype": Raises(
            ValueError, "'confidence'", [([{"bbox": BOX, "class": T([0])}], [{"bbox": BOX, "class": T([0])}])]
        ),
        "label_out_of_range": Raises(
            ValueError,
            "classes should be in",
            [([{"bbox": BOX, "confidence": T([0.9]), "class": T([5])}], [{"bbox": BOX, "class": T([0])}])],
        ),
    },
)

SPECS = [*REGRESSION, *IMAGES, *NLP, PERPLEXITY, *GAN, *CLUSTERING, *REC_SYS, *FAIRNESS, DETECTION]


@pytest.mark.parametrize(("spec", "case"), edge_case_params(SPECS))
def test_edge_cases(spec: MetricEdgeCases, case: str) -> None:
    check_edge_case(spec, case)
