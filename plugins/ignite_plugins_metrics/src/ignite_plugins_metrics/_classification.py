"""Input checking and type detection shared by the classification metrics.

Three input types, as pytorch-ignite 0.5 documents them:

* ``binary``: ``y_pred`` and ``y`` of shape ``(N, ...)`` (a size-1 dim 1 is squeezed), values 0 or 1.
* ``multiclass``: ``y_pred`` of shape ``(N, C, ...)`` with scores, ``y`` of shape ``(N, ...)`` with labels.
* ``multilabel`` (``is_multilabel=True``): both of shape ``(N, C, ...)`` with ``C > 1``, values 0 or 1.

Value checks (0/1 for binary and multilabel data, label range for Precision/Recall on multiclass data)
read a tensor's min/max back to the host: one small transfer per checked tensor; bool tensors skip it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any, Literal

import torch

from ignite.metrics.metric import Metric, reinit__is_reduced

__all__ = ["CPU", "ClassificationMetric", "InputType", "check_tensors", "infer_type", "multilabel_to_2d"]

InputType = Literal["binary", "multiclass", "multilabel"]

CPU = torch.device("cpu")


def check_tensors(output: Sequence[Any], name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Unpack ``(y_pred, y)`` and check both are tensors."""
    if not isinstance(output, Sequence) or len(output) != 2:
        raise ValueError(
            f"{name}.update expects output of the form (y_pred, y), got {type(output).__name__}"
            f"{f' of length {len(output)}' if isinstance(output, Sequence) else ''}. "
            "Use output_transform to select (y_pred, y) from the engine's output."
        )
    y_pred, y = output
    for arg_name, value in (("y_pred", y_pred), ("y", y)):
        if not isinstance(value, torch.Tensor):
            raise TypeError(
                f"{name}: {arg_name} must be a torch.Tensor, got {type(value).__name__}. "
                "Convert it with torch.as_tensor(...) in output_transform."
            )
    return y_pred, y


def infer_type(
    y_pred: torch.Tensor, y: torch.Tensor, is_multilabel: bool, name: str
) -> tuple[torch.Tensor, torch.Tensor, InputType, int]:
    """Check shapes and return ``(y_pred, y, type, num_classes)``; binary inputs have dim 1 squeezed.

    ``num_classes`` is 1 for binary data.
    """
    if is_multilabel:
        if not (y_pred.shape == y.shape and y.ndim > 1 and y.shape[1] > 1):
            raise ValueError(
                f"{name} with is_multilabel=True needs y_pred and y of the same shape (batch_size, "
                f"num_labels, ...) with num_labels > 1, got y_pred {tuple(y_pred.shape)} and "
                f"y {tuple(y.shape)}."
            )
        return y_pred, y, "multilabel", int(y.shape[1])

    if y_pred.ndim > 1 and y_pred.shape[1] == 1:
        y_pred = y_pred.squeeze(1)
    if y.ndim > 1 and y.shape[1] == 1:
        y = y.squeeze(1)

    if y_pred.ndim == y.ndim:
        if y_pred.shape != y.shape:
            raise ValueError(
                f"{name}: binary input needs y_pred and y of the same shape (batch_size, ...), got "
                f"y_pred {tuple(y_pred.shape)} and y {tuple(y.shape)}."
            )
        if y.ndim == 0:
            raise ValueError(f"{name}: y_pred and y need a batch dimension, got 0-d tensors.")
        return y_pred, y, "binary", 1
    if y_pred.ndim == y.ndim + 1:
        expected = (y_pred.shape[0], *y_pred.shape[2:])
        if tuple(y.shape) != expected:
            raise ValueError(
                f"{name}: multiclass input needs y_pred of shape (batch_size, num_classes, ...) and y of "
                f"shape (batch_size, ...); with y_pred {tuple(y_pred.shape)} y must have shape {expected}, "
                f"got {tuple(y.shape)}."
            )
        return y_pred, y, "multiclass", int(y_pred.shape[1])
    raise ValueError(
        f"{name}: y must have shape (batch_size, ...) and y_pred shape (batch_size, num_classes, ...) or "
        f"(batch_size, ...), got y_pred {tuple(y_pred.shape)} and y {tuple(y.shape)}. "
        "For multilabel data pass is_multilabel=True."
    )


def _is_binary_valued(t: torch.Tensor) -> bool:
    """Whether every element is 0 or 1: a min/max read back in one transfer, plus an integrality
    check for floating tensors; free for bool tensors."""
    if t.dtype == torch.bool or t.numel() == 0:
        return True
    low, high = torch.stack(torch.aminmax(t)).tolist()
    if low < 0 or high > 1:
        return False
    return not t.is_floating_point() or torch.equal(t, torch.round(t))


def check_binary_values(y_pred: torch.Tensor, y: torch.Tensor, kind: InputType, name: str) -> None:
    """Raise ValueError unless both tensors hold only 0 and 1."""
    for arg_name, value in (("y_pred", y_pred), ("y", y)):
        if not _is_binary_valued(value):
            hint = " Threshold predictions first, e.g. output_transform=lambda o: (torch.round(o[0]), o[1])."
            raise ValueError(f"{name}: for {kind} input, {arg_name} must contain only 0s and 1s.{hint}")


class _BatchCache:
    """Results of one pass over the latest batch, shared by the metrics updated with that same batch.

    Several metrics attached to one evaluator see the same ``y_pred``/``y`` tensors; the argmax of the
    scores and the label range of the targets are computed once per batch instead of once per metric.
    An entry is valid only for the very same tensor object at the same in-place version counter; it
    holds a reference to the latest batch's tensors until the next batch replaces them.
    """

    __slots__ = (
        "argmax_tensor",
        "argmax_value",
        "argmax_version",
        "counts_key",
        "counts_value",
        "range_key",
        "range_value",
    )

    def __init__(self) -> None:
        self.argmax_tensor: torch.Tensor | None = None
        self.argmax_version = -1
        self.argmax_value: torch.Tensor | None = None
        self.range_key: tuple[torch.Tensor, int] | None = None
        self.range_value: tuple[int, int] = (0, 0)
        self.counts_key: tuple[torch.Tensor, int, torch.Tensor, int] | None = None
        self.counts_value: torch.Tensor | None = None


_CACHE = _BatchCache()


def argmax_dim1(y_pred: torch.Tensor) -> torch.Tensor:
    """``torch.argmax(y_pred, dim=1)``, computed once per batch tensor."""
    cache = _CACHE
    if cache.argmax_tensor is y_pred and cache.argmax_version == y_pred._version:
        return cache.argmax_value  # type: ignore[return-value]
    value = torch.argmax(y_pred, dim=1)
    cache.argmax_tensor = y_pred
    cache.argmax_version = y_pred._version
    cache.argmax_value = value
    return value


def class_counts(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """``(C, C)`` int64 counts of (target, predicted class) pairs of one multiclass batch, once per batch.

    Targets must already be checked to lie in ``[0, C)`` (see :func:`check_label_range`).
    """
    key = _CACHE.counts_key
    if (
        key is not None
        and key[0] is y_pred
        and key[2] is y
        and key[1] == y_pred._version
        and key[3] == y._version
        and _CACHE.counts_value is not None
    ):
        return _CACHE.counts_value
    c = y_pred.shape[1]
    index = y.reshape(-1).long() * c + argmax_dim1(y_pred).reshape(-1)
    value = torch.bincount(index, minlength=c * c).view(c, c)
    _CACHE.counts_key = (y_pred, y_pred._version, y, y._version)
    _CACHE.counts_value = value
    return value


def labels_known_in_range(y: torch.Tensor, num_classes: int) -> bool:
    """Whether this batch's targets were already found to lie in ``[0, num_classes)`` (no new host sync)."""
    key = _CACHE.range_key
    if key is None or key[0] is not y or key[1] != y._version:
        return False
    low, high = _CACHE.range_value
    return low >= 0 and high < num_classes


def _label_bounds(y: torch.Tensor) -> tuple[int, int]:
    key = _CACHE.range_key
    if key is not None and key[0] is y and key[1] == y._version:
        return _CACHE.range_value
    low, high = torch.stack(torch.aminmax(y)).tolist()
    _CACHE.range_key = (y, y._version)
    _CACHE.range_value = (low, high)
    return low, high


def check_label_range(y: torch.Tensor, num_classes: int, name: str) -> None:
    """Raise ValueError unless ``0 <= y < num_classes`` (one host transfer per batch tensor)."""
    if y.numel() == 0:
        return
    low, high = _label_bounds(y)
    if low < 0 or high >= num_classes:
        raise ValueError(
            f"{name}: y contains labels outside [0, {num_classes}) (min {low}, max {high}); "
            f"y_pred has {num_classes} classes in dim 1."
        )


def multilabel_to_2d(t: torch.Tensor) -> torch.Tensor:
    """``(N, C, ...)`` -> ``(N * prod(...), C)``: one row per sample (and position)."""
    num_labels = t.shape[1]
    return torch.movedim(t, 1, -1).reshape(-1, num_labels)


class ClassificationMetric(Metric):
    """Base of Accuracy/Precision/Recall: checks inputs and remembers the input type across updates."""

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        is_multilabel: bool = False,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        self._is_multilabel = bool(is_multilabel)
        self._type: InputType | None = None
        self._num_classes: int | None = None
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._type = None
        self._num_classes = None
        # (y_pred shape, y shape) of the last update and what they implied: later batches of the same
        # shapes skip the shape analysis
        self._shape_memo: tuple[tuple[torch.Size, torch.Size], bool, bool, InputType, int] | None = None

    def _check_output(
        self, output: Sequence[Any], check_labels: bool = False
    ) -> tuple[torch.Tensor, torch.Tensor, InputType, int]:
        """Validate one update's output; return squeezed ``(y_pred, y, type, num_classes)``."""
        if type(output) is tuple and len(output) == 2:
            y_pred, y = output
            if not (isinstance(y_pred, torch.Tensor) and isinstance(y, torch.Tensor)):
                y_pred, y = check_tensors(output, type(self).__name__)
        else:
            y_pred, y = check_tensors(output, type(self).__name__)
        shapes = (y_pred.shape, y.shape)
        memo = self._shape_memo
        if memo is not None and memo[0] == shapes:
            _, squeeze_pred, squeeze_y, kind, num_classes = memo
            if squeeze_pred:
                y_pred = y_pred.squeeze(1)
            if squeeze_y:
                y = y.squeeze(1)
        else:
            y_pred, y, kind, num_classes = self._check_shapes(y_pred, y, shapes)
        if kind == "multiclass":
            if check_labels:
                if y.is_floating_point():
                    warnings.warn(
                        f"{type(self).__name__}: y should hold class indices of dtype long for multiclass "
                        f"input, got {y.dtype}; it is cast to long.",
                        RuntimeWarning,
                        stacklevel=3,
                    )
                check_label_range(y, num_classes, type(self).__name__)
        else:
            check_binary_values(y_pred, y, kind, type(self).__name__)
        return y_pred, y, kind, num_classes

    def _check_shapes(
        self, y_pred: torch.Tensor, y: torch.Tensor, shapes: tuple[torch.Size, torch.Size]
    ) -> tuple[torch.Tensor, torch.Tensor, InputType, int]:
        name = type(self).__name__
        new_pred, new_y, kind, num_classes = infer_type(y_pred, y, self._is_multilabel, name)
        if self._type is None:
            self._type = kind
            self._num_classes = num_classes
        elif self._type != kind:
            raise RuntimeError(
                f"{name}: input data type changed from {self._type} to {kind} between updates. "
                "Call reset() before feeding data of another type."
            )
        elif self._num_classes != num_classes:
            raise ValueError(
                f"{name}: number of classes changed from {self._num_classes} to {num_classes} between "
                "updates. Call reset() before feeding data with another number of classes."
            )
        self._shape_memo = (shapes, new_pred.ndim != y_pred.ndim, new_y.ndim != y.ndim, kind, num_classes)
        return new_pred, new_y, kind, num_classes
