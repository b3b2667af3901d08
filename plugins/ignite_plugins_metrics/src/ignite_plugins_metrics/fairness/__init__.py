"""Fairness metrics (``ignite.metrics.fairness`` in pytorch-ignite 0.5)."""
