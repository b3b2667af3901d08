"""Scenario core_loggers_tensorboard: ignite-core + ignite-plugins-loggers[tensorboard]."""

from __future__ import annotations

from pathlib import Path

import pytest

from ignite.plugins import PluginNotInstalledError


def test_tensorboard_logger_resolves_everywhere_it_did_in_0_5(tmp_path: Path) -> None:
    from ignite.contrib.handlers import TensorboardLogger as ContribTensorboardLogger
    from ignite.handlers import BaseLogger, TensorboardLogger
    from ignite.handlers.tensorboard_logger import OutputHandler
    from ignite.handlers.tensorboard_logger import TensorboardLogger as ModuleTensorboardLogger

    assert TensorboardLogger is ContribTensorboardLogger is ModuleTensorboardLogger
    assert issubclass(TensorboardLogger, BaseLogger)
    assert OutputHandler.__module__.startswith("ignite_plugins_loggers.")
    logger = TensorboardLogger(log_dir=str(tmp_path))
    logger.close()


def test_other_extras_are_still_missing(version) -> None:
    with pytest.raises(PluginNotInstalledError) as info:
        exec("from ignite.handlers import ProgressBar", {})
    assert str(info.value) == (
        f"ignite.handlers.ProgressBar from the plugin 'loggers' (ignite-plugins-loggers "
        f"{version('ignite-plugins-loggers')}) needs the optional module 'tqdm', which is not installed. "
        'To install it: pip install "ignite-plugins-loggers[tqdm]"'
    )
