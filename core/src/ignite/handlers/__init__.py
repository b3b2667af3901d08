"""``ignite.handlers``: engine handlers and experiment loggers.

The logger base classes live in core (:mod:`ignite.handlers.base_logger`); every concrete handler and logger
comes from a plugin (``ignite-plugins-handlers``, ``ignite-plugins-loggers``) and is resolved on first access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ignite.plugins.facade import facade_dir, facade_getattr

if TYPE_CHECKING:
    # BEGIN GENERATED TYPE_CHECKING (tools/gen_catalogue.py)
    from ignite.handlers.base_logger import BaseHandler as BaseHandler
    from ignite.handlers.base_logger import BaseLogger as BaseLogger
    from ignite.handlers.base_logger import BaseOptimizerParamsHandler as BaseOptimizerParamsHandler
    from ignite.handlers.base_logger import BaseOutputHandler as BaseOutputHandler
    from ignite.handlers.base_logger import BaseWeightsHandler as BaseWeightsHandler
    from ignite.handlers.base_logger import BaseWeightsScalarHandler as BaseWeightsScalarHandler
    # END GENERATED TYPE_CHECKING

__getattr__ = facade_getattr(__name__)
__dir__ = facade_dir(__name__)
