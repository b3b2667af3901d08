"""DeterministicEngine, ReproducibleBatchSampler, update_dataloader and keep_random_state."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
import torch
from torch.utils.data import BatchSampler, DataLoader, RandomSampler, SequentialSampler

from ignite.engine import (
    DeterministicEngine,
    Engine,
    Events,
    ReproducibleBatchSampler,
    keep_random_state,
    update_dataloader,
)

SEED = 1234


def _to_list(batch: Any) -> Any:
    return batch.tolist() if isinstance(batch, torch.Tensor) else batch


def _shuffling_loader(rng: str) -> DataLoader[Any]:
    """A shuffling loader drawing from the global RNG, from its own generator, or from its sampler's."""
    data = list(range(23))
    if rng == "loader-generator":
        return DataLoader(data, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(7))
    if rng == "sampler-generator":
        sampler = RandomSampler(data, generator=torch.Generator().manual_seed(7))
        return DataLoader(data, batch_size=4, sampler=sampler)
    return DataLoader(data, batch_size=4, shuffle=True)


def _uninterrupted(make_data: Any, max_epochs: int) -> list[Any]:
    seen: list[Any] = []
    engine = DeterministicEngine(lambda e, b: seen.append(_to_list(b)))
    engine.state.seed = SEED
    engine.run(make_data(), max_epochs=max_epochs)
    return seen


def _stopped_then_resumed_in_new_engine(
    make_data: Any, max_epochs: int, stop_at: int
) -> tuple[list[Any], list[Any]]:
    before: list[Any] = []
    first = DeterministicEngine(lambda e, b: before.append(_to_list(b)))
    first.state.seed = SEED
    first.add_event_handler(Events.ITERATION_COMPLETED(once=stop_at), lambda e: e.terminate())
    first.run(make_data(), max_epochs=max_epochs)
    assert first.state.iteration == stop_at
    saved = first.state_dict()
    assert "seed" not in saved  # as in pytorch-ignite 0.5: the seed comes from torch's generator
    assert saved["iteration"] == stop_at

    after: list[Any] = []
    second = DeterministicEngine(lambda e, b: after.append(_to_list(b)))
    second.load_state_dict(saved)
    second.state.seed = SEED  # what torch.manual_seed(s) before the run gives in the 0.5 recipe
    second.run(make_data())
    return before, after


@pytest.mark.parametrize("rng", ["global-rng", "loader-generator", "sampler-generator"])
@pytest.mark.parametrize("stop_at", [2, 6, 9, 12, 17])
def test_resume_mid_epoch_with_shuffling_dataloader_sees_the_remaining_batches(
    stop_at: int, rng: str
) -> None:
    max_epochs = 3  # 6 batches per epoch: stops inside epochs 1, 2, 3 and at the boundary 6
    reference = _uninterrupted(lambda: _shuffling_loader(rng), max_epochs)
    assert len(reference) == 18
    first_epoch = sorted(i for batch in reference[:6] for i in batch)
    assert first_epoch == list(range(23))  # each epoch is a permutation of the data
    assert reference[:6] != reference[6:12]  # epochs are shuffled differently

    before, after = _stopped_then_resumed_in_new_engine(lambda: _shuffling_loader(rng), max_epochs, stop_at)
    assert before == reference[:stop_at]
    assert after == reference[stop_at:]


@pytest.mark.parametrize("stop_at", [1, 4, 5, 11])
def test_resume_mid_epoch_with_a_plain_list_sees_the_remaining_batches(stop_at: int) -> None:
    data = [f"b{i}" for i in range(5)]
    reference = _uninterrupted(lambda: data, 3)
    assert reference == data * 3
    before, after = _stopped_then_resumed_in_new_engine(lambda: data, 3, stop_at)
    assert before + after == reference
    assert after == reference[stop_at:]


def test_resume_with_epoch_length_smaller_than_the_data() -> None:
    data = list(range(10))
    reference: list[Any] = []
    ref_engine = DeterministicEngine(lambda e, b: reference.append(b))
    ref_engine.state.seed = SEED
    ref_engine.run(data, max_epochs=3, epoch_length=4)

    before: list[Any] = []
    first = DeterministicEngine(lambda e, b: before.append(b))
    first.state.seed = SEED
    first.add_event_handler(Events.ITERATION_COMPLETED(once=6), lambda e: e.terminate())
    first.run(data, max_epochs=3, epoch_length=4)
    after: list[Any] = []
    second = DeterministicEngine(lambda e, b: after.append(b))
    second.load_state_dict(first.state_dict())
    second.run(data)
    assert before + after == reference
    assert len(reference) == 12


def test_same_seed_same_batches_and_different_seed_different_order() -> None:
    def run(seed: int) -> list[Any]:
        seen: list[Any] = []
        engine = DeterministicEngine(lambda e, b: seen.append(b.tolist()))
        engine.state.seed = seed
        engine.run(_shuffling_loader("global-rng"), max_epochs=2)
        return seen

    assert run(5) == run(5)
    assert run(5) != run(6)


def test_seed_is_drawn_from_torch_when_not_set_and_state_dict_has_rng_states() -> None:
    engine = DeterministicEngine(lambda e, b: None)
    assert engine.state.seed is None
    torch.manual_seed(12)
    engine.run([1, 2])
    assert engine.state.seed == 886340251  # pytorch-ignite 0.5.5 draws the same seed after manual_seed(12)
    assert list(engine.state_dict()) == ["epoch_length", "iteration", "max_epochs", "rng_states"]


def test_dataloader_is_wrapped_with_reproducible_batch_sampler_keeping_options() -> None:
    def collate(batch: list[int]) -> list[int]:
        return [x * 2 for x in batch]

    loader = DataLoader(list(range(10)), batch_size=3, shuffle=True, collate_fn=collate, drop_last=True)
    seen: list[Any] = []
    engine = DeterministicEngine(lambda e, b: seen.append(b))
    engine.run(loader, max_epochs=1)
    wrapped = engine.state.dataloader
    assert isinstance(wrapped, DataLoader)
    assert wrapped is not loader
    assert isinstance(wrapped.batch_sampler, ReproducibleBatchSampler)
    assert wrapped.batch_sampler.batch_sampler is loader.batch_sampler
    assert wrapped.collate_fn is collate
    assert len(seen) == 3  # drop_last kept: 10 // 3
    assert all(len(b) == 3 and all(x % 2 == 0 for x in b) for b in seen)
    assert len({x for b in seen for x in b}) == 9


def test_deterministic_engine_behaves_like_engine_for_events() -> None:
    engine = DeterministicEngine(lambda e, b: b)
    assert isinstance(engine, Engine)
    epochs: list[int] = []
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: epochs.append(e.state.epoch))
    state = engine.run([1, 2, 3], max_epochs=2)
    assert epochs == [1, 2]
    assert (state.iteration, state.output) == (6, 3)


def test_deterministic_interrupt_and_resume_matches_uninterrupted_run() -> None:
    loader = _shuffling_loader("global-rng")
    reference = _uninterrupted(lambda: _shuffling_loader("global-rng"), 2)
    seen: list[Any] = []
    engine = DeterministicEngine(lambda e, b: seen.append(b.tolist()))
    engine.state.seed = SEED
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=5), lambda e: e.interrupt())
    completed: list[int] = []
    engine.add_event_handler(Events.COMPLETED, lambda e: completed.append(e.state.iteration))
    stops = []
    for _ in range(5):
        engine.run(loader, max_epochs=2)
        stops.append(engine.state.iteration)
        if completed:
            break
    assert stops == [5, 10, 12]
    assert seen == reference


# ---------------------------------------------------------------------------------------------------------------
# ReproducibleBatchSampler


def test_reproducible_batch_sampler_replays_from_start_iteration() -> None:
    base = BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False)
    sampler = ReproducibleBatchSampler(base)
    assert len(sampler) == 4
    assert list(sampler) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert sampler.sampler is base.sampler

    resumed = ReproducibleBatchSampler(base, start_iteration=2)
    assert list(resumed) == [[6, 7, 8], [9]]
    assert list(resumed) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]  # start_iteration applies once
    assert len(resumed) == 4


def test_reproducible_batch_sampler_with_random_sampler() -> None:
    base = BatchSampler(RandomSampler(range(12)), batch_size=5, drop_last=True)
    torch.manual_seed(3)
    full = list(ReproducibleBatchSampler(base))
    torch.manual_seed(3)
    tail = list(ReproducibleBatchSampler(base, start_iteration=1))
    assert len(full) == 2
    assert tail == full[1:]
    sampler = ReproducibleBatchSampler(base)
    torch.manual_seed(3)
    sampler.setup_batch_indices()
    assert sampler.batch_indices == full


def test_reproducible_batch_sampler_needs_a_batch_sampler() -> None:
    with pytest.raises(TypeError, match="BatchSampler"):
        ReproducibleBatchSampler([[0, 1], [2]])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------------
# update_dataloader


def _worker_init(worker_id: int) -> None:
    pass


def test_update_dataloader_keeps_options() -> None:
    def collate(batch: list[int]) -> torch.Tensor:
        return torch.tensor(batch) + 100

    generator = torch.Generator().manual_seed(0)
    loader = DataLoader(
        list(range(10)),
        batch_size=4,
        shuffle=True,
        num_workers=2,
        collate_fn=collate,
        pin_memory=False,
        timeout=5.0,
        worker_init_fn=_worker_init,
        generator=generator,
        prefetch_factor=3,
        persistent_workers=True,
    )
    new_sampler = BatchSampler(SequentialSampler(range(10)), batch_size=5, drop_last=False)
    updated = update_dataloader(loader, new_sampler)
    assert updated is not loader
    assert updated.dataset is loader.dataset
    assert updated.batch_sampler is new_sampler
    assert updated.num_workers == 2
    assert updated.collate_fn is collate
    assert updated.pin_memory is False
    assert updated.timeout == 5.0
    assert updated.worker_init_fn is _worker_init
    assert updated.generator is generator
    assert updated.prefetch_factor == 3
    assert updated.persistent_workers is True


def test_update_dataloader_batches_follow_the_new_sampler() -> None:
    loader = DataLoader(list(range(7)), batch_size=2, collate_fn=lambda b: [x * 10 for x in b])
    updated = update_dataloader(
        loader, BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=True)
    )
    assert list(updated) == [[0, 10, 20], [30, 40, 50]]


def test_update_dataloader_needs_a_dataloader_attribute_error_as_in_0_5() -> None:
    with pytest.raises(AttributeError, match="DataLoader"):
        update_dataloader([1, 2, 3], BatchSampler(SequentialSampler(range(3)), 1, False))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------------
# keep_random_state


def _draw() -> tuple[float, float, float]:
    return random.random(), torch.rand(1).item(), float(np.random.rand())


def test_keep_random_state_restores_torch_random_and_numpy() -> None:
    @keep_random_state
    def consume(n: int) -> int:
        for _ in range(n):
            _draw()
        return n * 2

    random.seed(0)
    torch.manual_seed(0)
    np.random.seed(0)
    expected = _draw()

    random.seed(0)
    torch.manual_seed(0)
    np.random.seed(0)
    assert consume(5) == 10
    assert _draw() == expected
    assert consume.__name__ == "consume"


def test_keep_random_state_restores_even_when_the_function_raises() -> None:
    @keep_random_state
    def broken() -> None:
        _draw()
        raise RuntimeError("boom")

    torch.manual_seed(1)
    random.seed(1)
    np.random.seed(1)
    expected = _draw()
    torch.manual_seed(1)
    random.seed(1)
    np.random.seed(1)
    with pytest.raises(RuntimeError, match="boom"):
        broken()
    assert _draw() == expected
