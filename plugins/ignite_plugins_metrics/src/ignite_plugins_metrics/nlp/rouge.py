"""Rouge-N, Rouge-L and Rouge (several variants at once), with multi-reference reducers."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.nlp.utils import lcs, ngrams

__all__ = [
    "MultiRefAverageReducer",
    "MultiRefBestReducer",
    "MultiRefReducer",
    "Rouge",
    "RougeL",
    "RougeN",
    "Score",
    "compute_lcs_scores",
    "compute_ngram_scores",
]


class Score(NamedTuple):
    """Matched units and the candidate's and reference's totals, for precision and recall."""

    match: int
    candidate: int
    reference: int

    def precision(self) -> float:
        """``match / candidate`` (0 when the candidate is empty)."""
        return self.match / self.candidate if self.candidate > 0 else 0

    def recall(self) -> float:
        """``match / reference`` (0 when the reference is empty)."""
        return self.match / self.reference if self.reference > 0 else 0


def compute_ngram_scores(candidate: Sequence[Any], reference: Sequence[Any], n: int = 4) -> Score:
    """Clipped n-gram matches between a candidate and one reference."""
    candidate_counts = ngrams(candidate, n)
    reference_counts = ngrams(reference, n)
    match = sum((candidate_counts & reference_counts).values())
    return Score(
        match=match, candidate=sum(candidate_counts.values()), reference=sum(reference_counts.values())
    )


def compute_lcs_scores(candidate: Sequence[Any], reference: Sequence[Any]) -> Score:
    """Longest common subsequence between a candidate and one reference."""
    return Score(match=lcs(candidate, reference), candidate=len(candidate), reference=len(reference))


class MultiRefReducer(metaclass=ABCMeta):
    """Turns the scores of a candidate against each of its references into one score."""

    @abstractmethod
    def __call__(self, scores: Sequence[Score]) -> Score:
        """Reduce the per-reference scores."""


class MultiRefAverageReducer(MultiRefReducer):
    """Pools the references: sums matches and totals over them."""

    def __call__(self, scores: Sequence[Score]) -> Score:
        match = sum(score.match for score in scores)
        candidate = sum(score.candidate for score in scores)
        reference = sum(score.reference for score in scores)
        return Score(match=match, candidate=candidate, reference=reference)


class MultiRefBestReducer(MultiRefReducer):
    """Keeps the reference with the best recall."""

    def __call__(self, scores: Sequence[Score]) -> Score:
        return max(scores, key=lambda score: score.recall())


_REDUCERS: dict[str, type[MultiRefReducer]] = {"average": MultiRefAverageReducer, "best": MultiRefBestReducer}


class _BaseRouge(Metric):
    """Averages per-candidate precision, recall and F over candidates."""

    _state_dict_all_req_keys = ("_recall", "_precision", "_fmeasure", "_num_examples")

    def __init__(
        self,
        multiref: str = "average",
        alpha: float = 0,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        if multiref not in _REDUCERS:
            raise ValueError(f"multiref : valid values are {list(_REDUCERS)[::-1]} (got : {multiref})")
        if not 0 <= alpha <= 1:
            raise ValueError(f"alpha must be in interval [0, 1] (got : {alpha})")
        self._multiref_reducer = _REDUCERS[multiref]()
        self._alpha = alpha
        super().__init__(output_transform=output_transform, device=device)

    @reinit__is_reduced
    def reset(self) -> None:
        self._recall = 0.0
        self._precision = 0.0
        self._fmeasure = 0.0
        self._num_examples = 0

    @abstractmethod
    def _compute_score(self, candidate: Sequence[Any], reference: Sequence[Any]) -> Score:
        """Score of a candidate against one reference."""

    @abstractmethod
    def _metric_name(self) -> str:
        """``"Rouge-<n>"`` or ``"Rouge-L"``."""

    def _f(self, precision: float, recall: float) -> float:
        denominator = (1 - self._alpha) * precision + self._alpha * recall
        return precision * recall / denominator if denominator > 0 else 0.0

    @reinit__is_reduced
    def update(self, output: tuple[Sequence[Sequence[Any]], Sequence[Sequence[Sequence[Any]]]]) -> None:
        if not isinstance(output, Sequence) or len(output) != 2:
            raise TypeError(f"{type(self).__name__}.update expects (candidates, references)")
        candidates, references = output
        if len(candidates) != len(references):
            raise ValueError(
                f"{type(self).__name__}: got {len(candidates)} candidates but {len(references)} lists of "
                "references; give one list of references per candidate."
            )
        for candidate, refs in zip(candidates, references, strict=True):
            if len(refs) == 0:
                raise ValueError(f"{type(self).__name__}: every candidate needs at least one reference.")
            score = self._multiref_reducer([self._compute_score(candidate, ref) for ref in refs])
            precision, recall = score.precision(), score.recall()
            self._precision += precision
            self._recall += recall
            self._fmeasure += self._f(precision, recall)
            self._num_examples += 1

    @sync_all_reduce("_precision", "_recall", "_fmeasure", "_num_examples")
    def compute(self) -> Mapping[str, float]:
        if self._num_examples == 0:
            raise NotComputableError("Rouge metric must have at least one example before being computed")
        name = self._metric_name()
        return {
            f"{name}-P": float(self._precision / self._num_examples),
            f"{name}-R": float(self._recall / self._num_examples),
            f"{name}-F": float(self._fmeasure / self._num_examples),
        }


class RougeN(_BaseRouge):
    """Rouge-N: n-gram overlap; ``compute()`` gives ``{"Rouge-N-P", "Rouge-N-R", "Rouge-N-F"}``.

    ``F = P R / ((1 - alpha) P + alpha R)``: ``alpha=0`` is recall, ``alpha=1`` precision.
    ``multiref="average"`` pools the references, ``"best"`` keeps the one with the best recall.
    """

    def __init__(
        self,
        ngram: int = 4,
        multiref: str = "average",
        alpha: float = 0,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        if not isinstance(ngram, int) or ngram < 1:
            raise ValueError(f"ngram order must be greater than zero (got : {ngram})")
        self._ngram = ngram
        super().__init__(multiref=multiref, alpha=alpha, output_transform=output_transform, device=device)

    def _compute_score(self, candidate: Sequence[Any], reference: Sequence[Any]) -> Score:
        return compute_ngram_scores(candidate, reference, self._ngram)

    def _metric_name(self) -> str:
        return f"Rouge-{self._ngram}"


class RougeL(_BaseRouge):
    """Rouge-L: longest common subsequence; ``compute()`` gives ``{"Rouge-L-P", "Rouge-L-R", "Rouge-L-F"}``."""

    def _compute_score(self, candidate: Sequence[Any], reference: Sequence[Any]) -> Score:
        return compute_lcs_scores(candidate, reference)

    def _metric_name(self) -> str:
        return "Rouge-L"


class Rouge(Metric):
    """Several Rouge variants at once (default ``[1, 2, 4, "L"]``); ``compute()`` merges their dicts."""

    _state_dict_all_req_keys = ("internal_metrics",)

    def __init__(
        self,
        variants: Sequence[str | int] | None = None,
        multiref: str = "average",
        alpha: float = 0,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        if variants is None or len(variants) == 0:
            variants = [1, 2, 4, "L"]
        self.internal_metrics: list[_BaseRouge] = []
        for variant in variants:
            if variant == "L":
                self.internal_metrics.append(RougeL(multiref=multiref, alpha=alpha, device=device))
            elif isinstance(variant, int) and not isinstance(variant, bool) and variant > 0:
                self.internal_metrics.append(
                    RougeN(ngram=variant, multiref=multiref, alpha=alpha, device=device)
                )
            else:
                raise ValueError("variant must be 'L' or integer greater to zero")
        super().__init__(output_transform=output_transform, device=device)

    @reinit__is_reduced
    def reset(self) -> None:
        for metric in getattr(self, "internal_metrics", []):
            metric.reset()

    @reinit__is_reduced
    def update(self, output: tuple[Sequence[Sequence[Any]], Sequence[Sequence[Sequence[Any]]]]) -> None:
        for metric in self.internal_metrics:
            metric.update(output)

    def compute(self) -> Mapping[str, float]:
        results: dict[str, float] = {}
        for metric in self.internal_metrics:
            results.update(metric.compute())
        return results
