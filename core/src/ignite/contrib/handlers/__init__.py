"""``ignite.contrib.handlers``: pytorch-ignite 0.5 re-exports of the loggers and handlers that moved to
:mod:`ignite.handlers`. Its submodules (``ignite.contrib.handlers.tqdm_logger``, ...) warn that they moved."""

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
    from ignite_plugins_handlers.utils import global_step_from_engine as global_step_from_engine
    from ignite_plugins_loggers.mlflow_logger import MLflowLogger as MLflowLogger
    from ignite_plugins_loggers.tensorboard_logger import TensorboardLogger as TensorboardLogger
    from ignite_plugins_loggers.tqdm_logger import ProgressBar as ProgressBar
    # END GENERATED TYPE_CHECKING

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
