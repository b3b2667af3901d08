"""Input checking and type detection shared by the classification metrics.

Three input types, as pytorch-ignite 0.5 documents them:

* ``binary``: ``y_pred`` and ``y`` of shape ``(N, ...)`` (a size-1 dim 1 is squeezed), values 0 or 1.
* ``multiclass``: ``y_pred`` of shape ``(N, C, ...)`` with scores, ``y`` of shape ``(N, ...)`` with labels.
* ``multilabel`` (``is_multilabel=True``): both of shape ``(N, C, ...)`` with ``C > 1``, values 0 or 1.

Value checks: 0/1 for binary and multilabel data reads a tensor's min/max back to the host (one small
transfer per checked tensor; bool tensors skip it). The label range of multiclass data is checked by
:func:`class_counts` from the length of its bincount, at no extra pass.
"""

from __future__ import annotations

import operator
import warnings
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import torch

from ignite.metrics.metric import Metric, reinit__is_reduced

__all__ = ["CPU", "ClassificationMetric", "InputType", "check_tensors", "infer_type", "multilabel_to_2d"]

InputType = Literal["binary", "multiclass", "multilabel"]

CPU = torch.device("cpu")


def check_tensors(output: Sequence[Any], name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Unpack ``(y_pred, y)`` and check both are tensors."""
    if type(output) is tuple and len(output) == 2:  # the usual case, without the ABC checks below
        y_pred, y = output
        if isinstance(y_pred, torch.Tensor) and isinstance(y, torch.Tensor):
            return y_pred, y
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


def check_binary_values(y_pred: torch.Tensor | None, y: torch.Tensor, kind: InputType, name: str) -> None:
    """Raise ValueError unless both tensors (``y`` only when ``y_pred`` is None) hold only 0 and 1."""
    pairs = (("y", y),) if y_pred is None else (("y_pred", y_pred), ("y", y))
    for arg_name, value in pairs:
        if not _is_binary_valued(value):
            hint = " Threshold predictions first, e.g. output_transform=lambda o: (torch.round(o[0]), o[1])."
            raise ValueError(f"{name}: for {kind} input, {arg_name} must contain only 0s and 1s.{hint}")


def _dead() -> torch.Tensor | None:
    return None


class _BatchCache:
    """Results of one pass over the latest batch, shared by the metrics updated with that same batch.

    Several metrics attached to one evaluator see the same ``y_pred``/``y`` tensors; the argmax of the
    scores and the (target, prediction) counts are computed once per batch instead of once per metric.
    An entry is valid only for the very same tensor objects (held by weak reference, so no batch or
    autograd graph is kept alive) at the same in-place version counters.
    """

    __slots__ = (
        "argmax_tensor",
        "argmax_value",
        "argmax_version",
        "counts_pred",
        "counts_target",
        "counts_value",
        "counts_versions",
        "counts_wanted",
        "sum_inputs",
        "sum_value",
    )

    def __init__(self) -> None:
        self.argmax_tensor: Callable[[], torch.Tensor | None] = _dead
        self.argmax_version = -1
        self.argmax_value: torch.Tensor | None = None
        self.counts_pred: Callable[[], torch.Tensor | None] = _dead
        self.counts_target: Callable[[], torch.Tensor | None] = _dead
        self.counts_versions = (-1, -1)
        self.counts_value: torch.Tensor | None = None
        # whether a metric that needs the counts (Precision, Recall, ConfusionMatrix) asked for them since
        # the latest speculative count: then counting is worth it for a metric (Accuracy) that has a
        # cheaper way of its own when it is alone
        self.counts_wanted = False
        # the count tensors of the latest fold (a few kB: at most 64k counters) and their sum
        self.sum_inputs: tuple[torch.Tensor, ...] = ()
        self.sum_value: torch.Tensor | None = None


_CACHE = _BatchCache()

# from this many scores on, torch.max(y_pred, 1) finds the indices faster than torch.argmax on the CPU
# (about 10% from 256 x 10 scores on; below, argmax is the faster)
_MAX_KERNEL_FROM = 2048


def argmax_dim1(y_pred: torch.Tensor) -> torch.Tensor:
    """``torch.argmax(y_pred, dim=1)``, computed once per batch tensor."""
    cache = _CACHE
    version = y_pred._version
    if cache.argmax_tensor() is y_pred and cache.argmax_version == version:
        return cache.argmax_value  # type: ignore[return-value]
    if y_pred.is_cpu and y_pred.numel() >= _MAX_KERNEL_FROM and y_pred.is_floating_point():
        value = torch.max(y_pred, 1)[1]  # the same indices (first maximum, NaN first), a faster CPU kernel
    else:
        value = torch.argmax(y_pred, dim=1)
    cache.argmax_tensor = weakref.ref(y_pred)
    cache.argmax_version = version
    cache.argmax_value = value
    return value


INTEGER_DTYPES = frozenset({torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8})


def try_class_counts(y_pred: torch.Tensor, y: torch.Tensor, speculative: bool = False) -> torch.Tensor | None:
    """Flat ``(C * C,)`` int64 counts of (target, predicted class) pairs of one multiclass batch, computed
    once per batch (entry ``target * C + prediction``); None when a target lies outside ``[0, C)``.

    The range check costs no extra pass: it is read from the counts' length (and bincount's refusal of
    negative indices). Only valid counts are kept for the other metrics of the batch. ``speculative``:
    the caller could do without the counts, so they are made only if a metric that needs them asked for
    counts since the latest speculative ones (e.g. Accuracy updated before Precision in one evaluator);
    None when they are not made.
    """
    cache = _CACHE
    versions = (y_pred._version, y._version)
    if cache.counts_pred() is y_pred and cache.counts_target() is y and cache.counts_versions == versions:
        if not speculative:
            cache.counts_wanted = True
        return cache.counts_value
    if speculative:
        if not cache.counts_wanted:
            return None
        cache.counts_wanted = False
    else:
        cache.counts_wanted = True
    c = y_pred.shape[1]
    pred, target = argmax_dim1(y_pred), y
    if target.ndim != 1:
        pred, target = pred.reshape(-1), target.reshape(-1)
    if target.dtype != torch.int64:
        target = target.long()
    try:
        counts = torch.bincount(torch.add(pred, target, alpha=c), minlength=c * c)  # target * c + pred
    except RuntimeError:  # a negative index: a negative label
        return None
    if counts.shape[0] != c * c:
        return None
    cache.counts_pred, cache.counts_target = cache.argmax_tensor, weakref.ref(y)  # argmax_dim1 set the first
    cache.counts_versions = versions
    cache.counts_value = counts
    return counts


def sum_counts(pending: list[torch.Tensor]) -> torch.Tensor:
    """The elementwise sum of per-batch counts, computed once for all the metrics that fold the very same
    count tensors (those shared through :func:`try_class_counts`) at the same time. The result may be
    shared: never modify it in place."""
    cache = _CACHE
    last = cache.sum_inputs
    if len(last) == len(pending) and all(map(operator.is_, last, pending)):
        return cache.sum_value  # type: ignore[return-value]
    total = torch.stack(pending).sum(dim=0) if len(pending) > 1 else pending[0]
    cache.sum_inputs = tuple(pending)
    cache.sum_value = total
    return total


def class_counts(y_pred: torch.Tensor, y: torch.Tensor, name: str) -> torch.Tensor:
    """:func:`try_class_counts`, raising ValueError (naming ``name``) when a target lies outside ``[0, C)``."""
    counts = try_class_counts(y_pred, y)
    if counts is None:
        c = y_pred.shape[1]
        low, high = torch.stack(torch.aminmax(y)).tolist()
        raise ValueError(
            f"{name}: y contains labels outside [0, {c}) (min {low}, max {high}); "
            f"y_pred has {c} classes in dim 1."
        )
    return counts


def cached_class_counts(y_pred: torch.Tensor, y: torch.Tensor, wanted: bool = True) -> torch.Tensor | None:
    """The flat counts :func:`try_class_counts` already computed (and range-checked) for this very batch, if
    any. ``wanted``: the caller would use counts of the next batches too (see :func:`try_class_counts`).
    """
    cache = _CACHE
    if wanted:
        cache.counts_wanted = True
    if (
        cache.counts_pred() is y_pred
        and cache.counts_target() is y
        and cache.counts_versions == (y_pred._version, y._version)
    ):
        return cache.counts_value
    return None


def fold_limit(cells: int) -> int:
    """How many per-batch count tensors of ``cells`` entries to keep before summing them: at most 64
    batches or 64k counters pending."""
    return max(1, min(64, 65536 // max(1, cells)))


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

    @staticmethod
    def get_sequence_transform(
        ignore_index: int | Iterable[int] | None = None,
        output_transform: Callable[[Any], Any] = lambda x: x,
    ) -> Callable[[Any], tuple[torch.Tensor, torch.Tensor]]:
        """An ``output_transform`` for sequence outputs: ``y_pred (N, S, C)`` and ``y (N, S)`` become
        ``(N*S, C)`` scores and ``(N*S,)`` labels, without the positions whose label is ``ignore_index``
        (one value or several, e.g. padding tokens). ``output_transform`` is applied first.
        """

        def transform(output: Any) -> tuple[torch.Tensor, torch.Tensor]:
            y_pred, y = output_transform(output)
            if y_pred.ndim != 3 or y.ndim != 2:
                raise ValueError(
                    "get_sequence_transform: y_pred must have shape (N, S, C) and y shape (N, S) "
                    f"(batch, sequence, classes); got a {y_pred.ndim}-D y_pred and a {y.ndim}-D y."
                )
            if y_pred.shape[:2] != y.shape:
                raise ValueError(
                    f"get_sequence_transform: y_pred's batch and sequence dims {tuple(y_pred.shape[:2])} "
                    f"must equal y's shape {tuple(y.shape)}."
                )
            scores, labels = y_pred.reshape(-1, y_pred.shape[-1]), y.reshape(-1)
            if ignore_index is None:
                return scores, labels
            if isinstance(ignore_index, Iterable):
                ignored = torch.as_tensor(list(ignore_index), dtype=labels.dtype, device=labels.device)
                keep = ~torch.isin(labels, ignored)
            else:
                keep = labels != ignore_index
            return scores[keep], labels[keep]

        return transform

    @reinit__is_reduced
    def reset(self) -> None:
        self._type = None
        self._num_classes = None
        # y_pred's and y's shapes in the last update and what they implied (squeeze y_pred, squeeze y,
        # type, number of classes): later batches of the same shapes skip the shape analysis
        self._shape_memo: tuple[torch.Size, torch.Size, bool, bool, InputType, int] | None = None
        self._fold_at = 1  # how many per-batch counts to keep before summing them (set with the memo)

    def _load_state(self, state: Mapping[str, Any]) -> None:
        super()._load_state(state)
        self._shape_memo = None  # the loaded input type must be checked against the next batch

    def _check_output(
        self, output: Sequence[Any], check_labels: bool = False, scores: bool = False
    ) -> tuple[torch.Tensor, torch.Tensor, InputType, int]:
        """Validate one update's output; return squeezed ``(y_pred, y, type, num_classes)``.

        ``scores``: ``y_pred`` holds scores for every input type (only ``y`` must be 0/1 for binary and
        multilabel data).
        """
        if type(output) is tuple and len(output) == 2:
            y_pred, y = output
            if not (isinstance(y_pred, torch.Tensor) and isinstance(y, torch.Tensor)):
                y_pred, y = check_tensors(output, type(self).__name__)
        else:
            y_pred, y = check_tensors(output, type(self).__name__)
        memo = self._shape_memo
        if memo is not None and memo[0] == y_pred.shape and memo[1] == y.shape:
            _, _, squeeze_pred, squeeze_y, kind, num_classes = memo
            if squeeze_pred:
                y_pred = y_pred.squeeze(1)
            if squeeze_y:
                y = y.squeeze(1)
        else:
            y_pred, y, kind, num_classes = self._check_shapes(y_pred, y)
        if kind == "multiclass":
            if check_labels and y.is_floating_point():
                warnings.warn(
                    f"{type(self).__name__}: y should hold class indices of dtype long for multiclass "
                    f"input, got {y.dtype}; it is cast to long.",
                    RuntimeWarning,
                    stacklevel=3,
                )
        else:
            check_binary_values(None if scores else y_pred, y, kind, type(self).__name__)
        return y_pred, y, kind, num_classes

    def _check_shapes(
        self, y_pred: torch.Tensor, y: torch.Tensor
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
        self._shape_memo = (
            y_pred.shape,
            y.shape,
            new_pred.ndim != y_pred.ndim,
            new_y.ndim != y.ndim,
            kind,
            num_classes,
        )
        self._fold_at = fold_limit(4 if kind == "binary" else num_classes * num_classes)
        return new_pred, new_y, kind, num_classes
