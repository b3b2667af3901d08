"""A bounded background queue between the training loop and a tracker: the loop never waits on the network.

Handlers hand records (plain data, already computed on the training thread) to :meth:`BackgroundWriter.submit`,
which never blocks. One daemon thread takes every record waiting and writes them with one call of ``write``
(a batch), so a slow tracker receives fewer, larger calls. A failing ``write`` drops that batch: the loop is
told with a warning naming the number of dropped records, training goes on, and later records are tried again
(a tracker that comes back receives them). :meth:`BackgroundWriter.close` writes what is still queued, waiting
at most ``close_timeout`` seconds, then counts what is left as dropped.
"""

from __future__ import annotations

import atexit
import queue
import threading
import time
import warnings
import weakref
from collections.abc import Callable
from typing import Any

__all__ = ["BackgroundWriter", "PartialWriteError", "submit", "write_each"]

_STOP = object()

EXIT_TIMEOUT = 5.0
"""Seconds the interpreter's exit waits for each writer that was never closed (see :func:`_close_at_exit`)."""

_open_writers: weakref.WeakSet[BackgroundWriter] = weakref.WeakSet()


@atexit.register
def _close_at_exit() -> None:
    """Write what loggers that were never closed still hold, at most ``EXIT_TIMEOUT`` seconds each."""
    for writer in list(_open_writers):
        writer.close(timeout=min(writer.close_timeout, EXIT_TIMEOUT))


class PartialWriteError(Exception):
    """A batch failed after its first ``written`` records were written; ``error`` is why."""

    def __init__(self, written: int, error: Exception) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
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
    """

    def __init__(
        self,
        owner: str,
        write: Callable[[list[Any]], None],
        maxsize: int = 10_000,
        max_batch: int = 1_000,
        close_timeout: float = 30.0,
        background: bool = True,
    ) -> None:
        if maxsize < 1 or max_batch < 1:
            raise ValueError(f"maxsize and max_batch should be positive, got {maxsize} and {max_batch}")
        self.owner = owner
        self._write = write
        self.max_batch = max_batch
        self.close_timeout = close_timeout
        self.background = background
        self._queue: queue.Queue[Any] = queue.Queue(maxsize)
        self._lock = threading.Lock()
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
            _open_writers.add(self)
        try:
            self._queue.put_nowait(record)
        except queue.Full:
            self._drop(1, f"its queue is full ({self._queue.maxsize} records): the tracker is too slow")

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued record is written or dropped, at most ``timeout`` seconds; ``True`` if so."""
        deadline = None if timeout is None else time.monotonic() + timeout
        q = self._queue
        with q.all_tasks_done:
            while q.unfinished_tasks:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                q.all_tasks_done.wait(remaining)
        return True

    def close(self, timeout: float | None = None) -> None:
        """Write what is queued (at most ``timeout``, default ``close_timeout`` seconds), stop the thread, and
        warn with the total number of dropped records if any were dropped."""
        if self._closed:
            return
        self._closed = True
        _open_writers.discard(self)
        timeout = self.close_timeout if timeout is None else timeout
        if self._thread is not None:
            done = self.flush(timeout)
            if done:
                self._queue.put(_STOP)
                self._thread.join(timeout)
            else:
                with self._lock:  # the thread discards what is left; it is counted here as dropped
                    self._abandoned = True
                    left = self._queue.unfinished_tasks
                self._drop(left, f"close() timed out after {timeout:g}s with records not yet written")
        if self.dropped:
            self._warn(final=True)

    # writer thread --------------------------------------------------------------------------------------------

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"{self.owner}-writer", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        q = self._queue
        while True:
            first = q.get()
            if first is _STOP:
                q.task_done()
                return
            batch = [first]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    item = q.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            if not self._abandoned:
                self._write_batch(batch)
            for _ in range(len(batch) + stop):
                q.task_done()
            if stop:
                return

    def _write_batch(self, batch: list[Any]) -> None:
        try:
            self._write(batch)
        except PartialWriteError as partial:
            with self._lock:
                self.written += partial.written
            self._drop(len(batch) - partial.written, str(partial))
        except Exception as error:
            self._drop(len(batch), f"{type(error).__name__}: {error}")
        else:
            with self._lock:
                if not self._abandoned:  # else already counted as dropped by close()
                    self.written += len(batch)

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
