"""A tracker's writes done by a child process, so that a local store's CPU work never competes with training.

A local tracking store (an MLflow sqlite database, a file store) does its work, pure Python, in the process that
writes to it: from a writer thread it still takes the interpreter's lock the training thread needs. A
:class:`ProcessWriter` hands each batch to a child Python process that owns its own tracker client instead; the
writer thread of a :class:`~ignite_plugins_loggers._background.BackgroundWriter` only waits on a pipe.

Protocol: the parent starts ``python -m ignite_plugins_loggers._writer_process`` (a fresh interpreter: nothing of
the user's ``__main__`` is imported, nothing is forked) with the parent's ``sys.path`` as ``PYTHONPATH`` and its
working directory. Each message is an 8-byte big-endian length followed by a pickle. The parent first sends
``(target, config)``: the child imports ``target`` (``"module:function"``), calls ``function(config)`` to get its
``write(batch)`` and answers ``("ready", pid)`` (or ``("failed", reason)`` and exits). Then, for each batch it
receives (a list), the child answers ``(written, error)``: the number of records written and ``""``, or the
error's text. The message ``"close"`` ends the child; so does the end of its input (the parent died: a process
forked from the parent, e.g. a data loader worker, may hold the pipe open, hence the explicit message) and its
parent's death while it waits on the store. The child ignores Ctrl-C, which the terminal sends to the whole
process group: the parent decides when it ends, after writing what is queued. It runs at the lowest CPU
priority: its imports (a second or two of CPU for MLflow) and its store's work take what training leaves.

Failures: a child that dies (or is killed) loses the batch in flight, which the parent's writer counts as
dropped (a batch the store received but did not acknowledge is counted too); the next batch starts a new child,
up to ``max_restarts`` times in a row without an acknowledged batch, after which batches are dropped at once. A
child that cannot open its tracker (``"failed"``) is not restarted.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from ignite_plugins_loggers._background import PartialWriteError

__all__ = ["ProcessWriter", "WriterProcessError", "child_environment"]

_HEADER = struct.Struct(">Q")
_CLOSE = "close"
_PARENT_POLL_S = 1.0
_NICENESS = 19
"""Added to the child's niceness (the lowest CPU priority): where CPUs are short, the training process goes
first, and the child's records wait in the parent's queue (which drops them, with a warning, when it fills)."""


class WriterProcessError(RuntimeError):
    """The writer process could not write a batch: it died, was killed, or could not open its tracker."""


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    left = memoryview(_HEADER.pack(len(data)) + data)
    while left:  # an unbuffered write may take part of it (a signal arrived)
        left = left[stream.write(left) :]


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or ``None`` at the end of the stream (the other side closed it or died)."""
    header = _read_exact(stream, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    data = _read_exact(stream, size)
    return None if data is None else pickle.loads(data)


def _read_exact(stream: IO[bytes], size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _exchange(process: subprocess.Popen[bytes], message: Any) -> Any:
    """Send ``message`` to the child and return its answer; ``None`` when the child is gone (a broken pipe, the
    end of its output, or a pipe that :meth:`ProcessWriter.close` closed meanwhile: ``ValueError``)."""
    assert process.stdin is not None and process.stdout is not None
    try:
        _send(process.stdin, message)
        return _receive(process.stdout)
    except (OSError, ValueError):
        return None


def child_environment() -> dict[str, str]:
    """This process's environment, with ``PYTHONPATH`` set to its ``sys.path``, so that the child imports the
    same packages (and the same versions) as its parent."""
    paths = [os.path.abspath(entry or os.curdir) for entry in sys.path if isinstance(entry, str)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}


class ProcessWriter:
    """Writes batches through a child process running ``target(config)``; :meth:`write` is a ``write``
    callable for :class:`~ignite_plugins_loggers._background.BackgroundWriter`.

    Args:
        owner: name used in error messages, e.g. ``"MLflowLogger"``.
        target: ``"module:function"``; ``function(config)`` runs in the child and returns its ``write(batch)``.
            The module should import only what writing needs (not torch, not ignite).
        config: picklable argument of ``function``.
        max_restarts: child deaths in a row (without an acknowledged batch) after which no new child is started.

    The child starts on the first :meth:`write` (on the writer thread: the training loop never waits for its
    imports), in the working directory of the moment this object was built.
    """

    def __init__(self, owner: str, target: str, config: Any, max_restarts: int = 3) -> None:
        self.owner = owner
        self.target = target
        self.config = config
        self.max_restarts = max_restarts
        self._cwd = os.getcwd()
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # held for a whole exchange with the child
        self._closed = False
        self._deaths = 0
        self._failed: str | None = None

    @property
    def pid(self) -> int | None:
        """The running child's process id, ``None`` before the first batch or after the child ended."""
        process = self._process
        return None if process is None or process.poll() is not None else process.pid

    def write(self, batch: list[Any]) -> None:
        """Send ``batch`` to the child and wait for its answer.

        Raises:
            PartialWriteError: the child's tracker failed after writing the first ``written`` records.
            WriterProcessError: no child could write the batch (it died, was killed, or could not start).
        """
        with self._lock:
            if self._closed:
                raise WriterProcessError(f"{self.owner}'s writer process is closed")
            process = self._running()
            answer = _exchange(process, batch)
            if answer is None:
                self._deaths += 1
                self._process = None
                raise WriterProcessError(
                    f"{self.owner}'s writer process ended (exit code {self._reap(process)}) before it acknowledged "
                    f"the batch"
                    + (
                        "; a new one starts with the next batch"
                        if self._deaths <= self.max_restarts
                        else f"; it ended {self._deaths} times in a row and is not restarted"
                    )
                )
            self._deaths = 0
            written, error = answer
            if error:
                raise PartialWriteError(written, error)

    def close(self, timeout: float) -> None:
        """End the child: when no batch is in flight, tell it to close and wait up to ``timeout`` seconds for
        it to exit; otherwise (a batch stuck in the tracker, given up by the caller) or after that wait, kill
        it. The child is always reaped."""
        self._closed = True
        idle = self._lock.acquire(timeout=0)
        try:
            process = self._process
            if process is None:
                return
            if idle and process.returncode is None:
                try:
                    assert process.stdin is not None
                    _send(process.stdin, _CLOSE)  # the child returns after its current batch
                    process.wait(timeout)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            if process.returncode is None:
                process.kill()  # a write in flight on the writer thread then fails at once
                process.wait()
            if idle:
                self._reap(process)
        finally:
            if idle:
                self._lock.release()

    # writer thread --------------------------------------------------------------------------------------------

    def _running(self) -> subprocess.Popen[bytes]:
        if self._failed is not None:
            raise WriterProcessError(self._failed)
        process = self._process
        if process is not None:
            if process.poll() is None:
                return process
            self._reap(process)  # ended between batches (killed?): nothing was lost, start a new one
            self._process = None
            self._deaths += 1
        if self._deaths > self.max_restarts:
            raise WriterProcessError(
                f"{self.owner}'s writer process ended {self._deaths} times in a row; it is not restarted"
            )
        process = self._process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            cwd=self._cwd,
            env=child_environment(),
        )
        if self._closed:  # close() gave up on this batch while the child was being started
            process.kill()
            self._reap(process)
            self._process = None
            raise WriterProcessError(f"{self.owner}'s writer process is closed")
        answer = _exchange(process, (self.target, self.config))
        if answer is None or answer[0] != "ready":
            code = self._reap(process)
            self._process = None
            if answer is None:
                self._deaths += 1
                raise WriterProcessError(
                    f"{self.owner}'s writer process ended (exit code {code}) while starting"
                )
            self._failed = f"{self.owner}'s writer process could not start: {answer[1]}"
            raise WriterProcessError(self._failed)
        return process

    @staticmethod
    def _reap(process: subprocess.Popen[bytes]) -> int:
        """Wait for an ending child (killing it if it is still running) and close its pipes; its exit code."""
        if process.poll() is None:
            try:
                process.wait(1.0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        return process.returncode


# child process --------------------------------------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    """End this process when its parent is gone, even while a write hangs in the tracker."""
    while True:
        time.sleep(_PARENT_POLL_S)
        if os.getppid() != parent:
            os._exit(1)


def _open_target(target: str, config: Any) -> Callable[[list[Any]], None]:
    module, _, function = target.partition(":")
    opener: Callable[[Any], Callable[[list[Any]], None]] = getattr(importlib.import_module(module), function)
    return opener(config)


def main() -> int:
    """The child's loop: open the target, then write each batch received and answer for it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        os.nice(_NICENESS)
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints go to stderr, not into the answers
    requests = sys.stdin.buffer
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    opening = _receive(requests)
    if opening is None:
        return 0
    try:
        write = _open_target(*opening)
    except Exception as error:
        _send(answers, ("failed", f"{type(error).__name__}: {error}"))
        return 1
    _send(answers, ("ready", os.getpid()))
    while isinstance(batch := _receive(requests), list):  # None: end of input; or "close"
        try:
            write(batch)
            answer = (len(batch), "")
        except PartialWriteError as partial:
            answer = (partial.written, str(partial))
        except Exception as error:
            answer = (0, f"{type(error).__name__}: {error}")
        _send(answers, answer)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    # every batch is committed and acknowledged: skip the interpreter's teardown of the tracker's modules
    # (most of a second), as multiprocessing's children do
    os._exit(code)
