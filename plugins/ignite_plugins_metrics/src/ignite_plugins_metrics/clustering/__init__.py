"""Clustering metrics (``ignite.metrics.clustering`` in pytorch-ignite 0.5), computed in torch."""
