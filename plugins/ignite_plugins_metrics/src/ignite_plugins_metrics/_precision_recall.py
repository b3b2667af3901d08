"""Streaming per-class counts shared by Precision and Recall."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Literal

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import (
    CPU,
    ClassificationMetric,
    class_counts,
    multilabel_to_2d,
    sum_counts,
    try_class_counts,
)

__all__ = ["PrecisionRecallBase"]

_AVERAGE_NAMES = ("micro", "macro", "weighted", "samples")


def _float_dtype(device: torch.device) -> torch.dtype:
    return torch.float32 if device.type == "mps" else torch.float64


def _safe_ratio(numerator: torch.Tensor, denominator: torch.Tensor) -> torch.Tensor:
    """Elementwise ``numerator / denominator`` with 0 where the denominator is 0 (sklearn's zero_division=0)."""
    return torch.where(denominator > 0, numerator / denominator.clamp(min=1), torch.zeros_like(numerator))


class PrecisionRecallBase(ClassificationMetric):
    """Accumulates per-class true positives, predicted positives and actual positives on ``device``.

    Binary data is counted as two classes (0 and 1). Subclasses choose the denominator: predicted
    positives (precision) or actual positives (recall).
    """

    _denominator: ClassVar[Literal["predicted", "actual"]]
    _state_dict_all_req_keys = (
        "_true_positives",
        "_predicted_positives",
        "_actual_positives",
        "_confusion",
        "_samples_sum",
        "_num_examples",
        "_type",
        "_num_classes",
    )

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        average: bool | str | None = False,
        is_multilabel: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        if not (average is None or isinstance(average, bool) or average in _AVERAGE_NAMES):
            raise ValueError(
                f"{type(self).__name__}: average must be one of False, None, True, 'micro', 'macro', "
                f"'weighted' or 'samples', got {average!r}."
            )
        self._average = average
        self._mode: str | None = "macro" if average is True else (None if average is False else average)
        super().__init__(
            output_transform=output_transform,
            is_multilabel=is_multilabel,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    @reinit__is_reduced
    def reset(self) -> None:
        zero = torch.tensor(0, dtype=torch.long, device=self._device)
        self._true_positives = zero
        self._predicted_positives = zero.clone()
        self._actual_positives = zero.clone()
        self._samples_sum = torch.tensor(0.0, dtype=_float_dtype(self._device), device=self._device)
        # binary/multiclass: (target, prediction) counts, (C, C) after an update; the flat per-batch counts
        # in _pending are added in groups (bounded memory) and before compute() or state_dict()
        self._confusion = zero.clone()
        self._pending: list[torch.Tensor] = []
        self._num_examples = 0
        self._on_cpu = self._device.type == "cpu"
        super().reset()

    def update(self, output: Sequence[torch.Tensor]) -> None:
        self._is_reduced = False  # the effect of @reinit__is_reduced, inlined on this per-batch path
        y_pred, y, kind, _ = self._check_output(output, True)
        if kind == "multiclass" and self._mode != "samples":  # the common path first
            counts = try_class_counts(y_pred, y)  # shared with the other metrics of this batch
            if counts is None:
                counts = class_counts(y_pred, y, type(self).__name__)  # raises: labels outside [0, C)
            pending = self._pending
            pending.append(counts)
            self._num_examples += y.numel()
            if len(pending) >= self._fold_at:
                self._fold()
            return
        if kind == "multilabel":
            pred = multilabel_to_2d(y_pred).bool()
            target = multilabel_to_2d(y).bool()
            hits = pred & target
            self._num_examples += pred.shape[0]
            if self._mode == "samples":
                den = pred.sum(dim=1) if self._denominator == "predicted" else target.sum(dim=1)
                dtype = self._samples_sum.dtype
                scores = _safe_ratio(hits.sum(dim=1).to(dtype), den.to(dtype))
                self._samples_sum += scores.sum().to(self._device)
                return
            tp, pred_pos, actual_pos = hits.sum(dim=0), pred.sum(dim=0), target.sum(dim=0)
        else:
            if self._mode == "samples":
                raise ValueError(
                    f"{type(self).__name__}: average='samples' is only defined for multilabel input "
                    f"(is_multilabel=True), got {kind} data."
                )
            if kind == "binary":
                index = y.reshape(-1).long() * 2 + y_pred.reshape(-1).long()
                counts = torch.bincount(index, minlength=4)
            else:
                counts = class_counts(y_pred, y, type(self).__name__)  # shared with the metrics of this batch
            self._num_examples += y.numel()
            self._pending.append(counts)
            self._fold()
            return
        self._true_positives = self._true_positives + tp.to(self._device)
        self._predicted_positives = self._predicted_positives + pred_pos.to(self._device)
        self._actual_positives = self._actual_positives + actual_pos.to(self._device)

    def _fold(self) -> None:
        if self._pending:
            total = sum_counts(self._pending)  # computed once for the metrics sharing these counts
            side = math.isqrt(total.shape[0])
            self._confusion = self._confusion + total.view(side, side).to(self._device)
            self._pending = []

    def _state(self) -> OrderedDict[str, Any]:
        self._fold()
        return super()._state()

    def _load_state(self, state: Mapping[str, Any]) -> None:
        self._pending = []
        super()._load_state(state)

    def compute(self) -> torch.Tensor | float:
        self._fold()
        self._align_across_processes()
        return self._compute()

    def _align_across_processes(self) -> None:
        """A process that saw no batch holds 0-d counters and no input type: give it the others' so that
        the sums line up (two small collectives, run by every process at each compute)."""
        import ignite.distributed as idist

        if idist.get_world_size() <= 1:
            return
        kind = next((k for k in idist.all_gather(self._type or "") if k), None)
        if kind is None:
            return
        if self._type is None:
            self._type = kind  # type: ignore[assignment]
        counters = self._true_positives if kind == "multilabel" else self._confusion
        size = int(idist.all_reduce(float(counters.shape[0] if counters.ndim else 0), op="MAX"))
        if counters.ndim or size == 0:
            return
        if kind == "multilabel":
            zeros = torch.zeros(size, dtype=torch.long, device=self._device)
            self._true_positives, self._predicted_positives, self._actual_positives = (
                zeros,
                zeros.clone(),
                zeros.clone(),
            )
        else:
            self._confusion = torch.zeros(size, size, dtype=torch.long, device=self._device)

    @sync_all_reduce(
        "_true_positives",
        "_predicted_positives",
        "_actual_positives",
        "_confusion",
        "_samples_sum",
        "_num_examples",
    )
    def _compute(self) -> torch.Tensor | float:
        if self._num_examples == 0:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one example before it can be computed."
            )
        if self._mode == "samples":
            return self._samples_sum.item() / self._num_examples

        dtype = _float_dtype(self._device)
        if self._type == "multilabel":
            true_pos, pred_pos, actual_pos = (
                self._true_positives,
                self._predicted_positives,
                self._actual_positives,
            )
        else:
            true_pos, pred_pos, actual_pos = (
                self._confusion.diagonal(),
                self._confusion.sum(dim=0),
                self._confusion.sum(dim=1),
            )
        tp = true_pos.to(dtype)
        den = (pred_pos if self._denominator == "predicted" else actual_pos).to(dtype)
        if self._mode == "micro":
            return float(_safe_ratio(tp.sum(), den.sum()).item())
        per_class = _safe_ratio(tp, den)
        if self._mode == "macro":
            return float(per_class.mean().item())
        if self._mode == "weighted":
            support = actual_pos.to(dtype)
            return float(_safe_ratio((per_class * support).sum(), support.sum()).item())
        if self._average is False and self._type == "binary":
            return per_class[1]
        return per_class
