"""Reproducible data flow: a run resumed from a checkpoint sees the batches the uninterrupted run saw."""

from __future__ import annotations

import functools
import random
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import torch
from torch.utils.data import BatchSampler, DataLoader, IterableDataset

from ignite.engine.engine import Engine
from ignite.utils import manual_seed

__all__ = ["DeterministicEngine", "ReproducibleBatchSampler", "keep_random_state", "update_dataloader"]

F = TypeVar("F", bound=Callable[..., Any])


class ReproducibleBatchSampler(BatchSampler):
    """Wraps a batch sampler so one epoch's batches are drawn once and can be replayed from any index.

    Args:
        batch_sampler: the batch sampler to wrap (e.g. ``dataloader.batch_sampler``).
        start_iteration: index of the first batch to yield in the next epoch.
    """

    def __init__(self, batch_sampler: Iterable[list[int]], start_iteration: int | None = None) -> None:
        if not isinstance(batch_sampler, BatchSampler):
            raise TypeError(
                f"Argument batch_sampler should be a torch BatchSampler, got {type(batch_sampler).__name__}"
            )
        self.batch_indices: list[list[int]] | None = None
        self.batch_sampler = batch_sampler
        self.start_iteration = start_iteration
        self.sampler = batch_sampler.sampler

    def setup_batch_indices(self) -> None:
        """Draw the epoch's batches now (from the sampler's current random state)."""
        self.batch_indices = [list(batch) for batch in self.batch_sampler]
        if self.start_iteration is not None:
            self.batch_indices = self.batch_indices[self.start_iteration :]
            self.start_iteration = None

    def __iter__(self) -> Iterator[list[int]]:
        self.setup_batch_indices()
        assert self.batch_indices is not None
        return iter(self.batch_indices)

    def __len__(self) -> int:
        return len(self.batch_sampler)


_LOADER_ARGS = (
    "num_workers",
    "collate_fn",
    "pin_memory",
    "timeout",
    "worker_init_fn",
    "multiprocessing_context",
    "generator",
    "persistent_workers",
    "pin_memory_device",
)


def update_dataloader(dataloader: DataLoader[Any], new_batch_sampler: BatchSampler) -> DataLoader[Any]:
    """A new DataLoader with the same dataset and options as ``dataloader`` but ``new_batch_sampler``."""
    if not isinstance(dataloader, DataLoader):
        raise TypeError(f"Argument dataloader should be a torch DataLoader, got {type(dataloader).__name__}")
    kwargs: dict[str, Any] = {
        name: getattr(dataloader, name) for name in _LOADER_ARGS if hasattr(dataloader, name)
    }
    if kwargs.get("num_workers", 0) > 0:
        kwargs["prefetch_factor"] = dataloader.prefetch_factor
    return type(dataloader)(dataloader.dataset, batch_sampler=new_batch_sampler, **kwargs)


def _get_rng_states() -> list[Any]:
    states: list[Any] = [random.getstate(), torch.get_rng_state()]
    try:
        import numpy as np

        states.append(np.random.get_state())
    except ImportError:  # pragma: no cover - numpy is optional
        pass
    return states


def _set_rng_states(states: list[Any]) -> None:
    random.setstate(states[0])
    torch.set_rng_state(states[1])
    if len(states) > 2:
        import numpy as np

        np.random.set_state(states[2])


def keep_random_state(func: F) -> F:
    """Decorator: ``func`` runs, then the random, torch and numpy RNG states are as they were before."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        states = _get_rng_states()
        try:
            return func(*args, **kwargs)
        finally:
            _set_rng_states(states)

    return wrapper  # type: ignore[return-value]


class DeterministicEngine(Engine):
    """An Engine whose data flow depends only on ``state.seed`` and the epoch.

    At every epoch start the RNGs (random, torch, numpy) are seeded with ``seed + epoch`` and the data
    is iterated afresh; a DataLoader's batch sampler is wrapped in :class:`ReproducibleBatchSampler`.
    Resuming mid-epoch (after ``load_state_dict``) replays the epoch's batches from the right one, so
    the resumed run sees exactly the batches of the uninterrupted run. ``state_dict`` includes the seed.
    """

    def state_dict(self) -> OrderedDict[str, Any]:
        result = super().state_dict()
        result["seed"] = self.state.seed
        return result

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        super().load_state_dict(state_dict)
        if state_dict.get("seed") is not None:
            self.state.seed = int(state_dict["seed"])

    def _new_state(self, *args: Any) -> None:
        super()._new_state(*args)
        if self.state.seed is None:
            self.state.seed = int(torch.randint(0, 2**31 - 1, (1,)).item())

    def _set_data_source(self, data: Iterable[Any] | None) -> None:
        super()._set_data_source(_reproducible(data))

    def set_data(self, data: Iterable[Any]) -> None:
        super().set_data(_reproducible(data))  # type: ignore[arg-type]

    def _run_once_on_dataset(self) -> None:
        data = self.state.dataloader
        restart = self._epoch_iteration == 0 or self._dataloader_iter is None
        if data is not None and self._dataloader_len is not None and restart:
            self._dataloader_iter = self._epoch_iterator(data, self._epoch_iteration)
            self._drawn = self._epoch_iteration
        super()._run_once_on_dataset()

    def _epoch_iterator(self, data: Iterable[Any], start: int) -> Iterator[Any]:
        epoch_seed = (self.state.seed if self.state.seed is not None else 0) + self.state.epoch
        manual_seed(epoch_seed)
        if isinstance(data, DataLoader):
            _seed_loader_generators(data, epoch_seed)
            if isinstance(data.batch_sampler, ReproducibleBatchSampler):
                data.batch_sampler.start_iteration = start
                return iter(data)
        iterator = iter(data)
        for _ in range(start):
            next(iterator)
        return iterator


def _seed_loader_generators(loader: DataLoader[Any], seed: int) -> None:
    """Seed the loader's own generators (its samplers' shuffling, worker seeds) like the global RNGs."""
    samplers = (loader.sampler, getattr(loader.batch_sampler, "sampler", None))
    candidates = [loader.generator, *(getattr(s, "generator", None) for s in samplers)]
    seeded: list[torch.Generator] = []
    for generator in candidates:
        if isinstance(generator, torch.Generator) and all(generator is not g for g in seeded):
            generator.manual_seed(seed)
            seeded.append(generator)


def _reproducible(data: Iterable[Any] | None) -> Iterable[Any] | None:
    if (
        isinstance(data, DataLoader)
        and not isinstance(data.dataset, IterableDataset)
        and isinstance(data.batch_sampler, BatchSampler)
        and not isinstance(data.batch_sampler, ReproducibleBatchSampler)
    ):
        return update_dataloader(data, ReproducibleBatchSampler(data.batch_sampler))
    return data
