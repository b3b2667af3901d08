"""Visdom logger and its handlers (``ignite.handlers.visdom_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    vd_logger = VisdomLogger(server="http://localhost", port=8097)
    vd_logger.attach_output_handler(
        trainer, event_name=Events.ITERATION_COMPLETED(every=100), tag="training",
        output_transform=lambda loss: {"loss": loss},
    )
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import Any

import torch
from torch import nn
from torch.optim import Optimizer

from ignite.engine import Engine
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    BaseWeightsScalarHandler,
    GlobalStepTransform,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._background import BackgroundWriter, submit, write_each
from ignite_plugins_loggers._sdk import import_sdk

__all__ = [
    "GradsScalarHandler",
    "OptimizerParamsHandler",
    "OutputHandler",
    "VisdomLogger",
    "WeightsScalarHandler",
]

Record = tuple[str, dict[str, Any]]
"""What a handler queues: ``("line", vis.line keyword arguments)`` or ``("save", {})``."""


class VisdomLogger(BaseLogger):
    """Plots scalars in Visdom, one line window per logged name.

    Args:
        server: Visdom server URL; ``None`` reads ``VISDOM_SERVER_URL``, else ``"localhost"``.
        port: its port; ``None`` reads ``VISDOM_PORT``, else 8097.
        num_workers: ``0`` draws on the training thread; otherwise (default) plots go through a bounded
            background queue, so a slow or dead server never stalls or stops training.
        raise_exceptions: passed to ``visdom.Visdom``; keep ``True`` so that failed plots are counted and
            reported (``False`` lets visdom drop them silently).
        close_timeout: seconds :meth:`close` waits for queued plots.
        kwargs: passed to ``visdom.Visdom`` (e.g. ``env``, ``use_incoming_socket``); ``username`` and
            ``password`` default to ``VISDOM_USERNAME`` and ``VISDOM_PASSWORD``.

    Raises:
        RuntimeError: no Visdom server answers at ``server:port`` (as in 0.5).

    The client is :attr:`vis`. After each handler call the environment is saved on the server
    (``vis.save``), as 0.5 does. :meth:`close` draws what is queued, then closes the connection.
    """

    def __init__(
        self,
        server: str | None = None,
        port: int | None = None,
        num_workers: int = 1,
        raise_exceptions: bool = True,
        *,
        close_timeout: float = 30.0,
        **kwargs: Any,
    ) -> None:
        visdom = import_sdk("visdom", "visdom", "VisdomLogger")
        if server is None:
            server = os.environ.get("VISDOM_SERVER_URL", "localhost")
        if port is None:
            port = int(os.environ.get("VISDOM_PORT", 8097))
        for key in ("username", "password"):
            if key not in kwargs and f"VISDOM_{key.upper()}" in os.environ:
                kwargs[key] = os.environ[f"VISDOM_{key.upper()}"]
        self.vis: Any = visdom.Visdom(server=server, port=port, raise_exceptions=raise_exceptions, **kwargs)
        if not self.vis.offline and not self.vis.check_connection():
            raise RuntimeError(
                f"Failed to connect to Visdom server at {server}:{port}. Start one with: python -m visdom.server"
            )
        self._created: set[str] = set()  # windows drawn once (touched by the writer only)
        self._writer = BackgroundWriter(
            "VisdomLogger", self._write_batch, close_timeout=close_timeout, background=num_workers > 0
        )

    def _submit(self, record: Record) -> None:
        submit(self, record, self._write_one)

    def _write_batch(self, records: list[Record]) -> None:
        write_each(records, self._write_one)

    def _write_one(self, record: Record) -> None:
        kind, kwargs = record
        if kind == "save":
            self.vis.save([self.vis.env])
            return
        win = kwargs["win"]
        created: set[str] = vars(self).setdefault("_created", set())
        self.vis.line(update="append" if win in created else None, **kwargs)
        created.add(win)

    def close(self) -> None:
        """Draw the queued plots (at most ``close_timeout`` seconds), then close the connection."""
        self._writer.close()
        close = getattr(self.vis, "close", None)
        if callable(close) and getattr(self.vis, "use_socket", False):
            close()

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> OutputHandler:
        return OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> OptimizerParamsHandler:
        return OptimizerParamsHandler(*args, **kwargs)


class _BaseVisDrawer:
    """One Visdom window per name, owned by the handler (as in 0.5: two handlers draw in separate windows)."""

    def __init__(self, show_legend: bool = False) -> None:
        self.show_legend = show_legend
        self.windows: dict[str, dict[str, Any]] = {}

    def _add_scalar(self, logger: VisdomLogger, name: str, value: Any, event_name: Any, step: int) -> None:
        window = self.windows.get(name)
        if window is None:
            safe = re.sub(r"[^\w.-]", "_", name)
            window = {
                "win": f"ignite-{id(self):x}-{safe}",
                "opts": {
                    "title": name,
                    "xlabel": str(event_name),
                    "ylabel": name,
                    "showlegend": self.show_legend,
                },
            }
            self.windows[name] = window
        if isinstance(value, torch.Tensor):
            value = value.item()
        kwargs = {
            "X": [step],
            "Y": [value],
            "env": logger.vis.env,
            "win": window["win"],
            "opts": window["opts"],
            "name": name,
        }
        logger._submit(("line", kwargs))

    @staticmethod
    def _save(logger: VisdomLogger) -> None:
        logger._submit(("save", {}))


def _check(handler: object, logger: Any) -> VisdomLogger:
    checked: VisdomLogger = check_logger(handler, logger, VisdomLogger)
    return checked


class OutputHandler(BaseOutputHandler, _BaseVisDrawer):
    """Plots metrics, the transformed engine output and state attributes, one window per ``"<tag>/<name>"``.

    Arguments as :class:`~ignite.handlers.base_logger.BaseOutputHandler`, plus ``show_legend``.
    """

    def __init__(
        self,
        tag: str,
        metric_names: str | Sequence[str] | None = None,
        output_transform: Callable[[Any], Any] | None = None,
        global_step_transform: GlobalStepTransform | None = None,
        show_legend: bool = False,
        state_attributes: Sequence[str] | None = None,
    ) -> None:
        super().__init__(tag, metric_names, output_transform, global_step_transform, state_attributes)
        _BaseVisDrawer.__init__(self, show_legend=show_legend)

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        vd_logger = _check(self, logger)
        values = self._setup_output_metrics_state_attrs(engine, key_tuple=False)
        global_step = self._global_step(engine, event_name)
        for key, value in values.items():
            self._add_scalar(vd_logger, key, value, event_name, global_step)
        self._save(vd_logger)


class OptimizerParamsHandler(BaseOptimizerParamsHandler, _BaseVisDrawer):
    """Plots ``param_name`` (default ``"lr"``) of each param group as ``"[<tag>/]<param_name>/group_<i>"``."""

    def __init__(
        self, optimizer: Optimizer, param_name: str = "lr", tag: str | None = None, show_legend: bool = False
    ) -> None:
        super().__init__(optimizer, param_name, tag)
        _BaseVisDrawer.__init__(self, show_legend=show_legend)

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        vd_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        for key, value in self._param_values().items():
            self._add_scalar(vd_logger, key, value, event_name, global_step)
        self._save(vd_logger)


class WeightsScalarHandler(BaseWeightsScalarHandler, _BaseVisDrawer):
    """Plots ``reduction(weight)`` (default the norm) per parameter as ``"[<tag>/]weights_<reduction>/<name>"``
    (dots in parameter names become ``/``)."""

    _what = "weights"

    def __init__(
        self,
        model: nn.Module,
        reduction: Callable[[torch.Tensor], Any] = torch.norm,
        tag: str | None = None,
        show_legend: bool = False,
    ) -> None:
        super().__init__(model, reduction, tag)
        _BaseVisDrawer.__init__(self, show_legend=show_legend)

    def _tensor(self, p: nn.Parameter) -> torch.Tensor | None:
        return p.detach()

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        vd_logger = _check(self, logger)
        global_step = event_step(engine, event_name)
        tag = f"{self._prefix()}{self._what}_{self._reduction_name()}"
        for name, p in self.weights:
            tensor = self._tensor(p)
            if tensor is not None:
                value = float(self.reduction(tensor))
                self._add_scalar(vd_logger, f"{tag}/{name.replace('.', '/')}", value, event_name, global_step)
        self._save(vd_logger)


class GradsScalarHandler(WeightsScalarHandler):
    """Plots ``reduction(grad)`` per parameter as ``"[<tag>/]grads_<reduction>/<name>"``; skips missing grads."""

    _what = "grads"

    def _tensor(self, p: nn.Parameter) -> torch.Tensor | None:
        return None if p.grad is None else p.grad.detach()
