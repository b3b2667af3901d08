"""Checkpoint / ModelCheckpoint / DiskSaver: file names, kept files, state dicts, loading, argument errors."""

import os
import tempfile
import warnings

import torch

from ignite.engine import Engine, Events
from ignite.handlers import Checkpoint, DiskSaver, ModelCheckpoint, global_step_from_engine
from ignite.handlers.checkpoint import BaseSaveHandler, CheckpointEvents

warnings.simplefilter("ignore")


class Recorder(BaseSaveHandler):
    def __init__(self):
        self.saved = []

    def __call__(self, checkpoint, filename, metadata=None):
        keys = sorted(checkpoint.keys()) if isinstance(checkpoint, dict) else type(checkpoint).__name__
        self.saved.append((filename, keys, metadata))

    def remove(self, filename):
        self.saved.append(("removed", filename))


def _model():
    torch.manual_seed(0)
    return torch.nn.Linear(2, 2)


def _err(fn):
    try:
        fn()
        print("no error")
    except Exception as e:
        print(type(e).__name__)


def scenario_default_names_and_rotation():
    d = tempfile.mkdtemp()
    model = _model()
    ck = Checkpoint({"model": model, "opt": torch.optim.SGD(model.parameters(), 0.1)}, d, n_saved=2)
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0, 1], max_epochs=3)
    print(sorted(os.listdir(d)), os.path.basename(str(ck.last_checkpoint)))
    print(ck.state_dict())
    print(sorted(torch.load(ck.last_checkpoint).keys()))


def scenario_model_checkpoint_score_and_step():
    d = tempfile.mkdtemp()
    trainer = Engine(lambda e, b: None)
    mc = ModelCheckpoint(
        d,
        "pre",
        score_function=lambda e: e.state.epoch * 0.5,
        score_name="acc",
        n_saved=2,
        global_step_transform=global_step_from_engine(trainer),
        include_self=True,
    )
    evaluator = Engine(lambda e, b: None)
    evaluator.add_event_handler(Events.COMPLETED, mc, {"model": _model()})
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda _: evaluator.run([0]))
    trainer.run([0], max_epochs=3)
    print(sorted(os.listdir(d)))
    obj = torch.load(mc.last_checkpoint)
    print(sorted(obj.keys()), obj["checkpointer"])


def scenario_best_scores_recorder():
    scores = iter([0.5, 0.9, 0.1, 0.9, 0.95, 3, 2])
    rec = Recorder()
    ck = Checkpoint(
        {"m": _model()}, rec, score_function=lambda e: next(scores), n_saved=2, filename_prefix="x"
    )
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
    engine.run([0], max_epochs=7)
    print([s[0] for s in rec.saved if s[0] != "removed"])
    print([s[2] for s in rec.saved if s[0] != "removed"])
    print([tuple(i) for i in ck._saved])


def scenario_greater_or_equal_and_unlimited():
    for kw in [{"greater_or_equal": True}, {"greater_or_equal": False}, {"n_saved": None}]:
        rec = Recorder()
        ck = Checkpoint({"m": _model()}, rec, score_function=lambda e: 0.5, **kw)
        engine = Engine(lambda e, b: None)
        engine.add_event_handler(Events.EPOCH_COMPLETED, ck)
        engine.run([0], max_epochs=3)
        print(kw, [s[0] for s in rec.saved if s[0] != "removed"])


def scenario_filename_pattern_and_setup():
    rec = Recorder()
    ck = Checkpoint(
        {"model": _model()},
        rec,
        filename_pattern="{filename_prefix}-{name}-{global_step}-{score}-{score_name}.{ext}",
        filename_prefix="x",
    )
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=2), ck)
    engine.run([0, 1, 2], max_epochs=2)
    print([s[0] for s in rec.saved if s[0] != "removed"])  # removal order differs on purpose (after the save)
    print(Checkpoint.setup_filename_pattern())
    print(Checkpoint.setup_filename_pattern(False, True, True, False))
    print(Checkpoint.setup_filename_pattern(True, False, False, True))
    _err(lambda: Checkpoint.setup_filename_pattern(True, False, True, True))
    _err(lambda: Checkpoint.setup_filename_pattern(False, False, False, False))


def scenario_saved_checkpoint_event():
    engine = Engine(lambda e, b: None)
    ck = Checkpoint({"m": _model()}, Recorder())
    engine.add_event_handler(Events.ITERATION_COMPLETED, ck)
    print(engine.has_registered_events(CheckpointEvents.SAVED_CHECKPOINT))
    engine.register_events(*CheckpointEvents)
    fired = []
    engine.add_event_handler(CheckpointEvents.SAVED_CHECKPOINT, lambda e: fired.append(e.state.iteration))
    engine.run([0, 1, 2], max_epochs=1)
    print(fired)


def scenario_load_objects():
    d = tempfile.mkdtemp()
    model = _model()
    trainer = Engine(lambda e, b: None)
    ck = Checkpoint({"model": model, "trainer": trainer}, DiskSaver(d), filename_prefix="p")
    trainer.add_event_handler(Events.EPOCH_COMPLETED, ck)
    trainer.run([0, 1], max_epochs=2)
    print(sorted(os.listdir(d)))
    other = torch.nn.Linear(2, 2)
    fresh = Engine(lambda e, b: None)
    Checkpoint.load_objects({"model": other, "trainer": fresh}, ck.last_checkpoint)
    print(torch.equal(other.weight, model.weight), fresh.state.iteration, fresh.state.epoch)
    sd = torch.load(ck.last_checkpoint)["model"]
    Checkpoint.load_objects({"model": other}, sd)
    _err(lambda: Checkpoint.load_objects({"model": other, "x": fresh}, sd))
    _err(lambda: Checkpoint.load_objects({"model": other}, 3))
    _err(lambda: Checkpoint.load_objects({"model": 3}, sd))
    _err(lambda: Checkpoint.load_objects({"model": other}, {"weight": sd["weight"]}))
    _err(lambda: Checkpoint.load_objects({"model": other}, {"weight": sd["weight"]}, strict=False))


def scenario_reload_objects():
    d = tempfile.mkdtemp()
    model = _model()
    ck = Checkpoint({"model": model}, DiskSaver(d), n_saved=None)
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.ITERATION_COMPLETED, ck)
    engine.run([0, 1], max_epochs=1)
    other = torch.nn.Linear(2, 2)
    ck.reload_objects({"model": other}, global_step=2)
    print(torch.equal(other.weight, model.weight))
    _err(lambda: ck.reload_objects({"model": other}, global_step=5))
    _err(lambda: Checkpoint({"model": model}, Recorder()).reload_objects({"model": other}, global_step=1))


def scenario_errors_at_creation():
    d = tempfile.mkdtemp()
    m = _model()
    _err(lambda: Checkpoint([m], d))
    _err(lambda: Checkpoint({"a": 1}, d))
    _err(lambda: Checkpoint({"checkpointer": m}, d, include_self=True))
    _err(lambda: Checkpoint({"m": m}, 3))
    _err(lambda: Checkpoint({"m": m}, d, n_saved=0))
    _err(lambda: Checkpoint({"m": m}, d, n_saved=-2))
    _err(lambda: Checkpoint.get_default_score_fn("acc", 2.0))
    os.makedirs(os.path.join(d, "full"))
    torch.save({}, os.path.join(d, "full", "x.pt"))
    _err(lambda: ModelCheckpoint(os.path.join(d, "full"), "a"))
    _err(lambda: ModelCheckpoint(os.path.join(d, "full"), "a", require_empty=False))
    _err(lambda: DiskSaver(os.path.join(d, "missing", "deeper"), create_dir=False))
    engine = Engine(lambda e, b: None)
    engine.state.metrics = {"acc": 0.25}
    print(Checkpoint.get_default_score_fn("acc", -1.0)(engine))
