"""TensorBoard logger and its handlers (``ignite.handlers.tensorboard_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    tb_logger = TensorboardLogger(log_dir="tb_logs")
    tb_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED(every=100), tag="training",
        output_transform=lambda loss: {"batchloss": loss},
    )
    tb_logger.attach_opt_params_handler(trainer, event_name=Events.ITERATION_STARTED, optimizer=optimizer)
    tb_logger.attach(trainer, log_handler=WeightsHistHandler(model), event_name=Events.EPOCH_COMPLETED)
"""

from __future__ import annotations

from typing import Any

from ignite.engine import Engine
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    BaseWeightsHandler,
    BaseWeightsScalarHandler,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._sdk import import_sdk

__all__ = [
    "GradsHistHandler",
    "GradsScalarHandler",
    "OptimizerParamsHandler",
    "OutputHandler",
    "TensorboardLogger",
    "WeightsHistHandler",
    "WeightsScalarHandler",
]


def _summary_writer_class(use_tensorboardX: bool = False) -> Any:
    """``torch.utils.tensorboard.SummaryWriter`` (needs ``tensorboard``), else ``tensorboardX.SummaryWriter``."""
    if use_tensorboardX:
        return import_sdk("tensorboardX", "tensorboard", "TensorboardLogger").SummaryWriter
    sdk = import_sdk("torch.utils.tensorboard", "tensorboard", "TensorboardLogger", "tensorboardX")
    return sdk.SummaryWriter


class TensorboardLogger(BaseLogger):
    """Logs to TensorBoard event files through a ``SummaryWriter`` built from ``*args, **kwargs``.

    Uses ``torch.utils.tensorboard.SummaryWriter`` (the ``tensorboard`` package), or ``tensorboardX`` when only
    that is installed. Writer methods are available on the logger (``tb_logger.add_scalar(...)``) and as
    ``tb_logger.writer``. Example: ``TensorboardLogger(log_dir="experiments/tb_logs")``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.writer = _summary_writer_class()(*args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        if attr == "writer":  # not yet set: __init__ failed or is running
            raise AttributeError(attr)
        return getattr(self.writer, attr)

    def close(self) -> None:
        """Flush and close the event file."""
        self.writer.close()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _writer(handler: object, logger: Any) -> Any:
    return check_logger(handler, logger, TensorboardLogger).writer


class OutputHandler(BaseOutputHandler):
    """Logs metrics, the transformed engine output and state attributes as scalars ``"<tag>/<name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`. Example:

    .. code-block:: python

        tb_logger.attach(
            evaluator,
            log_handler=OutputHandler(tag="validation", metric_names=["nll", "accuracy"],
                                      global_step_transform=global_step_from_engine(trainer)),
            event_name=Events.EPOCH_COMPLETED,
        )
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        writer = _writer(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=False)
        global_step = self._global_step(engine, event_name)
        for key, value in values.items():
            writer.add_scalar(key, value, global_step)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Logs ``param_name`` (default ``"lr"``) of each param group as ``"[<tag>/]<param_name>/group_<i>"``."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        writer = _writer(self, logger)
        global_step = event_step(engine, event_name)
        for key, value in self._param_values().items():
            writer.add_scalar(key, value, global_step)


class WeightsScalarHandler(BaseWeightsScalarHandler):
    """Logs ``reduction(weight)`` (default the norm) per parameter as ``"[<tag>/]weights_<reduction>/<name>"``.

    Dots in parameter names become ``/``, e.g. ``weights_norm/fc1/weight``.
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        writer = _writer(self, logger)
        global_step = event_step(engine, event_name)
        tag = f"{self._prefix()}weights_{self._reduction_name()}"
        for name, p in self.weights:
            writer.add_scalar(
                f"{tag}/{name.replace('.', '/')}", float(self.reduction(p.detach())), global_step
            )


class WeightsHistHandler(BaseWeightsHandler):
    """Logs each parameter as a histogram ``"[<tag>/]weights/<name>"``."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        writer = _writer(self, logger)
        global_step = event_step(engine, event_name)
        for name, p in self.weights:
            writer.add_histogram(
                f"{self._prefix()}weights/{name.replace('.', '/')}", p.detach().cpu().numpy(), global_step
            )


class GradsScalarHandler(BaseWeightsScalarHandler):
    """Logs ``reduction(grad)`` per parameter as ``"[<tag>/]grads_<reduction>/<name>"``; skips missing grads."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        writer = _writer(self, logger)
        global_step = event_step(engine, event_name)
        tag = f"{self._prefix()}grads_{self._reduction_name()}"
        for name, p in self.weights:
            if p.grad is not None:
                value = float(self.reduction(p.grad.detach()))
                writer.add_scalar(f"{tag}/{name.replace('.', '/')}", value, global_step)


class GradsHistHandler(BaseWeightsHandler):
    """Logs each parameter's gradient as a histogram ``"[<tag>/]grads/<name>"``; skips missing grads."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        writer = _writer(self, logger)
        global_step = event_step(engine, event_name)
        for name, p in self.weights:
            if p.grad is not None:
                writer.add_histogram(
                    f"{self._prefix()}grads/{name.replace('.', '/')}",
                    p.grad.detach().cpu().numpy(),
                    global_step,
                )
