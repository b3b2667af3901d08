"""Parameter schedulers (optimizer parameters and DataLoader batch size)."""

from ignite_plugins_handlers.param_scheduler.base import BaseParamScheduler, ParamScheduler
from ignite_plugins_handlers.param_scheduler.batch_size import BatchSizeScheduler
from ignite_plugins_handlers.param_scheduler.concat import ConcatScheduler
from ignite_plugins_handlers.param_scheduler.cyclical import (
    CosineAnnealingScheduler,
    CyclicalScheduler,
    LinearCyclicalScheduler,
)
from ignite_plugins_handlers.param_scheduler.lr_scheduler import LRScheduler, create_lr_scheduler_with_warmup
from ignite_plugins_handlers.param_scheduler.param_group import ParamGroupScheduler
from ignite_plugins_handlers.param_scheduler.piecewise import PiecewiseLinear
from ignite_plugins_handlers.param_scheduler.plateau import ReduceLROnPlateauScheduler

__all__ = [
    "BaseParamScheduler",
    "BatchSizeScheduler",
    "ConcatScheduler",
    "CosineAnnealingScheduler",
    "CyclicalScheduler",
    "LRScheduler",
    "LinearCyclicalScheduler",
    "ParamGroupScheduler",
    "ParamScheduler",
    "PiecewiseLinear",
    "ReduceLROnPlateauScheduler",
    "create_lr_scheduler_with_warmup",
]
