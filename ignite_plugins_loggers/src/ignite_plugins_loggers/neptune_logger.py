"""Neptune logger, its handlers and checkpoint saver (``ignite.handlers.neptune_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    npt_logger = NeptuneLogger(project="workspace/project")  # or mode="offline" / mode="debug"
    npt_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED(every=100), tag="training",
        output_transform=lambda loss: {"loss": loss},
    )
    checkpoint = Checkpoint({"model": model}, NeptuneSaver(npt_logger), n_saved=2)
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from typing import Any

import torch

from ignite.engine import Engine
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    BaseWeightsScalarHandler,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._background import BackgroundWriter, submit, write_each
from ignite_plugins_loggers._sdk import handlers_base, import_sdk

__all__ = [
    "GradsScalarHandler",
    "NeptuneLogger",
    "NeptuneSaver",
    "OptimizerParamsHandler",
    "OutputHandler",
    "WeightsScalarHandler",
]

Record = tuple[str, Any, int]
"""What a handler queues: ``(field path, value, step)``."""


class NeptuneLogger(BaseLogger):
    """Logs to a Neptune run created with ``neptune.init_run(api_token=..., project=..., **kwargs)``.

    Args:
        api_token: Neptune API token; ``None`` reads ``NEPTUNE_API_TOKEN``.
        project: ``"workspace/project"``; ``None`` reads ``NEPTUNE_PROJECT``.
        background: append values from a background thread through a bounded queue (default), so a slow or
            failing Neptune never stalls or stops training; ``False`` appends at once.
        close_timeout: seconds :meth:`close` waits for queued values.
        kwargs: passed to ``neptune.init_run``, e.g. ``mode="offline"`` (no network; ``neptune sync`` uploads
            later), ``mode="debug"`` (nothing leaves the process), ``name``, ``tags``.

    The run is :attr:`experiment`; its fields are reachable on the logger: ``npt_logger["params/lr"] = 0.1``.
    :meth:`close` writes what is queued, then stops the run.
    """

    def __init__(
        self,
        api_token: str | None = None,
        project: str | None = None,
        *,
        background: bool = True,
        close_timeout: float = 30.0,
        **kwargs: Any,
    ) -> None:
        neptune = import_sdk("neptune", "neptune", "NeptuneLogger")
        self.experiment: Any = neptune.init_run(api_token=api_token, project=project, **kwargs)
        self._writer = BackgroundWriter(
            "NeptuneLogger", self._write_batch, close_timeout=close_timeout, background=background
        )

    def __getattr__(self, attr: str) -> Any:
        if attr in ("experiment", "_writer"):  # not yet set: __init__ failed or is running
            raise AttributeError(attr)
        return getattr(self.experiment, attr)

    def __getitem__(self, key: str) -> Any:
        return self.experiment[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.experiment[key] = value

    def log_value(self, key: str, value: Any, step: int) -> None:
        """Queue ``value`` to be appended to the series ``key`` at ``step``; returns at once."""
        submit(self, (key, value, step), self._write_one)

    def _write_batch(self, records: list[Record]) -> None:
        write_each(records, self._write_one)

    def _write_one(self, record: Record) -> None:
        key, value, step = record
        self.experiment[key].append(value, step=step)

    def close(self) -> None:
        """Append the queued values (at most ``close_timeout`` seconds), then stop the run."""
        self._writer.close()
        self.experiment.stop()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _check(handler: object, logger: Any) -> NeptuneLogger:
    checked: NeptuneLogger = check_logger(handler, logger, NeptuneLogger, TypeError)  # 0.5 raises TypeError
    return checked


class OutputHandler(BaseOutputHandler):
    """Logs metrics, the transformed engine output and state attributes as series ``"<tag>/<name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`; nested values are flattened
    (``"validation/per_class/0"``).
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        npt_logger = _check(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=False)
        global_step = self._global_step(engine, event_name)
        for key, value in values.items():
            npt_logger.log_value(key, value, global_step)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Logs ``param_name`` (default ``"lr"``) of each param group as ``"[<tag>/]<param_name>/group_<i>"``."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        npt_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        for key, value in self._param_values().items():
            npt_logger.log_value(key, value, global_step)


class WeightsScalarHandler(BaseWeightsScalarHandler):
    """Logs ``reduction(weight)`` (default the norm) per parameter as ``"[<tag>/]weights_<reduction>/<name>"``.

    Dots in parameter names become ``/``, e.g. ``weights_norm/fc1/weight``.
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        npt_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        tag = f"{self._prefix()}weights_{self._reduction_name()}"
        for name, p in self.weights:
            value = float(self.reduction(p.detach()))
            npt_logger.log_value(f"{tag}/{name.replace('.', '/')}", value, global_step)


class GradsScalarHandler(BaseWeightsScalarHandler):
    """Logs ``reduction(grad)`` per parameter as ``"[<tag>/]grads_<reduction>/<name>"``; skips missing grads."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        npt_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        tag = f"{self._prefix()}grads_{self._reduction_name()}"
        for name, p in self.weights:
            if p.grad is not None:
                value = float(self.reduction(p.grad.detach()))
                npt_logger.log_value(f"{tag}/{name.replace('.', '/')}", value, global_step)


# BaseSaveHandler, so that Checkpoint removes old checkpoints through NeptuneSaver.remove
class NeptuneSaver(handlers_base("BaseSaveHandler")):  # type: ignore[misc]
    """Checkpoint save handler uploading each checkpoint to the Neptune run under its file name.

    Use it as ``Checkpoint(to_save, save_handler=NeptuneSaver(npt_logger))``. Removing a checkpoint deletes
    the field from the run.
    """

    def __init__(self, neptune_logger: NeptuneLogger) -> None:
        if not isinstance(neptune_logger, NeptuneLogger):
            raise TypeError(
                f"Argument neptune_logger should be a NeptuneLogger, but given {type(neptune_logger).__name__}"
            )
        self._logger = neptune_logger

    def __call__(
        self, checkpoint: Mapping[str, Any], filename: str, metadata: Mapping[str, Any] | None = None
    ) -> None:
        """Serialize ``checkpoint`` with ``torch.save`` and upload it as ``filename``."""
        from neptune.types import File

        buffer = io.BytesIO()
        torch.save(checkpoint, buffer)
        extension = filename.rsplit(".", 1)[-1] if "." in filename else None
        self._logger[filename].upload(File.from_content(buffer.getvalue(), extension=extension))

    def remove(self, filename: str) -> None:
        """Delete the checkpoint uploaded as ``filename``."""
        from neptune.exceptions import MetadataInconsistency

        try:
            del self._logger.experiment[filename]
        except (KeyError, MetadataInconsistency):
            warnings.warn(
                f"NeptuneSaver: no checkpoint {filename!r} to remove in the run", UserWarning, stacklevel=2
            )
