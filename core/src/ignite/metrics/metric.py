"""The :class:`Metric` base class, metric usages and the ``reinit__is_reduced``/``sync_all_reduce`` decorators.

A metric accumulates state with ``update(output)``, produces its value with ``compute()`` and starts
over with ``reset()``. Attached to an :class:`~ignite.engine.engine.Engine`, a usage decides which
events drive those three calls; the value lands in ``engine.state.metrics[name]``.
"""

from __future__ import annotations

import numbers
import operator
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
    """Reset once when the run starts, then update and compute at each epoch end (as in pytorch-ignite).

    Meant for metrics whose ``update`` reads a per-epoch value, e.g. a running average of a metric.
    """

    usage_name: ClassVar[str] = "running_epoch_wise"
    __slots__ = ()

    def __init__(self) -> None:
        MetricUsage.__init__(self, Events.STARTED, Events.EPOCH_COMPLETED, Events.EPOCH_COMPLETED)


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
    As in pytorch-ignite, nothing is checked or reduced in a single process: the entries are validated
    by the first ``compute`` of a distributed run.
    """

    def decorator(func: _F) -> _F:
        parsed: list[tuple[str, str]] = []

        @wraps(func)
        def wrapper(self: Metric, *args: Any, **kwargs: Any) -> Any:
            if not attrs:
                return func(self, *args, **kwargs)
            import ignite.distributed as idist

            if idist.get_world_size() <= 1:
                return func(self, *args, **kwargs)
            if not parsed:
                parsed[:] = [_parse_reduce_spec(spec) for spec in attrs]
            specs = tuple(parsed)
            local = {name: _reducible_attr(self, name) for name, _ in specs}
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


def _as_batch_of_one(sample: Any) -> torch.Tensor:
    """One unrolled sample as a batch of one: a tensor gets a leading dimension, a number becomes ``[x]``."""
    if isinstance(sample, torch.Tensor):
        return sample.unsqueeze(0)
    return torch.tensor([sample])


class Metric(Serializable, metaclass=ABCMeta):
    """Base class for all metrics.

    Args:
        output_transform: turns the engine's ``process_function`` output into what ``update`` expects;
            by default the output must be ``(y_pred, y)`` or ``{"y_pred": y_pred, "y": y}``.
        device: device on which the metric accumulates its state (a backend may refuse its own devices).
        skip_unrolling: when False, an output made of lists of tensors/numbers, ``([p1, p2], [y1, y2])``,
            is fed to ``update`` one sample at a time, each given a batch dimension of size 1 (a number ``x``
            becomes ``tensor([x])``); set True for multi-output models.
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
        """``torch.device(device)`` (its errors as torch raises them), vetted by the backend serving it."""
        from ignite.distributed.comp_models import model_class_for_device

        resolved = torch.device(device)
        backend = model_class_for_device(resolved)
        if backend is not None:
            backend.check_metric_device(resolved)
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
            self.update((_as_batch_of_one(y_pred), _as_batch_of_one(y)))

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
                metrics.update(result)
            if mode != "flatten":
                metrics[name] = result
        else:
            if isinstance(result, torch.Tensor) and result.ndim == 0:
                result = result.item()
            metrics[name] = result

    # -- attaching ---------------------------------------------------------------------------------------------

    _check_usage = staticmethod(_check_usage)

    def attach(self, engine: Engine, name: str, usage: str | MetricUsage = _EPOCH_WISE) -> None:
        """Attach the metric to ``engine`` so that its value is stored as ``engine.state.metrics[name]``.

        ``usage`` (a :class:`MetricUsage` or its ``usage_name``, default epoch-wise) chooses the events
        that reset, update and compute the metric. As in pytorch-ignite, each call adds a compute handler:
        a metric may be attached under several names, and a later metric attached under a name already in
        use writes its value after the earlier one.
        """
        usage = _check_usage(usage)
        self._attach_updates(engine, usage)
        engine.add_event_handler(usage.COMPLETED, self.completed, name)

    def detach(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> None:
        """Remove the metric's handlers for ``usage`` from ``engine`` (every name it was attached under)."""
        usage = _check_usage(usage)
        for handler, event in (
            (self.completed, usage.COMPLETED),
            (self.started, usage.STARTED),
            (self.iteration_completed, usage.ITERATION_COMPLETED),
        ):
            if engine.has_event_handler(handler, event):
                engine.remove_event_handler(handler, event)

    def is_attached(self, engine: Engine, usage: str | MetricUsage = _EPOCH_WISE) -> bool:
        """Whether the metric is attached to ``engine`` with ``usage`` (its compute handler is registered)."""
        usage = _check_usage(usage)
        return engine.has_event_handler(self.completed, usage.COMPLETED)

    def _attach_updates(self, engine: Engine, usage: MetricUsage) -> None:
        """Register the reset and update handlers of ``usage`` unless they already are."""
        if not engine.has_event_handler(self.started, usage.STARTED):
            engine.add_event_handler(usage.STARTED, self.started)
        if not engine.has_event_handler(self.iteration_completed, usage.ITERATION_COMPLETED):
            engine.add_event_handler(usage.ITERATION_COMPLETED, self.iteration_completed)

    def _updates_attached(self, engine: Engine, usage: MetricUsage) -> bool:
        return engine.has_event_handler(self.started, usage.STARTED) and engine.has_event_handler(
            self.iteration_completed, usage.ITERATION_COMPLETED
        )

    # -- serialization -----------------------------------------------------------------------------------------

    def state_dict(self) -> OrderedDict[str, Any]:
        """Return ``{"__metric_state_per_rank": [state of rank 0, state of rank 1, ...]}`` (0.5's format).

        Each rank's state maps the attributes named in ``_state_dict_all_req_keys`` to their values;
        nested metrics (alone, or in lists/dicts) appear as their own per-rank state.
        """
        state = self._state()
        import ignite.distributed as idist

        states = [state] if idist.get_world_size() <= 1 else list(idist.all_gather(state))
        return OrderedDict([(_PER_RANK_KEY, states)])

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore what :meth:`state_dict` saved, taking this process's rank's state."""
        if not isinstance(state_dict, Mapping):
            raise TypeError(
                f"Argument state_dict should be a mapping returned by {type(self).__name__}.state_dict(), "
                f"but given {type(state_dict).__name__}"
            )
        if list(state_dict.keys()) != [_PER_RANK_KEY]:
            raise ValueError(
                f"Incorrect state_dict for {type(self).__name__}: expected the single key {_PER_RANK_KEY!r} "
                f"that Metric.state_dict() produces, but given {list(state_dict.keys())}"
            )
        import ignite.distributed as idist

        states = state_dict[_PER_RANK_KEY]
        world_size = idist.get_world_size()
        if not isinstance(states, (list, tuple)) or len(states) != world_size:
            got = len(states) if isinstance(states, (list, tuple)) else type(states).__name__
            raise ValueError(
                f"Incorrect state_dict for {type(self).__name__}: {_PER_RANK_KEY!r} should be a list of one "
                f"state per rank, {world_size} here, but got {got}"
            )
        self._load_state(states[idist.get_rank()])

    def _state(self) -> OrderedDict[str, Any]:
        """This process's state: each attribute of ``_state_dict_all_req_keys``, nested metrics exported."""
        return OrderedDict(
            (attr, _export_state(self._own_attr(attr))) for attr in self._state_dict_all_req_keys
        )

    def _load_state(self, state: Mapping[str, Any]) -> None:
        """Restore what :meth:`_state` returned (required keys checked as ``Serializable`` does)."""
        Serializable.load_state_dict(self, state)
        for attr in self._state_dict_all_req_keys:
            current = self._own_attr(attr)
            restored = _import_state(current, state[attr], self._device)
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


_PER_RANK_KEY = "__metric_state_per_rank"


def _holds_metric(value: Any) -> bool:
    if isinstance(value, Metric):
        return True
    if isinstance(value, Mapping):
        return any(_holds_metric(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_metric(v) for v in value)
    return False


def _export_state(value: Any) -> Any:
    """A copy of ``value`` for a state dict: tensors detached and cloned, metrics as their ``_state()``."""
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, Metric):
        return value._state()
    if isinstance(value, list):
        return [_export_state(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_export_state(v) for v in value)
    if isinstance(value, dict):
        return {k: _export_state(v) for k, v in value.items()}
    return value


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


def _import_state(current: Any, stored: Any, device: torch.device) -> Any:
    """The value to restore: nested metrics load their stored state in place, other values move to ``device``."""
    if isinstance(current, Metric):
        current._load_state(stored)
        return current
    if not _holds_metric(current):
        return _to_device(stored, device)
    if isinstance(current, Mapping):
        if not isinstance(stored, Mapping):
            raise TypeError(f"Expected a dict of nested metric states, got {type(stored).__name__}")
        missing = [key for key in current if key not in stored]
        if missing:
            raise ValueError(f"The state dict has no state for nested metric(s) {missing}")
        return {key: _import_state(value, stored[key], device) for key, value in current.items()}
    if not isinstance(stored, (list, tuple)) or len(stored) != len(current):
        raise ValueError(
            f"Expected a list of {len(current)} nested metric states, got {type(stored).__name__}"
            + (f" of length {len(stored)}" if isinstance(stored, (list, tuple)) else "")
        )
    restored = [_import_state(value, item, device) for value, item in zip(current, stored)]
    return restored if isinstance(current, list) else tuple(restored)
