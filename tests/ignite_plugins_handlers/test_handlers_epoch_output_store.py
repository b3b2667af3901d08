"""EpochOutputStore collecting outputs of a real engine."""

from __future__ import annotations

import pytest

from ignite.engine import Engine, Events
from ignite_plugins_handlers.epoch_output_store import EpochOutputStore


def _engine() -> Engine:
    return Engine(lambda engine, batch: {"it": engine.state.iteration, "batch": batch})


def test_keeps_the_outputs_of_the_current_epoch_and_publishes_them() -> None:
    engine = _engine()
    store = EpochOutputStore(output_transform=lambda out: out["it"])
    store.attach(engine, name="outputs")
    published = []
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: published.append(e.state.outputs))
    engine.run([10, 20, 30], max_epochs=2)
    assert published == [[1, 2, 3], [4, 5, 6]]
    assert store.data == [4, 5, 6]
    assert engine.state.outputs == [4, 5, 6]


def test_without_name_nothing_is_published() -> None:
    engine = _engine()
    store = EpochOutputStore()
    store.attach(engine)
    engine.run([7, 8], max_epochs=1)
    assert store.data == [{"it": 1, "batch": 7}, {"it": 2, "batch": 8}]
    assert not hasattr(engine.state, "outputs")
    with pytest.raises(ValueError, match="needs a name"):
        store.store(engine)


def test_reset_starts_a_new_list() -> None:
    store = EpochOutputStore()
    store.data.append(1)
    kept = store.data
    store.reset()
    assert store.data == [] and kept == [1]


def test_invalid_arguments() -> None:
    with pytest.raises(TypeError, match="callable"):
        EpochOutputStore(output_transform=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="attribute name"):
        EpochOutputStore().attach(_engine(), name="not valid")
