"""GpuInfo: memory use and utilization of each GPU, read through NVML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

from ignite.engine.events import Events
from ignite.metrics.metric import Metric, MetricUsage, reinit__is_reduced

if TYPE_CHECKING:
    from ignite.engine.engine import Engine

__all__ = ["GpuInfo"]


class GpuInfo(Metric):
    """Per-GPU memory used/total (MiB) and utilization (%), written as ``gpu:{i} mem(%)`` and ``gpu:{i} util(%)``.

    Needs a CUDA GPU and ``pynvml`` (``pip install "pynvml<12"``); without them the constructor raises
    ``ModuleNotFoundError`` (no pynvml) or ``RuntimeError`` (no GPU). ``compute`` returns the list of
    per-GPU records ``{"fb_memory_usage": {"used", "total", "unit"}, "utilization": {"gpu_util", "unit"}}``.
    """

    def __init__(self) -> None:
        try:
            import pynvml
        except ImportError:
            raise ModuleNotFoundError(
                "GpuInfo needs pynvml to read GPU statistics. Install it with: pip install 'pynvml<12'"
            ) from None
        if not torch.cuda.is_available():
            raise RuntimeError(
                "GpuInfo needs a CUDA GPU, but torch.cuda.is_available() is False; attach it only on GPU machines."
            )
        pynvml.nvmlInit()
        self._nvml: Any = pynvml
        super().__init__(output_transform=lambda x: x)

    @reinit__is_reduced
    def reset(self) -> None:
        pass

    @reinit__is_reduced
    def update(self, output: Any) -> None:
        pass

    def compute(self) -> list[dict[str, Any]]:
        nvml = self._nvml
        gpus: list[dict[str, Any]] = []
        for index in range(nvml.nvmlDeviceGetCount()):
            handle = nvml.nvmlDeviceGetHandleByIndex(index)
            memory = nvml.nvmlDeviceGetMemoryInfo(handle)
            util = nvml.nvmlDeviceGetUtilizationRates(handle)
            gpus.append(
                {
                    "fb_memory_usage": {
                        "used": memory.used / 2**20,
                        "total": memory.total / 2**20,
                        "unit": "MiB",
                    },
                    "utilization": {"gpu_util": util.gpu, "unit": "%"},
                }
            )
        return gpus

    def completed(self, engine: Engine, name: str) -> None:
        for i, record in enumerate(self.compute()):
            memory = record.get("fb_memory_usage", {})
            used, total = memory.get("used"), memory.get("total")
            if isinstance(used, (int, float)) and isinstance(total, (int, float)) and total > 0:
                engine.state.metrics[f"{name}:{i} mem(%)"] = round(100.0 * used / total)
            util = record.get("utilization", {}).get("gpu_util")
            if isinstance(util, (int, float)):
                engine.state.metrics[f"{name}:{i} util(%)"] = round(util)

    def attach(self, engine: Engine, name: str = "gpu", event_name: Any = Events.ITERATION_COMPLETED) -> None:
        """Write the statistics into ``engine.state.metrics`` at ``event_name`` (default every iteration)."""
        super().attach(engine, name, MetricUsage(Events.ITERATION_STARTED, event_name, event_name))
