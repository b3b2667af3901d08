"""``ignite.contrib.handlers.base_logger``: the pytorch-ignite 0.5 path of :mod:`ignite.handlers.base_logger`."""

import warnings

from ignite.handlers.base_logger import *  # noqa: F403
from ignite.handlers.base_logger import __all__  # noqa: F401

warnings.warn(
    "ignite.contrib.handlers.base_logger is deprecated since 0.5.0 and will be removed in version 0.6.0; "
    "import from ignite.handlers.base_logger instead.",
    DeprecationWarning,
    stacklevel=2,  # importlib's own frames are skipped: this points at the import statement
)
