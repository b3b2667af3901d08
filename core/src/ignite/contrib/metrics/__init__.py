"""``ignite.contrib.metrics``: pytorch-ignite 0.5 re-exports of the metrics that moved to :mod:`ignite.metrics`.
Its submodules (``ignite.contrib.metrics.roc_auc``, ``ignite.contrib.metrics.regression``, ...) warn that they
moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facade import facade_dir, facade_getattr

if TYPE_CHECKING:
    pass
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)
    # END GENERATED TYPE_CHECKING

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
