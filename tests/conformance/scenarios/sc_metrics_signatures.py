"""Conformance scenarios: the call signatures (parameter names, kinds, order, defaults) of every metric name."""

import importlib
import inspect

NAMES = {
    "ignite.metrics": (
        "Accuracy",
        "Loss",
        "Precision",
        "Recall",
        "MeanAbsoluteError",
        "MeanSquaredError",
        "RootMeanSquaredError",
        "MeanPairwiseDistance",
        "CosineSimilarity",
        "ConfusionMatrix",
        "IoU",
        "mIoU",
        "DiceCoefficient",
        "JaccardIndex",
        "Fbeta",
        "TopKCategoricalAccuracy",
        "VariableAccumulation",
        "Average",
        "GeometricAverage",
        "RunningAverage",
        "Frequency",
        "GpuInfo",
        "PSNR",
        "SSIM",
        "Entropy",
        "MutualInformation",
        "KLDivergence",
        "JSDivergence",
        "HSIC",
        "MaximumMeanDiscrepancy",
        "ROC_AUC",
        "RocCurve",
        "AveragePrecision",
        "PrecisionRecallCurve",
        "MatthewsCorrCoef",
        "CohenKappa",
        "MultiLabelConfusionMatrix",
        "ClassificationReport",
        "Bleu",
        "CharacterErrorRate",
        "Perplexity",
        "Rouge",
        "RougeN",
        "RougeL",
        "FID",
        "InceptionScore",
        "HitRate",
        "NDCG",
        "ObjectDetectionAvgPrecisionRecall",
        "CommonObjectDetectionMetrics",
        "MeanAveragePrecision",
    ),
    "ignite.metrics.regression": (
        "CanberraMetric",
        "FractionalAbsoluteError",
        "FractionalBias",
        "GeometricMeanAbsoluteError",
        "GeometricMeanRelativeAbsoluteError",
        "KendallRankCorrelation",
        "ManhattanDistance",
        "MaximumAbsoluteError",
        "MeanAbsoluteRelativeError",
        "MeanError",
        "MeanNormalizedBias",
        "MedianAbsoluteError",
        "MedianAbsolutePercentageError",
        "MedianRelativeAbsoluteError",
        "PearsonCorrelation",
        "R2Score",
        "SpearmanRankCorrelation",
        "WaveHedgesDistance",
    ),
    "ignite.metrics.confusion_matrix": (
        "cmAccuracy",
        "cmPrecision",
        "cmRecall",
    ),
    "ignite.metrics.roc_auc": (
        "roc_auc_compute_fn",
        "roc_auc_curve_compute_fn",
    ),
    "ignite.metrics.average_precision": ("average_precision_compute_fn",),
    "ignite.metrics.precision_recall_curve": ("precision_recall_curve_compute_fn",),
    "ignite.metrics.matthews_corrcoef": ("matthews_corrcoef_compute_fn",),
    "ignite.metrics.nlp.rouge": (
        "compute_ngram_scores",
        "compute_lcs_scores",
        "Score",
        "MultiRefReducer",
        "MultiRefAverageReducer",
        "MultiRefBestReducer",
    ),
    "ignite.metrics.nlp.utils": (
        "ngrams",
        "lcs",
        "modified_precision",
    ),
    "ignite.metrics.gan.fid": ("fid_score",),
    "ignite.metrics.gan.utils": ("InceptionModel",),
    "ignite.metrics.clustering": (
        "CalinskiHarabaszScore",
        "DaviesBouldinScore",
        "SilhouetteScore",
    ),
    "ignite.metrics.fairness": (
        "DemographicParityDifference",
        "SelectionRate",
        "SubgroupAccuracyDifference",
        "SubgroupDifference",
        "SubgroupMetric",
    ),
    "ignite.metrics.vision.object_detection_average_precision_recall": ("coco_tensor_list_to_dict_list",),
}


def _default(value):
    if value is inspect.Parameter.empty:
        return ""
    if type(value).__module__.startswith("ignite"):
        return f"=<{type(value).__name__}>"  # e.g. a MetricUsage instance: its type, not its address
    if callable(value) and not isinstance(value, type):
        return f"=<callable {getattr(value, '__name__', type(value).__name__)}>"  # not its address
    return f"={value!r}"


def _show(module_name):
    module = importlib.import_module(module_name)
    for name in NAMES[module_name]:
        try:
            signature = inspect.signature(getattr(module, name))
        except Exception as exc:
            print(name, "raises", type(exc).__name__)
            continue
        params = [f"{p.kind.name}:{p.name}{_default(p.default)}" for p in signature.parameters.values()]
        print(f"{module_name}.{name}({', '.join(params)})")


def scenario_metrics_facade() -> None:
    _show("ignite.metrics")


def scenario_regression() -> None:
    _show("ignite.metrics.regression")


def scenario_module_functions() -> None:
    for module_name in NAMES:
        if module_name not in ("ignite.metrics", "ignite.metrics.regression"):
            _show(module_name)


def scenario_public_methods() -> None:
    """The public methods (own or inherited) of every class: update/compute/attach, helpers, static ones."""
    for module_name, names in NAMES.items():
        module = importlib.import_module(module_name)
        for name in names:
            cls = getattr(module, name)
            if not isinstance(cls, type):
                continue
            for attr in sorted(a for a in dir(cls) if not a.startswith("_")):
                method = getattr(cls, attr)
                if not callable(method) or isinstance(method, type):
                    continue
                params = [
                    f"{p.kind.name}:{p.name}{_default(p.default)}"
                    for p in inspect.signature(method).parameters.values()
                ]
                print(f"{module_name}.{name}.{attr}({', '.join(params)})")
