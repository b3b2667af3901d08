"""Accuracy for binary, multiclass and multilabel data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._classification import (
    CPU,
    ClassificationMetric,
    argmax_dim1,
    cached_class_counts,
    multilabel_to_2d,
)

__all__ = ["Accuracy"]


class Accuracy(ClassificationMetric):
    """Fraction of correct predictions, accumulated over updates.

    - binary: ``y_pred`` and ``y`` of shape ``(N, ...)`` holding 0/1; every element counts.
    - multiclass: ``y_pred`` ``(N, C, ...)`` scores (argmax over dim 1) against labels ``y`` ``(N, ...)``.
    - multilabel (``is_multilabel=True``): ``y_pred`` and ``y`` ``(N, C, ...)`` holding 0/1; a sample
      counts as correct only when all its labels match.

    ``update`` takes ``(y_pred, y)`` (or a dict with ``y_pred``/``y`` when attached); threshold scores
    with ``output_transform`` for binary/multilabel data.
    """

    _state_dict_all_req_keys = ("_num_correct", "_num_examples", "_type", "_num_classes")

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
        self._num_correct = torch.tensor(0, dtype=torch.long, device=self._device)
        self._num_examples = 0
        super().reset()

    def update(self, output: Sequence[torch.Tensor]) -> None:
        # the effect of @reinit__is_reduced, inlined: this is the per-batch hot path
        self._is_reduced = False
        y_pred, y, kind, _ = self._check_output(output)
        if kind == "multiclass":
            counts = cached_class_counts(y_pred, y)
            if counts is not None:  # another metric counted this batch (labels all in range)
                self._num_correct += counts.trace() if self._on_cpu else counts.trace().to(self._device)
                self._num_examples += y.numel()
                return
            correct = torch.eq(argmax_dim1(y_pred), y)
        elif kind == "binary":
            correct = torch.eq(y_pred, y)
        else:
            correct = torch.all(torch.eq(multilabel_to_2d(y_pred), multilabel_to_2d(y)), dim=-1)
        hits = torch.sum(correct)
        self._num_correct += hits if (hits.is_cpu and self._on_cpu) else hits.to(self._device)
        self._num_examples += correct.numel()

    @sync_all_reduce("_num_examples", "_num_correct")
    def compute(self) -> float:
        if self._num_examples == 0:
            raise NotComputableError("Accuracy must have at least one example before it can be computed.")
        return self._num_correct.item() / self._num_examples
