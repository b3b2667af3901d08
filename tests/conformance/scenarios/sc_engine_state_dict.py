"""Engine.state_dict / load_state_dict, resuming from them, handlers API, logging lines."""

# ruff: noqa: SIM105 - scenarios compare both ways and mirror user code
import logging

from ignite.engine import Engine, Events


def _state(engine):
    s = engine.state
    print(
        f"state epoch={s.epoch} iteration={s.iteration} epoch_length={s.epoch_length} "
        f"max_epochs={s.max_epochs} max_iters={s.max_iters}"
    )


def _trace(engine, events=(Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED)):
    for ev in events:
        engine.add_event_handler(
            ev, lambda e, name=ev.name: print(f"{name} epoch={e.state.epoch} iter={e.state.iteration}")
        )


def _sd(engine):
    sd = engine.state_dict()
    print(type(sd).__name__, list(sd.items()))


def scenario_state_dict_fresh():
    _sd(Engine(lambda e, b: None))


def scenario_state_dict_after_run():
    e = Engine(lambda e, b: None)
    e.run([1, 2, 3], max_epochs=2)
    _sd(e)


def scenario_state_dict_max_iters():
    e = Engine(lambda e, b: None)
    e.run([1, 2, 3], max_iters=5)
    _sd(e)


def scenario_state_dict_mid_run():
    e = Engine(lambda e, b: None)

    @e.on(Events.ITERATION_COMPLETED(once=4))
    def save(engine):
        sd = engine.state_dict()
        print(list(sd))
        print(sd["epoch_length"], sd["iteration"], sd["max_epochs"])

    e.run([1, 2, 3], max_epochs=2)


def scenario_state_dict_user_keys():
    e = Engine(lambda e, b: None)
    e.state_dict_user_keys.append("alpha")
    e.state.alpha = 0.5
    e.run([1, 2])
    _sd(e)


def scenario_load_state_dict_fresh_roundtrip():
    e = Engine(lambda e, b: None)
    try:
        e.load_state_dict(Engine(lambda e, b: None).state_dict())
        print("loaded")
        _state(e)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_load_state_dict_iteration():
    e = Engine(lambda e, b: print("batch", b))
    e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "iteration": 4})
    _state(e)
    _trace(e)
    e.run([1, 2, 3])
    _state(e)


def scenario_load_state_dict_epoch():
    e = Engine(lambda e, b: None)
    e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "epoch": 2})
    _state(e)
    _trace(e)
    e.run([1, 2, 3])
    _state(e)


def scenario_load_state_dict_max_iters():
    e = Engine(lambda e, b: None)
    e.load_state_dict({"epoch_length": 3, "max_iters": 7, "iteration": 2})
    _state(e)
    _trace(e)
    e.run([1, 2, 3])
    _state(e)


def scenario_load_state_dict_epoch_without_epoch_length():
    e = Engine(lambda e, b: None)
    for sd in ({"max_epochs": 3, "epoch": 2}, {"max_epochs": 3, "iteration": 2}):
        try:
            e.load_state_dict(sd)
            print("loaded")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_load_state_dict_errors():
    bad = [
        {"epoch_length": 3, "max_epochs": 3},
        {"epoch_length": 3, "iteration": 2},
        {"epoch_length": 3, "max_epochs": 3, "iteration": 2, "epoch": 1},
        {"epoch_length": 3, "max_epochs": 3, "max_iters": 9, "iteration": 2},
        {"epoch_length": 3, "max_epochs": 2, "iteration": 10},
        {"epoch_length": 3, "max_epochs": 2, "epoch": 5},
        [("epoch_length", 3)],
        "abc",
        {},
    ]
    for sd in bad:
        e = Engine(lambda e, b: None)
        try:
            e.load_state_dict(sd)
            print("loaded")
            _state(e)
        except Exception as exc:
            print(type(exc).__name__)


def scenario_load_state_dict_missing_user_key():
    e = Engine(lambda e, b: None)
    e.state_dict_user_keys.append("alpha")
    try:
        e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "iteration": 2})
    except Exception as exc:
        print(type(exc).__name__)
    e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "iteration": 2, "alpha": 7})
    print(e.state.alpha)


def scenario_load_state_dict_then_run_other_max_epochs():
    e = Engine(lambda e, b: None)
    e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "iteration": 6})
    _trace(e)
    e.run([1, 2, 3], max_epochs=5)
    _state(e)


def scenario_load_state_dict_done_then_run():
    e = Engine(lambda e, b: None)
    e.load_state_dict({"epoch_length": 3, "max_epochs": 2, "iteration": 6})
    _trace(e)
    e.run([1, 2, 3])
    _state(e)


def scenario_load_state_dict_with_other_epoch_length_data():
    e = Engine(lambda e, b: None)
    e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "iteration": 3})
    _trace(e)
    e.run([1, 2, 3, 4, 5])
    _state(e)


def scenario_resume_from_mid_run_state_dict():
    saved = {}
    e = Engine(lambda e, b: None)

    @e.on(Events.ITERATION_COMPLETED(once=5))
    def save(engine):
        saved.update(engine.state_dict())

    e.run(list(range(4)), max_epochs=3)
    e2 = Engine(lambda e, b: print("batch", b, e.state.iteration))
    e2.load_state_dict(saved)
    _trace(e2)
    e2.run(list(range(4)))
    _state(e2)


def scenario_handlers_api():
    e = Engine(lambda e, b: None)

    def h(engine):
        print("h", engine.state.iteration)

    def g(engine, x, y=0):
        print("g", x, y)

    print(e.has_event_handler(h), e.has_event_handler(h, Events.STARTED))
    handle = e.add_event_handler(Events.ITERATION_COMPLETED, h)
    e.add_event_handler(Events.STARTED, g, 1, y=2)
    print(
        e.has_event_handler(h),
        e.has_event_handler(h, Events.ITERATION_COMPLETED),
        e.has_event_handler(h, Events.STARTED),
    )
    print(type(handle).__name__)
    e.run([1, 2])
    handle.remove()
    print(e.has_event_handler(h))
    handle.remove()
    e.remove_event_handler(g, Events.STARTED)
    try:
        e.remove_event_handler(g, Events.STARTED)
    except Exception as exc:
        print(type(exc).__name__)
    try:
        e.remove_event_handler(h, Events.COMPLETED)
    except Exception as exc:
        print(type(exc).__name__)
    e.run([1, 2])


def scenario_handle_context_manager():
    e = Engine(lambda e, b: None)
    with e.add_event_handler(Events.ITERATION_COMPLETED, lambda en: print("it", en.state.iteration)):
        e.run([1, 2])
    e.run([1, 2])
    print("done")


def scenario_handler_wrong_signature():
    e = Engine(lambda e, b: None)
    for handler, args in ((lambda a, b, c: None, ()), (lambda: None, (1,)), (lambda engine, x: None, ())):
        try:
            e.add_event_handler(Events.STARTED, handler, *args)
            print("added")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_handler_without_engine_arg():
    e = Engine(lambda e, b: None)
    e.add_event_handler(Events.STARTED, lambda: print("no engine"))
    e.add_event_handler(Events.STARTED, lambda x: print("one arg", type(x).__name__), 5)
    e.add_event_handler(Events.STARTED, lambda en, x: print("engine+arg", type(en).__name__, x), 6)
    e.run([1])


def scenario_handler_not_callable():
    e = Engine(lambda e, b: None)
    try:
        e.add_event_handler(Events.STARTED, 5)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_handler_unknown_event():
    e = Engine(lambda e, b: None)
    for ev in ("unknown", 5):
        try:
            e.add_event_handler(ev, lambda en: None)
        except Exception as exc:
            print(type(exc).__name__)


def scenario_handler_order():
    e = Engine(lambda e, b: None)
    for i in range(3):
        e.add_event_handler(Events.EPOCH_COMPLETED, lambda en, i=i: print("first group", i))
    e.add_event_handler(Events.EPOCH_COMPLETED(every=1), lambda en: print("filtered"))
    e.add_event_handler(Events.EPOCH_COMPLETED, lambda en: print("last"))
    e.run([1])


def scenario_handler_added_during_run():
    e = Engine(lambda e, b: None)

    @e.on(Events.ITERATION_COMPLETED(once=1))
    def add(engine):
        engine.add_event_handler(Events.ITERATION_COMPLETED, lambda en: print("late", en.state.iteration))

    e.run([1, 2, 3])


def scenario_handler_removes_itself():
    e = Engine(lambda e, b: None)

    def once(engine):
        print("once", engine.state.iteration)
        engine.remove_event_handler(once, Events.ITERATION_COMPLETED)

    e.add_event_handler(Events.ITERATION_COMPLETED, once)
    e.add_event_handler(Events.ITERATION_COMPLETED, lambda en: print("other", en.state.iteration))
    e.run([1, 2])


def scenario_same_handler_twice():
    e = Engine(lambda e, b: None)

    def h(engine):
        print("h", engine.state.iteration)

    e.add_event_handler(Events.ITERATION_COMPLETED, h)
    e.add_event_handler(Events.ITERATION_COMPLETED(every=2), h)
    e.run([1, 2])
    e.remove_event_handler(h, Events.ITERATION_COMPLETED)
    print(e.has_event_handler(h))
    e.run([1, 2])


def scenario_remove_filtered_handler():
    e = Engine(lambda e, b: None)

    def h(engine):
        print("h", engine.state.iteration)

    e.add_event_handler(Events.ITERATION_COMPLETED(every=2), h)
    print(e.has_event_handler(h, Events.ITERATION_COMPLETED))
    e.remove_event_handler(h, Events.ITERATION_COMPLETED)
    print(e.has_event_handler(h))


def scenario_on_decorator_returns_function():
    e = Engine(lambda e, b: None)

    @e.on(Events.STARTED, 3)
    def h(engine, x):
        print("x", x)

    print(callable(h), h.__name__)
    e.run([1])


def scenario_exception_raised_handler_reraise():
    def step(engine, batch):
        raise ValueError("bad")

    e = Engine(step)

    @e.on(Events.EXCEPTION_RAISED)
    def h(engine, exc):
        print("got", type(exc).__name__)
        raise exc

    try:
        e.run([1])
    except ValueError:
        print("ValueError")


def scenario_exception_in_handler():
    e = Engine(lambda e, b: None)
    e.add_event_handler(Events.EPOCH_COMPLETED, lambda en: 1 / 0)
    try:
        e.run([1])
    except Exception as exc:
        print(type(exc).__name__)
    _state(e)


def scenario_keyboard_interrupt():
    def step(engine, batch):
        raise KeyboardInterrupt()

    e = Engine(step)
    e.add_event_handler(Events.EXCEPTION_RAISED, lambda en, exc: print("handler", type(exc).__name__))
    try:
        e.run([1])
    except KeyboardInterrupt:
        print("KeyboardInterrupt")


def _log_lines(engine_factory, run):
    logger = logging.getLogger("ignite.engine.engine.Engine")
    records = []

    class H(logging.Handler):
        def emit(self, record):
            records.append((record.levelname, record.getMessage()))

    handler = H()
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        run(engine_factory())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    import re

    for level, msg in records:
        print(level, re.sub(r"\d\d:\d\d:\d\d\.\d\d\d", "HH:MM:SS.mmm", msg))


def scenario_log_lines_run():
    _log_lines(lambda: Engine(lambda e, b: None), lambda e: e.run([1, 2], max_epochs=2))


def scenario_log_lines_resume():
    def run(e):
        e.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda en: en.terminate())
        e.run([1, 2], max_epochs=3)
        e.run([1, 2], max_epochs=3)

    _log_lines(lambda: Engine(lambda e, b: None), run)


def scenario_log_lines_interrupt():
    def run(e):
        e.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda en: en.interrupt())
        e.run([1, 2], max_epochs=3)
        e.run([1, 2], max_epochs=3)

    _log_lines(lambda: Engine(lambda e, b: None), run)


def scenario_log_lines_terminate_epoch():
    def run(e):
        e.add_event_handler(Events.ITERATION_COMPLETED(once=1), lambda en: en.terminate_epoch())
        e.run([1, 2], max_epochs=2)

    _log_lines(lambda: Engine(lambda e, b: None), run)


def scenario_log_lines_max_iters():
    _log_lines(lambda: Engine(lambda e, b: None), lambda e: e.run([1, 2], max_iters=3))


def scenario_log_lines_exception():
    def step(engine, batch):
        raise KeyError("k")

    def run(e):
        try:
            e.run([1, 2])
        except KeyError:
            pass

    _log_lines(lambda: Engine(step), run)


def scenario_logger_name():
    e = Engine(lambda e, b: None)
    print(e.logger.name)

    class MyEngine(Engine):
        pass

    print(MyEngine(lambda e, b: None).logger.name)


def scenario_lone_handler_adds_handler_to_its_event():
    e = Engine(lambda e, b: None)

    def add(engine):
        if engine.state.iteration == 1:
            engine.add_event_handler(Events.ITERATION_COMPLETED, lambda en: print("late", en.state.iteration))

    e.add_event_handler(Events.ITERATION_COMPLETED, add)
    e.run([1, 2, 3])


def scenario_filtered_handler_adds_handler_to_its_event():
    e = Engine(lambda e, b: None)
    e.add_event_handler(Events.EPOCH_COMPLETED, lambda en: print("first", en.state.epoch))

    @e.on(Events.EPOCH_COMPLETED(once=1))
    def add(engine):
        engine.add_event_handler(Events.EPOCH_COMPLETED, lambda en: print("late", en.state.epoch))

    e.run([1, 2], max_epochs=2)
