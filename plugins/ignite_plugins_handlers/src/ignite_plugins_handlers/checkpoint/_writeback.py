"""Cheaper durable writes: disk writeback overlapped with serialization, and deferred release of removed files.

A durable save is ``write`` + ``fdatasync``. Done naively, the disk starts writing only at ``fdatasync``, once the
whole file has been serialized, so the save costs serialization *plus* disk time. :class:`WritebackWriter` asks
the kernel to start writing each completed chunk while serialization goes on (Linux ``sync_file_range`` with
``SYNC_FILE_RANGE_WRITE``, which queues the writes without waiting for their completion); the final
``fdatasync`` then waits only for the tail. The requests are made from a helper thread: submitting a chunk's
writes costs CPU (block allocation, building the requests), which then overlaps with serialization instead of
adding to it. Where the call is missing (other systems) or refused, writes are plain and the final ``fdatasync``
does all the work, as before.

Removing a large file whose blocks are on disk costs milliseconds in the final ``close`` of its inode (freeing
extents, discards), not in ``unlink``. :func:`remove_file` unlinks the name at once (a directory listing no longer
shows it) and drops the last reference on a background thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["WritebackWriter", "remove_file", "sync_file_range"]

_SYNC_FILE_RANGE_WRITE = 2
# errnos meaning "this file or system does not support it": fall back to the final fdatasync alone.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ESPIPE, errno.EPERM, errno.EOPNOTSUPP}


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):  # pragma: no cover - a libc without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_sync_file_range = _load_sync_file_range()


def sync_file_range(fd: int, offset: int, nbytes: int) -> bool:
    """Start writeback of ``nbytes`` at ``offset`` of ``fd`` without waiting for it (the GIL is released).

    Returns ``False`` where the call is missing or the file does not support it; raises ``OSError`` on an I/O
    error (which the final ``fdatasync`` would report as well).
    """
    if _sync_file_range is None:
        return False
    if _sync_file_range(fd, offset, nbytes, _SYNC_FILE_RANGE_WRITE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, f"sync_file_range: {os.strerror(code)}")


class WritebackWriter:
    """A write-only file object for ``torch.save`` over ``handle`` (a buffered binary file opened for writing)
    that starts the disk writeback of every completed ``chunk`` bytes while the caller keeps writing.

    Use as a context manager (leaving it stops the helper thread, even when writing failed) and call
    :meth:`finish` before syncing ``handle``: it waits for the last request and raises the first writeback error
    met. ``write`` does not raise it: torch's writer, interrupted, would replace it with an unrelated error about
    its file position.
    """

    def __init__(self, handle: BinaryIO, chunk: int = 2 << 20) -> None:
        self._handle = handle
        self._fd = handle.fileno()
        self._chunk = chunk
        self._written = 0
        self._requested = 0
        self._error: OSError | None = None
        self._active = _sync_file_range is not None  # cleared by the thread when unsupported or failed
        self._ranges: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        if self._active:
            self._thread = threading.Thread(target=self._run, name="ignite-checkpoint-writeback", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while (item := self._ranges.get()) is not None:
            if not self._active:
                continue
            try:
                self._active = sync_file_range(self._fd, *item)
            except OSError as exc:
                self._error, self._active = exc, False

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        start = 0
        while start < total and self._active:
            part = view[start : start + self._chunk]
            self._handle.write(part)
            start += len(part)
            self._written += len(part)
            if self._written - self._requested >= self._chunk:
                self._handle.flush()  # the range must be in the kernel before its writeback is requested
                self._ranges.put((self._requested, self._written - self._requested))
                self._requested = self._written
        if start < total:  # no writeback (unsupported, failed, or another system): the rest in one write
            self._handle.write(view[start:])
            self._written += total - start
        return total

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        self._handle.flush()

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Stop the helper thread after its pending requests (the file itself is left open)."""
        if self._thread is not None:
            self._ranges.put(None)
            self._thread.join()
            self._thread = None

    def finish(self) -> None:
        """Flush, wait for the pending writeback requests and raise the first writeback error met."""
        self.close()
        self._handle.flush()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> WritebackWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# ----------------------------------------------------------------------------------------------------------------
_RELEASE_QUEUE_SIZE = 16
_release_queue: queue.Queue[int] | None = None
_release_lock = threading.Lock()


def _release_loop(fds: queue.Queue[int]) -> None:
    while True:
        fd = fds.get()
        with contextlib.suppress(OSError):  # closing a read-only descriptor of an unlinked file
            os.close(fd)


def _release_queue_started() -> queue.Queue[int]:
    global _release_queue
    with _release_lock:
        if _release_queue is None:
            fds: queue.Queue[int] = queue.Queue(maxsize=_RELEASE_QUEUE_SIZE)
            threading.Thread(
                target=_release_loop, args=(fds,), name="ignite-checkpoint-release", daemon=True
            ).start()
            _release_queue = fds
        return _release_queue


def _forget_release_thread() -> None:
    """In a forked child the release thread does not exist (and its queue's lock may be held): start afresh."""
    global _release_queue, _release_lock
    _release_queue = None
    _release_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_release_thread)


def remove_file(path: Path) -> None:
    """Remove ``path`` now (``FileNotFoundError`` if missing); on POSIX systems the freeing of its disk blocks
    happens on a background thread (at process exit the system releases anything still pending)."""
    if os.name != "posix":
        path.unlink()
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks, even on a FIFO
    except OSError:  # missing, unreadable...: a plain unlink raises the right error
        path.unlink()
        return
    try:
        os.unlink(path)
    except BaseException:
        os.close(fd)
        raise
    try:
        _release_queue_started().put_nowait(fd)
    except queue.Full:  # releases are behind: do this one here
        os.close(fd)
