"""Base classes and mixins shared by the engine, handlers and metrics."""

from __future__ import annotations

from ignite.base.mixins import ResettableHandler, Serializable

__all__ = ["ResettableHandler", "Serializable"]
