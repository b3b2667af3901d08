"""idist.Parallel without a backend: runs in this process; argument validation."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

import ignite.distributed as idist
from ignite.distributed.comp_models import _SerialModel
from ignite.distributed.utils import _set_model


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def log() -> Iterator[_Collect]:
    _set_model(_SerialModel())
    handler = _Collect()
    logger = logging.getLogger("ignite.distributed.launcher.Parallel")
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_run_in_process_with_args_and_kwargs(log: _Collect) -> None:
    calls: list[tuple[Any, ...]] = []

    def training(local_rank: int, config: dict[str, int], **kwargs: Any) -> None:
        calls.append((local_rank, config, kwargs, idist.get_rank(), idist.backend()))

    with idist.Parallel(backend=None) as parallel:
        parallel.run(training, {"c": 12345}, a=1, b=2)
    assert calls == [(0, {"c": 12345}, {"a": 1, "b": 2}, 0, None)]
    assert log.messages[0] == "Initialized distributed launcher with backend: 'None'"
    assert log.messages[1] == f"- Run '{training}' in 1 processes"
    assert log.messages[2] == "End of run"
    assert len(log.messages) == 3


def test_run_without_context_manager(log: _Collect) -> None:
    seen: list[int] = []
    idist.Parallel().run(seen.append)
    assert seen == [0]


def test_run_propagates_exceptions(log: _Collect) -> None:
    def failing(local_rank: int) -> None:
        raise RuntimeError("inside")

    with pytest.raises(RuntimeError, match="inside"), idist.Parallel() as parallel:
        parallel.run(failing)
    assert "End of run" not in log.messages


def test_run_rejects_non_callable(log: _Collect) -> None:
    with pytest.raises(TypeError, match="func should be callable"):
        idist.Parallel().run("training")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({"nproc_per_node": 2}, "['nproc_per_node']"),
        ({"nnodes": 2, "node_rank": 0}, "['nnodes', 'node_rank']"),
        ({"master_addr": "host", "master_port": 2222}, "['master_addr', 'master_port']"),
        ({"init_method": "env://"}, "['init_method']"),
        ({"start_method": "fork"}, "['start_method']"),
    ],
)
def test_spawn_arguments_need_a_backend(kwargs: dict[str, Any], names: str) -> None:
    with pytest.raises(ValueError, match="need a distributed backend") as info:
        idist.Parallel(backend=None, **kwargs)
    assert names in str(info.value)
    assert "Available backends: (" in str(info.value)


def test_unknown_backend() -> None:
    with pytest.raises(ValueError, match=r"Unknown distributed backend 'ncl'\. Available backends"):
        idist.Parallel(backend="ncl")
