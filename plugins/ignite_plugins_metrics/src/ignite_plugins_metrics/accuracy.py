"""Accuracy for binary, multiclass and multilabel data."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import (
    CPU,
    INTEGER_DTYPES,
    ClassificationMetric,
    argmax_dim1,
    cached_class_counts,
    multilabel_to_2d,
    sum_counts,
    try_class_counts,
)

__all__ = ["Accuracy"]

_FOLD_EVERY = 64
# at most this many per-sample hit flags wait in _pending (a batch above it is summed at once)
_FOLD_ELEMENTS = 65536
# multiclass Accuracy reuses the batch's (target, prediction) counts when another metric made them. It
# makes them itself (for Precision/Recall/ConfusionMatrix updated after it on the same batch) only when
# such a metric asked for counts since Accuracy last made them, on the CPU (bincount on an accelerator
# reads its size back to the host) and up to this many classes; otherwise comparing argmax and labels
# is cheaper
_SHARED_COUNTS_MAX_CLASSES = 64


class Accuracy(ClassificationMetric):
    """Fraction of correct predictions, accumulated over updates.

    - binary: ``y_pred`` and ``y`` of shape ``(N, ...)`` holding 0/1; every element counts.
    - multiclass: ``y_pred`` ``(N, C, ...)`` scores (argmax over dim 1) against labels ``y`` ``(N, ...)``.
    - multilabel (``is_multilabel=True``): ``y_pred`` and ``y`` ``(N, C, ...)`` holding 0/1; a sample
      counts as correct only when all its labels match.

    ``update`` takes ``(y_pred, y)`` (or a dict with ``y_pred``/``y`` when attached); threshold scores
    with ``output_transform`` for binary/multilabel data.
    """

    # the keys of pytorch-ignite 0.5, so its checkpoints load here and the other way round
    _state_dict_all_req_keys = ("_num_correct", "_num_examples")

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        is_multilabel: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(
            output_transform=output_transform,
            is_multilabel=is_multilabel,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    @reinit__is_reduced
    def reset(self) -> None:
        self._on_cpu = self._device.type == "cpu"
        # what is not yet added to _num_correct, summed every _FOLD_EVERY batches or _FOLD_ELEMENTS flags
        # (one reduction instead of one per batch) and before compute() or state_dict(): _pending holds
        # per-batch boolean hit flags, _pending_counts flat (target, prediction) counts shared with other
        # metrics, whose traces are the hits
        self._pending: list[torch.Tensor] = []
        self._pending_elements = 0
        self._pending_counts: list[torch.Tensor] = []
        self._num_correct = torch.tensor(0, dtype=torch.long, device=self._device)
        self._num_examples = 0
        super().reset()

    def update(self, output: Sequence[torch.Tensor]) -> None:
        # the effect of @reinit__is_reduced, inlined: this is the per-batch hot path
        self._is_reduced = False
        y_pred, y, kind, num_classes = self._check_output(output)
        # multiclass with integer labels: the hits are the trace of the batch's shared counts (0.5
        # compares float labels as values)
        if kind == "multiclass":
            if y.dtype in INTEGER_DTYPES:
                counts = (
                    try_class_counts(y_pred, y, speculative=True)
                    if num_classes <= _SHARED_COUNTS_MAX_CLASSES and y_pred.is_cpu
                    else cached_class_counts(y_pred, y, wanted=False)
                )
                if counts is not None:
                    pending_counts = self._pending_counts
                    pending_counts.append(counts)
                    if len(pending_counts) >= self._fold_at:
                        self._fold()
                    self._num_examples += y.numel()
                    return
            correct = torch.eq(argmax_dim1(y_pred), y)
        elif kind == "binary":
            correct = torch.eq(y_pred, y)
        else:
            correct = torch.all(torch.eq(multilabel_to_2d(y_pred), multilabel_to_2d(y)), dim=-1)
        n = correct.numel()
        self._num_examples += n
        pending = self._pending
        pending.append(correct)
        self._pending_elements += n
        if len(pending) >= _FOLD_EVERY or self._pending_elements >= _FOLD_ELEMENTS:
            self._fold()

    def _fold(self) -> None:
        total: torch.Tensor | None = None
        if self._pending:
            flags = [t if t.ndim == 1 else t.reshape(-1) for t in self._pending]
            total = (torch.cat(flags) if len(flags) > 1 else flags[0]).sum()
            self._pending = []
            self._pending_elements = 0
        if self._pending_counts:
            counts = self._pending_counts
            summed = sum_counts(counts)
            hits = summed[:: math.isqrt(summed.shape[0]) + 1].sum()  # the diagonal of the (C, C) counts
            total = hits if total is None else total + hits.to(total.device)
            self._pending_counts = []
        if total is not None:
            self._num_correct = self._num_correct + total.to(self._device)

    def _state(self) -> OrderedDict[str, Any]:
        self._fold()
        return super()._state()

    def _load_state(self, state: Mapping[str, Any]) -> None:
        self._pending = []
        self._pending_elements = 0
        self._pending_counts = []
        super()._load_state(state)

    def compute(self) -> float:
        self._fold()
        return self._compute()

    @sync_all_reduce("_num_examples", "_num_correct")
    def _compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError("Accuracy must have at least one example before it can be computed.")
        return self._num_correct.item() / self._num_examples
