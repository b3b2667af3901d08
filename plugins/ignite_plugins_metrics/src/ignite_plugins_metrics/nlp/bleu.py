"""Bleu: BLEU score with the smoothing techniques of Chen & Cherry (2014), macro or micro averaged."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.nlp.utils import modified_precision

__all__ = ["Bleu"]

_SMOOTHS = ("no_smooth", "smooth1", "nltk_smooth2", "smooth2")


def _closest_ref_length(references: Sequence[Sequence[Any]], hyp_len: int) -> int:
    return min((len(ref) for ref in references), key=lambda ref_len: (abs(ref_len - hyp_len), ref_len))


def _brevity_penalty(hyp_len: float, ref_len: float) -> float:
    if hyp_len > ref_len:
        return 1.0
    if hyp_len == 0:
        return 0.0
    return math.exp(1 - ref_len / hyp_len)


def _smoothed(method: str, numerators: list[float], denominators: list[float]) -> list[float]:
    if method == "smooth1":
        return [(n if n != 0 else 0.1) / max(1.0, d) for n, d in zip(numerators, denominators, strict=True)]
    if method in ("smooth2", "nltk_smooth2"):
        dens = [max(1.0, d) for d in denominators] if method == "nltk_smooth2" else denominators
        return [
            n / d if i == 0 else (n + 1) / (d + 1)
            for i, (n, d) in enumerate(zip(numerators, dens, strict=True))
        ]
    return [n / max(1.0, d) for n, d in zip(numerators, denominators, strict=True)]


def bleu_from_counts(
    numerators: list[float], denominators: list[float], hyp_len: float, ref_len: float, smooth: str
) -> float:
    """BLEU from clipped n-gram counts (orders 1..N) and the candidate/closest-reference lengths."""
    if numerators[0] == 0:
        return 0.0
    if smooth == "no_smooth" and min(numerators) == 0:
        return 0.0
    precisions = _smoothed(smooth, numerators, denominators)
    weight = 1.0 / len(numerators)
    log_precision = sum(weight * math.log(p) for p in precisions)
    return _brevity_penalty(hyp_len, ref_len) * math.exp(log_precision)


class Bleu(Metric):
    """BLEU of candidate token sequences against their references.

    ``update((y_pred, y))`` takes a batch of candidates (each a sequence of tokens) and, for each, a
    sequence of references. ``average="macro"`` averages sentence-level BLEU (the result is a 0-d float64
    tensor, as in 0.5); ``"micro"`` pools the n-gram counts into a corpus-level BLEU (a float).
    ``smooth`` is one of ``"no_smooth"``, ``"smooth1"``, ``"nltk_smooth2"`` or ``"smooth2"``.
    """

    _state_dict_all_req_keys = (
        "_sum_of_bleu",
        "_num_sentences",
        "p_numerators",
        "p_denominators",
        "hyp_length_sum",
        "ref_length_sum",
    )

    def __init__(
        self,
        ngram: int = 4,
        smooth: str = "no_smooth",
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        average: str = "macro",
    ) -> None:
        if ngram <= 0:
            raise ValueError(f"ngram order must be greater than zero (got: {ngram})")
        if smooth not in _SMOOTHS:
            raise ValueError(f"Smooth is not valid (expected: {list(_SMOOTHS)}, got: {smooth})")
        if average not in ("macro", "micro"):
            raise ValueError(f'Average must be either "macro" or "micro" (got: {average})')
        self.ngrams_order = ngram
        self.smooth = smooth
        self.average = average
        super().__init__(output_transform=output_transform, device=device)

    @reinit__is_reduced
    def reset(self) -> None:
        self._sum_of_bleu = torch.tensor(0.0, dtype=torch.float64, device=self._device)
        self._num_sentences = 0
        self.p_numerators = torch.zeros(self.ngrams_order, dtype=torch.float64, device=self._device)
        self.p_denominators = torch.zeros(self.ngrams_order, dtype=torch.float64, device=self._device)
        self.hyp_length_sum = 0
        self.ref_length_sum = 0

    @reinit__is_reduced
    def update(self, output: tuple[Sequence[Sequence[Any]], Sequence[Sequence[Sequence[Any]]]]) -> None:
        if not isinstance(output, Sequence) or len(output) != 2:
            raise TypeError("Bleu.update expects (candidates, references)")
        candidates, references = output
        if len(candidates) != len(references):
            raise ValueError(
                f"Bleu: got {len(candidates)} candidates but {len(references)} lists of references; "
                "give one list of references per candidate."
            )
        for refs, hyp in zip(references, candidates, strict=True):
            if len(refs) == 0:
                raise ValueError("Bleu: every candidate needs at least one reference.")
            counts = [modified_precision(refs, hyp, n) for n in range(1, self.ngrams_order + 1)]
            numerators = [float(c[0]) for c in counts]
            denominators = [float(c[1]) for c in counts]
            hyp_len = len(hyp)
            ref_len = _closest_ref_length(refs, hyp_len)
            if self.average == "macro":
                value = bleu_from_counts(numerators, denominators, hyp_len, ref_len, self.smooth)
                self._sum_of_bleu += value
            else:
                self.p_numerators += torch.tensor(numerators, dtype=torch.float64, device=self._device)
                self.p_denominators += torch.tensor(denominators, dtype=torch.float64, device=self._device)
                self.hyp_length_sum += hyp_len
                self.ref_length_sum += ref_len
            self._num_sentences += 1

    @sync_all_reduce(
        "_sum_of_bleu", "_num_sentences", "p_numerators", "p_denominators", "hyp_length_sum", "ref_length_sum"
    )
    def compute(self) -> Any:
        if self._num_sentences == 0:
            raise NotComputableError("Bleu must have at least one example before it can be computed.")
        if self.average == "macro":
            return self._sum_of_bleu / self._num_sentences
        return bleu_from_counts(
            self.p_numerators.tolist(),
            self.p_denominators.tolist(),
            self.hyp_length_sum,
            self.ref_length_sum,
            self.smooth,
        )
