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
        "CanberraMetric",
        "ignite_plugins_metrics.regression.errors:CanberraMetric",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.canberra_metric",
            "ignite.contrib.metrics.regression.canberra_metric",
        ),
    ),
    Name(
        "FractionalAbsoluteError",
        "ignite_plugins_metrics.regression.errors:FractionalAbsoluteError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.fractional_absolute_error",
            "ignite.contrib.metrics.regression.fractional_absolute_error",
        ),
    ),
    Name(
        "FractionalBias",
        "ignite_plugins_metrics.regression.errors:FractionalBias",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.fractional_bias",
            "ignite.contrib.metrics.regression.fractional_bias",
        ),
    ),
    Name(
        "GeometricMeanAbsoluteError",
        "ignite_plugins_metrics.regression.errors:GeometricMeanAbsoluteError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.geometric_mean_absolute_error",
            "ignite.contrib.metrics.regression.geometric_mean_absolute_error",
        ),
    ),
    Name(
        "GeometricMeanRelativeAbsoluteError",
        "ignite_plugins_metrics.regression.medians:GeometricMeanRelativeAbsoluteError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.geometric_mean_relative_absolute_error",
            "ignite.contrib.metrics.regression.geometric_mean_relative_absolute_error",
        ),
    ),
    Name(
        "KendallRankCorrelation",
        "ignite_plugins_metrics.regression.rank_correlation:KendallRankCorrelation",
        modules=("ignite.metrics.regression", "ignite.metrics.regression.kendall_correlation"),
    ),
    Name(
        "ManhattanDistance",
        "ignite_plugins_metrics.regression.errors:ManhattanDistance",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.manhattan_distance",
            "ignite.contrib.metrics.regression.manhattan_distance",
        ),
    ),
    Name(
        "MaximumAbsoluteError",
        "ignite_plugins_metrics.regression.errors:MaximumAbsoluteError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.maximum_absolute_error",
            "ignite.contrib.metrics.regression.maximum_absolute_error",
        ),
    ),
    Name(
        "MeanAbsoluteRelativeError",
        "ignite_plugins_metrics.regression.errors:MeanAbsoluteRelativeError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.mean_absolute_relative_error",
            "ignite.contrib.metrics.regression.mean_absolute_relative_error",
        ),
    ),
    Name(
        "MeanError",
        "ignite_plugins_metrics.regression.errors:MeanError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.mean_error",
            "ignite.contrib.metrics.regression.mean_error",
        ),
    ),
    Name(
        "MeanNormalizedBias",
        "ignite_plugins_metrics.regression.errors:MeanNormalizedBias",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.mean_normalized_bias",
            "ignite.contrib.metrics.regression.mean_normalized_bias",
        ),
    ),
    Name(
        "MedianAbsoluteError",
        "ignite_plugins_metrics.regression.medians:MedianAbsoluteError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.median_absolute_error",
            "ignite.contrib.metrics.regression.median_absolute_error",
        ),
    ),
    Name(
        "MedianAbsolutePercentageError",
        "ignite_plugins_metrics.regression.medians:MedianAbsolutePercentageError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.median_absolute_percentage_error",
            "ignite.contrib.metrics.regression.median_absolute_percentage_error",
        ),
    ),
    Name(
        "MedianRelativeAbsoluteError",
        "ignite_plugins_metrics.regression.medians:MedianRelativeAbsoluteError",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.median_relative_absolute_error",
            "ignite.contrib.metrics.regression.median_relative_absolute_error",
        ),
    ),
    Name(
        "PearsonCorrelation",
        "ignite_plugins_metrics.regression.pearson_correlation:PearsonCorrelation",
        modules=("ignite.metrics.regression", "ignite.metrics.regression.pearson_correlation"),
    ),
    Name(
        "R2Score",
        "ignite_plugins_metrics.regression.r2_score:R2Score",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.r2_score",
            "ignite.contrib.metrics.regression.r2_score",
        ),
    ),
    Name(
        "SpearmanRankCorrelation",
        "ignite_plugins_metrics.regression.rank_correlation:SpearmanRankCorrelation",
        modules=("ignite.metrics.regression", "ignite.metrics.regression.spearman_correlation"),
    ),
    Name(
        "WaveHedgesDistance",
        "ignite_plugins_metrics.regression.errors:WaveHedgesDistance",
        modules=(
            "ignite.metrics.regression",
            "ignite.contrib.metrics.regression",
            "ignite.metrics.regression.wave_hedges_distance",
            "ignite.contrib.metrics.regression.wave_hedges_distance",
        ),
    ),
    Name(
        "MeanAbsoluteError",
        "ignite_plugins_metrics.basic_errors:MeanAbsoluteError",
        modules=("ignite.metrics", "ignite.metrics.mean_absolute_error"),
    ),
    Name(
        "MeanSquaredError",
        "ignite_plugins_metrics.basic_errors:MeanSquaredError",
        modules=("ignite.metrics", "ignite.metrics.mean_squared_error"),
    ),
    Name(
        "RootMeanSquaredError",
        "ignite_plugins_metrics.basic_errors:RootMeanSquaredError",
        modules=("ignite.metrics", "ignite.metrics.root_mean_squared_error"),
    ),
    Name(
        "MeanPairwiseDistance",
        "ignite_plugins_metrics.mean_pairwise_distance:MeanPairwiseDistance",
        modules=("ignite.metrics", "ignite.metrics.mean_pairwise_distance"),
    ),
    Name(
        "CosineSimilarity",
        "ignite_plugins_metrics.cosine_similarity:CosineSimilarity",
        modules=("ignite.metrics", "ignite.metrics.cosine_similarity"),
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
    Name("PSNR", "ignite_plugins_metrics.psnr:PSNR", modules=("ignite.metrics", "ignite.metrics.psnr")),
    Name("SSIM", "ignite_plugins_metrics.ssim:SSIM", modules=("ignite.metrics", "ignite.metrics.ssim")),
    Name(
        "Entropy",
        "ignite_plugins_metrics.entropy:Entropy",
        modules=("ignite.metrics", "ignite.metrics.entropy"),
    ),
    Name(
        "MutualInformation",
        "ignite_plugins_metrics.entropy:MutualInformation",
        modules=("ignite.metrics", "ignite.metrics.mutual_information"),
    ),
    Name(
        "KLDivergence",
        "ignite_plugins_metrics.divergence:KLDivergence",
        modules=("ignite.metrics", "ignite.metrics.kl_divergence"),
    ),
    Name(
        "JSDivergence",
        "ignite_plugins_metrics.divergence:JSDivergence",
        modules=("ignite.metrics", "ignite.metrics.js_divergence"),
    ),
    Name("HSIC", "ignite_plugins_metrics.hsic:HSIC", modules=("ignite.metrics", "ignite.metrics.hsic")),
    Name(
        "MaximumMeanDiscrepancy",
        "ignite_plugins_metrics.maximum_mean_discrepancy:MaximumMeanDiscrepancy",
        modules=("ignite.metrics", "ignite.metrics.maximum_mean_discrepancy"),
    ),
    Name(
        "ROC_AUC",
        "ignite_plugins_metrics.roc_auc:ROC_AUC",
        modules=(
            "ignite.metrics",
            "ignite.contrib.metrics",
            "ignite.metrics.roc_auc",
            "ignite.contrib.metrics.roc_auc",
        ),
    ),
    Name(
        "RocCurve",
        "ignite_plugins_metrics.roc_auc:RocCurve",
        modules=(
            "ignite.metrics",
            "ignite.contrib.metrics",
            "ignite.metrics.roc_auc",
            "ignite.contrib.metrics.roc_auc",
        ),
    ),
    Name(
        "roc_auc_compute_fn",
        "ignite_plugins_metrics.roc_auc:roc_auc_compute_fn",
        modules=("ignite.metrics.roc_auc", "ignite.contrib.metrics.roc_auc"),
    ),
    Name(
        "roc_auc_curve_compute_fn",
        "ignite_plugins_metrics.roc_auc:roc_auc_curve_compute_fn",
        modules=("ignite.metrics.roc_auc", "ignite.contrib.metrics.roc_auc"),
    ),
    Name(
        "AveragePrecision",
        "ignite_plugins_metrics.average_precision:AveragePrecision",
        modules=(
            "ignite.metrics",
            "ignite.contrib.metrics",
            "ignite.metrics.average_precision",
            "ignite.contrib.metrics.average_precision",
        ),
    ),
    Name(
        "average_precision_compute_fn",
        "ignite_plugins_metrics.average_precision:average_precision_compute_fn",
        modules=("ignite.metrics.average_precision", "ignite.contrib.metrics.average_precision"),
    ),
    Name(
        "PrecisionRecallCurve",
        "ignite_plugins_metrics.precision_recall_curve:PrecisionRecallCurve",
        modules=(
            "ignite.metrics",
            "ignite.contrib.metrics",
            "ignite.metrics.precision_recall_curve",
            "ignite.contrib.metrics.precision_recall_curve",
        ),
    ),
    Name(
        "precision_recall_curve_compute_fn",
        "ignite_plugins_metrics.precision_recall_curve:precision_recall_curve_compute_fn",
        modules=("ignite.metrics.precision_recall_curve", "ignite.contrib.metrics.precision_recall_curve"),
    ),
    Name(
        "MatthewsCorrCoef",
        "ignite_plugins_metrics.matthews_corrcoef:MatthewsCorrCoef",
        modules=("ignite.metrics", "ignite.metrics.matthews_corrcoef"),
    ),
    Name(
        "matthews_corrcoef_compute_fn",
        "ignite_plugins_metrics.matthews_corrcoef:matthews_corrcoef_compute_fn",
        modules=("ignite.metrics.matthews_corrcoef",),
    ),
    Name(
        "CohenKappa",
        "ignite_plugins_metrics.cohen_kappa:CohenKappa",
        modules=(
            "ignite.metrics",
            "ignite.contrib.metrics",
            "ignite.metrics.cohen_kappa",
            "ignite.contrib.metrics.cohen_kappa",
        ),
    ),
    Name(
        "MultiLabelConfusionMatrix",
        "ignite_plugins_metrics.multilabel_confusion_matrix:MultiLabelConfusionMatrix",
        modules=("ignite.metrics", "ignite.metrics.multilabel_confusion_matrix"),
    ),
    Name(
        "ClassificationReport",
        "ignite_plugins_metrics.classification_report:ClassificationReport",
        modules=("ignite.metrics", "ignite.metrics.classification_report"),
    ),
    Name(
        "Bleu",
        "ignite_plugins_metrics.nlp.bleu:Bleu",
        modules=("ignite.metrics", "ignite.metrics.nlp", "ignite.metrics.nlp.bleu"),
    ),
    Name(
        "CharacterErrorRate",
        "ignite_plugins_metrics.nlp.character_error_rate:CharacterErrorRate",
        modules=("ignite.metrics", "ignite.metrics.nlp", "ignite.metrics.nlp.character_error_rate"),
    ),
    Name(
        "Perplexity",
        "ignite_plugins_metrics.nlp.perplexity:Perplexity",
        modules=("ignite.metrics", "ignite.metrics.nlp", "ignite.metrics.nlp.perplexity"),
    ),
    Name(
        "Rouge",
        "ignite_plugins_metrics.nlp.rouge:Rouge",
        modules=("ignite.metrics", "ignite.metrics.nlp", "ignite.metrics.nlp.rouge"),
    ),
    Name(
        "RougeN",
        "ignite_plugins_metrics.nlp.rouge:RougeN",
        modules=("ignite.metrics", "ignite.metrics.nlp", "ignite.metrics.nlp.rouge"),
    ),
    Name(
        "RougeL",
        "ignite_plugins_metrics.nlp.rouge:RougeL",
        modules=("ignite.metrics", "ignite.metrics.nlp", "ignite.metrics.nlp.rouge"),
    ),
    Name(
        "compute_ngram_scores",
        "ignite_plugins_metrics.nlp.rouge:compute_ngram_scores",
        modules=("ignite.metrics.nlp.rouge",),
    ),
    Name(
        "compute_lcs_scores",
        "ignite_plugins_metrics.nlp.rouge:compute_lcs_scores",
        modules=("ignite.metrics.nlp.rouge",),
    ),
    Name("Score", "ignite_plugins_metrics.nlp.rouge:Score", modules=("ignite.metrics.nlp.rouge",)),
    Name(
        "MultiRefReducer",
        "ignite_plugins_metrics.nlp.rouge:MultiRefReducer",
        modules=("ignite.metrics.nlp.rouge",),
    ),
    Name(
        "MultiRefAverageReducer",
        "ignite_plugins_metrics.nlp.rouge:MultiRefAverageReducer",
        modules=("ignite.metrics.nlp.rouge",),
    ),
    Name(
        "MultiRefBestReducer",
        "ignite_plugins_metrics.nlp.rouge:MultiRefBestReducer",
        modules=("ignite.metrics.nlp.rouge",),
    ),
    Name("ngrams", "ignite_plugins_metrics.nlp.utils:ngrams", modules=("ignite.metrics.nlp.utils",)),
    Name("lcs", "ignite_plugins_metrics.nlp.utils:lcs", modules=("ignite.metrics.nlp.utils",)),
    Name(
        "modified_precision",
        "ignite_plugins_metrics.nlp.utils:modified_precision",
        modules=("ignite.metrics.nlp.utils",),
    ),
    Name(
        "FID",
        "ignite_plugins_metrics.gan.fid:FID",
        modules=("ignite.metrics", "ignite.metrics.gan", "ignite.metrics.gan.fid"),
    ),
    Name("fid_score", "ignite_plugins_metrics.gan.fid:fid_score", modules=("ignite.metrics.gan.fid",)),
    Name(
        "InceptionScore",
        "ignite_plugins_metrics.gan.inception_score:InceptionScore",
        modules=("ignite.metrics", "ignite.metrics.gan", "ignite.metrics.gan.inception_score"),
    ),
    Name(
        "InceptionModel",
        "ignite_plugins_metrics.gan.utils:InceptionModel",
        modules=("ignite.metrics.gan.utils",),
    ),
    Name(
        "CalinskiHarabaszScore",
        "ignite_plugins_metrics.clustering.calinski_harabasz_score:CalinskiHarabaszScore",
        modules=("ignite.metrics.clustering", "ignite.metrics.clustering.calinski_harabasz_score"),
    ),
    Name(
        "DaviesBouldinScore",
        "ignite_plugins_metrics.clustering.davies_bouldin_score:DaviesBouldinScore",
        modules=("ignite.metrics.clustering", "ignite.metrics.clustering.davies_bouldin_score"),
    ),
    Name(
        "SilhouetteScore",
        "ignite_plugins_metrics.clustering.silhouette_score:SilhouetteScore",
        modules=("ignite.metrics.clustering", "ignite.metrics.clustering.silhouette_score"),
    ),
    Name(
        "HitRate",
        "ignite_plugins_metrics.rec_sys.hitrate:HitRate",
        modules=("ignite.metrics", "ignite.metrics.rec_sys", "ignite.metrics.rec_sys.hitrate"),
    ),
    Name(
        "NDCG",
        "ignite_plugins_metrics.rec_sys.ndcg:NDCG",
        modules=("ignite.metrics", "ignite.metrics.rec_sys", "ignite.metrics.rec_sys.ndcg"),
    ),
    Name(
        "DemographicParityDifference",
        "ignite_plugins_metrics.fairness.differences:DemographicParityDifference",
        modules=("ignite.metrics.fairness",),
    ),
    Name(
        "SelectionRate",
        "ignite_plugins_metrics.fairness.selection_rate:SelectionRate",
        modules=("ignite.metrics.fairness",),
    ),
    Name(
        "SubgroupAccuracyDifference",
        "ignite_plugins_metrics.fairness.differences:SubgroupAccuracyDifference",
        modules=("ignite.metrics.fairness",),
    ),
    Name(
        "SubgroupDifference",
        "ignite_plugins_metrics.fairness.subgroup:SubgroupDifference",
        modules=("ignite.metrics.fairness",),
    ),
    Name(
        "SubgroupMetric",
        "ignite_plugins_metrics.fairness.subgroup:SubgroupMetric",
        modules=("ignite.metrics.fairness",),
    ),
    Name(
        "ObjectDetectionAvgPrecisionRecall",
        "ignite_plugins_metrics.vision.object_detection_average_precision_recall:ObjectDetectionAvgPrecisionRecall",
        modules=(
            "ignite.metrics",
            "ignite.metrics.vision",
            "ignite.metrics.vision.object_detection_average_precision_recall",
        ),
    ),
    Name(
        "CommonObjectDetectionMetrics",
        "ignite_plugins_metrics.vision.object_detection_average_precision_recall:CommonObjectDetectionMetrics",
        modules=(
            "ignite.metrics",
            "ignite.metrics.vision",
            "ignite.metrics.vision.object_detection_average_precision_recall",
        ),
    ),
    Name(
        "coco_tensor_list_to_dict_list",
        "ignite_plugins_metrics.vision.object_detection_average_precision_recall:coco_tensor_list_to_dict_list",
        modules=("ignite.metrics.vision", "ignite.metrics.vision.object_detection_average_precision_recall"),
    ),
    Name(
        "MeanAveragePrecision",
        "ignite_plugins_metrics.mean_average_precision:MeanAveragePrecision",
        modules=("ignite.metrics", "ignite.metrics.mean_average_precision"),
    ),
)
