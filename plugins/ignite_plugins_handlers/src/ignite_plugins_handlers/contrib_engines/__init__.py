"""``ignite.contrib.engines``: common training set-up helpers and truncated back-propagation through time."""
