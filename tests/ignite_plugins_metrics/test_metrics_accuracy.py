"""Accuracy against sklearn on random data, input checking, engine attachment."""

from __future__ import annotations

import pytest
import torch
from metrics_testdata import binary_batch, multiclass_batch, multilabel_batch, to_sklearn
from sklearn.metrics import accuracy_score

from ignite.engine import Engine
from ignite.exceptions import NotComputableError
from ignite_plugins_metrics.accuracy import Accuracy


def _batches(
    kind: str, gen: torch.Generator, extra: tuple[int, ...]
) -> list[tuple[torch.Tensor, torch.Tensor]]:
    sizes = [7, 16, 1, 9]
    if kind == "binary":
        return [binary_batch(gen, n, extra) for n in sizes]
    if kind == "multiclass":
        return [multiclass_batch(gen, n, 5, extra) for n in sizes]
    return [multilabel_batch(gen, n, 4, extra) for n in sizes]


@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
@pytest.mark.parametrize("extra", [(), (3,), (2, 3)])
def test_matches_sklearn_over_several_updates(
    kind: str, extra: tuple[int, ...], gen: torch.Generator
) -> None:
    batches = _batches(kind, gen, extra)
    acc = Accuracy(is_multilabel=kind == "multilabel")
    for i, batch in enumerate(batches, start=1):
        acc.update(batch)
        y_true, y_pred = to_sklearn(kind, batches[:i])
        assert acc.compute() == pytest.approx(accuracy_score(y_true, y_pred))
    assert isinstance(acc.compute(), float)


def test_binary_with_trailing_singleton_dim_and_bool_tensors(gen: torch.Generator) -> None:
    y_pred, y = binary_batch(gen, 20)
    acc = Accuracy()
    acc.update((y_pred.unsqueeze(1).bool(), y.bool()))
    expected = (y_pred == y).float().mean().item()
    assert acc.compute() == pytest.approx(expected)


def test_multilabel_counts_a_sample_correct_only_when_all_labels_match() -> None:
    y_pred = torch.tensor([[1, 0, 1], [1, 1, 0], [0, 0, 0]])
    y = torch.tensor([[1, 0, 1], [1, 0, 0], [0, 0, 0]])
    acc = Accuracy(is_multilabel=True)
    acc.update((y_pred, y))
    assert acc.compute() == pytest.approx(2 / 3)


def test_reset_clears_counts() -> None:
    acc = Accuracy()
    acc.update((torch.tensor([[0.1, 0.9]]), torch.tensor([0])))
    assert acc.compute() == 0.0
    acc.reset()
    with pytest.raises(NotComputableError, match="at least one example"):
        acc.compute()
    acc.update((torch.tensor([[0.1, 0.9]]), torch.tensor([1])))
    assert acc.compute() == 1.0


def test_not_computable_before_any_update() -> None:
    with pytest.raises(NotComputableError):
        Accuracy().compute()


@pytest.mark.parametrize(
    ("y_pred", "y", "is_multilabel", "match"),
    [
        (torch.rand(4, 3, 2), torch.randint(0, 3, (4, 5)), False, "must have shape"),
        (torch.rand(4, 3, 2, 2), torch.randint(0, 3, (4,)), False, r"y_pred shape \(batch_size"),
        (torch.randint(0, 2, (4,)), torch.randint(0, 2, (5,)), False, "same shape"),
        (torch.randint(0, 2, (4, 3)), torch.randint(0, 2, (4, 2)), True, "is_multilabel=True"),
        (torch.randint(0, 2, (4,)), torch.randint(0, 2, (4,)), True, "is_multilabel=True"),
        (torch.tensor([0.2, 0.9]), torch.tensor([0, 1]), False, "y_pred must contain only 0s and 1s"),
        (torch.tensor([0, 1]), torch.tensor([0, 2]), False, "y must contain only 0s and 1s"),
        (torch.tensor([[0.3, 1.0]]), torch.tensor([[0, 1]]), True, "y_pred must contain only 0s and 1s"),
    ],
)
def test_bad_inputs_raise_value_error(
    y_pred: torch.Tensor, y: torch.Tensor, is_multilabel: bool, match: str
) -> None:
    acc = Accuracy(is_multilabel=is_multilabel)
    with pytest.raises(ValueError, match=match):
        acc.update((y_pred, y))


def test_non_tensor_input_raises_type_error() -> None:
    with pytest.raises(TypeError, match=r"y must be a torch\.Tensor"):
        Accuracy().update((torch.tensor([0, 1]), [0, 1]))


def test_output_that_is_not_a_pair_raises() -> None:
    with pytest.raises(ValueError, match=r"\(y_pred, y\)"):
        Accuracy().update((torch.tensor([0, 1]),))


def test_changing_input_type_between_updates_raises() -> None:
    acc = Accuracy()
    acc.update((torch.tensor([0, 1]), torch.tensor([0, 1])))
    with pytest.raises(RuntimeError, match="binary to multiclass"):
        acc.update((torch.rand(2, 3), torch.tensor([0, 1])))


def test_changing_number_of_classes_between_updates_raises() -> None:
    acc = Accuracy()
    acc.update((torch.rand(2, 3), torch.tensor([0, 1])))
    with pytest.raises(ValueError, match="from 3 to 4"):
        acc.update((torch.rand(2, 4), torch.tensor([0, 1])))


def test_attached_to_engine_computes_epoch_accuracy(gen: torch.Generator) -> None:
    batches = [multiclass_batch(gen, 8, 4) for _ in range(5)]
    evaluator = Engine(lambda engine, batch: batch)
    Accuracy().attach(evaluator, "acc")
    state = evaluator.run(batches)
    y_true, y_pred = to_sklearn("multiclass", batches)
    assert state.metrics["acc"] == pytest.approx(accuracy_score(y_true, y_pred))


def test_attached_with_dict_output_and_output_transform(gen: torch.Generator) -> None:
    batches = [binary_batch(gen, 6) for _ in range(3)]
    evaluator = Engine(lambda engine, batch: {"y_pred": batch[0], "y": batch[1], "loss": 0.0})
    Accuracy().attach(evaluator, "from_dict")
    Accuracy(output_transform=lambda out: (1 - out["y_pred"], out["y"])).attach(evaluator, "inverted")
    state = evaluator.run(batches)
    y_true, y_pred = to_sklearn("binary", batches)
    assert state.metrics["from_dict"] == pytest.approx(accuracy_score(y_true, y_pred))
    assert state.metrics["inverted"] == pytest.approx(1 - accuracy_score(y_true, y_pred))


def test_state_dict_round_trip(gen: torch.Generator) -> None:
    acc = Accuracy()
    acc.update(multiclass_batch(gen, 10, 3))
    restored = Accuracy()
    restored.load_state_dict(acc.state_dict())
    assert restored.compute() == acc.compute()


def test_update_does_not_synchronise_for_multiclass(
    gen: torch.Generator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The multiclass update path never reads a tensor value back to the host."""
    acc = Accuracy()

    def forbidden(self: torch.Tensor) -> object:
        raise AssertionError("host sync in update")

    batch = multiclass_batch(gen, 10, 3)
    monkeypatch.setattr(torch.Tensor, "item", forbidden)
    monkeypatch.setattr(torch.Tensor, "__bool__", forbidden)
    acc.update(batch)
    monkeypatch.undo()
    assert 0.0 <= acc.compute() <= 1.0


def test_loads_a_pytorch_ignite_05_checkpoint() -> None:
    """The state_dict keys are 0.5's: its checkpoints load, and a loaded metric keeps counting."""
    acc = Accuracy()
    acc.load_state_dict({"__metric_state_per_rank": [{"_num_correct": torch.tensor(3), "_num_examples": 4}]})
    assert acc.compute() == 0.75
    acc.update((torch.tensor([[0.9, 0.1]]), torch.tensor([1])))
    assert acc.compute() == 0.6
    assert sorted(acc.state_dict()["__metric_state_per_rank"][0]) == ["_num_correct", "_num_examples"]


def test_many_updates_and_state_dict_between_folds(gen: torch.Generator) -> None:
    """Per-batch hit counts are summed in groups; compute() and state_dict() see every batch."""
    batches = [multiclass_batch(gen, 3, 4) for _ in range(150)]
    acc = Accuracy()
    for i, batch in enumerate(batches, start=1):
        acc.update(batch)
        if i in (1, 63, 64, 65, 70, 150):
            y_true, y_pred = to_sklearn("multiclass", batches[:i])
            assert acc.compute() == pytest.approx(accuracy_score(y_true, y_pred))
            restored = Accuracy()
            restored.load_state_dict(acc.state_dict())
            assert restored.compute() == pytest.approx(accuracy_score(y_true, y_pred))


def test_multiclass_counts_are_shared_with_the_metrics_of_the_same_batch(gen: torch.Generator) -> None:
    """Once Precision has asked for counts, Accuracy (updated first) makes the batch's counts and
    Precision reuses them; both stay exact."""
    from sklearn.metrics import precision_score

    from ignite_plugins_metrics._classification import cached_class_counts
    from ignite_plugins_metrics.precision import Precision

    acc, precision = Accuracy(), Precision(average="macro")
    batches = [multiclass_batch(gen, n, 4) for n in (7, 16, 1, 9) * 20]
    for i, (y_pred, y) in enumerate(batches):
        acc.update((y_pred, y))
        shared = cached_class_counts(y_pred, y, wanted=False)
        assert (shared is None) == (i == 0)  # the first batch: no metric wanted counts yet
        precision.update((y_pred, y))
        assert shared is None or cached_class_counts(y_pred, y) is shared
    y_true, y_hat = to_sklearn("multiclass", batches)
    assert acc.compute() == pytest.approx(accuracy_score(y_true, y_hat))
    assert precision.compute() == pytest.approx(
        precision_score(y_true, y_hat, average="macro", zero_division=0)
    )


def test_accuracy_alone_compares_argmax_and_labels_without_counting(gen: torch.Generator) -> None:
    """Alone (no metric asks for the counts) Accuracy keeps the cheaper comparison: at most its first
    batch may be counted, after a metric of another run asked for counts."""
    from ignite_plugins_metrics._classification import cached_class_counts, try_class_counts

    earlier = multiclass_batch(gen, 5, 4)
    try_class_counts(*earlier)  # e.g. a Precision of an earlier evaluator
    acc = Accuracy()
    batches = [multiclass_batch(gen, 8, 4) for _ in range(5)]
    for i, (y_pred, y) in enumerate(batches):
        acc.update((y_pred, y))
        assert (cached_class_counts(y_pred, y, wanted=False) is None) == (i > 0)
    y_true, y_hat = to_sklearn("multiclass", batches)
    assert acc.compute() == pytest.approx(accuracy_score(y_true, y_hat))


@pytest.mark.parametrize("labels", [[5, 1, 0], [-1, 1, 0]])
def test_labels_outside_the_classes_count_as_wrong_and_are_not_shared(labels: list[int]) -> None:
    """As in 0.5, Accuracy counts an out-of-range label as a miss; Precision on that batch still refuses it."""
    from ignite_plugins_metrics._classification import cached_class_counts
    from ignite_plugins_metrics.precision import Precision

    y_pred = torch.tensor([[0.1, 0.2, 0.7], [0.1, 0.8, 0.1], [0.9, 0.05, 0.05]])
    y = torch.tensor(labels)
    acc = Accuracy()
    acc.update((y_pred, y))
    assert acc.compute() == pytest.approx(2 / 3)
    assert cached_class_counts(y_pred, y) is None
    with pytest.raises(ValueError, match=r"outside \[0, 3\)"):
        Precision().update((y_pred, y))


def test_float_labels_compare_by_value_even_after_precision_counted_the_batch() -> None:
    """0.5 compares argmax with float labels as values (2.5 never matches); counts made from the labels
    cast to long by Precision are not reused for them."""
    from ignite_plugins_metrics.precision import Precision

    y_pred = torch.tensor([[0.1, 0.9, 0.0], [0.1, 0.1, 0.8]])
    y = torch.tensor([1.0, 2.5])
    with pytest.warns(RuntimeWarning):
        Precision().update((y_pred, y))
    acc = Accuracy()
    acc.update((y_pred, y))
    assert acc.compute() == 0.5


def test_mixed_shared_counts_and_per_batch_hits_fold_together(gen: torch.Generator) -> None:
    """Batches counted through shared counts and batches compared directly (float labels, many classes
    or out-of-range labels) add up across folds, compute() and state_dict()."""
    acc, hits, total = Accuracy(), 0, 0
    for i in range(150):
        y_pred, y = multiclass_batch(gen, 5, 4)
        if i % 3 == 1:
            y = y.float()
        elif i % 3 == 2:
            y = y.clone()
            y[0] = 7  # never predicted: a miss
        acc.update((y_pred, y))
        hits += int((y_pred.argmax(1) == y).sum())
        total += 5
        if i in (0, 62, 63, 64, 149):
            assert acc.compute() == pytest.approx(hits / total)
            restored = Accuracy()
            restored.load_state_dict(acc.state_dict())
            assert restored.compute() == pytest.approx(hits / total)


def test_many_classes_compare_argmax_directly(gen: torch.Generator) -> None:
    y_pred = torch.rand(50, 70, generator=gen)
    y = torch.randint(0, 70, (50,), generator=gen)
    y[:10] = y_pred[:10].argmax(1)
    acc = Accuracy()
    acc.update((y_pred, y))
    assert acc.compute() == pytest.approx((y_pred.argmax(1) == y).float().mean().item())


def test_hit_flags_of_every_shape_and_size_are_summed_exactly(gen: torch.Generator) -> None:
    """Per-sample hit flags wait in groups (by batch count and element count): n-D binary batches, a
    batch above the element bound and many small ones all add up, across compute() and state_dict()."""
    acc, hits, total = Accuracy(), 0, 0
    sizes = [(3, 4, 5), (70000,), (2,), *[(5, 2)] * 70]
    for i, shape in enumerate(sizes):
        y_pred = torch.randint(0, 2, shape, generator=gen)
        y = torch.randint(0, 2, shape, generator=gen)
        acc.update((y_pred, y))
        hits += int((y_pred == y).sum())
        total += y.numel()
        if i in (0, 1, 2, 40, len(sizes) - 1):
            assert acc.compute() == pytest.approx(hits / total)
            restored = Accuracy()
            restored.load_state_dict(acc.state_dict())
            assert restored.compute() == pytest.approx(hits / total)
    assert len(acc._pending) < 64
