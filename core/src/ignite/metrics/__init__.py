"""Metrics: the base API lives here; concrete metrics are provided by plugins (e.g. ``ignite-plugins-metrics``).

``from ignite.metrics import Accuracy`` resolves through the plugin host (see :mod:`ignite.plugins.facades`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.metrics import epoch_metric, metric, metric_group, metrics_lambda
from ignite.metrics.epoch_metric import *  # noqa: F403
from ignite.metrics.metric import *  # noqa: F403
from ignite.metrics.metric_group import *  # noqa: F403
from ignite.metrics.metrics_lambda import *  # noqa: F403
from ignite.plugins.facades import facade

if TYPE_CHECKING:  # plugin names, for type checkers: python tools/gen_index.py
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_index.py)
    from ignite_plugins_metrics.accumulation import Average as Average  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.accumulation import GeometricAverage as GeometricAverage  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.accumulation import VariableAccumulation as VariableAccumulation  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.accuracy import Accuracy as Accuracy  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.average_precision import AveragePrecision as AveragePrecision  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.basic_errors import MeanAbsoluteError as MeanAbsoluteError  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.basic_errors import MeanSquaredError as MeanSquaredError  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.basic_errors import RootMeanSquaredError as RootMeanSquaredError  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.classification_report import ClassificationReport as ClassificationReport  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.cohen_kappa import CohenKappa as CohenKappa  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.confusion_matrix import ConfusionMatrix as ConfusionMatrix  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.confusion_matrix import DiceCoefficient as DiceCoefficient  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.confusion_matrix import IoU as IoU  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.confusion_matrix import JaccardIndex as JaccardIndex  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.confusion_matrix import mIoU as mIoU  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.cosine_similarity import CosineSimilarity as CosineSimilarity  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.divergence import JSDivergence as JSDivergence  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.divergence import KLDivergence as KLDivergence  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.entropy import Entropy as Entropy  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.entropy import MutualInformation as MutualInformation  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.fbeta import Fbeta as Fbeta  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.frequency import Frequency as Frequency  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.gan.fid import FID as FID  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.gan.inception_score import InceptionScore as InceptionScore  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.gpu_info import GpuInfo as GpuInfo  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.hsic import HSIC as HSIC  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.loss import Loss as Loss  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.matthews_corrcoef import MatthewsCorrCoef as MatthewsCorrCoef  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.maximum_mean_discrepancy import (  # type: ignore[import-not-found, unused-ignore]
        MaximumMeanDiscrepancy as MaximumMeanDiscrepancy,
    )
    from ignite_plugins_metrics.mean_average_precision import MeanAveragePrecision as MeanAveragePrecision  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.mean_pairwise_distance import MeanPairwiseDistance as MeanPairwiseDistance  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.multilabel_confusion_matrix import (  # type: ignore[import-not-found, unused-ignore]
        MultiLabelConfusionMatrix as MultiLabelConfusionMatrix,
    )
    from ignite_plugins_metrics.nlp.bleu import Bleu as Bleu  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.nlp.character_error_rate import CharacterErrorRate as CharacterErrorRate  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.nlp.perplexity import Perplexity as Perplexity  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.nlp.rouge import Rouge as Rouge  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.nlp.rouge import RougeL as RougeL  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.nlp.rouge import RougeN as RougeN  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.precision import Precision as Precision  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.precision_recall_curve import PrecisionRecallCurve as PrecisionRecallCurve  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.psnr import PSNR as PSNR  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.rec_sys.hitrate import HitRate as HitRate  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.rec_sys.ndcg import NDCG as NDCG  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.recall import Recall as Recall  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.roc_auc import ROC_AUC as ROC_AUC  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.roc_auc import RocCurve as RocCurve  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.running_average import RunningAverage as RunningAverage  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.ssim import SSIM as SSIM  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_metrics.top_k_categorical_accuracy import (  # type: ignore[import-not-found, unused-ignore]
        TopKCategoricalAccuracy as TopKCategoricalAccuracy,
    )
    from ignite_plugins_metrics.vision.object_detection_average_precision_recall import (  # type: ignore[import-not-found, unused-ignore]
        CommonObjectDetectionMetrics as CommonObjectDetectionMetrics,
    )
    from ignite_plugins_metrics.vision.object_detection_average_precision_recall import (  # type: ignore[import-not-found, unused-ignore]
        ObjectDetectionAvgPrecisionRecall as ObjectDetectionAvgPrecisionRecall,
    )
    # END GENERATED TYPE_CHECKING

__all__: list[str] = []
__all__ += epoch_metric.__all__
__all__ += metric.__all__
__all__ += metric_group.__all__
__all__ += metrics_lambda.__all__

__getattr__, __dir__ = facade(__name__)
