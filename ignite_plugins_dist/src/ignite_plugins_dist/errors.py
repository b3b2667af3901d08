"""Errors raised by the distributed backends when processes diverge, time out or die."""

from __future__ import annotations

__all__ = ["CollectiveError", "CollectiveMismatchError", "CollectiveTimeoutError", "ProcessGroupBrokenError"]


class CollectiveError(RuntimeError):
    """A collective call failed on this rank; the message names the rank and the collective."""


class CollectiveMismatchError(CollectiveError):
    """The processes called different collectives, or the same one with incompatible arguments."""


class CollectiveTimeoutError(CollectiveError):
    """A collective did not complete in time, or a peer process died or left while it ran."""


class ProcessGroupBrokenError(CollectiveError):
    """A collective was called after an earlier collective failed on this rank; finalize and restart."""
