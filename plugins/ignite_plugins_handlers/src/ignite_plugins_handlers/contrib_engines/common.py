"""``ignite.contrib.engines.common``: one-call set-up of the usual training handlers."""

from __future__ import annotations

import gc
import numbers
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import torch
from torch import nn
from torch.optim.lr_scheduler import LRScheduler as PyTorchLRScheduler
from torch.utils.data.distributed import DistributedSampler

import ignite.distributed as idist
from ignite.engine import Engine, Events
from ignite.metrics.metric import RunningBatchWise
from ignite.utils import deprecated
from ignite_plugins_handlers.checkpoint import BaseSaveHandler, Checkpoint, DiskSaver
from ignite_plugins_handlers.early_stopping import EarlyStopping
from ignite_plugins_handlers.param_scheduler import LRScheduler, ParamScheduler
from ignite_plugins_handlers.terminate_on_nan import TerminateOnNan
from ignite_plugins_handlers.utils import global_step_from_engine

__all__ = [
    "add_early_stopping_by_val_score",
    "empty_cuda_cache",
    "gen_save_best_models_by_val_score",
    "save_best_model_by_val_score",
    "setup_any_logging",
    "setup_common_training_handlers",
]


def empty_cuda_cache(_: Any = None) -> None:
    """Handler: release cached CUDA memory and collect garbage."""
    torch.cuda.empty_cache()
    gc.collect()


def _output_item(x: Any, index: int, name: str) -> Any:
    if isinstance(x, Mapping):
        return x[name]
    if isinstance(x, Sequence):
        return x[index]
    if isinstance(x, (torch.Tensor, numbers.Number)):
        return x
    raise TypeError(
        "Unhandled type of update_function's output. It should either mapping or sequence, but given "
        f"{type(x)}"
    )


def setup_common_training_handlers(
    trainer: Engine,
    train_sampler: DistributedSampler[Any] | None = None,
    to_save: Mapping[str, Any] | None = None,
    save_every_iters: int = 1000,
    output_path: str | None = None,
    lr_scheduler: ParamScheduler | PyTorchLRScheduler | None = None,
    with_gpu_stats: bool = False,
    output_names: Iterable[str] | None = None,
    with_pbars: bool = True,
    with_pbar_on_iters: bool = True,
    log_every_iters: int = 100,
    stop_on_nan: bool = True,
    clear_cuda_cache: bool = True,
    save_handler: Callable[..., Any] | BaseSaveHandler | None = None,
    **kwargs: Any,
) -> None:
    """Attach the usual training handlers to ``trainer``.

    TerminateOnNan (``stop_on_nan``), the ``lr_scheduler`` step, a ``Checkpoint`` of ``to_save`` every
    ``save_every_iters`` iterations into ``output_path`` or ``save_handler`` (prefix ``"training"``;
    ``**kwargs`` go to Checkpoint), GPU stats, running averages of ``output_names``, progress bars, CUDA cache
    clearing each epoch; in distributed runs the sampler's epoch is set and only rank 0 shows progress bars.
    """
    if idist.get_world_size() > 1:
        _setup_distrib(
            trainer, train_sampler, to_save, save_every_iters, output_path, lr_scheduler, with_gpu_stats,
            output_names, with_pbars, with_pbar_on_iters, log_every_iters, stop_on_nan, clear_cuda_cache,
            save_handler, **kwargs,
        )  # fmt: skip
        return
    if train_sampler is not None and isinstance(train_sampler, DistributedSampler):
        warnings.warn(
            "Argument train_sampler is a distributed sampler, but either there is no distributed setting or "
            "world size is < 2. Train sampler argument will be ignored",
            UserWarning,
            stacklevel=2,
        )
    _setup(
        trainer, to_save, save_every_iters, output_path, lr_scheduler, with_gpu_stats, output_names, with_pbars,
        with_pbar_on_iters, log_every_iters, stop_on_nan, clear_cuda_cache, save_handler, **kwargs,
    )  # fmt: skip


def _setup(
    trainer: Engine,
    to_save: Mapping[str, Any] | None,
    save_every_iters: int,
    output_path: str | None,
    lr_scheduler: Any,
    with_gpu_stats: bool,
    output_names: Iterable[str] | None,
    with_pbars: bool,
    with_pbar_on_iters: bool,
    log_every_iters: int,
    stop_on_nan: bool,
    clear_cuda_cache: bool,
    save_handler: Any,
    **kwargs: Any,
) -> None:
    if output_path is not None and save_handler is not None:
        raise ValueError(
            "Arguments output_path and save_handler are mutually exclusive. Please, define only one of them"
        )
    if to_save is not None and output_path is None and save_handler is None:
        raise ValueError(
            "If to_save argument is provided then output_path or save_handler arguments should be also defined"
        )
    if stop_on_nan:
        trainer.add_event_handler(Events.ITERATION_COMPLETED, TerminateOnNan())
    if lr_scheduler is not None:
        if isinstance(lr_scheduler, PyTorchLRScheduler):
            trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda engine: lr_scheduler.step())
        elif isinstance(lr_scheduler, LRScheduler):
            trainer.add_event_handler(Events.ITERATION_COMPLETED, lr_scheduler)
        else:
            trainer.add_event_handler(Events.ITERATION_STARTED, lr_scheduler)
    if torch.cuda.is_available() and clear_cuda_cache:
        trainer.add_event_handler(Events.EPOCH_COMPLETED, empty_cuda_cache)
    if to_save is not None:
        if output_path is not None:
            save_handler = DiskSaver(dirname=output_path, require_empty=False)
        checkpoint = Checkpoint(to_save, save_handler, filename_prefix="training", **kwargs)
        trainer.add_event_handler(Events.ITERATION_COMPLETED(every=save_every_iters), checkpoint)
    if with_gpu_stats:
        from ignite.metrics import GpuInfo

        GpuInfo().attach(trainer, name="gpu", event_name=Events.ITERATION_COMPLETED(every=log_every_iters))
    if output_names is not None:
        from ignite.metrics import RunningAverage

        for i, name in enumerate(output_names):
            RunningAverage(output_transform=partial(_output_item, index=i, name=name)).attach(
                trainer, name, usage=RunningBatchWise()
            )
    if with_pbars:
        from ignite.handlers import ProgressBar

        if with_pbar_on_iters:
            ProgressBar(persist=False).attach(
                trainer, metric_names="all", event_name=Events.ITERATION_COMPLETED(every=log_every_iters)
            )
        ProgressBar(persist=True, bar_format="").attach(
            trainer, event_name=Events.EPOCH_STARTED, closing_event_name=Events.COMPLETED
        )


def _setup_distrib(
    trainer: Engine,
    train_sampler: Any,
    to_save: Mapping[str, Any] | None,
    save_every_iters: int,
    output_path: str | None,
    lr_scheduler: Any,
    with_gpu_stats: bool,
    output_names: Iterable[str] | None,
    with_pbars: bool,
    with_pbar_on_iters: bool,
    log_every_iters: int,
    stop_on_nan: bool,
    clear_cuda_cache: bool,
    save_handler: Any,
    **kwargs: Any,
) -> None:
    if train_sampler is not None and not isinstance(train_sampler, DistributedSampler):
        raise TypeError("Train sampler should be torch DistributedSampler and have `set_epoch` method")
    _setup(
        trainer, to_save, save_every_iters, output_path, lr_scheduler, with_gpu_stats, output_names,
        idist.get_rank() == 0 and with_pbars, with_pbar_on_iters, log_every_iters, stop_on_nan, clear_cuda_cache,
        save_handler, **kwargs,
    )  # fmt: skip
    if train_sampler is not None:

        @trainer.on(Events.EPOCH_STARTED)
        def distrib_set_epoch(engine: Engine) -> None:
            train_sampler.set_epoch(engine.state.epoch - 1)


@deprecated("0.4.0", "0.6.0", raise_exception=True)
def setup_any_logging(
    logger: Any, logger_module: Any, trainer: Engine, optimizers: Any, evaluators: Any, log_every_iters: int
) -> None:
    """Removed in 0.4.0: use the ``setup_*_logging`` helpers. Calling it raises ``DeprecationWarning``."""


def gen_save_best_models_by_val_score(
    save_handler: Callable[..., Any] | BaseSaveHandler,
    evaluator: Engine,
    models: nn.Module | Mapping[str, nn.Module],
    metric_name: str,
    n_saved: int = 3,
    trainer: Engine | None = None,
    tag: str = "val",
    score_sign: float = 1.0,
    **kwargs: Any,
) -> Checkpoint:
    """Keep the ``n_saved`` best ``models`` by ``evaluator.state.metrics[metric_name]`` (times ``score_sign``)
    through ``save_handler``, after each evaluation; file names carry the trainer's epoch when given."""
    global_step_transform = global_step_from_engine(trainer) if trainer is not None else None
    to_save = {"model": models} if isinstance(models, nn.Module) else models
    handler = Checkpoint(
        to_save,
        save_handler,
        filename_prefix="best",
        n_saved=n_saved,
        global_step_transform=global_step_transform,
        score_name=f"{tag}_{metric_name.lower()}",
        score_function=Checkpoint.get_default_score_fn(metric_name, score_sign=score_sign),
        **kwargs,
    )
    evaluator.add_event_handler(Events.COMPLETED, handler)
    return handler


def save_best_model_by_val_score(
    output_path: str,
    evaluator: Engine,
    model: nn.Module,
    metric_name: str,
    n_saved: int = 3,
    trainer: Engine | None = None,
    tag: str = "val",
    score_sign: float = 1.0,
    **kwargs: Any,
) -> Checkpoint:
    """:func:`gen_save_best_models_by_val_score` into the directory ``output_path``."""
    return gen_save_best_models_by_val_score(
        save_handler=DiskSaver(dirname=output_path, require_empty=False),
        evaluator=evaluator,
        models=model,
        metric_name=metric_name,
        n_saved=n_saved,
        trainer=trainer,
        tag=tag,
        score_sign=score_sign,
        **kwargs,
    )


def add_early_stopping_by_val_score(
    patience: int, evaluator: Engine, trainer: Engine, metric_name: str, score_sign: float = 1.0
) -> EarlyStopping:
    """Stop ``trainer`` when ``evaluator.state.metrics[metric_name]`` has not improved for ``patience`` runs."""
    handler = EarlyStopping(
        patience=patience,
        score_function=Checkpoint.get_default_score_fn(metric_name, score_sign=score_sign),
        trainer=trainer,
    )
    evaluator.add_event_handler(Events.COMPLETED, handler)
    return handler
