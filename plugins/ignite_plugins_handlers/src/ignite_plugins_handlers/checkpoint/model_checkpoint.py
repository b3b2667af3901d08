"""ModelCheckpoint: a Checkpoint writing to a directory, given the objects when called."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ignite.engine import Engine
from ignite_plugins_handlers.checkpoint.checkpoint import _RESERVED_SELF_KEY, Checkpoint, _check_objects
from ignite_plugins_handlers.checkpoint.disk_saver import DiskSaver

__all__ = ["ModelCheckpoint"]


class ModelCheckpoint(Checkpoint):
    """:class:`Checkpoint` with a :class:`DiskSaver` on ``dirname``, called as ``handler(engine, to_save)``::

        handler = ModelCheckpoint("/tmp/models", "myprefix", n_saved=2, create_dir=True)
        trainer.add_event_handler(Events.EPOCH_COMPLETED(every=2), handler, {"mymodel": model})

    ``atomic``, ``require_empty``, ``create_dir``, ``async_save`` and ``**kwargs`` (for ``torch.save``) go to
    the :class:`DiskSaver`; the other arguments are :class:`Checkpoint`'s.
    """

    def __init__(
        self,
        dirname: str | Path,
        filename_prefix: str = "",
        score_function: Callable[[Engine], Any] | None = None,
        score_name: str | None = None,
        n_saved: int | None = 1,
        atomic: bool = True,
        require_empty: bool = True,
        create_dir: bool = True,
        global_step_transform: Callable[[Engine, Any], int] | None = None,
        filename_pattern: str | None = None,
        include_self: bool = False,
        greater_or_equal: bool = False,
        save_on_rank: int = 0,
        async_save: bool = False,
        **kwargs: Any,
    ) -> None:
        disk_saver = DiskSaver(
            dirname,
            atomic=atomic,
            create_dir=create_dir,
            require_empty=require_empty,
            save_on_rank=save_on_rank,
            async_save=async_save,
            **kwargs,
        )
        super().__init__(
            to_save={},
            save_handler=disk_saver,
            filename_prefix=filename_prefix,
            score_function=score_function,
            score_name=score_name,
            n_saved=n_saved,
            global_step_transform=global_step_transform,
            filename_pattern=filename_pattern,
            include_self=include_self,
            greater_or_equal=greater_or_equal,
            save_on_rank=save_on_rank,
        )

    @property
    def last_checkpoint(self) -> str | Path | None:
        """Path of the most recent kept checkpoint file, or None."""
        if not self._saved:
            return None
        assert isinstance(self.save_handler, DiskSaver)
        return self.save_handler.dirname / self._saved[-1].filename

    def __call__(self, engine: Engine, to_save: Mapping[str, Any]) -> None:  # type: ignore[override]
        """Save ``to_save`` (name -> object with ``state_dict``)."""
        _check_objects(to_save, "state_dict")
        if self.include_self and _RESERVED_SELF_KEY in to_save:
            raise ValueError(f"Cannot have key '{_RESERVED_SELF_KEY}' if `include_self` is True: {to_save}")
        self.to_save = to_save
        super().__call__(engine)
