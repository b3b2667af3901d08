"""``ignite.contrib.engines``: the ``common`` training helpers and ``tbptt``, provided by the handlers plugin
(``ignite.contrib.engines.common`` and ``ignite.contrib.engines.tbptt`` are resolved from the catalogue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facade import facade_dir, facade_getattr

if TYPE_CHECKING:
    pass
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)
    # END GENERATED TYPE_CHECKING

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
