"""Training handlers for the plugin-based PyTorch-Ignite core; import them from ``ignite.handlers``."""

__version__ = "0.6.0.dev0"
