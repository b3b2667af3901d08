"""Conformance: the Metric contract (update/compute/reset, output handling, attach/detach, result modes)."""

import torch

from ignite.engine import Engine, Events
from ignite.exceptions import NotComputableError
from ignite.metrics import Accuracy, Loss
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce


class Recorder(Metric):
    """Records what ``update`` receives: shapes of tensors, type names of the rest."""

    def reset(self):
        self.seen = []

    def update(self, output):
        self.seen.append(_describe(output))

    def compute(self):
        if not self.seen:
            raise NotComputableError("nothing seen")
        return len(self.seen)


class Summer(Metric):
    def reset(self):
        self.total = 0.0
        self.n = 0

    def update(self, output):
        y_pred, y = output
        self.total += float((y_pred - y).abs().sum())
        self.n += y.shape[0]

    def compute(self):
        if self.n == 0:
            raise NotComputableError("Summer needs data")
        return torch.tensor(self.total / self.n)


def _describe(value):
    if isinstance(value, torch.Tensor):
        return f"T{tuple(value.shape)}:{str(value.dtype).replace('torch.', '')}"
    if isinstance(value, (list, tuple)):
        inner = ",".join(_describe(v) for v in value)
        return f"{type(value).__name__}[{inner}]"
    if isinstance(value, dict):
        return "dict{" + ",".join(f"{k}={_describe(v)}" for k, v in value.items()) + "}"
    return type(value).__name__


def _feed(output, metric=None, **kwargs):
    metric = metric if metric is not None else Recorder(**kwargs)
    engine = Engine(lambda e, b: output)
    metric.attach(engine, "m")
    try:
        engine.run([0], max_epochs=1)
    except Exception as exc:
        print("error", type(exc).__name__)
        return
    print(metric.seen if isinstance(metric, Recorder) else "-", engine.state.metrics.get("m"))


def scenario_unroll_list_of_tensors_adds_batch_dim():
    _feed(([torch.zeros(3), torch.ones(3)], [torch.zeros(3), torch.zeros(3)]))
    _feed(([torch.zeros(2, 3)], [torch.zeros(2)]))


def scenario_unroll_list_of_numbers_become_tensors():
    _feed(([1.0, 2.5], [1, True]))
    _feed(([torch.tensor(1.0), 2], [1, torch.tensor([3])]))


def scenario_unroll_0d_tensors():
    _feed(([torch.tensor(1.0), torch.tensor(2.0)], [torch.tensor(1), torch.tensor(0)]))
    _feed(((torch.tensor(0.5),), (torch.tensor(1),)))


def scenario_unroll_mismatched_lengths():
    _feed(([torch.zeros(3)], [torch.zeros(3), torch.zeros(3)]))
    _feed(([torch.zeros(3)], [torch.zeros(3)], [torch.zeros(3)]))
    _feed(([], [1]))
    _feed(([], []))


def scenario_not_unrolled_outputs():
    _feed(([torch.zeros(3)], torch.zeros(3)))
    _feed((torch.zeros(3), [torch.zeros(3)]))
    _feed(([torch.tensor(1.0)], [torch.tensor(2)], torch.tensor(3)))
    _feed(([1.0], [None]))
    _feed(([[1.0]], [[1]]))
    _feed([1.0, 2.0])
    _feed([torch.zeros(2), torch.zeros(2)])
    _feed(torch.zeros(4))
    _feed(3.5)


def scenario_skip_unrolling():
    _feed(([torch.zeros(3), torch.zeros(3)], [torch.zeros(3), torch.zeros(3)]), skip_unrolling=True)
    _feed(([1.0], [2]), skip_unrolling=True)


def scenario_unroll_dict_output():
    _feed({"y_pred": [torch.zeros(3)], "y": [torch.zeros(3)]})
    _feed({"y_pred": [1.0, 2.0], "y": [2, 3], "x": [1, 1]})


def scenario_accuracy_unrolled_samples():
    # a per-sample list output, as segmentation libraries produce
    outputs = ([torch.tensor([0.2, 0.8]), torch.tensor([0.9, 0.1])], [torch.tensor(1), torch.tensor(1)])
    _feed(outputs, metric=Accuracy())
    _feed(([torch.tensor(0.7), torch.tensor(0.2)], [torch.tensor(1), torch.tensor(1)]), metric=Accuracy())
    _feed(([torch.tensor(1), torch.tensor(0)], [torch.tensor(1), torch.tensor(1)]), metric=Accuracy())


def scenario_per_sample_metric_differs_from_batched():
    # a metric averaging per update call: per-sample unrolling changes its value
    class MeanOfUpdates(Metric):
        def reset(self):
            self.values = []

        def update(self, output):
            y_pred, y = output
            inter = (y_pred * y).sum()
            self.values.append(float(2 * inter / (y_pred.sum() + y.sum())))

        def compute(self):
            return sum(self.values) / len(self.values)

    preds = [torch.tensor([[1.0, 1.0, 0.0]]), torch.tensor([[0.0, 0.0, 1.0]])]
    targets = [torch.tensor([[1.0, 0.0, 0.0]]), torch.tensor([[1.0, 1.0, 0.0]])]
    metric = MeanOfUpdates()
    engine = Engine(lambda e, b: (preds, targets))
    metric.attach(engine, "dice")
    engine.run([0])
    print(f"{engine.state.metrics['dice']:.6f}")


def scenario_dict_output_required_keys():
    _feed({"y_pred": torch.zeros(2), "y": torch.zeros(2), "x": 1})
    _feed({"y_pred": torch.zeros(2)})
    _feed({"pred": torch.zeros(2), "y": torch.zeros(2)})


def scenario_custom_required_output_keys():
    class Three(Recorder):
        required_output_keys = ("y_pred", "y", "w")

    class NoKeys(Recorder):
        required_output_keys = None

    _feed({"y_pred": torch.zeros(2), "y": torch.zeros(2), "w": torch.ones(2)}, metric=Three())
    _feed({"y_pred": torch.zeros(2), "y": torch.zeros(2)}, metric=Three())
    _feed({"y_pred": torch.zeros(2), "y": torch.zeros(2)}, metric=NoKeys())
    print(Metric.required_output_keys, Three.required_output_keys, NoKeys.required_output_keys)


def scenario_loss_dict_output_with_criterion_kwargs():
    loss = Loss(torch.nn.functional.l1_loss)
    out = {"y_pred": torch.tensor([1.0, 2.0]), "y": torch.tensor([0.0, 0.0]), "criterion_kwargs": {}}
    _feed(out, metric=loss)
    print(Loss.required_output_keys)


def scenario_output_transform():
    metric = Recorder(output_transform=lambda out: (out["p"], out["t"]))
    _feed({"p": torch.zeros(2), "t": torch.zeros(2)}, metric=metric)


def scenario_constructor_argument_errors():
    for kwargs in (
        {"output_transform": 3},
        {"device": 3},
        {"device": "nonsense"},
        {"skip_unrolling": 1},
        {"metrics_result_mode": "all"},
        {"device": "cpu"},
        {"device": torch.device("cpu")},
    ):
        try:
            m = Recorder(**kwargs)
            print(sorted(kwargs), "ok", str(m._device))
        except Exception as exc:
            print(sorted(kwargs), type(exc).__name__)


def scenario_abstract_metric():
    try:
        Metric()
    except Exception as exc:
        print(type(exc).__name__)

    class OnlyReset(Metric):
        def reset(self):
            pass

    try:
        OnlyReset()
    except Exception as exc:
        print(type(exc).__name__)


def scenario_reset_called_in_init_and_compute_values():
    m = Summer()
    print(m.n, m.total)
    try:
        m.compute()
    except NotComputableError as exc:
        print(type(exc).__name__, isinstance(exc, RuntimeError))
    m.update((torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0])))
    print(f"{float(m.compute()):.4f}")
    m.reset()
    print(m.n)


def scenario_completed_tensor_item_and_types():
    class Returns(Metric):
        def __init__(self, value):
            self.value = value
            super().__init__()

        def reset(self):
            pass

        def update(self, output):
            pass

        def compute(self):
            return self.value

    for value in (torch.tensor(2.5), torch.tensor([1.0, 2.0]), 3, 1.5, "text", [1, 2], (1, 2)):
        engine = Engine(lambda e, b: None)
        Returns(value).attach(engine, "r")
        engine.run([0])
        got = engine.state.metrics["r"]
        print(type(got).__name__, got.tolist() if isinstance(got, torch.Tensor) else got)


def scenario_mapping_result_modes():
    class DictMetric(Metric):
        def __init__(self, mode="both"):
            super().__init__(metrics_result_mode=mode)

        def reset(self):
            pass

        def update(self, output):
            pass

        def compute(self):
            return {"a": torch.tensor(1.0), "b": torch.tensor([2.0, 3.0]), "c": 4}

    for mode in ("both", "flatten", "named"):
        engine = Engine(lambda e, b: None)
        DictMetric(mode).attach(engine, "d")
        engine.run([0])
        metrics = engine.state.metrics
        print(mode, sorted(metrics), [type(metrics[k]).__name__ for k in sorted(metrics)])
        if "d" in metrics:
            print(sorted(metrics["d"]), type(metrics["d"]["a"]).__name__)

    engine = Engine(lambda e, b: None)
    DictMetric().attach(engine, "a")
    try:
        engine.run([0])
        print(sorted(engine.state.metrics))
    except Exception as exc:
        print("name clash", type(exc).__name__)


def scenario_attach_detach_is_attached():
    engine = Engine(lambda e, b: (torch.tensor([1.0]), torch.tensor([0.0])))
    m = Summer()
    print(m.is_attached(engine))
    m.attach(engine, "s")
    print(m.is_attached(engine), m.is_attached(engine, "batch_wise"))
    print(
        engine.has_event_handler(m.started, Events.EPOCH_STARTED),
        engine.has_event_handler(m.iteration_completed, Events.ITERATION_COMPLETED),
        engine.has_event_handler(m.completed, Events.EPOCH_COMPLETED),
    )
    engine.run([0, 1])
    print(f"{engine.state.metrics['s']:.3f}")
    m.detach(engine)
    print(m.is_attached(engine))
    print(
        engine.has_event_handler(m.started, Events.EPOCH_STARTED),
        engine.has_event_handler(m.iteration_completed, Events.ITERATION_COMPLETED),
    )
    engine.state.metrics.clear()
    engine.run([0, 1], max_epochs=2)
    print(sorted(engine.state.metrics))
    m.detach(engine)
    print("detach twice ok")


def scenario_attach_twice_same_name():
    engine = Engine(lambda e, b: (torch.tensor([1.0]), torch.tensor([0.0])))
    m = Summer()
    m.attach(engine, "s")
    m.attach(engine, "s")
    print(len(engine._event_handlers[Events.EPOCH_COMPLETED]))
    m.attach(engine, "t")
    print(len(engine._event_handlers[Events.EPOCH_COMPLETED]))
    engine.run([0])
    print(sorted(engine.state.metrics))
    other = Summer()
    try:
        other.attach(engine, "s")
        engine.run([0], max_epochs=2)
        print("other attached", sorted(engine.state.metrics))
    except Exception as exc:
        print(type(exc).__name__)


def scenario_attach_bad_usage():
    engine = Engine(lambda e, b: None)
    m = Summer()
    for usage in ("epoch", 3, None):
        try:
            m.attach(engine, "s", usage=usage)
            print(usage, "ok")
        except Exception as exc:
            print(usage, type(exc).__name__)
    for usage in ("epoch", 3):
        for method in (m.detach, m.is_attached):
            try:
                method(engine, usage=usage)
                print(method.__name__, usage, "ok")
            except Exception as exc:
                print(method.__name__, usage, type(exc).__name__)


def scenario_metric_in_evaluator_run_each_epoch():
    data = [(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0])), (torch.tensor([3.0]), torch.tensor([0.0]))]
    evaluator = Engine(lambda e, b: b)
    Summer().attach(evaluator, "mae")
    trainer = Engine(lambda e, b: None)

    @trainer.on(Events.EPOCH_COMPLETED)
    def evaluate(engine):
        evaluator.run(data)
        print(engine.state.epoch, f"{evaluator.state.metrics['mae']:.4f}", evaluator.state.epoch)

    trainer.run([0], max_epochs=3)


def scenario_reinit_is_reduced_and_sync_all_reduce_serial():
    class Reduced(Metric):
        @reinit__is_reduced
        def reset(self):
            self.s = torch.tensor(0.0)
            self.c = 0

        @reinit__is_reduced
        def update(self, output):
            self.s += output.sum()
            self.c += output.numel()

        @sync_all_reduce("s", "c:SUM")
        def compute(self):
            return float(self.s) / self.c

    m = Reduced()
    m.update(torch.tensor([1.0, 2.0, 6.0]))
    print(f"{m.compute():.4f}")
    m.update(torch.tensor([3.0]))
    print(f"{m.compute():.4f}")
    m.reset()
    m.update(torch.tensor([5.0]))
    print(f"{m.compute():.4f}")
    print(Reduced.reset.__name__, Reduced.update.__name__, Reduced.compute.__name__)


def scenario_sync_all_reduce_errors():
    for spec in ("s:AVG", "s:sum"):
        try:

            class Bad(Metric):
                def reset(self):
                    self.s = 0

                def update(self, output):
                    pass

                @sync_all_reduce(spec)
                def compute(self):
                    return self.s

            print(spec, Bad().compute())
        except Exception as exc:
            print(spec, type(exc).__name__)

    class Missing(Metric):
        def reset(self):
            pass

        def update(self, output):
            pass

        @sync_all_reduce("nothere")
        def compute(self):
            return 1

    try:
        print("missing", Missing().compute())
    except Exception as exc:
        print("missing", type(exc).__name__)


def scenario_update_exception_propagates_through_engine():
    class Boom(Metric):
        def reset(self):
            pass

        def update(self, output):
            raise KeyError("boom")

        def compute(self):
            return 0

    engine = Engine(lambda e, b: None)
    Boom().attach(engine, "b")
    try:
        engine.run([0])
    except Exception as exc:
        print(type(exc).__name__)


def scenario_not_computable_in_engine():
    engine = Engine(lambda e, b: None)
    Summer(output_transform=lambda out: (torch.zeros(0), torch.zeros(0))).attach(engine, "s")
    try:
        engine.run([0])
    except Exception as exc:
        print(type(exc).__name__)
