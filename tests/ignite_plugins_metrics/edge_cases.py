"""The shared edge-case matrix every metric is checked against.

Each metric test module declares, for every case of :data:`CASES`, what the metric does: a documented
value (:class:`Value`), a clear error (:class:`Raises`), or why the case cannot arise for that metric
(:class:`NotApplicable`). :func:`edge_case_params` turns a list of :class:`MetricEdgeCases` into pytest
parameters and fails at collection if a metric leaves a case undeclared, so no metric silently skips one.

Usage in a test module::

    from edge_cases import CASES, MetricEdgeCases, Raises, Value, check_edge_case, edge_case_params

    SPECS = [MetricEdgeCases("Accuracy", Accuracy, {"no_update": Raises(NotComputableError, "at least one"), ...})]

    @pytest.mark.parametrize(("spec", "case"), edge_case_params(SPECS))
    def test_edge_cases(spec, case):
        check_edge_case(spec, case)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
import torch

from ignite.exceptions import NotComputableError
from ignite.metrics import Metric

__all__ = [
    "CASES",
    "MetricEdgeCases",
    "NotApplicable",
    "Raises",
    "Value",
    "check_edge_case",
    "edge_case_params",
    "no_update",
]

CASES: tuple[str, ...] = (
    "no_update",  # compute() before any update
    "empty_batch",  # a batch with 0 samples
    "single_class",  # every target (and prediction) of one class
    "absent_class_macro",  # a class never seen, under macro averaging (or the metric's per-class result)
    "all_zero",  # all-zero predictions and targets
    "nan",  # NaN in the predictions
    "mismatched_shapes",  # y_pred and y whose shapes do not fit together
    "wrong_dtype",  # e.g. float targets where labels are expected, or a non-tensor
    "label_out_of_range",  # y outside [0, num_classes)
)


@dataclass(frozen=True)
class Value:
    """Updating with ``outputs`` (in order) then computing gives ``expected``.

    ``expected`` is a number (compared with ``rel``/``abs`` tolerance, NaN equals NaN), a tensor
    (``torch.testing.assert_close``, NaN equal), or a callable that asserts on the result. ``warns``
    names a warning category that the updates or the compute must emit.
    """

    outputs: Sequence[Any]
    expected: Any
    warns: type[Warning] | None = None
    rel: float = 1e-6
    abs: float = 1e-9


@dataclass(frozen=True)
class Raises:
    """Updating with ``outputs`` then computing raises ``exc`` whose message matches ``match``.

    ``at`` says which call must raise: an ``"update"`` (the last output's) or the ``"compute"``.
    """

    exc: type[BaseException]
    match: str
    outputs: Sequence[Any] = ()
    at: Literal["update", "compute"] = "update"


@dataclass(frozen=True)
class NotApplicable:
    """The case cannot be expressed for this metric; ``reason`` says why."""

    reason: str


Expectation = Value | Raises | NotApplicable


def no_update(match: str = "at least one") -> Raises:
    """The usual expectation for ``no_update``: ``NotComputableError`` from ``compute``."""
    return Raises(NotComputableError, match, (), at="compute")


@dataclass(frozen=True)
class MetricEdgeCases:
    """What one metric (built by ``factory``) does on each case of :data:`CASES`."""

    name: str
    factory: Callable[[], Metric]
    cases: Mapping[str, Expectation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = [case for case in CASES if case not in self.cases]
        unknown = [case for case in self.cases if case not in CASES]
        if missing or unknown:
            raise ValueError(
                f"edge-case spec for {self.name}: undeclared cases {missing}, unknown cases {unknown}"
            )


def edge_case_params(specs: Sequence[MetricEdgeCases]) -> list[Any]:
    """``pytest.param(spec, case, id=...)`` for every metric and case; not-applicable cases are skipped."""
    params = []
    for spec in specs:
        for case in CASES:
            expectation = spec.cases[case]
            marks = (
                [pytest.mark.skip(reason=f"{spec.name}: {expectation.reason}")]
                if isinstance(expectation, NotApplicable)
                else []
            )
            params.append(pytest.param(spec, case, id=f"{spec.name}-{case}", marks=marks))
    return params


def _assert_value(result: Any, expected: Any, rel: float, abs_tol: float) -> None:
    if callable(expected) and not isinstance(expected, torch.Tensor):
        expected(result)
        return
    if isinstance(expected, torch.Tensor):
        assert isinstance(result, torch.Tensor), f"expected a tensor, got {type(result).__name__}"
        torch.testing.assert_close(
            result.double().cpu(), expected.double(), rtol=rel, atol=abs_tol, equal_nan=True
        )
        return
    if isinstance(result, torch.Tensor):
        assert result.ndim == 0, f"expected a number, got a tensor of shape {tuple(result.shape)}"
        result = result.item()
    if isinstance(expected, float) and math.isnan(expected):
        assert isinstance(result, float) and math.isnan(result), f"expected NaN, got {result!r}"
        return
    assert result == pytest.approx(expected, rel=rel, abs=abs_tol)


def check_edge_case(spec: MetricEdgeCases, case: str) -> None:
    """Run one case of one metric and assert its declared expectation."""
    expectation = spec.cases[case]
    if isinstance(expectation, NotApplicable):
        pytest.skip(expectation.reason)
    metric = spec.factory()
    if isinstance(expectation, Raises):
        outputs = list(expectation.outputs)
        if expectation.at == "update":
            assert outputs, f"{spec.name}/{case}: Raises(at='update') needs at least one output"
            for output in outputs[:-1]:
                metric.update(output)
            with pytest.raises(expectation.exc, match=expectation.match):
                metric.update(outputs[-1])
        else:
            for output in outputs:
                metric.update(output)
            with pytest.raises(expectation.exc, match=expectation.match):
                metric.compute()
        return

    def run() -> Any:
        for output in expectation.outputs:
            metric.update(output)
        return metric.compute()

    if expectation.warns is not None:
        with pytest.warns(expectation.warns):
            result = run()
    else:
        result = run()
    _assert_value(result, expectation.expected, expectation.rel, expectation.abs)
