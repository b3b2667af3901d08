"""CharacterErrorRate: character-level edit distance over reference length."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU

__all__ = ["CharacterErrorRate"]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) between two strings."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


class CharacterErrorRate(Metric):
    """Sum of the edit distances between predicted and reference strings over the total reference length.

    ``update((y_pred, y))`` takes two strings or two equally long sequences of strings.
    """

    _state_dict_all_req_keys = ("_total_edit_distance", "_total_reference_length")

    def __init__(
        self,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._total_edit_distance = 0
        self._total_reference_length = 0

    @reinit__is_reduced
    def update(self, output: tuple[str | Sequence[str], str | Sequence[str]]) -> None:
        y_pred, y = output[0], output[1]
        predictions = [y_pred] if isinstance(y_pred, str) else list(y_pred)
        references = [y] if isinstance(y, str) else list(y)
        if not all(isinstance(s, str) for s in (*predictions, *references)):
            raise TypeError("All elements of y_pred and y must be strings.")
        if len(predictions) != len(references):
            raise ValueError(
                f"y_pred and y must have the same length. Got y_pred of length {len(predictions)} "
                f"and y of length {len(references)}."
            )
        for prediction, reference in zip(predictions, references, strict=True):
            self._total_edit_distance += edit_distance(prediction, reference)
            self._total_reference_length += len(reference)

    @sync_all_reduce("_total_edit_distance", "_total_reference_length")
    def compute(self) -> float:
        if self._total_reference_length == 0:
            raise NotComputableError(
                "CharacterErrorRate must have at least one example before it can be computed."
            )
        return self._total_edit_distance / self._total_reference_length
