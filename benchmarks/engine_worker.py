"""Measures engine loop costs inside one interpreter; prints one JSON line of nanoseconds per iteration.

Runs unchanged against this project and against pytorch-ignite 0.5.5 (same public API). The driver,
bench_engine.py, starts it alternately in each interpreter and takes medians.
"""

from __future__ import annotations

import gc
import json
import sys
import time

from ignite.engine import Engine, EventEnum, Events

EPOCH_LENGTH = 1000


class StepEvents(EventEnum):
    STEP = "bench_step"


def noop(*args: object) -> None:
    return None


def per_iteration_ns(run, iterations: int) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        run()
        return (time.perf_counter_ns() - start) / iterations
    finally:
        gc.enable()


def bare_loop(iterations: int) -> float:
    data = [0] * EPOCH_LENGTH
    epochs = iterations // EPOCH_LENGTH

    def run() -> None:
        for _ in range(epochs):
            for batch in data:
                noop(None, batch)

    return per_iteration_ns(run, iterations)


def engine_run(iterations: int, setup) -> float:
    engine = Engine(noop)
    setup(engine)
    data = [0] * EPOCH_LENGTH
    engine.run(data, max_epochs=1)  # warm-up
    return per_iteration_ns(lambda: engine.run(data, max_epochs=iterations // EPOCH_LENGTH), iterations)


def no_handlers(engine: Engine) -> None:
    pass


def ten_handlers(engine: Engine) -> None:
    for _ in range(10):
        engine.add_event_handler(Events.ITERATION_COMPLETED, noop)


def ten_filtered_handlers(engine: Engine) -> None:
    for _ in range(10):
        engine.add_event_handler(Events.ITERATION_COMPLETED(every=100), noop)


def custom_event(with_handler: bool):
    def setup(engine: Engine) -> None:
        engine.register_events(*StepEvents)
        if with_handler:
            engine.add_event_handler(StepEvents.STEP, noop)
        engine._process_function = lambda e, b: e.fire_event(StepEvents.STEP)

    return setup


SCENARIOS = {
    "no handlers": no_handlers,
    "10 handlers on ITERATION_COMPLETED": ten_handlers,
    "10 handlers on ITERATION_COMPLETED(every=100)": ten_filtered_handlers,
    "custom event fired every step (no handler)": custom_event(False),
    "custom event fired every step (1 handler)": custom_event(True),
}


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    result = {"bare loop": bare_loop(iterations)}
    for name, setup in SCENARIOS.items():
        result[name] = engine_run(iterations, setup)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
