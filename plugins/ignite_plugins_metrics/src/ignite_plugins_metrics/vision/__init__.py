"""Vision metrics (``ignite.metrics.vision`` in pytorch-ignite 0.5)."""
