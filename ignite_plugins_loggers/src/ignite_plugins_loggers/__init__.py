"""Experiment loggers (TensorBoard, MLflow, Neptune, Visdom, W&B, ClearML, Polyaxon, tqdm progress bar) for the
plugin-based PyTorch-Ignite core.

Each logger lives in its own module and imports its SDK only when a logger is built.
"""

from __future__ import annotations

__version__ = "0.6.0.dev0"

__all__ = ["__version__"]
