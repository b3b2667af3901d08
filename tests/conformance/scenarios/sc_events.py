"""Events: str/repr/equality/hash, EventEnum, filters, EventsList, custom events, State counters."""

# ruff: noqa: SIM300, E711 - scenarios compare both ways and mirror user code
from ignite.engine import CallableEventWithFilter, Engine, EventEnum, Events, EventsList, State


class Custom(EventEnum):
    MY_DONE = "completed"
    FOO = "foo"


class Backprop(EventEnum):
    BACKWARD_STARTED = "backward_started"
    BACKWARD_COMPLETED = "backward_completed"


def scenario_str_and_repr():
    print(str(Events.STARTED))
    print(repr(Events.STARTED))
    print(f"{Events.EPOCH_COMPLETED}")
    print(Events.ITERATION_COMPLETED.name, Events.ITERATION_COMPLETED.value)
    print(str(Backprop.BACKWARD_STARTED), repr(Backprop.BACKWARD_STARTED))


def scenario_filtered_str_name_value():
    ev = Events.ITERATION_COMPLETED(every=3)
    print(ev.name, ev.value, type(ev).__name__)
    print(ev.filter is not None, Events.ITERATION_COMPLETED.filter is None)


def scenario_equality_with_strings():
    print(Events.STARTED == "STARTED", Events.STARTED == "started", "STARTED" == Events.STARTED)
    print(Events.STARTED != "STARTED", Events.STARTED != "started")
    print(Events.STARTED == Events.STARTED, Events.STARTED == Events.COMPLETED)


def scenario_equality_filtered():
    print(Events.ITERATION_COMPLETED(every=2) == Events.ITERATION_COMPLETED)
    print(Events.ITERATION_COMPLETED == Events.ITERATION_COMPLETED(once=3))
    print(Events.ITERATION_COMPLETED(every=2) == Events.EPOCH_COMPLETED(every=2))


def scenario_equality_custom_same_value():
    print(Custom.MY_DONE == Events.COMPLETED, Events.COMPLETED == Custom.MY_DONE)
    print(Custom.MY_DONE == "completed", Custom.MY_DONE == "MY_DONE")


def scenario_equality_other_types():
    print(Events.STARTED == 1, Events.STARTED == None)
    print(Events.STARTED in [Events.STARTED, Events.COMPLETED], "COMPLETED" in [Events.COMPLETED])


def scenario_hash():
    print(hash(Events.STARTED) == hash(Events.STARTED))
    print(hash(Events.ITERATION_COMPLETED(every=2)) == hash(Events.ITERATION_COMPLETED))
    print(hash(Events.STARTED) == hash("STARTED"), hash(Events.STARTED) == hash("started"))
    d = {Events.STARTED: 1, Events.COMPLETED: 2}
    print(d.get(Events.STARTED), d.get("STARTED"), d.get("started"), d.get(Events.COMPLETED(once=1)))
    print(len({Events.STARTED, Events.STARTED(once=1), Events.COMPLETED}))


def scenario_isinstance():
    print(isinstance(Events.STARTED, str), isinstance(Events.STARTED, CallableEventWithFilter))
    print(isinstance(Events.STARTED, EventEnum), isinstance(Events.STARTED(once=1), Events))
    print(isinstance(Events.ITERATION_COMPLETED(every=2), CallableEventWithFilter))


def scenario_members():
    print([e.name for e in Events])
    print(len(list(Events)))
    print(Events["STARTED"] is Events.STARTED, Events("started") is Events.STARTED)


def scenario_events_list():
    evs = Events.STARTED | Events.COMPLETED
    print(type(evs).__name__, len(evs), [e.name for e in evs])
    evs2 = evs | Events.EPOCH_COMPLETED(every=2)
    print(len(evs2), [e.name for e in evs2])
    print(isinstance(evs2, EventsList))


def scenario_events_list_bad():
    try:
        Events.STARTED | 1
    except Exception as exc:
        print(type(exc).__name__)


def scenario_events_list_handler():
    e = Engine(lambda e, b: None)
    e.add_event_handler(
        Events.STARTED | Events.EPOCH_COMPLETED(every=2) | Events.COMPLETED,
        lambda en: print("fired", en.last_event_name.name, en.state.epoch),
    )
    e.run([1, 2], max_epochs=4)


def _run_filter(event, data_len=4, max_epochs=3, attr="iteration"):
    e = Engine(lambda e, b: None)
    seen = []
    e.add_event_handler(event, lambda en: seen.append(getattr(en.state, attr)))
    e.run(list(range(data_len)), max_epochs=max_epochs)
    print(seen)


def scenario_filter_every():
    _run_filter(Events.ITERATION_COMPLETED(every=3))
    _run_filter(Events.EPOCH_COMPLETED(every=2), attr="epoch", max_epochs=5)


def scenario_filter_once():
    _run_filter(Events.ITERATION_COMPLETED(once=5))
    _run_filter(Events.ITERATION_STARTED(once=[2, 7, 11]))
    _run_filter(Events.EPOCH_STARTED(once=2), attr="epoch")


def scenario_filter_before_after():
    _run_filter(Events.ITERATION_COMPLETED(before=4))
    _run_filter(Events.ITERATION_COMPLETED(after=8))
    _run_filter(Events.ITERATION_COMPLETED(after=2, before=7))


def scenario_filter_every_before_after():
    _run_filter(Events.ITERATION_COMPLETED(every=2, after=3))
    _run_filter(Events.ITERATION_COMPLETED(every=3, before=10))
    _run_filter(Events.ITERATION_COMPLETED(every=5, after=1, before=12))


def scenario_filter_custom():
    _run_filter(Events.ITERATION_COMPLETED(event_filter=lambda engine, event: event in (1, 6, 9)))


def scenario_filter_custom_uses_engine():
    def flt(engine, event):
        return engine.state.epoch == 2

    _run_filter(Events.ITERATION_COMPLETED(event_filter=flt))


def scenario_filter_errors():
    attempts = [
        dict(every=0),
        dict(every=-1),
        dict(once=0),
        dict(once=[]),
        dict(once=[1, -1]),
        dict(every=2, once=3),
        dict(before=-1),
        dict(after=-1),
        dict(before=3, after=5),
        dict(),
        dict(event_filter=lambda e: True),
        dict(event_filter=5),
        dict(event_filter=lambda e, ev: True, every=2),
        dict(every=1.5),
    ]
    for kwargs in attempts:
        try:
            Events.ITERATION_COMPLETED(**kwargs)
            print(sorted(kwargs), "ok")
        except Exception as exc:
            print(sorted(kwargs), type(exc).__name__)


def scenario_filter_before_equals_after_plus_one():
    for before, after in ((4, 3), (5, 3), (3, 3)):
        try:
            Events.ITERATION_COMPLETED(before=before, after=after)
            print(before, after, "ok")
        except Exception as exc:
            print(before, after, type(exc).__name__)


def scenario_static_filters():
    f = CallableEventWithFilter.every_event_filter(3)
    print([i for i in range(1, 10) if f(None, i)])
    g = CallableEventWithFilter.once_event_filter([4, 7])
    print([i for i in range(1, 10) if g(None, i)])
    h = CallableEventWithFilter.before_and_after_event_filter(before=6, after=2)
    print([i for i in range(1, 10) if h(None, i)])
    k = CallableEventWithFilter.every_before_and_after_event_filter(2, before=9, after=1)
    print([i for i in range(1, 12) if k(None, i)])
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        print(CallableEventWithFilter.default_event_filter(None, 3))
    print([type(w.message).__name__ for w in caught])


def scenario_custom_events_fire():
    e = Engine(lambda engine, b: engine.fire_event(Backprop.BACKWARD_STARTED))
    e.register_events(*Backprop)

    @e.on(Backprop.BACKWARD_STARTED)
    def h(engine):
        print("bs", engine.state.iteration)

    e.run([1, 2])


def scenario_custom_events_event_to_attr():
    e = Engine(lambda engine, b: engine.fire_event(Backprop.BACKWARD_STARTED))
    e.register_events(*Backprop, event_to_attr={Backprop.BACKWARD_STARTED: "backward_count"})

    @e.on(Events.ITERATION_STARTED)
    def count(engine):
        engine.state.backward_count += 1

    @e.on(Backprop.BACKWARD_STARTED(every=2))
    def h(engine):
        print("every 2", engine.state.backward_count, engine.state.iteration)

    print(e.state.backward_count)
    e.run([1, 2, 3, 4, 5])


def scenario_custom_event_filtered_without_attr():
    e = Engine(lambda engine, b: None)
    e.register_events(*Backprop)
    try:
        e.add_event_handler(Backprop.BACKWARD_STARTED(every=2), lambda en: None)
        print("added")
    except Exception as exc:
        print(type(exc).__name__)


def scenario_custom_event_unregistered():
    e = Engine(lambda engine, b: None)
    try:
        e.add_event_handler(Backprop.BACKWARD_STARTED, lambda en: None)
    except Exception as exc:
        print(type(exc).__name__)
    try:
        e.fire_event(Backprop.BACKWARD_STARTED)
        print("fired")
    except Exception as exc:
        print(type(exc).__name__)


def scenario_string_events():
    e = Engine(lambda engine, b: engine.fire_event("my_event"))
    e.register_events("my_event")
    e.add_event_handler("my_event", lambda en: print("my_event", en.state.iteration))
    e.run([1, 2])
    print(e.has_registered_events("my_event"), e.has_registered_events("other"))


def scenario_register_bad_events():
    e = Engine(lambda engine, b: None)
    for bad in (1, None):
        try:
            e.register_events(bad)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)
    try:
        e.register_events("x", event_to_attr=[1])
    except Exception as exc:
        print(type(exc).__name__)


def scenario_has_registered_events():
    e = Engine(lambda engine, b: None)
    print(e.has_registered_events(Events.STARTED), e.has_registered_events(Backprop.BACKWARD_STARTED))
    e.register_events(*Backprop)
    print(
        e.has_registered_events(Backprop.BACKWARD_STARTED),
        e.has_registered_events(Backprop.BACKWARD_COMPLETED),
    )


def scenario_state_get_event_attrib_value():
    s = State()
    s.iteration, s.epoch = 7, 2
    print(
        s.get_event_attrib_value(Events.ITERATION_COMPLETED), s.get_event_attrib_value(Events.EPOCH_STARTED)
    )
    print(s.get_event_attrib_value(Events.GET_BATCH_STARTED), s.get_event_attrib_value(Events.COMPLETED))
    print(s.get_event_attrib_value(Events.ITERATION_COMPLETED(every=3)))


def scenario_state_get_event_attrib_unknown():
    s = State()
    for ev in (
        Backprop.BACKWARD_STARTED,
        Events.EXCEPTION_RAISED,
        Events.DATALOADER_STOP_ITERATION,
        Events.TERMINATE,
        Events.INTERRUPT,
        Events.TERMINATE_SINGLE_EPOCH,
    ):
        try:
            print(ev.name, s.get_event_attrib_value(ev))
        except Exception as exc:
            print(ev.name, type(exc).__name__)


def scenario_state_defaults():
    s = State()
    print(
        s.iteration,
        s.epoch,
        s.epoch_length,
        s.max_epochs,
        s.max_iters,
        s.output,
        s.batch,
        s.metrics,
        s.dataloader,
        s.seed,
    )
    print(sorted(s.times))
    s2 = State(custom=3, iteration=5)
    print(s2.custom, s2.iteration)


def scenario_state_repr():
    e = Engine(lambda e, b: b)
    e.run([1, 2])
    text = repr(e.state)
    lines = [
        ln for ln in text.splitlines() if "times" not in ln and "backward_count" not in ln and "bs:" not in ln
    ]
    print("\n".join(lines))


def scenario_state_attrs():
    s = State()
    # (custom counters registered by other scenarios leak into 0.5's State: leave them out)
    print(sorted(k for k in vars(s) if k not in ("backward_count", "bs")))


def scenario_event_in_engine_state_event_to_attr():
    e = Engine(lambda e, b: None)
    e.register_events(*Backprop, event_to_attr={Backprop.BACKWARD_STARTED: "bs"})
    e2 = Engine(lambda e, b: None)
    print(hasattr(e2.state, "bs"))
    try:
        print(e2.state.get_event_attrib_value(Backprop.BACKWARD_STARTED))
    except Exception as exc:
        print(type(exc).__name__)
    print(e.state.get_event_attrib_value(Backprop.BACKWARD_STARTED))


class SameNames(EventEnum):
    COMPLETED = "done"


def scenario_same_name_different_events():
    print(SameNames.COMPLETED == Events.COMPLETED, hash(SameNames.COMPLETED) == hash(Events.COMPLETED))
    e = Engine(lambda engine, b: None)
    e.register_events(*SameNames)
    e.add_event_handler(SameNames.COMPLETED, lambda en: print("custom COMPLETED handler"))
    e.add_event_handler(Events.COMPLETED, lambda en: print("Events.COMPLETED handler"))
    e.run([1])
