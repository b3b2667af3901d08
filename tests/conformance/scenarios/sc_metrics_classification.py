"""Conformance scenarios: classification, running and epoch metrics (values, result types, warnings, errors)."""

import warnings

import torch

Y_PRED = torch.tensor([[0.9, 0.1, 0.0], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]])
Y = torch.tensor([0, 1, 1, 2, 2])
SCORES = torch.tensor([0.1, 0.4, 0.35, 0.8, 0.8, 0.2])
TARGETS = torch.tensor([0, 0, 1, 1, 0, 1])


def _show(label, value):
    if isinstance(value, torch.Tensor):
        print(label, "tensor", str(value.dtype), [round(float(v), 6) for v in value.reshape(-1).tolist()])
    elif isinstance(value, float):
        print(label, "float", "nan" if value != value else f"{value:.6f}")
    else:
        print(label, type(value).__name__, value)


def _try(label, fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _show(label, fn())
        except Exception as exc:
            print(label, "raises", type(exc).__name__)
        for w in caught:
            # torch's own deprecation notices (0.5.5 triggers "non-tuple sequence for multidimensional
            # indexing" inside MeanAveragePrecision) say nothing about the metric
            if issubclass(w.category, DeprecationWarning) or "multidimensional indexing" in str(w.message):
                continue
            print(label, "warns", w.category.__name__)


def _run(metric, *outputs):
    for output in outputs:
        metric.update(output)
    return metric.compute()


def scenario_accuracy_types() -> None:
    from ignite.metrics import Accuracy

    _try("multiclass", lambda: _run(Accuracy(), (Y_PRED, Y)))
    _try("binary", lambda: _run(Accuracy(), (torch.tensor([0, 1, 1]), torch.tensor([0, 1, 0]))))
    _try(
        "multilabel",
        lambda: _run(
            Accuracy(is_multilabel=True), (torch.tensor([[1, 0], [1, 1]]), torch.tensor([[1, 0], [0, 1]]))
        ),
    )
    _try("float targets", lambda: _run(Accuracy(), (Y_PRED, Y.float())))
    _try("binary not 0/1", lambda: _run(Accuracy(), (torch.tensor([0, 2]), torch.tensor([0, 1]))))
    _try("no update", lambda: Accuracy().compute())
    nan_scores = torch.tensor([[float("nan"), 0.0, 1.0], [0.2, 0.5, 0.3]])
    _try("nan scores", lambda: _run(Accuracy(), (nan_scores, torch.tensor([0, 1]))))
    _try("label out of range", lambda: _run(Accuracy(), (Y_PRED, torch.tensor([0, 1, 7, -1, 2]))))
    _try("empty batch", lambda: _run(Accuracy(), (Y_PRED[:0], Y[:0])))
    _try(
        "segmentation",
        lambda: _run(
            Accuracy(),
            (
                torch.rand(2, 3, 4, generator=torch.Generator().manual_seed(0)),
                torch.tensor([[0, 1, 2, 0], [1, 1, 1, 1]]),
            ),
        ),
    )


def scenario_precision_recall_averages() -> None:
    from ignite.metrics import Precision, Recall

    for cls in (Precision, Recall):
        for average in (False, None, True, "micro", "macro", "weighted"):
            _try(
                f"{cls.__name__} {average}",
                lambda cls=cls, average=average: _run(cls(average=average), (Y_PRED, Y)),
            )
        _try(
            f"{cls.__name__} binary",
            lambda cls=cls: _run(cls(), (torch.tensor([0, 1, 1]), torch.tensor([0, 1, 0]))),
        )
        _try(f"{cls.__name__} float y", lambda cls=cls: _run(cls(), (Y_PRED, Y.float())))
        _try(
            f"{cls.__name__} label out of range",
            lambda cls=cls: _run(cls(), (Y_PRED, torch.tensor([0, 1, 5, 2, 2]))),
        )


def scenario_confusion_matrix_family() -> None:
    from ignite.metrics import ConfusionMatrix, DiceCoefficient, IoU, JaccardIndex, mIoU
    from ignite.metrics.confusion_matrix import cmAccuracy, cmPrecision, cmRecall

    for average in (None, "samples", "recall", "precision"):
        _try(f"cm {average}", lambda average=average: _run(ConfusionMatrix(3, average=average), (Y_PRED, Y)))
    _try("cm ignored label", lambda: _run(ConfusionMatrix(3), (Y_PRED, torch.tensor([0, 1, 255, 2, 2]))))
    _try("cm wrong classes", lambda: _run(ConfusionMatrix(4), (Y_PRED, Y)))
    _try("cm empty batch", lambda: _run(ConfusionMatrix(3), (Y_PRED[:0], Y[:0])))
    _try(
        "cm nan scores",
        lambda: _run(ConfusionMatrix(3), (torch.tensor([[float("nan"), 0.0, 1.0]]), torch.tensor([2]))),
    )
    for name, make in (
        ("IoU", IoU),
        ("mIoU", mIoU),
        ("JaccardIndex", JaccardIndex),
        ("DiceCoefficient", DiceCoefficient),
        ("cmAccuracy", cmAccuracy),
        ("cmPrecision", cmPrecision),
        ("cmRecall", cmRecall),
    ):
        cm = ConfusionMatrix(3)
        metric = make(cm)
        cm.update((Y_PRED, Y))
        _try(name, metric.compute)
    _try("IoU ignore_index", lambda: _run(IoU(ConfusionMatrix(3), ignore_index=5)))
    _try("IoU normalized cm", lambda: IoU(ConfusionMatrix(3, average="recall")))


def scenario_fbeta_topk() -> None:
    from ignite.metrics import Fbeta, Precision, TopKCategoricalAccuracy

    _try("f1", lambda: _run(Fbeta(1.0), (Y_PRED, Y)))
    _try("f0.5 per class", lambda: _run(Fbeta(0.5, average=False), (Y_PRED, Y)))
    _try("beta 0", lambda: Fbeta(0.0))
    _try("precision averaged", lambda: Fbeta(1.0, precision=Precision(average=True)))
    _try("top2", lambda: _run(TopKCategoricalAccuracy(k=2), (Y_PRED, Y)))
    _try("top2 none", lambda: TopKCategoricalAccuracy(k=2).compute())


def scenario_ranking_metrics() -> None:
    from ignite.metrics import ROC_AUC, AveragePrecision, PrecisionRecallCurve, RocCurve

    _try("auc", lambda: _run(ROC_AUC(), (SCORES, TARGETS)))
    _try("auc one class", lambda: _run(ROC_AUC(), (SCORES, torch.zeros(6, dtype=torch.long))))
    _try(
        "auc 2d",
        lambda: _run(
            ROC_AUC(), (torch.stack([SCORES, 1 - SCORES], 1), torch.stack([TARGETS, 1 - TARGETS], 1))
        ),
    )
    _try("auc none", lambda: ROC_AUC().compute())
    _try("ap", lambda: _run(AveragePrecision(), (SCORES, TARGETS)))
    for name, cls in (("roc", RocCurve), ("pr", PrecisionRecallCurve)):
        parts = _run(cls(), (SCORES, TARGETS))
        for i, part in enumerate(parts):
            _show(f"{name}[{i}]", part)


def scenario_kappa_mcc_multilabel() -> None:
    from ignite.metrics import CohenKappa, MatthewsCorrCoef, MultiLabelConfusionMatrix

    pred, target = torch.tensor([0, 1, 2, 2, 1, 0, 2]), torch.tensor([0, 1, 1, 2, 2, 0, 1])
    for weights in (None, "linear", "quadratic"):
        _try(f"kappa {weights}", lambda weights=weights: _run(CohenKappa(weights=weights), (pred, target)))
    _try("kappa num_classes", lambda: _run(CohenKappa(num_classes=3), (pred, target)))
    _try(
        "kappa label >= num_classes",
        lambda: _run(CohenKappa(num_classes=3), (torch.tensor([1, 5]), torch.tensor([1, 1]))),
    )
    _try("kappa bad weights", lambda: CohenKappa(weights="cubic"))
    _try("mcc scores", lambda: _run(MatthewsCorrCoef(), (Y_PRED, Y)))
    _try("mcc labels", lambda: _run(MatthewsCorrCoef(), (pred, target)))
    y_pred = torch.tensor([[1, 0, 0], [0, 1, 1], [0, 1, 0], [1, 0, 0]])
    y = torch.tensor([[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 0]])
    _try("mlcm", lambda: _run(MultiLabelConfusionMatrix(3), (y_pred, y)))
    _try("mlcm normalized", lambda: _run(MultiLabelConfusionMatrix(3, normalized=True), (y_pred, y)))
    _try("mlcm float", lambda: _run(MultiLabelConfusionMatrix(3), (y_pred.float(), y)))


def scenario_classification_report() -> None:
    from ignite.metrics import ClassificationReport

    report = ClassificationReport(output_dict=True, labels=["a", "b", "c"])
    report.update((Y_PRED, Y))
    for name, scores in report.compute().items():
        print(name, {key: round(value, 6) for key, value in scores.items()})


def scenario_accumulation_and_running() -> None:
    from ignite.engine import Engine, Events
    from ignite.metrics import Accuracy, Average, GeometricAverage, RunningAverage, VariableAccumulation

    _try("average", lambda: _run(Average(), 1.0, 2, 4.5))
    _try(
        "average tensors",
        lambda: _run(Average(), torch.tensor([[1.0, 2.0], [3.0, 4.0]]), torch.tensor([[3.0, 5.0]])),
    )
    _try("geometric", lambda: _run(GeometricAverage(), 1.0, 2, 4.0))
    _try("average str", lambda: _run(Average(), "a"))
    _try("variable accumulation", lambda: _run(VariableAccumulation(lambda a, x: a + x), 1.0, 2.0)[1])
    _try("running no src", lambda: RunningAverage())
    _try("running both", lambda: RunningAverage(Accuracy(), output_transform=lambda x: x))
    _try("running alpha", lambda: RunningAverage(Accuracy(), alpha=1.5))
    engine = Engine(lambda e, b: b)
    RunningAverage(Accuracy(), alpha=0.5).attach(engine, "acc")
    RunningAverage(output_transform=lambda o: o[1].float().mean(), alpha=0.5).attach(engine, "y")
    engine.add_event_handler(
        Events.ITERATION_COMPLETED,
        lambda e: print(e.state.iteration, round(e.state.metrics["acc"], 6), round(e.state.metrics["y"], 6)),
    )
    data = [(torch.tensor([[0.9, 0.1]]), torch.tensor([0])), (torch.tensor([[0.9, 0.1]]), torch.tensor([1]))]
    engine.run(data, max_epochs=2)


def scenario_running_average_usages() -> None:
    from ignite.engine import Engine, Events
    from ignite.metrics import RunningAverage

    for usage in ("running_epoch_wise", "epoch_wise", "batch_wise", "single_epoch_running_batch_wise"):
        engine = Engine(lambda e, b: b)
        metric = RunningAverage(output_transform=lambda x: x, alpha=0.5)
        metric.attach(engine, "r", usage=usage)
        seen = []
        engine.add_event_handler(
            Events.EPOCH_COMPLETED, lambda e, seen=seen: seen.append(e.state.metrics["r"])
        )
        engine.run([1.0, 3.0, 2.0], max_epochs=2)
        print(usage, seen, metric.is_attached(engine, usage))
    engine = Engine(lambda e, b: b)
    metric = RunningAverage(output_transform=lambda x: x, alpha=0.5)
    metric.attach(engine, "r")
    print("default usage", metric.is_attached(engine), metric.is_attached(engine, "running_batch_wise"))


def scenario_mean_average_precision() -> None:
    from ignite.metrics import MeanAveragePrecision

    gen = torch.Generator().manual_seed(0)
    scores = torch.rand(12, 3, generator=gen)
    labels = torch.randint(0, 3, (12,), generator=gen)
    multilabel = torch.randint(0, 2, (12, 3), generator=gen)
    for mean in (None, "micro", "macro", "weighted"):
        _try(
            f"multiclass {mean}",
            lambda mean=mean: _run(MeanAveragePrecision(class_mean=mean), (scores, labels)),
        )
        _try(
            f"multilabel {mean}",
            lambda mean=mean: _run(
                MeanAveragePrecision(class_mean=mean, is_multilabel=True), (scores, multilabel)
            ),
        )
    _try("thresholds", lambda: _run(MeanAveragePrecision(rec_thresholds=[1.0, 0.0, 0.5]), (scores, labels)))
    _try(
        "thresholds per class",
        lambda: _run(
            MeanAveragePrecision(rec_thresholds=torch.linspace(0, 1, 11), class_mean=None), (scores, labels)
        ),
    )
    _try("binary", lambda: _run(MeanAveragePrecision(), (scores[:, 0], multilabel[:, 0])))
    _try("bad class_mean", lambda: MeanAveragePrecision(class_mean="samples"))
    _try("bad thresholds", lambda: MeanAveragePrecision(rec_thresholds=[0.5, 1.5]))
    _try("float labels", lambda: _run(MeanAveragePrecision(), (scores, labels.float())))
    for thresholds in ([0.5], [0.34], [0.9, 0.3], [0.2, 0.6, 1.0]):
        _try(
            f"thresholds above zero {thresholds}",
            lambda thresholds=thresholds: _run(
                MeanAveragePrecision(rec_thresholds=thresholds, class_mean=None), (scores, labels)
            ),
        )
        _try(
            f"binary thresholds above zero {thresholds}",
            lambda thresholds=thresholds: _run(
                MeanAveragePrecision(rec_thresholds=thresholds),
                (torch.tensor([0.9, 0.8, 0.7, 0.6, 0.5]), torch.tensor([1, 0, 0, 1, 1])),
            ),
        )
    exact_scores = torch.tensor([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    exact_targets = torch.tensor([1, 0, 1, 0, 1, 1, 1, 0])
    for thresholds in ([0.6], (0.2, 0.6), torch.tensor([0.6], dtype=torch.float64), torch.tensor([0.6])):
        _try(
            f"threshold equal to a recall {thresholds}",
            lambda thresholds=thresholds: _run(
                MeanAveragePrecision(rec_thresholds=thresholds), (exact_scores, exact_targets)
            ),
        )
    _try(
        "multiclass thresholds on recalls",
        lambda: _run(
            MeanAveragePrecision(rec_thresholds=[0.2, 0.4, 0.6, 0.8], class_mean="micro"),
            (torch.rand(20, 4, generator=gen), torch.arange(20) % 4),
        ),
    )
    bad_labels = MeanAveragePrecision()
    _try("label >= C in update", lambda: bad_labels.update((scores[:3], torch.tensor([0, 3, 1]))))
    _try("after a rejected batch", lambda: _run(bad_labels, (scores, labels)))


def scenario_sequence_transform() -> None:
    from ignite.metrics import Accuracy, Precision

    y_pred = torch.arange(24, dtype=torch.float32).reshape(2, 4, 3)
    y = torch.tensor([[0, 1, 2, -100], [2, -100, 1, 0]])
    for ignore in (None, -100, 2, (0, 2)):
        _try(
            f"ignore {ignore}", lambda ignore=ignore: Accuracy.get_sequence_transform(ignore)((y_pred, y))[1]
        )
    _try("scores", lambda: Precision.get_sequence_transform(-100)((y_pred, y))[0])
    _try("2-D y_pred", lambda: Accuracy.get_sequence_transform()((y_pred[0], y[0])))
    _try("batch mismatch", lambda: Accuracy.get_sequence_transform()((y_pred[:1], y)))


def scenario_running_average_epoch_bound_and_detach() -> None:
    from ignite.engine import Engine, Events
    from ignite.metrics import RunningAverage
    from ignite.metrics.metric import RunningBatchWise, SingleEpochRunningBatchWise

    cases = [
        ("default", {}, {}),
        ("epoch_bound=True, usage RunningBatchWise", {"epoch_bound": True}, {"usage": RunningBatchWise()}),
        (
            "epoch_bound=False, usage SingleEpochRunningBatchWise",
            {"epoch_bound": False},
            {"usage": SingleEpochRunningBatchWise()},
        ),
    ]
    for label, init, attach in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            metric = RunningAverage(output_transform=lambda x: x, alpha=0.5, **init)
        engine = Engine(lambda e, b: torch.tensor(float(b)))
        metric.attach(engine, "ra", **attach)
        values = []
        engine.add_event_handler(
            Events.ITERATION_COMPLETED, lambda e, values=values: values.append(e.state.metrics["ra"])
        )
        engine.run([1, 2, 3], max_epochs=2)
        metric.detach(engine)
        print(label, [f"{v:.4f}" for v in values], metric.is_attached(engine, SingleEpochRunningBatchWise()))
