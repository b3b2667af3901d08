"""A backend registered through the plugin host, and the base model's collectives across several ranks.

``ThreadModel`` is a test computation model whose "processes" are threads of this process exchanging
tensors through barriers. It implements only the ``_do_*`` primitives, so the tests exercise the
normalisation the abstract ``ComputationModel`` does for every backend (numbers, strings, objects, 0-d
tensors, in-place results, safe broadcast, shapes, groups), and the routing of ``idist.initialize``,
``spawn``, ``Parallel``, ``sync`` and ``available_backends`` through the plugin host.
"""

from __future__ import annotations

import ast
import logging
import os
import pathlib
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

import pytest
import torch

import ignite.distributed as idist
import ignite.plugins
from ignite.distributed.comp_models import ComputationModel, _SerialModel
from ignite.distributed.utils import _set_model
from ignite.plugins import hookimpl

BACKEND = "threadsim"


class _Exchange:
    def __init__(self, size: int) -> None:
        self.slots: list[Any] = [None] * size
        self.barrier = threading.Barrier(size, timeout=30)

    def run(self, index: int, value: Any) -> list[Any]:
        self.slots[index] = value
        self.barrier.wait()
        out = list(self.slots)
        self.barrier.wait()
        return out


class _World:
    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._exchanges: dict[tuple[int, ...], _Exchange] = {}

    def exchange(self, members: tuple[int, ...], rank: int, value: Any) -> list[Any]:
        with self._lock:
            exchange = self._exchanges.setdefault(members, _Exchange(len(members)))
        return exchange.run(members.index(rank), value)


_REDUCE: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "SUM": lambda s: s.sum(0),
    "PRODUCT": lambda s: s.prod(0),
    "MIN": lambda s: s.amin(0),
    "MAX": lambda s: s.amax(0),
}


class ThreadModel(ComputationModel):
    """Ranks are threads sharing a ``_World``."""

    name: ClassVar[str] = "thread-sim"
    available_backends: ClassVar[tuple[str, ...]] = (BACKEND,)
    spawn_calls: ClassVar[list[dict[str, Any]]] = []

    def __init__(
        self, world: _World, rank: int, nproc_per_node: int | None = None, **init_kwargs: Any
    ) -> None:
        self.world = world
        self.rank = rank
        self.nproc = world.size if nproc_per_node is None else nproc_per_node
        self.init_kwargs = init_kwargs
        self.finalized = False

    def get_local_rank(self) -> int:
        return self.rank % self.nproc

    def get_rank(self) -> int:
        return self.rank

    def get_world_size(self) -> int:
        return self.world.size

    def get_nproc_per_node(self) -> int:
        return self.nproc

    def get_nnodes(self) -> int:
        return self.world.size // self.nproc

    def get_node_rank(self) -> int:
        return self.rank // self.nproc

    def device(self) -> torch.device:
        return torch.device("cpu")

    def backend(self) -> str | None:
        return BACKEND

    def finalize(self) -> None:
        self.finalized = True

    def barrier(self) -> None:
        self.world.exchange(tuple(range(self.world.size)), self.rank, None)

    @staticmethod
    def create_from_context() -> ThreadModel | None:
        return None

    @staticmethod
    def create_from_backend(backend: str, **kwargs: Any) -> ThreadModel:
        assert backend == BACKEND
        return ThreadModel(_World(1), 0, **kwargs)

    @staticmethod
    def spawn(
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs_dict: Mapping[str, Any] | None = None,
        nproc_per_node: int = 1,
        nnodes: int = 1,
        node_rank: int = 0,
        master_addr: str | None = None,
        master_port: int | None = None,
        backend: str | None = None,
        init_method: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Records the call, then runs the workers one after another (no collectives between them)."""
        ThreadModel.spawn_calls.append(
            {
                "nproc_per_node": nproc_per_node,
                "nnodes": nnodes,
                "node_rank": node_rank,
                "master_addr": master_addr,
                "master_port": master_port,
                "backend": backend,
                "init_method": init_method,
                **kwargs,
            }
        )
        world = _World(nproc_per_node * nnodes)
        for local_rank in range(nproc_per_node):
            model = ThreadModel(world, node_rank * nproc_per_node + local_rank, nproc_per_node)
            model.run_worker(fn, local_rank, args, kwargs_dict or {})

    def _members(self, group: Any | None) -> tuple[int, ...]:
        return tuple(range(self.world.size)) if group is None else tuple(group)

    def _do_all_reduce(self, tensor: torch.Tensor, op: str, group: Any | None) -> torch.Tensor:
        stacked = torch.stack(self.world.exchange(self._members(group), self.rank, tensor.clone()))
        if op in ("AND", "OR"):
            out = stacked[0].clone()
            for row in stacked[1:]:
                out = out & row if op == "AND" else out | row
            return out
        reduced: torch.Tensor = _REDUCE[op](stacked)
        return reduced.to(tensor.dtype)

    def _do_all_gather(self, tensor: torch.Tensor, group: Any | None) -> torch.Tensor:
        return torch.cat(self.world.exchange(self._members(group), self.rank, tensor.clone()))

    def _do_broadcast(self, tensor: torch.Tensor, src: int) -> torch.Tensor:
        values: list[torch.Tensor] = self.world.exchange(self._members(None), self.rank, tensor.clone())
        return values[src].clone()

    def _do_new_group(self, ranks: list[int], **kwargs: Any) -> Any:
        return tuple(ranks)

    def _rank_not_in_group(self, group: Any) -> bool:
        return self.rank not in group


def run_ranks(size: int, fn: Callable[[ThreadModel], Any]) -> list[Any]:
    """Run ``fn(model_of_rank)`` in ``size`` threads; return the results ordered by rank."""
    world = _World(size)
    results: list[Any] = [None] * size
    errors: list[BaseException] = []

    def target(rank: int) -> None:
        try:
            results[rank] = fn(ThreadModel(world, rank))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=target, args=(r,)) for r in range(size)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise errors[0]
    return results


# ------------------------------------------------------------------ plugin registration
class _TestPlugin:
    def __init__(self) -> None:
        self.adopt: ComputationModel | None = None

    @hookimpl
    def ignite_register_dist_backends(self, registry: ignite.plugins.Registry) -> None:
        registry.add(BACKEND, ThreadModel)
        registry.add("threadsim-needs-sdk", ThreadModel, requires=("ignite_test_missing_sdk_xyz",))
        registry.add("threadsim-off", ThreadModel)

    @hookimpl
    def ignite_dist_model_from_context(self) -> ComputationModel | None:
        return self.adopt


@pytest.fixture
def plugin() -> Iterator[_TestPlugin]:
    obj = _TestPlugin()
    name = ignite.plugins.register(obj, name="test-threadsim")
    _set_model(_SerialModel())
    ThreadModel.spawn_calls.clear()
    try:
        yield obj
    finally:
        _set_model(_SerialModel())
        ignite.plugins.unregister(name)


@pytest.fixture(autouse=True)
def _serial() -> Iterator[None]:
    _set_model(_SerialModel())
    yield
    _set_model(_SerialModel())


# ------------------------------------------------------------------ collectives across ranks
@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ("SUM", [16, 12]),
        ("PRODUCT", [120, 64]),
        ("MIN", [3, 4]),
        ("MAX", [8, 4]),
        ("AND", [0, 4]),
        ("OR", [15, 4]),
    ],
)
def test_all_reduce_tensor_in_place(op: str, expected: list[int]) -> None:
    values = [[3, 4], [5, 4], [8, 4]]  # bits 0b0011, 0b0101, 0b1000

    def body(model: ThreadModel) -> tuple[bool, list[int]]:
        t = torch.tensor(values[model.rank])
        out = model.all_reduce(t, op=op)
        return out is t, t.tolist()

    for same, result in run_ranks(3, body):
        assert same
        assert result == expected


def test_all_reduce_numbers() -> None:
    def body(model: ThreadModel) -> tuple[Any, Any]:
        return model.all_reduce(model.rank + 1), model.all_reduce(0.1, op="SUM")

    for total, floats in run_ranks(3, body):
        assert total == 6 and type(total) is int
        assert type(floats) is float
        assert floats == pytest.approx(0.3, rel=1e-15)


def test_all_reduce_bad_op_raises_before_communicating() -> None:
    model = ThreadModel(_World(2), 0)
    with pytest.raises(ValueError, match="Unsupported reduction operation 'MEAN'"):
        model.all_reduce(torch.ones(1), op="MEAN")


def test_all_gather_tensors() -> None:
    def body(model: ThreadModel) -> tuple[torch.Tensor, torch.Tensor]:
        r = model.rank
        return model.all_gather(torch.tensor([[r, r]], dtype=torch.int32)), model.all_gather(
            torch.tensor(r * 1.5)
        )

    for rows, scalars in run_ranks(3, body):
        assert rows.shape == (3, 2) and rows.dtype == torch.int32
        assert rows[:, 0].tolist() == [0, 1, 2]
        assert scalars.shape == (3,)
        assert scalars.tolist() == [0.0, 1.5, 3.0]


def test_all_gather_numbers_strings_objects() -> None:
    texts = ["", "é", "a longer string 🚀"]

    def body(model: ThreadModel) -> tuple[Any, ...]:
        r = model.rank
        return (
            model.all_gather(r),
            model.all_gather(r / 4),
            model.all_gather(texts[r]),
            model.all_gather({"rank": r, "items": list(range(r))}),
        )

    for ints, floats, strings, objects in run_ranks(3, body):
        assert ints == [0, 1, 2]
        assert floats == [0.0, 0.25, 0.5]
        assert strings == texts
        assert objects == [{"rank": r, "items": list(range(r))} for r in range(3)]


def test_all_gather_tensors_with_shapes() -> None:
    shapes = [[1, 2], [3, 2], [2, 2]]

    def body(model: ThreadModel) -> list[torch.Tensor]:
        r = model.rank
        return model.all_gather_tensors_with_shapes(torch.full(shapes[r], float(r)), shapes)

    for gathered in run_ranks(3, body):
        assert [list(t.shape) for t in gathered] == shapes
        for r, t in enumerate(gathered):
            assert torch.equal(t, torch.full(shapes[r], float(r)))


def test_broadcast_values() -> None:
    def body(model: ThreadModel) -> tuple[Any, ...]:
        r = model.rank
        t = torch.tensor([1.0, 2.0, 3.0]) if r == 1 else torch.zeros(3)
        out = model.broadcast(t, src=1)
        return (
            out is t,
            t.tolist(),
            model.broadcast(2.5 if r == 2 else 0.0, src=2),
            model.broadcast("hello" if r == 0 else "x" * (r + 10), src=0),
        )

    for same, tensor, number, text in run_ranks(3, body):
        assert same
        assert tensor == [1.0, 2.0, 3.0]
        assert number == 2.5
        assert text == "hello"


def test_broadcast_safe_mode_allows_none_elsewhere() -> None:
    source = torch.arange(6, dtype=torch.float32).reshape(2, 3)

    def body(model: ThreadModel) -> tuple[Any, ...]:
        src = model.rank == 0
        return (
            model.broadcast(source if src else None, src=0, safe_mode=True),
            model.broadcast(7 if src else None, src=0, safe_mode=True),
            model.broadcast("text" if src else "ignored", src=0, safe_mode=True),
            model.broadcast((torch.ones(2), 0.5) if src else None, src=0, safe_mode=True),
        )

    for tensor, number, text, pair in run_ranks(3, body):
        assert isinstance(tensor, torch.Tensor)
        assert tensor.dtype == torch.float32 and torch.equal(tensor, source)
        assert number == 7
        assert text == "text"
        assert torch.equal(pair[0], torch.ones(2)) and pair[1] == 0.5


def test_broadcast_picklable_object() -> None:
    def body(model: ThreadModel) -> Any:
        return model.broadcast({"rank": model.rank, "items": [1, 2]} if model.rank == 1 else {}, src=1)

    assert run_ranks(3, body) == [{"rank": 1, "items": [1, 2]}] * 3


def test_groups() -> None:
    def body(model: ThreadModel) -> tuple[Any, ...]:
        r = model.rank
        t = torch.tensor([r + 1])
        reduced = model.all_reduce(t, group=[0, 2])
        gathered = model.all_gather(f"r{r}", group=[0, 2])
        return reduced.tolist(), gathered

    reduced, gathered = zip(*run_ranks(3, body))
    assert reduced == ([4], [2], [4])
    assert gathered[0] == gathered[2] == ["r0", "r2"]
    assert gathered[1] == "r1"  # outside the group: the input comes back


def test_new_group_validates_ranks() -> None:
    model = ThreadModel(_World(2), 0)
    assert model.new_group([1, 0]) == (1, 0)
    with pytest.raises(ValueError, match=r"ranks \[2\] are outside 0..1"):
        model.new_group([0, 2])


# ------------------------------------------------------------------ routing through the plugin host
def test_backend_is_listed(plugin: _TestPlugin) -> None:
    backends = idist.available_backends()
    assert BACKEND in backends
    assert "threadsim-needs-sdk" not in backends
    assert "threadsim-off" not in backends  # the model does not declare it available
    models = idist.registered_computation_models
    assert ThreadModel in list(models)
    assert list(models).count(ThreadModel) == 1
    assert models[0] is _SerialModel


def test_initialize_and_finalize(plugin: _TestPlugin) -> None:
    idist.initialize(BACKEND, timeout=5)
    model = idist.utils._model
    assert isinstance(model, ThreadModel)
    assert model.init_kwargs == {"timeout": 5}
    assert idist.backend() == BACKEND
    assert idist.model_name() == "thread-sim"
    assert idist.get_world_size() == 1
    assert idist.all_gather("s") == ["s"]
    with pytest.raises(RuntimeError, match="already initialized with backend 'threadsim'"):
        idist.initialize(BACKEND)
    idist.finalize()
    assert model.finalized
    assert idist.backend() is None
    assert idist.model_name() == "serial"


def test_initialize_errors(plugin: _TestPlugin) -> None:
    with pytest.raises(ignite.plugins.PluginNotInstalledError) as info:
        idist.initialize("threadsim-needs-sdk")
    assert isinstance(info.value, ModuleNotFoundError)
    assert "ignite_test_missing_sdk_xyz" in str(info.value)
    with pytest.raises(ValueError, match=r"'threadsim-off' \(ThreadModel\) is not usable on this machine"):
        idist.initialize("threadsim-off")
    with pytest.raises(
        ValueError, match=r"Unknown distributed backend 'nope'\. Available backends: .*threadsim"
    ):
        idist.initialize("nope")
    assert idist.model_name() == "serial"


class _BadPlugin:
    @hookimpl
    def ignite_register_dist_backends(self, registry: ignite.plugins.Registry) -> None:
        registry.add("threadsim-bad", "logging:Logger")


def test_registered_object_must_be_a_model(plugin: _TestPlugin) -> None:
    name = ignite.plugins.register(_BadPlugin(), name="test-threadsim-bad")
    try:
        with pytest.raises(
            TypeError, match=r"not a subclass of ignite\.distributed\.comp_models\.ComputationModel"
        ):
            idist.initialize("threadsim-bad")
        with pytest.warns(
            ignite.plugins.PluginWarning, match="'threadsim-bad' gave <class 'logging.Logger'>"
        ):
            backends = idist.available_backends()
        assert BACKEND in backends and "threadsim-bad" not in backends
    finally:
        ignite.plugins.unregister(name)


def _worker(local_rank: int, tag: str, seen: list[tuple[Any, ...]], scale: int = 1) -> None:
    seen.append((local_rank, tag, scale, idist.backend(), idist.get_rank(), idist.get_world_size()))


def test_spawn_routes_through_the_model(plugin: _TestPlugin) -> None:
    seen: list[tuple[Any, ...]] = []
    idist.spawn(BACKEND, _worker, ("t", seen), kwargs_dict={"scale": 3}, nproc_per_node=2, timeout=9)
    assert seen == [(0, "t", 3, BACKEND, 0, 2), (1, "t", 3, BACKEND, 1, 2)]
    assert ThreadModel.spawn_calls[-1]["timeout"] == 9
    assert ThreadModel.spawn_calls[-1]["backend"] == BACKEND
    assert idist.model_name() == "serial"  # each worker finalized


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def launcher_log() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("ignite.distributed.launcher.Parallel")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_parallel_spawns(plugin: _TestPlugin, launcher_log: _Collect) -> None:
    seen: list[tuple[Any, ...]] = []
    with idist.Parallel(backend=BACKEND, nproc_per_node=2, extra_option=True) as parallel:
        parallel.run(_worker, "p", seen, scale=2)
    assert seen == [(0, "p", 2, BACKEND, 0, 2), (1, "p", 2, BACKEND, 1, 2)]
    call = ThreadModel.spawn_calls[-1]
    assert call["nproc_per_node"] == 2 and call["nnodes"] == 1 and call["node_rank"] == 0
    assert call["extra_option"] is True
    assert launcher_log.messages[0] == "Initialized distributed launcher with backend: 'threadsim'"
    assert (
        launcher_log.messages[1]
        == "- Parameters to spawn processes: \n\tnproc_per_node: 2\n\tnnodes: 1\n\tnode_rank: 0"
    )
    assert launcher_log.messages[2].startswith("Spawn function '<function _worker at ")
    assert launcher_log.messages[2].endswith("' in 2 processes")
    assert launcher_log.messages[-1] == "End of run"


def test_parallel_initializes_from_environment(plugin: _TestPlugin, launcher_log: _Collect) -> None:
    seen: list[tuple[Any, ...]] = []
    with idist.Parallel(backend=BACKEND, init_method="env://") as parallel:
        model = idist.utils._model
        assert isinstance(model, ThreadModel)
        assert model.init_kwargs == {"init_method": "env://"}
        parallel.run(_worker, "env", seen)
    assert seen == [(0, "env", 1, BACKEND, 0, 1)]
    assert model.finalized
    assert idist.model_name() == "serial"
    assert "Initialized processing group with backend: 'threadsim'" in launcher_log.messages
    assert "Finalized processing group with backend: 'threadsim'" in launcher_log.messages
    assert ThreadModel.spawn_calls == []


def test_parallel_without_context_manager_needs_it(plugin: _TestPlugin) -> None:
    with pytest.raises(RuntimeError, match="initializes the backend on entering the context"):
        idist.Parallel(backend=BACKEND).run(_worker, "x", [])


def test_parallel_finalizes_on_error(plugin: _TestPlugin) -> None:
    with pytest.raises(KeyError), idist.Parallel(backend=BACKEND):
        assert idist.backend() == BACKEND
        raise KeyError("boom")
    assert idist.backend() is None


def test_parallel_backend_errors(plugin: _TestPlugin) -> None:
    with pytest.raises(ignite.plugins.PluginNotInstalledError):
        idist.Parallel(backend="threadsim-needs-sdk")
    with pytest.raises(ValueError, match="Unknown distributed backend 'nope'"):
        idist.Parallel(backend="nope", nproc_per_node=2)


def test_sync_adopts_a_context(plugin: _TestPlugin) -> None:
    adopted = ThreadModel(_World(4), 2, nproc_per_node=2)
    plugin.adopt = adopted
    idist.sync()
    assert idist.utils._model is adopted
    assert (idist.get_rank(), idist.get_local_rank(), idist.get_node_rank(), idist.get_nnodes()) == (
        2,
        0,
        1,
        2,
    )
    plugin.adopt = None
    idist.sync()
    assert idist.model_name() == "serial"


def test_torch_distributed_group_is_adopted_on_first_use(plugin: _TestPlugin, tmp_path: pathlib.Path) -> None:
    dist = torch.distributed
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    try:
        adopted = ThreadModel(_World(1), 0)
        plugin.adopt = adopted
        assert idist.get_rank() == 0
        assert idist.utils._model is adopted
        assert idist.backend() == BACKEND
        idist.utils._set_model(_SerialModel())
        plugin.adopt = None
        if "gloo" in ignite.plugins.names("dist_backends"):
            # ignite-plugins-dist is installed: its native model adopts the group
            assert (idist.get_world_size(), idist.model_name(), idist.backend()) == (1, "native-dist", "gloo")
            return
        with pytest.warns(
            UserWarning, match="backend 'gloo'.* no installed ignite plugin adopts the process group"
        ):
            assert idist.get_world_size() == 1
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert idist.get_world_size() == 1  # warned once, then stays serial
    finally:
        dist.destroy_process_group()
        idist.utils._set_model(_SerialModel())


def test_core_has_no_backend_branches() -> None:
    """No comparison against a backend name anywhere in ignite.distributed: backends live in models."""
    names = {"nccl", "gloo", "mpi", "xla-tpu", "horovod", "native-dist", "xla-dist", "horovod-dist"}
    root = pathlib.Path(idist.__file__).parent
    offending = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Compare, ast.Match)):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Constant) and sub.value in names:
                        offending.append(f"{path.name}:{sub.lineno}")
    assert offending == []


def test_serial_use_scans_no_entry_point() -> None:
    code = (
        "import sys, torch\n"
        "import ignite.distributed as idist\n"
        "import ignite.plugins.host as api\n"
        "assert idist.get_rank() == 0 and idist.get_world_size() == 1 and idist.backend() is None\n"
        "assert idist.all_reduce(2) == 2 and idist.all_gather('a') == ['a']\n"
        "idist.barrier(); idist.device()\n"
        "with idist.Parallel() as p: p.run(lambda r: None)\n"
        "assert api._host is None, 'plugin host was built'\n"
        "assert 'pluggy' not in sys.modules\n"
        "idist.available_backends()\n"
        "assert api._host is not None\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONWARNINGS": "error::UserWarning"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"nproc_per_node": 0}, r"nproc_per_node should be a positive int, got 0"),
        ({"nproc_per_node": 2, "nnodes": 0}, r"nnodes should be a positive int, got 0"),
        ({"nproc_per_node": 2, "nnodes": 2}, r"node_rank is required when nnodes > 1"),
        (
            {"nproc_per_node": 2, "nnodes": 2, "node_rank": 2},
            r"node_rank should be an int between 0 and 1, got 2",
        ),
        (
            {"nproc_per_node": 2, "master_addr": "10.0.0.1"},
            r"master_port is required when master_addr is given",
        ),
        (
            {"nproc_per_node": 2, "nnodes": 2, "node_rank": 1},
            r"give master_addr and master_port \(or init_method\)",
        ),
        (
            {"nnodes": 2, "node_rank": 1},
            r"\['nnodes', 'node_rank'\] are used to spawn processes and need nproc_per_node",
        ),
        ({"start_method": "fork"}, r"\['start_method'\] are used to spawn processes"),
    ],
)
def test_parallel_validates_spawn_arguments(
    plugin: _TestPlugin, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        idist.Parallel(backend=BACKEND, **kwargs)


def test_parallel_multi_node_parameters_reach_spawn(plugin: _TestPlugin, launcher_log: _Collect) -> None:
    seen: list[tuple[Any, ...]] = []
    parallel = idist.Parallel(
        backend=BACKEND, nproc_per_node=1, nnodes=2, node_rank=1, master_addr="10.0.0.1", master_port=2345
    )
    parallel.run(_worker, "n", seen)
    call = ThreadModel.spawn_calls[-1]
    assert (call["nnodes"], call["node_rank"], call["master_addr"], call["master_port"]) == (
        2,
        1,
        "10.0.0.1",
        2345,
    )
    assert seen == [(0, "n", 1, BACKEND, 1, 2)]
    assert "\tmaster_addr: 10.0.0.1\n\tmaster_port: 2345" in launcher_log.messages[1]


class _RecordingModel(ThreadModel):
    def __init__(self, rank: int, events: list[str]) -> None:
        super().__init__(_World(2), rank)
        self.events = events

    def barrier(self) -> None:
        self.events.append("barrier")


@pytest.mark.parametrize(("rank", "expected"), [(0, ["block", "barrier"]), (1, ["barrier", "block"])])
def test_one_rank_first_order(rank: int, expected: list[str]) -> None:
    events: list[str] = []
    _set_model(_RecordingModel(rank, events))
    with idist.one_rank_first(rank=0):
        events.append("block")
    assert events == expected


def test_one_rank_first_releases_others_when_the_block_fails() -> None:
    events: list[str] = []
    _set_model(_RecordingModel(1, events))
    with pytest.raises(OSError, match="download failed"), idist.one_rank_first(rank=1):
        raise OSError("download failed")
    assert events == ["barrier"]


def test_one_rank_first_local_uses_local_rank() -> None:
    events: list[str] = []
    model = _RecordingModel(1, events)
    model.nproc = 1  # two nodes of one process: local rank 0 everywhere
    _set_model(model)
    with idist.one_rank_first(local=True):
        events.append("block")
    assert events == ["block", "barrier"]


@pytest.mark.parametrize(("rank", "ran"), [(0, True), (1, False)])
def test_one_rank_only_with_barrier(rank: int, ran: bool) -> None:
    events: list[str] = []
    _set_model(_RecordingModel(rank, events))

    @idist.one_rank_only(rank=0, with_barrier=True)
    def handler() -> str:
        events.append("handler")
        return "done"

    assert handler() == ("done" if ran else None)
    assert events == (["handler", "barrier"] if ran else ["barrier"])
