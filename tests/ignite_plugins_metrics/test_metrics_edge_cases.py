"""The shared edge-case matrix (edge_cases.CASES) for the classification, loss and running metrics."""

from __future__ import annotations

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
from ignite_plugins_metrics._ranking import UndefinedMetricWarning
from ignite_plugins_metrics.accumulation import Average, GeometricAverage
from ignite_plugins_metrics.accuracy import Accuracy
from ignite_plugins_metrics.average_precision import AveragePrecision
from ignite_plugins_metrics.cohen_kappa import CohenKappa
from ignite_plugins_metrics.confusion_matrix import ConfusionMatrix
from ignite_plugins_metrics.loss import Loss
from ignite_plugins_metrics.matthews_corrcoef import MatthewsCorrCoef
from ignite_plugins_metrics.mean_average_precision import MeanAveragePrecision
from ignite_plugins_metrics.multilabel_confusion_matrix import MultiLabelConfusionMatrix
from ignite_plugins_metrics.precision import Precision
from ignite_plugins_metrics.recall import Recall
from ignite_plugins_metrics.roc_auc import ROC_AUC
from ignite_plugins_metrics.top_k_categorical_accuracy import TopKCategoricalAccuracy

NAN = float("nan")
T = torch.tensor
EMPTY_MC = (torch.rand(0, 3), torch.zeros(0, dtype=torch.long))
TWO_OF_THREE = (T([[0.9, 0.1, 0.0], [0.1, 0.9, 0.0]]), T([0, 1]))  # class 2 never seen
ONE_CLASS = (T([[0.9, 0.1], [0.8, 0.2]]), T([0, 0]))
NAN_SCORES = (T([[NAN, 0.0, 1.0]]), T([0]))  # torch.argmax takes NaN as the largest score
BAD_SHAPES = (torch.rand(4, 3), T([0, 1]))
OUT_OF_RANGE = (T([[0.9, 0.1, 0.0], [0.9, 0.1, 0.0]]), T([0, 5]))


def _cm(rows: list[list[int]]) -> torch.Tensor:
    return T(rows, dtype=torch.int64)


def _is_nan(value: Any) -> None:
    assert value != value


SPECS = [
    MetricEdgeCases(
        "Accuracy",
        Accuracy,
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
            "single_class": Value([ONE_CLASS], 1.0),
            "absent_class_macro": Value([TWO_OF_THREE], 1.0),
            "all_zero": Value([(torch.zeros(4, dtype=torch.long), torch.zeros(4, dtype=torch.long))], 1.0),
            "nan": Value([NAN_SCORES], 1.0),
            "mismatched_shapes": Raises(ValueError, "multiclass input needs", [BAD_SHAPES]),
            "wrong_dtype": Raises(TypeError, r"y_pred must be a torch\.Tensor", [([0, 1], T([0, 1]))]),
            "label_out_of_range": Value([OUT_OF_RANGE], 0.5),  # a label outside [0, C) is never predicted
        },
    ),
    *[
        MetricEdgeCases(
            f"{cls.__name__}(macro)",
            lambda cls=cls: cls(average="macro"),
            {
                "no_update": no_update(),
                "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
                "single_class": Value([ONE_CLASS], 0.5),
                "absent_class_macro": Value([TWO_OF_THREE], 2 / 3),  # the absent class scores 0
                "all_zero": Value(
                    [(torch.zeros(4, dtype=torch.long), torch.zeros(4, dtype=torch.long))], 0.5
                ),
                "nan": Value([NAN_SCORES], 1 / 3),
                "mismatched_shapes": Raises(ValueError, "multiclass input needs", [BAD_SHAPES]),
                "wrong_dtype": Value(
                    [(T([[0.9, 0.1], [0.1, 0.9]]), T([0.0, 1.0]))], 1.0, warns=RuntimeWarning
                ),
                "label_out_of_range": Raises(ValueError, r"labels outside \[0, 3\)", [OUT_OF_RANGE]),
            },
        )
        for cls in (Precision, Recall)
    ],
    MetricEdgeCases(
        "TopKCategoricalAccuracy",
        lambda: TopKCategoricalAccuracy(k=2),
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
            "single_class": NotApplicable("needs at least k=2 classes of scores"),
            "absent_class_macro": Value([TWO_OF_THREE], 1.0),
            "all_zero": Value(
                [(torch.zeros(2, 3), T([0, 2]))], 0.5
            ),  # ties: torch.topk keeps the first indices
            "nan": Value([NAN_SCORES], 1.0),
            "mismatched_shapes": Raises(ValueError, "y shape", [BAD_SHAPES]),
            "wrong_dtype": Raises(TypeError, "must be a torch.Tensor", [(torch.rand(2, 3), [0, 1])]),
            "label_out_of_range": Value([OUT_OF_RANGE], 0.5),
        },
    ),
    MetricEdgeCases(
        "ConfusionMatrix",
        lambda: ConfusionMatrix(3),
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
            "single_class": Value(
                [(T([[0.9, 0.1, 0.0], [0.8, 0.2, 0.0]]), T([0, 0]))], _cm([[2, 0, 0], [0, 0, 0], [0, 0, 0]])
            ),
            "absent_class_macro": Value([TWO_OF_THREE], _cm([[1, 0, 0], [0, 1, 0], [0, 0, 0]])),
            "all_zero": Value([(torch.zeros(2, 3), T([0, 0]))], _cm([[2, 0, 0], [0, 0, 0], [0, 0, 0]])),
            "nan": Value([(T([[NAN, 0.0, 1.0]]), T([2]))], _cm([[0, 0, 0], [0, 0, 0], [1, 0, 0]])),
            "mismatched_shapes": Raises(ValueError, "y must have shape", [BAD_SHAPES]),
            "wrong_dtype": Raises(TypeError, "integer class indices", [(torch.rand(2, 3), T([0.0, 1.0]))]),
            # targets outside [0, num_classes) (e.g. an ignore label such as 255) are not counted
            "label_out_of_range": Value([OUT_OF_RANGE], _cm([[1, 0, 0], [0, 0, 0], [0, 0, 0]])),
        },
    ),
    MetricEdgeCases(
        "MultiLabelConfusionMatrix",
        lambda: MultiLabelConfusionMatrix(2),
        {
            "no_update": no_update(),
            "empty_batch": Raises(
                NotComputableError,
                "at least one",
                [(torch.zeros(0, 2, dtype=torch.long), torch.zeros(0, 2, dtype=torch.long))],
                at="compute",
            ),
            "single_class": Value([(T([[1, 0]]), T([[1, 0]]))], T([[[0, 0], [0, 1]], [[1, 0], [0, 0]]])),
            "absent_class_macro": NotApplicable("per-label counts; an absent label has TP = FN = 0"),
            "all_zero": Value([(T([[0, 0]]), T([[0, 0]]))], T([[[1, 0], [0, 0]], [[1, 0], [0, 0]]])),
            "nan": Raises(ValueError, "integer or bool", [(T([[NAN, 1.0]]), T([[0, 1]]))]),
            "mismatched_shapes": Raises(ValueError, "num_classes=2", [(T([[1, 0, 1]]), T([[1, 0, 1]]))]),
            "wrong_dtype": Raises(ValueError, "integer or bool", [(T([[0.0, 1.0]]), T([[0, 1]]))]),
            "label_out_of_range": Raises(ValueError, "only 0s and 1s", [(T([[0, 1]]), T([[2, 1]]))]),
        },
    ),
    MetricEdgeCases(
        "CohenKappa",
        CohenKappa,
        {
            "no_update": no_update(),
            "empty_batch": Raises(
                NotComputableError, "at least one", [(T([], dtype=torch.long),) * 2], at="compute"
            ),
            "single_class": Value([(T([1, 1, 1]), T([1, 1, 1]))], 0.0),  # undefined: 0.0
            "absent_class_macro": NotApplicable("no per-class average; classes are the labels seen"),
            "all_zero": Value([(T([0, 0]), T([0, 0]))], 0.0),
            "nan": Raises(ValueError, "non-integer", [(T([NAN, 1.0]), T([0, 1]))]),
            "mismatched_shapes": Raises(ValueError, "label vectors", [(T([0, 1, 1]), T([0, 1]))]),
            "wrong_dtype": Raises(ValueError, "non-integer", [(T([0.5, 1.0]), T([0, 1]))]),
            "label_out_of_range": Raises(ValueError, "non-negative", [(T([0, -1]), T([0, 1]))]),
        },
    ),
    MetricEdgeCases(
        "MatthewsCorrCoef",
        MatthewsCorrCoef,
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
            "single_class": Value([(T([1, 1]), T([1, 1]))], 0.0, warns=UserWarning),
            "absent_class_macro": NotApplicable("no per-class average"),
            "all_zero": Value([(T([0, 0]), T([0, 0]))], 0.0, warns=UserWarning),
            "nan": Value([(T([[NAN, 0.0], [0.0, 1.0]]), T([0, 1]))], 1.0),
            "mismatched_shapes": Raises(ValueError, "labels shaped like y", [(T([0, 1, 1]), T([0, 1]))]),
            "wrong_dtype": Raises(ValueError, "non-integer", [(T([0.2, 0.7]), T([0, 1]))]),
            "label_out_of_range": Raises(ValueError, "non-negative", [(T([0, -1]), T([0, 1]))]),
        },
    ),
    *[
        MetricEdgeCases(
            cls.__name__,
            cls,
            {
                "no_update": no_update(),
                "empty_batch": Raises(
                    NotComputableError, "at least one", [(torch.zeros(0), torch.zeros(0))], at="compute"
                ),
                "single_class": (
                    Value([(T([0.2, 0.7]), T([1, 1]))], _is_nan, warns=UndefinedMetricWarning)
                    if cls is ROC_AUC
                    else Value([(T([0.2, 0.7]), T([0, 0]))], 0.0, warns=UserWarning)
                ),
                "absent_class_macro": (
                    Value(
                        [(T([[0.2, 0.1], [0.7, 0.4]]), T([[0, 1], [1, 1]]))],
                        _is_nan,
                        warns=UndefinedMetricWarning,
                    )
                    if cls is ROC_AUC
                    else Value([(T([[0.2, 0.1], [0.7, 0.4]]), T([[0, 0], [1, 0]]))], 0.5, warns=UserWarning)
                ),
                "all_zero": Value([(torch.zeros(2), T([0, 1]))], 0.5),
                "nan": Raises(ValueError, "contains NaN", [(T([NAN, 0.5]), T([0, 1]))], at="compute"),
                "mismatched_shapes": Raises(
                    ValueError, "same shape", [(torch.rand(3), T([0, 1]))], at="compute"
                ),
                "wrong_dtype": Raises(TypeError, "expects tensors", [([0.1, 0.2], T([0, 1]))]),
                "label_out_of_range": Raises(
                    ValueError, "only 0s and 1s", [(T([0.1, 0.2]), T([0, 2]))], at="compute"
                ),
            },
        )
        for cls in (ROC_AUC, AveragePrecision)
    ],
    MetricEdgeCases(
        "MeanAveragePrecision",
        MeanAveragePrecision,
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
            "single_class": Value([ONE_CLASS], 0.5),  # class 1 has no positive: AP 0
            "absent_class_macro": Value([TWO_OF_THREE], 2 / 3),
            "all_zero": Value([(torch.zeros(2), T([0, 1]))], 0.5),
            "nan": Raises(ValueError, "contains NaN", [NAN_SCORES], at="compute"),
            "mismatched_shapes": Raises(ValueError, "multiclass input needs", [BAD_SHAPES]),
            "wrong_dtype": Value([(T([[0.9, 0.1], [0.1, 0.9]]), T([0.0, 1.0]))], 1.0, warns=RuntimeWarning),
            "label_out_of_range": Raises(ValueError, "labels outside", [OUT_OF_RANGE]),  # in update, as 0.5
        },
    ),
    MetricEdgeCases(
        "Loss",
        lambda: Loss(torch.nn.functional.cross_entropy),
        {
            "no_update": no_update(),
            "empty_batch": Raises(NotComputableError, "at least one", [EMPTY_MC], at="compute"),
            "single_class": Value([(T([[0.0, 0.0]]), T([0]))], 0.6931471805599453),
            "absent_class_macro": NotApplicable("a loss has no per-class result"),
            "all_zero": Value([(torch.zeros(2, 3), T([0, 2]))], 1.0986122886681098),
            "nan": Value([NAN_SCORES], NAN),  # a NaN loss propagates
            "mismatched_shapes": Raises(ValueError, "batch_size", [BAD_SHAPES]),
            "wrong_dtype": Raises(TypeError, "must be Tensor", [([0.0, 1.0], T([0]))]),
            "label_out_of_range": Raises(IndexError, "out of bounds", [OUT_OF_RANGE]),
        },
    ),
    *[
        MetricEdgeCases(
            cls.__name__,
            cls,
            {
                "no_update": no_update(),
                "empty_batch": Raises(NotComputableError, "at least one", [torch.zeros(0, 2)], at="compute"),
                "single_class": NotApplicable("averages values, not classes"),
                "absent_class_macro": NotApplicable("averages values, not classes"),
                "all_zero": Value([0.0, 0.0], 0.0),
                "nan": Value([1.0, NAN], NAN),
                "mismatched_shapes": Raises(
                    RuntimeError, "size of tensor", [torch.ones(1, 2), torch.ones(1, 3)]
                ),
                "wrong_dtype": Raises(TypeError, "number or a torch.Tensor", ["1.0"]),
                "label_out_of_range": NotApplicable("no labels"),
            },
        )
        for cls in (Average, GeometricAverage)
    ],
]


@pytest.mark.parametrize(("spec", "case"), edge_case_params(SPECS))
def test_edge_case(spec: MetricEdgeCases, case: str) -> None:
    check_edge_case(spec, case)
