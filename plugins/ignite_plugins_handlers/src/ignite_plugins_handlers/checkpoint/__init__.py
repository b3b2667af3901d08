"""Checkpointing: Checkpoint, ModelCheckpoint, DiskSaver, BaseSaveHandler, CheckpointEvents."""

from ignite_plugins_handlers.checkpoint._provenance import read_provenance
from ignite_plugins_handlers.checkpoint.base import BaseSaveHandler, CheckpointEvents
from ignite_plugins_handlers.checkpoint.checkpoint import HAVE_ZERO, Checkpoint
from ignite_plugins_handlers.checkpoint.disk_saver import CheckpointWriteError, DiskSaver
from ignite_plugins_handlers.checkpoint.model_checkpoint import ModelCheckpoint

__all__ = [
    "HAVE_ZERO",
    "BaseSaveHandler",
    "Checkpoint",
    "CheckpointEvents",
    "CheckpointWriteError",
    "DiskSaver",
    "ModelCheckpoint",
    "read_provenance",
]
