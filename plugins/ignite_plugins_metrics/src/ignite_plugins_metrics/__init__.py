"""Concrete metrics for the plugin-based PyTorch-Ignite core; import them from ``ignite.metrics``."""

__version__ = "0.6.0.dev0"
