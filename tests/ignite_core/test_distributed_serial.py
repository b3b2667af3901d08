"""ignite.distributed in a single process: the serial model behind the idist function API."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest
import torch

import ignite.distributed as idist
from ignite.distributed.comp_models import ComputationModel, _SerialModel
from ignite.distributed.utils import _set_model


@pytest.fixture(autouse=True)
def _serial() -> Iterator[None]:
    _set_model(_SerialModel())
    yield
    _set_model(_SerialModel())


def test_topology_defaults() -> None:
    assert idist.get_rank() == 0
    assert idist.get_local_rank() == 0
    assert idist.get_world_size() == 1
    assert idist.get_nproc_per_node() == 1
    assert idist.get_nnodes() == 1
    assert idist.get_node_rank() == 0
    assert idist.backend() is None
    assert idist.model_name() == "serial"
    assert idist.hostname() == socket.gethostname()
    expected = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    assert idist.device() == expected


def test_public_api_is_reexported() -> None:
    for name in idist.utils.__all__:
        assert getattr(idist, name) is getattr(idist.utils, name), name
    assert idist.Parallel is idist.launcher.Parallel
    assert idist.auto_model is idist.auto.auto_model
    assert idist.comp_models.ComputationModel is ComputationModel
    assert issubclass(_SerialModel, ComputationModel)
    assert isinstance(idist.has_native_dist_support, bool)
    assert isinstance(idist.has_xla_support, bool)
    assert isinstance(idist.has_hvd_support, bool)
    assert idist.has_native_dist_support == torch.distributed.is_available()


def test_unknown_attribute_is_attribute_error() -> None:
    with pytest.raises(AttributeError):
        idist.no_such_function  # noqa: B018


# ------------------------------------------------------------------ all_reduce
@pytest.mark.parametrize("op", ["SUM", "PRODUCT", "MIN", "MAX", "AND", "OR"])
def test_all_reduce_tensor_returns_input(op: str) -> None:
    t = torch.tensor([1, 2, 3])
    out = idist.all_reduce(t, op=op)
    assert out is t
    assert out.tolist() == [1, 2, 3]


@pytest.mark.parametrize("value", [3, 2.5, True])
def test_all_reduce_number_returns_number(value: float) -> None:
    out = idist.all_reduce(value)
    assert out == value
    assert type(out) is type(value)


@pytest.mark.parametrize("op", ["sum", "MEAN", "", "AVG"])
def test_all_reduce_unknown_op(op: str) -> None:
    with pytest.raises(ValueError, match="SUM, PRODUCT, MIN, MAX, AND, OR"):
        idist.all_reduce(torch.tensor(1.0), op=op)


@pytest.mark.parametrize("bad", ["abc", [1, 2], None, {"a": 1}])
def test_all_reduce_bad_type(bad: object) -> None:
    with pytest.raises(TypeError, match=r"all_reduce expects a torch\.Tensor or a number"):
        idist.all_reduce(bad)  # type: ignore[call-overload]


# ------------------------------------------------------------------ all_gather
def test_all_gather_tensor_returned_as_is() -> None:
    t = torch.rand(4, 3)
    assert idist.all_gather(t) is t
    scalar = torch.tensor(5.0)
    assert idist.all_gather(scalar) is scalar


@pytest.mark.parametrize("value", [1, 2.5, "abc", "", {"k": [1, 2]}, (1, "x"), None])
def test_all_gather_non_tensor_gives_one_item_list(value: object) -> None:
    out = idist.all_gather(value)
    assert isinstance(out, list)
    assert out == [value]


def test_all_gather_tensors_with_shapes() -> None:
    t = torch.arange(6).reshape(2, 3)
    out = idist.all_gather_tensors_with_shapes(t, [[2, 3]])
    assert isinstance(out, list) and len(out) == 1
    assert torch.equal(out[0], t)
    scalar = idist.all_gather_tensors_with_shapes(torch.tensor(7), [[]])
    assert len(scalar) == 1 and scalar[0].item() == 7


def test_all_gather_tensors_with_shapes_validates() -> None:
    t = torch.zeros(2, 3)
    with pytest.raises(TypeError, match=r"expects a torch\.Tensor"):
        idist.all_gather_tensors_with_shapes([1, 2], [[2]])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2 shapes for 1 processes"):
        idist.all_gather_tensors_with_shapes(t, [[2, 3], [1, 3]])
    with pytest.raises(ValueError, match="2 dimensions"):
        idist.all_gather_tensors_with_shapes(t, [[6]])
    with pytest.raises(ValueError, match=r"has shape \(2, 3\) but shapes\[0\] is \(1, 3\)"):
        idist.all_gather_tensors_with_shapes(t, [[1, 3]])


# ------------------------------------------------------------------ broadcast
@pytest.mark.parametrize("value", [torch.tensor([1.0, 2.0]), 3, 1.5, "text"])
@pytest.mark.parametrize("safe_mode", [False, True])
def test_broadcast_returns_input(value: object, safe_mode: bool) -> None:
    out = idist.broadcast(value, src=0, safe_mode=safe_mode)
    assert out is value


def test_broadcast_none_on_source_is_an_error() -> None:
    with pytest.raises(ValueError, match="source rank 0 passed None"):
        idist.broadcast(None, src=0, safe_mode=True)
    with pytest.raises(ValueError, match="source rank 0 passed None"):
        idist.broadcast(None)


def test_broadcast_validates() -> None:
    with pytest.raises(ValueError, match="src should be a rank between 0 and 0"):
        idist.broadcast(torch.tensor(1), src=1)
    with pytest.raises(ValueError, match="src should be a rank between 0 and 0"):
        idist.broadcast(torch.tensor(1), src=-1)


def test_broadcast_picklable_object() -> None:
    value = {"auc": 0.5, "curve": (1, 2)}
    assert idist.broadcast(value) is value
    assert idist.broadcast(value, safe_mode=True) is value


# ------------------------------------------------------------------ barrier, groups
def test_barrier_and_new_group() -> None:
    idist.barrier()
    assert idist.new_group([0]) == [0]
    with pytest.raises(ValueError, match="ranks should be a list of int"):
        idist.new_group(["0"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"ranks \[1\] are outside 0..0"):
        idist.new_group([0, 1])


def test_group_argument_is_accepted() -> None:
    t = torch.ones(2)
    assert idist.all_reduce(t, group=[0]) is t
    assert idist.all_gather(t, group=[0]) is t
    assert idist.all_gather("a", group=[0]) == ["a"]


# ------------------------------------------------------------------ one_rank_only / one_rank_first
def test_one_rank_only_runs_on_rank_zero() -> None:
    calls: list[int] = []

    @idist.one_rank_only()
    def handler(x: int) -> int:
        calls.append(x)
        return x * 2

    assert handler(3) == 6
    assert calls == [3]
    assert handler.__name__ == "handler"


def test_one_rank_only_other_rank_is_skipped() -> None:
    calls: list[int] = []

    @idist.one_rank_only(rank=1, with_barrier=True)
    def handler(x: int) -> int:
        calls.append(x)
        return x

    assert handler(3) is None
    assert calls == []


def test_one_rank_only_validates_rank() -> None:
    with pytest.raises(ValueError, match="non-negative int"):
        idist.one_rank_only(rank=-1)


def test_one_rank_first() -> None:
    order: list[str] = []
    with idist.one_rank_first():
        order.append("in")
    with idist.one_rank_first(local=True):
        order.append("local")
    assert order == ["in", "local"]


def test_one_rank_first_rank_out_of_range() -> None:
    with (
        pytest.raises(ValueError, match=r"between 0 and 0 \(world size 1\), got 1"),
        idist.one_rank_first(rank=1),
    ):
        pass
    with (
        pytest.raises(ValueError, match=r"processes per node 1"),
        idist.one_rank_first(rank=2, local=True),
    ):
        pass


# ------------------------------------------------------------------ context management
def test_finalize_in_serial_keeps_serial() -> None:
    idist.finalize()
    assert idist.model_name() == "serial"
    assert idist.get_world_size() == 1


def test_set_local_rank() -> None:
    previous = ComputationModel._ext_local_rank
    try:
        idist.set_local_rank(3)
        assert ComputationModel._ext_local_rank == 3
        with pytest.raises(ValueError, match="non-negative int"):
            idist.set_local_rank(-1)
    finally:
        ComputationModel._ext_local_rank = previous


def test_show_config_logs_configuration() -> None:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logger = logging.getLogger("ignite.distributed.utils")
    handler = Collect(level=logging.INFO)
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        idist.show_config()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert "distributed configuration: serial" in records
    assert "backend: None" in records
    assert "world size: 1" in records
    assert "rank: 0" in records
    assert f"hostname: {socket.gethostname()}" in records


def test_serial_model_construction() -> None:
    assert isinstance(_SerialModel.create_from_context(), _SerialModel)
    assert isinstance(_SerialModel.create_from_backend(), _SerialModel)
    with pytest.raises(ValueError, match="no backend"):
        _SerialModel.create_from_backend("gloo")
    with pytest.raises(NotImplementedError, match="cannot spawn"):
        _SerialModel.spawn(print, ())
    assert "world_size=1" in repr(_SerialModel())


def test_initialize_unknown_backend_lists_available() -> None:
    with pytest.raises(
        ValueError, match=r"Unknown distributed backend 'no-such-backend'\. Available backends: \("
    ):
        idist.initialize("no-such-backend")
    assert idist.model_name() == "serial"


def test_spawn_validates_arguments() -> None:
    with pytest.raises(ValueError, match="nproc_per_node should be a positive int"):
        idist.spawn("gloo", print, (), nproc_per_node=0)
    with pytest.raises(TypeError, match="fn should be callable"):
        idist.spawn("gloo", "print", ())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown distributed backend"):
        idist.spawn("no-such-backend", print, ())


def test_registered_computation_models_starts_with_serial() -> None:
    models = idist.registered_computation_models
    assert models[0] is _SerialModel
    assert _SerialModel in list(models)
    assert len(models) == len(idist.comp_models.setup_available_computation_models())
    assert all(issubclass(m, ComputationModel) for m in models)
    assert isinstance(idist.available_backends(), tuple)
