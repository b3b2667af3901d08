"""Conformance: MetricsLambda and metric arithmetic (composition, attach/detach, state_dict)."""

import torch

from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite.metrics import Accuracy, MetricsLambda, Precision, Recall
from ignite.metrics.metric import Metric, reinit__is_reduced


class Mean(Metric):
    """Mean of the first element of the output; state in ``_state_dict_all_req_keys``."""

    _state_dict_all_req_keys = ("total", "count")

    @reinit__is_reduced
    def reset(self):
        self.total = torch.tensor(0.0)
        self.count = 0

    @reinit__is_reduced
    def update(self, output):
        value = output[0] if isinstance(output, (tuple, list)) else output
        self.total += value.sum()
        self.count += value.numel()

    def compute(self):
        if self.count == 0:
            raise NotComputableError("Mean needs data")
        return self.total / self.count


def _fmt(value):
    if isinstance(value, torch.Tensor):
        return [round(float(v), 5) for v in value.flatten()]
    if isinstance(value, float):
        return round(value, 5)
    return value


def _data():
    return [torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]), torch.tensor([5.0])]


def scenario_arithmetic_operators():
    a, b = Mean(), Mean()
    results = {
        "add": a + b,
        "radd": 1 + a,
        "sub": a - b,
        "rsub": 10 - a,
        "mul": a * b,
        "rmul": 2 * a,
        "div": a / b,
        "floordiv": a // b,
        "mod": a % 2,
        "pow": a**2,
        "rpow": 2**a,
    }
    a.update(torch.tensor([2.0, 4.0]))
    b.update(torch.tensor([1.0]))
    for name, composed in results.items():
        print(name, type(composed).__name__, _fmt(composed.compute()))


def scenario_reflected_operators_beyond_05():
    # 0.5 lacks __rfloordiv__/__rmod__ and its __rtruediv__ returns NotImplemented for float values
    a = Mean()
    composed = {"rdiv": 6 / a, "rfloordiv": 7 // a, "rmod": 7 % a}
    a.update(torch.tensor([2.0, 4.0]))
    for name, value in composed.items():
        print(name, _fmt(value.compute()))


def scenario_getitem_and_tensor_methods():
    class Vec(Metric):
        def reset(self):
            self.v = torch.zeros(3)

        def update(self, output):
            self.v += output

        def compute(self):
            return self.v

    v = Vec()
    composed = [v[1], v[0:2], v.mean(), v.sum(), v.abs(), v.max(), v.sum(dim=0)]
    v.update(torch.tensor([1.0, -2.0, 3.0]))
    print([_fmt(c.compute()) for c in composed])
    print(type(v.mean()).__name__, type(v[0]).__name__)
    print(_fmt(v[1].compute()))


def scenario_lambda_compute_by_hand():
    a, b = Mean(), Mean()
    lam = MetricsLambda(lambda x, y, k=1: x * k + y, a, b, k=10)
    a.update(torch.tensor([1.0, 3.0]))
    b.update(torch.tensor([5.0]))
    print(_fmt(lam.compute()))
    lam.update(torch.tensor([6.0, 2.0]))
    print(a.count, b.count, _fmt(lam.compute()))
    lam.reset()
    print(a.count, b.count)
    try:
        lam.compute()
    except Exception as exc:
        print(type(exc).__name__)


def scenario_lambda_construction_resets_dependencies():
    a = Mean()
    a.update(torch.tensor([1.0, 2.0]))
    print(a.count)
    lam = MetricsLambda(lambda x: x * 2, a)
    print(a.count)
    a.update(torch.tensor([4.0]))
    print(_fmt(lam.compute()))
    b = Mean()
    b.update(torch.tensor([3.0]))
    composed = b + 1
    print(b.count, type(composed).__name__)


def scenario_lambda_not_callable():
    for f in (3, None, "x"):
        try:
            MetricsLambda(f, Mean())
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_lambda_attach_epoch_values():
    a = Mean()
    lam = a * 2 + 1
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "lam")
    seen = []
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: seen.append(_fmt(e.state.metrics["lam"])))
    engine.run(_data(), max_epochs=2)
    print(seen, sorted(engine.state.metrics))
    print(lam.is_attached(engine), a.is_attached(engine))


def scenario_lambda_attach_dependency_also_attached():
    a, b = Mean(), Mean()
    lam = a + b
    engine = Engine(lambda e, b: b)
    a.attach(engine, "a")
    lam.attach(engine, "lam")
    engine.run(_data())
    print(sorted(engine.state.metrics), _fmt(engine.state.metrics["a"]), _fmt(engine.state.metrics["lam"]))
    print(a.count, b.count)


def scenario_lambda_shared_dependency_updated_once():
    a = Mean()
    lam = a + a * a
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "lam")
    engine.run(_data())
    print(a.count, _fmt(engine.state.metrics["lam"]))


def scenario_lambda_nested():
    a, b = Mean(), Mean(output_transform=lambda out: out * 2)
    inner = MetricsLambda(lambda x, y: x + y, a, b)
    outer = MetricsLambda(lambda z, x: z * x, inner, a)
    engine = Engine(lambda e, b: b)
    outer.attach(engine, "outer")
    engine.run(_data())
    print(_fmt(engine.state.metrics["outer"]), a.count, b.count)
    print(outer.is_attached(engine), inner.is_attached(engine))


def scenario_lambda_detach_and_reattach():
    a, b = Mean(), Mean()
    lam = a + b
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "lam")
    print(lam.is_attached(engine))
    lam.detach(engine)
    print(lam.is_attached(engine))
    print(
        engine.has_event_handler(a.started, Events.EPOCH_STARTED),
        engine.has_event_handler(a.iteration_completed, Events.ITERATION_COMPLETED),
    )
    lam.attach(engine, "lam")
    engine.run(_data())
    print(lam.is_attached(engine), _fmt(engine.state.metrics["lam"]))


def scenario_lambda_reattach_after_dependency_detached():
    a, b = Mean(), Mean()
    lam = a + b
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "lam")
    a.detach(engine)
    print(lam.is_attached(engine), a.is_attached(engine))
    lam.attach(engine, "lam")
    print(lam.is_attached(engine))
    engine.run(_data())
    print(_fmt(engine.state.metrics["lam"]), a.count, b.count)


def scenario_lambda_usage_batch_wise():
    a = Mean()
    lam = a * 10
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "lam", usage="batch_wise")
    values = []
    engine.add_event_handler(
        Events.ITERATION_COMPLETED, lambda e: values.append(_fmt(e.state.metrics["lam"]))
    )
    engine.run(_data())
    print(values, lam.is_attached(engine, "batch_wise"), lam.is_attached(engine))


def scenario_lambda_update_while_attached():
    a = Mean()
    lam = a + 1
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "lam")
    try:
        lam.update(torch.tensor([1.0]))
        print("update ok", a.count)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_lambda_attach_after_manual_update():
    a = Mean()
    lam = a + 1
    lam.update(torch.tensor([1.0]))
    engine = Engine(lambda e, b: b)
    try:
        lam.attach(engine, "lam")
        engine.run(_data())
        print("attached", _fmt(engine.state.metrics["lam"]))
    except Exception as exc:
        print(type(exc).__name__)


def scenario_lambda_state_dict_round_trip():
    a, b = Mean(), Mean()
    lam = MetricsLambda(lambda x, y: x - y, a, b)
    lam.update(torch.tensor([4.0, 6.0]))
    sd = lam.state_dict()
    print(type(sd).__name__, len(sd))
    fresh_a, fresh_b = Mean(), Mean()
    fresh = MetricsLambda(lambda x, y: x - y, fresh_a, fresh_b)
    fresh.load_state_dict(sd)
    print(fresh_a.count, fresh_b.count, _fmt(fresh.compute()))
    lam.reset()
    lam.load_state_dict(sd)
    print(a.count, _fmt(lam.compute()))


def scenario_lambda_state_dict_nested_lambda():
    a, b = Mean(), Mean()
    inner = a * 2
    outer = MetricsLambda(lambda x, y: x + y, inner, b)
    outer.update(torch.tensor([1.0, 2.0]))
    sd = outer.state_dict()
    fa, fb = Mean(), Mean()
    fresh = MetricsLambda(lambda x, y: x + y, fa * 2, fb)
    fresh.load_state_dict(sd)
    print(fa.count, fb.count, _fmt(fresh.compute()))


def scenario_lambda_with_non_metric_args():
    a = Mean()
    lam = MetricsLambda(lambda x, n, s: f"{float(x):.2f}{s}{n}", a, 3, "/")
    a.update(torch.tensor([0.5]))
    print(lam.compute())
    engine = Engine(lambda e, b: b)
    lam.attach(engine, "text")
    engine.run(_data())
    print(engine.state.metrics["text"])


def scenario_f1_from_precision_recall():
    precision = Precision(average=False)
    recall = Recall(average=False)
    f1 = (precision * recall * 2 / (precision + recall + 1e-20)).mean()
    y_pred = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    y = torch.tensor([0, 1, 1, 1])
    engine = Engine(lambda e, b: (y_pred, y))
    f1.attach(engine, "f1")
    Accuracy().attach(engine, "acc")
    engine.run([0])
    print(_fmt(engine.state.metrics["f1"]), _fmt(engine.state.metrics["acc"]))
    print(f1.is_attached(engine), precision.is_attached(engine))


def scenario_lambda_result_tensor_zero_dim():
    a = Mean()
    engine = Engine(lambda e, b: b)
    (a * 1).attach(engine, "x")
    MetricsLambda(lambda v: torch.stack([v, v]), a).attach(engine, "vec")
    engine.run(_data())
    print(type(engine.state.metrics["x"]).__name__, type(engine.state.metrics["vec"]).__name__)


def scenario_lambda_chained_tensor_methods_and_dict_result():
    precision = Precision(average=False)
    recall = Recall(average=False)
    f1_item = (precision * recall * 2 / (precision + recall + 1e-20)).mean().item()
    both = MetricsLambda(
        lambda p, r: {"p0": p[0], "r1": r[1]}, precision, recall, metrics_result_mode="flatten"
    )
    y_pred = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    y = torch.tensor([0, 1, 1, 1])
    engine = Engine(lambda e, b: (y_pred, y))
    f1_item.attach(engine, "f1")
    both.attach(engine, "pr")
    engine.run([0])
    metrics = engine.state.metrics
    print(sorted(metrics), type(metrics["f1"]).__name__, _fmt(metrics["f1"]))
    print(_fmt(metrics["p0"]), _fmt(metrics["r1"]), type(metrics["p0"]).__name__)
