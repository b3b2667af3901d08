"""The :class:`Metric` base class, metric usages and the ``reinit__is_reduced``/``sync_all_reduce`` decorators.

A metric accumulates state with ``update(output)``, produces its value with ``compute()`` and starts
over with ``reset()``. Attached to an :class:`~ignite.engine.engine.Engine`, a usage decides which
events drive those three calls; the value lands in ``engine.state.metrics[name]``.
"""

from __future__ import annotations

import numbers
import operator
import weakref
from abc import ABCMeta, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, cast

import torch

from ignite.base.mixins import Serializable
from ignite.engine.events import CallableEventWithFilter, Events

if TYPE_CHECKING:
    from ignite.engine.engine import Engine
    from ignite.metrics.metrics_lambda import MetricsLambda

__all__ = [
    "BatchFiltered",
    "BatchWise",
    "EpochWise",
    "Metric",
    "MetricUsage",
    "RunningBatchWise",
    "RunningEpochWise",
    "SingleEpochRunningBatchWise",
    "reinit__is_reduced",
    "sync_all_reduce",
]

_F = TypeVar("_F", bound=Callable[..., Any])

MetricsResultMode = Literal["both", "flatten", "named"]
_RESULT_MODES: tuple[str, ...] = ("both", "flatten", "named")
_REDUCE_OPS: tuple[str, ...] = ("SUM", "PRODUCT", "MIN", "MAX", "AND", "OR")
_DEFAULT_OUTPUT_KEYS: tuple[str, ...] = ("y_pred", "y")


def _identity(output: Any) -> Any:
    return output


# --------------------------------------------------------------------------------------------------------------
# Usages


class MetricUsage:
    """Which events reset (``started``), update (``iteration_completed``) and compute (``completed``) a metric."""

    usage_name: ClassVar[str] = "custom"

    __slots__ = ("_completed", "_iteration_completed", "_started")

    def __init__(
        self,
        started: CallableEventWithFilter | str,
        completed: CallableEventWithFilter | str,
        iteration_completed: CallableEventWithFilter | str,
    ) -> None:
        for arg_name, event in (
            ("started", started),
            ("completed", completed),
            ("iteration_completed", iteration_completed),
        ):
            if not isinstance(event, str):
                raise TypeError(
                    f"Argument {arg_name} should be an event (e.g. Events.EPOCH_STARTED), got {type(event).__name__}"
                )
        self._started = started
        self._completed = completed
        self._iteration_completed = iteration_completed

    @property
    def STARTED(self) -> CallableEventWithFilter | str:
        """Event that resets the metric."""
        return self._started

    @property
    def COMPLETED(self) -> CallableEventWithFilter | str:
        """Event that computes the metric into ``engine.state.metrics``."""
        return self._completed

    @property
    def ITERATION_COMPLETED(self) -> CallableEventWithFilter | str:
        """Event that updates the metric with the engine's output."""
        return self._iteration_completed

    def _key(self) -> tuple[str, str, str]:
        return (self._started, self._completed, self._iteration_completed)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(started={self._started!r}, completed={self._completed!r}, "
            f"iteration_completed={self._iteration_completed!r})"
        )


class EpochWise(MetricUsage):
    """Reset at each epoch start, update every iteration, compute at each epoch end (the default)."""

    usage_name: ClassVar[str] = "epoch_wise"
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.ITERATION_COMPLETED)


class RunningEpochWise(EpochWise):
    """Reset once when the run starts, update every iteration, compute at each epoch end."""

    usage_name: ClassVar[str] = "running_epoch_wise"
    __slots__ = ()

    def __init__(self) -> None:
        MetricUsage.__init__(self, Events.STARTED, Events.EPOCH_COMPLETED, Events.ITERATION_COMPLETED)


class BatchWise(MetricUsage):
    """Reset, update and compute on every iteration."""

    usage_name: ClassVar[str] = "batch_wise"
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(Events.ITERATION_STARTED, Events.ITERATION_COMPLETED, Events.ITERATION_COMPLETED)


class RunningBatchWise(BatchWise):
    """Reset once when the run starts, update and compute on every iteration."""

    usage_name: ClassVar[str] = "running_batch_wise"
    __slots__ = ()

    def __init__(self) -> None:
        MetricUsage.__init__(self, Events.STARTED, Events.ITERATION_COMPLETED, Events.ITERATION_COMPLETED)


class SingleEpochRunningBatchWise(BatchWise):
    """Reset at each epoch start, update and compute on every iteration."""

    usage_name: ClassVar[str] = "single_epoch_running_batch_wise"
    __slots__ = ()

    def __init__(self) -> None:
        MetricUsage.__init__(
            self, Events.EPOCH_STARTED, Events.ITERATION_COMPLETED, Events.ITERATION_COMPLETED
        )


class BatchFiltered(MetricUsage):
    """Epoch-wise usage whose update event is filtered: ``BatchFiltered(every=2)`` updates every 2nd iteration.

    Arguments are those of ``Events.ITERATION_COMPLETED(...)``: ``event_filter``, ``every``, ``once``,
    ``before``, ``after``.
    """

    usage_name: ClassVar[str] = "filtered_batch_wise"
    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.ITERATION_COMPLETED(*args, **kwargs)
        )


_USAGES_BY_NAME: dict[str, Callable[[], MetricUsage]] = {
    cls.usage_name: cls
    for cls in (EpochWise, RunningEpochWise, BatchWise, RunningBatchWise, SingleEpochRunningBatchWise)
}


_EPOCH_WISE = EpochWise()


def _check_usage(usage: str | MetricUsage) -> MetricUsage:
    if isinstance(usage, MetricUsage):
        return usage
    if isinstance(usage, str):
        cls = _USAGES_BY_NAME.get(usage)
        if cls is None:
            raise ValueError(
                f"Unknown metric usage {usage!r}: use one of {sorted(_USAGES_BY_NAME)} or a MetricUsage instance "
                "such as BatchFiltered(every=10)"
            )
        return cls()
    raise TypeError(
        f"usage should be a MetricUsage instance or a usage name string, got {type(usage).__name__}"
    )


# --------------------------------------------------------------------------------------------------------------
# Per-engine bookkeeping: which metric owns which name, and who needs a metric's reset/update handlers.

_SELF = "self"  # holder token of a metric attached under its own name


class _EngineBook:
    __slots__ = ("holders", "names")

    def __init__(self) -> None:
        # name -> (metric, usage) attached under that name
        self.names: dict[str, tuple[Metric, MetricUsage]] = {}
        # (metric, handler kind, event) -> (holder, usage key) of whoever needs that reset/update handler
        self.holders: dict[tuple[Metric, str, str], set[tuple[object, tuple[str, str, str]]]] = {}


_BOOKS: weakref.WeakKeyDictionary[Any, _EngineBook] = weakref.WeakKeyDictionary()


def _book(engine: Engine) -> _EngineBook:
    book = _BOOKS.get(engine)
    if book is None:
        book = _BOOKS[engine] = _EngineBook()
    return book


# --------------------------------------------------------------------------------------------------------------
# Decorators


def reinit__is_reduced(func: _F) -> _F:
    """Decorate ``reset``/``update`` so that the next ``compute`` all-reduces the metric's state again."""

    @wraps(func)
    def wrapper(self: Metric, *args: Any, **kwargs: Any) -> Any:
        result = func(self, *args, **kwargs)
        self._is_reduced = False
        return result

    setattr(wrapper, "_decorated", True)  # noqa: B010
    return cast(_F, wrapper)


def _parse_reduce_spec(spec: Any) -> tuple[str, str]:
    if not isinstance(spec, str):
        raise TypeError(
            f"sync_all_reduce expects attribute names as strings ('attr' or 'attr:OP'), got {spec!r}"
        )
    name, sep, op = spec.partition(":")
    if not sep:
        op = "SUM"
    if not name:
        raise ValueError(f"sync_all_reduce got {spec!r}: the attribute name before ':' is empty")
    if op not in _REDUCE_OPS:
        raise ValueError(
            f"Reduction operation {op!r} in {spec!r} is not valid; expected one of {list(_REDUCE_OPS)}"
        )
    return name, op


def sync_all_reduce(*attrs: str) -> Callable[[_F], _F]:
    """Decorate ``compute`` so that the listed attributes are all-reduced across processes first.

    Each entry is ``"attr"`` (summed) or ``"attr:OP"`` with OP one of SUM, PRODUCT, MIN, MAX, AND, OR.
    The reduction runs once after each ``reset``/``update`` (see :func:`reinit__is_reduced`); the reduced
    values are only visible during ``compute`` and the local ones are kept for further updates.
    """
    specs = tuple(_parse_reduce_spec(spec) for spec in attrs)

    def decorator(func: _F) -> _F:
        @wraps(func)
        def wrapper(self: Metric, *args: Any, **kwargs: Any) -> Any:
            if not specs:
                return func(self, *args, **kwargs)
            import ignite.distributed as idist

            local = {name: _reducible_attr(self, name) for name, _ in specs}
            if idist.get_world_size() <= 1:
                return func(self, *args, **kwargs)
            if not self._is_reduced or self._reduced_values is None:
                reduced: dict[str, Any] = {}
                for name, op in specs:
                    value = local[name]
                    if isinstance(value, torch.Tensor):
                        # clone: a backend may reduce the tensor in place
                        reduced[name] = idist.all_reduce(value.clone(), op=op)
                    else:
                        reduced[name] = idist.all_reduce(value, op=op)
                self._reduced_values = reduced
                self._is_reduced = True
            for name, value in self._reduced_values.items():
                setattr(self, name, value)
            try:
                return func(self, *args, **kwargs)
            finally:
                for name, value in local.items():
                    setattr(self, name, value)

        setattr(wrapper, "_decorated", True)  # noqa: B010
        return cast(_F, wrapper)

    return decorator


def _reducible_attr(metric: Metric, name: str) -> Any:
    try:
        value = object.__getattribute__(metric, name)
    except AttributeError:
        raise ValueError(
            f"sync_all_reduce: {type(metric).__name__} has no attribute {name!r}; "
            "set it in reset() before compute() is called"
        ) from None
    if not isinstance(value, (torch.Tensor, numbers.Number)):
        raise TypeError(
            f"sync_all_reduce: attribute {name!r} of {type(metric).__name__} should be a number or a tensor, "
            f"got {type(value).__name__}"
        )
    return value


# --------------------------------------------------------------------------------------------------------------
# Metric


def _is_sequence_of_values(item: Any) -> bool:
    return isinstance(item, (list, tuple)) and all(
        isinstance(v, (torch.Tensor, numbers.Number)) for v in item
    )


class Metric(Serializable, metaclass=ABCMeta):
    """Base class for all metrics.

    Args:
        output_transform: turns the engine's ``process_function`` output into what ``update`` expects;
            by default the output must be ``(y_pred, y)`` or ``{"y_pred": y_pred, "y": y}``.
        device: device on which the metric accumulates its state (XLA devices are not supported).
        skip_unrolling: when False, an output made of lists of tensors/numbers, ``([p1, p2], [y1, y2])``,
            is fed to ``update`` one pair at a time; set True for multi-output models.
        metrics_result_mode: where a ``Mapping`` returned by ``compute`` goes in ``engine.state.metrics``:
            ``"flatten"`` (each key), ``"named"`` (the whole mapping under the metric's name) or ``"both"``.
    """

    required_output_keys: tuple[str, ...] | None = _DEFAULT_OUTPUT_KEYS
    _required_output_keys: tuple[str, ...] | None = _DEFAULT_OUTPUT_KEYS
    _state_dict_all_req_keys: tuple[str, ...] = ()

    _is_reduced: bool
    _reduced_values: dict[str, Any] | None

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = _identity,
        device: str | torch.device = "cpu",
        skip_unrolling: bool = False,
        metrics_result_mode: MetricsResultMode = "both",
    ) -> None:
        if not callable(output_transform):
            raise TypeError(f"output_transform should be callable, got {type(output_transform).__name__}")
        if not isinstance(skip_unrolling, bool):
            raise TypeError(f"skip_unrolling should be a bool, got {type(skip_unrolling).__name__}")
        if metrics_result_mode not in _RESULT_MODES:
            raise ValueError(
                f"metrics_result_mode should be one of {list(_RESULT_MODES)}, got {metrics_result_mode!r}"
            )
        self._output_transform = output_transform
        self._device = self._check_device(device)
        self._skip_unrolling = skip_unrolling
        self._metrics_result_mode: MetricsResultMode = metrics_result_mode
        self._is_reduced = False
        self._reduced_values = None
        self.reset()

    @staticmethod
    def _check_device(device: str | torch.device) -> torch.device:
        if not isinstance(device, (str, torch.device)):
            raise TypeError(f"device should be a str or torch.device, got {type(device).__name__}")
        try:
            resolved = torch.device(device)
        except RuntimeError as exc:
            raise ValueError(f"Invalid device {device!r} for a metric: {exc}") from None
        if resolved.type == "xla":
            raise ValueError(
                "Metrics cannot accumulate their state on an XLA device; create the metric with device='cpu' "
                "(the default) and let the engine's output be moved to it"
            )
        return resolved

    # -- the contract ------------------------------------------------------------------------------------------

    @abstractmethod
    def reset(self) -> None:
        """Reset the metric to its initial state. Called from ``__init__`` and when the usage starts."""

    @abstractmethod
    def update(self, output: Any) -> None:
        """Accumulate one (transformed) output, by default ``(y_pred, y)``."""

    @abstractmethod
    def compute(self) -> Any:
        """Return the metric's value from the accumulated state.

        A returned ``Mapping`` is stored in ``engine.state.metrics`` according to ``metrics_result_mode``.
        Raises :class:`~ignite.exceptions.NotComputableError` when there is nothing to compute from.
        """

    # -- engine callbacks --------------------------------------------------------------------------------------

    def started(self, engine: Engine) -> None:
        """Reset the metric (handler of the usage's ``STARTED`` event)."""
        self.reset()

    def iteration_completed(self, engine: Engine) -> None:
        """Transform ``engine.state.output`` and update the metric (handler of ``ITERATION_COMPLETED``)."""
        output = self._output_transform(engine.state.output)
        if not isinstance(output, (tuple, list)):
            if not isinstance(output, Mapping):
                self.update(output)
                return
            output = self._select_required_keys(output)
        # (y_pred, y) tensors: the first test fails at once; lists of tensors/numbers are unrolled
        if (
            output
            and isinstance(output[0], (list, tuple))
            and not self._skip_unrolling
            and all(map(_is_sequence_of_values, output))
        ):
            self._unrolled_update(output)
            return
        self.update(output)

    def _unrolled_update(self, output: Sequence[Sequence[Any]]) -> None:
        if len(output) != 2 or len(output[0]) != len(output[1]):
            lengths = [len(item) for item in output]
            raise ValueError(
                f"{type(self).__name__}: an output of lists is unrolled into (y_pred, y) pairs, so it should have "
                f"exactly 2 lists of equal length; got {len(output)} lists of lengths {lengths}. "
                "Pass skip_unrolling=True or an output_transform to feed it as is."
            )
        for y_pred, y in zip(output[0], output[1]):
            self.update((y_pred, y))

    def _select_required_keys(self, output: Mapping[Any, Any]) -> tuple[Any, ...]:
        keys = self.required_output_keys
        if keys is _DEFAULT_OUTPUT_KEYS and self._required_output_keys is not _DEFAULT_OUTPUT_KEYS:
            keys = self._required_output_keys
        if keys is None:
            raise TypeError(
                f"Transformed engine output for {type(self).__name__} metric should be a tuple or list, but given "
                f"a {type(output).__name__}; pass an output_transform returning the expected tuple"
            )
        missing = [key for key in keys if key not in output]
        if missing:
            raise ValueError(
                f"When the transformed engine output is a mapping, {type(self).__name__} needs the keys "
                f"{list(keys)}, but {missing} are missing (got {list(output.keys())}); "
                "pass an output_transform to rename them"
            )
        return tuple(output[key] for key in keys)

    def completed(self, engine: Engine, name: str) -> None:
        """Compute the metric and store the result in ``engine.state.metrics`` (handler of ``COMPLETED``)."""
        result = self.compute()
        metrics = engine.state.metrics
        if isinstance(result, Mapping):
            mode = self._metrics_result_mode
            if mode != "named":
                if mode == "both" and name in result:
                    raise ValueError(
                        f"Metric name {name!r} is also a key of the mapping computed by {type(self).__name__} "
                        f"(keys: {list(result.keys())}); attach it under another name or use "
                        "metrics_result_mode='named' or 'flatten'"
                    )
                self._check_flattened_keys(engine, result)
                for key, value in result.items():
                    metrics[key] = (
                        value.item() if isinstance(value, torch.Tensor) and value.ndim == 0 else value
                    )
            if mode != "flatten":
                metrics[name] = result
        else:
            if isinstance(result, torch.Tensor) and result.ndim == 0:
                result = result.item()
            metrics[name] = result

    def _check_flattened_keys(self, engine: Engine, result: Mapping[Any, Any]) -> None:
        book = _BOOKS.get(engine)
        if book is None:
            return
        for key in result:
            owner = book.names.get(key)
            if owner is not None and owner[0] is not self:
                raise ValueError(
                    f"Key {key!r} of the mapping computed by {type(self).__name__} would overwrite the metric "
                    f"{type(owner[0]).__name__} attached under that name; rename one of them or use "
                    "metrics_result_mode='named'"
                )

    # -- attaching ---------------------------------------------------------------------------------------------

    _check_usage = staticmethod(_check_usage)

    def attach(self, engine: Engine, name: str, usage: str | MetricUsage = _EPOCH_WISE) -> None:
        """Attach the metric to ``engine`` so that its value is stored as ``engine.state.metrics[name]``.

        ``usage`` (a :class:`MetricUsage` or its ``usage_name``, default epoch-wise) chooses the events
        that reset, update and compute the metric. Attaching again under the same name and usage does
        nothing; a name already used by another attached metric raises ``ValueError``.
        """
        usage = _check_usage(usage)
        if not isinstance(name, str):
            raise TypeError(f"Metric name should be a str, got {type(name).__name__}")
        book = _book(engine)
        owner = book.names.get(name)
        if owner is not None:
            owner_metric, owner_usage = owner
            if engine.has_event_handler(owner_metric.completed, owner_usage.COMPLETED):
                if owner_metric is self and owner_usage._key() == usage._key():
                    return
                raise ValueError(
                    f"Metric name {name!r} is already used on this engine by {type(owner_metric).__name__} "
                    f"(usage {owner_usage.usage_name!r}); choose another name or detach that metric first"
                )
            del book.names[name]  # its owner was removed behind our back
        self._attach_dependencies(engine, usage)
        engine.add_event_handler(usage.COMPLETED, self.completed, name)
        book.names[name] = (self, usage)

    def detach(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> None:
        """Remove the metric's handlers for ``usage`` from ``engine`` (every name it was attached under)."""
        usage = _check_usage(usage)
        if engine.has_event_handler(self.completed, usage.COMPLETED):
            engine.remove_event_handler(self.completed, usage.COMPLETED)
        book = _BOOKS.get(engine)
        if book is not None:
            key = usage._key()
            for name in [n for n, (m, u) in book.names.items() if m is self and u._key() == key]:
                del book.names[name]
        self._detach_dependencies(engine, usage)

    def is_attached(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> bool:
        """Whether the metric is attached to ``engine`` with ``usage`` (its compute handler is registered)."""
        usage = _check_usage(usage)
        return engine.has_event_handler(self.completed, usage.COMPLETED)

    def _attach_dependencies(self, engine: Engine, usage: MetricUsage) -> None:
        """Register what must run before ``completed``: for a plain metric, its own reset/update handlers."""
        self._hold_updates(engine, usage, _SELF)

    def _detach_dependencies(self, engine: Engine, usage: MetricUsage) -> None:
        self._release_updates(engine, usage, None)

    def _update_handlers(self, usage: MetricUsage) -> tuple[tuple[str, str, Callable[..., Any]], ...]:
        return (
            ("started", usage.STARTED, self.started),
            ("iteration_completed", usage.ITERATION_COMPLETED, self.iteration_completed),
        )

    def _hold_updates(self, engine: Engine, usage: MetricUsage, holder: object) -> None:
        """Register ``started``/``iteration_completed`` for ``usage`` once, and record ``holder`` as a user."""
        holders = _book(engine).holders
        token = (holder, usage._key())
        for kind, event, handler in self._update_handlers(usage):
            holders.setdefault((self, kind, event), set()).add(token)
            if not engine.has_event_handler(handler, event):
                engine.add_event_handler(event, handler)

    def _release_updates(self, engine: Engine, usage: MetricUsage, holder: object | None) -> None:
        """Drop ``holder``'s claim (every claim made with ``usage`` if None); remove handlers nobody needs."""
        book = _BOOKS.get(engine)
        usage_key = usage._key()
        for kind, event, handler in self._update_handlers(usage):
            key = (self, kind, event)
            holders = book.holders.get(key) if book is not None else None
            if holders:
                if holder is None:
                    holders.difference_update([token for token in holders if token[1] == usage_key])
                else:
                    holders.discard((holder, usage_key))
                if holders:
                    continue
            if book is not None:
                book.holders.pop(key, None)
            if engine.has_event_handler(handler, event):
                engine.remove_event_handler(handler, event)

    # -- serialization -----------------------------------------------------------------------------------------

    def state_dict(self) -> OrderedDict[str, Any]:
        """Return the attributes named in ``_state_dict_all_req_keys``, each as a list of per-rank values.

        Nested metrics (or lists/dicts of metrics) are saved as their own state dicts.
        """
        state: OrderedDict[str, Any] = OrderedDict()
        for attr in self._state_dict_all_req_keys:
            state[attr] = _export_state(self._own_attr(attr))
        return state

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore what :meth:`state_dict` saved, taking this process's rank's values."""
        super().load_state_dict(state_dict)
        import ignite.distributed as idist

        rank = idist.get_rank()
        for attr in self._state_dict_all_req_keys:
            current = self._own_attr(attr)
            restored = _import_state(
                current, state_dict[attr], rank, self._device, f"{type(self).__name__}.{attr}"
            )
            if restored is not current:
                setattr(self, attr, restored)
        self._is_reduced = False
        self._reduced_values = None

    def _own_attr(self, attr: str) -> Any:
        try:
            return object.__getattribute__(self, attr)
        except AttributeError:
            raise ValueError(
                f"{type(self).__name__} lists {attr!r} in _state_dict_all_req_keys but has no such attribute"
            ) from None

    # -- composition -------------------------------------------------------------------------------------------

    def _lambda(self, fn: Callable[..., Any], *args: Any) -> MetricsLambda:
        from ignite.metrics.metrics_lambda import MetricsLambda

        return MetricsLambda(fn, *args)

    def __add__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.add, self, other)

    def __radd__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.add, other, self)

    def __sub__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.sub, self, other)

    def __rsub__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.sub, other, self)

    def __mul__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.mul, self, other)

    def __rmul__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.mul, other, self)

    def __truediv__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.truediv, self, other)

    def __rtruediv__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.truediv, other, self)

    def __floordiv__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.floordiv, self, other)

    def __rfloordiv__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.floordiv, other, self)

    def __mod__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.mod, self, other)

    def __rmod__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.mod, other, self)

    def __pow__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.pow, self, other)

    def __rpow__(self, other: Any) -> MetricsLambda:
        return self._lambda(operator.pow, other, self)

    def __getitem__(self, index: Any) -> MetricsLambda:
        return self._lambda(operator.getitem, self, index)

    def __getattr__(self, attr: str) -> Callable[..., MetricsLambda]:
        """``metric.mean()``, ``metric.sum(dim=0)``...: a lazily applied ``torch.Tensor`` method."""
        if attr.startswith("_") or not callable(getattr(torch.Tensor, attr, None)):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {attr!r}")

        def method(*args: Any, **kwargs: Any) -> MetricsLambda:
            from ignite.metrics.metrics_lambda import MetricsLambda

            return MetricsLambda(_TensorMethod(attr), self, *args, **kwargs)

        return method


class _TensorMethod:
    """Picklable ``lambda value, *a, **k: getattr(value, name)(*a, **k)``."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(value, self.name)(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Tensor.{self.name}>"


# --------------------------------------------------------------------------------------------------------------
# state_dict helpers


def _is_metric_container(value: Any) -> bool:
    if isinstance(value, Mapping):
        return len(value) > 0 and all(isinstance(v, Metric) for v in value.values())
    if isinstance(value, (list, tuple)):
        return len(value) > 0 and all(isinstance(v, Metric) for v in value)
    return False


def _snapshot(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, list):
        return [_snapshot(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_snapshot(v) for v in value)
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    return value


def _export_state(value: Any) -> Any:
    if isinstance(value, Metric):
        return value.state_dict()
    if _is_metric_container(value):
        if isinstance(value, Mapping):
            return {k: v.state_dict() for k, v in value.items()}
        return [v.state_dict() for v in value]
    import ignite.distributed as idist

    snapshot = _snapshot(value)
    if idist.get_world_size() <= 1:
        return [snapshot]
    if isinstance(snapshot, torch.Tensor):
        return list(idist.all_gather(snapshot.unsqueeze(0)).unbind(0))
    return list(idist.all_gather(snapshot))


def _to_device(value: Any, device: torch.device) -> Any:
    if isinstance(value, torch.Tensor):
        return value.to(device)
    if isinstance(value, list):
        return [_to_device(v, device) for v in value]
    if isinstance(value, tuple):
        return tuple(_to_device(v, device) for v in value)
    if isinstance(value, dict):
        return {k: _to_device(v, device) for k, v in value.items()}
    return value


def _import_state(current: Any, stored: Any, rank: int, device: torch.device, where: str) -> Any:
    if isinstance(current, Metric):
        current.load_state_dict(stored)
        return current
    if _is_metric_container(current):
        items = current.items() if isinstance(current, Mapping) else enumerate(current)
        for key, metric in items:
            try:
                nested = stored[key]
            except (KeyError, IndexError, TypeError):
                raise ValueError(
                    f"state_dict entry for {where} has no state for nested metric {key!r}"
                ) from None
            metric.load_state_dict(nested)
        return current
    if not isinstance(stored, (list, tuple)):
        raise TypeError(
            f"state_dict entry for {where} should be a list of per-rank values as produced by state_dict(), "
            f"got {type(stored).__name__}"
        )
    if rank >= len(stored):
        raise ValueError(
            f"state_dict entry for {where} holds {len(stored)} rank(s) but this process has rank {rank}"
        )
    return _to_device(stored[rank], device)
