"""``auto_model``, ``auto_optim``, ``auto_dataloader``: adapt training objects to the current configuration.

The generic part (device placement, the DataLoader) lives here; what depends on the backend is a method
of the current computation model (``wrap_model``, ``wrap_optimizer``, ``adapt_dataloader_kwargs``,
``make_sampler``, ``wrap_dataloader``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import torch
from torch import nn
from torch.optim import Optimizer
from torch.utils.data import DataLoader, Dataset, Sampler
from torch.utils.data.distributed import DistributedSampler

from ignite.distributed import utils as idist

__all__ = ["DistributedProxySampler", "auto_dataloader", "auto_model", "auto_optim"]

_logger = logging.getLogger(__name__)


def auto_model(model: nn.Module, sync_bn: bool = False, **kwargs: Any) -> nn.Module:
    """Move ``model`` to ``idist.device()`` and adapt it to the configuration.

    Serial: ``torch.nn.DataParallel`` when several GPUs are visible, else the model itself. Distributed:
    whatever the backend does (DDP for native backends, parameter broadcast for Horovod, ...).

    Args:
        model: the model.
        sync_bn: convert batch norm layers to synchronized ones (distributed native backends).
        kwargs: passed to the wrapper (``DataParallel``, ``DistributedDataParallel``, ...).
    """
    if not isinstance(model, nn.Module):
        raise TypeError(f"auto_model expects a torch.nn.Module, got {type(model).__name__}")
    current = idist._current()
    device = current.device()
    tensors = [*model.parameters(), *model.buffers()]
    if any(t.device != device for t in tensors):
        model.to(device)
    return current.wrap_model(model, sync_bn=sync_bn, **kwargs)


def auto_optim(optimizer: Optimizer, **kwargs: Any) -> Optimizer:
    """Adapt ``optimizer`` to the configuration (unchanged unless the backend needs it, e.g. XLA, Horovod).

    ``kwargs`` are passed to the backend's wrapper (e.g. Horovod's ``DistributedOptimizer``).
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"auto_optim expects a torch.optim.Optimizer, got {type(optimizer).__name__}")
    return idist._current().wrap_optimizer(optimizer, **kwargs)


def auto_dataloader(dataset: Dataset[Any], **kwargs: Any) -> DataLoader[Any]:
    """A DataLoader over ``dataset`` adapted to the configuration.

    Serial: ``DataLoader(dataset, **kwargs)``, with ``pin_memory`` defaulting to whether the device is
    CUDA. Distributed: ``batch_size`` is divided by the world size and ``num_workers`` by the number of
    processes per node, a ``DistributedSampler`` is set up (or the given sampler is wrapped in
    :class:`DistributedProxySampler`), and the backend may wrap the loader (XLA).
    """
    current = idist._current()
    loader_kwargs = current.adapt_dataloader_kwargs(dataset, kwargs)
    _logger.info(f"Use data loader kwargs for dataset '{repr(dataset)[:20].strip()}': \n\t{loader_kwargs}")
    return current.wrap_dataloader(DataLoader(dataset, **loader_kwargs))


class DistributedProxySampler(DistributedSampler[Any]):
    """Make any sized sampler distributed: each process gets every ``num_replicas``-th index of its output.

    The wrapped sampler is iterated once per epoch on every process with the global torch seed set to
    ``seed + epoch`` (call :meth:`set_epoch`), so samplers drawing from the global generator give all
    processes the same sequence, of which each takes a disjoint part; the sequence is repeated if
    needed to give every process the same number of indices.
    The global random state is left as it was.

    Args:
        sampler: a ``torch.utils.data.Sampler`` with a constant length (not already distributed).
        num_replicas: number of processes (default: ``idist.get_world_size()``).
        rank: rank of this process (default: ``idist.get_rank()``).
    """

    def __init__(
        self, sampler: Sampler[Any], num_replicas: int | None = None, rank: int | None = None
    ) -> None:
        if not isinstance(sampler, Sampler):
            raise TypeError(
                f"DistributedProxySampler: sampler should be a torch Sampler, got {type(sampler)}"
            )
        if isinstance(sampler, DistributedSampler):
            raise TypeError("DistributedProxySampler: the sampler is already a DistributedSampler")
        if not hasattr(sampler, "__len__"):
            raise TypeError("DistributedProxySampler: the sampler must have a length (__len__)")
        num_replicas = idist.get_world_size() if num_replicas is None else num_replicas
        rank = idist.get_rank() if rank is None else rank
        # The sampler stands in for the dataset: DistributedSampler only takes its length.
        super().__init__(sampler, num_replicas=num_replicas, rank=rank, shuffle=False)  # type: ignore[arg-type]
        self.sampler = sampler

    def __iter__(self) -> Iterator[Any]:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(self.seed + self.epoch)
            indices = list(self.sampler)
        if not indices:
            return iter([])
        while len(indices) < self.total_size:
            indices += indices[: self.total_size - len(indices)]
        indices = indices[: self.total_size]
        mine = indices[self.rank : self.total_size : self.num_replicas]
        if len(mine) != self.num_samples:
            raise RuntimeError(
                f"DistributedProxySampler: got {len(mine)} indices for rank {self.rank}, expected "
                f"{self.num_samples}; the sampler's length must not change between epochs"
            )
        return iter(mine)
