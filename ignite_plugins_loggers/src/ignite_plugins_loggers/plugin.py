"""Entry-point module of ``ignite-plugins-loggers`` (group ``ignite.plugins``, name ``loggers``).

Registration is by ``"module:attr"`` strings, so discovering this plugin imports neither the logger modules
nor their SDKs; ``requires``/``extra`` let the host answer a missing SDK with the right install line.
"""

from __future__ import annotations

from ignite.plugins import Registry, hookimpl


@hookimpl
def ignite_register_loggers(registry: Registry) -> None:
    """Register the loggers this distribution implements."""
    registry.add(
        "TensorboardLogger",
        "ignite_plugins_loggers.tensorboard_logger:TensorboardLogger",
        requires=("tensorboard",),
        extra="tensorboard",
    )
    registry.add(
        "MLflowLogger",
        "ignite_plugins_loggers.mlflow_logger:MLflowLogger",
        requires=("mlflow",),
        extra="mlflow",
    )
    registry.add(
        "ProgressBar", "ignite_plugins_loggers.tqdm_logger:ProgressBar", requires=("tqdm",), extra="tqdm"
    )
