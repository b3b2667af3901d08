"""ConfusionMatrix for multiclass data and the metrics derived from it (IoU, mIoU, Dice, cm accuracy/precision/recall)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite.metrics.metrics_lambda import MetricsLambda
from ignite_plugins_metrics._classification import (
    CPU,
    argmax_dim1,
    cached_class_counts,
    check_tensors,
    sum_counts,
)

__all__ = [
    "ConfusionMatrix",
    "DiceCoefficient",
    "IoU",
    "JaccardIndex",
    "cmAccuracy",
    "cmPrecision",
    "cmRecall",
    "mIoU",
]

_AVERAGES = ("samples", "recall", "precision")
_EPS = 1e-15


def _float_dtype(device: torch.device) -> torch.dtype:
    return torch.float32 if device.type == "mps" else torch.float64


class ConfusionMatrix(Metric):
    """Confusion matrix of multiclass predictions: entry ``[i, j]`` counts samples of class ``i`` predicted as ``j``.

    ``update`` takes ``(y_pred, y)``: ``y_pred`` of shape ``(N, num_classes, ...)`` with scores (the
    argmax over dim 1 is the prediction) and ``y`` of shape ``(N, ...)`` with integer class indices.
    Targets outside ``[0, num_classes)`` (e.g. an ignore label such as 255 in segmentation) are not
    counted. The state is one ``(num_classes, num_classes)`` int64 matrix on ``device``; per-batch counts
    are added to it in groups (at most 64 batches or 64k counters pending), and reading
    ``confusion_matrix`` adds the pending ones first.

    Args:
        num_classes: number of classes.
        average: ``None`` (the counts, int64), ``"samples"`` (divided by the total), ``"recall"`` (each row
            divided by its sum) or ``"precision"`` (each column divided by its sum); normalized results
            are float32 like pytorch-ignite 0.5.
        output_transform, device, skip_unrolling: see :class:`~ignite.metrics.metric.Metric`;
            ``skip_unrolling`` defaults to True as in pytorch-ignite 0.5 (an output is never unrolled).
    """

    _state_dict_all_req_keys = ("confusion_matrix", "_num_examples")

    def __init__(
        self,
        num_classes: int,
        average: str | None = None,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = True,
    ) -> None:
        if average is not None and average not in _AVERAGES:
            raise ValueError(f"ConfusionMatrix: average must be None or one of {_AVERAGES}, got {average!r}.")
        if not isinstance(num_classes, int) or isinstance(num_classes, bool) or num_classes < 1:
            raise ValueError(f"ConfusionMatrix: num_classes must be a positive int, got {num_classes!r}.")
        self.num_classes = num_classes
        self._num_cells = num_classes * num_classes
        self._fold_every = max(1, min(64, 65536 // self._num_cells))
        self.average = average
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self.confusion_matrix = torch.zeros(
            self.num_classes, self.num_classes, dtype=torch.int64, device=self._device
        )
        self._num_examples = 0
        self._on_cpu = self._device.type == "cpu"
        self._checked: tuple[torch.Size, torch.Size, torch.dtype] | None = None

    def _check_shape(self, y_pred: torch.Tensor, y: torch.Tensor) -> None:
        if y_pred.ndim < 2:
            raise ValueError(
                f"ConfusionMatrix: y_pred must have shape (batch_size, num_classes={self.num_classes}, ...), "
                f"got {tuple(y_pred.shape)}."
            )
        if y_pred.shape[1] != self.num_classes:
            raise ValueError(
                f"ConfusionMatrix: y_pred has {y_pred.shape[1]} classes in dim 1 but num_classes is "
                f"{self.num_classes}."
            )
        if y.shape != (y_pred.shape[0], *y_pred.shape[2:]):
            raise ValueError(
                f"ConfusionMatrix: y must have shape (batch_size, ...) matching y_pred {tuple(y_pred.shape)} "
                f"without dim 1, got {tuple(y.shape)}."
            )
        if y.is_floating_point() or y.is_complex() or y.dtype == torch.bool:
            raise TypeError(
                f"ConfusionMatrix: y must hold integer class indices, got dtype {y.dtype}; "
                "convert it with y.long() in output_transform."
            )

    def update(self, output: Sequence[torch.Tensor]) -> None:
        self._is_reduced = False  # the effect of @reinit__is_reduced, inlined on this per-batch path
        if type(output) is tuple and len(output) == 2:
            y_pred, y = output
            if not (isinstance(y_pred, torch.Tensor) and isinstance(y, torch.Tensor)):
                y_pred, y = check_tensors(output, "ConfusionMatrix")
        else:
            y_pred, y = check_tensors(output, "ConfusionMatrix")
        memo = (y_pred.shape, y.shape, y.dtype)
        if memo != self._checked:  # batches shaped like the last one skip the shape analysis
            self._check_shape(y_pred, y)
            self._checked = memo
        self._num_examples += y_pred.shape[0]
        n = self.num_classes
        shared = cached_class_counts(y_pred, y)  # another metric counted (and range-checked) this batch
        if shared is not None and shared.shape[0] == self._num_cells:
            self._pending.append(shared)  # added in groups: see the confusion_matrix property
            if len(self._pending) >= self._fold_every:
                self._fold()
            return
        pred = argmax_dim1(y_pred).reshape(-1)
        target = y.reshape(-1).to(pred.dtype)
        # targets outside [0, n) land in one extra bin that is dropped: no boolean indexing, no host sync
        index = torch.where((target >= 0) & (target < n), target * n + pred, self._num_cells)
        counts = torch.bincount(index, minlength=self._num_cells + 1)[: self._num_cells]
        self._pending.append(counts)
        if len(self._pending) >= self._fold_every:
            self._fold()

    @property
    def confusion_matrix(self) -> torch.Tensor:
        """The ``(num_classes, num_classes)`` int64 counts so far (rows: targets, columns: predictions)."""
        self._fold()
        return self._matrix

    @confusion_matrix.setter
    def confusion_matrix(self, value: torch.Tensor) -> None:
        self._pending: list[torch.Tensor] = []
        self._matrix = value

    def _fold(self) -> None:
        """Add the flat per-batch counts (some shared by other metrics, kept by reference) in one sum."""
        if self._pending:
            total = sum_counts(self._pending)  # computed once for the metrics sharing these counts
            n = self.num_classes
            self._matrix = self._matrix + total.view(n, n).to(self._device)
            self._pending = []

    @sync_all_reduce("confusion_matrix", "_num_examples")
    def compute(self) -> torch.Tensor:
        if self._num_examples == 0:
            raise NotComputableError(
                "ConfusionMatrix must have at least one example before it can be computed."
            )
        if self.average is None:
            return self.confusion_matrix
        return self.normalize(self.confusion_matrix.float(), self.average)

    @staticmethod
    def normalize(matrix: torch.Tensor, average: str) -> torch.Tensor:
        """``matrix`` divided by its total (``"samples"``), row sums (``"recall"``) or column sums (``"precision"``)."""
        if average == "samples":
            return matrix / matrix.sum()
        if average == "recall":
            return matrix / (matrix.sum(dim=1, keepdim=True) + _EPS)
        if average == "precision":
            return matrix / (matrix.sum(dim=0, keepdim=True) + _EPS)
        raise ValueError(f"ConfusionMatrix.normalize: average must be one of {_AVERAGES}, got {average!r}.")


def _check_cm(cm: Any, name: str, allowed: tuple[str | None, ...] = (None, "samples")) -> ConfusionMatrix:
    if not isinstance(cm, ConfusionMatrix):
        raise TypeError(f"{name}: cm must be a ConfusionMatrix, got {type(cm).__name__}.")
    if cm.average not in allowed:
        raise ValueError(
            f"{name}: the ConfusionMatrix must have average None or 'samples', got {cm.average!r}."
        )
    return cm


def _check_ignore_index(ignore_index: int | None, num_classes: int, name: str) -> None:
    if ignore_index is None:
        return
    if not (isinstance(ignore_index, int) and 0 <= ignore_index < num_classes):
        raise ValueError(f"{name}: ignore_index must be an int in [0, {num_classes}), got {ignore_index!r}.")


class _DropIndex:
    """Picklable ``lambda t: t without entry ignore_index``."""

    def __init__(self, ignore_index: int) -> None:
        self.ignore_index = ignore_index

    def __call__(self, values: torch.Tensor) -> torch.Tensor:
        keep = [i for i in range(values.shape[0]) if i != self.ignore_index]
        return values[keep]


def _iou(matrix: torch.Tensor) -> torch.Tensor:
    m = matrix.double()
    diag = m.diagonal()
    return diag / (m.sum(dim=1) + m.sum(dim=0) - diag + _EPS)


def _dice(matrix: torch.Tensor) -> torch.Tensor:
    m = matrix.double()
    return 2.0 * m.diagonal() / (m.sum(dim=1) + m.sum(dim=0) + _EPS)


def _per_class(
    fn: Callable[[torch.Tensor], torch.Tensor], cm: ConfusionMatrix, ignore: int | None
) -> MetricsLambda:
    result = MetricsLambda(fn, cm)
    return result if ignore is None else MetricsLambda(_DropIndex(ignore), result)


def IoU(cm: ConfusionMatrix, ignore_index: int | None = None) -> MetricsLambda:
    """Per-class intersection over union ``TP / (TP + FP + FN)`` (float64), from ``cm``.

    Classes never seen nor predicted score 0. ``ignore_index`` drops that class from the result.
    """
    cm = _check_cm(cm, "IoU")
    _check_ignore_index(ignore_index, cm.num_classes, "IoU")
    return _per_class(_iou, cm, ignore_index)


def mIoU(cm: ConfusionMatrix, ignore_index: int | None = None) -> MetricsLambda:
    """Mean of :func:`IoU` over classes (a 0-d float64 tensor)."""
    return IoU(cm, ignore_index).mean()


def JaccardIndex(cm: ConfusionMatrix, ignore_index: int | None = None) -> MetricsLambda:
    """Per-class Jaccard index; the same numbers as :func:`IoU`."""
    cm = _check_cm(cm, "JaccardIndex")
    _check_ignore_index(ignore_index, cm.num_classes, "JaccardIndex")
    return _per_class(_iou, cm, ignore_index)


def DiceCoefficient(cm: ConfusionMatrix, ignore_index: int | None = None) -> MetricsLambda:
    """Per-class Dice coefficient ``2 TP / (2 TP + FP + FN)`` (float64), from ``cm``."""
    cm = _check_cm(cm, "DiceCoefficient")
    _check_ignore_index(ignore_index, cm.num_classes, "DiceCoefficient")
    return _per_class(_dice, cm, ignore_index)


def _accuracy(matrix: torch.Tensor) -> torch.Tensor:
    m = matrix.double()
    return m.diagonal().sum() / (m.sum() + _EPS)


class _Ratio:
    """Picklable per-class ``diag / column sums`` (precision, dim 0) or ``diag / row sums`` (recall, dim 1)."""

    def __init__(self, dim: int, average: bool) -> None:
        self.dim = dim
        self.average = average

    def __call__(self, matrix: torch.Tensor) -> torch.Tensor:
        m = matrix.double()
        values = m.diagonal() / (m.sum(dim=self.dim) + _EPS)
        return values.mean() if self.average else values


def cmAccuracy(cm: ConfusionMatrix) -> MetricsLambda:
    """Accuracy from ``cm``: trace over total (a 0-d float64 tensor)."""
    cm = _check_cm(cm, "cmAccuracy", (None, "samples", "recall", "precision"))
    return MetricsLambda(_accuracy, cm)


def cmPrecision(cm: ConfusionMatrix, average: bool = True) -> MetricsLambda:
    """Per-class precision from ``cm`` (float64), averaged over classes when ``average``."""
    cm = _check_cm(cm, "cmPrecision", (None, "samples", "recall", "precision"))
    return MetricsLambda(_Ratio(0, bool(average)), cm)


def cmRecall(cm: ConfusionMatrix, average: bool = True) -> MetricsLambda:
    """Per-class recall from ``cm`` (float64), averaged over classes when ``average``."""
    cm = _check_cm(cm, "cmRecall", (None, "samples", "recall", "precision"))
    return MetricsLambda(_Ratio(1, bool(average)), cm)
