"""Crash-safe file writing and safe loading of checkpoints."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import torch

__all__ = ["TMP_SUFFIX", "atomic_save", "fsync_dir", "safe_load"]

#: Suffix of the temporary files a save writes before renaming them into place.
TMP_SUFFIX = ".ignite-tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def fsync_dir(dirname: Path) -> None:
    """Persist a rename in ``dirname`` (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(dirname, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_save(obj: Any, path: Path, fsync: bool = True, **torch_save_kwargs: Any) -> None:
    """``torch.save(obj)`` into a temporary file next to ``path``, flush, fsync, then rename onto ``path``.

    A reader, or a process killed at any moment, sees either the previous complete file or the new one.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            torch.save(obj, handle, **torch_save_kwargs)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, _FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if fsync:
        fsync_dir(path.parent)


def safe_load(path: str | Path, weights_only: bool = True, map_location: Any = None) -> Any:
    """``torch.load`` with ``weights_only=True`` unless told otherwise; a refused file says how to opt out."""
    try:
        return torch.load(path, map_location=map_location, weights_only=weights_only)
    except pickle.UnpicklingError as exc:
        if not weights_only:
            raise
        raise pickle.UnpicklingError(
            f"Checkpoint {str(path)!r} holds objects that weights_only loading refuses. If you trust the file, "
            f"load it with weights_only=False (e.g. Checkpoint.load_objects(to_load, path, weights_only=False)). "
            f"torch said: {exc}"
        ) from exc
