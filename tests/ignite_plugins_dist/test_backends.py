"""Backends in this process: availability, what is missing for mpi/nccl/xla-tpu/horovod, gloo with one process."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import torch
import torch.distributed as dist

import ignite.distributed as idist
from ignite.distributed.utils import _current
from ignite.plugins import PluginNotInstalledError
from ignite_plugins_dist.native import NativeDistModel

HAS_HOROVOD = importlib.util.find_spec("horovod") is not None
HAS_XLA = importlib.util.find_spec("torch_xla") is not None


@pytest.fixture(autouse=True)
def serial() -> Iterator[None]:
    idist.sync()
    yield
    if idist.backend() is not None:
        idist.finalize()


def test_available_backends_reflect_this_torch() -> None:
    backends = idist.available_backends()
    assert "gloo" in backends
    assert ("mpi" in backends) == dist.is_mpi_available()
    assert ("nccl" in backends) == (dist.is_nccl_available() and torch.cuda.is_available())
    assert ("horovod" in backends) == HAS_HOROVOD
    assert ("xla-tpu" in backends) == HAS_XLA


@pytest.mark.skipif(dist.is_mpi_available(), reason="this torch has MPI")
def test_mpi_error_names_what_is_missing() -> None:
    message = (
        r"'mpi' \(NativeDistModel\) is not usable on this machine: this torch .* is built without MPI support"
    )
    with pytest.raises(ValueError, match=message):
        idist.initialize("mpi")
    with pytest.raises(ValueError, match="built without MPI support"):
        idist.Parallel(backend="mpi", nproc_per_node=2)
    with pytest.raises(ValueError, match="built without MPI support"):
        NativeDistModel("mpi")


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available (see test_cuda.py)")
def test_nccl_error_names_what_is_missing() -> None:
    with pytest.raises(
        ValueError,
        match=r"'nccl' .* not usable on this machine: (this torch .* without NCCL|nccl needs CUDA)",
    ):
        idist.initialize("nccl")


@pytest.mark.skipif(HAS_XLA, reason="torch_xla is installed")
def test_xla_without_torch_xla_names_the_install_command() -> None:
    with pytest.raises(PluginNotInstalledError, match=r"needs the optional module 'torch_xla'") as info:
        idist.initialize("xla-tpu")
    assert str(info.value).endswith('pip install "ignite-plugins-dist[xla]"')
    with pytest.raises(ModuleNotFoundError, match=r"ignite-plugins-dist\[xla\]"):
        idist.Parallel(backend="xla-tpu", nproc_per_node=2)


@pytest.mark.skipif(HAS_HOROVOD, reason="horovod is installed")
def test_horovod_without_horovod_names_the_install_command() -> None:
    with pytest.raises(PluginNotInstalledError, match=r"needs the optional module 'horovod'") as info:
        idist.initialize("horovod")
    assert str(info.value).endswith('pip install "ignite-plugins-dist[horovod]"')


def test_gloo_in_one_process() -> None:
    idist.initialize("gloo", timeout=30)
    assert (idist.backend(), idist.model_name(), idist.get_world_size(), idist.get_rank()) == (
        "gloo",
        "native-dist",
        1,
        0,
    )
    assert (
        idist.get_nproc_per_node(),
        idist.get_nnodes(),
        idist.get_node_rank(),
        idist.get_local_rank(),
    ) == (1, 1, 0, 0)
    t = torch.tensor([1.0, 2.0])
    assert idist.all_reduce(t) is t and t.tolist() == [1.0, 2.0]
    assert idist.all_reduce(3) == 3 and idist.all_reduce(2.5, op="MAX") == 2.5
    assert idist.all_gather(torch.tensor([4])).tolist() == [4]
    assert idist.all_gather("x") == ["x"] and idist.all_gather({"a": 1}) == [{"a": 1}]
    assert idist.broadcast("s") == "s" and idist.broadcast([1], safe_mode=True) == [1]
    idist.barrier()
    with pytest.raises(RuntimeError, match="already initialized with backend 'gloo'"):
        idist.initialize("gloo")
    model = _current()
    assert isinstance(model, NativeDistModel) and model.collective_timeout == 30.0
    assert idist.auto_model(torch.nn.Linear(2, 2)).__class__ is torch.nn.Linear  # one process: no DDP
    idist.finalize()
    assert idist.backend() is None and not dist.is_initialized()


def test_adopting_needs_an_initialized_group() -> None:
    assert NativeDistModel.create_from_context() is None
    with pytest.raises(RuntimeError, match=r"there is none: call idist\.initialize"):
        NativeDistModel()


def test_init_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="Give both rank and world_size"):
        NativeDistModel("gloo", rank=0)
    with pytest.raises(ValueError, match="needs rank and world_size"):
        NativeDistModel("gloo", init_method="tcp://127.0.0.1:1")
    with pytest.raises(ValueError, match="should be positive"):
        NativeDistModel("gloo", timeout=0)
    with pytest.raises(ValueError, match=r"NativeDistModel\.spawn needs a backend"):
        NativeDistModel.spawn(print, ())
    assert not dist.is_initialized()


def test_a_user_group_is_adopted_with_its_timeout(tmp_path: Path) -> None:
    dist.init_process_group(
        "gloo",
        init_method=f"file://{tmp_path / 'store'}",
        rank=0,
        world_size=1,
        timeout=timedelta(seconds=42),
    )
    try:
        assert (idist.model_name(), idist.backend(), idist.get_world_size()) == ("native-dist", "gloo", 1)
        model = _current()
        assert isinstance(model, NativeDistModel) and model.collective_timeout == 42.0
        assert NativeDistModel(timeout=7).collective_timeout == 7.0  # applied to the group
        assert NativeDistModel().collective_timeout == 7.0
        idist.finalize()  # like 0.5, finalize destroys an adopted group too
        assert not dist.is_initialized() and idist.backend() is None
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
