"""Evaluator with Accuracy, Loss, Precision, Recall and ConfusionMatrix vs a hand-written torch loop.

Over 100k samples of 10-class logits, at batch 128 and 1024, each measured in the same process as a
hand-written loop computing the same five numbers (argmax once, bincount counts): this project, then
pytorch-ignite 0.5.5 (this script run again under the baseline interpreter, given by
IGNITE_BASELINE_PYTHON or --baseline) and torchmetrics (when importable here). Also ``Accuracy.update``
on a 4x10 batch against a hand-written update. Ratios are medians over rounds; targets: <= 1.5x the
hand loop at batch 128, <= 1.2x at batch 1024, Accuracy.update <= 1.15x.

    python benchmarks/bench_metrics.py [--rounds 5] [--samples 100000] [--baseline PYTHON] [--no-torchmetrics]
                                       [--cpu-time]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

NUM_CLASSES = 10
BATCH_SIZES = (128, 1024)
TARGETS = {"evaluator b=128": 1.5, "evaluator b=1024": 1.2, "Accuracy.update 4x10": 1.15}


def make_batches(samples: int, batch_size: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    gen = torch.Generator().manual_seed(0)
    logits = torch.randn(samples, NUM_CLASSES, generator=gen)
    labels = torch.randint(0, NUM_CLASSES, (samples,), generator=gen)
    return list(zip(torch.split(logits, batch_size), torch.split(labels, batch_size), strict=True))


def hand_loop(batches: list[tuple[torch.Tensor, torch.Tensor]]) -> tuple[Any, ...]:
    """The five numbers in plain torch: accuracy, mean loss, per-class precision and recall, confusion matrix."""
    c = NUM_CLASSES
    cm = torch.zeros(c * c, dtype=torch.long)
    loss_sum, n = 0.0, 0
    for y_pred, y in batches:
        pred = torch.argmax(y_pred, dim=1)
        cm += torch.bincount(y * c + pred, minlength=c * c)
        loss_sum += torch.nn.functional.cross_entropy(y_pred, y).item() * y.shape[0]
        n += y.shape[0]
    m = cm.view(c, c).double()
    tp = m.diagonal()
    return (
        (tp.sum() / n).item(),
        loss_sum / n,
        tp / m.sum(0).clamp(min=1),
        tp / m.sum(1).clamp(min=1),
        cm.view(c, c),
    )


def ignite_evaluator(batches: list[tuple[torch.Tensor, torch.Tensor]]) -> dict[str, Any]:
    from ignite.engine import Engine
    from ignite.metrics import Accuracy, ConfusionMatrix, Loss, Precision, Recall

    evaluator = Engine(lambda engine, batch: batch)
    Accuracy().attach(evaluator, "accuracy")
    Loss(torch.nn.functional.cross_entropy).attach(evaluator, "loss")
    Precision().attach(evaluator, "precision")
    Recall().attach(evaluator, "recall")
    ConfusionMatrix(NUM_CLASSES).attach(evaluator, "cm")
    return dict(evaluator.run(batches).metrics)


def check_same_numbers(metrics: dict[str, Any], hand: tuple[Any, ...]) -> None:
    """The evaluator and the hand-written loop must agree, or the timings compare different work."""
    accuracy, loss, precision, recall, cm = hand
    ok = (
        abs(metrics["accuracy"] - accuracy) < 1e-9
        and abs(metrics["loss"] - loss) < 1e-4
        and torch.allclose(torch.as_tensor(metrics["precision"]).double(), precision)
        and torch.allclose(torch.as_tensor(metrics["recall"]).double(), recall)
        and torch.equal(torch.as_tensor(metrics["cm"]), cm)
    )
    if not ok:
        raise RuntimeError("the evaluator's five numbers differ from the hand-written loop's")


def torchmetrics_loop(batches: list[tuple[torch.Tensor, torch.Tensor]]) -> dict[str, Any]:
    import torchmetrics

    c = NUM_CLASSES
    metrics = torchmetrics.MetricCollection(
        {
            "accuracy": torchmetrics.Accuracy(task="multiclass", num_classes=c, average="micro"),
            "precision": torchmetrics.Precision(task="multiclass", num_classes=c, average="none"),
            "recall": torchmetrics.Recall(task="multiclass", num_classes=c, average="none"),
            "cm": torchmetrics.ConfusionMatrix(task="multiclass", num_classes=c),
        }
    )
    loss = torchmetrics.MeanMetric()
    for y_pred, y in batches:
        metrics.update(y_pred, y)
        loss.update(torch.nn.functional.cross_entropy(y_pred, y), weight=y.shape[0])
    return {**metrics.compute(), "loss": loss.compute()}


# wall-clock time by default; --cpu-time measures this thread's CPU time instead (torch runs on one
# thread here), which leaves out the time other processes hold the CPU on a busy machine
_clock = time.perf_counter


def best_time(fn: Callable[[], Any], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = _clock()
        fn()
        times.append(_clock() - start)
    return min(times)


def paired_ratio(fn: Callable[[], Any], reference: Callable[[], Any], repeats: int = 15) -> float:
    """min time of ``fn`` / min time of ``reference``, the two run alternately (robust to load drifts;
    each run takes well under a second, so many pairs cost little and make the minima stable on a busy
    machine)."""
    ours, ref = [], []
    for _ in range(repeats):
        ours.append(best_time(fn, 1))
        ref.append(best_time(reference, 1))
    return min(ours) / min(ref)


def accuracy_update_ratio(updates: int = 20000) -> float:
    """``Accuracy.update`` vs a hand-written update, over distinct 4x10 batches (no batch is seen twice in a row)."""
    from ignite.metrics import Accuracy

    gen = torch.Generator().manual_seed(1)
    distinct = [
        (torch.randn(4, NUM_CLASSES, generator=gen), torch.randint(0, NUM_CLASSES, (4,), generator=gen))
        for _ in range(1000)
    ]
    batches = distinct * (updates // len(distinct))
    acc = Accuracy()

    def metric_updates() -> None:
        for batch in batches:
            acc.update(batch)

    state: dict[str, Any] = {"correct": torch.tensor(0), "n": 0}

    def hand_updates() -> None:
        for y_pred, y in batches:
            state["correct"] += torch.sum(torch.eq(torch.argmax(y_pred, dim=1), y))
            state["n"] += y.shape[0]

    return paired_ratio(metric_updates, hand_updates)


def worker(samples: int, with_torchmetrics: bool) -> dict[str, float]:
    """Ratios measured in this interpreter (whichever ignite it imports)."""
    torch.set_num_threads(1)
    result: dict[str, float] = {}
    for batch_size in BATCH_SIZES:
        batches = make_batches(samples, batch_size)
        check_same_numbers(ignite_evaluator(batches), hand_loop(batches))  # also the warm-up
        hand = functools.partial(hand_loop, batches)
        result[f"evaluator b={batch_size}"] = paired_ratio(functools.partial(ignite_evaluator, batches), hand)
        if with_torchmetrics:
            torchmetrics_loop(batches)
            result[f"torchmetrics b={batch_size}"] = paired_ratio(
                functools.partial(torchmetrics_loop, batches), hand
            )
    result["Accuracy.update 4x10"] = accuracy_update_ratio()
    return result


def run_worker(
    python: str, samples: int, with_torchmetrics: bool, baseline: bool = False, cpu_time: bool = False
) -> dict[str, float]:
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    if baseline:  # the baseline interpreter must import its own ignite only
        env.pop("PYTHONPATH", None)
    cmd = [python, str(Path(__file__).resolve()), "--worker", "--samples", str(samples)]
    if cpu_time:
        cmd.append("--cpu-time")
    if with_torchmetrics:
        cmd.append("--torchmetrics")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd="/")
    if out.returncode != 0:
        raise RuntimeError(f"benchmark worker under {python} failed:\n{out.stderr[-3000:]}")
    parsed: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--baseline", default=os.environ.get("IGNITE_BASELINE_PYTHON"))
    parser.add_argument(
        "--no-torchmetrics", action="store_true", help="skip the torchmetrics column (faster iterations)"
    )
    parser.add_argument(
        "--cpu-time",
        action="store_true",
        help="time with the thread's CPU time instead of the wall clock (steadier on a busy machine)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--torchmetrics", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpu_time:
        global _clock
        _clock = time.thread_time
    if args.worker:
        print(json.dumps(worker(args.samples, args.torchmetrics)))
        return

    have_torchmetrics = False
    if not args.no_torchmetrics:
        try:
            import torchmetrics  # noqa: F401

            have_torchmetrics = True
        except ImportError:
            print("torchmetrics is not installed: its column is skipped")
    ours: dict[str, list[float]] = {}
    base: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for key, value in run_worker(
            sys.executable, args.samples, have_torchmetrics, cpu_time=args.cpu_time
        ).items():
            ours.setdefault(key, []).append(value)
        if args.baseline:
            for key, value in run_worker(
                args.baseline, args.samples, False, baseline=True, cpu_time=args.cpu_time
            ).items():
                base.setdefault(key, []).append(value)

    rows = [key for key in ours if not key.startswith("torchmetrics")]
    print(
        f"{'x hand-written torch':<24}{'this project':>14}{'target':>9}{'ignite 0.5.5':>14}{'torchmetrics':>14}"
    )
    failed = False
    for key in rows:
        value = statistics.median(ours[key])
        target = TARGETS.get(key)
        failed |= target is not None and value > target
        base_value = f"{statistics.median(base[key]):.2f}x" if key in base else "-"
        tm_key = key.replace("evaluator", "torchmetrics")
        tm_value = f"{statistics.median(ours[tm_key]):.2f}x" if tm_key != key and tm_key in ours else "-"
        print(f"{key:<24}{value:>13.2f}x{target or 0:>8.2f}x{base_value:>14}{tm_value:>14}")
    clock = "thread CPU time" if args.cpu_time else "wall clock"
    print(f"timed by {clock}; load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if failed:
        print("some ratios are above their target")


if __name__ == "__main__":
    main()
