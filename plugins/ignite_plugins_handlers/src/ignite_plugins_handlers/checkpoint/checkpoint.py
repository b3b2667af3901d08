"""Checkpoint: save the state of training objects and keep the best or the last ``n_saved``."""

from __future__ import annotations

import inspect
import math
import numbers
import sys
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import torch
from torch import nn

import ignite.distributed as idist
from ignite.base import Serializable
from ignite.engine import Engine, Events
from ignite_plugins_handlers.checkpoint._io import numpy_to_torch, safe_load
from ignite_plugins_handlers.checkpoint._provenance import attach_provenance, collect_provenance
from ignite_plugins_handlers.checkpoint.base import BaseSaveHandler, CheckpointEvents
from ignite_plugins_handlers.checkpoint.disk_saver import DiskSaver

__all__ = ["HAVE_ZERO", "Checkpoint"]

#: Whether ``torch.distributed.optim.ZeroRedundancyOptimizer`` exists (its state is consolidated on save).
HAVE_ZERO: bool = torch.distributed.is_available()


def _is_zero(obj: Any) -> bool:
    # A ZeroRedundancyOptimizer instance implies its module is imported: no import (and its warnings) here.
    module = sys.modules.get("torch.distributed.optim")
    zero = getattr(module, "ZeroRedundancyOptimizer", None)
    return zero is not None and isinstance(obj, zero)


_RESERVED_SELF_KEY = "checkpointer"
_WRAPPERS: tuple[type, ...] = (nn.DataParallel, nn.parallel.DistributedDataParallel)


class Item(NamedTuple):
    """One saved checkpoint: its priority (score or global step) and file name."""

    priority: Any
    filename: str


def _check_objects(objs: Any, attr: str) -> None:
    if not isinstance(objs, Mapping):
        raise TypeError(f"Argument `to_save`/`to_load` should be a dictionary, but given {type(objs)}")
    for key, obj in objs.items():
        if not hasattr(obj, attr) or not callable(getattr(obj, attr)):
            raise TypeError(
                f"Object {type(obj)} should have `{attr}` method (key {key!r}): pass objects such as models, "
                "optimizers, engines or handlers implementing state_dict/load_state_dict"
            )


def _takes_metadata(save_handler: Callable[..., Any]) -> bool:
    if isinstance(save_handler, BaseSaveHandler):
        return True
    try:
        inspect.signature(save_handler).bind(None, "", None)
    except TypeError:
        return False
    except ValueError:  # no signature available (some builtins): assume the documented three arguments
        return True
    return True


def _unwrap(obj: Any) -> Any:
    return getattr(obj, "module") if isinstance(obj, _WRAPPERS) else obj  # noqa: B009


class Checkpoint(Serializable):
    """Save ``to_save`` (a dict of objects with ``state_dict``) through ``save_handler`` when called.

    Attach it to an event: ``trainer.add_event_handler(Events.EPOCH_COMPLETED, Checkpoint(...))``.

    Args:
        to_save: name -> object with ``state_dict`` (models, optimizers, engines, schedulers, handlers...).
            A single object is saved as its own state dict, several as ``{name: state_dict}``.
        save_handler: a directory (str or Path, giving a :class:`DiskSaver`), a :class:`BaseSaveHandler`, or a
            callable ``(checkpoint, filename[, metadata])``.
        filename_prefix: prefix of the file names.
        score_function: ``engine -> number``; the checkpoints with the highest scores are kept.
        score_name: name of the score in the file name (requires ``score_function``).
        n_saved: how many checkpoints to keep (None: all).
        global_step_transform: ``(engine, event_name) -> int`` giving the step in the file name.
        filename_pattern: ``str.format`` pattern with ``filename_prefix``, ``name``, ``global_step``,
            ``score_name``, ``score`` and ``ext``.
        include_self: also save this handler's state under the key ``"checkpointer"``.
        greater_or_equal: also replace a kept checkpoint whose score equals the new one.
        save_on_rank: the rank that saves in distributed runs.

    Beyond pytorch-ignite 0.5: files are written atomically and the oldest kept file is removed only after the
    new one is complete; each checkpoint carries provenance (read it with
    ``ignite_plugins_handlers.checkpoint.read_provenance``); a NaN score is warned about and not saved.
    """

    Item = Item
    _state_dict_all_req_keys = ("_saved",)

    def __init__(
        self,
        to_save: Mapping[str, Any],
        save_handler: str | Path | Callable[..., Any] | BaseSaveHandler,
        filename_prefix: str = "",
        score_function: Callable[[Engine], Any] | None = None,
        score_name: str | None = None,
        n_saved: int | None = 1,
        global_step_transform: Callable[[Engine, Any], int] | None = None,
        filename_pattern: str | None = None,
        include_self: bool = False,
        greater_or_equal: bool = False,
        save_on_rank: int = 0,
    ) -> None:
        if not isinstance(to_save, Mapping):
            raise TypeError(f"Argument `to_save` should be a dictionary, but given {type(to_save)}")
        _check_objects(to_save, "state_dict")
        if include_self and _RESERVED_SELF_KEY in to_save:
            raise ValueError(f"Cannot have key '{_RESERVED_SELF_KEY}' if `include_self` is True: {to_save}")
        if isinstance(save_handler, (str, Path)):
            save_handler = DiskSaver(save_handler, create_dir=True, save_on_rank=save_on_rank)
        elif not callable(save_handler) and not isinstance(save_handler, BaseSaveHandler):
            raise TypeError(
                "Argument `save_handler` should be a string or Path object or callable or inherit from "
                "BaseSaveHandler"
            )
        if score_function is not None and not callable(score_function):
            raise TypeError(f"Argument `score_function` should be a function, got {type(score_function)}")
        if score_name is not None and score_function is None and filename_pattern is None:
            raise ValueError("If `score_name` is provided, then `score_function` should be also provided")
        if global_step_transform is not None and not callable(global_step_transform):
            raise TypeError(
                f"global_step_transform should be a function, got {type(global_step_transform)} instead."
            )
        if n_saved is not None and (isinstance(n_saved, bool) or not isinstance(n_saved, int) or n_saved < 1):
            raise ValueError(f"n_saved must be a positive integer or None, got {n_saved}")
        if filename_pattern is not None and not isinstance(filename_pattern, str):
            raise TypeError(f"filename_pattern should be a str, got {type(filename_pattern)}")

        self.to_save = to_save
        self.save_handler = save_handler
        self.filename_prefix = filename_prefix
        self.score_function = score_function
        self.score_name = score_name
        self.n_saved = n_saved
        self.ext = "pt"
        self.global_step_transform = global_step_transform
        self.filename_pattern = filename_pattern
        self.include_self = include_self
        self.greater_or_equal = greater_or_equal
        self.save_on_rank = save_on_rank
        self._saved: list[Item] = []
        self._flush_registered: set[int] = set()

    # ------------------------------------------------------------------------------------------------
    @property
    def last_checkpoint(self) -> str | Path | None:
        """The file of the most recent kept checkpoint (a Path under the directory with a DiskSaver)."""
        if not self._saved:
            return None
        filename = self._saved[-1].filename
        if isinstance(self.save_handler, DiskSaver):
            return self.save_handler.dirname / filename
        return filename

    def reset(self) -> None:
        """Forget the kept checkpoints (the files stay)."""
        self._saved = []

    def _check_lt_n_saved(self, or_equal: bool = False) -> bool:
        if self.n_saved is None:
            return True
        return len(self._saved) < self.n_saved + int(or_equal)

    def _compare_fn(self, new: Any) -> bool:
        if self.greater_or_equal:
            return bool(new >= self._saved[0].priority)
        return bool(new > self._saved[0].priority)

    def _get_filename_pattern(self, global_step: int | None) -> str:
        if self.filename_pattern is not None:
            return self.filename_pattern
        return self.setup_filename_pattern(
            with_prefix=len(self.filename_prefix) > 0,
            with_score=self.score_function is not None,
            with_score_name=self.score_name is not None,
            with_global_step=global_step is not None,
        )

    def _setup_checkpoint(self) -> dict[str, Any]:
        checkpoint: dict[str, Any] = {}
        for key, obj in self.to_save.items():
            obj = _unwrap(obj)
            if _is_zero(obj):
                obj.consolidate_state_dict(to=self.save_on_rank)
                if idist.get_rank() != self.save_on_rank:
                    continue
            checkpoint[key] = numpy_to_torch(obj.state_dict())
        return checkpoint

    def _priority(self, engine: Engine) -> tuple[Any, int | None]:
        global_step = None
        if self.global_step_transform is not None:
            global_step = self.global_step_transform(engine, engine.last_event_name)
        if self.score_function is not None:
            priority = self.score_function(engine)
            if isinstance(priority, torch.Tensor) and priority.numel() == 1:
                priority = priority.item()
            if not isinstance(priority, numbers.Number):
                raise ValueError("Output of score_function should be a number")
            if isinstance(priority, numbers.Real) and math.isnan(float(priority)):
                warnings.warn(
                    f"Checkpoint: score_function returned NaN at iteration {engine.state.iteration} (epoch "
                    f"{engine.state.epoch}); a NaN score cannot be ranked, so this checkpoint is not saved. "
                    "Training goes on; return a number (e.g. -inf when the metric is undefined) to save it.",
                    RuntimeWarning,
                    stacklevel=2,
                )
                return None, global_step
            return priority, global_step
        if global_step is None:
            global_step = engine.state.iteration
        return global_step, global_step

    def __call__(self, engine: Engine) -> None:
        """Save if the new checkpoint is among the best ``n_saved`` (or there is room), then fire
        ``CheckpointEvents.SAVED_CHECKPOINT``."""
        self._ensure_flush_at_end(engine)
        priority, global_step = self._priority(engine)
        if priority is None:  # a NaN score: warned about, not ranked
            return
        if not (self._check_lt_n_saved() or self._compare_fn(priority)):
            return
        priority_str = f"{priority}" if isinstance(priority, numbers.Integral) else f"{priority:.4f}"
        checkpoint: Any = self._setup_checkpoint()
        name = "checkpoint"
        if len(checkpoint) == 1:
            name = next(iter(checkpoint))
            checkpoint = checkpoint[name]
        filename = self._get_filename_pattern(global_step).format(
            filename_prefix=self.filename_prefix,
            ext=self.ext,
            name=name,
            score_name=self.score_name,
            score=priority_str if self.score_function is not None else None,
            global_step=global_step,
        )
        metadata = {
            "basename": f"{self.filename_prefix}{'_' * int(len(self.filename_prefix) > 0)}{name}",
            "score_name": self.score_name,
            "priority": priority,
        }
        same = [i for i, item in enumerate(self._saved) if item.filename == filename]
        to_remove: Item | None = None
        if same:
            self._saved.pop(same[0])  # rewritten in place (atomically): nothing to delete
        elif not self._check_lt_n_saved():
            to_remove = self._saved.pop(0)
        self._saved.append(Item(priority, filename))
        self._saved.sort(key=lambda item: item[0])
        if self.include_self:
            if not isinstance(checkpoint, dict):
                raise TypeError(f"include_self needs a dict checkpoint, got {type(checkpoint)}")
            checkpoint[_RESERVED_SELF_KEY] = self.state_dict()
        checkpoint = attach_provenance(checkpoint, collect_provenance(engine))
        if _takes_metadata(self.save_handler):
            self.save_handler(checkpoint, filename, metadata)
        else:
            self.save_handler(checkpoint, filename)
        # The new file is complete: only now drop the one it replaces.
        if to_remove is not None and isinstance(self.save_handler, BaseSaveHandler):
            self.save_handler.remove(to_remove.filename)
        if not engine.has_registered_events(CheckpointEvents.SAVED_CHECKPOINT):
            engine.register_events(*CheckpointEvents)
        engine.fire_event(CheckpointEvents.SAVED_CHECKPOINT)

    def _ensure_flush_at_end(self, engine: Engine) -> None:
        wait = getattr(self.save_handler, "wait", None)
        if not callable(wait) or not getattr(self.save_handler, "async_save", False):
            return
        if id(engine) in self._flush_registered:
            return
        self._flush_registered.add(id(engine))
        if not engine.has_event_handler(wait, Events.COMPLETED):
            engine.add_event_handler(Events.COMPLETED, lambda _: wait())

    # ------------------------------------------------------------------------------------------------
    @staticmethod
    def setup_filename_pattern(
        with_prefix: bool = True,
        with_score: bool = True,
        with_score_name: bool = True,
        with_global_step: bool = True,
    ) -> str:
        """The default file-name pattern, e.g. ``"{filename_prefix}_{name}_{global_step}_{score_name}={score}.{ext}"``."""
        pattern = "{name}"
        if with_global_step:
            pattern += "_{global_step}"
        if with_score_name and with_score:
            pattern += "_{score_name}={score}"
        elif with_score:
            pattern += "_{score}"
        elif with_score_name:
            raise ValueError("If with_score_name is True, with_score should be also True")
        elif not with_global_step:
            raise ValueError("At least one of with_score and with_global_step should be True.")
        if with_prefix:
            pattern = "{filename_prefix}_" + pattern
        return pattern + ".{ext}"

    @staticmethod
    def load_objects(
        to_load: Mapping[str, Any],
        checkpoint: str | Path | Mapping[str, Any],
        *,
        weights_only: bool = True,
        map_location: Any = None,
        **kwargs: Any,
    ) -> None:
        """Restore every object of ``to_load`` from ``checkpoint`` (a path or a loaded mapping).

        Files are read with ``torch.load(weights_only=True)``; pass ``weights_only=False`` for a trusted file
        holding other Python objects. ``map_location`` goes to ``torch.load``; other keyword arguments (e.g.
        ``strict=False``) go to ``nn.Module.load_state_dict``.
        """
        if isinstance(checkpoint, (str, Path)):
            checkpoint_obj = safe_load(checkpoint, weights_only=weights_only, map_location=map_location)
        elif isinstance(checkpoint, Mapping):
            checkpoint_obj = checkpoint
        else:
            raise TypeError(
                f"Argument checkpoint should be a string or a dictionary, but given {type(checkpoint)}"
            )
        if not isinstance(to_load, Mapping):
            raise TypeError(f"Argument `to_load` should be a dictionary, but given {type(to_load)}")
        _check_objects(to_load, "load_state_dict")

        def load_one(obj: Any, state: Any) -> None:
            obj = _unwrap(obj)
            if isinstance(obj, nn.Module):
                obj.load_state_dict(state, **kwargs)
            else:
                obj.load_state_dict(state)

        if len(to_load) == 1:
            key, obj = next(iter(to_load.items()))
            load_one(obj, checkpoint_obj.get(key, checkpoint_obj))
            return
        for key, obj in to_load.items():
            if key not in checkpoint_obj:
                raise ValueError(
                    f"Object labeled by '{key}' from `to_load` is not found in the checkpoint (its keys: "
                    f"{list(checkpoint_obj.keys())})"
                )
            load_one(obj, checkpoint_obj[key])

    def reload_objects(
        self,
        to_load: Mapping[str, Any],
        load_kwargs: dict[str, Any] | None = None,
        **filename_components: Any,
    ) -> None:
        """Load ``to_load`` from a file this handler saved in its :class:`DiskSaver` directory.

        ``filename_components`` (``global_step``, ``score``, ``name``, ``score_name``, ``filename_prefix``)
        rebuild the file name; without any, the last kept checkpoint is used.
        """
        if not isinstance(self.save_handler, DiskSaver):
            raise AttributeError(
                f"Checkpoint's `save_handler` should be of type `DiskSaver`, given {type(self.save_handler)}"
            )
        self.save_handler.wait()
        load_kwargs = {} if load_kwargs is None else load_kwargs
        if not filename_components and self.last_checkpoint is not None:
            Checkpoint.load_objects(to_load=to_load, checkpoint=self.last_checkpoint, **load_kwargs)
            return
        global_step = filename_components.get("global_step")
        name = "checkpoint"
        if len(self.to_save) == 1:
            name = next(iter(self.to_save))
        filename = self._get_filename_pattern(global_step).format(
            filename_prefix=filename_components.get("filename_prefix", self.filename_prefix),
            ext=self.ext,
            name=filename_components.get("name", name),
            score_name=filename_components.get("score_name", self.score_name),
            score=filename_components.get("score"),
            global_step=global_step,
        )
        Checkpoint.load_objects(
            to_load=to_load, checkpoint=self.save_handler.dirname / filename, **load_kwargs
        )

    @staticmethod
    def get_default_score_fn(metric_name: str, score_sign: float = 1.0) -> Callable[[Engine], float]:
        """``engine -> score_sign * engine.state.metrics[metric_name]`` (``score_sign=-1`` for losses)."""
        if score_sign not in (1.0, -1.0):
            raise ValueError("Argument score_sign should be 1 or -1")

        def wrapper(engine: Engine) -> float:
            return score_sign * engine.state.metrics[metric_name]  # type: ignore[no-any-return]

        return wrapper

    def state_dict(self) -> OrderedDict[str, Any]:
        """``{"_saved": [(priority, filename), ...]}``."""
        return OrderedDict([("_saved", [(p, f) for p, f in self._saved])])

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore the list of kept checkpoints."""
        super().load_state_dict(state_dict)
        self._saved = [Item(p, f) for p, f in state_dict["_saved"]]
