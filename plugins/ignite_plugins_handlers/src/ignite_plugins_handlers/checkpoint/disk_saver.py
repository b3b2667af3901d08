"""DiskSaver: writes checkpoints to a directory, crash-safely, optionally in the background."""

from __future__ import annotations

import atexit
import contextlib
import copy
import logging
import os
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import torch

import ignite.distributed as idist
from ignite_plugins_handlers.checkpoint._io import atomic_save
from ignite_plugins_handlers.checkpoint._writeback import remove_file
from ignite_plugins_handlers.checkpoint.base import BaseSaveHandler

__all__ = ["CheckpointWriteError", "DiskSaver"]


class CheckpointWriteError(RuntimeError):
    """A background checkpoint write failed; raised at the next save or when the saver is flushed."""


def _copy_into(buffer: torch.Tensor, source: torch.Tensor) -> None:
    """``buffer.copy_(source)``; for CPU tensors a single-threaded memory copy (numpy's), which on a busy machine
    is several times faster than torch's multi-threaded copy competing for cores with training."""
    np = sys.modules.get("numpy")
    if np is not None and source.device.type == "cpu" and source.dtype in _NUMPY_DTYPES:
        np.copyto(buffer.numpy(), source.numpy())
    else:
        buffer.copy_(source)


_NUMPY_DTYPES = {
    torch.float64,
    torch.float32,
    torch.float16,
    torch.int64,
    torch.int32,
    torch.int16,
    torch.int8,
    torch.uint8,
    torch.bool,
}


class _Snapshotter:
    """Copies a checkpoint so that later training steps cannot change it: tensors become detached CPU copies.

    The tensors of the previous snapshot (whose write has finished) are reused as destinations when shapes
    match, so a save costs a memory copy instead of fresh allocations.
    """

    def __init__(self) -> None:
        self._pool: list[torch.Tensor] = []
        self._used: list[torch.Tensor] = []

    def __call__(self, obj: Any) -> Any:
        self._used = []
        result = self._copy(obj, {})
        self._pool = self._used
        return result

    def _tensor(self, tensor: torch.Tensor) -> torch.Tensor:
        index = len(self._used)
        source = tensor.detach()
        if index < len(self._pool):
            buffer = self._pool[index]
            if buffer.shape == source.shape and buffer.dtype == source.dtype and buffer.is_contiguous():
                _copy_into(buffer, source)
                self._used.append(buffer)
                return buffer
        copied = source.to("cpu", copy=True)
        self._used.append(copied)
        return copied

    def _copy(self, obj: Any, memo: dict[int, Any]) -> Any:
        key = id(obj)
        if key in memo:
            return memo[key]
        result: Any
        if isinstance(obj, torch.Tensor):
            result = self._tensor(obj)
        elif type(obj) in (dict, OrderedDict):
            result = type(obj)()
            for k, v in obj.items():
                result[k] = self._copy(v, memo)
            if getattr(obj, "__dict__", None):
                result.__dict__.update(obj.__dict__)  # small metadata (_metadata, provenance), never mutated
        elif type(obj) in (list, tuple):
            result = type(obj)(self._copy(v, memo) for v in obj)
        else:
            result = copy.deepcopy(obj)
        memo[key] = result
        return result


def _report_at_exit(ref: weakref.ReferenceType[DiskSaver]) -> None:
    """At interpreter exit, finish a saver's pending writes and log a failure that nobody collected."""
    saver = ref()
    if saver is None:
        return
    try:
        saver.wait()
    except CheckpointWriteError as exc:
        logging.getLogger(__name__).error("%s", exc)


class DiskSaver(BaseSaveHandler):
    """Save checkpoints as files in ``dirname`` with ``torch.save`` (``**kwargs`` go to ``torch.save``).

    Args:
        dirname: target directory.
        atomic: write to a temporary file in the same directory, flush, fsync and rename it into place, so an
            interrupted save never leaves a partial file under the final name. With ``atomic=False`` the file
            is written in place.
        create_dir: create ``dirname`` (and its parents) if missing.
        require_empty: refuse a directory that already holds ``.pt`` files.
        save_on_rank: the only rank that writes and removes files.
        async_save: write in a background thread. The caller waits only for an in-memory snapshot (tensors
            copied to CPU); the write stays atomic; a new save first waits for the previous one; a failed
            write raises :class:`CheckpointWriteError` at the next save, at :meth:`wait` and when the run
            that saved completes.
        fsync: with ``atomic``, also fsync the file and the directory so that a completed save survives a power
            loss or OS crash; ``False`` keeps the write atomic against a killed process only, and is cheaper.
            On Linux the disk writes the file while it is being serialized, so the final sync waits only for
            the tail; a rotated-out file is unlinked at once and its blocks freed on a background thread.
    """

    def __init__(
        self,
        dirname: str | Path,
        atomic: bool = True,
        create_dir: bool = True,
        require_empty: bool = True,
        save_on_rank: int = 0,
        async_save: bool = False,
        fsync: bool = True,
        **kwargs: Any,
    ) -> None:
        self.fsync = bool(fsync)
        self.dirname = Path(dirname).expanduser()
        self._atomic = atomic
        self.save_on_rank = save_on_rank
        self.kwargs = kwargs
        self.async_save = bool(async_save)
        self._executor: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._snapshot = _Snapshotter()
        if idist.get_rank() == save_on_rank:
            self._check_and_setup(self.dirname, create_dir, require_empty)

    @staticmethod
    def _check_and_setup(dirname: Path, create_dir: bool, require_empty: bool) -> None:
        if create_dir and not dirname.exists():
            dirname.mkdir(parents=True)
        if not dirname.exists():
            raise ValueError(f"Directory path '{dirname}' is not found")
        if not dirname.is_dir():
            raise ValueError(f"Directory path '{dirname}' is not a directory; pass a directory to save into")
        if require_empty:
            matched = sorted(name for name in os.listdir(dirname) if name.endswith(".pt"))
            if matched:
                raise ValueError(
                    f"Files {matched} with extension '.pt' are already present in the directory {dirname}. "
                    "If you want to use this directory anyway, pass `require_empty=False`."
                )

    # ------------------------------------------------------------------------------------------------
    def _write(self, checkpoint: Any, path: Path) -> None:
        if self._atomic:
            atomic_save(checkpoint, path, fsync=self.fsync, **self.kwargs)
        else:
            torch.save(checkpoint, path, **self.kwargs)

    def _background_write(self, checkpoint: Any, path: Path) -> None:
        try:
            self._write(checkpoint, path)
        except BaseException as exc:
            with self._lock:
                self._error = exc
            raise

    def _background_remove(self, path: Path) -> None:
        with self._lock:
            failed = self._error is not None
        if not failed:  # the new file is not complete: keep the old one
            path.unlink(missing_ok=True)

    def _raise_pending_error(self) -> None:
        with self._lock:
            error, self._error = self._error, None
        if error is not None:
            raise CheckpointWriteError(
                f"A background checkpoint write into {str(self.dirname)!r} failed: {error!r}. The previous "
                "checkpoints were kept."
            ) from error

    def wait(self) -> None:
        """Block until background writes are done; raise :class:`CheckpointWriteError` if one failed."""
        pending = self._pending
        if pending is not None:
            with contextlib.suppress(BaseException):
                pending.result()
            self._pending = None
        self._raise_pending_error()

    def _submit(self, fn: Any, *args: Any) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ignite-checkpoint")
            atexit.register(_report_at_exit, weakref.ref(self))
        self._pending = self._executor.submit(fn, *args)

    def __call__(
        self, checkpoint: Mapping[str, Any], filename: str, metadata: Mapping[str, Any] | None = None
    ) -> None:
        """Write ``checkpoint`` as ``dirname/filename`` (on ``save_on_rank`` only)."""
        if idist.get_rank() != self.save_on_rank:
            return
        path = self.dirname / filename
        if not self.async_save:
            self._write(checkpoint, path)
            return
        self.wait()
        snapshot = self._snapshot(checkpoint)
        self._submit(self._background_write, snapshot, path)

    def remove(self, filename: str) -> None:
        """Delete ``dirname/filename`` (on ``save_on_rank`` only; in async mode after the pending write)."""
        if idist.get_rank() != self.save_on_rank:
            return
        path = self.dirname / filename
        if self.async_save and self._executor is not None:
            self._submit(self._background_remove, path)
            return
        remove_file(path)

    def close(self) -> None:
        """Finish pending writes (raising if one failed) and stop the background thread."""
        try:
            self.wait()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
                self._executor = None
