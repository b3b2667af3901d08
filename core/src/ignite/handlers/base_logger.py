"""Base classes of the experiment loggers and of their handlers (``ignite.handlers.base_logger``).

A logger (:class:`BaseLogger`) owns a connection to a tracking system; handlers (:class:`BaseHandler`) are
attached to an engine event through :meth:`BaseLogger.attach` and called as
``handler(engine, logger, event_name)``.

Error policy: a failing logger never kills a training run. Handlers attached through :meth:`BaseLogger.attach`
run inside a guard that catches ``Exception``, except mistakes in how a handler is used (a handler given
another logger's type, an event without a state counter, a ``global_step_transform`` not returning an int),
which are raised with pytorch-ignite 0.5's exception types (see :func:`usage_error`). The first failure of an attached handler is reported on
``engine.logger`` at WARNING level with its traceback; later failures of the same attachment are reported at
DEBUG level, and :attr:`LogHandlerGuard.failures` counts them all. Set ``raise_handler_errors = True`` on a logger
(class or instance) to let handler errors propagate instead, e.g. while debugging. Configuration mistakes are
still raised right away by the constructors (``TypeError``/``ValueError``), and a handler called directly
(not through ``attach``) raises as usual.
"""

from __future__ import annotations

import numbers
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import torch
from torch import nn
from torch.optim import Optimizer

from ignite.engine import Engine, EventsList, RemovableEventHandle

__all__ = [
    "BaseHandler",
    "BaseLogger",
    "BaseOptimizerParamsHandler",
    "BaseOutputHandler",
    "BaseWeightsHandler",
    "BaseWeightsScalarHandler",
    "LogHandlerGuard",
]

LogHandler = Callable[..., Any]
GlobalStepTransform = Callable[[Engine, Any], int]
Whitelist = Sequence[str] | Callable[[str, nn.Parameter], bool]


_USAGE_ERROR = "_ignite_usage_error"


def usage_error(error: Exception) -> Exception:
    """Mark ``error`` as a mistake in how a handler is used (wrong logger, unknown event, non-int step).

    Such errors reach the user even through :meth:`BaseLogger.attach`'s guard, as in pytorch-ignite 0.5;
    the exception keeps its plain type (``RuntimeError``, ``TypeError``).
    """
    setattr(error, _USAGE_ERROR, True)
    return error


def check_logger(
    handler: object, logger: Any, logger_class: type, error: type[Exception] = RuntimeError
) -> Any:
    """Return ``logger`` if it is a ``logger_class``; otherwise raise ``error`` (0.5's type for that logger)."""
    if not isinstance(logger, logger_class):
        raise usage_error(
            error(
                f"Handler {type(handler).__name__} works only with {logger_class.__name__}, "
                f"but given {type(logger).__name__}"
            )
        )
    return logger


class BaseHandler(ABC):
    """A callable attached by a logger: ``handler(engine, logger, event_name)``."""

    @abstractmethod
    def __call__(self, engine: Engine, logger: Any, event_name: Any) -> None:
        """Log something about ``engine`` with ``logger`` for ``event_name``."""


class LogHandlerGuard:
    """The engine handler that :meth:`BaseLogger.attach` registers: runs a log handler, keeps the run alive.

    It compares equal to the wrapped log handler, so ``engine.has_event_handler(log_handler, event)`` and
    ``engine.remove_event_handler(log_handler, event)`` work with the object the user passed in.
    """

    __slots__ = ("__weakref__", "args", "event_name", "failures", "handler", "kwargs", "logger")

    def __init__(
        self,
        handler: LogHandler,
        logger: BaseLogger,
        event_name: Any,
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        self.handler = handler
        self.logger = logger
        self.event_name = event_name
        self.args = args
        self.kwargs = kwargs or {}
        self.failures = 0

    def __call__(self, engine: Engine) -> None:
        event_name = engine.last_event_name if isinstance(self.event_name, EventsList) else self.event_name
        try:
            self.handler(engine, self.logger, event_name, *self.args, **self.kwargs)
        except Exception as error:
            if getattr(error, _USAGE_ERROR, False) or getattr(self.logger, "raise_handler_errors", False):
                raise
            self.failures += 1
            self._report(engine, event_name)

    def _report(self, engine: Engine, event_name: Any) -> None:
        name = getattr(self.handler, "__qualname__", None) or type(self.handler).__name__
        where = f"log handler {name} of {type(self.logger).__name__} on {event_name}"
        if self.failures == 1:
            engine.logger.warning(
                "%s failed; training continues without it for this call (later failures are logged at DEBUG "
                "level; set raise_handler_errors = True on the logger to raise instead).",
                where,
                exc_info=True,
            )
        else:
            engine.logger.debug("%s failed again (%d failures so far).", where, self.failures, exc_info=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LogHandlerGuard):
            return other is self
        return bool(self.handler == other)

    def __hash__(self) -> int:
        return hash(self.handler)

    def __repr__(self) -> str:
        return f"LogHandlerGuard({self.handler!r}, event_name={self.event_name!r}, failures={self.failures})"


class BaseLogger(ABC):
    """Base class of experiment loggers: attaches log handlers to engines and closes the connection.

    Subclasses implement :meth:`_create_output_handler` and :meth:`_create_opt_params_handler`, and
    :meth:`close` when they hold resources. A logger is a context manager that closes itself on exit.
    """

    raise_handler_errors: bool = False
    """When ``True``, errors raised by attached handlers propagate to the engine instead of being logged."""

    def attach(
        self, engine: Engine, log_handler: LogHandler, event_name: Any, *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Call ``log_handler(engine, self, event_name, *args, **kwargs)`` whenever ``event_name`` fires.

        ``event_name`` is any event ``engine`` accepts: an ``Events`` member, a filtered event such as
        ``Events.ITERATION_COMPLETED(every=100)``, a custom event registered with a state counter
        (``event_to_attr``), or an ``EventsList`` (then the handler receives the event that actually fired);
        another event raises ``RuntimeError``, as in 0.5. Returns the engine's removable handle.
        """
        if not callable(log_handler):
            raise TypeError(
                f"Argument log_handler should be callable as log_handler(engine, logger, event_name), "
                f"but given {type(log_handler).__name__}"
            )
        events = list(event_name) if isinstance(event_name, EventsList) else [event_name]
        counters = engine.state.event_to_attr
        for event in events:
            if event not in counters:  # handlers log at the event's counter: it must have one (as 0.5)
                raise RuntimeError(
                    f"Unknown event name '{event}': attach log handlers to an Events member, or to a custom "
                    "event registered with engine.register_events(..., event_to_attr={event: 'attribute'})"
                )
        guard = LogHandlerGuard(log_handler, self, event_name, args, kwargs)
        return engine.add_event_handler(event_name, guard)

    def attach_output_handler(
        self, engine: Engine, event_name: Any, *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Attach the logger's output handler built from ``*args, **kwargs`` (e.g. ``tag``, ``metric_names``)."""
        return self.attach(engine, self._create_output_handler(*args, **kwargs), event_name=event_name)

    def attach_opt_params_handler(
        self, engine: Engine, event_name: Any, *args: Any, **kwargs: Any
    ) -> RemovableEventHandle:
        """Attach the logger's optimizer-parameter handler built from ``*args, **kwargs`` (e.g. ``optimizer``)."""
        return self.attach(engine, self._create_opt_params_handler(*args, **kwargs), event_name=event_name)

    @abstractmethod
    def _create_output_handler(self, *args: Any, **kwargs: Any) -> LogHandler:
        """Build the handler used by :meth:`attach_output_handler`."""

    @abstractmethod
    def _create_opt_params_handler(self, *args: Any, **kwargs: Any) -> LogHandler:
        """Build the handler used by :meth:`attach_opt_params_handler`."""

    def close(self) -> None:  # noqa: B027 (optional hook: most loggers hold something to close)
        """Release the logger's resources (nothing to release by default)."""

    def __enter__(self) -> BaseLogger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def event_step(engine: Engine, event_name: Any) -> int:
    """The engine's counter for ``event_name`` (iteration or epoch); ``RuntimeError`` for an unknown event."""
    try:
        return int(engine.state.get_event_attrib_value(event_name))
    except (KeyError, ValueError):
        raise usage_error(
            RuntimeError(
                f"Unknown event name {event_name!r}: log on an event with a state counter (an Events member "
                "or a custom event registered with event_to_attr)"
            )
        ) from None


def _engine_global_step(engine: Engine, event_name: Any) -> int:
    """Default ``global_step_transform``: the engine's own counter for the event (iteration or epoch)."""
    return event_step(engine, event_name)


class BaseOutputHandler(BaseHandler):
    """Base of handlers that log ``engine.state.metrics``, the engine output and ``engine.state`` attributes.

    Args:
        tag: common title of everything logged, e.g. ``"training"``.
        metric_names: names of metrics in ``engine.state.metrics`` to log, or ``"all"`` for all of them.
        output_transform: maps ``engine.state.output`` to a number, tensor or dict of them; a non-dict result
            is logged under the name ``"output"``.
        global_step_transform: ``f(engine, event_name) -> int`` giving the step to log at; defaults to the
            engine's iteration or epoch for the event. Use ``global_step_from_engine(trainer)`` to log an
            evaluator's metrics at the trainer's step.
        state_attributes: names of ``engine.state`` attributes to log.

    Values are numbers, 0-d tensors (logged as numbers), and 1-d tensors, lists, tuples and dicts of those,
    flattened into one scalar per leaf keyed by its path (``tag/name/key/0``); strings too when a handler asks
    for text. Other values are skipped with a warning.
    """

    def __init__(
        self,
        tag: str,
        metric_names: str | Sequence[str] | None = None,
        output_transform: Callable[[Any], Any] | None = None,
        global_step_transform: GlobalStepTransform | None = None,
        state_attributes: Sequence[str] | None = None,
    ) -> None:
        if metric_names is not None:
            metric_names = _check_metric_names(metric_names)
        if output_transform is not None and not callable(output_transform):
            raise TypeError(
                f"Argument output_transform should be a function of engine.state.output, "
                f"but given {type(output_transform).__name__}"
            )
        if global_step_transform is not None and not callable(global_step_transform):
            raise TypeError(
                f"Argument global_step_transform should be a function f(engine, event_name) -> int, "
                f"but given {type(global_step_transform).__name__}"
            )
        if metric_names is None and output_transform is None and state_attributes is None:
            raise ValueError(
                "Nothing to log: pass metric_names (a list of names or 'all'), output_transform or state_attributes"
            )
        self.tag = tag
        self.metric_names = metric_names
        self.output_transform = output_transform
        self.global_step_transform: GlobalStepTransform = global_step_transform or _engine_global_step
        self.state_attributes = None if state_attributes is None else list(state_attributes)

    def _global_step(self, engine: Engine, event_name: Any) -> int:
        """Run ``global_step_transform`` and check it returned an integer."""
        step = self.global_step_transform(engine, event_name)
        if isinstance(step, bool) or not isinstance(step, numbers.Integral):
            raise usage_error(
                TypeError(
                    f"global_step_transform should return an int, but returned {type(step).__name__} "
                    f"({step!r}); check the function passed as global_step_transform"
                )
            )
        return int(step)

    def _collect(self, engine: Engine) -> dict[str, Any]:
        """The raw name -> value mapping: selected metrics, then the transformed output, then state attributes."""
        collected: dict[str, Any] = {}
        state_metrics: dict[str, Any] = engine.state.metrics
        if self.metric_names == "all":
            collected.update(state_metrics)
        elif self.metric_names is not None:
            for name in self.metric_names:
                if name in state_metrics:
                    collected[name] = state_metrics[name]
                else:
                    warnings.warn(
                        f"Provided metric name '{name}' is missing in engine's state metrics: "
                        f"{list(state_metrics)}",
                        UserWarning,
                        stacklevel=2,
                    )
        if self.output_transform is not None:
            output = self.output_transform(engine.state.output)
            collected.update(output if isinstance(output, dict) else {"output": output})
        if self.state_attributes is not None:
            for name in self.state_attributes:
                if hasattr(engine.state, name):
                    collected[name] = getattr(engine.state, name)
                else:
                    warnings.warn(
                        f"Provided state attribute '{name}' is missing in engine's state",
                        UserWarning,
                        stacklevel=2,
                    )
        return collected

    def _setup_output_metrics_state_attrs(
        self, engine: Engine, log_text: bool = False, key_tuple: bool = True
    ) -> dict[Any, Any]:
        """Collect and flatten the values to log.

        Keys are ``(tag, name, *sub_keys)`` tuples when ``key_tuple`` is true, else ``"tag/name/sub"`` strings.
        0-d tensors become Python numbers; 1-d tensors, lists and tuples give one entry per element (sub key =
        index), dicts one entry per item; strings are kept only when ``log_text`` is true. Other values are
        skipped with a warning.
        """
        flat: dict[tuple[str, ...], Any] = {}
        for name, value in self._collect(engine).items():
            _flatten((str(self.tag), str(name)), value, flat, log_text, type(self).__name__)
        if key_tuple:
            return dict(flat)
        return {"/".join(key): value for key, value in flat.items()}


def _flatten(
    key: tuple[str, ...], value: Any, out: dict[tuple[str, ...], Any], log_text: bool, owner: str
) -> None:
    """Flatten ``value`` as pytorch-ignite 0.5 does: one entry per number, keyed by its path under ``key``.

    Numbers are kept as they are, 0-d tensors become numbers, 1-d tensors, lists and tuples give one entry per
    element (index in the key), dicts one entry per item. Anything else is skipped with a warning.
    """
    if isinstance(value, numbers.Number):
        out[key] = value
    elif isinstance(value, torch.Tensor) and value.ndim == 0:
        out[key] = value.item()
    elif isinstance(value, torch.Tensor) and value.ndim == 1:
        for i, item in enumerate(value.tolist()):
            item_key = (*key, str(i))
            out[item_key] = item
    elif isinstance(value, str) and log_text:
        out[key] = value
    elif isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _flatten((*key, str(sub_key)), sub_value, out, log_text, owner)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _flatten((*key, str(i)), item, out, log_text, owner)
    else:
        shape = f" of shape {tuple(value.shape)}" if isinstance(value, torch.Tensor) else ""
        warnings.warn(
            f"{owner} can not log metrics value type {type(value)}{shape} ('{'/'.join(key)}'); "
            "log numbers, 0-d or 1-d tensors, or lists/tuples/dicts of them",
            UserWarning,
            stacklevel=4,
        )


def _check_names(arg: str, names: Any) -> list[str]:
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise TypeError(f"Argument {arg} should be a list of strings, but given {type(names).__name__}")
    checked = list(names)
    bad = [n for n in checked if not isinstance(n, str)]
    if bad:
        raise TypeError(f"Argument {arg} should contain only strings, but contains {bad!r}")
    return checked


def _check_metric_names(metric_names: Any) -> str | list[str]:
    if isinstance(metric_names, str):
        if metric_names == "all":
            return metric_names
        raise TypeError(
            f"Argument metric_names should be a list of metric names or the string 'all', "
            f"but given the string {metric_names!r} (did you mean [{metric_names!r}]?)"
        )
    if not isinstance(metric_names, list | tuple):
        raise TypeError(
            f"Argument metric_names should be a list of metric names or the string 'all', "
            f"but given {type(metric_names).__name__}"
        )
    return list(metric_names)


class BaseOptimizerParamsHandler(BaseHandler):
    """Base of handlers logging one optimizer parameter (``param_name``, default ``"lr"``) per param group.

    ``optimizer`` is a ``torch.optim.Optimizer`` or any object with a ``param_groups`` list (wrappers such as
    ZeRO or DeepSpeed's fp16 optimizer).
    """

    def __init__(self, optimizer: Optimizer, param_name: str = "lr", tag: str | None = None) -> None:
        groups = getattr(optimizer, "param_groups", None)
        if not (isinstance(optimizer, Optimizer) or isinstance(groups, Sequence)):
            raise TypeError(
                "Argument optimizer should be a torch.optim.Optimizer or have a 'param_groups' list, "
                f"but given {type(optimizer).__name__}"
            )
        if not isinstance(param_name, str):
            raise TypeError(f"Argument param_name should be a string, but given {type(param_name).__name__}")
        if tag is not None and not isinstance(tag, str):
            raise TypeError(f"Argument tag should be a string or None, but given {type(tag).__name__}")
        self.optimizer = optimizer
        self.param_name = param_name
        self.tag = tag

    def _param_values(self) -> dict[str, float]:
        """``{"<tag>/<param_name>/group_<i>": value}`` for every param group."""
        prefix = f"{self.tag}/" if self.tag else ""
        return {
            f"{prefix}{self.param_name}/group_{i}": float(group[self.param_name])
            for i, group in enumerate(self.optimizer.param_groups)
        }


class BaseWeightsHandler(BaseHandler):
    """Base of handlers logging a model's weights or gradients.

    ``whitelist`` selects parameters: ``None`` for all, a list of fully-qualified submodule or parameter names
    (``"fc1"`` selects ``fc1.weight`` and ``fc1.bias``), or ``f(name, parameter) -> bool``.
    ``self.weights`` is the list of selected ``(name, parameter)`` pairs.
    """

    def __init__(self, model: nn.Module, tag: str | None = None, whitelist: Whitelist | None = None) -> None:
        if not isinstance(model, nn.Module):
            raise TypeError(f"Argument model should be a torch.nn.Module, but given {type(model).__name__}")
        if tag is not None and not isinstance(tag, str):
            raise TypeError(f"Argument tag should be a string or None, but given {type(tag).__name__}")
        self.model = model
        self.tag = tag
        named = list(model.named_parameters())
        if whitelist is None:
            self.weights = named
        elif callable(whitelist):
            self.weights = [(n, p) for n, p in named if whitelist(n, p)]
        else:
            names = _check_names("whitelist", whitelist)
            self.weights = [(n, p) for n, p in named if any(n == w or n.startswith(f"{w}.") for w in names)]

    def _prefix(self) -> str:
        return f"{self.tag}/" if self.tag else ""


class BaseWeightsScalarHandler(BaseWeightsHandler):
    """Base of handlers logging one scalar per weight or gradient tensor, computed by ``reduction``."""

    def __init__(
        self,
        model: nn.Module,
        reduction: Callable[[torch.Tensor], Any] = torch.norm,
        tag: str | None = None,
        whitelist: Whitelist | None = None,
    ) -> None:
        super().__init__(model, tag=tag, whitelist=whitelist)
        if not callable(reduction):
            raise TypeError(
                f"Argument reduction should be a function tensor -> scalar, but given {type(reduction).__name__}"
            )
        probe = reduction(torch.ones(3, 2))
        if not (isinstance(probe, numbers.Number) or (isinstance(probe, torch.Tensor) and probe.ndim == 0)):
            raise TypeError(
                f"Argument reduction should return a number or a 0-d tensor, but returned {type(probe).__name__}"
            )
        self.reduction = reduction

    def _reduction_name(self) -> str:
        return getattr(self.reduction, "__name__", type(self.reduction).__name__)
