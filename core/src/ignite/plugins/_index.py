# Generated from the first-party plugins' names.py tables: do not edit; run: python tools/gen_index.py
"""Which first-party distribution provides each name (for the install command when it is missing).

One line per name: kind, registry name, distribution, extra, version that first provides it, the attribute
name in its modules when not the part of the name after the last dot ("-": none), its ``ignite.*`` modules.
"""

TABLE = """
metrics Accuracy ignite-plugins-metrics - - - ignite.metrics ignite.metrics.accuracy
metrics Average ignite-plugins-metrics - - - ignite.metrics ignite.metrics.accumulation
metrics AveragePrecision ignite-plugins-metrics - - - ignite.metrics ignite.contrib.metrics ignite.metrics.average_precision ignite.contrib.metrics.average_precision
metrics Bleu ignite-plugins-metrics - - - ignite.metrics ignite.metrics.nlp ignite.metrics.nlp.bleu
metrics CalinskiHarabaszScore ignite-plugins-metrics - - - ignite.metrics.clustering ignite.metrics.clustering.calinski_harabasz_score
metrics CanberraMetric ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.canberra_metric ignite.contrib.metrics.regression.canberra_metric
metrics CharacterErrorRate ignite-plugins-metrics - - - ignite.metrics ignite.metrics.nlp ignite.metrics.nlp.character_error_rate
metrics ClassificationReport ignite-plugins-metrics - - - ignite.metrics ignite.metrics.classification_report
metrics CohenKappa ignite-plugins-metrics - - - ignite.metrics ignite.contrib.metrics ignite.metrics.cohen_kappa ignite.contrib.metrics.cohen_kappa
metrics CommonObjectDetectionMetrics ignite-plugins-metrics - - - ignite.metrics ignite.metrics.vision ignite.metrics.vision.object_detection_average_precision_recall
metrics ConfusionMatrix ignite-plugins-metrics - - - ignite.metrics ignite.metrics.confusion_matrix
metrics CosineSimilarity ignite-plugins-metrics - - - ignite.metrics ignite.metrics.cosine_similarity
metrics DaviesBouldinScore ignite-plugins-metrics - - - ignite.metrics.clustering ignite.metrics.clustering.davies_bouldin_score
metrics DemographicParityDifference ignite-plugins-metrics - - - ignite.metrics.fairness
metrics DiceCoefficient ignite-plugins-metrics - - - ignite.metrics ignite.metrics.confusion_matrix
metrics Entropy ignite-plugins-metrics - - - ignite.metrics ignite.metrics.entropy
metrics FID ignite-plugins-metrics - - - ignite.metrics ignite.metrics.gan ignite.metrics.gan.fid
metrics Fbeta ignite-plugins-metrics - - - ignite.metrics ignite.metrics.fbeta
metrics FractionalAbsoluteError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.fractional_absolute_error ignite.contrib.metrics.regression.fractional_absolute_error
metrics FractionalBias ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.fractional_bias ignite.contrib.metrics.regression.fractional_bias
metrics Frequency ignite-plugins-metrics - - - ignite.metrics ignite.metrics.frequency
metrics GeometricAverage ignite-plugins-metrics - - - ignite.metrics ignite.metrics.accumulation
metrics GeometricMeanAbsoluteError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.geometric_mean_absolute_error ignite.contrib.metrics.regression.geometric_mean_absolute_error
metrics GeometricMeanRelativeAbsoluteError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.geometric_mean_relative_absolute_error ignite.contrib.metrics.regression.geometric_mean_relative_absolute_error
metrics GpuInfo ignite-plugins-metrics - - - ignite.metrics ignite.contrib.metrics ignite.metrics.gpu_info ignite.contrib.metrics.gpu_info
metrics HSIC ignite-plugins-metrics - - - ignite.metrics ignite.metrics.hsic
metrics HitRate ignite-plugins-metrics - - - ignite.metrics ignite.metrics.rec_sys ignite.metrics.rec_sys.hitrate
metrics InceptionModel ignite-plugins-metrics - - - ignite.metrics.gan.utils
metrics InceptionScore ignite-plugins-metrics - - - ignite.metrics ignite.metrics.gan ignite.metrics.gan.inception_score
metrics IoU ignite-plugins-metrics - - - ignite.metrics ignite.metrics.confusion_matrix
metrics JSDivergence ignite-plugins-metrics - - - ignite.metrics ignite.metrics.js_divergence
metrics JaccardIndex ignite-plugins-metrics - - - ignite.metrics ignite.metrics.confusion_matrix
metrics KLDivergence ignite-plugins-metrics - - - ignite.metrics ignite.metrics.kl_divergence
metrics KendallRankCorrelation ignite-plugins-metrics - - - ignite.metrics.regression ignite.metrics.regression.kendall_correlation
metrics Loss ignite-plugins-metrics - - - ignite.metrics ignite.metrics.loss
metrics ManhattanDistance ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.manhattan_distance ignite.contrib.metrics.regression.manhattan_distance
metrics MatthewsCorrCoef ignite-plugins-metrics - - - ignite.metrics ignite.metrics.matthews_corrcoef
metrics MaximumAbsoluteError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.maximum_absolute_error ignite.contrib.metrics.regression.maximum_absolute_error
metrics MaximumMeanDiscrepancy ignite-plugins-metrics - - - ignite.metrics ignite.metrics.maximum_mean_discrepancy
metrics MeanAbsoluteError ignite-plugins-metrics - - - ignite.metrics ignite.metrics.mean_absolute_error
metrics MeanAbsoluteRelativeError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.mean_absolute_relative_error ignite.contrib.metrics.regression.mean_absolute_relative_error
metrics MeanAveragePrecision ignite-plugins-metrics - - - ignite.metrics ignite.metrics.mean_average_precision
metrics MeanError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.mean_error ignite.contrib.metrics.regression.mean_error
metrics MeanNormalizedBias ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.mean_normalized_bias ignite.contrib.metrics.regression.mean_normalized_bias
metrics MeanPairwiseDistance ignite-plugins-metrics - - - ignite.metrics ignite.metrics.mean_pairwise_distance
metrics MeanSquaredError ignite-plugins-metrics - - - ignite.metrics ignite.metrics.mean_squared_error
metrics MedianAbsoluteError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.median_absolute_error ignite.contrib.metrics.regression.median_absolute_error
metrics MedianAbsolutePercentageError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.median_absolute_percentage_error ignite.contrib.metrics.regression.median_absolute_percentage_error
metrics MedianRelativeAbsoluteError ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.median_relative_absolute_error ignite.contrib.metrics.regression.median_relative_absolute_error
metrics MultiLabelConfusionMatrix ignite-plugins-metrics - - - ignite.metrics ignite.metrics.multilabel_confusion_matrix
metrics MultiRefAverageReducer ignite-plugins-metrics - - - ignite.metrics.nlp.rouge
metrics MultiRefBestReducer ignite-plugins-metrics - - - ignite.metrics.nlp.rouge
metrics MultiRefReducer ignite-plugins-metrics - - - ignite.metrics.nlp.rouge
metrics MutualInformation ignite-plugins-metrics - - - ignite.metrics ignite.metrics.mutual_information
metrics NDCG ignite-plugins-metrics - - - ignite.metrics ignite.metrics.rec_sys ignite.metrics.rec_sys.ndcg
metrics ObjectDetectionAvgPrecisionRecall ignite-plugins-metrics - - - ignite.metrics ignite.metrics.vision ignite.metrics.vision.object_detection_average_precision_recall
metrics PSNR ignite-plugins-metrics - - - ignite.metrics ignite.metrics.psnr
metrics PearsonCorrelation ignite-plugins-metrics - - - ignite.metrics.regression ignite.metrics.regression.pearson_correlation
metrics Perplexity ignite-plugins-metrics - - - ignite.metrics ignite.metrics.nlp ignite.metrics.nlp.perplexity
metrics Precision ignite-plugins-metrics - - - ignite.metrics ignite.metrics.precision
metrics PrecisionRecallCurve ignite-plugins-metrics - - - ignite.metrics ignite.contrib.metrics ignite.metrics.precision_recall_curve ignite.contrib.metrics.precision_recall_curve
metrics R2Score ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.r2_score ignite.contrib.metrics.regression.r2_score
metrics ROC_AUC ignite-plugins-metrics - - - ignite.metrics ignite.contrib.metrics ignite.metrics.roc_auc ignite.contrib.metrics.roc_auc
metrics Recall ignite-plugins-metrics - - - ignite.metrics ignite.metrics.recall
metrics RocCurve ignite-plugins-metrics - - - ignite.metrics ignite.contrib.metrics ignite.metrics.roc_auc ignite.contrib.metrics.roc_auc
metrics RootMeanSquaredError ignite-plugins-metrics - - - ignite.metrics ignite.metrics.root_mean_squared_error
metrics Rouge ignite-plugins-metrics - - - ignite.metrics ignite.metrics.nlp ignite.metrics.nlp.rouge
metrics RougeL ignite-plugins-metrics - - - ignite.metrics ignite.metrics.nlp ignite.metrics.nlp.rouge
metrics RougeN ignite-plugins-metrics - - - ignite.metrics ignite.metrics.nlp ignite.metrics.nlp.rouge
metrics RunningAverage ignite-plugins-metrics - - - ignite.metrics ignite.metrics.running_average
metrics SSIM ignite-plugins-metrics - - - ignite.metrics ignite.metrics.ssim
metrics Score ignite-plugins-metrics - - - ignite.metrics.nlp.rouge
metrics SelectionRate ignite-plugins-metrics - - - ignite.metrics.fairness
metrics SilhouetteScore ignite-plugins-metrics - - - ignite.metrics.clustering ignite.metrics.clustering.silhouette_score
metrics SpearmanRankCorrelation ignite-plugins-metrics - - - ignite.metrics.regression ignite.metrics.regression.spearman_correlation
metrics SubgroupAccuracyDifference ignite-plugins-metrics - - - ignite.metrics.fairness
metrics SubgroupDifference ignite-plugins-metrics - - - ignite.metrics.fairness
metrics SubgroupMetric ignite-plugins-metrics - - - ignite.metrics.fairness
metrics TopKCategoricalAccuracy ignite-plugins-metrics - - - ignite.metrics ignite.metrics.top_k_categorical_accuracy
metrics VariableAccumulation ignite-plugins-metrics - - - ignite.metrics ignite.metrics.accumulation
metrics WaveHedgesDistance ignite-plugins-metrics - - - ignite.metrics.regression ignite.contrib.metrics.regression ignite.metrics.regression.wave_hedges_distance ignite.contrib.metrics.regression.wave_hedges_distance
metrics average_precision_compute_fn ignite-plugins-metrics - - - ignite.metrics.average_precision ignite.contrib.metrics.average_precision
metrics cmAccuracy ignite-plugins-metrics - - - ignite.metrics.confusion_matrix
metrics cmPrecision ignite-plugins-metrics - - - ignite.metrics.confusion_matrix
metrics cmRecall ignite-plugins-metrics - - - ignite.metrics.confusion_matrix
metrics coco_tensor_list_to_dict_list ignite-plugins-metrics - - - ignite.metrics.vision ignite.metrics.vision.object_detection_average_precision_recall
metrics compute_lcs_scores ignite-plugins-metrics - - - ignite.metrics.nlp.rouge
metrics compute_ngram_scores ignite-plugins-metrics - - - ignite.metrics.nlp.rouge
metrics fid_score ignite-plugins-metrics - - - ignite.metrics.gan.fid
metrics lcs ignite-plugins-metrics - - - ignite.metrics.nlp.utils
metrics mIoU ignite-plugins-metrics - - - ignite.metrics ignite.metrics.confusion_matrix
metrics matthews_corrcoef_compute_fn ignite-plugins-metrics - - - ignite.metrics.matthews_corrcoef
metrics modified_precision ignite-plugins-metrics - - - ignite.metrics.nlp.utils
metrics ngrams ignite-plugins-metrics - - - ignite.metrics.nlp.utils
metrics precision_recall_curve_compute_fn ignite-plugins-metrics - - - ignite.metrics.precision_recall_curve ignite.contrib.metrics.precision_recall_curve
metrics roc_auc_compute_fn ignite-plugins-metrics - - - ignite.metrics.roc_auc ignite.contrib.metrics.roc_auc
metrics roc_auc_curve_compute_fn ignite-plugins-metrics - - - ignite.metrics.roc_auc ignite.contrib.metrics.roc_auc
handlers BaseParamScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers BaseSaveHandler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.checkpoint
handlers BasicTimeProfiler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.time_profilers ignite.contrib.handlers.time_profilers
handlers BatchSizeScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers Checkpoint ignite-plugins-handlers - - - ignite.handlers ignite.handlers.checkpoint
handlers CheckpointEvents ignite-plugins-handlers - - - ignite.handlers ignite.handlers.checkpoint
handlers ConcatScheduler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers CosineAnnealingScheduler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers CyclicalScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers DiskSaver ignite-plugins-handlers - - - ignite.handlers ignite.handlers.checkpoint
handlers EMAHandler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.ema_handler
handlers EarlyStopping ignite-plugins-handlers - - - ignite.handlers ignite.handlers.early_stopping
handlers EpochOutputStore ignite-plugins-handlers - - - ignite.handlers ignite.handlers.stores
handlers ExpStateScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.state_param_scheduler
handlers FBResearchLogger ignite-plugins-handlers - - - ignite.handlers ignite.handlers.fbresearch_logger
handlers FastaiLRFinder ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.lr_finder ignite.contrib.handlers.lr_finder
handlers HAVE_ZERO ignite-plugins-handlers - - - ignite.handlers ignite.handlers.checkpoint
handlers HandlersTimeProfiler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.time_profilers ignite.contrib.handlers.time_profilers
handlers LRScheduler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers LambdaStateScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.state_param_scheduler
handlers LinearCyclicalScheduler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers ModelCheckpoint ignite-plugins-handlers - - - ignite.handlers ignite.handlers.checkpoint
handlers MultiStepStateScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.state_param_scheduler
handlers ParamGroupScheduler ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers ParamScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers PiecewiseLinear ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers PiecewiseLinearStateScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.state_param_scheduler
handlers ReduceLROnPlateauScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers StateParamScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.state_param_scheduler
handlers StepStateScheduler ignite-plugins-handlers - - - ignite.handlers ignite.handlers.state_param_scheduler
handlers Tbptt_Events ignite-plugins-handlers - - - ignite.contrib.engines ignite.contrib.engines.tbptt
handlers TerminateOnNan ignite-plugins-handlers - - - ignite.handlers ignite.handlers.terminate_on_nan
handlers TimeLimit ignite-plugins-handlers - - - ignite.handlers ignite.handlers.time_limit
handlers Timer ignite-plugins-handlers - - - ignite.handlers ignite.handlers.timing
handlers add_early_stopping_by_val_score ignite-plugins-handlers - - - ignite.contrib.engines.common
handlers create_lr_scheduler_with_warmup ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.param_scheduler ignite.contrib.handlers.param_scheduler
handlers create_supervised_tbptt_trainer ignite-plugins-handlers - - - ignite.contrib.engines ignite.contrib.engines.tbptt
handlers empty_cuda_cache ignite-plugins-handlers - - - ignite.contrib.engines.common
handlers gen_save_best_models_by_val_score ignite-plugins-handlers - - - ignite.contrib.engines.common
handlers global_step_from_engine ignite-plugins-handlers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.utils ignite.handlers.clearml_logger ignite.handlers.mlflow_logger ignite.handlers.neptune_logger ignite.handlers.polyaxon_logger ignite.handlers.tensorboard_logger ignite.handlers.visdom_logger ignite.handlers.wandb_logger ignite.contrib.handlers.clearml_logger ignite.contrib.handlers.mlflow_logger ignite.contrib.handlers.neptune_logger ignite.contrib.handlers.polyaxon_logger ignite.contrib.handlers.tensorboard_logger ignite.contrib.handlers.visdom_logger ignite.contrib.handlers.wandb_logger
handlers save_best_model_by_val_score ignite-plugins-handlers - - - ignite.contrib.engines.common
handlers setup_any_logging ignite-plugins-handlers - - - ignite.contrib.engines.common
handlers setup_common_training_handlers ignite-plugins-handlers - - - ignite.contrib.engines.common
loggers ClearMLLogger ignite-plugins-loggers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers ClearMLSaver ignite-plugins-loggers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers MLflowLogger ignite-plugins-loggers mlflow - - ignite.handlers ignite.contrib.handlers ignite.handlers.mlflow_logger ignite.contrib.handlers.mlflow_logger
loggers NeptuneLogger ignite-plugins-loggers neptune - - ignite.handlers ignite.contrib.handlers ignite.handlers.neptune_logger ignite.contrib.handlers.neptune_logger
loggers NeptuneSaver ignite-plugins-loggers neptune - - ignite.handlers ignite.contrib.handlers ignite.handlers.neptune_logger ignite.contrib.handlers.neptune_logger
loggers PolyaxonLogger ignite-plugins-loggers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.polyaxon_logger ignite.contrib.handlers.polyaxon_logger
loggers ProgressBar ignite-plugins-loggers tqdm - - ignite.handlers ignite.contrib.handlers ignite.handlers.tqdm_logger ignite.contrib.handlers.tqdm_logger
loggers TensorboardLogger ignite-plugins-loggers tensorboard - - ignite.handlers ignite.contrib.handlers ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers VisdomLogger ignite-plugins-loggers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.visdom_logger ignite.contrib.handlers.visdom_logger
loggers WandBLogger ignite-plugins-loggers - - - ignite.handlers ignite.contrib.handlers ignite.handlers.wandb_logger ignite.contrib.handlers.wandb_logger
loggers clearml_logger.GradsHistHandler ignite-plugins-loggers - - - ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers clearml_logger.GradsScalarHandler ignite-plugins-loggers - - - ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers clearml_logger.OptimizerParamsHandler ignite-plugins-loggers - - - ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers clearml_logger.OutputHandler ignite-plugins-loggers - - - ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers clearml_logger.WeightsHistHandler ignite-plugins-loggers - - - ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers clearml_logger.WeightsScalarHandler ignite-plugins-loggers - - - ignite.handlers.clearml_logger ignite.contrib.handlers.clearml_logger
loggers mlflow_logger.OptimizerParamsHandler ignite-plugins-loggers mlflow - - ignite.handlers.mlflow_logger ignite.contrib.handlers.mlflow_logger
loggers mlflow_logger.OutputHandler ignite-plugins-loggers mlflow - - ignite.handlers.mlflow_logger ignite.contrib.handlers.mlflow_logger
loggers neptune_logger.GradsScalarHandler ignite-plugins-loggers neptune - - ignite.handlers.neptune_logger ignite.contrib.handlers.neptune_logger
loggers neptune_logger.OptimizerParamsHandler ignite-plugins-loggers neptune - - ignite.handlers.neptune_logger ignite.contrib.handlers.neptune_logger
loggers neptune_logger.OutputHandler ignite-plugins-loggers neptune - - ignite.handlers.neptune_logger ignite.contrib.handlers.neptune_logger
loggers neptune_logger.WeightsScalarHandler ignite-plugins-loggers neptune - - ignite.handlers.neptune_logger ignite.contrib.handlers.neptune_logger
loggers polyaxon_logger.OptimizerParamsHandler ignite-plugins-loggers - - - ignite.handlers.polyaxon_logger ignite.contrib.handlers.polyaxon_logger
loggers polyaxon_logger.OutputHandler ignite-plugins-loggers - - - ignite.handlers.polyaxon_logger ignite.contrib.handlers.polyaxon_logger
loggers setup_clearml_logging ignite-plugins-loggers - - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_mlflow_logging ignite-plugins-loggers mlflow - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_neptune_logging ignite-plugins-loggers neptune - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_plx_logging ignite-plugins-loggers - - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_tb_logging ignite-plugins-loggers tensorboard - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_trains_logging ignite-plugins-loggers - - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_visdom_logging ignite-plugins-loggers - - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers setup_wandb_logging ignite-plugins-loggers - - - ignite.handlers ignite.handlers.logger_utils ignite.contrib.engines.common
loggers tensorboard_logger.GradsHistHandler ignite-plugins-loggers tensorboard - - ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers tensorboard_logger.GradsScalarHandler ignite-plugins-loggers tensorboard - - ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers tensorboard_logger.OptimizerParamsHandler ignite-plugins-loggers tensorboard - - ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers tensorboard_logger.OutputHandler ignite-plugins-loggers tensorboard - - ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers tensorboard_logger.WeightsHistHandler ignite-plugins-loggers tensorboard - - ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers tensorboard_logger.WeightsScalarHandler ignite-plugins-loggers tensorboard - - ignite.handlers.tensorboard_logger ignite.contrib.handlers.tensorboard_logger
loggers visdom_logger.GradsScalarHandler ignite-plugins-loggers - - - ignite.handlers.visdom_logger ignite.contrib.handlers.visdom_logger
loggers visdom_logger.OptimizerParamsHandler ignite-plugins-loggers - - - ignite.handlers.visdom_logger ignite.contrib.handlers.visdom_logger
loggers visdom_logger.OutputHandler ignite-plugins-loggers - - - ignite.handlers.visdom_logger ignite.contrib.handlers.visdom_logger
loggers visdom_logger.WeightsScalarHandler ignite-plugins-loggers - - - ignite.handlers.visdom_logger ignite.contrib.handlers.visdom_logger
loggers wandb_logger.OptimizerParamsHandler ignite-plugins-loggers - - - ignite.handlers.wandb_logger ignite.contrib.handlers.wandb_logger
loggers wandb_logger.OutputHandler ignite-plugins-loggers - - - ignite.handlers.wandb_logger ignite.contrib.handlers.wandb_logger
dist_backends gloo ignite-plugins-dist - - _NativeDistModel ignite.distributed.comp_models.native
dist_backends horovod ignite-plugins-dist horovod - _HorovodDistModel ignite.distributed.comp_models.horovod
dist_backends mpi ignite-plugins-dist - - _NativeDistModel
dist_backends nccl ignite-plugins-dist - - _NativeDistModel
dist_backends xla-tpu ignite-plugins-dist xla - _XlaDistModel ignite.distributed.comp_models.xla
"""
