"""Regression metrics (``ignite.metrics.regression`` in pytorch-ignite 0.5)."""
