"""BaseSaveHandler (where checkpoints go) and CheckpointEvents (fired after each save)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from ignite.engine.events import EventEnum

__all__ = ["BaseSaveHandler", "CheckpointEvents"]


class CheckpointEvents(EventEnum):
    """Events a :class:`Checkpoint` fires on the engine it runs on (registered on its first save)."""

    SAVED_CHECKPOINT = "saved_checkpoint"


class BaseSaveHandler(ABC):
    """Interface of a checkpoint writer: ``__call__`` stores a checkpoint under a file name, ``remove``
    deletes one. :class:`Checkpoint` passes ``metadata`` (``basename``, ``score_name``, ``priority``)."""

    @abstractmethod
    def __call__(
        self, checkpoint: Mapping[str, Any], filename: str, metadata: Mapping[str, Any] | None = None
    ) -> None:
        """Store ``checkpoint`` as ``filename``."""

    @abstractmethod
    def remove(self, filename: str) -> None:
        """Delete the checkpoint saved as ``filename``."""
