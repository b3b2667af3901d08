"""Engine.describe() and the engine's references: no cycle between an engine, its handlers and handles."""

from __future__ import annotations

import gc
import weakref

from ignite.engine import DeterministicEngine, Engine, Events


def _report(engine: Engine) -> None:
    pass


def test_describe_lists_handlers_in_run_order_with_filters() -> None:
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.EPOCH_COMPLETED, _report)
    engine.add_event_handler(Events.ITERATION_COMPLETED(every=10), _report)
    engine.add_event_handler(Events.ITERATION_COMPLETED(once=[2, 5]), _report)
    engine.add_event_handler(Events.STARTED, lambda e, x, y=1: None, 3, y=4)
    table = engine.describe(as_dict=True)
    assert isinstance(table, dict)
    assert list(table) == ["EPOCH_COMPLETED", "STARTED", "ITERATION_COMPLETED"]  # 0.5's order of Events
    name = f"{__name__}._report"
    assert table["EPOCH_COMPLETED"] == [{"handler": name, "filter": None, "args": (), "kwargs": {}}]
    assert [row["filter"] for row in table["ITERATION_COMPLETED"]] == ["every=10", "once=[2, 5]"]
    assert table["STARTED"][0]["args"] == (3,)
    assert table["STARTED"][0]["kwargs"] == {"y": 4}
    text = engine.describe()
    assert isinstance(text, str)
    assert text.splitlines()[0] == "Engine: 4 handler(s)"
    assert f"    {name} [every=10]" in text
    assert "(3, y=4)" in text


def test_describe_follows_removal_and_custom_events() -> None:
    engine = Engine(lambda e, b: None)
    engine.register_events("custom")
    handle = engine.add_event_handler("custom", _report)
    assert list(engine.describe(as_dict=True)) == ["custom"]  # type: ignore[arg-type]
    handle.remove()
    assert engine.describe(as_dict=True) == {}


def test_engine_with_handlers_is_freed_without_the_garbage_collector() -> None:
    for cls in (Engine, DeterministicEngine):
        gc.disable()
        try:
            engine = cls(lambda e, b: None)
            engine.add_event_handler(Events.ITERATION_COMPLETED, _report)
            engine.add_event_handler(Events.EPOCH_COMPLETED(every=2), _report)
            engine.add_event_handler(Events.STARTED, lambda e, x: None, 1)
            handle = engine.add_event_handler(Events.COMPLETED, lambda: None)
            engine.run([1, 2], max_epochs=2)
            ref = weakref.ref(engine)
            del engine
            assert ref() is None, cls
            handle.remove()  # engine gone: nothing to do
        finally:
            gc.enable()
