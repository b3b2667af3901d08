"""Time profilers: BasicTimeProfiler (per event) and HandlersTimeProfiler (per handler)."""

from ignite_plugins_handlers.time_profilers.basic import BasicTimeProfiler
from ignite_plugins_handlers.time_profilers.handlers import HandlersTimeProfiler

__all__ = ["BasicTimeProfiler", "HandlersTimeProfiler"]
