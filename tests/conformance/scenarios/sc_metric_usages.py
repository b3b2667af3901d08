"""Conformance: metric usages (EpochWise, RunningEpochWise, BatchWise, RunningBatchWise,
SingleEpochRunningBatchWise, BatchFiltered, custom MetricUsage): when metrics reset, update and compute."""

import torch

from ignite.engine import Engine, Events
from ignite.metrics.metric import (
    BatchFiltered,
    BatchWise,
    EpochWise,
    Metric,
    MetricUsage,
    RunningBatchWise,
    RunningEpochWise,
    SingleEpochRunningBatchWise,
)


class Sum(Metric):
    def reset(self):
        self.total = 0

    def update(self, output):
        self.total += int(output)

    def compute(self):
        return self.total


def _trace(usage, epochs=2, data=(1, 2, 3), name="s"):
    engine = Engine(lambda e, b: b)
    metric = Sum()
    metric.attach(engine, name, usage=usage)
    seen = []
    engine.add_event_handler(
        Events.ITERATION_COMPLETED,
        lambda e: seen.append(("it", e.state.iteration, e.state.metrics.get(name))),
    )
    engine.add_event_handler(
        Events.EPOCH_COMPLETED, lambda e: seen.append(("ep", e.state.epoch, e.state.metrics.get(name)))
    )
    engine.run(list(data), max_epochs=epochs)
    print(seen)
    print(metric.is_attached(engine, usage), metric.is_attached(engine))
    return engine, metric


def scenario_usage_names_and_events():
    for cls in (EpochWise, RunningEpochWise, BatchWise, RunningBatchWise, SingleEpochRunningBatchWise):
        usage = cls()
        print(cls.usage_name, usage.usage_name, usage.STARTED, usage.ITERATION_COMPLETED, usage.COMPLETED)
    filtered = BatchFiltered(every=2)
    print(filtered.STARTED, filtered.COMPLETED, filtered.ITERATION_COMPLETED == Events.ITERATION_COMPLETED)


def scenario_usage_class_hierarchy():
    print(issubclass(RunningEpochWise, EpochWise), issubclass(RunningBatchWise, BatchWise))
    print(issubclass(SingleEpochRunningBatchWise, BatchWise), issubclass(BatchFiltered, MetricUsage))
    print(isinstance(EpochWise(), MetricUsage))


def scenario_epoch_wise_trace():
    _trace(EpochWise())
    _trace("epoch_wise")


def scenario_running_epoch_wise_trace():
    _trace(RunningEpochWise())
    _trace("running_epoch_wise")


def scenario_batch_wise_trace():
    _trace(BatchWise())
    _trace("batch_wise", epochs=1)


def scenario_running_batch_wise_trace():
    _trace(RunningBatchWise())
    _trace("running_batch_wise", epochs=1)


def scenario_single_epoch_running_batch_wise_trace():
    _trace(SingleEpochRunningBatchWise())
    _trace("single_epoch_running_batch_wise", epochs=1)


def scenario_batch_filtered_trace():
    _trace(BatchFiltered(every=2), data=(1, 2, 3, 4))
    _trace(BatchFiltered(once=3), data=(1, 2, 3, 4))
    _trace(BatchFiltered(before=3), data=(1, 2, 3, 4), epochs=1)
    _trace(BatchFiltered(event_filter=lambda e, i: i % 3 == 1), data=(1, 2, 3, 4), epochs=1)


def scenario_batch_filtered_detach():
    usage = BatchFiltered(every=2)
    engine = Engine(lambda e, b: b)
    metric = Sum()
    metric.attach(engine, "s", usage=usage)
    print(metric.is_attached(engine, usage))
    metric.detach(engine, usage)
    print(metric.is_attached(engine, usage))
    engine.run([1, 2])
    print(sorted(engine.state.metrics))


def scenario_bad_usage_values():
    for usage in ("epochwise", "", 1, object()):
        try:
            Sum().attach(Engine(lambda e, b: b), "s", usage=usage)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)
    try:
        BatchFiltered(every=0)
        print("ok")
    except Exception as exc:
        print(type(exc).__name__)


def scenario_custom_metric_usage():
    usage = MetricUsage(Events.STARTED, Events.COMPLETED, Events.ITERATION_COMPLETED(every=2))
    print(usage.STARTED, usage.COMPLETED)
    engine = Engine(lambda e, b: b)
    Sum().attach(engine, "s", usage=usage)
    engine.run([1, 2, 3, 4], max_epochs=2)
    print(engine.state.metrics)


def scenario_custom_usage_epoch_filtered():
    usage = MetricUsage(
        Events.EPOCH_STARTED(every=2), Events.EPOCH_COMPLETED(every=2), Events.ITERATION_COMPLETED
    )
    engine = Engine(lambda e, b: b)
    metric = Sum()
    metric.attach(engine, "s", usage=usage)
    seen = []
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: seen.append(e.state.metrics.get("s")))
    engine.run([1, 2], max_epochs=4)
    print(seen, metric.is_attached(engine, usage))


def scenario_two_usages_same_metric():
    engine = Engine(lambda e, b: b)
    metric = Sum()
    metric.attach(engine, "epoch", usage=EpochWise())
    metric.attach(engine, "batch", usage=BatchWise())
    seen = []
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: seen.append(dict(e.state.metrics)))
    engine.run([1, 2, 3], max_epochs=1)
    print(seen[-1], engine.state.metrics)
    metric.detach(engine, BatchWise())
    print(metric.is_attached(engine, "batch_wise"), metric.is_attached(engine, "epoch_wise"))


def scenario_usage_with_terminate_mid_epoch():
    engine = Engine(lambda e, b: b)
    Sum().attach(engine, "s", usage=RunningEpochWise())

    @engine.on(Events.ITERATION_COMPLETED(once=5))
    def stop(e):
        e.terminate()

    engine.run([1, 2, 3], max_epochs=3)
    print(engine.state.epoch, engine.state.iteration, engine.state.metrics)


def scenario_usage_resume_after_terminate():
    engine = Engine(lambda e, b: b)
    Sum().attach(engine, "s", usage=RunningEpochWise())
    Sum().attach(engine, "e")

    @engine.on(Events.EPOCH_COMPLETED(once=1))
    def stop(e):
        e.terminate()

    engine.run([1, 2, 3], max_epochs=3)
    print(engine.state.epoch, engine.state.metrics)
    engine.run([1, 2, 3], max_epochs=3)
    print(engine.state.epoch, engine.state.metrics)


def scenario_torch_output_metric_values():
    class TensorSum(Metric):
        def reset(self):
            self.total = torch.tensor(0.0)

        def update(self, output):
            self.total += output.sum()

        def compute(self):
            return self.total

    engine = Engine(lambda e, b: torch.tensor(b, dtype=torch.float32))
    TensorSum().attach(engine, "s", usage="running_batch_wise")
    engine.run([[1.0, 2.0], [3.0]], max_epochs=2)
    print(type(engine.state.metrics["s"]).__name__, engine.state.metrics["s"])
