"""Summary statistics of a series of durations, as the profilers report them."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import torch

__all__ = ["basic_stats", "fmt_stats"]


def basic_stats(values: list[float], totals_only: bool = False) -> OrderedDict[str, Any]:
    """``total`` and, for more than one non-zero value, ``min/index``, ``max/index``, ``mean``, ``std``."""
    data = torch.tensor(values, dtype=torch.float64) if values else torch.zeros(0, dtype=torch.float64)
    positive = data[data > 0]
    out: OrderedDict[str, Any] = OrderedDict()
    out["total"] = float(positive.sum().item()) if len(positive) > 0 else "not yet triggered"
    if not totals_only and len(positive) > 1:
        masked = torch.where(data > 0, data, torch.full_like(data, float("inf")))
        out["min/index"] = (float(masked.min().item()), int(masked.argmin().item()))
        out["max/index"] = (float(data.max().item()), int(data.argmax().item()))
        out["mean"] = float(positive.mean().item())
        out["std"] = float(positive.std().item())
    return out


def fmt_stats(stats: dict[str, Any]) -> str:
    """``total | min/index | max/index | mean | std`` with 5 decimals."""

    def num(x: Any) -> str:
        return f"{x:.5f}" if isinstance(x, float) else str(x)

    parts = [num(stats["total"])]
    if "min/index" in stats:
        parts += [
            f"{num(stats['min/index'][0])}/{stats['min/index'][1]}",
            f"{num(stats['max/index'][0])}/{stats['max/index'][1]}",
            num(stats["mean"]),
            num(stats["std"]),
        ]
    return " | ".join(parts)
