"""GAN metrics (``ignite.metrics.gan`` in pytorch-ignite 0.5)."""
