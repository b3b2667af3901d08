"""ClearML logger and its handlers (``ignite.handlers.clearml_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    clearml_logger = ClearMLLogger(project_name="pytorch-ignite-integration", task_name="cnn-mnist")
    clearml_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED, tag="training", output_transform=lambda loss: {"loss": loss}
    )

Offline: call ``clearml.Task.set_offline(True)`` first (the session is stored locally). Bypass mode (nothing is
logged) is on when ``CI`` is set in the environment, or after ``ClearMLLogger.set_bypass_mode(True)``.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from typing import Any

import torch
from torch import nn

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
from ignite_plugins_loggers._background import BackgroundWriter, submit, write_each
from ignite_plugins_loggers._sdk import import_sdk

__all__ = [
    "ClearMLLogger",
    "GradsHistHandler",
    "GradsScalarHandler",
    "OptimizerParamsHandler",
    "OutputHandler",
    "WeightsHistHandler",
    "WeightsScalarHandler",
]

Record = tuple[str, str, str, int, Any]
"""What a handler queues: ``("scalar" | "histogram", title, series, iteration, value)``."""


class _Stub:
    """Stands for the task, its logger and the histogram helper in bypass mode: every call does nothing."""

    def __getattr__(self, attr: str) -> Any:
        def noop(*args: Any, **kwargs: Any) -> Any:
            return self

        return noop


class ClearMLLogger(BaseLogger):
    """Reports scalars and histograms to a ClearML task.

    Args:
        background: report from a background thread through a bounded queue (default), so a slow or failing
            server never stalls or stops training; ``False`` reports at once.
        close_timeout: seconds :meth:`close` waits for queued reports.
        kwargs: passed to ``clearml.Task.init`` (``project_name``, ``task_name``, ``task_type``, ...); ignored
            when a task is already running, which is then used.

    The task is :meth:`get_task`, its logger :attr:`clearml_logger`. :meth:`close` reports what is queued and
    flushes the ClearML logger.
    """

    def __init__(self, *, background: bool = True, close_timeout: float = 30.0, **kwargs: Any) -> None:
        clearml = import_sdk("clearml", "clearml", "ClearMLLogger")
        self._task: Any
        if self.bypass_mode():
            warnings.warn("ClearMLLogger: running in bypass mode", UserWarning, stacklevel=2)
            self._task = _Stub()
            self.clearml_logger: Any = _Stub()
            self.grad_helper: Any = _Stub()
        else:
            from clearml.binding.frameworks.tensorflow_bind import WeightsGradientHistHelper

            task = clearml.Task.current_task()
            if task is None:
                task_kwargs = dict(kwargs)
                task_kwargs.setdefault("task_type", clearml.Task.TaskTypes.training)
                task = clearml.Task.init(**task_kwargs)
            self._task = task
            self.clearml_logger = task.get_logger()
            self.grad_helper = WeightsGradientHistHelper(logger=self.clearml_logger, report_freq=1)
        self._writer = BackgroundWriter(
            "ClearMLLogger", self._write_batch, close_timeout=close_timeout, background=background
        )

    @classmethod
    def set_bypass_mode(cls, bypass: bool) -> None:
        """Turn bypass mode (log nothing, no ClearML server needed) on or off for every ClearMLLogger."""
        setattr(cls, "_bypass", bypass)  # noqa: B010 (a class attribute read with a default)

    @classmethod
    def bypass_mode(cls) -> bool:
        """Whether bypass mode is on: as set by :meth:`set_bypass_mode`, else when ``CI`` is in the environment."""
        bypass: bool = getattr(cls, "_bypass", bool(os.environ.get("CI")))
        return bypass

    def get_task(self) -> Any:
        """The ClearML task (a do-nothing stand-in in bypass mode)."""
        return self._task

    def report(self, kind: str, title: str, series: str, iteration: int, value: Any) -> None:
        """Queue a scalar (``kind="scalar"``) or histogram (``"histogram"``) report; returns at once."""
        submit(self, (kind, title, series, iteration, value), self._write_one)

    def _write_batch(self, records: list[Record]) -> None:
        write_each(records, self._write_one)

    def _write_one(self, record: Record) -> None:
        kind, title, series, iteration, value = record
        if kind == "scalar":
            self.clearml_logger.report_scalar(title=title, series=series, iteration=iteration, value=value)
        else:
            self.grad_helper.add_histogram(title=title, series=series, step=iteration, hist_data=value)

    def close(self) -> None:
        """Report what is queued (at most ``close_timeout`` seconds) and flush the ClearML logger."""
        self._writer.close()
        self.clearml_logger.flush()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


def _check(handler: object, logger: Any) -> ClearMLLogger:
    checked: ClearMLLogger = check_logger(handler, logger, ClearMLLogger)
    return checked


def _title_series(name: str) -> tuple[str, str]:
    """``"0.weight"`` -> ``("0", "weight")``; ``"weight"`` -> ``("weight", "")``, as 0.5 splits parameter names."""
    head, _, tail = name.partition(".")
    return head, tail


def _reported_tensors(handler: Any) -> Iterator[tuple[str, str, torch.Tensor]]:
    """``(title head, series, tensor)`` for each of ``handler.weights`` whose ``handler._tensor`` exists."""
    for name, p in handler.weights:
        tensor = handler._tensor(p)
        if tensor is not None:
            yield (*_title_series(name), tensor)


class OutputHandler(BaseOutputHandler):
    """Reports metrics, the transformed engine output and state attributes as scalars.

    ``"<tag>/<name>"`` is reported with title ``<tag>`` and series ``<name>``; nested values with title
    ``<tag>/<name>`` and the rest of the path as series (``"training/per_class"``, ``"0"``), as in 0.5.
    """

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        clearml_logger = _check(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=True)
        global_step = self._global_step(engine, event_name)
        for key, value in values.items():
            if len(key) == 2:
                title, series = key[0], key[1]
            else:
                title, series = "/".join(key[:2]), "/".join(key[2:])
            clearml_logger.report("scalar", title, series, global_step, value)


class OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Reports ``param_name`` (default ``"lr"``) with title ``"[<tag>/]<param_name>"``, one series per group."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        clearml_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        prefix = f"{self.tag}/" if self.tag else ""
        for i, group in enumerate(self.optimizer.param_groups):
            clearml_logger.report(
                "scalar", f"{prefix}{self.param_name}", str(i), global_step, float(group[self.param_name])
            )


class WeightsScalarHandler(BaseWeightsScalarHandler):
    """Reports ``reduction(weight)`` per parameter: title ``"[<tag>/]weights_<reduction>/<module>"``, series
    the rest of the parameter name (``"0.weight"`` -> title ``.../0``, series ``weight``)."""

    _what = "weights"

    def _tensor(self, p: nn.Parameter) -> torch.Tensor | None:
        return p.detach()

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        clearml_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        for head, series, tensor in _reported_tensors(self):
            title = f"{self._prefix()}{self._what}_{self._reduction_name()}/{head}"
            clearml_logger.report("scalar", title, series, global_step, float(self.reduction(tensor)))


class GradsScalarHandler(WeightsScalarHandler):
    """Reports ``reduction(grad)`` per parameter as :class:`WeightsScalarHandler` (``grads_<reduction>``);
    skips missing grads."""

    _what = "grads"

    def _tensor(self, p: nn.Parameter) -> torch.Tensor | None:
        return None if p.grad is None else p.grad.detach()


class WeightsHistHandler(BaseWeightsHandler):
    """Reports each parameter as a histogram: title ``"[<tag>/]weights_<module>"``, series the rest."""

    _what = "weights"

    def _tensor(self, p: nn.Parameter) -> torch.Tensor | None:
        return p.detach()

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        clearml_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        for head, series, tensor in _reported_tensors(self):
            title = f"{self._prefix()}{self._what}_{head}"
            clearml_logger.report("histogram", title, series, global_step, tensor.cpu().numpy())


class GradsHistHandler(WeightsHistHandler):
    """Reports each parameter's gradient as a histogram (``grads_<module>``); skips missing grads."""

    _what = "grads"

    def _tensor(self, p: nn.Parameter) -> torch.Tensor | None:
        return None if p.grad is None else p.grad.detach()
