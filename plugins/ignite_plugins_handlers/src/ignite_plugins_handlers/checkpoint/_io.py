"""Crash-safe file writing and safe loading of checkpoints."""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import IO, Any, cast

import torch

from ignite_plugins_handlers.checkpoint._writeback import WritebackWriter

__all__ = ["TMP_SUFFIX", "atomic_save", "fsync_dir", "numpy_to_torch", "safe_load"]

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


# fdatasync persists the data and what is needed to read it back (the size), skipping other metadata.
_sync_data = getattr(os, "fdatasync", os.fsync)


def atomic_save(obj: Any, path: Path, fsync: bool = True, **torch_save_kwargs: Any) -> None:
    """``torch.save(obj)`` into a temporary file next to ``path``, flush, fsync (``fdatasync`` where available),
    then rename onto ``path`` and fsync the directory.

    A reader, or a process killed at any moment, sees either the previous complete file or the new one. With
    ``fsync``, the disk writes the file while it is being serialized (:class:`WritebackWriter`), so the final
    fdatasync waits only for the last chunk.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if fsync:
                with WritebackWriter(handle) as writer:
                    torch.save(obj, cast(IO[bytes], writer), **torch_save_kwargs)
                    writer.finish()
                _sync_data(handle.fileno())
            else:
                torch.save(obj, handle, **torch_save_kwargs)
                handle.flush()
        os.chmod(tmp_name, _FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if fsync:
        fsync_dir(path.parent)


def numpy_to_torch(obj: Any) -> Any:
    """``obj`` with numeric numpy arrays as tensors and numpy scalars as Python numbers, so that a plain
    ``torch.load(path)`` (weights-only by default) reads the file; e.g. numpy's RNG state in an engine's
    ``rng_states``, which ``numpy.random.set_state`` accepts back as a tensor. Unchanged containers are returned
    as they are (same object, attributes such as ``_metadata`` kept)."""
    np = sys.modules.get("numpy")
    if np is None:
        return obj
    if isinstance(obj, np.ndarray):
        return torch.from_numpy(obj.copy()) if obj.dtype.kind in "biuf" else obj
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, (dict, list, tuple)):
        items = obj.items() if isinstance(obj, dict) else enumerate(obj)
        changed = {k: new for k, v in items if (new := numpy_to_torch(v)) is not v}
        if not changed:
            return obj
        if isinstance(obj, dict):
            copied = type(obj)(obj) if type(obj) in (dict, OrderedDict) else dict(obj)
            copied.update(changed)
            if getattr(obj, "__dict__", None):
                copied.__dict__.update(obj.__dict__)
            return copied
        values = [changed.get(i, v) for i, v in enumerate(obj)]
        return values if isinstance(obj, list) else tuple(values)
    return obj


def _numpy_array_globals() -> list[Any]:
    """What unpickling a plain numpy array needs (numpy's RNG state in an engine's ``rng_states`` is one).

    Allowing these does not allow arbitrary objects: an object-dtype array still needs its items' globals.
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is optional
        return []
    try:
        from numpy._core.multiarray import _reconstruct
    except ImportError:  # pragma: no cover - numpy < 2
        from numpy.core.multiarray import _reconstruct  # type: ignore[no-redef]
    kinds = (np.bool_, np.uint8, np.int8, np.int16, np.int32, np.int64, np.uint16, np.uint32, np.uint64)
    dtype_classes = {type(np.dtype(t)) for t in (*kinds, np.float16, np.float32, np.float64)}
    return [_reconstruct, np.ndarray, np.dtype, *sorted(dtype_classes, key=lambda c: c.__name__)]


def safe_load(path: str | Path, weights_only: bool = True, map_location: Any = None) -> Any:
    """``torch.load`` with ``weights_only=True`` unless told otherwise; a refused file says how to opt out.

    Plain numpy arrays (e.g. numpy's RNG state saved by an engine) are accepted in weights-only mode.
    """
    try:
        if not weights_only:
            return torch.load(path, map_location=map_location, weights_only=False)
        with torch.serialization.safe_globals(_numpy_array_globals()):
            return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as exc:
        if not weights_only:
            raise
        raise pickle.UnpicklingError(
            f"Checkpoint {str(path)!r} holds objects that weights_only loading refuses. If you trust the file, "
            f"load it with weights_only=False (e.g. Checkpoint.load_objects(to_load, path, weights_only=False)). "
            f"torch said: {exc}"
        ) from exc
