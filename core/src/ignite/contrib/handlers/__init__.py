"""``ignite.contrib.handlers``: pytorch-ignite 0.5 re-exports of the loggers and handlers that moved to
:mod:`ignite.handlers`. Its submodules (``ignite.contrib.handlers.tqdm_logger``, ...) warn that they moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facade import facade_dir, facade_getattr

if TYPE_CHECKING:
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)
    from ignite.handlers.base_logger import BaseLogger as BaseLogger
    # END GENERATED TYPE_CHECKING

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
