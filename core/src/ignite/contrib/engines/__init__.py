"""``ignite.contrib.engines``: the ``common`` training helpers and ``tbptt``, provided by the handlers plugin
(``ignite.contrib.engines.common`` and ``ignite.contrib.engines.tbptt`` are 0.5 module paths)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facades import facade

if TYPE_CHECKING:  # plugin names, for type checkers: python tools/gen_index.py
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_index.py)
    from ignite_plugins_handlers.contrib_engines.tbptt import Tbptt_Events as Tbptt_Events  # type: ignore[import-not-found, unused-ignore]
    from ignite_plugins_handlers.contrib_engines.tbptt import (  # type: ignore[import-not-found, unused-ignore]
        create_supervised_tbptt_trainer as create_supervised_tbptt_trainer,
    )
    # END GENERATED TYPE_CHECKING

__all__: list[str] = []

__getattr__, __dir__ = facade(__name__)
