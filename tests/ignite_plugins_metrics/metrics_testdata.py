"""Random classification data in every input type, and its sklearn form."""

from __future__ import annotations

import numpy as np
import torch


def binary_batch(
    gen: torch.Generator, n: int, extra: tuple[int, ...] = ()
) -> tuple[torch.Tensor, torch.Tensor]:
    y_pred = torch.randint(0, 2, (n, *extra), generator=gen)
    y = torch.randint(0, 2, (n, *extra), generator=gen)
    return y_pred, y


def multiclass_batch(
    gen: torch.Generator, n: int, num_classes: int, extra: tuple[int, ...] = ()
) -> tuple[torch.Tensor, torch.Tensor]:
    y_pred = torch.rand(n, num_classes, *extra, generator=gen)
    y = torch.randint(0, num_classes, (n, *extra), generator=gen)
    return y_pred, y


def multilabel_batch(
    gen: torch.Generator, n: int, num_labels: int, extra: tuple[int, ...] = ()
) -> tuple[torch.Tensor, torch.Tensor]:
    y_pred = torch.randint(0, 2, (n, num_labels, *extra), generator=gen)
    y = torch.randint(0, 2, (n, num_labels, *extra), generator=gen)
    return y_pred, y


def to_sklearn(kind: str, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate batches into sklearn's ``(y_true, y_pred)`` label arrays / indicator matrices."""
    preds, targets = [], []
    for y_pred, y in batches:
        if kind == "binary":
            preds.append(y_pred.reshape(-1))
            targets.append(y.reshape(-1))
        elif kind == "multiclass":
            preds.append(torch.argmax(y_pred, dim=1).reshape(-1))
            targets.append(y.reshape(-1))
        else:
            c = y.shape[1]
            preds.append(torch.movedim(y_pred, 1, -1).reshape(-1, c))
            targets.append(torch.movedim(y, 1, -1).reshape(-1, c))
    return torch.cat(targets).numpy(), torch.cat(preds).numpy()
