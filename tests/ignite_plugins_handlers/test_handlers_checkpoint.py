"""Checkpoint / ModelCheckpoint / DiskSaver: file names, rotation, loading, validation (pytorch-ignite 0.5.5 behaviour)."""

from __future__ import annotations

import os
import pickle
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import BaseSaveHandler, Checkpoint, CheckpointEvents, DiskSaver, ModelCheckpoint


def _engine() -> Engine:
    return Engine(lambda e, b: None)


class Recorder(BaseSaveHandler):
    def __init__(self) -> None:
        self.saved: list[tuple[str, Any, Any]] = []
        self.removed: list[str] = []

    def __call__(self, checkpoint: Any, filename: str, metadata: Any = None) -> None:
        self.saved.append((filename, checkpoint, metadata))

    def remove(self, filename: str) -> None:
        self.removed.append(filename)


def test_default_filenames_use_iteration(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    ck = Checkpoint({"model": model, "opt": torch.optim.SGD(model.parameters(), 0.1)}, tmp_path, n_saved=2)
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0, 1], max_epochs=3)
    assert sorted(os.listdir(tmp_path)) == ["checkpoint_4.pt", "checkpoint_6.pt"]
    assert ck.last_checkpoint == tmp_path / "checkpoint_6.pt"
    assert ck.state_dict() == OrderedDict([("_saved", [(4, "checkpoint_4.pt"), (6, "checkpoint_6.pt")])])
    loaded = torch.load(ck.last_checkpoint, weights_only=True)
    assert list(loaded.keys()) == ["model", "opt"]
    fresh = nn.Linear(2, 2)
    fresh.load_state_dict(loaded["model"])  # plain torch.load + load_state_dict, as with 0.5
    assert torch.equal(fresh.weight, model.weight)


def test_score_prefix_global_step_and_include_self(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    mc = ModelCheckpoint(
        tmp_path,
        "pre",
        score_function=lambda e: e.state.epoch * 0.5,
        score_name="acc",
        n_saved=2,
        global_step_transform=lambda e, ev: e.state.iteration,
        include_self=True,
    )
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, mc, {"model": model})
    engine.run([0, 1], max_epochs=3)
    assert sorted(os.listdir(tmp_path)) == ["pre_model_4_acc=1.0000.pt", "pre_model_6_acc=1.5000.pt"]
    obj = torch.load(mc.last_checkpoint, weights_only=True)
    assert list(obj.keys()) == ["weight", "bias", "checkpointer"]
    assert obj["checkpointer"]["_saved"] == [
        (1.0, "pre_model_4_acc=1.0000.pt"),
        (1.5, "pre_model_6_acc=1.5000.pt"),
    ]


def test_integer_scores_and_unlimited(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    mc = ModelCheckpoint(tmp_path, score_function=lambda e: e.state.epoch, n_saved=None)
    engine = _engine()
    engine.add_event_handler(
        Events.EPOCH_COMPLETED, mc, {"model": model, "o": torch.optim.SGD(model.parameters(), 1)}
    )
    engine.run([0], max_epochs=3)
    assert sorted(os.listdir(tmp_path)) == ["checkpoint_1.pt", "checkpoint_2.pt", "checkpoint_3.pt"]
    with pytest.raises(ValueError, match="require_empty=False"):
        ModelCheckpoint(tmp_path)
    ModelCheckpoint(tmp_path, require_empty=False)


def test_keeps_best_scores_and_greater_or_equal() -> None:
    scores = iter([0.5, 0.9, 0.1, 0.9, 0.95])
    rec = Recorder()
    ck = Checkpoint({"m": nn.Linear(1, 1)}, rec, score_function=lambda e: next(scores), n_saved=2)
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0], max_epochs=5)
    assert [f for f, _, _ in rec.saved] == ["m_0.5000.pt", "m_0.9000.pt", "m_0.9000.pt", "m_0.9500.pt"]
    assert [i.priority for i in ck._saved] == [0.9, 0.95]
    assert rec.removed == ["m_0.5000.pt"]  # the rewritten m_0.9000.pt is replaced atomically, not removed
    rec2 = Recorder()
    ge = Checkpoint({"m": nn.Linear(1, 1)}, rec2, score_function=lambda e: 0.5, greater_or_equal=True)
    e2 = _engine()
    e2.add_event_handler(Events.EPOCH_COMPLETED, ge)
    e2.run([0], max_epochs=2)
    assert len(rec2.saved) == 2
    rec3 = Recorder()
    gt = Checkpoint({"m": nn.Linear(1, 1)}, rec3, score_function=lambda e: 0.5)
    e3 = _engine()
    e3.add_event_handler(Events.EPOCH_COMPLETED, gt)
    e3.run([0], max_epochs=2)
    assert len(rec3.saved) == 1


def test_metadata_pattern_and_two_argument_handler() -> None:
    rec = Recorder()
    ck = Checkpoint(
        {"model": nn.Linear(1, 1)},
        rec,
        filename_pattern="{filename_prefix}-{name}-{global_step}-{score}-{score_name}.{ext}",
        filename_prefix="x",
    )
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0], max_epochs=1)
    assert rec.saved[0][0] == "x-model-1-None-None.pt"
    assert rec.saved[0][2] == {"basename": "x_model", "score_name": None, "priority": 1}
    names: list[str] = []
    two = Checkpoint({"a": nn.Linear(1, 1), "b": nn.Linear(1, 1)}, lambda c, f: names.append(f))
    e2 = _engine()
    e2.add_event_handler(Events.ITERATION_COMPLETED, two)
    e2.run([0, 1], max_epochs=1)
    assert names == ["checkpoint_1.pt", "checkpoint_2.pt"]
    assert two.last_checkpoint == "checkpoint_2.pt"


def test_setup_filename_pattern_and_default_score_fn() -> None:
    assert (
        Checkpoint.setup_filename_pattern()
        == "{filename_prefix}_{name}_{global_step}_{score_name}={score}.{ext}"
    )
    assert Checkpoint.setup_filename_pattern(False, False, False, True) == "{name}_{global_step}.{ext}"
    assert Checkpoint.setup_filename_pattern(False, True, False, False) == "{name}_{score}.{ext}"
    with pytest.raises(ValueError):
        Checkpoint.setup_filename_pattern(True, False, True, True)
    with pytest.raises(ValueError):
        Checkpoint.setup_filename_pattern(False, False, False, False)
    engine = _engine()
    engine.state.metrics = {"acc": 0.3}
    assert Checkpoint.get_default_score_fn("acc", -1.0)(engine) == pytest.approx(-0.3)
    with pytest.raises(ValueError):
        Checkpoint.get_default_score_fn("acc", 2.0)


@pytest.mark.parametrize(
    ("to_save", "kwargs", "exc"),
    [
        ([nn.Linear(1, 1)], {}, TypeError),
        ({"a": 1}, {}, TypeError),
        ({"checkpointer": nn.Linear(1, 1)}, {"include_self": True}, ValueError),
        ({"m": nn.Linear(1, 1)}, {"n_saved": 0}, ValueError),
        ({"m": nn.Linear(1, 1)}, {"n_saved": -1}, ValueError),
        ({"m": nn.Linear(1, 1)}, {"score_function": 3}, TypeError),
        ({"m": nn.Linear(1, 1)}, {"score_name": "x"}, ValueError),
        ({"m": nn.Linear(1, 1)}, {"global_step_transform": 1}, TypeError),
    ],
)
def test_bad_input_fails_at_creation(tmp_path: Path, to_save: Any, kwargs: dict[str, Any], exc: type) -> None:
    with pytest.raises(exc):
        Checkpoint(to_save, tmp_path, **kwargs)


def test_bad_save_handler_and_model_checkpoint_reserved_key(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="save_handler"):
        Checkpoint({"m": nn.Linear(1, 1)}, 3)  # type: ignore[arg-type]
    mc = ModelCheckpoint(tmp_path, include_self=True)
    with pytest.raises(ValueError, match="checkpointer"):
        mc(_engine(), {"checkpointer": nn.Linear(1, 1)})
    with pytest.raises(TypeError, match="state_dict"):
        mc(_engine(), {"x": object()})


def test_nan_score_is_warned_about_and_not_saved_and_non_number_raises(tmp_path: Path) -> None:
    scores = iter([float("nan"), 0.5])
    ck = Checkpoint({"m": nn.Linear(1, 1)}, tmp_path, score_function=lambda e: next(scores))
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    with pytest.warns(RuntimeWarning, match="NaN"):
        engine.run([0], max_epochs=2)  # training goes on
    assert engine.state.epoch == 2
    assert os.listdir(tmp_path) == ["m_0.5000.pt"]
    ck2 = Checkpoint({"m": nn.Linear(1, 1)}, Recorder(), score_function=lambda e: "x")
    e2 = _engine()
    e2.add_event_handler(Events.EPOCH_COMPLETED, ck2)
    with pytest.raises(ValueError, match="number"):
        e2.run([0], max_epochs=1)


def test_saved_checkpoint_event(tmp_path: Path) -> None:
    engine = _engine()
    ck = Checkpoint({"m": nn.Linear(1, 1)}, tmp_path)
    engine.add_event_handler(Events.ITERATION_COMPLETED, ck)
    with pytest.raises(ValueError):
        engine.add_event_handler(CheckpointEvents.SAVED_CHECKPOINT, lambda e: None)
    engine.register_events(*CheckpointEvents)
    fired: list[int] = []
    engine.add_event_handler(CheckpointEvents.SAVED_CHECKPOINT, lambda e: fired.append(e.state.iteration))
    engine.run([0, 1, 2], max_epochs=1)
    assert fired == [1, 2, 3]


def test_load_objects_variants(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    ck = Checkpoint({"model": model}, DiskSaver(tmp_path), filename_prefix="p")
    engine = _engine()
    engine.add_event_handler(Events.ITERATION_COMPLETED, ck)
    engine.run([0, 1], max_epochs=1)
    assert os.listdir(tmp_path) == ["p_model_2.pt"]
    assert os.stat(tmp_path / "p_model_2.pt").st_mode & 0o777 == 0o666 & ~_umask()
    sd = torch.load(ck.last_checkpoint, weights_only=True)
    other = nn.Linear(2, 2)
    Checkpoint.load_objects({"model": other}, ck.last_checkpoint)
    assert torch.equal(other.weight, model.weight)
    Checkpoint.load_objects({"model": other}, sd)
    Checkpoint.load_objects({"model": other}, {"model": sd})
    Checkpoint.load_objects({"model": other}, str(ck.last_checkpoint))
    with pytest.raises(ValueError, match="not found"):
        Checkpoint.load_objects({"model": other, "opt": torch.optim.SGD(other.parameters(), 1)}, sd)
    with pytest.raises(TypeError):
        Checkpoint.load_objects({"model": other}, 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Checkpoint.load_objects({"model": 3}, sd)
    with pytest.raises(RuntimeError):
        Checkpoint.load_objects({"model": other}, {"weight": sd["weight"]})
    Checkpoint.load_objects({"model": other}, {"weight": sd["weight"]}, strict=False)


def test_reload_objects(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    ck = Checkpoint({"model": model}, DiskSaver(tmp_path), filename_prefix="p", n_saved=None)
    engine = _engine()
    engine.add_event_handler(Events.ITERATION_COMPLETED, ck)
    engine.run([0, 1], max_epochs=1)
    other = nn.Linear(2, 2)
    ck.reload_objects({"model": other}, global_step=2)
    assert torch.equal(other.weight, model.weight)
    ck.reload_objects({"model": other}, load_kwargs={"strict": False}, global_step=1)
    ck.reload_objects({"model": other})  # no components: the last kept checkpoint
    with pytest.raises(FileNotFoundError):
        ck.reload_objects({"model": other}, global_step=7)
    with pytest.raises(AttributeError, match="DiskSaver"):
        Checkpoint({"model": model}, Recorder()).reload_objects({"model": other})


def test_weights_only_by_default_with_opt_out(tmp_path: Path) -> None:
    class Obj:
        def __init__(self) -> None:
            self.value: Any = None

        def state_dict(self) -> dict[str, Any]:
            return {"x": Blob(3)}

        def load_state_dict(self, sd: Any) -> None:
            self.value = sd

    path = tmp_path / "a.pt"
    torch.save({"o": Obj().state_dict(), "m": nn.Linear(1, 1).state_dict()}, path)
    obj = Obj()
    with pytest.raises(pickle.UnpicklingError, match="weights_only=False"):
        Checkpoint.load_objects({"o": obj, "m": nn.Linear(1, 1)}, path)
    Checkpoint.load_objects({"o": obj, "m": nn.Linear(1, 1)}, path, weights_only=False)
    assert obj.value["x"].value == 3


def test_state_dict_roundtrip_and_reset(tmp_path: Path) -> None:
    ck = Checkpoint({"m": nn.Linear(1, 1)}, tmp_path, n_saved=2)
    ck.load_state_dict({"_saved": [(1, "m_1.pt"), (2, "m_2.pt")]})
    assert [tuple(i) for i in ck._saved] == [(1, "m_1.pt"), (2, "m_2.pt")]
    assert ck.last_checkpoint == tmp_path / "m_2.pt"
    with pytest.raises(ValueError):
        ck.load_state_dict({})
    ck.reset()
    assert ck.last_checkpoint is None


def test_same_filename_is_rewritten_not_removed(tmp_path: Path) -> None:
    model = nn.Linear(1, 1)
    ck = Checkpoint({"model": model}, tmp_path, global_step_transform=lambda e, ev: 1, n_saved=2)
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0], max_epochs=3)
    assert os.listdir(tmp_path) == ["model_1.pt"]
    assert [tuple(i) for i in ck._saved] == [(1, "model_1.pt")]


def test_failed_save_keeps_previous_file(tmp_path: Path) -> None:
    class Flaky:
        fail = False

        def state_dict(self) -> dict[str, Any]:
            return {"f": (lambda: 0) if self.fail else 1}

    flaky = Flaky()
    ck = Checkpoint({"model": nn.Linear(1, 1), "flaky": flaky}, tmp_path, n_saved=1)
    engine = _engine()
    engine.add_event_handler(Events.ITERATION_COMPLETED, ck)

    @engine.on(Events.ITERATION_COMPLETED)
    def _break(e: Engine) -> None:
        flaky.fail = True

    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        engine.run([0, 1], max_epochs=1)
    assert os.listdir(tmp_path) == ["checkpoint_1.pt"]  # no partial file, no temp file, old file kept
    torch.load(tmp_path / "checkpoint_1.pt", weights_only=True)


def test_disk_saver(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        DiskSaver(tmp_path / "missing" / "a", create_dir=False)
    saver = DiskSaver(tmp_path / "new" / "dir", atomic=False)
    saver({"a": torch.ones(1)}, "f.pt")
    assert os.listdir(saver.dirname) == ["f.pt"]
    saver.remove("f.pt")
    assert os.listdir(saver.dirname) == []
    kw = DiskSaver(tmp_path / "kw", _use_new_zipfile_serialization=False)
    kw({"a": torch.ones(1)}, "g.pt")
    assert torch.load(kw.dirname / "g.pt", weights_only=True)["a"].item() == 1.0


def test_unwraps_data_parallel(tmp_path: Path) -> None:
    model = nn.Linear(2, 2)
    wrapped = nn.DataParallel(model)
    ck = Checkpoint({"model": wrapped}, tmp_path)
    engine = _engine()
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0], max_epochs=1)
    sd = torch.load(ck.last_checkpoint, weights_only=True)
    assert set(sd) == {"weight", "bias"}
    target = nn.DataParallel(nn.Linear(2, 2))
    Checkpoint.load_objects({"model": target}, ck.last_checkpoint)
    assert torch.equal(target.module.weight, model.weight)


class Blob:
    """A plain Python object: weights_only loading refuses it."""

    def __init__(self, value: int) -> None:
        self.value = value


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
