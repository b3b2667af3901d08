"""N-gram helpers shared by Bleu and Rouge: ``ngrams``, ``lcs`` and ``modified_precision``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["lcs", "modified_precision", "ngrams"]


def ngrams(sequence: Sequence[Any], n: int) -> Counter[tuple[Any, ...]]:
    """Counter of the n-grams (tuples of ``n`` consecutive items) of ``sequence``."""
    return Counter(tuple(sequence[i : i + n]) for i in range(len(sequence) - n + 1))


def lcs(seq_a: Sequence[Any], seq_b: Sequence[Any]) -> int:
    """Length of the longest common subsequence of two sequences (O(len(a) * len(b)) time, O(len(b)) memory)."""
    previous = [0] * (len(seq_b) + 1)
    for item_a in seq_a:
        current = [0]
        for j, item_b in enumerate(seq_b):
            current.append(previous[j] + 1 if item_a == item_b else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def modified_precision(references: Sequence[Sequence[Any]], candidate: Any, n: int) -> tuple[int, int]:
    """BLEU's clipped n-gram counts: (candidate n-grams found in a reference, clipped to the most any single
    reference has; number of candidate n-grams)."""
    counts = ngrams(candidate, n)
    if not counts:
        return 0, 0
    max_counts: Counter[tuple[Any, ...]] = Counter()
    for reference in references:
        max_counts |= ngrams(reference, n)
    clipped = counts & max_counts
    return sum(clipped.values()), sum(counts.values())
