"""One-call logging setup for a trainer and its evaluators (``ignite.handlers.logger_utils`` in pytorch-ignite 0.5).

.. code-block:: python

    tb_logger = setup_tb_logging("tb_logs", trainer, optimizer, evaluators={"validation": evaluator})
    ...
    tb_logger.close()
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from torch.optim import Optimizer

from ignite.engine import Engine, Events
from ignite.handlers.base_logger import BaseLogger, GlobalStepTransform

__all__ = [
    "setup_mlflow_logging",
    "setup_neptune_logging",
    "setup_tb_logging",
    "setup_visdom_logging",
    "setup_wandb_logging",
]

L = TypeVar("L", bound=BaseLogger)
MetricNames = str | Sequence[str] | None


def _as_dict(value: Any, kind: type, arg: str, default_key: str | None) -> dict[str | None, Any]:
    if value is None:
        return {}
    if isinstance(value, kind):
        return {default_key: value}
    if isinstance(value, Mapping) and all(isinstance(v, kind) for v in value.values()):
        return dict(value)
    raise TypeError(
        f"Argument {arg} should be a single {kind.__name__} or a dict mapping tags to them, "
        f"but given {type(value).__name__}"
    )


def _trainer_step(trainer: Engine) -> GlobalStepTransform:
    """The trainer's counter for the event being logged (its epoch for an evaluator's ``COMPLETED``)."""

    def global_step(engine: Engine, event_name: Any) -> int:
        return int(trainer.state.get_event_attrib_value(event_name))

    return global_step


class _Plan:
    """Checked arguments of a ``setup_*_logging`` call, checked before the logger is created."""

    def __init__(
        self,
        trainer: Engine,
        optimizers: Optimizer | Mapping[str, Optimizer] | None,
        evaluators: Engine | Mapping[str, Engine] | None,
        log_every_iters: int | None,
        trainer_metric_names: MetricNames,
        evaluator_metric_names: MetricNames,
    ) -> None:
        if not isinstance(trainer, Engine):
            raise TypeError(
                f"Argument trainer should be an ignite Engine, but given {type(trainer).__name__}"
            )
        self.trainer = trainer
        self.optimizers = _as_dict(optimizers, Optimizer, "optimizers", None)
        self.evaluators = _as_dict(evaluators, Engine, "evaluators", "validation")
        self.every = 1 if log_every_iters is None else log_every_iters
        self.trainer_metric_names = trainer_metric_names
        self.evaluator_metric_names = evaluator_metric_names

    def attach(self, logger: L) -> L:
        """Attach the trainer's metrics and learning rates, and each evaluator's metrics at the trainer's epoch."""
        trainer, every = self.trainer, self.every
        if self.trainer_metric_names is not None:
            logger.attach_output_handler(
                trainer,
                Events.ITERATION_COMPLETED(every=every),
                tag="training",
                metric_names=self.trainer_metric_names,
            )
        for tag, optimizer in self.optimizers.items():
            logger.attach_opt_params_handler(
                trainer, Events.ITERATION_STARTED(every=every), optimizer=optimizer, param_name="lr", tag=tag
            )
        if self.evaluator_metric_names is not None:
            global_step = _trainer_step(trainer)
            for tag, evaluator in self.evaluators.items():
                logger.attach_output_handler(
                    evaluator,
                    Events.COMPLETED,
                    tag=tag,
                    metric_names=self.evaluator_metric_names,
                    global_step_transform=global_step,
                )
        return logger


def setup_tb_logging(
    output_path: str,
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create a ``TensorboardLogger`` writing to ``output_path`` and attach the usual handlers.

    Logs the trainer's metrics (tag ``"training"``) every ``log_every_iters`` iterations (``None``: every one),
    the learning rate of each optimizer (dict keys become tags), and each evaluator's metrics when it completes,
    at the trainer's epoch (a single evaluator is tagged ``"validation"``). ``kwargs`` go to the logger.
    Returns the logger: close it at the end.
    """
    from ignite_plugins_loggers.tensorboard_logger import TensorboardLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(TensorboardLogger(log_dir=output_path, **kwargs))


def setup_mlflow_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create an ``MLflowLogger`` (``kwargs``, e.g. ``tracking_uri``) and attach handlers as :func:`setup_tb_logging`."""
    from ignite_plugins_loggers.mlflow_logger import MLflowLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(MLflowLogger(**kwargs))


def setup_neptune_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create a ``NeptuneLogger`` (``kwargs``, e.g. ``project``, ``mode``) and attach handlers as
    :func:`setup_tb_logging`."""
    from ignite_plugins_loggers.neptune_logger import NeptuneLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(NeptuneLogger(**kwargs))


def setup_visdom_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create a ``VisdomLogger`` (``kwargs``, e.g. ``server``, ``port``) and attach handlers as
    :func:`setup_tb_logging`."""
    from ignite_plugins_loggers.visdom_logger import VisdomLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(VisdomLogger(**kwargs))


def setup_wandb_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create a ``WandBLogger`` (``kwargs`` go to ``wandb.init``) and attach handlers as :func:`setup_tb_logging`."""
    from ignite_plugins_loggers.wandb_logger import WandBLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(WandBLogger(**kwargs))


def setup_clearml_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create a ``ClearMLLogger`` (``kwargs`` go to ``Task.init``) and attach handlers as :func:`setup_tb_logging`."""
    from ignite_plugins_loggers.clearml_logger import ClearMLLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(ClearMLLogger(**kwargs))


def setup_trains_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    **kwargs: Any,
) -> Any:
    """Deprecated name of :func:`setup_clearml_logging` (warns, then calls it)."""
    warnings.warn("setup_trains_logging was renamed to setup_clearml_logging.", UserWarning, stacklevel=2)
    return setup_clearml_logging(trainer, optimizers, evaluators, log_every_iters, **kwargs)


def setup_plx_logging(
    trainer: Engine,
    optimizers: Optimizer | Mapping[str, Optimizer] | None = None,
    evaluators: Engine | Mapping[str, Engine] | None = None,
    log_every_iters: int | None = 100,
    *,
    trainer_metric_names: MetricNames = "all",
    evaluator_metric_names: MetricNames = "all",
    **kwargs: Any,
) -> Any:
    """Create a ``PolyaxonLogger`` (``kwargs`` go to the Polyaxon run) and attach handlers as
    :func:`setup_tb_logging`."""
    from ignite_plugins_loggers.polyaxon_logger import PolyaxonLogger

    plan = _Plan(
        trainer, optimizers, evaluators, log_every_iters, trainer_metric_names, evaluator_metric_names
    )
    return plan.attach(PolyaxonLogger(**kwargs))
