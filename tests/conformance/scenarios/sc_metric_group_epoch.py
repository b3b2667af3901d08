"""Conformance: MetricGroup and EpochMetric."""

import warnings

import torch

from ignite.engine import Engine
from ignite.exceptions import NotComputableError
from ignite.metrics import Accuracy, EpochMetric, Loss, MetricGroup
from ignite.metrics.epoch_metric import EpochMetricWarning


def _fmt(value):
    if isinstance(value, torch.Tensor):
        return [round(float(v), 5) for v in value.flatten()]
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, dict):
        return {k: _fmt(v) for k, v in value.items()}
    return value


Y_PRED = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
Y = torch.tensor([0, 1, 1, 1])


def _group():
    return MetricGroup({"acc": Accuracy(), "loss": Loss(torch.nn.functional.cross_entropy)})


def scenario_group_compute_by_hand():
    group = _group()
    group.update((Y_PRED, Y))
    print(_fmt(group.compute()))
    group.reset()
    try:
        group.compute()
    except Exception as exc:
        print(type(exc).__name__)


def scenario_group_attached_metrics_keys():
    engine = Engine(lambda e, b: (Y_PRED, Y))
    _group().attach(engine, "eval")
    engine.run([0, 1])
    metrics = engine.state.metrics
    print(sorted(metrics), _fmt(metrics["acc"]), _fmt(metrics["eval"]))
    print(type(metrics["acc"]).__name__, type(metrics["loss"]).__name__)


def scenario_group_output_transform_and_members():
    group = MetricGroup(
        {"acc": Accuracy(output_transform=lambda out: (out[0], out[1]))},
        output_transform=lambda out: (out["p"], out["t"]),
    )
    engine = Engine(lambda e, b: {"p": Y_PRED, "t": Y})
    group.attach(engine, "g")
    engine.run([0])
    print(_fmt(engine.state.metrics["acc"]))


def scenario_group_constructor_errors():
    for arg in ([Accuracy()], {"a": 3}, {}, None):
        try:
            MetricGroup(arg)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_group_state_dict():
    group = _group()
    group.update((Y_PRED, Y))
    sd = group.state_dict()
    rank0 = sd["__metric_state_per_rank"][0]
    print(list(sd), list(rank0), sorted(rank0["metrics"]))
    print(sorted(rank0["metrics"]["loss"]))
    fresh = _group()
    fresh.load_state_dict(sd)
    print(_fmt(fresh.compute()))


def scenario_group_key_clash_with_name():
    engine = Engine(lambda e, b: (Y_PRED, Y))
    _group().attach(engine, "acc")
    try:
        engine.run([0])
        print(sorted(engine.state.metrics))
    except Exception as exc:
        print(type(exc).__name__)


def _mae(preds, targets):
    return float((preds - targets).abs().mean())


def scenario_epoch_metric_compute():
    metric = EpochMetric(_mae)
    for i in range(3):
        metric.update((torch.arange(4, dtype=torch.float32) + i, torch.ones(4)))
    print(_fmt(metric.compute()))
    metric.reset()
    try:
        metric.compute()
    except NotComputableError as exc:
        print(type(exc).__name__)


def scenario_epoch_metric_shapes_and_types():
    for y_pred, y in (
        (torch.zeros(4, 1), torch.zeros(4, 1)),
        (torch.zeros(4, 3), torch.zeros(4, 3)),
        (torch.zeros(4), torch.zeros(4)),
        (torch.zeros(4, 2, 2), torch.zeros(4)),
        (torch.zeros(4), torch.zeros(4, 2, 2)),
        (torch.zeros(4), torch.zeros(3)),
        (torch.zeros(2, 2), torch.zeros(2)),
    ):
        metric = EpochMetric(lambda p, t: tuple(p.shape) + tuple(t.shape), check_compute_fn=False)
        try:
            metric.update((y_pred, y))
            print(metric.compute())
        except Exception as exc:
            print(type(exc).__name__)


def scenario_epoch_metric_incoherent_types():
    metric = EpochMetric(_mae, check_compute_fn=False)
    metric.update((torch.zeros(2), torch.zeros(2)))
    for y_pred, y in (
        (torch.zeros(2, dtype=torch.float64), torch.zeros(2)),
        (torch.zeros(2), torch.zeros(2, dtype=torch.long)),
    ):
        try:
            metric.update((y_pred, y))
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_epoch_metric_check_compute_fn_warning():
    def failing(p, t):
        raise ValueError("needs two classes")

    for check in (True, False):
        metric = EpochMetric(failing, check_compute_fn=check)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            metric.update((torch.zeros(2), torch.zeros(2)))
        print(check, [w.category.__name__ for w in caught])
    print(issubclass(EpochMetricWarning, UserWarning))


def scenario_epoch_metric_bad_compute_fn():
    for fn in (3, None):
        try:
            EpochMetric(fn)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_epoch_metric_in_engine_and_state_dict():
    metric = EpochMetric(_mae)
    batches = [
        (torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0])),
        (torch.tensor([4.0]), torch.tensor([1.0])),
    ]
    engine = Engine(lambda e, b: b)
    metric.attach(engine, "mae")
    engine.run(batches, max_epochs=2)
    print(_fmt(engine.state.metrics["mae"]))
    sd = metric.state_dict()
    rank0 = sd["__metric_state_per_rank"][0]
    print(list(rank0), [_fmt(t) for t in rank0["_predictions"]], [_fmt(t) for t in rank0["_targets"]])
    fresh = EpochMetric(_mae)
    fresh.load_state_dict(sd)
    print(_fmt(fresh.compute()))


def scenario_epoch_metric_unrolled_list_output():
    metric = EpochMetric(lambda p, t: (tuple(p.shape), tuple(t.shape)), check_compute_fn=False)
    engine = Engine(lambda e, b: ([torch.tensor(0.5), torch.tensor(0.7)], [torch.tensor(1), torch.tensor(0)]))
    metric.attach(engine, "shapes")
    engine.run([0])
    print(engine.state.metrics["shapes"])


def scenario_group_unrolled_list_output():
    class Shapes(EpochMetric):
        def __init__(self, **kwargs):
            super().__init__(lambda p, t: (tuple(p.shape), tuple(t.shape)), check_compute_fn=False, **kwargs)

    group = MetricGroup(
        {"plain": Shapes(), "twice": Shapes(output_transform=lambda out: (out[0] * 2, out[1]))}
    )
    engine = Engine(
        lambda e, b: (
            [torch.tensor([0.5, 0.1]), torch.tensor([0.7, 0.2])],
            [torch.tensor(1), torch.tensor(0)],
        )
    )
    group.attach(engine, "g")
    engine.run([0])
    print(engine.state.metrics["plain"], engine.state.metrics["twice"])
    skip = MetricGroup({"acc": Accuracy()}, skip_unrolling=True)
    engine = Engine(lambda e, b: (Y_PRED, Y))
    skip.attach(engine, "s")
    engine.run([0])
    print(_fmt(engine.state.metrics["acc"]))


def scenario_group_state_dict_after_engine_run_and_reset():
    group = _group()
    engine = Engine(lambda e, b: (Y_PRED, Y))
    group.attach(engine, "g")
    engine.run([0, 1])
    sd = group.state_dict()
    group.reset()
    group.load_state_dict(sd)
    print(_fmt(group.compute()))
