"""Tests for ignite.utils and the ignite._utils re-export."""

from __future__ import annotations

import hashlib
import io
import logging
import random
import uuid
from collections import OrderedDict, defaultdict, namedtuple
from pathlib import Path
from typing import Any

import pytest
import torch

import ignite._utils as legacy_utils
from ignite.utils import (
    apply_to_tensor,
    apply_to_type,
    convert_tensor,
    deprecated,
    hash_checkpoint,
    manual_seed,
    setup_logger,
    to_onehot,
)

Pair = namedtuple("Pair", ["x", "y"])


def test_convert_tensor_nested() -> None:
    t = torch.ones(2)
    assert convert_tensor(t) is t  # no device: untouched
    assert convert_tensor(t, device="cpu").device.type == "cpu"
    data = {"a": [t, (t, "label")], "b": Pair(t, "3"), "c": b"raw"}
    moved = convert_tensor(data, device=torch.device("cpu"), non_blocking=True)
    assert isinstance(moved["a"], list) and isinstance(moved["a"][1], tuple)
    assert moved["a"][1][1] == "label"
    assert isinstance(moved["b"], Pair) and moved["b"].y == "3"
    assert moved["c"] == b"raw"
    assert torch.equal(moved["a"][0], t)


def test_apply_to_tensor_and_type() -> None:
    doubled: Any = apply_to_tensor([torch.tensor(1.0), {"k": torch.tensor(2.0)}], lambda t: t * 2)
    assert doubled[0].item() == 2.0 and doubled[1]["k"].item() == 4.0
    ordered = apply_to_type(OrderedDict(a=1, b=[2, 3]), int, lambda v: v + 1)
    assert isinstance(ordered, OrderedDict) and ordered == OrderedDict(a=2, b=[3, 4])
    assert apply_to_type("text", str, str.upper) == "TEXT"
    assert apply_to_type((1.5, "s"), (int, float), lambda v: -v) == (-1.5, "s")
    defaults: defaultdict[str, Any] = defaultdict(list, {"a": 1})
    assert apply_to_type(defaults, int, lambda v: v * 10) == {"a": 10}


def test_apply_to_type_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="x must contain Tensor"):
        convert_tensor(object(), device="cpu")
    with pytest.raises(TypeError, match=r"\['int', 'float'\]"):
        apply_to_type({1, 2}, (int, float), lambda v: v)


def test_to_onehot() -> None:
    indices = torch.tensor([0, 2, 1])
    onehot = to_onehot(indices, 3)
    assert onehot.dtype == torch.uint8
    assert onehot.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    spatial = to_onehot(torch.tensor([[[0, 1], [1, 0]]]), 2)
    assert spatial.shape == (1, 2, 2, 2)
    assert spatial[0, 1].tolist() == [[0, 1], [1, 0]]
    assert to_onehot(torch.tensor([1], dtype=torch.int32), 2).tolist() == [[0, 1]]


def test_to_onehot_bad_input_raises_as_torch_does() -> None:
    # no extra pass over the indices: torch's own checks raise, with pytorch-ignite's exception types
    with pytest.raises(RuntimeError, match="int32/int64"):
        to_onehot(torch.tensor([0.0]), 2)
    with pytest.raises(RuntimeError, match="out of bounds"):
        to_onehot(torch.tensor([0]), 0)
    with pytest.raises(RuntimeError, match="out of bounds"):
        to_onehot(torch.tensor([0, 2]), 2)
    with pytest.raises(IndexError):
        to_onehot(torch.tensor(1), 2)


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")
def test_to_onehot_compiles_with_torchscript() -> None:
    scripted = torch.jit.script(to_onehot)
    assert scripted(torch.tensor([[1, 0]]), 3).tolist() == [[[0, 1], [1, 0], [0, 0]]]

    class Net(torch.nn.Module):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return to_onehot(x, 4)

    assert torch.jit.script(Net())(torch.tensor([3])).tolist() == [[0, 0, 0, 1]]


def unique_name() -> str:
    return f"test-logger-{uuid.uuid4().hex}"


def test_setup_logger_writes_to_stream_and_file(tmp_path: Path) -> None:
    stream = io.StringIO()
    log_file = tmp_path / "log.txt"
    name = unique_name()
    logger = setup_logger(name, stream=stream, filepath=log_file, format="%(name)s|%(message)s")
    logger.info("hello")
    logger.debug("hidden")
    for handler in logger.handlers:
        handler.flush()
    assert stream.getvalue() == f"{name}|hello\n"
    assert log_file.read_text(encoding="utf-8") == f"{name}|hello\n"
    assert logger.level == logging.INFO
    assert not logger.propagate
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)


def test_setup_logger_keeps_existing_configuration_unless_reset() -> None:
    name = unique_name()
    first, second = io.StringIO(), io.StringIO()
    setup_logger(name, stream=first, level=logging.DEBUG)
    logger = setup_logger(name, stream=second)
    logger.debug("kept")
    assert "kept" in first.getvalue() and second.getvalue() == ""
    logger = setup_logger(name, stream=second, reset=True, level=logging.WARNING)
    logger.warning("new")
    logger.info("quiet")
    assert len(logger.handlers) == 1
    assert "new" in second.getvalue() and "quiet" not in second.getvalue()


def test_setup_logger_silences_non_zero_ranks() -> None:
    stream = io.StringIO()
    logger = setup_logger(unique_name(), stream=stream, distributed_rank=1)
    logger.warning("from a worker")
    assert stream.getvalue() == ""
    assert all(isinstance(h, logging.NullHandler) for h in logger.handlers)


def test_setup_logger_default_rank_is_current_rank() -> None:
    stream = io.StringIO()
    setup_logger(unique_name(), stream=stream).info("rank zero")
    assert "rank zero" in stream.getvalue()


def test_manual_seed_is_reproducible() -> None:
    np = pytest.importorskip("numpy")
    manual_seed(17)
    first = (random.random(), torch.rand(3), np.random.rand())
    manual_seed(17)
    second = (random.random(), torch.rand(3), np.random.rand())
    assert first[0] == second[0]
    assert torch.equal(first[1], second[1])
    assert first[2] == second[2]
    with pytest.raises(TypeError, match="seed should be an int"):
        manual_seed("17")  # type: ignore[arg-type]
    with pytest.raises(ValueError):  # numpy's range, as in pytorch-ignite
        manual_seed(-1)


def test_deprecated_warns_and_documents() -> None:
    @deprecated("0.4.2", "0.6.0", reasons=("It was replaced.",))
    def old(x: int) -> int:
        """Old helper."""
        return x + 1

    with pytest.warns(DeprecationWarning) as caught:
        assert old(1) == 2
    assert str(caught[0].message) == (
        "This function has been deprecated since version 0.4.2 and will be removed in version 0.6.0.\n"
        " Please refer to the documentation for more details."
    )
    assert old.__doc__ == (
        "**Deprecated function**.\n\n    Old helper... deprecated:: 0.4.2\n\n\t\n\t- It was replaced."
    )
    assert old.__name__ == "old"

    @deprecated("1.0")
    def undocumented() -> None:
        pass

    assert undocumented.__doc__ == "**Deprecated function**.\n\n    .. deprecated:: 1.0"


def test_deprecated_can_raise() -> None:
    @deprecated("0.4.2", raise_exception=True)
    def gone() -> None:
        pass

    with pytest.raises(
        DeprecationWarning, match=r"This function has been deprecated since version 0\.4\.2\.\n"
    ):
        gone()


def test_hash_checkpoint_moves_file(tmp_path: Path) -> None:
    checkpoint = tmp_path / "model.pt"
    torch.save({"w": torch.arange(3)}, checkpoint)
    digest = hashlib.sha256(checkpoint.read_bytes()).hexdigest()
    path, sha_hash = hash_checkpoint(str(checkpoint), tmp_path / "out")
    assert sha_hash == digest
    assert path == tmp_path / "out" / f"model-{digest[:8]}.pt"
    assert path.exists() and not checkpoint.exists()
    assert torch.load(path)["w"].tolist() == [0, 1, 2]


def test_hash_checkpoint_bad_input(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        hash_checkpoint(tmp_path / "missing.pt", tmp_path)
    with pytest.raises(TypeError, match="checkpoint_path should be a str"):
        hash_checkpoint(3, tmp_path)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="output_dir should be a str"):
        hash_checkpoint(tmp_path / "x.pt", None)  # type: ignore[arg-type]


def test_legacy_utils_reexport() -> None:
    assert legacy_utils.convert_tensor is convert_tensor
    assert legacy_utils.apply_to_tensor is apply_to_tensor
    assert legacy_utils.apply_to_type is apply_to_type
    assert legacy_utils.to_onehot is to_onehot
