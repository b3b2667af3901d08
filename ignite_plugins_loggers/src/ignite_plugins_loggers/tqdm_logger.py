"""tqdm progress bar (``ignite.handlers.tqdm_logger`` in pytorch-ignite 0.5).

.. code-block:: python

    pbar = ProgressBar()
    pbar.attach(trainer, output_transform=lambda loss: {"loss": loss})
    # Epoch [2/50]: [64/128]  50%|#####     , loss=0.123 [00:06<00:06]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ignite.engine import Engine, Events, RemovableEventHandle
from ignite.handlers.base_logger import (
    BaseLogger,
    BaseOptimizerParamsHandler,
    BaseOutputHandler,
    LogHandlerGuard,
    check_logger,
    event_step,
)
from ignite_plugins_loggers._sdk import import_sdk

__all__ = ["ProgressBar"]

# Events a bar can advance or close on, in the order an engine fires them.
_EVENTS_ORDER = (
    Events.STARTED,
    Events.EPOCH_STARTED,
    Events.ITERATION_STARTED,
    Events.ITERATION_COMPLETED,
    Events.EPOCH_COMPLETED,
    Events.COMPLETED,
)
_ITERATION_EVENTS = (Events.ITERATION_STARTED, Events.ITERATION_COMPLETED)
_EPOCH_EVENTS = (Events.EPOCH_STARTED, Events.EPOCH_COMPLETED)


def _tqdm_class() -> Any:
    """tqdm's class for the place the code runs in: a widget in a notebook (with ipywidgets), text in a terminal.

    ``tqdm.auto`` chooses as ``tqdm.autonotebook`` does, without its experimental-feature warning in notebooks."""
    import_sdk("tqdm", "tqdm", "ProgressBar")
    return import_sdk("tqdm.auto", "tqdm", "ProgressBar").tqdm


def _order(event: Any, arg: str) -> int:
    for index, known in enumerate(_EVENTS_ORDER):
        if event == known:
            return index
    allowed = ", ".join(f"Events.{e.name}" for e in _EVENTS_ORDER)
    raise ValueError(
        f"Argument {arg} of ProgressBar.attach should be one of {allowed} (filtered or not), got {event!r}"
    )


class ProgressBar(BaseLogger):
    """A tqdm progress bar showing the epoch, the position in it, and chosen metrics/outputs.

    Args:
        persist: keep the bar on screen once it is closed (default ``False``).
        bar_format: tqdm bar format; ``None`` uses tqdm's own.
        tqdm_kwargs: passed to ``tqdm`` (e.g. ``file=``, ``ncols=``). ``desc`` replaces the default description:
            "Epoch [5/10]" while training several epochs, "Iteration" for a single epoch.

    Inside handlers that run every iteration, print with :meth:`log_message` so the bar stays intact.
    """

    _DEFAULT_BAR_FORMAT = (
        "{desc}[{n_fmt}/{total_fmt}] {percentage:3.0f}%|{bar}{postfix} [{elapsed}<{remaining}]"
    )

    def __init__(
        self,
        persist: bool = False,
        bar_format: str | None = _DEFAULT_BAR_FORMAT,
        **tqdm_kwargs: Any,
    ) -> None:
        self.pbar_cls = _tqdm_class()
        self.pbar: Any = None
        self.persist = persist
        self.bar_format = bar_format
        self.tqdm_kwargs = tqdm_kwargs
        self._output_values: dict[str, Any] = {}
        self._param_values: dict[str, Any] = {}

    def _reset(self, pbar_total: int | None) -> None:
        """Open a new bar at position 1 (the event that opens it is the first one it counts)."""
        self.pbar = self.pbar_cls(
            total=pbar_total, initial=1, leave=self.persist, bar_format=self.bar_format, **self.tqdm_kwargs
        )

    def _close(self, engine: Engine) -> None:
        if self.pbar is not None:
            self.pbar.close()
        self.pbar = None
        self._output_values = {}

    def _refresh_postfix(self) -> None:
        if self.pbar is not None:
            self.pbar.set_postfix({**self._output_values, **self._param_values})

    def log_message(self, message: str) -> None:
        """Print ``message`` without breaking the bar (``tqdm.write`` to the bar's ``file``)."""
        self.pbar_cls.write(message, file=self.tqdm_kwargs.get("file"))

    def attach(  # type: ignore[override]
        self,
        engine: Engine,
        metric_names: str | Sequence[str] | None = None,
        output_transform: Callable[[Any], Any] | None = None,
        event_name: Any = Events.ITERATION_COMPLETED,
        closing_event_name: Any = Events.EPOCH_COMPLETED,
        state_attributes: Sequence[str] | None = None,
    ) -> RemovableEventHandle:
        """Show a bar on ``engine`` advancing on ``event_name`` and closed on ``closing_event_name``.

        Args:
            engine: the engine to follow.
            metric_names: metrics of ``engine.state.metrics`` to show, or ``"all"``.
            output_transform: maps ``engine.state.output`` to a value or dict of values to show.
            event_name: when the bar advances (an iteration or epoch event, filtered or not).
            closing_event_name: when the bar closes; must come after ``event_name`` (``EPOCH_COMPLETED`` or
                ``COMPLETED``).
            state_attributes: ``engine.state`` attributes to show.

        Shown values may be numbers, strings, 0-d and 1-d tensors, or dicts of them. Returns the handle of the
        handler that advances the bar.
        """
        if _order(event_name, "event_name") >= _order(closing_event_name, "closing_event_name"):
            raise ValueError(
                f"Logging event {event_name.name} should come before closing event {closing_event_name.name}"
            )
        description = self.tqdm_kwargs.get("desc")
        log_handler = _OutputHandler(
            description, metric_names, output_transform, closing_event_name, state_attributes, event_name
        )
        handle = BaseLogger.attach(self, engine, log_handler, event_name)
        # A terminated run may skip the closing event: TERMINATE and COMPLETED close the bar too.
        closing = closing_event_name
        for extra in (Events.TERMINATE, Events.COMPLETED):
            if closing_event_name != extra:
                closing = closing | extra
        # TERMINATE has no state counter, so BaseLogger.attach would refuse it: register the guard directly.
        engine.add_event_handler(closing, LogHandlerGuard(log_handler.close_bar, self, closing))
        return handle

    def attach_output_handler(
        self, engine: Engine, event_name: Any, *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Same as ``attach(engine, *args, event_name=event_name, **kwargs)``."""
        kwargs["event_name"] = event_name
        return self.attach(engine, *args, **kwargs)

    def attach_opt_params_handler(
        self, engine: Engine, event_name: Any, *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Show an optimizer parameter (``optimizer=``, ``param_name="lr"``, ``tag=None``) in the bar's postfix."""
        return BaseLogger.attach(self, engine, self._create_opt_params_handler(*args, **kwargs), event_name)

    def _create_output_handler(self, *args: Any, **kwargs: Any) -> _OutputHandler:
        return _OutputHandler(*args, **kwargs)

    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> _OptimizerParamsHandler:
        return _OptimizerParamsHandler(*args, **kwargs)


def _max_events(event: Any, engine: Engine) -> int | None:
    """How many times ``event`` fires per run (per epoch for iteration events)."""
    if event in _ITERATION_EVENTS:
        return engine.state.epoch_length
    if event in _EPOCH_EVENTS:
        return engine.state.max_epochs
    return 1


class _OutputHandler(BaseOutputHandler):
    """Advances the bar and shows the selected values as its postfix."""

    def __init__(
        self,
        description: str | None,
        metric_names: str | Sequence[str] | None = None,
        output_transform: Callable[[Any], Any] | None = None,
        closing_event_name: Any = Events.EPOCH_COMPLETED,
        state_attributes: Sequence[str] | None = None,
        event_name: Any = Events.ITERATION_COMPLETED,
    ) -> None:
        if metric_names is None and output_transform is None and state_attributes is None:
            metric_names = []  # a bare bar: nothing to show but the progress
        super().__init__(description or "", metric_names, output_transform, None, state_attributes)
        self.closing_event_name = closing_event_name
        self.event_name = event_name

    def _total_and_position(self, engine: Engine, event_name: Any) -> tuple[int | None, int | None]:
        """Bar length and where the engine is on it: iterations within the epoch, or epochs in the run."""
        state = engine.state
        if event_name in _ITERATION_EVENTS:
            if state.epoch_length is None:
                return None, state.iteration
            return state.epoch_length, (state.iteration - 1) % state.epoch_length + 1
        if event_name in _EPOCH_EVENTS:
            return state.max_epochs, state.epoch
        return 1, 1

    def _description(self, engine: Engine) -> str:
        desc = self.tag or ("Iteration" if engine.state.max_epochs == 1 else "Epoch")
        closing_total = _max_events(self.closing_event_name, engine)
        if closing_total is not None and closing_total > 1:
            desc += f" [{event_step(engine, self.closing_event_name)}/{closing_total}]"
        return desc

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        check_logger(self, logger, ProgressBar)
        total, position = self._total_and_position(engine, event_name)
        if logger.pbar is None:
            logger._reset(pbar_total=total)
        pbar = logger.pbar
        pbar.set_description(self._description(engine))  # refreshes: the bar moves on every event, as in 0.5

        values = self._setup_output_metrics_state_attrs(engine, log_text=True, key_tuple=True)
        logger._output_values = {"_".join(key[1:]): value for key, value in values.items()}
        if logger._output_values or logger._param_values:
            logger._refresh_postfix()

        if position is not None and position != pbar.n:
            pbar.update(position - pbar.n)

    def close_bar(self, engine: Engine, logger: ProgressBar, event_name: Any) -> None:
        """Move the bar to where the engine is (a filtered event may have skipped the last steps), close it."""
        pbar = logger.pbar
        if pbar is not None:
            _, position = self._total_and_position(engine, self.event_name)
            if position is not None and position > pbar.n:
                pbar.update(position - pbar.n)
        logger._close(engine)


class _OptimizerParamsHandler(BaseOptimizerParamsHandler):
    """Shows ``param_name`` of each param group in the bar's postfix (``lr/group_0=0.01``)."""

    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        check_logger(self, logger, ProgressBar)
        logger._param_values.update(self._param_values())
        logger._refresh_postfix()
