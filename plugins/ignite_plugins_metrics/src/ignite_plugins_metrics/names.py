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
    Name(
        "ConfusionMatrix",
        "ignite_plugins_metrics.confusion_matrix:ConfusionMatrix",
        modules=("ignite.metrics", "ignite.metrics.confusion_matrix"),
    ),
    Name(
        "IoU",
        "ignite_plugins_metrics.confusion_matrix:IoU",
        modules=("ignite.metrics", "ignite.metrics.confusion_matrix"),
    ),
    Name(
        "mIoU",
        "ignite_plugins_metrics.confusion_matrix:mIoU",
        modules=("ignite.metrics", "ignite.metrics.confusion_matrix"),
    ),
    Name(
        "cmAccuracy",
        "ignite_plugins_metrics.confusion_matrix:cmAccuracy",
        modules=("ignite.metrics.confusion_matrix",),
    ),
    Name(
        "cmPrecision",
        "ignite_plugins_metrics.confusion_matrix:cmPrecision",
        modules=("ignite.metrics.confusion_matrix",),
    ),
    Name(
        "cmRecall",
        "ignite_plugins_metrics.confusion_matrix:cmRecall",
        modules=("ignite.metrics.confusion_matrix",),
    ),
    Name(
        "DiceCoefficient",
        "ignite_plugins_metrics.confusion_matrix:DiceCoefficient",
        modules=("ignite.metrics", "ignite.metrics.confusion_matrix"),
    ),
    Name(
        "JaccardIndex",
        "ignite_plugins_metrics.confusion_matrix:JaccardIndex",
        modules=("ignite.metrics", "ignite.metrics.confusion_matrix"),
    ),
    Name("Fbeta", "ignite_plugins_metrics.fbeta:Fbeta", modules=("ignite.metrics", "ignite.metrics.fbeta")),
    Name(
        "TopKCategoricalAccuracy",
        "ignite_plugins_metrics.top_k_categorical_accuracy:TopKCategoricalAccuracy",
        modules=("ignite.metrics", "ignite.metrics.top_k_categorical_accuracy"),
    ),
    Name(
        "VariableAccumulation",
        "ignite_plugins_metrics.accumulation:VariableAccumulation",
        modules=("ignite.metrics", "ignite.metrics.accumulation"),
    ),
    Name(
        "Average",
        "ignite_plugins_metrics.accumulation:Average",
        modules=("ignite.metrics", "ignite.metrics.accumulation"),
    ),
    Name(
        "GeometricAverage",
        "ignite_plugins_metrics.accumulation:GeometricAverage",
        modules=("ignite.metrics", "ignite.metrics.accumulation"),
    ),
    Name(
        "RunningAverage",
        "ignite_plugins_metrics.running_average:RunningAverage",
        modules=("ignite.metrics", "ignite.metrics.running_average"),
    ),
    Name(
        "Frequency",
        "ignite_plugins_metrics.frequency:Frequency",
        modules=("ignite.metrics", "ignite.metrics.frequency"),
    ),
    Name(
        "GpuInfo",
        "ignite_plugins_metrics.gpu_info:GpuInfo",
        modules=(
            "ignite.metrics",
            "ignite.contrib.metrics",
            "ignite.metrics.gpu_info",
            "ignite.contrib.metrics.gpu_info",
        ),
    ),
)
