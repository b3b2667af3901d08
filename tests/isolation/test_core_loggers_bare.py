"""Scenario core_loggers_bare: ignite-core + ignite-plugins-loggers without extras (no logger SDK)."""

from __future__ import annotations

import pytest

from ignite.plugins import PluginNotInstalledError


def _error(statement: str) -> PluginNotInstalledError:
    with pytest.raises(PluginNotInstalledError) as info:
        exec(statement, {})
    return info.value


def test_loggers_name_the_extra_that_installs_their_sdk(version) -> None:
    v = version("ignite-plugins-loggers")
    error = _error("from ignite.handlers import TensorboardLogger")
    assert str(error) == (
        f"ignite.handlers.TensorboardLogger from the plugin 'loggers' (ignite-plugins-loggers {v}) needs the "
        "optional module 'tensorboard', which is not installed. "
        'To install it: pip install "ignite-plugins-loggers[tensorboard]"'
    )
    assert error.reason == "missing-requirement"
    assert str(_error("from ignite.contrib.handlers import ProgressBar")) == (
        f"ignite.contrib.handlers.ProgressBar from the plugin 'loggers' (ignite-plugins-loggers {v}) needs the "
        "optional module 'tqdm', which is not installed. To install it: pip install \"ignite-plugins-loggers[tqdm]\""
    )
    assert str(_error("from ignite.handlers.tensorboard_logger import OutputHandler")).startswith(
        "ignite.handlers.tensorboard_logger.OutputHandler from the plugin 'loggers'"
    )


def test_logger_base_classes_are_core() -> None:
    from ignite.handlers import BaseLogger, BaseOutputHandler

    assert BaseLogger.__module__ == BaseOutputHandler.__module__ == "ignite.handlers.base_logger"


def test_registered_but_unloadable_names_are_not_listed() -> None:
    import ignite.plugins

    assert "TensorboardLogger" in ignite.plugins.get_host().entries("loggers")
    assert "TensorboardLogger" not in ignite.plugins.names("loggers")


def test_doctor_lists_the_missing_sdks(plugins_cli) -> None:
    result = plugins_cli("doctor")
    assert result.returncode == 0  # missing optional SDKs are information, not errors
    assert "[info] loggers 'TensorboardLogger' needs tensorboard (not installed)" in result.stdout
    assert 'fix: pip install "ignite-plugins-loggers[tensorboard]"' in result.stdout
