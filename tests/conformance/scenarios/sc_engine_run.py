"""Engine.run: new runs, continued runs, max_iters, epoch_length, data=None, restarts, errors."""

from ignite.engine import Engine, Events

EVENTS = [
    Events.STARTED,
    Events.EPOCH_STARTED,
    Events.GET_BATCH_STARTED,
    Events.GET_BATCH_COMPLETED,
    Events.ITERATION_STARTED,
    Events.ITERATION_COMPLETED,
    Events.DATALOADER_STOP_ITERATION,
    Events.EPOCH_COMPLETED,
    Events.TERMINATE,
    Events.TERMINATE_SINGLE_EPOCH,
    Events.INTERRUPT,
    Events.COMPLETED,
]


def _trace(engine, events=EVENTS):
    for ev in events:
        engine.add_event_handler(
            ev,
            lambda e, name=ev.name, **kw: print(
                f"{name} epoch={e.state.epoch} iter={e.state.iteration}" + (f" {kw}" if kw else "")
            ),
        )


def _step(engine, batch):
    print(f"  process batch={batch}")
    return batch


def _state(engine):
    s = engine.state
    print(
        f"state epoch={s.epoch} iteration={s.iteration} epoch_length={s.epoch_length} "
        f"max_epochs={s.max_epochs} max_iters={s.max_iters} output={s.output} batch={s.batch}"
    )


def scenario_basic_two_epochs():
    e = Engine(_step)
    _trace(e)
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_default_max_epochs():
    e = Engine(_step)
    e.run([1, 2])
    _state(e)


def scenario_continue_to_more_epochs():
    e = Engine(_step)
    e.run([1, 2], max_epochs=2)
    _state(e)
    _trace(e)
    e.run([1, 2], max_epochs=4)
    _state(e)


def scenario_smaller_max_epochs_after_finish():
    e = Engine(lambda e, b: None)
    e.run([1, 2], max_epochs=5)
    try:
        e.run([1, 2], max_epochs=2)
    except Exception as exc:
        print(type(exc).__name__)
    _state(e)


def scenario_restart_with_max_epochs_none():
    e = Engine(lambda e, b: None)
    e.run([1, 2], max_epochs=5)
    e.state.max_epochs = None
    e.run([1, 2], max_epochs=2)
    _state(e)


def scenario_rerun_same_restarts():
    e = Engine(lambda e, b: None)
    e.run([1, 2], max_epochs=2)
    _trace(e, [Events.STARTED, Events.EPOCH_STARTED, Events.COMPLETED])
    e.run([1, 2], max_epochs=2)
    _state(e)


def scenario_rerun_no_max_epochs_after_finish():
    e = Engine(lambda e, b: None)
    e.run([1, 2], max_epochs=3)
    _trace(e, [Events.STARTED, Events.EPOCH_STARTED, Events.COMPLETED])
    e.run([1, 2])
    _state(e)


def scenario_max_iters_mid_epoch():
    e = Engine(_step)
    _trace(e)
    e.run([1, 2, 3], max_iters=5)
    _state(e)


def scenario_max_iters_exact_epochs():
    e = Engine(lambda e, b: None)
    _trace(e, [Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED])
    e.run([1, 2, 3], max_iters=6)
    _state(e)


def scenario_max_iters_and_max_epochs():
    e = Engine(lambda e, b: None)
    try:
        e.run([1, 2, 3], max_iters=6, max_epochs=2)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_epoch_length_smaller_than_data():
    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED])
    e.run([1, 2, 3, 4, 5], max_epochs=3, epoch_length=2)
    _state(e)


def scenario_epoch_length_larger_than_data():
    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED])
    e.run([1, 2, 3], max_epochs=2, epoch_length=4)
    _state(e)


def scenario_data_none_with_epoch_length():
    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED])
    e.run(data=None, max_epochs=2, epoch_length=3)
    _state(e)


def scenario_data_none_without_epoch_length():
    e = Engine(_step)
    try:
        e.run(data=None, max_epochs=2)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_no_data_argument():
    e = Engine(_step)
    try:
        e.run()
    except Exception as exc:
        print(type(exc).__name__)


def scenario_data_none_resume():
    e = Engine(_step)
    e.run(data=None, max_epochs=1, epoch_length=2)
    e.run(data=None, max_epochs=2)
    _state(e)


def scenario_iterator_without_len():
    e = Engine(_step)
    _trace(
        e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED, Events.COMPLETED]
    )
    e.run(iter([1, 2, 3]), max_epochs=1)
    _state(e)


def scenario_generator_multi_epoch_exhausted():
    e = Engine(_step)
    _trace(
        e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED, Events.COMPLETED]
    )
    e.run((x for x in [1, 2, 3]), max_epochs=2)
    _state(e)


def scenario_generator_with_epoch_length():
    def gen():
        i = 0
        while True:
            i += 1
            yield i

    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.EPOCH_COMPLETED])
    e.run(gen(), max_epochs=2, epoch_length=3)
    _state(e)


def scenario_iterator_epoch_length_restart():
    class Reiterable:
        def __iter__(self):
            return iter([10, 20, 30])

    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED])
    e.run(Reiterable(), max_epochs=2, epoch_length=2)
    _state(e)


def scenario_empty_data():
    e = Engine(_step)
    try:
        e.run([], max_epochs=1)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_non_iterable_data():
    e = Engine(_step)
    try:
        e.run(42)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_bad_max_epochs():
    for value in (0, -1):
        e = Engine(_step)
        try:
            e.run([1], max_epochs=value)
            print("ok", value)
        except Exception as exc:
            print(value, type(exc).__name__)


def scenario_bad_epoch_length():
    for value in (0, -2):
        e = Engine(_step)
        try:
            e.run([1, 2], epoch_length=value)
            print("ok", value)
        except Exception as exc:
            print(value, type(exc).__name__)


def scenario_resume_with_other_epoch_length():
    e = Engine(lambda e, b: None)
    e.run([1, 2, 3, 4], max_epochs=2)
    try:
        e.run([1, 2, 3, 4], max_epochs=4, epoch_length=2)
    except Exception as exc:
        print(type(exc).__name__)
    _state(e)


def scenario_output_and_batch():
    e = Engine(lambda e, b: b * 10)
    e.run([1, 2, 3])
    _state(e)


def scenario_state_times_keys():
    e = Engine(lambda e, b: None)
    print(sorted(e.state.times))
    print({k: v is None for k, v in sorted(e.state.times.items())})
    e.run([1, 2], max_epochs=2)
    print(sorted(e.state.times))
    print({k: isinstance(v, float) for k, v in sorted(e.state.times.items())})


def scenario_state_times_in_handlers():
    e = Engine(lambda e, b: None)

    @e.on(Events.EPOCH_COMPLETED)
    def f(engine):
        t = engine.state.times
        print("epoch_completed", sorted(t), {k: type(v).__name__ for k, v in sorted(t.items())})

    @e.on(Events.COMPLETED)
    def g(engine):
        t = engine.state.times
        print("completed", {k: type(v).__name__ for k, v in sorted(t.items())})

    e.run([1, 2], max_epochs=2)


def scenario_exception_in_process():
    def step(engine, batch):
        if engine.state.iteration == 2:
            raise KeyError("boom")

    e = Engine(step)
    _trace(e, [Events.STARTED, Events.EPOCH_STARTED, Events.COMPLETED])
    try:
        e.run([1, 2, 3])
    except Exception as exc:
        print(type(exc).__name__)
    _state(e)


def scenario_exception_raised_handler():
    def step(engine, batch):
        if engine.state.iteration == 2:
            raise KeyError("boom")

    e = Engine(step)

    @e.on(Events.EXCEPTION_RAISED)
    def handle(engine, exc):
        print("handled", type(exc).__name__, engine.state.iteration)

    e.run([1, 2, 3])
    _state(e)


def scenario_rerun_after_exception():
    def step(engine, batch):
        if engine.state.iteration == 2 and not getattr(engine, "done", False):
            engine.done = True
            raise KeyError("boom")

    e = Engine(step)
    _trace(e, [Events.STARTED, Events.EPOCH_STARTED, Events.COMPLETED])
    try:
        e.run([1, 2, 3], max_epochs=2)
    except KeyError:
        print("KeyError")
    _state(e)
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_state_epoch_set_before_run():
    # A library runs its evaluator once per trainer epoch with the trainer's epoch number.
    e = Engine(_step)
    _trace(e, [Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED])
    for global_epoch in (1, 2, 3):
        e.state.max_epochs = global_epoch
        e.state.epoch = global_epoch - 1
        e.state.iteration = 0
        e.run([7, 8])
        _state(e)


def scenario_state_iteration_set_before_run():
    e = Engine(_step)
    e.run([1, 2, 3], max_epochs=1)
    e.state.max_epochs = 3
    e.state.iteration = 4
    _trace(e, [Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.COMPLETED])
    e.run([1, 2, 3])
    _state(e)


def scenario_change_data_on_resume():
    e = Engine(_step)
    e.run([1, 2], max_epochs=1)
    e.run([5, 6], max_epochs=2)
    _state(e)


def scenario_set_data_in_handler():
    e = Engine(_step)

    @e.on(Events.EPOCH_COMPLETED(once=1))
    def switch(engine):
        engine.set_data([100, 200])

    e.run([1, 2], max_epochs=2)
    _state(e)


def scenario_last_event_name():
    e = Engine(lambda e, b: None)
    print(e.last_event_name)
    e.run([1, 2])
    print(e.last_event_name)


def scenario_process_function_not_callable():
    try:
        Engine(5)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_process_function_wrong_signature():
    try:
        Engine(lambda: None)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_set_data_mid_epoch():
    e = Engine(_step)

    @e.on(Events.ITERATION_COMPLETED(once=2))
    def switch(engine):
        engine.set_data([100, 200, 300])

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_max_iters_on_resume():
    e = Engine(_step)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda en: en.interrupt())
    e.run([1, 2, 3], max_iters=4)
    _state(e)
    e.run([1, 2, 3])
    _state(e)


def scenario_state_dict_after_terminate():
    e = Engine(lambda e, b: None)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=4), lambda en: en.terminate())
    e.run([1, 2, 3], max_epochs=3)
    print(list(e.state_dict().items()))


def scenario_times_after_terminate():
    e = Engine(lambda e, b: None)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda en: en.terminate())
    e.run([1, 2, 3], max_epochs=3)
    print({k: type(v).__name__ for k, v in sorted(e.state.times.items())})


def scenario_has_and_remove_with_filtered_event():
    e = Engine(lambda e, b: None)

    def h(engine):
        print("h", engine.state.iteration)

    e.add_event_handler(Events.ITERATION_COMPLETED(every=2), h)
    print(
        e.has_event_handler(h, Events.ITERATION_COMPLETED(every=2)),
        e.has_event_handler(h, Events.EPOCH_COMPLETED),
    )
    e.run([1, 2, 3, 4])
    e.remove_event_handler(h, Events.ITERATION_COMPLETED(every=3))
    print(e.has_event_handler(h))


def scenario_fire_custom_event_from_handler():
    from ignite.engine import EventEnum

    class Step(EventEnum):
        HALF = "half"

    e = Engine(lambda e, b: None)
    e.register_events(*Step)
    e.add_event_handler(Step.HALF, lambda en: print("half at", en.state.iteration, en.last_event_name.name))
    e.add_event_handler(Events.ITERATION_COMPLETED(every=2), lambda en: en.fire_event(Step.HALF))
    e.run([1, 2, 3, 4])
    print(e.last_event_name.name)


def scenario_run_epoch_length_for_list():
    e = Engine(_step)
    _trace(
        e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED, Events.COMPLETED]
    )
    e.run([1, 2, 3, 4], max_epochs=2, epoch_length=3)
    _state(e)


def scenario_max_iters_smaller_than_epoch():
    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.TERMINATE, Events.COMPLETED])
    e.run([1, 2, 3, 4], max_iters=2)
    _state(e)
    e.run([1, 2, 3, 4], max_iters=2)
    _state(e)
