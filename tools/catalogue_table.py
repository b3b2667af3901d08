"""The reviewed table behind the plugin catalogue: pytorch-ignite 0.5 public names -> who provides them.

Source: /work/shared/spec/ignite-0.5-api.md (the 0.5 inventory) and the module layout documented for 0.5.
Edit this file, then run ``python tools/gen_catalogue.py`` to regenerate
``core/src/ignite/plugins/_catalogue.py`` and the ``TYPE_CHECKING`` blocks of the facade modules.

Vocabulary:
* a *kind* is a registry namespace (metrics, handlers, loggers, dist_backends);
* a *registry name* is what a plugin passes to ``registry.add``. Names that 0.5 exposes in several modules
  with different meanings (each logger module's ``OutputHandler``) are registered as
  ``"<module>.<Name>"``, e.g. ``"tensorboard_logger.OutputHandler"``;
* a *facade* is a module with the registry-backed ``__getattr__`` (``ignite.metrics``, ...);
* an *alias module* is a 0.5 module path kept working by the alias finder; each of its names maps to a
  registry name (or a core target) resolved through a facade.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CORE = "ignite-core"
METRICS = "ignite-plugins-metrics"
HANDLERS = "ignite-plugins-handlers"
LOGGERS = "ignite-plugins-loggers"
DIST = "ignite-plugins-dist"

DISTRIBUTIONS = (METRICS, HANDLERS, LOGGERS, DIST)
KINDS = ("metrics", "handlers", "loggers", "dist_backends")

# --------------------------------------------------------------------------------------------------------
# Plugin-provided names: kind -> registry name -> (distribution, extra that installs its optional SDK)

_REGRESSION = (
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
)
# The 15 regression metrics that 0.4 kept in ignite.contrib.metrics.regression, by 0.5 module name.
_CONTRIB_REGRESSION_MODULES = {
    "canberra_metric": "CanberraMetric",
    "fractional_absolute_error": "FractionalAbsoluteError",
    "fractional_bias": "FractionalBias",
    "geometric_mean_absolute_error": "GeometricMeanAbsoluteError",
    "geometric_mean_relative_absolute_error": "GeometricMeanRelativeAbsoluteError",
    "manhattan_distance": "ManhattanDistance",
    "maximum_absolute_error": "MaximumAbsoluteError",
    "mean_absolute_relative_error": "MeanAbsoluteRelativeError",
    "mean_error": "MeanError",
    "mean_normalized_bias": "MeanNormalizedBias",
    "median_absolute_error": "MedianAbsoluteError",
    "median_absolute_percentage_error": "MedianAbsolutePercentageError",
    "median_relative_absolute_error": "MedianRelativeAbsoluteError",
    "r2_score": "R2Score",
    "wave_hedges_distance": "WaveHedgesDistance",
}
_REGRESSION_MODULES = {
    **_CONTRIB_REGRESSION_MODULES,
    "kendall_correlation": "KendallRankCorrelation",
    "pearson_correlation": "PearsonCorrelation",
    "spearman_correlation": "SpearmanRankCorrelation",
}

# ignite.metrics top-level modules (0.5 file -> names it defines), excluding core's metric/metrics_lambda/
# metric_group/epoch_metric.
_METRIC_MODULES: dict[str, tuple[str, ...]] = {
    "accumulation": ("VariableAccumulation", "Average", "GeometricAverage"),
    "accuracy": ("Accuracy",),
    "average_precision": ("AveragePrecision", "average_precision_compute_fn"),
    "classification_report": ("ClassificationReport",),
    "cohen_kappa": ("CohenKappa",),
    "confusion_matrix": (
        "ConfusionMatrix",
        "IoU",
        "mIoU",
        "cmAccuracy",
        "cmPrecision",
        "cmRecall",
        "DiceCoefficient",
        "JaccardIndex",
    ),
    "cosine_similarity": ("CosineSimilarity",),
    "entropy": ("Entropy",),
    "fbeta": ("Fbeta",),
    "frequency": ("Frequency",),
    "gpu_info": ("GpuInfo",),
    "hsic": ("HSIC",),
    "js_divergence": ("JSDivergence",),
    "kl_divergence": ("KLDivergence",),
    "loss": ("Loss",),
    "matthews_corrcoef": ("MatthewsCorrCoef", "matthews_corrcoef_compute_fn"),
    "maximum_mean_discrepancy": ("MaximumMeanDiscrepancy",),
    "mean_absolute_error": ("MeanAbsoluteError",),
    "mean_average_precision": ("MeanAveragePrecision",),
    "mean_pairwise_distance": ("MeanPairwiseDistance",),
    "mean_squared_error": ("MeanSquaredError",),
    "multilabel_confusion_matrix": ("MultiLabelConfusionMatrix",),
    "mutual_information": ("MutualInformation",),
    "precision": ("Precision",),
    "precision_recall_curve": ("PrecisionRecallCurve", "precision_recall_curve_compute_fn"),
    "psnr": ("PSNR",),
    "recall": ("Recall",),
    "roc_auc": ("ROC_AUC", "RocCurve", "roc_auc_compute_fn", "roc_auc_curve_compute_fn"),
    "root_mean_squared_error": ("RootMeanSquaredError",),
    "running_average": ("RunningAverage",),
    "ssim": ("SSIM",),
    "top_k_categorical_accuracy": ("TopKCategoricalAccuracy",),
}
# Names in top-level modules that 0.5 does not re-export from ignite.metrics itself.
_METRICS_NOT_TOP_LEVEL = frozenset(
    {
        "cmAccuracy",
        "cmPrecision",
        "cmRecall",
        "average_precision_compute_fn",
        "matthews_corrcoef_compute_fn",
        "precision_recall_curve_compute_fn",
        "roc_auc_compute_fn",
        "roc_auc_curve_compute_fn",
    }
)
_NLP_MODULES: dict[str, tuple[str, ...]] = {
    "bleu": ("Bleu",),
    "character_error_rate": ("CharacterErrorRate",),
    "perplexity": ("Perplexity",),
    "rouge": (
        "Rouge",
        "RougeN",
        "RougeL",
        "compute_ngram_scores",
        "compute_lcs_scores",
        "Score",
        "MultiRefReducer",
        "MultiRefAverageReducer",
        "MultiRefBestReducer",
    ),
    "utils": ("ngrams", "lcs", "modified_precision"),
}
_NLP = ("Bleu", "Rouge", "RougeN", "RougeL", "CharacterErrorRate", "Perplexity")
_GAN_MODULES: dict[str, tuple[str, ...]] = {
    "fid": ("FID", "fid_score"),
    "inception_score": ("InceptionScore",),
    "utils": ("InceptionModel",),
}
_GAN = ("FID", "InceptionScore")
_VISION_MODULES: dict[str, tuple[str, ...]] = {
    "object_detection_average_precision_recall": (
        "ObjectDetectionAvgPrecisionRecall",
        "CommonObjectDetectionMetrics",
        "coco_tensor_list_to_dict_list",
    ),
}
_VISION = (
    "ObjectDetectionAvgPrecisionRecall",
    "CommonObjectDetectionMetrics",
    "coco_tensor_list_to_dict_list",
)
_REC_SYS_MODULES: dict[str, tuple[str, ...]] = {"hitrate": ("HitRate",), "ndcg": ("NDCG",)}
_REC_SYS = ("HitRate", "NDCG")
_CLUSTERING_MODULES: dict[str, tuple[str, ...]] = {
    "calinski_harabasz_score": ("CalinskiHarabaszScore",),
    "davies_bouldin_score": ("DaviesBouldinScore",),
    "silhouette_score": ("SilhouetteScore",),
}
_CLUSTERING = ("CalinskiHarabaszScore", "DaviesBouldinScore", "SilhouetteScore")
_FAIRNESS = (
    "DemographicParityDifference",
    "SelectionRate",
    "SubgroupAccuracyDifference",
    "SubgroupDifference",
    "SubgroupMetric",
)


def _all_metric_names() -> tuple[str, ...]:
    names: list[str] = []
    for group in (
        _METRIC_MODULES,
        _NLP_MODULES,
        _GAN_MODULES,
        _VISION_MODULES,
        _REC_SYS_MODULES,
        _CLUSTERING_MODULES,
    ):
        for module_names in group.values():
            names.extend(module_names)
    names.extend(_REGRESSION)
    names.extend(_FAIRNESS)
    return tuple(dict.fromkeys(names))


# ignite.handlers modules provided by ignite-plugins-handlers.
_HANDLER_MODULES: dict[str, tuple[str, ...]] = {
    "checkpoint": (
        "Checkpoint",
        "ModelCheckpoint",
        "DiskSaver",
        "BaseSaveHandler",
        "CheckpointEvents",
        "HAVE_ZERO",
    ),
    "early_stopping": ("EarlyStopping",),
    "ema_handler": ("EMAHandler",),
    "fbresearch_logger": ("FBResearchLogger",),
    "lr_finder": ("FastaiLRFinder",),
    "param_scheduler": (
        "BaseParamScheduler",
        "ParamScheduler",
        "CyclicalScheduler",
        "LinearCyclicalScheduler",
        "CosineAnnealingScheduler",
        "ConcatScheduler",
        "LRScheduler",
        "create_lr_scheduler_with_warmup",
        "PiecewiseLinear",
        "ParamGroupScheduler",
        "ReduceLROnPlateauScheduler",
        "BatchSizeScheduler",
    ),
    "state_param_scheduler": (
        "StateParamScheduler",
        "LambdaStateScheduler",
        "PiecewiseLinearStateScheduler",
        "ExpStateScheduler",
        "StepStateScheduler",
        "MultiStepStateScheduler",
    ),
    "stores": ("EpochOutputStore",),
    "terminate_on_nan": ("TerminateOnNan",),
    "time_limit": ("TimeLimit",),
    "time_profilers": ("BasicTimeProfiler", "HandlersTimeProfiler"),
    "timing": ("Timer",),
    "utils": ("global_step_from_engine",),
}
_COMMON = (
    "setup_common_training_handlers",
    "save_best_model_by_val_score",
    "gen_save_best_models_by_val_score",
    "add_early_stopping_by_val_score",
    "setup_any_logging",
    "empty_cuda_cache",
)
_TBPTT = ("create_supervised_tbptt_trainer", "Tbptt_Events")

# Loggers: module -> (extra, logger names, per-module handler names registered as "<module>.<Name>").
_LOGGER_MODULES: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {
    "clearml_logger": (
        None,
        ("ClearMLLogger", "ClearMLSaver"),
        (
            "OutputHandler",
            "OptimizerParamsHandler",
            "WeightsScalarHandler",
            "WeightsHistHandler",
            "GradsScalarHandler",
            "GradsHistHandler",
        ),
    ),
    "mlflow_logger": ("mlflow", ("MLflowLogger",), ("OutputHandler", "OptimizerParamsHandler")),
    "neptune_logger": (
        "neptune",
        ("NeptuneLogger", "NeptuneSaver"),
        ("OutputHandler", "OptimizerParamsHandler", "WeightsScalarHandler", "GradsScalarHandler"),
    ),
    "polyaxon_logger": (None, ("PolyaxonLogger",), ("OutputHandler", "OptimizerParamsHandler")),
    "tensorboard_logger": (
        "tensorboard",
        ("TensorboardLogger",),
        (
            "OutputHandler",
            "OptimizerParamsHandler",
            "WeightsScalarHandler",
            "WeightsHistHandler",
            "GradsScalarHandler",
            "GradsHistHandler",
        ),
    ),
    "tqdm_logger": ("tqdm", ("ProgressBar",), ()),
    "visdom_logger": (
        None,
        ("VisdomLogger",),
        ("OutputHandler", "OptimizerParamsHandler", "WeightsScalarHandler", "GradsScalarHandler"),
    ),
    "wandb_logger": (None, ("WandBLogger",), ("OutputHandler", "OptimizerParamsHandler")),
}
_LOGGER_SETUP: dict[str, str | None] = {
    "setup_tb_logging": "tensorboard",
    "setup_visdom_logging": None,
    "setup_mlflow_logging": "mlflow",
    "setup_neptune_logging": "neptune",
    "setup_wandb_logging": None,
    "setup_plx_logging": None,
    "setup_clearml_logging": None,
    "setup_trains_logging": None,
}

# Distributed backends: backend name -> extra; and the 0.5 comp_models module holding each model class.
_BACKENDS: dict[str, str | None] = {
    "gloo": None,
    "nccl": None,
    "mpi": None,
    "xla-tpu": "xla",
    "horovod": "horovod",
}
_BACKEND_MODULES: dict[str, tuple[str, str]] = {
    "native": ("_NativeDistModel", "gloo"),
    "xla": ("_XlaDistModel", "xla-tpu"),
    "horovod": ("_HorovodDistModel", "horovod"),
}


def _providers() -> dict[str, dict[str, tuple[str, str | None]]]:
    providers: dict[str, dict[str, tuple[str, str | None]]] = {kind: {} for kind in KINDS}
    for name in _all_metric_names():
        providers["metrics"][name] = (METRICS, None)
    for names in _HANDLER_MODULES.values():
        for name in names:
            providers["handlers"][name] = (HANDLERS, None)
    for name in (*_COMMON, *_TBPTT):
        providers["handlers"][name] = (HANDLERS, None)
    for module, (extra, loggers, handlers) in _LOGGER_MODULES.items():
        for name in loggers:
            providers["loggers"][name] = (LOGGERS, extra)
        for name in handlers:
            providers["loggers"][f"{module}.{name}"] = (LOGGERS, extra)
    for name, extra in _LOGGER_SETUP.items():
        providers["loggers"][name] = (LOGGERS, extra)
    for name, extra in _BACKENDS.items():
        providers["dist_backends"][name] = (DIST, extra)
    return providers


PROVIDERS = _providers()

# --------------------------------------------------------------------------------------------------------
# Core-provided names, per facade module: name -> "module:attr"

_BASE_LOGGER = (
    "BaseHandler",
    "BaseLogger",
    "BaseOptimizerParamsHandler",
    "BaseOutputHandler",
    "BaseWeightsHandler",
    "BaseWeightsScalarHandler",
)
_METRIC_CORE = {
    **{
        n: f"ignite.metrics.metric:{n}"
        for n in (
            "Metric",
            "MetricUsage",
            "EpochWise",
            "RunningEpochWise",
            "BatchWise",
            "RunningBatchWise",
            "SingleEpochRunningBatchWise",
            "BatchFiltered",
        )
    },
    "MetricsLambda": "ignite.metrics.metrics_lambda:MetricsLambda",
    "MetricGroup": "ignite.metrics.metric_group:MetricGroup",
    "EpochMetric": "ignite.metrics.epoch_metric:EpochMetric",
}
_DIST_UTILS = (
    "all_gather",
    "all_gather_tensors_with_shapes",
    "all_reduce",
    "available_backends",
    "backend",
    "barrier",
    "broadcast",
    "device",
    "finalize",
    "get_local_rank",
    "get_nnodes",
    "get_node_rank",
    "get_nproc_per_node",
    "get_rank",
    "get_world_size",
    "has_hvd_support",
    "has_native_dist_support",
    "has_xla_support",
    "hostname",
    "initialize",
    "model_name",
    "new_group",
    "one_rank_first",
    "one_rank_only",
    "registered_computation_models",
    "set_local_rank",
    "show_config",
    "spawn",
    "sync",
)
_DIST_CORE = {
    **{n: f"ignite.distributed.utils:{n}" for n in _DIST_UTILS},
    **{
        n: f"ignite.distributed.auto:{n}"
        for n in ("auto_model", "auto_optim", "auto_dataloader", "DistributedProxySampler")
    },
    "Parallel": "ignite.distributed.launcher:Parallel",
}


# --------------------------------------------------------------------------------------------------------
# Facades and alias modules


@dataclass(frozen=True)
class Facade:
    """A facade module: the kinds it resolves, its 0.5 names, and the core names it serves itself."""

    module: str
    kinds: tuple[str, ...]
    names: tuple[str, ...]
    core: dict[str, str] = field(default_factory=dict)
    open: bool = False  # resolves every registered name of its kinds, not only ``names``


@dataclass(frozen=True)
class Alias:
    """A 0.5 module path: local name -> registry name (or core name) resolved through ``facade``."""

    module: str
    facade: str
    names: dict[str, str]
    package: bool = False
    moved_to: str | None = None
    deprecated_since: str | None = None


def _same(*names: str) -> dict[str, str]:
    return {n: n for n in names}


_TOP_METRICS = (
    *(n for names in _METRIC_MODULES.values() for n in names if n not in _METRICS_NOT_TOP_LEVEL),
    *_NLP,
    *_GAN,
    *_REC_SYS,
    "ObjectDetectionAvgPrecisionRecall",
    "CommonObjectDetectionMetrics",
)
_METRIC_SUBPACKAGES = ("clustering", "fairness", "gan", "nlp", "rec_sys", "regression", "vision")

_TOP_HANDLERS = tuple(n for names in _HANDLER_MODULES.values() for n in names) + tuple(
    n for _, (_, loggers, _) in sorted(_LOGGER_MODULES.items()) for n in loggers
)
_CONTRIB_HANDLERS = (
    "ClearMLLogger",
    "ClearMLSaver",
    "MLflowLogger",
    "NeptuneLogger",
    "NeptuneSaver",
    "PolyaxonLogger",
    "ProgressBar",
    "TensorboardLogger",
    "VisdomLogger",
    "WandBLogger",
    "FastaiLRFinder",
    "BasicTimeProfiler",
    "HandlersTimeProfiler",
    "ConcatScheduler",
    "CosineAnnealingScheduler",
    "LinearCyclicalScheduler",
    "LRScheduler",
    "ParamGroupScheduler",
    "PiecewiseLinear",
    "create_lr_scheduler_with_warmup",
    "global_step_from_engine",
)
_CONTRIB_METRICS = (
    "AveragePrecision",
    "CohenKappa",
    "GpuInfo",
    "PrecisionRecallCurve",
    "ROC_AUC",
    "RocCurve",
)

FACADES: tuple[Facade, ...] = (
    Facade("ignite.metrics", ("metrics",), _TOP_METRICS + tuple(_METRIC_CORE), _METRIC_CORE, open=True),
    Facade("ignite.metrics.regression", ("metrics",), _REGRESSION),
    Facade("ignite.metrics.nlp", ("metrics",), _NLP),
    Facade("ignite.metrics.gan", ("metrics",), _GAN),
    Facade("ignite.metrics.vision", ("metrics",), _VISION),
    Facade("ignite.metrics.rec_sys", ("metrics",), _REC_SYS),
    Facade("ignite.metrics.clustering", ("metrics",), _CLUSTERING),
    Facade("ignite.metrics.fairness", ("metrics",), _FAIRNESS),
    Facade(
        "ignite.handlers",
        ("handlers", "loggers"),
        _TOP_HANDLERS + tuple(_LOGGER_SETUP) + _BASE_LOGGER,
        {n: f"ignite.handlers.base_logger:{n}" for n in _BASE_LOGGER},
        open=True,
    ),
    Facade(
        "ignite.contrib.handlers",
        ("handlers", "loggers"),
        _CONTRIB_HANDLERS + _BASE_LOGGER,
        {n: f"ignite.handlers.base_logger:{n}" for n in _BASE_LOGGER},
    ),
    Facade("ignite.contrib.metrics", ("metrics",), _CONTRIB_METRICS),
    Facade("ignite.contrib.metrics.regression", ("metrics",), tuple(_CONTRIB_REGRESSION_MODULES.values())),
    Facade("ignite.contrib.engines", ("handlers", "loggers"), _TBPTT),
    Facade("ignite.distributed", ("dist_backends",), tuple(_DIST_CORE), _DIST_CORE, open=True),
)


def _aliases() -> tuple[Alias, ...]:
    out: list[Alias] = []
    for module, names in _METRIC_MODULES.items():
        out.append(Alias(f"ignite.metrics.{module}", "ignite.metrics", _same(*names)))
    subpackages: dict[str, dict[str, tuple[str, ...]]] = {
        "regression": {m: (n,) for m, n in _REGRESSION_MODULES.items()},
        "nlp": _NLP_MODULES,
        "gan": _GAN_MODULES,
        "vision": _VISION_MODULES,
        "rec_sys": _REC_SYS_MODULES,
        "clustering": _CLUSTERING_MODULES,
        "fairness": {},
    }
    for package in _METRIC_SUBPACKAGES:
        facade = f"ignite.metrics.{package}"
        out.append(Alias(facade, facade, {}, package=True))
        for module, names in subpackages[package].items():
            out.append(Alias(f"{facade}.{module}", "ignite.metrics", _same(*names)))
    for module, names in _HANDLER_MODULES.items():
        out.append(Alias(f"ignite.handlers.{module}", "ignite.handlers", _same(*names)))
    out.append(Alias("ignite.handlers.logger_utils", "ignite.handlers", _same(*_LOGGER_SETUP)))
    for module, (_, loggers, handlers) in _LOGGER_MODULES.items():
        names = {**_same(*loggers), **{h: f"{module}.{h}" for h in handlers}}
        if module != "tqdm_logger":
            names["global_step_from_engine"] = "global_step_from_engine"
        out.append(Alias(f"ignite.handlers.{module}", "ignite.handlers", names))
    # ignite.contrib.handlers.<module>: deprecated re-exports of ignite.handlers.<module>
    moved = {module: "0.5.0" for module in _LOGGER_MODULES}
    moved.update(
        {"base_logger": "0.5.0", "param_scheduler": "0.4.4", "lr_finder": "0.4.4", "time_profilers": "0.4.6"}
    )
    by_path = {a.module: a for a in out}
    for module, since in sorted(moved.items()):
        new = f"ignite.handlers.{module}"
        names = _same(*_BASE_LOGGER) if module == "base_logger" else by_path[new].names
        out.append(
            Alias(
                f"ignite.contrib.handlers.{module}",
                "ignite.handlers",
                names,
                moved_to=new,
                deprecated_since=since,
            )
        )
    # ignite.contrib.metrics.<module>: deprecated re-exports of ignite.metrics.<module>
    for module in ("average_precision", "cohen_kappa", "gpu_info", "precision_recall_curve", "roc_auc"):
        new = f"ignite.metrics.{module}"
        out.append(
            Alias(
                f"ignite.contrib.metrics.{module}",
                "ignite.metrics",
                by_path[new].names,
                moved_to=new,
                deprecated_since="0.5.0",
            )
        )
    out.append(
        Alias(
            "ignite.contrib.metrics.regression",
            "ignite.contrib.metrics.regression",
            {},
            package=True,
            moved_to="ignite.metrics.regression",
            deprecated_since="0.5.0",
        )
    )
    for module, name in _CONTRIB_REGRESSION_MODULES.items():
        out.append(
            Alias(
                f"ignite.contrib.metrics.regression.{module}",
                "ignite.metrics",
                _same(name),
                moved_to=f"ignite.metrics.regression.{module}",
                deprecated_since="0.5.0",
            )
        )
    common = {**_same(*_COMMON), **_same(*_LOGGER_SETUP)}
    out.append(Alias("ignite.contrib.engines.common", "ignite.handlers", common))
    out.append(Alias("ignite.contrib.engines.tbptt", "ignite.handlers", _same(*_TBPTT)))
    for module, (cls, backend) in _BACKEND_MODULES.items():
        out.append(Alias(f"ignite.distributed.comp_models.{module}", "ignite.distributed", {cls: backend}))
    return tuple(out)


ALIASES = _aliases()

# Real core modules of 0.5's layout, checked to import (not aliased: the real module always wins).
CORE_MODULES = (
    "ignite.metrics.metric",
    "ignite.metrics.metrics_lambda",
    "ignite.metrics.metric_group",
    "ignite.metrics.epoch_metric",
    "ignite.handlers.base_logger",
    "ignite.distributed.utils",
    "ignite.distributed.auto",
    "ignite.distributed.launcher",
    "ignite.distributed.comp_models",
    "ignite.distributed.comp_models.base",
)

# Import name -> pip package, where they differ (for "pip install ..." in error messages).
PIP_NAMES: dict[str, str] = {
    "PIL": "pillow",
    "cv2": "opencv-python",
    "sklearn": "scikit-learn",
    "torch_xla": "torch-xla",
    "yaml": "pyyaml",
}

# Facade source files whose TYPE_CHECKING block the generator maintains (between the BEGIN/END markers).
# ignite.distributed is left out: every name it exposes is core and imported for real.
FACADE_FILES: dict[str, str] = {
    "ignite.metrics": "core/src/ignite/metrics/__init__.py",
    "ignite.handlers": "core/src/ignite/handlers/__init__.py",
    "ignite.contrib.handlers": "core/src/ignite/contrib/handlers/__init__.py",
    "ignite.contrib.metrics": "core/src/ignite/contrib/metrics/__init__.py",
    "ignite.contrib.engines": "core/src/ignite/contrib/engines/__init__.py",
}
