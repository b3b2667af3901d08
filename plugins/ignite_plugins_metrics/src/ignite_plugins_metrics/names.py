"""Every public name this distribution provides, declared once: registration, the 0.5 module aliases,
the install hints and the type-checking view all derive from this table."""

from __future__ import annotations

from ignite.plugins import Name

NAMES: tuple[Name, ...] = (
    Name(
        "Accuracy",
        "ignite_plugins_metrics.accuracy:Accuracy",
        modules=("ignite.metrics", "ignite.metrics.accuracy"),
    ),
    Name("Loss", "ignite_plugins_metrics.loss:Loss", modules=("ignite.metrics", "ignite.metrics.loss")),
    Name(
        "Precision",
        "ignite_plugins_metrics.precision:Precision",
        modules=("ignite.metrics", "ignite.metrics.precision"),
    ),
    Name(
        "Recall", "ignite_plugins_metrics.recall:Recall", modules=("ignite.metrics", "ignite.metrics.recall")
    ),
)
