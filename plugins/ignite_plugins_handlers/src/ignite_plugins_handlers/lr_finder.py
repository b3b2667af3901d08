"""FastaiLRFinder: the learning-rate range test."""

from __future__ import annotations

import contextlib
import copy
import logging
import math
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import torch
from torch.optim.lr_scheduler import LRScheduler as PyTorchLRScheduler

import ignite.distributed as idist
from ignite.engine import Engine, Events
from ignite_plugins_handlers.param_scheduler import LRScheduler, ParamScheduler, PiecewiseLinear

__all__ = ["FastaiLRFinder"]


class _ExponentialLR(PyTorchLRScheduler):
    """Learning rates growing geometrically from ``start_lrs`` to ``end_lrs`` over ``num_iter`` steps."""

    def __init__(
        self, optimizer: torch.optim.Optimizer, start_lrs: list[float], end_lrs: list[float], num_iter: int
    ) -> None:
        self.end_lrs = end_lrs
        self.num_iter = num_iter
        self._start_lrs = start_lrs
        super().__init__(optimizer, -1)
        self.base_lrs = list(start_lrs)

    def get_lr(self) -> list[float]:  # type: ignore[override]
        r = (self.last_epoch + 1) / self.num_iter
        starts = getattr(self, "base_lrs", self._start_lrs)
        return [start * (end / start) ** r for start, end in zip(starts, self.end_lrs)]


def _per_group(value: float | list[float], groups: int, what: str) -> list[float]:
    if isinstance(value, (int, float)):
        return [float(value)] * groups
    if not isinstance(value, (list, tuple)) or len(value) != groups:
        raise ValueError(f"{what} should be a number or a list with one value per param group ({groups})")
    return [float(v) for v in value]


class FastaiLRFinder:
    """Learning-rate range test (Smith 2017, fastai): raise the learning rate each iteration and record the
    smoothed loss; stop when it diverges. Use :meth:`attach` as a context manager; the objects of ``to_save``
    and the trainer are restored when it exits::

        lr_finder = FastaiLRFinder()
        with lr_finder.attach(trainer, {"model": model, "optimizer": optimizer}) as finder:
            finder.run(dataloader)
        lr_finder.plot(); lr_finder.lr_suggestion()
    """

    def __init__(self) -> None:
        self._diverge_flag = False
        self._history: dict[str, list[Any]] = {}
        self._best_loss: float | None = None
        self._lr_schedule: ParamScheduler | None = None
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")

    # -- run ------------------------------------------------------------------------------------------
    def _run(
        self,
        trainer: Engine,
        optimizer: torch.optim.Optimizer,
        output_transform: Callable[[Any], Any],
        num_iter: int | None,
        start_lrs: list[float],
        end_lrs: list[float],
        step_mode: str,
        smooth_f: float,
        diverge_th: float,
    ) -> None:
        self._history = {"lr": [], "loss": []}
        self._best_loss = None
        self._diverge_flag = False
        state = trainer.state
        planned = (state.epoch_length or 0) * (state.max_epochs or 0)
        if num_iter is None:
            num_iter = planned
        elif planned < num_iter:
            state.max_epochs = (
                math.ceil(num_iter / state.epoch_length) if state.epoch_length else state.max_epochs
            )
        if not trainer.has_event_handler(self._reached_num_iterations):
            trainer.add_event_handler(Events.ITERATION_COMPLETED, self._reached_num_iterations, num_iter)
        if not trainer.has_event_handler(self._log_lr_and_loss):
            trainer.add_event_handler(
                Events.ITERATION_COMPLETED, self._log_lr_and_loss, output_transform, smooth_f, diverge_th
            )
        self.logger.debug("Running LR finder for %s iterations", num_iter)
        if step_mode.lower() == "exp":
            self._lr_schedule = LRScheduler(_ExponentialLR(optimizer, start_lrs, end_lrs, num_iter))
        else:
            start = start_lrs[0] if len(start_lrs) == 1 else start_lrs
            end = end_lrs[0] if len(end_lrs) == 1 else end_lrs
            self._lr_schedule = PiecewiseLinear(
                optimizer,
                param_name="lr",
                milestones_values=[(0, start), (num_iter, end)],  # type: ignore[list-item]
            )
        trainer.add_event_handler(Events.ITERATION_COMPLETED, self._lr_schedule)

    def _log_lr_and_loss(
        self, trainer: Engine, output_transform: Callable[[Any], Any], smooth_f: float, diverge_th: float
    ) -> None:
        loss = output_transform(trainer.state.output)
        if not isinstance(loss, float):
            if isinstance(loss, torch.Tensor):
                if loss.ndimension() == 0 or (loss.ndimension() == 1 and len(loss) == 1):
                    loss = loss.item()
                else:
                    raise ValueError(
                        "if output of the engine is torch.Tensor, then it must be 0d torch.Tensor or 1d "
                        f"torch.Tensor with 1 element, but got torch.Tensor of shape {loss.shape}"
                    )
            elif isinstance(loss, int):
                loss = float(loss)
            else:
                raise TypeError(
                    "output of the engine should be of type float or 0d torch.Tensor or 1d torch.Tensor with 1 "
                    f"element, but got output of type {type(loss).__name__}. You may wish to use the "
                    "output_transform kwarg with the attach method e.g.\n"
                    " lr_finder.attach(trainer, output_transform=lambda x:x[0])"
                )
        loss = float(idist.all_reduce(loss))
        assert self._lr_schedule is not None
        self._history["lr"].append(self._lr_schedule.get_param())
        if trainer.state.iteration == 1 or self._best_loss is None:
            self._best_loss = loss
        else:
            if smooth_f > 0:
                loss = smooth_f * loss + (1 - smooth_f) * self._history["loss"][-1]
            if loss < self._best_loss:
                self._best_loss = loss
        self._history["loss"].append(loss)
        if self._history["loss"][-1] > diverge_th * self._best_loss:
            self._diverge_flag = True
            self.logger.info("Stopping early, the loss has diverged")
            trainer.terminate()

    def _reached_num_iterations(self, trainer: Engine, num_iter: int) -> None:
        if trainer.state.iteration > num_iter:
            trainer.terminate()

    def _warning(self, _: Engine) -> None:
        if not self._diverge_flag:
            warnings.warn(
                "Run completed without loss diverging, increase end_lr, decrease diverge_th or look at "
                "lr_finder.plot()",
                UserWarning,
                stacklevel=2,
            )

    def _reset(self, trainer: Engine) -> None:
        self.logger.debug("Completed LR finder run")
        for handler in (self._lr_schedule, self._log_lr_and_loss, self._reached_num_iterations):
            if handler is not None and trainer.has_event_handler(handler, Events.ITERATION_COMPLETED):
                trainer.remove_event_handler(handler, Events.ITERATION_COMPLETED)

    def _detach(self, trainer: Engine) -> None:
        for handler, event in ((self._run, Events.STARTED), (self._warning, Events.COMPLETED)):
            if trainer.has_event_handler(handler, event):
                trainer.remove_event_handler(handler, event)
        if trainer.has_event_handler(self._reset, Events.COMPLETED):
            trainer.remove_event_handler(self._reset, Events.COMPLETED)
        self._reset(trainer)

    # -- results --------------------------------------------------------------------------------------
    def get_results(self) -> dict[str, list[Any]]:
        """``{"lr": [...], "loss": [...]}`` of the last run (smoothed losses)."""
        return self._history

    def lr_suggestion(self) -> Any:
        """The learning rate at the steepest descent of the loss before its minimum."""
        if not self._history:
            raise RuntimeError("learning rate finder didn't run yet so lr_suggestion can't be returned")
        losses = self._history["loss"]
        min_idx = int(torch.tensor(losses).argmin().item())
        decreasing = torch.tensor(losses[: min_idx + 1])
        if len(decreasing) < 3:
            raise RuntimeError(
                "FastaiLRFinder got unexpected curve shape, the curve should be somehow U-shaped"
            )
        grads = torch.tensor(
            [0.5 * (decreasing[i + 1] - decreasing[i - 1]) for i in range(1, len(decreasing) - 1)]
        )
        return self._history["lr"][int(grads.argmin().item()) + 1]

    def apply_suggested_lr(self, optimizer: torch.optim.Optimizer) -> None:
        """Set ``optimizer``'s learning rate(s) to :meth:`lr_suggestion`."""
        suggested = self.lr_suggestion()
        lrs = suggested if isinstance(suggested, list) else [suggested]
        if len(lrs) != len(optimizer.param_groups):
            raise RuntimeError(
                "The number of parameter groups does not match between optimizer and the suggested learning rates "
                f"({len(optimizer.param_groups)} vs {len(lrs)})"
            )
        for group, lr in zip(optimizer.param_groups, lrs):
            group["lr"] = lr

    def plot(
        self,
        skip_start: int = 10,
        skip_end: int = 5,
        log_lr: bool = True,
        display_suggestion: bool = True,
        ax: Any | None = None,
        **kwargs: Any,
    ) -> Any:
        """Plot loss against learning rate with matplotlib; returns the axes."""
        try:
            from matplotlib import pyplot as plt
        except ImportError as exc:  # pragma: no cover - optional dependency
            raise ModuleNotFoundError("FastaiLRFinder.plot needs matplotlib: pip install matplotlib") from exc
        if not self._history:
            raise RuntimeError("learning rate finder didn't run yet so results can't be plotted")
        if skip_start < 0:
            raise ValueError("skip_start cannot be negative")
        if skip_end < 0:
            raise ValueError("skip_end cannot be negative")
        lrs = self._history["lr"]
        losses = self._history["loss"]
        end = len(lrs) - skip_end if skip_end > 0 else len(lrs)
        lrs, losses = lrs[skip_start:end], losses[skip_start:end]
        if ax is None:
            _, ax = plt.subplots()
        ax.plot(lrs, losses, **kwargs)
        if display_suggestion and len(self._history["loss"]) >= 3:
            with contextlib.suppress(RuntimeError):
                suggestion = self.lr_suggestion()
                values = suggestion if isinstance(suggestion, list) else [suggestion]
                for value in values:
                    if value in lrs:
                        ax.scatter(value, losses[lrs.index(value)], s=75, marker="o", color="red", zorder=3)
        if log_lr:
            ax.set_xscale("log")
        ax.set_xlabel("Learning rate")
        ax.set_ylabel("Loss")
        return ax

    # -- attach ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def attach(
        self,
        trainer: Engine,
        to_save: Mapping[str, Any],
        output_transform: Callable[[Any], Any] = lambda output: output,
        num_iter: int | None = None,
        start_lr: float | list[float] | None = None,
        end_lr: float | list[float] | None = 10.0,
        step_mode: str = "exp",
        smooth_f: float = 0.05,
        diverge_th: float = 5.0,
    ) -> Iterator[Engine]:
        """Context manager running the range test with ``trainer``; ``to_save`` (must hold ``"optimizer"``) and
        the trainer's state are restored on exit."""
        if not isinstance(to_save, Mapping):
            raise TypeError(f"Argument to_save should be a mapping, but given {type(to_save)}")
        for key, obj in to_save.items():
            if not (hasattr(obj, "state_dict") and hasattr(obj, "load_state_dict")):
                raise TypeError(
                    f"Object {type(obj)} (key {key!r}) should have `state_dict` and `load_state_dict`"
                )
        if "optimizer" not in to_save:
            raise ValueError("Mapping to_save should contain 'optimizer' key")
        optimizer = to_save["optimizer"]
        if not isinstance(optimizer, torch.optim.Optimizer):
            raise TypeError(
                f"Object to_save['optimizer'] should be torch optimizer, but given {type(optimizer)}"
            )
        if not isinstance(smooth_f, float) or not (0 <= smooth_f < 1):
            raise ValueError(f"smooth_f is outside the range [0, 1]: {smooth_f}")
        if diverge_th < 1:
            raise ValueError(f"diverge_th should be larger than 1, but given {diverge_th}")
        if step_mode not in ("exp", "linear"):
            raise ValueError(f"step_mode should be 'exp' or 'linear', but given {step_mode}")
        if num_iter is not None:
            if not isinstance(num_iter, int):
                raise TypeError(f"if provided, num_iter should be an integer, but give {num_iter}")
            if num_iter <= 0:
                raise ValueError(f"if provided, num_iter should be positive, but give {num_iter}")
        groups = len(optimizer.param_groups)
        start_lrs = (
            [float(g["lr"]) for g in optimizer.param_groups]
            if start_lr is None
            else _per_group(start_lr, groups, "start_lr")
        )
        end_lrs = _per_group(10.0 if end_lr is None else end_lr, groups, "end_lr")
        for start, end in zip(start_lrs, end_lrs):
            if start >= end:
                raise ValueError(f"start_lr must be less than end_lr, start_lr={start} vs end_lr={end}")

        saved = {key: copy.deepcopy(obj.state_dict()) for key, obj in to_save.items()}
        state = trainer.state
        saved_counters = {
            attr: getattr(state, attr, None)
            for attr in ("iteration", "epoch", "max_epochs", "epoch_length", "max_iters")
        }
        if not trainer.has_event_handler(self._run):
            trainer.add_event_handler(
                Events.STARTED,
                self._run,
                optimizer,
                output_transform,
                num_iter,
                start_lrs,
                end_lrs,
                step_mode,
                smooth_f,
                diverge_th,
            )
        if not trainer.has_event_handler(self._warning):
            trainer.add_event_handler(Events.COMPLETED, self._warning)
        if not trainer.has_event_handler(self._reset):
            trainer.add_event_handler(Events.COMPLETED, self._reset)
        try:
            yield trainer
        finally:
            self._detach(trainer)
            for attr, value in saved_counters.items():
                setattr(trainer.state, attr, value)
            for key, obj in to_save.items():
                obj.load_state_dict(saved[key])
