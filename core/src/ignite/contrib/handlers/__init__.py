"""``ignite.contrib.handlers``: pytorch-ignite 0.5 re-exports of the loggers and handlers that moved to
:mod:`ignite.handlers`. Its submodules (``ignite.contrib.handlers.tqdm_logger``, ...) warn that they moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.handlers import base_logger
from ignite.handlers.base_logger import *  # noqa: F403
from ignite.plugins.facades import facade

if TYPE_CHECKING:  # plugin names, for type checkers: python tools/gen_index.py
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_index.py)
    from ignite_plugins_handlers.lr_finder import FastaiLRFinder as FastaiLRFinder  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import ConcatScheduler as ConcatScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import CosineAnnealingScheduler as CosineAnnealingScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import LinearCyclicalScheduler as LinearCyclicalScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import LRScheduler as LRScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import ParamGroupScheduler as ParamGroupScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import PiecewiseLinear as PiecewiseLinear  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import (  # type: ignore[import-not-found, unused-ignore]
        create_lr_scheduler_with_warmup as create_lr_scheduler_with_warmup,
    )
    from ignite_plugins_handlers.time_profilers import BasicTimeProfiler as BasicTimeProfiler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.time_profilers import HandlersTimeProfiler as HandlersTimeProfiler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.utils import global_step_from_engine as global_step_from_engine  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.clearml_logger import ClearMLLogger as ClearMLLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.clearml_saver import ClearMLSaver as ClearMLSaver  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.mlflow_logger import MLflowLogger as MLflowLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.neptune_logger import NeptuneLogger as NeptuneLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.neptune_logger import NeptuneSaver as NeptuneSaver  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.polyaxon_logger import PolyaxonLogger as PolyaxonLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.tensorboard_logger import TensorboardLogger as TensorboardLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.tqdm_logger import ProgressBar as ProgressBar  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.visdom_logger import VisdomLogger as VisdomLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.wandb_logger import WandBLogger as WandBLogger  # type: ignore[import-not-found, unused-ignore]
    # END GENERATED TYPE_CHECKING

__all__: list[str] = []
__all__ += base_logger.__all__

__getattr__, __dir__ = facade(__name__)
