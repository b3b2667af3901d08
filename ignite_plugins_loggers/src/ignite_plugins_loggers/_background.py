"""A bounded background queue between the training loop and a tracker: the loop never waits on the network.

Handlers hand records (plain data, already computed on the training thread) to :meth:`BackgroundWriter.submit`,
which never blocks: it appends to a deque and, at most twice per write cycle, wakes the writer. One daemon
thread writes what is waiting with one call of ``write`` per ``max_batch`` records, and paces itself: after a
write it gathers records for ``interval`` seconds before writing again (sooner when half the queue is used, on
:meth:`BackgroundWriter.flush` and on :meth:`BackgroundWriter.close`). A tracker's cost per call (a session,
a transaction, a request) is so paid about once per ``interval`` however often the loop logs, and the writer
takes the interpreter's lock for a few bursts instead of once per record. The first record is written at once.
A tracker whose own work is CPU in this process (a local store) can be handed to a writer process instead: the
thread's ``write`` then only sends the batch and waits for the answer (see ``_writer_process``).

A failing ``write`` drops that batch: the loop is told with a warning naming the number of dropped records,
training goes on, and later records are tried again (a tracker that comes back receives them).
:meth:`BackgroundWriter.close` writes what is still queued, waiting at most ``close_timeout`` seconds, then
counts what is left as dropped.
"""

from __future__ import annotations

import atexit
import collections
import threading
import time
import warnings
import weakref
from collections.abc import Callable
from typing import Any

__all__ = ["BackgroundWriter", "PartialWriteError", "submit", "write_each"]

EXIT_TIMEOUT = 5.0
"""Seconds the interpreter's exit waits for each writer that was never closed (see :func:`_close_at_exit`)."""

_open_writers: weakref.WeakSet[BackgroundWriter] = weakref.WeakSet()


@atexit.register
def _close_at_exit() -> None:
    """Write what loggers that were never closed still hold, at most ``EXIT_TIMEOUT`` seconds each."""
    for writer in list(_open_writers):
        writer.close(timeout=min(writer.close_timeout, EXIT_TIMEOUT))


class PartialWriteError(Exception):
    """A batch failed after its first ``written`` records were written; ``error`` is why (an exception, or
    the text of one raised elsewhere, e.g. in a writer process)."""

    def __init__(self, written: int, error: Exception | str) -> None:
        super().__init__(error if isinstance(error, str) else f"{type(error).__name__}: {error}")
        self.written = written
        self.error = error


def submit(logger: object, record: Any, write_one: Callable[[Any], None]) -> None:
    """Queue ``record`` on ``logger``'s writer; a logger built without one (a subclass whose ``__init__`` does
    not call the base one) writes it at once with ``write_one``."""
    writer = vars(logger).get("_writer")
    if writer is None:
        write_one(record)
    else:
        writer.submit(record)


def write_each(records: list[Any], write_one: Callable[[Any], None]) -> None:
    """Write ``records`` one by one; on a failure, raise :class:`PartialWriteError` counting those written."""
    for index, record in enumerate(records):
        try:
            write_one(record)
        except Exception as error:
            raise PartialWriteError(index, error) from error


class BackgroundWriter:
    """Runs ``write(batch)`` for submitted records on one daemon thread, in submission order.

    Args:
        owner: name used in thread names and warnings, e.g. ``"MLflowLogger"``.
        write: writes a non-empty list of records to the tracker; an exception drops the whole list.
        maxsize: records the queue holds; past that, new records are dropped (and counted) instead of blocking.
        max_batch: most records given to one ``write`` call.
        close_timeout: seconds :meth:`close` waits for queued records to be written.
        background: ``False`` writes each record at once on the caller's thread (errors still only warn).
        interval: seconds the writer gathers records after a write before it writes again, unless half the
            queue is used or :meth:`flush` or :meth:`close` waits; ``0`` writes as soon as records arrive.
        on_close: called by :meth:`close` once the queue is written or given up, with the seconds left of
            its timeout (e.g. to end a writer process); a batch still in flight has been counted as dropped.
    """

    def __init__(
        self,
        owner: str,
        write: Callable[[list[Any]], None],
        maxsize: int = 10_000,
        max_batch: int = 1_000,
        close_timeout: float = 30.0,
        background: bool = True,
        interval: float = 1.0,
        on_close: Callable[[float], None] | None = None,
    ) -> None:
        if maxsize < 1 or max_batch < 1:
            raise ValueError(f"maxsize and max_batch should be positive, got {maxsize} and {max_batch}")
        if interval < 0:
            raise ValueError(f"interval should be non-negative, got {interval}")
        self.owner = owner
        self._write = write
        self.maxsize = maxsize
        self.max_batch = max_batch
        self.close_timeout = close_timeout
        self.background = background
        self.interval = interval
        self._on_close = on_close
        self._pending: collections.deque[Any] = collections.deque()
        self._wake_size = max(1, maxsize // 2)
        self._wake = threading.Event()  # set by submit (first record, half full), flush and close
        self._lock = threading.Lock()  # guards the counters below and the hand-over of records to a batch
        self._idle = threading.Condition(self._lock)  # notified after each batch; flush waits on it
        self._in_flight = 0  # records taken from the queue and not yet written or dropped
        self._urgent = 0  # flush calls waiting: the writer skips its pause
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._closed = False
        self._abandoned = False
        self.written = 0
        """Records written to the tracker so far."""
        self.dropped = 0
        """Records lost so far: the tracker failed, the queue was full, or :meth:`close` timed out."""
        self.last_error: str | None = None
        self._reported = 0

    # training thread ------------------------------------------------------------------------------------------

    def submit(self, record: Any) -> None:
        """Queue ``record`` for writing; never blocks. Warns (once) on the caller's thread when records drop."""
        if self._closed:
            raise RuntimeError(f"{self.owner} is closed: create a new logger to log more")
        if self.dropped and not self._reported:
            self._warn(final=False)
        if not self.background:
            self._write_batch([record])
            return
        if self._thread is None:
            self._start()
        pending = self._pending
        if len(pending) >= self.maxsize:
            self._drop(1, f"its queue is full ({self.maxsize} records): the tracker is too slow")
            return
        pending.append(record)
        size = len(pending)
        if size == 1 or (size >= self._wake_size and not self._wake.is_set()):
            self._wake.set()

    def flush(self, timeout: float | None = None) -> bool:
        """Write every queued record now (or count it dropped), waiting at most ``timeout`` seconds; ``True``
        if the queue was emptied in time."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            self._urgent += 1
        self._wake.set()
        try:
            with self._idle:
                while self._pending or self._in_flight:
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if remaining is not None and remaining <= 0:
                        return False
                    self._idle.wait(remaining)
            return True
        finally:
            with self._lock:
                self._urgent -= 1

    def close(self, timeout: float | None = None) -> None:
        """Write what is queued (at most ``timeout``, default ``close_timeout`` seconds), stop the thread, and
        warn with the total number of dropped records if any were dropped."""
        if self._closed:
            return
        self._closed = True
        _open_writers.discard(self)
        timeout = self.close_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        if self._thread is not None:
            self._stopping = True
            if self.flush(timeout):
                self._wake.set()
                self._thread.join(timeout)
            else:
                with self._lock:  # the thread stops after its current batch, which is counted here as dropped
                    self._abandoned = True
                    left = len(self._pending) + self._in_flight
                    self._pending.clear()
                self._wake.set()
                self._drop(left, f"close() timed out after {timeout:g}s with records not yet written")
        if self._on_close is not None:
            self._on_close(max(0.0, deadline - time.monotonic()))
        if self.dropped:
            self._warn(final=True)

    # writer thread --------------------------------------------------------------------------------------------

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"{self.owner}-writer", daemon=True)
                self._thread.start()
                _open_writers.add(self)

    def _run(self) -> None:
        next_write = 0.0
        while self._wait(next_write):
            next_write = time.monotonic() + self.interval
            self._drain()

    def _wait(self, next_write: float) -> bool:
        """Sleep until records are due (``True``) or the writer is stopped with nothing left (``False``)."""
        pending, wake = self._pending, self._wake
        while not self._abandoned:
            wake.clear()  # cleared before looking, so a record submitted meanwhile sets it again
            if not pending:
                if self._stopping:
                    return False
                # submit wakes the writer on the first record; the timeout only covers two threads submitting
                # at once, when neither may see the queue at one record
                wake.wait(self.interval or 0.1)
                continue
            remaining = next_write - time.monotonic()
            if remaining <= 0 or self._urgent or self._stopping or len(pending) >= self._wake_size:
                return True
            wake.wait(remaining)
        return False

    def _drain(self) -> None:
        """Write the records queued now, ``max_batch`` per call; later ones wait for the next cycle."""
        pending = self._pending
        left = len(pending)
        while left > 0:
            with self._lock:
                if self._abandoned:
                    return
                size = min(left, self.max_batch)
                batch = [pending.popleft() for _ in range(size)]
                self._in_flight = size
            left -= size
            self._write_batch(batch)

    def _write_batch(self, batch: list[Any]) -> None:
        written, failure = len(batch), ""
        try:
            self._write(batch)
        except PartialWriteError as partial:
            written, failure = partial.written, str(partial)
        except Exception as error:
            written, failure = 0, f"{type(error).__name__}: {error}"
        with self._idle:
            self._in_flight = 0
            if self._abandoned:  # close() timed out and counted this batch as dropped
                return
            self.written += written
            if failure:
                self.dropped += len(batch) - written
                self.last_error = failure
            self._idle.notify_all()

    def _drop(self, count: int, reason: str) -> None:
        with self._lock:
            self.dropped += count
            self.last_error = reason

    def _warn(self, final: bool) -> None:
        self._reported = self.dropped
        when = "in all" if final else "so far"
        warnings.warn(
            f"{self.owner}: {self.dropped} record(s) could not be logged {when} and were dropped "
            f"(last reason: {self.last_error}); training continues"
            + ("" if final else "; the total is reported again when the logger is closed"),
            RuntimeWarning,
            stacklevel=4,
        )
