"""Every public name this distribution provides, declared once: registration, the 0.5 module aliases,
the install hints and the type-checking view all derive from this table."""

from __future__ import annotations

from ignite.plugins import Name

NAMES: tuple[Name, ...] = (
    Name(
        "EMAHandler",
        "ignite_plugins_handlers.ema_handler:EMAHandler",
        modules=("ignite.handlers", "ignite.handlers.ema_handler"),
    ),
    Name(
        "FastaiLRFinder",
        "ignite_plugins_handlers.lr_finder:FastaiLRFinder",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.lr_finder",
            "ignite.contrib.handlers.lr_finder",
        ),
    ),
    Name(
        "setup_common_training_handlers",
        "ignite_plugins_handlers.contrib_engines.common:setup_common_training_handlers",
        modules=("ignite.contrib.engines.common",),
    ),
    Name(
        "save_best_model_by_val_score",
        "ignite_plugins_handlers.contrib_engines.common:save_best_model_by_val_score",
        modules=("ignite.contrib.engines.common",),
    ),
    Name(
        "gen_save_best_models_by_val_score",
        "ignite_plugins_handlers.contrib_engines.common:gen_save_best_models_by_val_score",
        modules=("ignite.contrib.engines.common",),
    ),
    Name(
        "add_early_stopping_by_val_score",
        "ignite_plugins_handlers.contrib_engines.common:add_early_stopping_by_val_score",
        modules=("ignite.contrib.engines.common",),
    ),
    Name(
        "setup_any_logging",
        "ignite_plugins_handlers.contrib_engines.common:setup_any_logging",
        modules=("ignite.contrib.engines.common",),
    ),
    Name(
        "empty_cuda_cache",
        "ignite_plugins_handlers.contrib_engines.common:empty_cuda_cache",
        modules=("ignite.contrib.engines.common",),
    ),
    Name(
        "create_supervised_tbptt_trainer",
        "ignite_plugins_handlers.contrib_engines.tbptt:create_supervised_tbptt_trainer",
        modules=("ignite.contrib.engines", "ignite.contrib.engines.tbptt"),
    ),
    Name(
        "Tbptt_Events",
        "ignite_plugins_handlers.contrib_engines.tbptt:Tbptt_Events",
        modules=("ignite.contrib.engines", "ignite.contrib.engines.tbptt"),
    ),
    Name(
        "BaseParamScheduler",
        "ignite_plugins_handlers.param_scheduler:BaseParamScheduler",
        modules=(
            "ignite.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "BatchSizeScheduler",
        "ignite_plugins_handlers.param_scheduler:BatchSizeScheduler",
        modules=(
            "ignite.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "ConcatScheduler",
        "ignite_plugins_handlers.param_scheduler:ConcatScheduler",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "CosineAnnealingScheduler",
        "ignite_plugins_handlers.param_scheduler:CosineAnnealingScheduler",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "CyclicalScheduler",
        "ignite_plugins_handlers.param_scheduler:CyclicalScheduler",
        modules=(
            "ignite.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "LRScheduler",
        "ignite_plugins_handlers.param_scheduler:LRScheduler",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "LinearCyclicalScheduler",
        "ignite_plugins_handlers.param_scheduler:LinearCyclicalScheduler",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "ParamGroupScheduler",
        "ignite_plugins_handlers.param_scheduler:ParamGroupScheduler",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "ParamScheduler",
        "ignite_plugins_handlers.param_scheduler:ParamScheduler",
        modules=(
            "ignite.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "PiecewiseLinear",
        "ignite_plugins_handlers.param_scheduler:PiecewiseLinear",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "ReduceLROnPlateauScheduler",
        "ignite_plugins_handlers.param_scheduler:ReduceLROnPlateauScheduler",
        modules=(
            "ignite.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "create_lr_scheduler_with_warmup",
        "ignite_plugins_handlers.param_scheduler:create_lr_scheduler_with_warmup",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.param_scheduler",
            "ignite.contrib.handlers.param_scheduler",
        ),
    ),
    Name(
        "ExpStateScheduler",
        "ignite_plugins_handlers.state_param_scheduler:ExpStateScheduler",
        modules=("ignite.handlers", "ignite.handlers.state_param_scheduler"),
    ),
    Name(
        "LambdaStateScheduler",
        "ignite_plugins_handlers.state_param_scheduler:LambdaStateScheduler",
        modules=("ignite.handlers", "ignite.handlers.state_param_scheduler"),
    ),
    Name(
        "MultiStepStateScheduler",
        "ignite_plugins_handlers.state_param_scheduler:MultiStepStateScheduler",
        modules=("ignite.handlers", "ignite.handlers.state_param_scheduler"),
    ),
    Name(
        "PiecewiseLinearStateScheduler",
        "ignite_plugins_handlers.state_param_scheduler:PiecewiseLinearStateScheduler",
        modules=("ignite.handlers", "ignite.handlers.state_param_scheduler"),
    ),
    Name(
        "StateParamScheduler",
        "ignite_plugins_handlers.state_param_scheduler:StateParamScheduler",
        modules=("ignite.handlers", "ignite.handlers.state_param_scheduler"),
    ),
    Name(
        "StepStateScheduler",
        "ignite_plugins_handlers.state_param_scheduler:StepStateScheduler",
        modules=("ignite.handlers", "ignite.handlers.state_param_scheduler"),
    ),
    Name(
        "Checkpoint",
        "ignite_plugins_handlers.checkpoint:Checkpoint",
        modules=("ignite.handlers", "ignite.handlers.checkpoint"),
    ),
    Name(
        "ModelCheckpoint",
        "ignite_plugins_handlers.checkpoint:ModelCheckpoint",
        modules=("ignite.handlers", "ignite.handlers.checkpoint"),
    ),
    Name(
        "DiskSaver",
        "ignite_plugins_handlers.checkpoint:DiskSaver",
        modules=("ignite.handlers", "ignite.handlers.checkpoint"),
    ),
    Name(
        "BaseSaveHandler",
        "ignite_plugins_handlers.checkpoint:BaseSaveHandler",
        modules=("ignite.handlers", "ignite.handlers.checkpoint"),
    ),
    Name(
        "CheckpointEvents",
        "ignite_plugins_handlers.checkpoint:CheckpointEvents",
        modules=("ignite.handlers", "ignite.handlers.checkpoint"),
    ),
    Name(
        "HAVE_ZERO",
        "ignite_plugins_handlers.checkpoint:HAVE_ZERO",
        modules=("ignite.handlers", "ignite.handlers.checkpoint"),
    ),
    Name(
        "EarlyStopping",
        "ignite_plugins_handlers.early_stopping:EarlyStopping",
        modules=("ignite.handlers", "ignite.handlers.early_stopping"),
    ),
    Name(
        "EpochOutputStore",
        "ignite_plugins_handlers.epoch_output_store:EpochOutputStore",
        modules=("ignite.handlers", "ignite.handlers.stores"),
    ),
    Name(
        "TerminateOnNan",
        "ignite_plugins_handlers.terminate_on_nan:TerminateOnNan",
        modules=("ignite.handlers", "ignite.handlers.terminate_on_nan"),
    ),
    Name(
        "TimeLimit",
        "ignite_plugins_handlers.time_limit:TimeLimit",
        modules=("ignite.handlers", "ignite.handlers.time_limit"),
    ),
    Name(
        "Timer", "ignite_plugins_handlers.timing:Timer", modules=("ignite.handlers", "ignite.handlers.timing")
    ),
    Name(
        "global_step_from_engine",
        "ignite_plugins_handlers.utils:global_step_from_engine",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.utils",
            "ignite.handlers.clearml_logger",
            "ignite.handlers.mlflow_logger",
            "ignite.handlers.neptune_logger",
            "ignite.handlers.polyaxon_logger",
            "ignite.handlers.tensorboard_logger",
            "ignite.handlers.visdom_logger",
            "ignite.handlers.wandb_logger",
            "ignite.contrib.handlers.clearml_logger",
            "ignite.contrib.handlers.mlflow_logger",
            "ignite.contrib.handlers.neptune_logger",
            "ignite.contrib.handlers.polyaxon_logger",
            "ignite.contrib.handlers.tensorboard_logger",
            "ignite.contrib.handlers.visdom_logger",
            "ignite.contrib.handlers.wandb_logger",
        ),
    ),
)
