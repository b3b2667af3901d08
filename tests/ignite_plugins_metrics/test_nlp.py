"""NLP metrics against direct references: BLEU from exact fractions, Rouge by brute force, recursive
edit distance and LCS, perplexity from numpy log-softmax."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction
from functools import cache
from itertools import combinations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ignite.exceptions import NotComputableError
from ignite.metrics import Bleu, CharacterErrorRate, Perplexity, Rouge, RougeL, RougeN
from ignite.metrics.nlp.rouge import (
    MultiRefAverageReducer,
    MultiRefBestReducer,
    Score,
    compute_lcs_scores,
    compute_ngram_scores,
)
from ignite.metrics.nlp.utils import lcs, modified_precision, ngrams

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)
tokens = st.lists(st.sampled_from("abcde"), min_size=0, max_size=9)
nonempty = st.lists(st.sampled_from("abcde"), min_size=1, max_size=9)
example = st.tuples(nonempty, st.lists(nonempty, min_size=1, max_size=3))
corpus = st.lists(example, min_size=1, max_size=5)


def _ngram_list(seq: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)]


@cache
def _lcs_ref(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    if not a or not b:
        return 0
    if a[0] == b[0]:
        return 1 + _lcs_ref(a[1:], b[1:])
    return max(_lcs_ref(a[1:], b), _lcs_ref(a, b[1:]))


def _is_subsequence(sub: tuple[str, ...], seq: list[str]) -> bool:
    it = iter(seq)
    return all(any(x == y for y in it) for x in sub)


@SETTINGS
@given(a=tokens, b=tokens, n=st.integers(1, 4))
def test_helpers(a: list[str], b: list[str], n: int) -> None:
    assert ngrams(a, n) == Counter(_ngram_list(a, n))
    assert lcs(a, b) == _lcs_ref(tuple(a), tuple(b))
    # brute force on short inputs: the longest subsequence of a that is also one of b
    if len(a) <= 7:
        best = max(
            (k for k in range(len(a) + 1) for sub in combinations(a, k) if _is_subsequence(sub, b)), default=0
        )
        assert lcs(a, b) == best


def _clipped(refs: list[list[str]], hyp: list[str], n: int) -> tuple[int, int]:
    hyp_ngrams = _ngram_list(hyp, n)
    num = 0
    for gram in set(hyp_ngrams):
        max_ref = max(_ngram_list(r, n).count(gram) for r in refs)
        num += min(hyp_ngrams.count(gram), max_ref)
    return num, len(hyp_ngrams)


def _bleu_ref(nums: list[int], dens: list[int], c: int, r: int, smooth: str) -> float:
    if nums[0] == 0 or (smooth == "no_smooth" and 0 in nums):
        return 0.0
    ps: list[Fraction] = []
    for i, (n, d) in enumerate(zip(nums, dens, strict=True)):
        if smooth == "smooth1":
            ps.append(Fraction(n if n else Fraction(1, 10), max(1, d)))
        elif smooth in ("smooth2", "nltk_smooth2") and i > 0:
            ps.append(Fraction(n + 1, (max(1, d) if smooth == "nltk_smooth2" else d) + 1))
        else:
            ps.append(Fraction(n, max(1, d)))
    bp = 1.0 if c > r else math.exp(1 - r / c)
    return bp * math.exp(sum(math.log(p) for p in ps) / len(ps))


@pytest.mark.parametrize("smooth", ["no_smooth", "smooth1", "nltk_smooth2", "smooth2"])
@SETTINGS
@given(data=corpus, ngram=st.integers(1, 4), cut=st.integers(0, 5))
def test_bleu_macro_and_micro(
    smooth: str, data: list[tuple[list[str], list[list[str]]]], ngram: int, cut: int
) -> None:
    cands = [c for c, _ in data]
    refs = [r for _, r in data]
    per_sentence = []
    totals_n, totals_d, total_c, total_r = [0] * ngram, [0] * ngram, 0, 0
    for hyp, rs in data:
        counts = [_clipped(rs, hyp, n) for n in range(1, ngram + 1)]
        r = min((len(x) for x in rs), key=lambda length: (abs(length - len(hyp)), length))
        nums, dens = [c[0] for c in counts], [c[1] for c in counts]
        per_sentence.append(_bleu_ref(nums, dens, len(hyp), r, smooth))
        totals_n = [a + b for a, b in zip(totals_n, nums, strict=True)]
        totals_d = [a + b for a, b in zip(totals_d, dens, strict=True)]
        total_c += len(hyp)
        total_r += r
    for average, expected in (
        ("macro", float(np.mean(per_sentence))),
        ("micro", _bleu_ref(totals_n, totals_d, total_c, total_r, smooth)),
    ):
        m = Bleu(ngram=ngram, smooth=smooth, average=average)
        k = min(cut, len(cands))
        m.update((cands[:k], refs[:k]))
        m.update((cands[k:], refs[k:]))
        value = m.compute()
        if average == "macro":
            assert isinstance(value, torch.Tensor) and value.dtype == torch.float64
        assert float(value) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_modified_precision_and_bleu_checks() -> None:
    refs = [list(["the", "cat", "is", "on", "the", "mat"]), list(["there", "is", "a", "cat"])]
    assert modified_precision(refs, ["the", "the", "the", "cat"], 1) == (3, 4)
    assert modified_precision([["a"]], ["a"], 2) == (0, 0)
    with pytest.raises(ValueError, match="ngram order"):
        Bleu(ngram=0)
    with pytest.raises(ValueError, match="Smooth"):
        Bleu(smooth="x")
    with pytest.raises(ValueError, match="Average"):
        Bleu(average="x")
    m = Bleu()
    with pytest.raises(NotComputableError):
        m.compute()
    m.update(([], []))  # an empty batch is no example
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(ValueError, match="candidates"):
        m.update(([["a"]], []))
    m.update(([[]], [[["a"]]]))
    assert float(m.compute()) == 0.0


def _rouge_ref(
    data: list[tuple[list[str], list[list[str]]]], score_fn: str, n: int, multiref: str, alpha: float
) -> dict[str, float]:
    ps, rs, fs = [], [], []
    for hyp, refs in data:
        scores = []
        for ref in refs:
            if score_fn == "L":
                match, c, r = _lcs_ref(tuple(hyp), tuple(ref)), len(hyp), len(ref)
            else:
                hc, rc = Counter(_ngram_list(hyp, n)), Counter(_ngram_list(ref, n))
                match, c, r = sum(min(hc[g], rc[g]) for g in hc), sum(hc.values()), sum(rc.values())
            scores.append((match, c, r))
        if multiref == "average":
            match, c, r = (sum(s[i] for s in scores) for i in range(3))
        else:
            match, c, r = max(scores, key=lambda s: s[0] / s[2] if s[2] else 0)
        p = match / c if c else 0.0
        rec = match / r if r else 0.0
        den = (1 - alpha) * p + alpha * rec
        ps.append(p)
        rs.append(rec)
        fs.append(p * rec / den if den > 0 else 0.0)
    name = f"Rouge-{score_fn if score_fn == 'L' else n}"
    return {f"{name}-P": float(np.mean(ps)), f"{name}-R": float(np.mean(rs)), f"{name}-F": float(np.mean(fs))}


@SETTINGS
@given(
    data=corpus,
    n=st.integers(1, 3),
    multiref=st.sampled_from(["average", "best"]),
    alpha=st.sampled_from([0, 0.3, 1]),
)
def test_rouge(data: list[tuple[list[str], list[list[str]]]], n: int, multiref: str, alpha: float) -> None:
    cands = [c for c, _ in data]
    refs = [r for _, r in data]
    expected_n = _rouge_ref(data, "N", n, multiref, alpha)
    expected_l = _rouge_ref(data, "L", 0, multiref, alpha)
    for metric, expected in (
        (RougeN(ngram=n, multiref=multiref, alpha=alpha), expected_n),
        (RougeL(multiref=multiref, alpha=alpha), expected_l),
        (Rouge(variants=[n, "L"], multiref=multiref, alpha=alpha), {**expected_n, **expected_l}),
    ):
        metric.update((cands[:1], refs[:1]))
        metric.update((cands[1:], refs[1:]))
        got = metric.compute()
        assert list(got) == list(expected)
        for key, value in expected.items():
            assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-12)


def test_rouge_helpers_and_checks() -> None:
    s = compute_ngram_scores(["the", "cat", "sat"], ["the", "cat", "on", "mat"], n=2)
    assert s == Score(match=1, candidate=2, reference=3)
    assert s.precision() == 0.5 and s.recall() == pytest.approx(1 / 3)
    assert compute_lcs_scores(["the", "cat", "sat"], ["the", "cat", "on", "mat"]) == Score(2, 3, 4)
    assert MultiRefAverageReducer()([Score(1, 2, 3), Score(2, 2, 4)]) == Score(3, 4, 7)
    assert MultiRefBestReducer()([Score(1, 2, 3), Score(2, 2, 4)]) == Score(2, 2, 4)
    assert list(Rouge().internal_metrics[i]._metric_name() for i in range(4)) == [
        "Rouge-1",
        "Rouge-2",
        "Rouge-4",
        "Rouge-L",
    ]
    for kwargs in ({"multiref": "x"}, {"alpha": 2}, {"ngram": 0}):
        with pytest.raises(ValueError):
            RougeN(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="variant"):
        Rouge(variants=["X"])
    with pytest.raises(NotComputableError):
        RougeL().compute()


@cache
def _edit_ref(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    return min(_edit_ref(a[1:], b) + 1, _edit_ref(a, b[1:]) + 1, _edit_ref(a[1:], b[1:]) + (a[0] != b[0]))


@SETTINGS
@given(
    pairs=st.lists(
        st.tuples(st.text("abc", max_size=7), st.text("abc", min_size=1, max_size=7)), min_size=1, max_size=4
    )
)
def test_character_error_rate(pairs: list[tuple[str, str]]) -> None:
    m = CharacterErrorRate()
    m.update(([p for p, _ in pairs[:1]], [r for _, r in pairs[:1]]))
    m.update(([p for p, _ in pairs[1:]], [r for _, r in pairs[1:]]))
    expected = sum(_edit_ref(p, r) for p, r in pairs) / sum(len(r) for _, r in pairs)
    assert m.compute() == pytest.approx(expected, rel=1e-12)


def test_character_error_rate_checks() -> None:
    m = CharacterErrorRate()
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(TypeError, match="strings"):
        m.update(([["h"]], [["a"]]))
    with pytest.raises(ValueError, match="same length"):
        m.update((["a", "b"], ["a"]))
    m.update(("hello", "hallo"))
    assert m.compute() == pytest.approx(0.2)


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 8),
    extra=st.sampled_from([(), (3,)]),
    ignore=st.sampled_from([-100, 2]),
)
def test_perplexity(seed: int, n: int, extra: tuple[int, ...], ignore: int) -> None:
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(n, 5, *extra, generator=g, dtype=torch.float64)
    y = torch.randint(0, 5, (n, *extra), generator=g)
    if extra:
        y[0, 0] = ignore
    lg = np.moveaxis(logits.numpy(), 1, -1).reshape(-1, 5)
    t = y.numpy().reshape(-1)
    log_softmax = lg - np.log(np.exp(lg).sum(axis=1, keepdims=True))
    keep = t != ignore
    m = Perplexity(ignore_index=ignore)
    if not keep.any():
        return  # every target ignored: covered in test_perplexity_checks
    m.update((logits[: n // 2], y[: n // 2]))
    m.update((logits[n // 2 :], y[n // 2 :]))
    expected = math.exp(-log_softmax[keep.nonzero()[0], t[keep]].mean())
    assert m.compute() == pytest.approx(expected, rel=1e-9)


def test_perplexity_checks() -> None:
    m = Perplexity()
    with pytest.raises(NotComputableError):
        m.compute()
    with pytest.raises(ValueError, match="incompatible shapes"):
        m.update((torch.randn(2, 3, 5), torch.zeros(2, 3, dtype=torch.long)))
    m.update((torch.randn(4, 5), torch.full((4,), -100)))
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((torch.zeros(2, 5), torch.tensor([1, 3])))
    assert m.compute() == pytest.approx(5.0)  # uniform over 5 classes
