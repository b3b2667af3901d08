"""terminate(), terminate_epoch(), interrupt() and resuming, from every event."""

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
        f"max_epochs={s.max_epochs} max_iters={s.max_iters} output={s.output}"
    )
    print(f"flags terminate={engine.should_terminate} single_epoch={engine.should_terminate_single_epoch}")


def _terminate_at(event, **kwargs):
    e = Engine(_step)
    _trace(e)
    e.add_event_handler(event, lambda en: en.terminate(**kwargs))
    e.run([1, 2, 3], max_epochs=3)
    _state(e)
    return e


def scenario_terminate_at_started():
    _terminate_at(Events.STARTED)


def scenario_terminate_at_epoch_started():
    _terminate_at(Events.EPOCH_STARTED(once=2))


def scenario_terminate_at_get_batch_started():
    _terminate_at(Events.GET_BATCH_STARTED(once=2))


def scenario_terminate_at_get_batch_completed():
    _terminate_at(Events.GET_BATCH_COMPLETED(once=2))


def scenario_terminate_at_iteration_started():
    _terminate_at(Events.ITERATION_STARTED(once=2))


def scenario_terminate_at_iteration_completed():
    _terminate_at(Events.ITERATION_COMPLETED(once=2))


def scenario_terminate_at_last_iteration_of_epoch():
    _terminate_at(Events.ITERATION_COMPLETED(once=3))


def scenario_terminate_at_epoch_completed():
    _terminate_at(Events.EPOCH_COMPLETED(once=1))


def scenario_terminate_at_last_epoch_completed():
    _terminate_at(Events.EPOCH_COMPLETED(once=3))


def scenario_terminate_at_completed():
    _terminate_at(Events.COMPLETED)


def scenario_terminate_skip_completed():
    _terminate_at(Events.ITERATION_COMPLETED(once=2), skip_completed=True)


def scenario_terminate_skip_completed_at_epoch_completed():
    _terminate_at(Events.EPOCH_COMPLETED(once=2), skip_completed=True)


def scenario_terminate_then_run_again():
    e = _terminate_at(Events.ITERATION_COMPLETED(once=2))
    print("--- run again")
    e.run([1, 2, 3], max_epochs=3)
    _state(e)


def scenario_terminate_at_epoch_completed_then_run_again():
    e = _terminate_at(Events.EPOCH_COMPLETED(once=1))
    print("--- run again")
    e.run([1, 2, 3], max_epochs=3)
    _state(e)


def scenario_terminate_then_run_again_no_args():
    e = _terminate_at(Events.ITERATION_COMPLETED(once=4))
    print("--- run again")
    e.run([1, 2, 3])
    _state(e)


def scenario_should_terminate_set_directly():
    e = Engine(_step)
    _trace(e, [Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.TERMINATE, Events.COMPLETED])

    @e.on(Events.ITERATION_COMPLETED(once=2))
    def stop(engine):
        engine.should_terminate = True

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def _terminate_epoch_at(event, **kwargs):
    e = Engine(_step)
    _trace(e)
    e.add_event_handler(event, lambda en: en.terminate_epoch(**kwargs))
    e.run([1, 2, 3], max_epochs=2)
    _state(e)
    return e


def scenario_terminate_epoch_at_iteration_completed():
    _terminate_epoch_at(Events.ITERATION_COMPLETED(once=2))


def scenario_terminate_epoch_at_iteration_started():
    _terminate_epoch_at(Events.ITERATION_STARTED(once=2))


def scenario_terminate_epoch_at_get_batch_started():
    _terminate_epoch_at(Events.GET_BATCH_STARTED(once=2))


def scenario_terminate_epoch_at_epoch_started():
    _terminate_epoch_at(Events.EPOCH_STARTED(once=1))


def scenario_terminate_epoch_at_epoch_completed():
    _terminate_epoch_at(Events.EPOCH_COMPLETED(once=1))


def scenario_terminate_epoch_at_started():
    _terminate_epoch_at(Events.STARTED)


def scenario_terminate_epoch_skip_epoch_completed():
    _terminate_epoch_at(Events.ITERATION_COMPLETED(once=2), skip_epoch_completed=True)


def scenario_terminate_epoch_then_data_continues():
    e = Engine(_step)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=1), lambda en: en.terminate_epoch())
    _trace(e, [Events.EPOCH_STARTED, Events.DATALOADER_STOP_ITERATION, Events.EPOCH_COMPLETED])
    e.run([1, 2, 3], max_epochs=3)
    _state(e)


def scenario_terminate_and_terminate_epoch():
    e = Engine(_step)
    _trace(
        e,
        [
            Events.EPOCH_STARTED,
            Events.EPOCH_COMPLETED,
            Events.TERMINATE_SINGLE_EPOCH,
            Events.TERMINATE,
            Events.COMPLETED,
        ],
    )

    @e.on(Events.ITERATION_COMPLETED(once=2))
    def both(engine):
        engine.terminate_epoch()
        engine.terminate()

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_terminate_mode_switch():
    e = Engine(_step)

    @e.on(Events.ITERATION_COMPLETED(once=2))
    def both(engine):
        engine.terminate(skip_completed=True)
        try:
            engine.terminate(skip_completed=False)
            print("switched")
        except Exception as exc:
            print(type(exc).__name__)

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_terminate_epoch_mode_switch():
    e = Engine(_step)

    @e.on(Events.ITERATION_COMPLETED(once=2))
    def both(engine):
        engine.terminate_epoch(skip_epoch_completed=True)
        try:
            engine.terminate_epoch()
            print("switched")
        except Exception as exc:
            print(type(exc).__name__)

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_terminate_twice_same_mode():
    e = Engine(_step)

    @e.on(Events.ITERATION_COMPLETED(once=2))
    def both(engine):
        engine.terminate()
        engine.terminate()
        print("ok")

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def _interrupt_at(event, data=(1, 2, 3), max_epochs=2, **run_kwargs):
    e = Engine(_step)
    _trace(e)
    e.add_event_handler(event, lambda en: en.interrupt())
    e.run(list(data), max_epochs=max_epochs, **run_kwargs)
    _state(e)
    return e


def scenario_interrupt_mid_epoch_and_resume():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_resume_without_args():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2))
    print("--- resume")
    e.run([1, 2, 3])
    _state(e)


def scenario_interrupt_at_epoch_completed():
    e = _interrupt_at(Events.EPOCH_COMPLETED(once=1))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_at_last_iteration():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=3))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_at_started():
    e = _interrupt_at(Events.STARTED)
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_at_epoch_started():
    e = _interrupt_at(Events.EPOCH_STARTED(once=2))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_at_get_batch_started():
    e = _interrupt_at(Events.GET_BATCH_STARTED(once=2))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_at_iteration_started():
    e = _interrupt_at(Events.ITERATION_STARTED(once=2))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_at_completed():
    e = _interrupt_at(Events.COMPLETED)
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_repeatedly():
    e = Engine(_step)
    e.add_event_handler(Events.ITERATION_COMPLETED(every=2), lambda en: en.interrupt())
    _trace(
        e, [Events.STARTED, Events.EPOCH_STARTED, Events.EPOCH_COMPLETED, Events.INTERRUPT, Events.COMPLETED]
    )
    calls = 0
    while e.state.iteration < 6 or calls == 0:
        calls += 1
        e.run([1, 2, 3], max_epochs=2)
        if calls > 10:
            break
    print("calls", calls)
    _state(e)


def scenario_interrupt_resume_with_more_epochs():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2))
    print("--- resume")
    e.run([1, 2, 3], max_epochs=3)
    _state(e)


def scenario_interrupt_resume_with_other_data():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2))
    print("--- resume")
    e.run([10, 20, 30], max_epochs=2)
    _state(e)


def scenario_interrupt_then_terminate():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2))
    e.add_event_handler(Events.ITERATION_COMPLETED(once=4), lambda en: en.terminate())
    print("--- resume")
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_interrupt_max_iters():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2), max_epochs=None, max_iters=5)
    print("--- resume")
    e.run([1, 2, 3])
    _state(e)


def scenario_interrupt_resume_enabled_flag():
    print(Engine.interrupt_resume_enabled)


def scenario_interrupt_with_data_none():
    e = Engine(_step)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda en: en.interrupt())
    _trace(e, [Events.EPOCH_STARTED, Events.INTERRUPT, Events.EPOCH_COMPLETED, Events.COMPLETED])
    e.run(None, max_epochs=2, epoch_length=3)
    print("--- resume")
    e.run(None)
    _state(e)


def scenario_exception_after_interrupt_resume():
    def step(engine, batch):
        if engine.state.iteration == 4:
            raise KeyError("x")

    e = Engine(step)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda en: en.interrupt())
    e.run([1, 2, 3], max_epochs=2)
    try:
        e.run([1, 2, 3], max_epochs=2)
    except KeyError:
        print("KeyError")
    _state(e)


def scenario_terminate_in_exception_handler():
    def step(engine, batch):
        if engine.state.iteration == 2:
            raise KeyError("x")

    e = Engine(step)
    _trace(e, [Events.TERMINATE, Events.COMPLETED, Events.EPOCH_COMPLETED])

    @e.on(Events.EXCEPTION_RAISED)
    def h(engine, exc):
        print("exception", type(exc).__name__)
        engine.terminate()

    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_terminate_single_epoch_handler_without_iter_counter():
    e = Engine(_step)
    e.add_event_handler(Events.TERMINATE_SINGLE_EPOCH, lambda en: print("single epoch", en.state.iteration))
    e.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda en: en.terminate_epoch())
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_terminate_single_epoch_handler_with_iter_counter():
    e = Engine(_step)
    e.add_event_handler(
        Events.TERMINATE_SINGLE_EPOCH, lambda en, iter_counter: print("single epoch", iter_counter)
    )
    e.add_event_handler(Events.ITERATION_COMPLETED(once=2), lambda en: en.terminate_epoch())
    e.run([1, 2, 3], max_epochs=2)
    _state(e)


def scenario_load_state_dict_while_interrupted():
    e = _interrupt_at(Events.ITERATION_COMPLETED(once=2))
    e.load_state_dict({"epoch_length": 3, "max_epochs": 3, "iteration": 4})
    print("--- after load")
    e.run([1, 2, 3])
    _state(e)


def scenario_data_exhausted_generator_with_epoch_length():
    def gen():
        yield from range(5)

    e = Engine(_step)
    _trace(
        e,
        [
            Events.EPOCH_STARTED,
            Events.DATALOADER_STOP_ITERATION,
            Events.EPOCH_COMPLETED,
            Events.TERMINATE,
            Events.COMPLETED,
        ],
    )
    e.run(gen(), epoch_length=3, max_epochs=3)
    _state(e)
