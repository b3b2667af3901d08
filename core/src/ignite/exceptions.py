"""Exceptions shared by the core and the plugins."""

from __future__ import annotations

__all__ = ["NotComputableError"]


class NotComputableError(RuntimeError):
    """Raised by a metric's ``compute()`` when it has not seen enough data to produce a value."""
