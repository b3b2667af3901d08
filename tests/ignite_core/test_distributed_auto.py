"""auto_model, auto_optim, auto_dataloader and DistributedProxySampler."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
import torch
from torch import nn
from torch.utils.data import (
    DataLoader,
    DistributedSampler,
    IterableDataset,
    RandomSampler,
    Sampler,
    SequentialSampler,
    TensorDataset,
)

import ignite.distributed as idist
from ignite.distributed.comp_models import ComputationModel, _SerialModel
from ignite.distributed.utils import _set_model


class FakeTopology(ComputationModel):
    """A model that only answers topology questions (world of 4, 2 processes per node, rank 1)."""

    name: ClassVar[str] = "fake-topology"
    available_backends: ClassVar[tuple[str, ...]] = ("fake",)

    def __init__(self, rank: int = 1, world_size: int = 4, nproc: int = 2, device: str = "cpu") -> None:
        self.rank, self.world_size, self.nproc, self._device = rank, world_size, nproc, torch.device(device)

    def get_local_rank(self) -> int:
        return self.rank % self.nproc

    def get_rank(self) -> int:
        return self.rank

    def get_world_size(self) -> int:
        return self.world_size

    def get_nproc_per_node(self) -> int:
        return self.nproc

    def get_nnodes(self) -> int:
        return self.world_size // self.nproc

    def get_node_rank(self) -> int:
        return self.rank // self.nproc

    def device(self) -> torch.device:
        return self._device

    def backend(self) -> str | None:
        return "fake"

    def finalize(self) -> None:
        pass

    def barrier(self) -> None:
        pass

    @staticmethod
    def create_from_context() -> None:
        return None

    @staticmethod
    def create_from_backend(backend: str, **kwargs: Any) -> FakeTopology:
        return FakeTopology()

    @staticmethod
    def spawn(*args: Any, **kwargs: Any) -> None:
        raise NotImplementedError

    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        raise NotImplementedError

    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        raise NotImplementedError

    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        raise NotImplementedError

    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        raise NotImplementedError


@pytest.fixture(autouse=True)
def _serial() -> Iterator[None]:
    _set_model(_SerialModel())
    yield
    _set_model(_SerialModel())


def _dataset(n: int = 20) -> TensorDataset:
    return TensorDataset(torch.arange(n, dtype=torch.float32))


# ------------------------------------------------------------------ auto_model / auto_optim
def test_auto_model_serial_keeps_model() -> None:
    model = nn.Linear(3, 2)
    out = idist.auto_model(model)
    assert out is model
    assert all(p.device == idist.device() or p.device.type == idist.device().type for p in model.parameters())


def test_auto_model_moves_to_device() -> None:
    _set_model(FakeTopology(world_size=1, nproc=1, device="meta"))
    model = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2))
    out = idist.auto_model(model)
    assert out is model
    assert {t.device.type for t in [*model.parameters(), *model.buffers()]} == {"meta"}


def test_auto_model_data_parallel_on_several_gpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    _set_model(FakeTopology(world_size=1, nproc=1, device="cuda"))
    model = nn.ReLU()  # no parameters: nothing to move to a GPU this machine may not have
    out = idist.auto_model(model)
    assert isinstance(out, nn.DataParallel)
    assert out.module is model

    class RecordingDataParallel(nn.Module):
        def __init__(self, module: nn.Module, **kwargs: Any) -> None:
            super().__init__()
            self.module = module
            self.kwargs = kwargs

    monkeypatch.setattr(nn, "DataParallel", RecordingDataParallel)
    out = idist.auto_model(model, dim=1, output_device=0)
    assert isinstance(out, RecordingDataParallel)
    assert out.kwargs == {"dim": 1, "output_device": 0}


def test_auto_model_multi_process_default_keeps_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    _set_model(FakeTopology(device="cpu"))
    model = nn.Linear(2, 2)
    assert idist.auto_model(model) is model


def test_auto_model_rejects_non_module() -> None:
    with pytest.raises(TypeError, match=r"auto_model expects a torch\.nn\.Module"):
        idist.auto_model("model")  # type: ignore[arg-type]


def test_auto_optim_serial_returns_optimizer() -> None:
    optimizer = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
    assert idist.auto_optim(optimizer) is optimizer
    with pytest.raises(TypeError, match=r"auto_optim expects a torch\.optim\.Optimizer"):
        idist.auto_optim(object())  # type: ignore[arg-type]


class _Hooked(FakeTopology):
    def wrap_model(self, model: nn.Module, sync_bn: bool = False, **kwargs: Any) -> nn.Module:
        wrapper = nn.Sequential(model)
        wrapper.seen = (sync_bn, kwargs)  # type: ignore[assignment]
        return wrapper

    def wrap_optimizer(self, optimizer: torch.optim.Optimizer, **kwargs: Any) -> torch.optim.Optimizer:
        optimizer.seen = kwargs  # type: ignore[attr-defined]
        return optimizer

    def wrap_dataloader(self, loader: DataLoader[Any]) -> DataLoader[Any]:
        loader.wrapped = True
        return loader


def test_auto_helpers_delegate_to_the_model_hooks() -> None:
    _set_model(_Hooked())
    model = idist.auto_model(nn.Linear(2, 2), sync_bn=True, find_unused_parameters=True)
    assert model.seen == (True, {"find_unused_parameters": True})
    optimizer = idist.auto_optim(torch.optim.SGD(model.parameters(), lr=0.1), backward_passes_per_step=2)
    assert optimizer.seen == {"backward_passes_per_step": 2}  # type: ignore[attr-defined]
    loader = idist.auto_dataloader(_dataset(), batch_size=4)
    assert loader.wrapped is True  # type: ignore[attr-defined]


# ------------------------------------------------------------------ auto_dataloader
def test_auto_dataloader_serial_keeps_kwargs() -> None:
    loader = idist.auto_dataloader(_dataset(), batch_size=32, num_workers=0, shuffle=False, drop_last=True)
    assert isinstance(loader, DataLoader)
    assert loader.batch_size == 32
    assert loader.drop_last is True
    assert isinstance(loader.sampler, SequentialSampler)
    assert loader.pin_memory is (idist.device().type == "cuda")


def test_auto_dataloader_serial_shuffle_and_pin_memory() -> None:
    loader = idist.auto_dataloader(_dataset(), batch_size=4, shuffle=True, pin_memory=False)
    assert isinstance(loader.sampler, RandomSampler)
    assert loader.pin_memory is False
    assert sorted(torch.cat([b[0] for b in loader]).tolist()) == list(range(20))


def test_auto_dataloader_logs_kwargs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="ignite.distributed.auto"):
        idist.auto_dataloader(_dataset(), batch_size=5)
    assert any(
        "Use data loader kwargs for dataset" in r.getMessage() and "'batch_size': 5" in r.getMessage()
        for r in caplog.records
    )


def test_auto_dataloader_distributed_splits_work() -> None:
    _set_model(FakeTopology(rank=1, world_size=4, nproc=2))
    loader = idist.auto_dataloader(_dataset(20), batch_size=32, num_workers=3)
    assert loader.batch_size == 8
    assert loader.num_workers == 2  # ceil(3 / 2)
    sampler = loader.sampler
    assert type(sampler) is DistributedSampler
    assert (sampler.num_replicas, sampler.rank, sampler.shuffle) == (4, 1, True)
    assert len(sampler) == 5


def test_auto_dataloader_distributed_small_values_kept() -> None:
    _set_model(FakeTopology(rank=3, world_size=4, nproc=2))
    loader = idist.auto_dataloader(_dataset(20), batch_size=3, num_workers=1, shuffle=False)
    assert loader.batch_size == 3
    assert loader.num_workers == 1
    assert isinstance(loader.sampler, DistributedSampler)
    assert loader.sampler.shuffle is False
    assert list(loader.sampler) == [3, 7, 11, 15, 19]


def test_auto_dataloader_distributed_wraps_user_sampler() -> None:
    _set_model(FakeTopology(rank=0, world_size=2, nproc=2))
    user = SequentialSampler(range(6))
    loader = idist.auto_dataloader(_dataset(6), batch_size=2, sampler=user)
    assert isinstance(loader.sampler, idist.DistributedProxySampler)
    assert loader.sampler.sampler is user
    assert list(loader.sampler) == [0, 2, 4]


def test_auto_dataloader_distributed_sampler_mismatch_warns() -> None:
    _set_model(FakeTopology(rank=1, world_size=4))
    sampler: DistributedSampler[Any] = DistributedSampler(_dataset(), num_replicas=2, rank=0)
    with pytest.warns(UserWarning, match="rank=0, num_replicas=2 but this process has rank=1, world size=4"):
        loader = idist.auto_dataloader(_dataset(), batch_size=4, sampler=sampler)
    assert loader.sampler is sampler


def test_auto_dataloader_distributed_batch_sampler_warns() -> None:
    _set_model(FakeTopology())
    from torch.utils.data import BatchSampler

    batch_sampler = BatchSampler(SequentialSampler(range(20)), batch_size=4, drop_last=False)
    with pytest.warns(UserWarning, match="batch_sampler"):
        loader = idist.auto_dataloader(_dataset(), batch_sampler=batch_sampler)
    assert loader.batch_sampler is batch_sampler


class _Stream(IterableDataset[int]):
    def __iter__(self) -> Iterator[int]:
        return iter(range(4))


def test_auto_dataloader_distributed_iterable_dataset_has_no_sampler() -> None:
    _set_model(FakeTopology(rank=1, world_size=2, nproc=2))
    loader = idist.auto_dataloader(_Stream(), batch_size=4)
    assert loader.batch_size == 2
    assert [b.tolist() for b in loader] == [[0, 1], [2, 3]]


# ------------------------------------------------------------------ DistributedProxySampler
@pytest.mark.parametrize(("length", "replicas"), [(10, 3), (9, 3), (2, 4), (7, 1)])
def test_proxy_sampler_partitions_a_sequential_sampler(length: int, replicas: int) -> None:
    base = SequentialSampler(range(length))
    parts = [
        list(idist.DistributedProxySampler(base, num_replicas=replicas, rank=r)) for r in range(replicas)
    ]
    per_rank = -(-length // replicas)
    assert all(len(p) == per_rank for p in parts)
    interleaved = [parts[r][i] for i in range(per_rank) for r in range(replicas)]
    assert interleaved[:length] == list(range(length))  # each index exactly once, in the sampler's order
    assert set(interleaved[length:]) <= set(range(length))  # padding repeats indices


def test_proxy_sampler_random_sampler_same_order_on_every_rank() -> None:
    base = RandomSampler(range(12))
    samplers = [idist.DistributedProxySampler(base, num_replicas=3, rank=r) for r in range(3)]
    state = torch.get_rng_state()
    epoch0 = [list(s) for s in samplers]
    assert torch.equal(torch.get_rng_state(), state)  # the global generator is left alone
    assert sorted(i for part in epoch0 for i in part) == list(range(12))
    for s in samplers:
        s.set_epoch(1)
    epoch1 = [list(s) for s in samplers]
    assert sorted(i for part in epoch1 for i in part) == list(range(12))
    assert epoch0 != epoch1
    assert [list(s) for s in samplers] == epoch1  # deterministic per epoch


def test_proxy_sampler_defaults_to_current_configuration() -> None:
    sampler = idist.DistributedProxySampler(SequentialSampler(range(5)))
    assert (sampler.num_replicas, sampler.rank) == (1, 0)
    assert list(sampler) == [0, 1, 2, 3, 4]
    _set_model(FakeTopology(rank=1, world_size=2))
    sampler = idist.DistributedProxySampler(SequentialSampler(range(5)))
    assert (sampler.num_replicas, sampler.rank) == (2, 1)
    assert list(sampler) == [1, 3, 0]


class _NoLength(Sampler[int]):
    def __iter__(self) -> Iterator[int]:
        return iter([0, 1])


def test_proxy_sampler_validates() -> None:
    with pytest.raises(TypeError, match="sampler should be a torch Sampler"):
        idist.DistributedProxySampler([0, 1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="already a DistributedSampler"):
        idist.DistributedProxySampler(DistributedSampler(_dataset(), num_replicas=1, rank=0))
    with pytest.raises(TypeError, match="must have a length"):
        idist.DistributedProxySampler(_NoLength())
    with pytest.raises(ValueError, match="rank"):
        idist.DistributedProxySampler(SequentialSampler(range(4)), num_replicas=2, rank=2)
