"""BackgroundWriter: the bounded queue between the training loop and a tracker."""

from __future__ import annotations

import threading
import warnings
from typing import Any

import pytest

from ignite_plugins_loggers._background import BackgroundWriter, write_each


def test_records_are_written_in_order_in_batches() -> None:
    batches: list[list[int]] = []
    gate = threading.Event()

    def write(batch: list[int]) -> None:
        gate.wait(5)
        batches.append(list(batch))

    writer = BackgroundWriter("T", write)
    for i in range(10):
        writer.submit(i)
    gate.set()
    writer.close()
    assert [r for batch in batches for r in batch] == list(range(10))
    assert len(batches) < 10  # records waiting behind the first call went together
    assert writer.written == 10 and writer.dropped == 0


def _recording_writer(**kwargs: Any) -> tuple[BackgroundWriter, list[list[int]], threading.Semaphore]:
    """A writer whose ``write`` records each batch and releases the returned semaphore once per call."""
    batches: list[list[int]] = []
    calls = threading.Semaphore(0)

    def write(batch: list[int]) -> None:
        batches.append(list(batch))
        calls.release()

    return BackgroundWriter("T", write, **kwargs), batches, calls


def test_first_record_is_written_at_once_then_records_gather_until_flush() -> None:
    writer, batches, calls = _recording_writer(interval=60.0)
    writer.submit(0)
    assert calls.acquire(timeout=10)  # the first record does not wait for the interval
    for i in range(1, 8):
        writer.submit(i)
    assert not calls.acquire(timeout=0.2)  # within the interval: gathered, not written
    assert writer.flush(10)  # flush writes them now, in one call
    assert batches == [[0], list(range(1, 8))]
    writer.submit(8)
    writer.close(timeout=10)  # close does not wait out the interval either
    assert batches == [[0], list(range(1, 8)), [8]]
    assert writer.written == 9 and writer.dropped == 0


def test_half_full_queue_wakes_the_writer_before_the_interval() -> None:
    writer, batches, calls = _recording_writer(interval=60.0, maxsize=10)
    writer.submit(0)
    assert calls.acquire(timeout=10)
    for i in range(1, 6):  # the 5th queued record fills half of the queue
        writer.submit(i)
    assert calls.acquire(timeout=10)  # written without flush() and long before the 60 s interval
    assert batches == [[0], [1, 2, 3, 4, 5]]
    writer.close(timeout=10)
    assert writer.written == 6 and writer.dropped == 0


def test_records_queued_while_a_batch_is_written_wait_for_the_next_cycle() -> None:
    gate, entered = threading.Event(), threading.Event()
    batches: list[list[int]] = []

    def write(batch: list[int]) -> None:
        entered.set()
        gate.wait(10)
        batches.append(list(batch))

    writer = BackgroundWriter("T", write, interval=60.0, max_batch=2)
    writer.submit(0)  # taken at once; its write waits on the gate
    assert entered.wait(10)
    for i in range(1, 6):
        writer.submit(i)
    gate.set()
    assert writer.flush(10)
    writer.close(timeout=10)
    assert batches == [[0], [1, 2], [3, 4], [5]]  # in order, at most max_batch per call


def test_interval_zero_writes_as_records_arrive() -> None:
    writer, batches, calls = _recording_writer(interval=0.0)
    for i in range(3):
        writer.submit(i)
        assert calls.acquire(timeout=10)  # each written without flush()
    writer.close(timeout=10)
    assert batches == [[0], [1], [2]]
    with pytest.raises(ValueError, match="interval should be non-negative"):
        BackgroundWriter("T", list, interval=-1.0)


def test_records_from_several_threads_are_all_written_in_each_threads_order() -> None:
    written: list[tuple[int, int]] = []
    writer = BackgroundWriter("T", written.extend, interval=0.01)

    def produce(thread: int) -> None:
        for i in range(500):
            writer.submit((thread, i))

    threads = [threading.Thread(target=produce, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close(timeout=10)
    assert writer.written == 2000 and writer.dropped == 0
    for t in range(4):
        assert [i for thread, i in written if thread == t] == list(range(500))


def test_full_queue_drops_new_records_without_blocking() -> None:
    gate = threading.Event()
    writer = BackgroundWriter("T", lambda batch: gate.wait(5), maxsize=2, max_batch=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for i in range(6):
            writer.submit(i)  # the first is taken by the thread (or queued), then 2 fit, the rest drop
        gate.set()
        writer.close()
    assert writer.written + writer.dropped == 6 and writer.dropped >= 3
    assert any("queue is full" in str(w.message) for w in caught)


def test_partial_batch_counts_written_and_dropped() -> None:
    seen: list[int] = []

    def write_one(record: int) -> None:
        if record == 3:
            raise OSError("disk full")
        seen.append(record)

    writer = BackgroundWriter("T", lambda batch: write_each(batch, write_one), background=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for i in range(5):
            writer.submit(i)
        writer.close()
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2  # once when the loop next logs, once in total at close
    assert "T: 1 record(s) could not be logged so far" in messages[0] and "OSError: disk full" in messages[0]
    assert "T: 1 record(s) could not be logged in all" in messages[1]
    assert seen == [0, 1, 2, 4] and writer.written == 4 and writer.dropped == 1


def test_closed_writer_refuses_records_and_close_is_idempotent() -> None:
    written: list[Any] = []
    writer = BackgroundWriter("T", written.extend)
    writer.submit(1)
    writer.close()
    writer.close()
    assert written == [1]
    with pytest.raises(RuntimeError, match="T is closed"):
        writer.submit(2)
    with pytest.raises(ValueError, match="should be positive"):
        BackgroundWriter("T", written.extend, maxsize=0)


def test_records_of_a_writer_never_closed_are_written_at_interpreter_exit(tmp_path: Any) -> None:
    import subprocess
    import sys
    import textwrap

    out = tmp_path / "out.txt"
    code = textwrap.dedent(
        f"""
        import time
        from ignite_plugins_loggers._background import BackgroundWriter

        def write(batch):
            time.sleep(0.2)
            with open({str(out)!r}, "a") as f:
                f.writelines(f"{{r}}\\n" for r in batch)

        writer = BackgroundWriter("T", write)
        for i in range(5):
            writer.submit(i)
        # no writer.close(): the exit hook writes what is queued
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert out.read_text().split() == ["0", "1", "2", "3", "4"]


def test_on_close_runs_once_after_the_queue_is_written_with_the_time_left() -> None:
    written: list[int] = []
    calls: list[tuple[list[int], float]] = []  # (what was written when it ran, seconds left)
    writer = BackgroundWriter("T", written.extend, on_close=lambda left: calls.append((list(written), left)))
    writer.submit(1)
    writer.submit(2)
    writer.close(timeout=10)
    writer.close(timeout=10)
    assert len(calls) == 1
    seen, left = calls[0]
    assert seen == [1, 2] and 0 <= left <= 10
