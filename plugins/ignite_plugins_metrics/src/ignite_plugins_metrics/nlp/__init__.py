"""NLP metrics (``ignite.metrics.nlp`` in pytorch-ignite 0.5)."""
