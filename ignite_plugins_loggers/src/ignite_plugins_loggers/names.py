"""Every public name this distribution provides, declared once: registration, the 0.5 module aliases,
the install hints and the type-checking view all derive from this table."""

from __future__ import annotations

from ignite.plugins import Name

NAMES: tuple[Name, ...] = (
    Name(
        "TensorboardLogger",
        "ignite_plugins_loggers.tensorboard_logger:TensorboardLogger",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.tensorboard_logger",
            "ignite.contrib.handlers.tensorboard_logger",
        ),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "tensorboard_logger.OutputHandler",
        "ignite_plugins_loggers.tensorboard_logger:OutputHandler",
        modules=("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "tensorboard_logger.OptimizerParamsHandler",
        "ignite_plugins_loggers.tensorboard_logger:OptimizerParamsHandler",
        modules=("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "tensorboard_logger.WeightsScalarHandler",
        "ignite_plugins_loggers.tensorboard_logger:WeightsScalarHandler",
        modules=("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "tensorboard_logger.WeightsHistHandler",
        "ignite_plugins_loggers.tensorboard_logger:WeightsHistHandler",
        modules=("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "tensorboard_logger.GradsScalarHandler",
        "ignite_plugins_loggers.tensorboard_logger:GradsScalarHandler",
        modules=("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "tensorboard_logger.GradsHistHandler",
        "ignite_plugins_loggers.tensorboard_logger:GradsHistHandler",
        modules=("ignite.handlers.tensorboard_logger", "ignite.contrib.handlers.tensorboard_logger"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "MLflowLogger",
        "ignite_plugins_loggers.mlflow_logger:MLflowLogger",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.mlflow_logger",
            "ignite.contrib.handlers.mlflow_logger",
        ),
        extra="mlflow",
        requires=("mlflow",),
    ),
    Name(
        "mlflow_logger.OutputHandler",
        "ignite_plugins_loggers.mlflow_logger:OutputHandler",
        modules=("ignite.handlers.mlflow_logger", "ignite.contrib.handlers.mlflow_logger"),
        extra="mlflow",
        requires=("mlflow",),
    ),
    Name(
        "mlflow_logger.OptimizerParamsHandler",
        "ignite_plugins_loggers.mlflow_logger:OptimizerParamsHandler",
        modules=("ignite.handlers.mlflow_logger", "ignite.contrib.handlers.mlflow_logger"),
        extra="mlflow",
        requires=("mlflow",),
    ),
    Name(
        "ProgressBar",
        "ignite_plugins_loggers.tqdm_logger:ProgressBar",
        modules=(
            "ignite.handlers",
            "ignite.contrib.handlers",
            "ignite.handlers.tqdm_logger",
            "ignite.contrib.handlers.tqdm_logger",
        ),
        extra="tqdm",
        requires=("tqdm",),
    ),
    Name(
        "setup_tb_logging",
        "ignite_plugins_loggers.logger_utils:setup_tb_logging",
        modules=("ignite.handlers", "ignite.handlers.logger_utils", "ignite.contrib.engines.common"),
        extra="tensorboard",
        requires=("tensorboard",),
    ),
    Name(
        "setup_mlflow_logging",
        "ignite_plugins_loggers.logger_utils:setup_mlflow_logging",
        modules=("ignite.handlers", "ignite.handlers.logger_utils", "ignite.contrib.engines.common"),
        extra="mlflow",
        requires=("mlflow",),
    ),
)
