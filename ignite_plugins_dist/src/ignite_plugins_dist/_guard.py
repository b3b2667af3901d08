"""``GuardedModel``: collectives that fail on every rank, naming rank and call, instead of hanging.

Before each public collective the processes exchange a small fixed-size header (sequence number, which
collective, op/src, kind, dtype and shape of the data). Because every header has the same size, the
exchange itself cannot deadlock or corrupt memory when the processes diverge; each rank compares the
headers and raises :class:`~ignite_plugins_dist.errors.CollectiveMismatchError` on every rank at once
when they disagree. A peer that never arrives or died makes the backend's timeout fire, turned into
:class:`~ignite_plugins_dist.errors.CollectiveTimeoutError`. The header exchange doubles as the barrier,
and tells ``all_gather`` each rank's first dimension, so tensors of different lengths can be gathered.

Checks are skipped when the group has one process, and can be turned off (``check_collectives=False``
or ``IGNITE_DIST_CHECKS=0``) to save one small collective per call.
"""

from __future__ import annotations

import math
import os
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from numbers import Number
from typing import Any, Final

import torch

from ignite.distributed.comp_models.base import ComputationModel, check_broadcastable
from ignite_plugins_dist.errors import (
    CollectiveError,
    CollectiveMismatchError,
    CollectiveTimeoutError,
    ProcessGroupBrokenError,
)

__all__ = ["GuardedModel", "checks_from_env", "timeout_from_env"]

DEFAULT_TIMEOUT_S: Final[float] = 600.0

_COLLECTIVES: Final[tuple[str, ...]] = (
    "all_reduce",
    "all_gather",
    "all_gather_tensors_with_shapes",
    "broadcast",
    "barrier",
    "new_group",
    "finalize",
)
_CODE = {name: i for i, name in enumerate(_COLLECTIVES)}
_OPS: Final[tuple[str, ...]] = ("SUM", "PRODUCT", "MIN", "MAX", "AND", "OR")
_KINDS: Final[tuple[str, ...]] = (
    "nothing",
    "tensor",
    "int",
    "float",
    "str",
    "object",
    "bool",
    "complex",
    "None",
)
_DTYPES: Final[tuple[torch.dtype, ...]] = (
    torch.float32,
    torch.float64,
    torch.float16,
    torch.bfloat16,
    torch.uint8,
    torch.int8,
    torch.int16,
    torch.int32,
    torch.int64,
    torch.bool,
    torch.complex64,
    torch.complex128,
)
_DTYPE_CODE = {dtype: i for i, dtype in enumerate(_DTYPES)}
# Header: seq, collective, arg, kind, dtype, ndim, d0, d1, d2, d3, numel per row, extra
_WIDTH: Final[int] = 12


def checks_from_env(value: bool | None) -> bool:
    """``value`` if given, else ``IGNITE_DIST_CHECKS`` (default on)."""
    if value is not None:
        return bool(value)
    return os.environ.get("IGNITE_DIST_CHECKS", "1").strip().lower() not in ("0", "false", "no", "off")


def timeout_from_env(value: Any) -> float:
    """Seconds from a ``timedelta``, a number, or ``IGNITE_DIST_TIMEOUT`` (default 600 s)."""
    if value is None:
        value = os.environ.get("IGNITE_DIST_TIMEOUT", DEFAULT_TIMEOUT_S)
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else float(value)
    if not seconds > 0:
        raise ValueError(f"The collective timeout should be positive, got {value!r}")
    return float(seconds)


def _kind(value: Any) -> int:
    if isinstance(value, torch.Tensor):
        return 1
    if value is None:
        return 8
    if isinstance(value, bool):
        return 6
    if isinstance(value, int):
        return 2
    if isinstance(value, float):
        return 3
    if isinstance(value, complex):
        return 7
    if isinstance(value, Number):
        return 3
    if isinstance(value, str):
        return 4
    return 5


def _describe(row: Sequence[int]) -> str:
    _seq, code, arg, kind, dtype, ndim, *dims, _row_numel, extra = row
    name = _COLLECTIVES[code] if 0 <= code < len(_COLLECTIVES) else f"<unknown {code}>"
    parts: list[str] = []
    if name == "all_reduce":
        parts.append(f"op={_OPS[arg] if 0 <= arg < len(_OPS) else arg}")
    if name == "broadcast":
        parts.append(f"src={arg}")
        if extra:
            parts.append("safe_mode=True")
    if name == "new_group":
        parts.append(f"ranks#{extra:x}")
    if name not in ("barrier", "finalize", "new_group"):
        what = _KINDS[kind] if 0 <= kind < len(_KINDS) else str(kind)
        if kind == 1:
            dtype_name = str(_DTYPES[dtype]).replace("torch.", "") if 0 <= dtype < len(_DTYPES) else "?"
            shown = dims[:ndim] if ndim <= 4 else [*dims, "..."]
            what = f"{dtype_name} tensor of shape ({', '.join(map(str, shown))}{',' if ndim == 1 else ''})"
        parts.append(what)
    return f"idist.{name}({', '.join(parts)})"


def _problem(rows: list[list[int]]) -> str | None:
    """Why the headers of the ranks are incompatible, or ``None``."""
    first = rows[0]
    if any(row[1] != first[1] for row in rows):
        return "the processes called different collectives"
    if any(row[0] != first[0] for row in rows):
        return "the processes are at different collective counts (one skipped or repeated a call)"
    name = _COLLECTIVES[first[1]]
    if name == "all_reduce":
        if any(row[2] != first[2] for row in rows):
            return "all_reduce got different ops"
        if any(row[3:10] != first[3:10] for row in rows):
            return "all_reduce needs data of the same kind, dtype and shape on every process"
    elif name == "all_gather":
        if any(row[3] != first[3] for row in rows):
            return "all_gather got data of different kinds"
        if first[3] == 1 and any(row[4:6] != first[4:6] or row[7:11] != first[7:11] for row in rows):
            return (
                "all_gather needs tensors of the same dtype whose shapes differ at most in the first dimension; "
                "use idist.all_gather_tensors_with_shapes for other shapes"
            )
    elif name == "all_gather_tensors_with_shapes":
        if any(row[5] != first[5] for row in rows):
            return "all_gather_tensors_with_shapes needs tensors with the same number of dimensions"
    elif name == "broadcast":
        if any(row[2] != first[2] for row in rows):
            return "broadcast got different src ranks"
        if any(row[11] != first[11] for row in rows):
            return "broadcast got safe_mode on some processes only"
        if not first[11]:
            if any(row[3] != first[3] for row in rows):
                return "broadcast got data of different kinds (pass safe_mode=True to allow that)"
            if first[3] == 1 and any(row[4:10] != first[4:10] for row in rows):
                return "broadcast needs tensors of the same dtype and shape on every process"
    elif name == "new_group" and any(row[11] != first[11] for row in rows):
        return "new_group got different ranks"
    return None


class GuardedModel(ComputationModel):
    """A computation model whose public collectives are checked and time-limited (see the module doc).

    Subclasses call :meth:`_setup_guard` in ``__init__``, implement the ``_do_*`` primitives, and map
    their backend errors in :meth:`_error_kind`.
    """

    def _setup_guard(self, checks: bool | None, timeout: Any) -> None:
        self._checks = checks_from_env(checks)
        self._timeout_s = timeout_from_env(timeout)
        self._broken: str | None = None
        # Subclasses may set it when no header exchange is needed, to bypass the checked path.
        self._fast = False
        self._seq: dict[Any, int] = {}

    def _mark_broken(self, reason: str) -> None:
        self._broken = reason
        self._fast = False

    @property
    def collective_timeout(self) -> float:
        """Seconds a collective may wait for the other processes before failing."""
        return self._timeout_s

    @property
    def checks_collectives(self) -> bool:
        """Whether collectives exchange headers to detect diverging processes."""
        return self._checks

    def _group_size(self, group: Any | None) -> int:
        """Number of processes in ``group`` (``None``: the world)."""
        return self.get_world_size()

    def _error_kind(self, exc: BaseException) -> str | None:
        """``"timeout"``, ``"peer"`` (a peer closed its connection) or ``None`` for a backend exception."""
        text = str(exc).lower()
        if "timed out" in text or "timeout" in text or "deadline" in text:
            return "timeout"
        if any(word in text for word in ("connection closed", "connection reset", "broken pipe", "peer")):
            return "peer"
        return None

    @contextmanager
    def _failing(self, collective: str) -> Iterator[None]:
        """Turn backend errors into :class:`CollectiveError` naming rank and collective; mark the group broken."""
        if self._broken is not None:
            raise ProcessGroupBrokenError(
                f"rank {self.get_rank()}: idist.{collective} called after an earlier collective failed on "
                f"this rank ({self._broken}); call idist.finalize() and start again"
            )
        try:
            yield
        except CollectiveError as exc:
            self._mark_broken(f"{type(exc).__name__} in a collective")
            raise
        except RuntimeError as exc:
            raise self._translate(collective, exc) from exc

    def _translate(self, collective: str, exc: RuntimeError) -> CollectiveError:
        """The :class:`CollectiveError` for a backend error in ``collective``; marks the group broken."""
        rank = self.get_rank()
        kind = self._error_kind(exc)
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        self._mark_broken(f"idist.{collective} failed")
        if kind == "timeout":
            return CollectiveTimeoutError(
                f"rank {rank}: idist.{collective} did not complete within the collective timeout of "
                f"{self._timeout_s:g} s: another process did not call it (it runs different code, is stuck "
                f"or died). Backend error: {first_line}"
            )
        if kind == "peer":
            return CollectiveTimeoutError(
                f"rank {rank}: idist.{collective} failed because another process closed its connection "
                f"(it died or left the run). Backend error: {first_line}"
            )
        return CollectiveError(f"rank {rank}: idist.{collective} failed: {first_line}")

    def _needs_check(self, group: Any | None) -> bool:
        return self._checks and self._group_size(group) > 1

    def _guard(
        self,
        collective: str,
        group: Any | None,
        value: Any = None,
        arg: int = 0,
        extra: int = 0,
    ) -> list[list[int]] | None:
        """Exchange headers within ``group`` and raise on every rank when they disagree; the rows, or ``None``."""
        if not self._needs_check(group):
            return None
        key = None if group is None else id(group)
        seq = self._seq.get(key, 0)
        self._seq[key] = seq + 1
        kind = 0 if collective in ("barrier", "finalize", "new_group") else _kind(value)
        dtype, ndim, dims, row_numel = -1, 0, [-1, -1, -1, -1], 0
        if isinstance(value, torch.Tensor):
            dtype = _DTYPE_CODE.get(value.dtype, len(_DTYPES))
            ndim = value.ndim
            shape = list(value.shape)
            dims = (shape + [-1] * 4)[:4]
            row_numel = math.prod(shape[1:]) if ndim else 1
        header = torch.tensor(
            [[seq, _CODE[collective], arg, kind, dtype, ndim, *dims, row_numel, extra]],
            dtype=torch.int64,
            device=self.device(),
        )
        rows: list[list[int]] = self._do_all_gather(header, group).cpu().tolist()
        problem = _problem(rows)
        if problem is not None:
            rank = self.get_rank()
            members = self._group_ranks(group, len(rows))
            calls = "; ".join(f"rank {r} called {_describe(row)}" for r, row in zip(members, rows))
            raise CollectiveMismatchError(
                f"rank {rank}: the processes diverged at {_describe(rows[members.index(rank)])}: {problem}. "
                f"{calls}. Every process must call the same collectives in the same order with compatible data."
            )
        return rows

    def _group_ranks(self, group: Any | None, size: int) -> list[int]:
        """Global ranks of the members of ``group``, in order."""
        return list(range(size))

    # ------------------------------------------------------------------ guarded public collectives
    def all_reduce(self, tensor: Any, op: str = "SUM", group: Any | None = None) -> Any:
        with self._failing("all_reduce"):
            if group is not None:
                group, outside = self._resolve_group(group)
                if outside:
                    return tensor
            if self._checks and op in _OPS and isinstance(tensor, (torch.Tensor, Number)):
                self._guard("all_reduce", group, tensor, arg=_OPS.index(op))
            return super().all_reduce(tensor, op, group)

    def all_gather(self, tensor: Any, group: Any | None = None) -> Any:
        with self._failing("all_gather"):
            group, outside = self._resolve_group(group)
            if outside:
                return tensor
            if not isinstance(tensor, torch.Tensor):
                self._guard("all_gather", group, tensor)
                return super().all_gather(tensor, group)
            work = tensor if tensor.ndim else tensor.unsqueeze(0)
            size = self._group_size(group)
            if size == 1:
                return super().all_gather(tensor, group)
            rows = self._guard("all_gather", group, work)
            if rows is not None:
                lengths = [row[6] for row in rows]
            else:
                count = torch.tensor([work.shape[0]], dtype=torch.int64, device=self.device())
                lengths = [int(n) for n in self._do_all_gather(count, group).tolist()]
            if len(set(lengths)) == 1:
                return super().all_gather(tensor, group)
            longest = max(lengths)
            padded = work.new_zeros((longest, *work.shape[1:]))
            padded[: work.shape[0]] = work
            gathered = super().all_gather(padded, group)
            return torch.cat([gathered[i * longest : i * longest + n] for i, n in enumerate(lengths)])

    def all_gather_tensors_with_shapes(
        self, tensor: torch.Tensor, shapes: Sequence[Sequence[int]], group: Any | None = None
    ) -> list[torch.Tensor]:
        with self._failing("all_gather_tensors_with_shapes"):
            if isinstance(tensor, torch.Tensor) and group is None:
                self._guard("all_gather_tensors_with_shapes", None, tensor)
            return super().all_gather_tensors_with_shapes(tensor, shapes, group)

    def broadcast(self, tensor: Any, src: int = 0, safe_mode: bool = False) -> Any:
        with self._failing("broadcast"):
            check_broadcastable(tensor, src, self.get_rank(), self.get_world_size(), safe_mode)
            self._guard("broadcast", None, tensor, arg=src, extra=int(bool(safe_mode)))
            return super().broadcast(tensor, src, safe_mode)

    def barrier(self) -> None:
        with self._failing("barrier"):
            if self._guard("barrier", None) is None:
                self._do_barrier()

    def _do_barrier(self) -> None:
        """The backend's barrier (used when headers are not exchanged)."""
        self._do_all_reduce(torch.zeros(1, device=self.device()), "SUM", None)

    def new_group(self, ranks: Sequence[int], **kwargs: Any) -> Any:
        with self._failing("new_group"):
            if isinstance(ranks, (list, tuple)) and all(isinstance(r, int) for r in ranks):
                digest = zlib.crc32(",".join(map(str, ranks)).encode()) & 0x7FFFFFFF
                world_size = self.get_world_size()
                if all(0 <= r < world_size for r in ranks):
                    self._guard("new_group", None, extra=digest)
            return super().new_group(ranks, **kwargs)

    # ------------------------------------------------------------------ finalize
    def _sync_before_finalize(self) -> None:
        """All processes agree they are finishing; raises naming the rank if one is still in a collective."""
        if self._broken is None:
            with self._failing("finalize"):
                self._guard("finalize", None)

    def run_worker(self, fn: Any, local_rank: int, args: Sequence[Any], kwargs_dict: Any) -> None:
        """Like the base, but a failing ``fn`` finalizes without waiting for the other processes."""
        from ignite.distributed import utils

        utils._set_model(self)
        try:
            fn(local_rank, *args, **kwargs_dict)
        except BaseException:
            self._mark_broken(self._broken or "the worker function raised")
            utils.finalize()
            raise
        utils.finalize()
