"""Reproducible data flow: a run resumed from a checkpoint sees the batches the uninterrupted run saw."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import torch
from torch.utils.data import BatchSampler, DataLoader, IterableDataset

from ignite.engine._rng import get_rng_states, set_rng_states
from ignite.engine.engine import Engine
from ignite.engine.events import State
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
        # Lazy, like a plain BatchSampler: the epoch's batches are drawn at the first next(), after
        # the DataLoader iterator has drawn its own base seed, so the random streams match.
        self.setup_batch_indices()
        assert self.batch_indices is not None
        yield from self.batch_indices

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
    """A new DataLoader with the same dataset and options as ``dataloader`` but ``new_batch_sampler``.

    Raises AttributeError (as pytorch-ignite 0.5) when ``dataloader`` is not a DataLoader.
    """
    if not isinstance(dataloader, DataLoader):
        raise AttributeError(
            f"Argument dataloader should be a torch DataLoader (it has no 'dataset'), got {type(dataloader).__name__}"
        )
    kwargs: dict[str, Any] = {
        name: getattr(dataloader, name) for name in _LOADER_ARGS if hasattr(dataloader, name)
    }
    if kwargs.get("num_workers", 0) > 0:
        kwargs["prefetch_factor"] = dataloader.prefetch_factor
    return type(dataloader)(dataloader.dataset, batch_sampler=new_batch_sampler, **kwargs)


def keep_random_state(func: F) -> F:
    """Decorator: ``func`` runs, then the random, torch and numpy RNG states are as they were before."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        states = get_rng_states()
        try:
            return func(*args, **kwargs)
        finally:
            set_rng_states(states)

    return wrapper  # type: ignore[return-value]


class DeterministicEngine(Engine):
    """An Engine whose data flow depends only on a seed and the position in the run.

    Each pass over the data starts by seeding the generators (random, torch, numpy and the
    DataLoader's own) with ``state.seed + k`` for the ``k``-th pass (from 0); a DataLoader's batch sampler is wrapped in :class:`ReproducibleBatchSampler`.
    ``state.seed`` is drawn from torch's generator when the run starts. So the pytorch-ignite 0.5
    recipe replays the batches of the uninterrupted run, from an epoch boundary or mid-epoch::

        torch.manual_seed(s)  # as for the original run
        ...  # build the same model, optimizer, data, engine
        engine.load_state_dict(saved)
        engine.run(data)

    ``state_dict()`` also holds ``rng_states`` (as in 0.5; see :class:`Engine` for what a checkpoint
    taken during a run holds). With ``epoch_length`` smaller than the data, epochs continue the data
    stream; data without a length (``IterableDataset``, generators) is drawn as it comes.
    """

    def __init__(self, process_function: Callable[[Engine, Any], Any]) -> None:
        super().__init__(process_function)
        self.state_dict_user_keys.append("rng_states")
        self.state.rng_states = None  # type: ignore[attr-defined]
        self._start_pass_at_run_position = False

    def state_dict(self) -> OrderedDict[str, Any]:
        self.state.rng_states = get_rng_states()  # type: ignore[attr-defined]
        return super().state_dict()

    def run(
        self,
        data: Iterable[Any] | None = None,
        max_epochs: int | None = None,
        max_iters: int | None = None,
        epoch_length: int | None = None,
    ) -> State:
        """As :meth:`Engine.run`; ``data`` is required (ValueError without it)."""
        if data is None:
            raise ValueError("Argument data should be provided to a DeterministicEngine")
        if self.state.seed is None:
            self.state.seed = int(torch.randint(0, int(1e9), (1,)).item())
        return super().run(_reproducible(data), max_epochs, max_iters, epoch_length)

    def set_data(self, data: Iterable[Any]) -> None:
        super().set_data(_reproducible(data))  # type: ignore[arg-type]

    def _setup_engine(self) -> None:
        self._start_pass_at_run_position = True
        super()._setup_engine()

    def _setup_dataloader_iter(self) -> None:
        state = self.state
        data = state.dataloader
        resume = self._start_pass_at_run_position
        self._start_pass_at_run_position = False
        length = _length(data)
        if data is None or length is None:
            super()._setup_dataloader_iter()
            return
        # Batches of the current pass already consumed: only when a run starts or resumes.
        skip = state.iteration % length if resume else 0
        pass_index = (state.iteration - skip) // length
        self._dataloader_iter = self._pass_iterator(data, (state.seed or 0) + pass_index, skip)

    def _pass_iterator(self, data: Iterable[Any], seed: int, skip: int) -> Iterator[Any]:
        manual_seed(seed)
        if isinstance(data, DataLoader):
            _seed_loader_generators(data, seed)
            if isinstance(data.batch_sampler, ReproducibleBatchSampler):
                data.batch_sampler.start_iteration = skip
                return iter(data)
        iterator = iter(data)
        for _ in range(skip):
            next(iterator)
        return iterator


def _length(data: Any) -> int | None:
    try:
        return len(data)
    except TypeError:
        return None


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
