"""EarlyStopping: stop the trainer when a score stops improving."""

from __future__ import annotations

import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeAlias

from ignite.base import ResettableHandler, Serializable
from ignite.engine import Engine, Events
from ignite.engine.events import AnyEvent, EventsList
from ignite.utils import setup_logger

__all__ = ["EarlyStopping"]

_Event: TypeAlias = "AnyEvent | EventsList"

_RENAMED = {"min_delta": "threshold", "min_delta_mode": "threshold_mode", "cumulative_delta": "cumulative"}


def _deprecated(old: str) -> None:
    warnings.warn(
        f"'{old}' is deprecated and will be removed in a future version. Please use '{_RENAMED[old]}' instead.",
        DeprecationWarning,
        stacklevel=3,
    )


class EarlyStopping(Serializable, ResettableHandler):
    """Terminates ``trainer`` after ``patience`` calls without improvement of ``score_function(engine)``.

    Attach it to the engine that produces the score (usually an evaluator)::

        handler = EarlyStopping(patience=5, score_function=lambda e: e.state.metrics["accuracy"], trainer=trainer)
        evaluator.add_event_handler(Events.COMPLETED, handler)   # or handler.attach(evaluator)

    Improvement, for ``mode="max"`` (``"min"`` mirrors it): ``score > best + margin`` where ``margin`` is
    ``threshold`` (``threshold_mode="abs"``) or ``abs(best) * threshold`` (``"rel"``). With
    ``cumulative=False`` a smaller gain still moves the reference score (the threshold is measured from the
    last event); with ``cumulative=True`` the reference stays at the score of the last patience reset.
    ``min_delta``, ``min_delta_mode`` and ``cumulative_delta`` are deprecated aliases of ``threshold``,
    ``threshold_mode`` and ``cumulative``.
    """

    _state_dict_all_req_keys = ("counter", "best_score", "threshold_mode")

    def __init__(
        self,
        patience: int,
        score_function: Callable[[Engine], Any],
        trainer: Engine,
        threshold: float = 0.0,
        cumulative: bool = False,
        threshold_mode: Literal["abs", "rel"] = "abs",
        mode: Literal["min", "max"] = "max",
        min_delta: float | None = None,
        min_delta_mode: Literal["abs", "rel"] | None = None,
        cumulative_delta: bool | None = None,
    ) -> None:
        if min_delta is not None:
            _deprecated("min_delta")
            threshold = min_delta  # as in pytorch-ignite 0.5.5, the deprecated name wins
        if min_delta_mode is not None:
            _deprecated("min_delta_mode")
            threshold_mode = min_delta_mode
        if cumulative_delta is not None:
            _deprecated("cumulative_delta")
            cumulative = cumulative_delta

        if not callable(score_function):
            raise TypeError("Argument score_function should be a function.")
        if isinstance(patience, bool) or not isinstance(patience, int) or patience < 1:
            raise ValueError("Argument patience should be positive integer.")
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or threshold < 0.0:
            raise ValueError("Argument threshold should not be a negative number.")
        if threshold_mode not in ("abs", "rel"):
            raise ValueError("Argument threshold_mode should be either 'abs' or 'rel'.")
        if mode not in ("min", "max"):
            raise ValueError("Argument mode should be either 'min' or 'max'.")
        if not isinstance(trainer, Engine):
            raise TypeError("Argument trainer should be an instance of Engine.")

        self.score_function = score_function
        self.patience = patience
        self.threshold = float(threshold)
        self.cumulative = bool(cumulative)
        self.threshold_mode: Literal["abs", "rel"] = threshold_mode
        self.mode: Literal["min", "max"] = mode
        self.trainer = trainer
        self.counter = 0
        self.best_score: float | None = None
        # As pytorch-ignite 0.5: a configured logger under the 0.5 module path, so "Stop training" is shown.
        self.logger = setup_logger(f"ignite.handlers.early_stopping.{type(self).__name__}")

    # Deprecated 0.5.4 names, kept readable and writable.
    @property
    def min_delta(self) -> float:
        _deprecated("min_delta")
        return self.threshold

    @min_delta.setter
    def min_delta(self, value: float) -> None:
        _deprecated("min_delta")
        self.threshold = float(value)

    @property
    def min_delta_mode(self) -> Literal["abs", "rel"]:
        _deprecated("min_delta_mode")
        return self.threshold_mode

    @min_delta_mode.setter
    def min_delta_mode(self, value: Literal["abs", "rel"]) -> None:
        _deprecated("min_delta_mode")
        self.threshold_mode = value

    @property
    def cumulative_delta(self) -> bool:
        _deprecated("cumulative_delta")
        return self.cumulative

    @cumulative_delta.setter
    def cumulative_delta(self, value: bool) -> None:
        _deprecated("cumulative_delta")
        self.cumulative = bool(value)

    def _better(self, score: float, reference: float) -> bool:
        return score > reference if self.mode == "max" else score < reference

    def _improved(self, score: float, best: float) -> bool:
        margin = self.threshold if self.threshold_mode == "abs" else abs(best) * self.threshold
        return self._better(score, best + margin if self.mode == "max" else best - margin)

    def __call__(self, engine: Engine) -> None:
        score = float(self.score_function(engine))
        if self.best_score is None or self._improved(score, self.best_score):
            self.best_score = score
            self.counter = 0
            return
        if not self.cumulative and self._better(score, self.best_score):
            self.best_score = score
        self.counter += 1
        self.logger.debug("EarlyStopping: %i / %i", self.counter, self.patience)
        if self.counter >= self.patience:
            self.logger.info("EarlyStopping: Stop training")
            self.trainer.terminate()

    def attach(
        self,
        engine: Engine,
        event: _Event = Events.COMPLETED,
        reset_engine: Engine | None = None,
        reset_event: _Event = Events.STARTED,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Call this handler on ``engine``'s ``event`` and :meth:`reset` it on ``reset_engine``'s
        ``reset_event`` (``reset_engine`` defaults to ``engine``: each evaluation run starts afresh unless you
        pass e.g. the trainer)."""
        engine.add_event_handler(event, self, *args, **kwargs)
        (engine if reset_engine is None else reset_engine).add_event_handler(reset_event, self.reset)

    def reset(self, *args: Any) -> None:
        """Forget the best score and the patience counter (extra arguments, such as the engine, are ignored)."""
        self.counter = 0
        self.best_score = None

    def state_dict(self) -> OrderedDict[str, Any]:
        """``counter``, ``best_score`` and ``threshold_mode``."""
        return OrderedDict(
            [
                ("counter", self.counter),
                ("best_score", self.best_score),
                ("threshold_mode", self.threshold_mode),
            ]
        )

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore ``counter``, ``best_score`` and ``threshold_mode``."""
        super().load_state_dict(state_dict)
        self.threshold_mode = state_dict["threshold_mode"]
        self.counter = int(state_dict["counter"])
        best = state_dict["best_score"]
        self.best_score = None if best is None else float(best)
