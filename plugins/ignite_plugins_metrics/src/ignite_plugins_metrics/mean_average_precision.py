"""MeanAveragePrecision for classification: average precision per class, averaged over classes, in torch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced
from ignite_plugins_metrics._classification import CPU, ClassificationMetric, multilabel_to_2d
from ignite_plugins_metrics._history import gather_history
from ignite_plugins_metrics._ranking import binary_clf_curve

__all__ = ["MeanAveragePrecision"]

_CLASS_MEANS = (None, "micro", "macro", "weighted")


def _average_precision(
    scores: torch.Tensor, targets: torch.Tensor, rec_thresholds: torch.Tensor | None
) -> float:
    """AP of one binary column, ``sum_k (r_k - r_{k-1}) P_k``; no positive sample gives 0.

    Without ``rec_thresholds`` the ``r_k`` are the recalls of the curve's points (scikit-learn's
    ``average_precision_score``). With sorted ``rec_thresholds`` the ``r_k`` are the thresholds, ``r_{-1}``
    is 0, and ``P_k`` is the precision of the first point of the curve (scores taken in decreasing order)
    whose recall reaches ``r_k``, 0 if none does.
    """
    fps, tps, _ = binary_clf_curve(scores, targets)
    if tps[-1] <= 0:
        return 0.0
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    if rec_thresholds is None:
        previous = torch.cat([torch.zeros(1, dtype=recall.dtype, device=recall.device), recall[:-1]])
        return float(torch.sum((recall - previous) * precision))
    thresholds = rec_thresholds.to(recall.device)
    index = torch.searchsorted(recall, thresholds, side="left")
    reached = index < recall.shape[0]
    at_threshold = torch.where(
        reached, precision[index.clamp(max=recall.shape[0] - 1)], torch.zeros_like(thresholds)
    )
    previous = torch.cat([torch.zeros(1, dtype=thresholds.dtype, device=thresholds.device), thresholds[:-1]])
    return float(torch.sum((thresholds - previous) * at_threshold))


class MeanAveragePrecision(ClassificationMetric):
    """Mean over classes of the average precision of each class against the rest (classification mAP).

    ``update`` takes ``(y_pred, y)`` with scores in ``y_pred``: binary ``(N, ...)`` scores with 0/1
    targets; multiclass ``(N, C, ...)`` scores with labels ``(N, ...)``; multilabel
    (``is_multilabel=True``) ``(N, C, ...)`` scores with 0/1 targets of the same shape.

    Args:
        rec_thresholds: recall thresholds in [0, 1] (any order); when given, each class's AP is
            ``sum_k (r_k - r_{k-1}) P_k`` over the sorted thresholds (``r_{-1} = 0``), ``P_k`` the
            precision where the curve first reaches recall ``r_k``. Otherwise the ``r_k`` are the curve's own recalls
            (scikit-learn's ``average_precision_score``). A sequence is read as a tensor of torch's default
            dtype, float32, as in 0.5: ``0.6`` is then ``0.6000000238`` and a recall of exactly 0.6 does not
            reach it; pass a float64 tensor for exact thresholds.
        class_mean: ``None`` (per-class tensor), ``"micro"`` (all classes pooled as one binary problem),
            ``"macro"`` (mean over classes) or ``"weighted"`` (mean weighted by each class's positives).
            A class without positives scores 0. Binary data gives a float.
        is_multilabel, output_transform, device, skip_unrolling: see
            :class:`~ignite_plugins_metrics.accuracy.Accuracy`.

    Memory: every score (``N x C``) and target of the epoch is kept on ``device``; ``reset()`` frees them.
    Distributed runs gather the uneven histories, so the value equals the single-process one.
    """

    _state_dict_all_req_keys = ("_scores", "_targets", "_type", "_num_classes")

    def __init__(
        self,
        rec_thresholds: Sequence[float] | torch.Tensor | None = None,
        class_mean: Literal["micro", "macro", "weighted"] | None = "macro",
        is_multilabel: bool = False,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        if class_mean not in _CLASS_MEANS:
            raise ValueError(
                f"MeanAveragePrecision: class_mean must be None, 'micro', 'macro' or 'weighted', got {class_mean!r}."
            )
        self.class_mean = class_mean
        self.rec_thresholds = self._check_thresholds(rec_thresholds)
        super().__init__(
            output_transform=output_transform,
            is_multilabel=is_multilabel,
            device=device,
            skip_unrolling=skip_unrolling,
        )

    @staticmethod
    def _check_thresholds(rec_thresholds: Sequence[float] | torch.Tensor | None) -> torch.Tensor | None:
        if rec_thresholds is None:
            return None
        # a sequence becomes a tensor of torch's default dtype first (float32), as in pytorch-ignite 0.5
        thresholds = torch.as_tensor(rec_thresholds).to(torch.float64)
        if thresholds.ndim != 1:
            raise ValueError(
                "MeanAveragePrecision: rec_thresholds must be a one-dimensional tensor or a sequence of floats, "
                f"got a {thresholds.ndim}-dimensional tensor."
            )
        if bool(((thresholds < 0) | (thresholds > 1)).any()):
            raise ValueError(
                f"MeanAveragePrecision: rec_thresholds must lie in [0, 1], got {thresholds.tolist()}."
            )
        return thresholds.sort().values

    @reinit__is_reduced
    def reset(self) -> None:
        self._scores: list[torch.Tensor] = []
        self._targets: list[torch.Tensor] = []
        super().reset()

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        y_pred, y, kind, num_classes = self._check_output(output, check_labels=True, scores=True)
        y_pred, y = y_pred.detach(), y.detach()
        if kind == "multiclass":
            self._check_labels(y, num_classes)
            scores = torch.movedim(y_pred, 1, -1).reshape(-1, num_classes)
            targets = y.reshape(-1).long()
        elif kind == "binary":
            scores, targets = y_pred.reshape(-1, 1), y.reshape(-1, 1)
        else:
            scores, targets = multilabel_to_2d(y_pred), multilabel_to_2d(y)
        self._scores.append(scores.to(self._device, copy=True))
        self._targets.append(targets.to(self._device, copy=True))

    @staticmethod
    def _check_labels(y: torch.Tensor, num_classes: int) -> None:
        """Reject a batch with a class index outside ``[0, C)`` before it enters the history (ValueError)."""
        if y.numel() == 0:
            return
        low, high = torch.stack(torch.aminmax(y)).tolist()
        if low < 0 or high >= num_classes:
            raise ValueError(
                f"MeanAveragePrecision: y contains labels outside [0, {num_classes}) (min {low}, max {high}); "
                f"y_pred has scores for {num_classes} classes, so every label must be one of them."
            )

    def _shared_type(self) -> str | None:
        """The input type, taken from the other processes when this one had no batch (every process calls it)."""
        import ignite.distributed as idist

        if idist.get_world_size() <= 1:
            return self._type
        return next((k for k in idist.all_gather(self._type or "") if k), None)

    def compute(self) -> torch.Tensor | float:
        # a process without any batch joins the gather (it takes the others' shapes) instead of raising alone
        scores = gather_history(self._scores, self._device)
        targets = gather_history(self._targets, self._device)
        if scores is None or targets is None or scores.shape[0] == 0:
            raise NotComputableError(
                "MeanAveragePrecision must have at least one example before it can be computed."
            )
        if scores.is_floating_point() and bool(torch.isnan(scores).any()):
            raise ValueError("MeanAveragePrecision: y_pred contains NaN.")
        kind = self._shared_type()
        if kind == "multiclass":
            targets = torch.nn.functional.one_hot(targets, scores.shape[1])
        if self.class_mean == "micro":
            value = _average_precision(scores.reshape(-1), targets.reshape(-1), self.rec_thresholds)
            return value if kind == "binary" else torch.tensor(value, dtype=torch.float64)
        per_class = torch.tensor(
            [
                _average_precision(scores[:, j], targets[:, j], self.rec_thresholds)
                for j in range(scores.shape[1])
            ],
            dtype=torch.float64,
        )
        if kind == "binary":
            return float(per_class[0])
        if self.class_mean is None:
            return per_class
        if self.class_mean == "macro":
            return per_class.mean()
        support = targets.sum(dim=0).double()
        return (per_class * support).sum() / support.sum()
