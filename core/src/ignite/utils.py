"""Small helpers: moving tensors in nested collections, one-hot encoding, logging, seeding, deprecation."""

from __future__ import annotations

import functools
import hashlib
import logging
import random
import shutil
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import torch

__all__ = [
    "apply_to_tensor",
    "apply_to_type",
    "convert_tensor",
    "deprecated",
    "hash_checkpoint",
    "manual_seed",
    "setup_logger",
    "to_onehot",
]

_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., Any])

_DEFAULT_LOG_FORMAT = "%(asctime)s %(name)s %(levelname)s: %(message)s"


def convert_tensor(x: _T, device: str | torch.device | None = None, non_blocking: bool = False) -> _T:
    """Move a tensor, or every tensor inside nested sequences/mappings, to ``device``.

    With ``device=None`` the input is returned with its tensors untouched.
    """

    def _move(tensor: torch.Tensor) -> torch.Tensor:
        return tensor.to(device=device, non_blocking=non_blocking) if device is not None else tensor

    return apply_to_tensor(x, _move)


def apply_to_tensor(x: _T, func: Callable[[torch.Tensor], Any]) -> _T:
    """Apply ``func`` to a tensor or to every tensor inside nested sequences/mappings."""
    return apply_to_type(x, torch.Tensor, func)


def apply_to_type(x: _T, input_type: type | tuple[type, ...], func: Callable[[Any], Any]) -> _T:
    """Apply ``func`` to ``x`` if it is an ``input_type``, else recursively inside sequences and mappings.

    Strings and bytes are returned unchanged (unless they are themselves ``input_type``); named tuples,
    lists, tuples and mappings keep their type. Anything else raises ``TypeError``.
    """
    return cast(_T, _apply(x, input_type, func))


def _apply(x: Any, input_type: type | tuple[type, ...], func: Callable[[Any], Any]) -> Any:
    if isinstance(x, input_type):
        return func(x)
    if isinstance(x, (str, bytes)):
        return x
    if isinstance(x, Mapping):
        items = {key: _apply(value, input_type, func) for key, value in x.items()}
        try:
            return type(x)(items)  # type: ignore[call-arg]
        except TypeError:  # e.g. defaultdict, whose first argument is a factory
            return items
    if isinstance(x, tuple) and hasattr(x, "_fields"):  # named tuple
        return type(x)(*(_apply(item, input_type, func) for item in x))
    if isinstance(x, Sequence):
        values = [_apply(item, input_type, func) for item in x]
        try:
            return type(x)(values)  # type: ignore[call-arg]
        except TypeError:
            return values
    names = input_type.__name__ if isinstance(input_type, type) else [t.__name__ for t in input_type]
    raise TypeError(f"x must contain {names}, mappings or sequences of them; found {type(x).__name__}")


def to_onehot(indices: torch.Tensor, num_classes: int) -> torch.Tensor:
    """One-hot encode integer ``indices`` of shape ``(N, ...)`` into a ``uint8`` tensor ``(N, num_classes, ...)``.

    The result lives on the same device as ``indices``. The function can be compiled with
    ``torch.jit.script``. As in pytorch-ignite, indices must be int32/int64 and lie in
    ``[0, num_classes)``: torch raises ``RuntimeError`` otherwise.
    """
    shape = [indices.shape[0], num_classes] + list(indices.shape[1:])  # noqa: RUF005 - TorchScript has no [*x]
    onehot = torch.zeros(shape, dtype=torch.uint8, device=indices.device)
    return onehot.scatter_(1, indices.unsqueeze(1), 1)


def setup_logger(
    name: str | None = "ignite",
    level: int = logging.INFO,
    stream: IO[str] | None = None,
    format: str = _DEFAULT_LOG_FORMAT,
    filepath: str | Path | None = None,
    distributed_rank: int | None = None,
    reset: bool = False,
    encoding: str | None = "utf-8",
) -> logging.Logger:
    """Configure and return the logger ``name`` (the root logger if ``None``).

    A logger that already exists keeps its configuration unless ``reset=True``. On processes whose
    ``distributed_rank`` (default: the current rank) is not 0 the logger gets only a ``NullHandler``,
    so that workers stay silent. ``filepath`` adds a file handler opened with ``encoding``.
    """
    already_known = name is None or name in logging.root.manager.loggerDict
    logger = logging.getLogger(name)
    if distributed_rank is None:
        import ignite.distributed as idist

        distributed_rank = idist.get_rank()

    if reset or distributed_rank > 0:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
    if distributed_rank > 0:
        logger.addHandler(logging.NullHandler())
        if name is not None:
            logger.propagate = False
        return logger
    if already_known and not reset and logger.handlers:
        return logger

    logger.setLevel(level)
    formatter = logging.Formatter(format)
    stream_handler = logging.StreamHandler(stream=stream)
    stream_handler.setLevel(level)
    stream_handler.setFormatter(formatter)
    logger.addHandler(stream_handler)
    if filepath is not None:
        file_handler = logging.FileHandler(filepath, encoding=encoding)
        file_handler.setLevel(level)
        file_handler.setFormatter(formatter)
        logger.addHandler(file_handler)
    if name is not None:
        logger.propagate = False
    return logger


def manual_seed(seed: int) -> None:
    """Seed ``random``, ``torch`` (all devices) and, when it is installed, ``numpy``.

    ``numpy`` takes seeds in ``[0, 2**32 - 1]`` only and raises ``ValueError`` otherwise, as in pytorch-ignite.
    """
    if not isinstance(seed, int):
        raise TypeError(f"seed should be an int, got {type(seed).__name__}")
    random.seed(seed)
    torch.manual_seed(seed)
    try:
        import numpy as np
    except ImportError:
        return
    np.random.seed(seed)


def deprecated(
    deprecated_in: str, removed_in: str = "", reasons: Sequence[str] = (), raise_exception: bool = False
) -> Callable[[_F], _F]:
    """Decorator marking a function deprecated since ``deprecated_in`` (pytorch-ignite's wording).

    Calls emit a ``DeprecationWarning`` naming the versions (or raise it with ``raise_exception=True``);
    the docstring gets a ``.. deprecated::`` note listing ``reasons``.
    """
    if isinstance(reasons, str):
        reasons = (reasons,)

    def decorator(func: _F) -> _F:
        removal = f" and will be removed in version {removed_in}" if removed_in else ""
        message = (
            f"This function has been deprecated since version {deprecated_in}{removal}.\n"
            " Please refer to the documentation for more details."
        )

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if raise_exception:
                raise DeprecationWarning(message)
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            return func(*args, **kwargs)

        reasons_note = "\n\n\t" + "".join(f"\n\t- {reason}" for reason in reasons) if reasons else ""
        wrapper.__doc__ = f"**Deprecated function**.\n\n    {func.__doc__ or ''}.. deprecated:: {deprecated_in}{reasons_note}"
        return cast(_F, wrapper)

    return decorator


def hash_checkpoint(checkpoint_path: str | Path, output_dir: str | Path) -> tuple[Path, str]:
    """Move ``checkpoint_path`` to ``output_dir/<stem>-<sha256[:8]>.pt`` for ``torch.hub``'s ``check_hash``.

    Returns the new path and the file's SHA-256 hex digest (the name holds its first 8 digits).
    """
    if not isinstance(checkpoint_path, (str, Path)):
        raise TypeError(
            f"checkpoint_path should be a str or pathlib.Path, got {type(checkpoint_path).__name__}"
        )
    if not isinstance(output_dir, (str, Path)):
        raise TypeError(f"output_dir should be a str or pathlib.Path, got {type(output_dir).__name__}")
    source = Path(checkpoint_path)
    if not source.is_file():
        raise FileNotFoundError(f"Checkpoint file {str(source)!r} does not exist or is not a file")
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sha_hash = digest.hexdigest()
    target_dir = Path(output_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{source.stem}-{sha_hash[:8]}.pt"
    shutil.move(str(source), target)
    return target, sha_hash
