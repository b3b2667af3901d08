"""Every checkpoint records provenance without changing its keys."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

import ignite
from ignite.engine import Engine, Events
from ignite.handlers import Checkpoint, ModelCheckpoint
from ignite_plugins_handlers import __version__ as handlers_version
from ignite_plugins_handlers.checkpoint import read_provenance


def test_provenance_in_multi_object_checkpoint(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    trainer = Engine(lambda e, b: None)
    ck = Checkpoint({"model": model, "trainer": trainer}, tmp_path)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, ck)
    trainer.run([0, 1, 2], max_epochs=2)
    raw = torch.load(ck.last_checkpoint, weights_only=True)
    assert list(raw) == ["model", "trainer"]
    info = read_provenance(raw)
    assert info is not None
    assert info["torch"] == str(torch.__version__)
    assert info["ignite_core"] == ignite.__version__
    assert info["plugins"]["ignite-plugins-handlers"] == handlers_version
    assert info["world_size"] == 1
    assert info["engine"]["epoch"] == 2 and info["engine"]["iteration"] == 6
    assert read_provenance(ck.last_checkpoint) == info


def test_engine_rng_state_loads_with_plain_weights_only_torch_load(tmp_path: Path) -> None:
    """numpy arrays in a state dict (the engine's numpy RNG state) are stored as tensors: plain
    ``torch.load`` accepts the file and the engine restores from it."""
    trainer = Engine(lambda e, b: None)
    ck = Checkpoint({"trainer": trainer, "model": nn.Linear(1, 1)}, tmp_path)
    trainer.add_event_handler(Events.ITERATION_COMPLETED(once=2), ck)
    trainer.run([0, 1, 2], max_epochs=1)
    raw = torch.load(ck.last_checkpoint, weights_only=True)
    fresh = Engine(lambda e, b: None)
    fresh.load_state_dict(raw["trainer"])
    assert fresh.state.iteration == 2
    Checkpoint.load_objects({"trainer": Engine(lambda e, b: None)}, ck.last_checkpoint)


def test_provenance_in_single_model_checkpoint(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    mc = ModelCheckpoint(tmp_path, "p")
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.EPOCH_COMPLETED, mc, {"model": model})
    engine.run([0], max_epochs=1)
    raw = torch.load(mc.last_checkpoint, weights_only=True)
    fresh = nn.Linear(2, 2)
    fresh.load_state_dict(raw)  # strict: no extra key was added
    assert torch.equal(fresh.bias, model.bias)
    info = read_provenance(raw)
    assert info is not None and info["engine"]["iteration"] == 1
    assert read_provenance({"a": 1}) is None


def test_weights_only_loading_accepts_numpy_rng_states_of_other_writers(tmp_path: Path) -> None:
    """A file written by plain ``torch.save`` (e.g. by pytorch-ignite 0.5) holding numpy's RNG state loads."""
    import random

    import numpy as np

    path = tmp_path / "old.pt"
    rng = [random.getstate(), torch.get_rng_state(), np.random.get_state()]
    torch.save({"trainer": {"epoch_length": 2, "iteration": 2, "max_epochs": 3, "rng_states": rng}}, path)

    class Holder:
        def __init__(self) -> None:
            self.loaded: dict[str, object] = {}

        def load_state_dict(self, sd: dict[str, object]) -> None:
            self.loaded = sd

    holder = Holder()
    Checkpoint.load_objects({"trainer": holder}, path)
    assert holder.loaded["rng_states"][2][0] == "MT19937"  # type: ignore[index]
