"""Conformance: Bleu, Rouge(N/L), CharacterErrorRate, Perplexity and the n-gram helpers."""

import torch

from ignite.metrics.nlp import Bleu, CharacterErrorRate, Perplexity, Rouge, RougeL, RougeN
from ignite.metrics.nlp.rouge import (
    MultiRefAverageReducer,
    MultiRefBestReducer,
    Score,
    compute_lcs_scores,
    compute_ngram_scores,
)
from ignite.metrics.nlp.utils import lcs, modified_precision, ngrams

CANDIDATES = [
    ["the", "cat", "sat", "on", "the", "mat"],
    ["a", "dog", "ran"],
    ["it", "is", "a", "test", "of", "the", "system"],
]
REFERENCES = [
    [["the", "cat", "is", "on", "the", "mat"], ["there", "is", "a", "cat", "on", "the", "mat"]],
    [["the", "dog", "ran", "fast"]],
    [["this", "is", "a", "test", "of", "the", "system"], ["it", "is", "the", "test"]],
]


def _value(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {float(x):.5g}" for k, x in v.items()) + "}"
    return f"{float(v):.5g}"


def _run(metric, *batches):
    try:
        for batch in batches:
            metric.update(batch)
        return _value(metric.compute())
    except Exception as e:
        return type(e).__name__


def scenario_helpers():
    print(sorted(ngrams(["the", "cat", "the", "cat"], 2).items()), dict(ngrams([1, 2, 3], 4)))
    print(lcs("abcbdab", "bdcaba"), lcs([], [1]))
    print(
        modified_precision(
            [["the", "cat", "is", "on", "the", "mat"], ["there", "is", "a", "cat"]],
            ["the", "the", "the", "cat"],
            1,
        )
    )
    s = compute_ngram_scores(["the", "cat", "sat"], ["the", "cat", "on", "mat"], n=2)
    print(
        tuple(s),
        f"{s.precision():.5g}",
        f"{s.recall():.5g}",
        tuple(compute_lcs_scores(["the", "cat", "sat"], ["the", "cat", "on", "mat"])),
    )
    print(
        tuple(MultiRefAverageReducer()([Score(1, 2, 3), Score(2, 2, 4)])),
        tuple(MultiRefBestReducer()([Score(1, 2, 3), Score(2, 2, 4)])),
    )


def scenario_bleu_smoothing_and_averaging():
    for smooth in ("no_smooth", "smooth1", "nltk_smooth2", "smooth2"):
        for average in ("macro", "micro"):
            for n in (1, 2, 4):
                whole = _run(Bleu(ngram=n, smooth=smooth, average=average), (CANDIDATES, REFERENCES))
                split = _run(
                    Bleu(ngram=n, smooth=smooth, average=average),
                    (CANDIDATES[:1], REFERENCES[:1]),
                    (CANDIDATES[1:], REFERENCES[1:]),
                )
                print(smooth, average, n, whole, split)
    print(_run(Bleu()), _run(Bleu(), ([[]], [[["a"]]])))
    macro = Bleu(ngram=2)
    macro.update((CANDIDATES, REFERENCES))
    print(type(macro.compute()).__name__)
    for kwargs in ({"ngram": 0}, {"smooth": "x"}, {"average": "x"}):
        try:
            Bleu(**kwargs)
        except Exception as e:
            print(type(e).__name__)


def scenario_rouge():
    for multiref in ("average", "best"):
        for alpha in (0, 0.5, 1):
            print(
                multiref,
                alpha,
                _run(RougeN(ngram=2, multiref=multiref, alpha=alpha), (CANDIDATES, REFERENCES)),
            )
            print(multiref, alpha, _run(RougeL(multiref=multiref, alpha=alpha), (CANDIDATES, REFERENCES)))
    print(_run(Rouge(variants=[1, 2, "L"]), (CANDIDATES, REFERENCES)))
    print(_run(Rouge(), (CANDIDATES[:1], REFERENCES[:1]), (CANDIDATES[1:], REFERENCES[1:])))
    print(_run(RougeN()), _run(Rouge()))
    for make in (
        lambda: Rouge(variants=["X"]),
        lambda: RougeN(multiref="x"),
        lambda: RougeN(alpha=2),
        lambda: RougeN(ngram=0),
    ):
        try:
            make()
        except Exception as e:
            print(type(e).__name__)


def scenario_character_error_rate():
    print(_run(CharacterErrorRate(), (["hello world", "abc"], ["hallo world", "abd"])))
    print(_run(CharacterErrorRate(), (["hello"], ["hallo"]), (["", "x"], ["ab", ""])))
    print(_run(CharacterErrorRate(), ("hello", "hallo")), _run(CharacterErrorRate()))
    print(
        _run(CharacterErrorRate(), ([["h", "e"]], [["h", "a"]])),
        _run(CharacterErrorRate(), (["a", "b"], ["a"])),
    )


def scenario_perplexity():
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(4, 5, generator=g)
    y = torch.tensor([0, 3, 1, 4])
    seq = torch.randn(2, 5, 3, generator=g)
    y_seq = torch.tensor([[0, 3, -100], [1, -100, 2]])
    print(_run(Perplexity(), (logits, y)), _run(Perplexity(), (logits[:2], y[:2]), (logits[2:], y[2:])))
    print(_run(Perplexity(), (seq, y_seq)), _run(Perplexity(ignore_index=3), (logits, y)))
    print(
        _run(Perplexity()),
        _run(Perplexity(), (logits, torch.full((4,), -100))),
        _run(Perplexity(), (logits, y[:3])),
    )
