"""``ignite.handlers``: engine handlers and experiment loggers.

The logger base classes live in core (:mod:`ignite.handlers.base_logger`); every concrete handler and logger
comes from a plugin (``ignite-plugins-handlers``, ``ignite-plugins-loggers``) and is resolved on first access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facade import facade_dir, facade_getattr

if TYPE_CHECKING:
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)
    from ignite.handlers.base_logger import BaseHandler as BaseHandler
    from ignite.handlers.base_logger import BaseLogger as BaseLogger
    from ignite.handlers.base_logger import BaseOptimizerParamsHandler as BaseOptimizerParamsHandler
    from ignite.handlers.base_logger import BaseOutputHandler as BaseOutputHandler
    from ignite.handlers.base_logger import BaseWeightsHandler as BaseWeightsHandler
    from ignite.handlers.base_logger import BaseWeightsScalarHandler as BaseWeightsScalarHandler
    from ignite_plugins_handlers.early_stopping import EarlyStopping as EarlyStopping
    from ignite_plugins_handlers.epoch_output_store import EpochOutputStore as EpochOutputStore
    from ignite_plugins_handlers.terminate_on_nan import TerminateOnNan as TerminateOnNan
    from ignite_plugins_handlers.time_limit import TimeLimit as TimeLimit
    from ignite_plugins_handlers.timing import Timer as Timer
    from ignite_plugins_handlers.utils import global_step_from_engine as global_step_from_engine
    from ignite_plugins_loggers.logger_utils import setup_mlflow_logging as setup_mlflow_logging
    from ignite_plugins_loggers.logger_utils import setup_tb_logging as setup_tb_logging
    from ignite_plugins_loggers.mlflow_logger import MLflowLogger as MLflowLogger
    from ignite_plugins_loggers.tensorboard_logger import TensorboardLogger as TensorboardLogger
    from ignite_plugins_loggers.tqdm_logger import ProgressBar as ProgressBar
    # END GENERATED TYPE_CHECKING

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
