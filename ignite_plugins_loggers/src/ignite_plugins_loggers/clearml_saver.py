"""ClearMLSaver: checkpoints saved on disk and stored as artifacts of the ClearML task
(``ignite.handlers.clearml_logger.ClearMLSaver`` in pytorch-ignite 0.5).

.. code-block:: python

    clearml_logger = ClearMLLogger(project_name="pytorch-ignite-integration", task_name="cnn-mnist")
    handler = Checkpoint({"model": model}, ClearMLSaver(clearml_logger), n_saved=2, score_function=...)
    evaluator.add_event_handler(Events.COMPLETED, handler)

Each checkpoint is written by :class:`~ignite.handlers.DiskSaver` into ``dirname``, then stored with the task as
an artifact named after the file (``task.upload_artifact``); a checkpoint that ``Checkpoint`` removes is deleted
from the task too. This works online and offline (``clearml.Task.set_offline(True)``: the files go to the offline
session folder, or to ``output_uri`` when given, and are recorded in the session's ``task.json``). ClearML output
models are not used: in offline mode ``OutputModel.update_weights`` fails in clearml 2.1 (its offline model has
no ``locked`` attribute), so a model registration could not be stored nor tested without a server.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Mapping
from typing import Any

import ignite.distributed as idist
from ignite.plugins import PluginNotInstalledError, install_command, install_hint
from ignite_plugins_loggers._sdk import handlers_base, import_sdk
from ignite_plugins_loggers.clearml_logger import ClearMLLogger, _Stub

__all__ = ["ClearMLSaver"]

_removed: dict[str, set[str]] = {}
"""Task id -> checkpoints removed from that task by any ClearMLSaver (see :meth:`ClearMLSaver.__call__`)."""


# DiskSaver, or object without the handlers plugin (then __init__ refuses, naming it)
class ClearMLSaver(handlers_base("DiskSaver")):  # type: ignore[misc]
    """Save checkpoints with ``DiskSaver`` into ``dirname`` and store each one as an artifact of the ClearML task.

    Args:
        logger: the :class:`ClearMLLogger` whose task receives the checkpoints; ``None`` uses the running task
            (``clearml.Task.current_task()``) and raises ``RuntimeError`` when there is none.
        output_uri: where ClearML stores the task's artifacts (``Task.output_uri``, e.g. ``"s3://bucket/x"``
            or a local directory); ``None`` keeps the task's destination.
        dirname: directory for the local files; ``None`` creates a temporary directory (with a warning naming
            it).
        args, kwargs: passed to ``DiskSaver`` (``atomic``, ``create_dir``, ``require_empty``, ...).

    Raises:
        TypeError: ``logger`` is not a ``ClearMLLogger``.
        RuntimeError: no ``logger`` and no ClearML task is running.
        PluginNotInstalledError: ``clearml`` or the handlers plugin (``DiskSaver``) is not installed.
    """

    def __init__(
        self,
        logger: ClearMLLogger | None = None,
        output_uri: str | None = None,
        dirname: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if ClearMLSaver.__bases__ == (object,):
            raise PluginNotInstalledError(
                "ClearMLSaver saves through DiskSaver, from the handlers plugin, which is not installed. "
                + install_hint("ignite-plugins-handlers"),
                reason="missing-requirement",
                kind="handlers",
                attribute="ClearMLSaver",
                distribution="ignite-plugins-handlers",
                command=install_command("ignite-plugins-handlers"),
                module="ignite_plugins_handlers",
            )
        clearml = import_sdk("clearml", "clearml", "ClearMLSaver")
        if logger is None:
            task = clearml.Task.current_task()
            if task is None:
                raise RuntimeError(
                    "ClearMLSaver needs a ClearML task: pass logger=ClearMLLogger(...) or call clearml.Task.init() "
                    "before creating it"
                )
        elif isinstance(logger, ClearMLLogger):
            task = logger.get_task()
        else:
            raise TypeError(f"logger should be a ClearMLLogger, but given {type(logger).__name__}")
        self._task: Any = None if isinstance(task, _Stub) else task  # None: bypass mode, files stay local
        self._removed = set() if self._task is None else _removed.setdefault(self._task.id, set())
        if (
            output_uri is not None
            and self._task is not None
            and idist.get_rank() == kwargs.get("save_on_rank", 0)
        ):
            self._task.output_uri = output_uri
        if dirname is None:
            created = tempfile.mkdtemp(prefix="ignite_checkpoints_") if idist.get_rank() == 0 else ""
            dirname = idist.broadcast(created, src=0) if idist.get_world_size() > 1 else created
            warnings.warn(f"ClearMLSaver created a temporary checkpoints directory: {dirname}", stacklevel=2)
        super().__init__(dirname, *args, **kwargs)

    def __call__(
        self, checkpoint: Mapping[str, Any], filename: str, metadata: Mapping[str, Any] | None = None
    ) -> None:
        """Write ``checkpoint`` as ``dirname/filename``, then store that file as the task's artifact
        ``filename`` (on ``save_on_rank`` only; waits for the file when ``async_save`` is on)."""
        super().__call__(checkpoint, filename, metadata)
        if self._task is None or idist.get_rank() != self.save_on_rank:
            return
        if self.async_save:
            self.wait()
        path = self.dirname / filename
        self._removed.discard(filename)
        stored = self._task.upload_artifact(name=filename, artifact_object=str(path), wait_on_upload=True)
        if stored is False:
            raise RuntimeError(
                f"ClearMLSaver: ClearML could not store the checkpoint {str(path)!r} with the task"
            )
        # clearml 2.1 re-sends every artifact the task ever uploaded with each upload, deleted ones included:
        # delete those again from the task's record (their files are already gone)
        stale = [name for name in self._removed if name in self._task.artifacts]
        if stale:
            self._task.delete_artifacts(stale, raise_on_errors=False, delete_from_storage=False)

    def remove(self, filename: str) -> None:
        """Delete ``dirname/filename``, the task's artifact ``filename`` and its stored file."""
        super().remove(filename)
        if self._task is not None and idist.get_rank() == self.save_on_rank:
            self._task.delete_artifacts([filename], raise_on_errors=False)
            self._removed.add(filename)

    def get_local_copy(self, filename: str) -> str | None:
        """A local path of the checkpoint stored as ``filename`` with the task (downloaded if needed), or
        ``None`` when the task has no such checkpoint (or in bypass mode)."""
        artifact = None if self._task is None else self._task.artifacts.get(filename)
        if artifact is None:
            return None
        local: str | None = artifact.get_local_copy()
        return local
