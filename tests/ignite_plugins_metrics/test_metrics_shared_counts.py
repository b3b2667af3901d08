"""The per-batch argmax and (target, prediction) counts shared by the classification metrics."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from ignite_plugins_metrics._classification import (
    argmax_dim1,
    cached_class_counts,
    class_counts,
    sum_counts,
    try_class_counts,
)


@pytest.mark.parametrize("shape", [(4, 10), (300, 10), (64, 7, 3, 5), (5000, 2)])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.int64])
def test_argmax_equals_torch_argmax_with_ties_nan_and_inf(
    shape: tuple[int, ...], dtype: torch.dtype, gen: torch.Generator
) -> None:
    """Small and large batches (two kernels) give torch.argmax's indices: the first maximum, NaN first."""
    x = torch.randint(-2, 3, shape, generator=gen).to(dtype)  # many ties
    if dtype.is_floating_point:
        r = torch.rand(shape, generator=gen)
        x[r < 0.03] = float("nan")
        x[(r > 0.5) & (r < 0.53)] = float("inf")
        x[(r > 0.6) & (r < 0.63)] = -float("inf")
    for t in (x, x.transpose(0, 1).contiguous().transpose(0, 1)):  # contiguous and strided
        assert torch.equal(argmax_dim1(t), torch.argmax(t, dim=1))


def test_counts_are_target_major_and_cached_per_batch(gen: torch.Generator) -> None:
    y_pred = torch.rand(50, 3, generator=gen)
    y = torch.randint(0, 3, (50,), generator=gen)
    counts = class_counts(y_pred, y, "test")
    pred = y_pred.argmax(1)
    expected = torch.zeros(9, dtype=torch.long)
    for t, p in zip(y.tolist(), pred.tolist(), strict=True):
        expected[t * 3 + p] += 1
    assert torch.equal(counts, expected)
    assert try_class_counts(y_pred, y) is counts
    assert cached_class_counts(y_pred, y) is counts
    assert cached_class_counts(y_pred, y.clone()) is None  # another tensor with equal values: not reused


def test_an_in_place_change_invalidates_the_cached_counts(gen: torch.Generator) -> None:
    y_pred = torch.rand(20, 4, generator=gen)
    y = torch.randint(0, 4, (20,), generator=gen)
    before = class_counts(y_pred, y, "test")
    y.fill_(0)
    y_pred[:, 0] = 10.0
    assert cached_class_counts(y_pred, y) is None
    after = class_counts(y_pred, y, "test")
    assert after is not before and after[0].item() == 20


@pytest.mark.parametrize("labels", [[0, 3], [-1, 0]])
def test_labels_outside_the_classes_give_no_counts_or_a_clear_error(labels: list[int]) -> None:
    y_pred = torch.tensor([[0.2, 0.5, 0.3], [0.9, 0.05, 0.05]])
    y = torch.tensor(labels)
    assert try_class_counts(y_pred, y) is None
    assert cached_class_counts(y_pred, y) is None
    with pytest.raises(ValueError, match=r"Precision: y contains labels outside \[0, 3\)"):
        class_counts(y_pred, y, "Precision")


def test_sum_counts_is_shared_only_for_the_very_same_tensors(gen: torch.Generator) -> None:
    counts = [torch.randint(0, 5, (9,), generator=gen) for _ in range(4)]
    first = sum_counts(list(counts))
    assert torch.equal(first, torch.stack(counts).sum(0))
    assert sum_counts(list(counts)) is first  # another list of the same tensors: the same sum
    swapped = [*counts[:3], counts[3].clone() + 1]  # same length, one tensor differs
    assert torch.equal(sum_counts(swapped), first + 1)
    assert torch.equal(sum_counts(counts[:3]), first - counts[3])


def test_an_evaluator_sharing_counts_over_many_folds_matches_sklearn(gen: torch.Generator) -> None:
    """Accuracy, Precision, Recall and ConfusionMatrix share each batch's counts and their group sums
    over 150 batches (two folds and a rest); every result equals scikit-learn's."""
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_score, recall_score

    from ignite.engine import Engine
    from ignite.metrics import Accuracy, ConfusionMatrix, Precision, Recall

    batches = [
        (torch.randn(n, 5, generator=gen), torch.randint(0, 5, (n,), generator=gen)) for n in [7, 1, 16] * 50
    ]
    evaluator = Engine(lambda engine, batch: batch)
    Accuracy().attach(evaluator, "acc")
    Precision().attach(evaluator, "precision")
    Recall(average="macro").attach(evaluator, "recall")
    ConfusionMatrix(5).attach(evaluator, "cm")
    metrics = evaluator.run(batches).metrics
    y = torch.cat([b[1] for b in batches]).numpy()
    pred = torch.cat([b[0] for b in batches]).argmax(1).numpy()
    assert metrics["acc"] == pytest.approx(accuracy_score(y, pred))
    np.testing.assert_allclose(
        metrics["precision"].numpy(), precision_score(y, pred, average=None, zero_division=0)
    )
    assert metrics["recall"] == pytest.approx(recall_score(y, pred, average="macro", zero_division=0))
    np.testing.assert_array_equal(metrics["cm"].numpy(), confusion_matrix(y, pred, labels=range(5)))
