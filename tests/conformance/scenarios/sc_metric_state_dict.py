"""Conformance: metric state dicts (0.5's per-rank layout), save / reset / load, checkpoints written by 0.5."""

from collections import OrderedDict

import torch

from ignite.engine import Engine
from ignite.metrics import Accuracy, Loss, MetricsLambda, Precision, Recall
from ignite.metrics.metric import Metric


def _show(sd):
    def fmt(value):
        if isinstance(value, torch.Tensor):
            return f"T{value.tolist()}"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {fmt(v)}" for k, v in value.items()) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(fmt(v) for v in value) + "]"
        return repr(value)

    return f"{type(sd).__name__} {fmt(sd)}"


Y_PRED = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
Y = torch.tensor([0, 1, 1, 1])


class Mean(Metric):
    _state_dict_all_req_keys = ("total", "count")

    def reset(self):
        self.total = torch.tensor(0.0)
        self.count = 0

    def update(self, output):
        self.total += output[0].sum()
        self.count += output[0].numel()

    def compute(self):
        return float(self.total / self.count)


def scenario_custom_metric_state_dict_layout():
    m = Mean()
    m.update((torch.tensor([1.0, 3.0]),))
    print(_show(m.state_dict()))

    class NoState(Mean):
        _state_dict_all_req_keys = ()

    print(_show(NoState().state_dict()))


def scenario_load_state_written_by_05():
    # the layout pytorch-ignite 0.5 writes into checkpoints
    saved = OrderedDict(
        [("__metric_state_per_rank", [OrderedDict([("total", torch.tensor(6.0)), ("count", 3)])])]
    )
    m = Mean()
    m.load_state_dict(saved)
    print(m.compute())
    m.update((torch.tensor([2.0]),))
    print(m.compute())


def scenario_load_state_dict_errors():
    for bad in (
        [],
        {},
        {"total": [1], "count": [2]},
        {"__metric_state_per_rank": []},
        {"__metric_state_per_rank": [{}]},
        {"__metric_state_per_rank": [{"total": torch.tensor(1.0)}]},
        {"__metric_state_per_rank": {"total": 1, "count": 2}},
        {"__metric_state_per_rank": [{"total": torch.tensor(1.0), "count": 2}], "extra": 1},
    ):
        try:
            Mean().load_state_dict(bad)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_accuracy_loss_state_dict_round_trip():
    for make in (Accuracy, lambda: Loss(torch.nn.functional.cross_entropy)):
        metric = make()
        metric.update((Y_PRED, Y))
        sd = metric.state_dict()
        print(list(sd), sorted(sd["__metric_state_per_rank"][0]))
        value = metric.compute()
        metric.reset()
        metric.load_state_dict(sd)
        fresh = make()
        fresh.load_state_dict(sd)
        print(round(float(value), 5), round(float(metric.compute()), 5), round(float(fresh.compute()), 5))


def scenario_accuracy_loads_05_checkpoint():
    saved = {"__metric_state_per_rank": [{"_num_correct": torch.tensor(3), "_num_examples": 4}]}
    acc = Accuracy()
    try:
        acc.load_state_dict(saved)
        print(acc.compute())
    except Exception as exc:
        print(type(exc).__name__)


def scenario_metrics_lambda_state_dict_layout():
    a, b, c = Mean(), Mean(), Mean()
    composed = MetricsLambda(lambda x, y, scale: (x - y) * scale, a, b, scale=c)
    composed.update((torch.tensor([1.0, 2.0]),))
    print(_show(composed.state_dict()))
    nested = MetricsLambda(lambda x, y, c: x + y + c, a * 2, b, 3)
    print(_show(nested.state_dict()))


def scenario_metrics_lambda_save_reset_load_in_engine():
    precision, recall = Precision(average=False), Recall(average=False)
    f1 = (precision * recall * 2 / (precision + recall + 1e-20)).mean()
    engine = Engine(lambda e, b: (Y_PRED, Y))
    f1.attach(engine, "f1")
    engine.run([0])
    before = round(float(engine.state.metrics["f1"]), 5)
    sd = f1.state_dict()
    f1.reset()
    f1.load_state_dict(sd)
    print(before, round(float(f1.compute()), 5))
    p2, r2 = Precision(average=False), Recall(average=False)
    fresh = (p2 * r2 * 2 / (p2 + r2 + 1e-20)).mean()
    fresh.load_state_dict(sd)
    print(round(float(fresh.compute()), 5))


def scenario_nested_metric_attributes_state():
    class Holder(Metric):
        _state_dict_all_req_keys = ("inner", "items", "named")

        def reset(self):
            self.inner = Mean()
            self.items = [Mean(), Mean()]
            self.named = {"m": Mean(), "k": 3}

        def update(self, output):
            self.inner.update(output)
            self.items[1].update(output)
            self.named["m"].update(output)

        def compute(self):
            return self.inner.compute() + self.items[1].compute() + self.named["m"].compute()

    h = Holder()
    h.update((torch.tensor([2.0]),))
    sd = h.state_dict()
    print(_show(sd))
    fresh = Holder()
    fresh.load_state_dict(sd)
    print(fresh.compute(), fresh.named["k"])


def scenario_lambda_manual_update_counts_each_metric_once():
    # 0.5 updates a metric once per appearance when MetricsLambda.update is called by hand
    a, b = Mean(), Mean()
    composed = MetricsLambda(lambda x, y, scale: (x - y) * scale, a, b, scale=a)
    composed.update((torch.tensor([1.0, 2.0]),))
    print(a.count, b.count)
