"""Checkpointing cost: ModelCheckpoint saving a 50 MB model every epoch vs a bare ``torch.save`` of the same
objects, and the loop-blocking time of the asynchronous mode.

Measured per save (median of ``--rounds`` epochs of ``--train-s`` seconds of simulated training, each saving
into the same directory, ``n_saved=1`` so every save also rotates out the previous file):

- ``torch.save``: ``torch.save(model.state_dict(), path)`` from an epoch handler, then removal of the previous
  epoch's file (the baseline);
- ``ModelCheckpoint``: atomic write (temporary file, flush, fsync, rename, then removal of the old file),
  provenance recorded; target <= 1.03x the baseline;
- ``ModelCheckpoint, serial fsync``: the same with the disk writeback not overlapped with serialization (the
  design before the overlap: fsync waits for the whole file), to show what the overlap buys;
- ``ModelCheckpoint(fsync=False)``: the same without fsync (still atomic against a killed process);
- ``async``: ``ModelCheckpoint(async_save=True)``, time the training loop is blocked (in-memory snapshot);
  target <= 0.25x the baseline. The background write time is reported as well.

The disk floor is printed too: a ``torch.save`` into an open file (page cache only), the ``fdatasync`` after it,
and a directory fsync. A durable save that waited for the disk only after serializing would cost their sum;
ModelCheckpoint overlaps the disk writes with serialization, so it approaches the larger of the two. Medians
and minimums are printed (on a busy machine the minimum is the better estimate of the intrinsic cost).

    python benchmarks/bench_checkpoint.py [--rounds 9] [--dir PATH]

Nothing here is asserted in tests (tests never assert on wall-clock time).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import ModelCheckpoint
from ignite_plugins_handlers.checkpoint import _writeback


def _model() -> nn.Module:
    torch.manual_seed(0)
    # 4 x (1800 x 1800) float32 weights + biases: ~51.9 MB
    return nn.Sequential(*[nn.Linear(1800, 1800) for _ in range(4)])


def _interleaved(savers: dict[str, Any], rounds: int, train_s: float) -> dict[str, list[float]]:
    """``rounds + 1`` epochs of ``train_s`` seconds of "training"; at each EPOCH_COMPLETED every saver is called
    once, in order, and timed (so disk noise spreads over all modes). The first epoch is a warm-up."""
    times: dict[str, list[float]] = {label: [] for label in savers}
    engine = Engine(lambda e, b: time.sleep(train_s))

    def save_all(e: Engine) -> None:
        for label, saver in savers.items():
            start = time.perf_counter()
            saver(e)
            times[label].append(time.perf_counter() - start)

    engine.add_event_handler(Events.EPOCH_COMPLETED, save_all)
    engine.run([0], max_epochs=rounds + 1)
    return {label: values[1:] for label, values in times.items()}


def _disk_floor(model: nn.Module, directory: Path, rounds: int) -> dict[str, list[float]]:
    """Per round: ``torch.save`` into an open file (page cache), the ``fdatasync`` after it, a directory fsync."""
    times: dict[str, list[float]] = {
        "torch.save to page cache": [],
        "fdatasync after it": [],
        "directory fsync": [],
    }
    for index in range(rounds + 1):
        path = directory / f"floor_{index}.pt"
        with open(path, "wb") as handle:
            start = time.perf_counter()
            torch.save(model.state_dict(), handle)
            handle.flush()
            saved = time.perf_counter()
            os.fdatasync(handle.fileno()) if hasattr(os, "fdatasync") else os.fsync(handle.fileno())
            synced = time.perf_counter()
        fd = os.open(directory, os.O_RDONLY)
        try:
            dir_start = time.perf_counter()
            os.fsync(fd)
            dir_end = time.perf_counter()
        finally:
            os.close(fd)
        path.unlink()
        if index:  # the first round is a warm-up
            times["torch.save to page cache"].append(saved - start)
            times["fdatasync after it"].append(synced - saved)
            times["directory fsync"].append(dir_end - dir_start)
        time.sleep(0.2)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument(
        "--dir", type=str, default=None, help="where to write (default: a temporary directory)"
    )
    parser.add_argument("--train-s", type=float, default=1.0, help="seconds of simulated training per epoch")
    args = parser.parse_args()
    model = _model()
    size_mb = sum(t.numel() * t.element_size() for t in model.state_dict().values()) / 1e6
    root = Path(tempfile.mkdtemp(prefix="bench_checkpoint_", dir=args.dir))
    bare_dir = root / "bare"
    bare_dir.mkdir()

    def bare_save(e: Engine) -> None:
        torch.save(model.state_dict(), bare_dir / f"model_{e.state.epoch}.pt")
        previous = bare_dir / f"model_{e.state.epoch - 1}.pt"
        if previous.exists():
            previous.unlink()

    checkpoint = ModelCheckpoint(root / "mc", "bench", n_saved=1)
    serial = ModelCheckpoint(root / "mc_serial", "bench", n_saved=1)
    no_fsync = ModelCheckpoint(root / "mc_nofsync", "bench", n_saved=1, fsync=False)

    def serial_save(e: Engine) -> None:
        overlap = _writeback._sync_file_range
        _writeback._sync_file_range = None  # as on a system without sync_file_range
        try:
            serial(e, {"model": model})
        finally:
            _writeback._sync_file_range = overlap

    background = ModelCheckpoint(root / "async", "bench", n_saved=1, async_save=True)
    times = _interleaved(
        {
            "torch.save": bare_save,
            "ModelCheckpoint": lambda e: checkpoint(e, {"model": model}),
            "ModelCheckpoint, serial fsync": serial_save,
            "ModelCheckpoint(fsync=False)": lambda e: no_fsync(e, {"model": model}),
            "async (loop blocked)": lambda e: background(e, {"model": model}),
        },
        args.rounds,
        args.train_s,
    )
    start = time.perf_counter()
    background.save_handler.wait()
    drain = time.perf_counter() - start
    background.save_handler.close()
    floor_dir = root / "floor"
    floor_dir.mkdir()
    floor = _disk_floor(model, floor_dir, args.rounds)

    base, base_min = statistics.median(times["torch.save"]), min(times["torch.save"])
    print(
        f"model: {size_mb:.1f} MB state dict; {args.rounds} saves each (after a warm-up save), "
        f"{args.train_s:.1f} s of simulated training between saves; directory {root}"
    )
    print(f"{'mode':<32}{'median ms':>10}{'x torch.save':>14}{'min ms':>10}{'x (min)':>10}")
    for label, values in times.items():
        median, low = statistics.median(values), min(values)
        print(
            f"{label:<32}{median * 1e3:>10.1f}{median / base:>14.3f}{low * 1e3:>10.1f}{low / base_min:>10.3f}"
        )
    print(f"async: waiting for the last background write after the loop took {drain * 1e3:.1f} ms")
    print("targets: ModelCheckpoint <= 1.03x, async (loop blocked) <= 0.25x")
    print("disk floor (same model, one file per round):")
    for label, values in floor.items():
        print(f"  {label:<30}{statistics.median(values) * 1e3:>10.1f}{'':>14}{min(values) * 1e3:>10.1f}")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
