"""Recall for binary, multiclass and multilabel data."""

from __future__ import annotations

from ignite_plugins_metrics._precision_recall import PrecisionRecallBase

__all__ = ["Recall"]


class Recall(PrecisionRecallBase):
    """Recall ``TP / (TP + FN)``, accumulated as per-class counts over updates.

    Inputs are those of :class:`~ignite_plugins_metrics.accuracy.Accuracy`. ``average``:

    - ``False`` (default): per-class tensor for multiclass/multilabel; for binary data the recall of
      class 1 (a 0-d tensor).
    - ``None``: per-class tensor, binary data included (classes 0 and 1).
    - ``"micro"``: counts pooled over classes (for binary/multiclass data this equals accuracy).
    - ``"macro"`` (or ``True``): unweighted mean of per-class recalls.
    - ``"weighted"``: mean of per-class recalls weighted by each class's number of actual positives.
    - ``"samples"``: multilabel only; recall per sample, averaged over samples.

    Classes without actual positives score 0. Averaged results are Python floats.
    """

    _denominator = "actual"
