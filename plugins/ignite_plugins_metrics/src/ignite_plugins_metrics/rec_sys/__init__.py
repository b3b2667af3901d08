"""Recommender-system metrics (``ignite.metrics.rec_sys`` in pytorch-ignite 0.5)."""
