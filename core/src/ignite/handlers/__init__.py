"""``ignite.handlers``: engine handlers and experiment loggers.

The logger base classes live in core (:mod:`ignite.handlers.base_logger`); every concrete handler and logger
comes from a plugin (``ignite-plugins-handlers``, ``ignite-plugins-loggers``), resolved through the plugin host.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.handlers import base_logger
from ignite.handlers.base_logger import *  # noqa: F403
from ignite.plugins.facades import facade

if TYPE_CHECKING:  # plugin names, for type checkers: python tools/gen_index.py
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_index.py)
    from ignite_plugins_handlers.checkpoint import HAVE_ZERO as HAVE_ZERO  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.checkpoint import BaseSaveHandler as BaseSaveHandler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.checkpoint import Checkpoint as Checkpoint  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.checkpoint import CheckpointEvents as CheckpointEvents  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.checkpoint import DiskSaver as DiskSaver  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.checkpoint import ModelCheckpoint as ModelCheckpoint  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.early_stopping import EarlyStopping as EarlyStopping  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.ema_handler import EMAHandler as EMAHandler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.epoch_output_store import EpochOutputStore as EpochOutputStore  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.fbresearch_logger import FBResearchLogger as FBResearchLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.lr_finder import FastaiLRFinder as FastaiLRFinder  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import BaseParamScheduler as BaseParamScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import BatchSizeScheduler as BatchSizeScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import ConcatScheduler as ConcatScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import CosineAnnealingScheduler as CosineAnnealingScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import CyclicalScheduler as CyclicalScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import LinearCyclicalScheduler as LinearCyclicalScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import LRScheduler as LRScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import ParamGroupScheduler as ParamGroupScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import ParamScheduler as ParamScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import PiecewiseLinear as PiecewiseLinear  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.param_scheduler import (  # type: ignore[import-not-found, unused-ignore]
        ReduceLROnPlateauScheduler as ReduceLROnPlateauScheduler,
    )
    from ignite_plugins_handlers.param_scheduler import (  # type: ignore[import-not-found, unused-ignore]
        create_lr_scheduler_with_warmup as create_lr_scheduler_with_warmup,
    )
    from ignite_plugins_handlers.state_param_scheduler import ExpStateScheduler as ExpStateScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.state_param_scheduler import LambdaStateScheduler as LambdaStateScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.state_param_scheduler import (  # type: ignore[import-not-found, unused-ignore]
        MultiStepStateScheduler as MultiStepStateScheduler,
    )
    from ignite_plugins_handlers.state_param_scheduler import (  # type: ignore[import-not-found, unused-ignore]
        PiecewiseLinearStateScheduler as PiecewiseLinearStateScheduler,
    )
    from ignite_plugins_handlers.state_param_scheduler import StateParamScheduler as StateParamScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.state_param_scheduler import StepStateScheduler as StepStateScheduler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.terminate_on_nan import TerminateOnNan as TerminateOnNan  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.time_limit import TimeLimit as TimeLimit  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.time_profilers import BasicTimeProfiler as BasicTimeProfiler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.time_profilers import HandlersTimeProfiler as HandlersTimeProfiler  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.timing import Timer as Timer  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.utils import global_step_from_engine as global_step_from_engine  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.clearml_logger import ClearMLLogger as ClearMLLogger  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.clearml_saver import ClearMLSaver as ClearMLSaver  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_clearml_logging as setup_clearml_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_mlflow_logging as setup_mlflow_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_neptune_logging as setup_neptune_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_plx_logging as setup_plx_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_tb_logging as setup_tb_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_trains_logging as setup_trains_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_visdom_logging as setup_visdom_logging  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_loggers.logger_utils import setup_wandb_logging as setup_wandb_logging  # type: ignore[import-not-found, unused-ignore]
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
