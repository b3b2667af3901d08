"""Scenario core_alone: only ignite-core. Core names work; every plugin name says what to install."""

from __future__ import annotations

import pytest

import ignite.plugins
from ignite.plugins import PluginNotInstalledError


def _error(statement: str) -> str:
    with pytest.raises(PluginNotInstalledError) as info:
        exec(statement, {})
    return str(info.value)


def test_core_works_without_plugins() -> None:
    from ignite.engine import Engine, Events
    from ignite.handlers import BaseLogger
    from ignite.metrics import Metric, MetricsLambda

    engine = Engine(lambda e, b: b)
    seen: list[int] = []
    engine.add_event_handler(Events.ITERATION_COMPLETED, lambda e: seen.append(e.state.output))
    engine.run([1, 2, 3], max_epochs=1)
    assert seen == [1, 2, 3]
    assert issubclass(MetricsLambda, Metric)
    assert BaseLogger.__module__ == "ignite.handlers.base_logger"
    assert ignite.plugins.list_plugins() == []
    assert ignite.plugins.names("metrics") == []


def test_metrics_say_which_distribution_to_install() -> None:
    assert _error("from ignite.metrics import Accuracy") == (
        "ignite.metrics.Accuracy is provided by ignite-plugins-metrics, which is not installed. "
        "To install it: pip install ignite-plugins-metrics"
    )
    assert _error("from ignite.metrics.regression import R2Score") == (
        "ignite.metrics.regression.R2Score is provided by ignite-plugins-metrics, which is not installed. "
        "To install it: pip install ignite-plugins-metrics"
    )


def test_handlers_and_loggers_say_which_distribution_and_extra() -> None:
    assert _error("from ignite.handlers import EarlyStopping") == (
        "ignite.handlers.EarlyStopping is provided by ignite-plugins-handlers, which is not installed. "
        "To install it: pip install ignite-plugins-handlers"
    )
    assert _error("from ignite.handlers import TensorboardLogger") == (
        "ignite.handlers.TensorboardLogger is provided by ignite-plugins-loggers with its 'tensorboard' extra, "
        'which is not installed. To install it: pip install "ignite-plugins-loggers[tensorboard]"'
    )
    assert _error("from ignite.contrib.handlers import ProgressBar") == (
        "ignite.contrib.handlers.ProgressBar is provided by ignite-plugins-loggers with its 'tqdm' extra, "
        'which is not installed. To install it: pip install "ignite-plugins-loggers[tqdm]"'
    )
    assert _error("from ignite.contrib.handlers.tensorboard_logger import OutputHandler") == (
        "ignite.contrib.handlers.tensorboard_logger.OutputHandler is provided by ignite-plugins-loggers with its "
        "'tensorboard' extra, which is not installed. To install it: pip install \"ignite-plugins-loggers[tensorboard]\""
    )


def test_every_indexed_name_names_its_distribution_at_every_module_path() -> None:
    import importlib
    import warnings

    from ignite.plugins.facades import INDEX

    for rows in INDEX.values():
        for name, (distribution, extra, _since, attr, modules) in rows.items():
            for path in modules:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    module = importlib.import_module(path)
                with pytest.raises(PluginNotInstalledError) as info:
                    getattr(module, attr or name.rpartition(".")[2])
                assert (info.value.distribution, info.value.reason) == (distribution, "not-installed")
                assert info.value.command == ignite.plugins.install_command(distribution, extra)


def test_0_5_module_paths_import_but_their_names_explain() -> None:
    import ignite.metrics.accuracy

    with pytest.raises(PluginNotInstalledError, match=r"pip install ignite-plugins-metrics$"):
        ignite.metrics.accuracy.Accuracy  # noqa: B018


def test_dist_backends_say_which_distribution_and_extra() -> None:
    with pytest.raises(PluginNotInstalledError) as info:
        ignite.plugins.get("dist_backends", "horovod")
    assert str(info.value) == (
        "dist_backends 'horovod' is provided by ignite-plugins-dist with its 'horovod' extra, which is not "
        'installed. To install it: pip install "ignite-plugins-dist[horovod]"'
    )


def test_unknown_names_are_attribute_errors() -> None:
    import ignite.metrics

    with pytest.raises(AttributeError, match=r"has no attribute 'Acuracy'\. Did you mean 'Accuracy'"):
        ignite.metrics.Acuracy  # noqa: B018


def test_cli(plugins_cli) -> None:
    listing = plugins_cli()
    assert listing.returncode == 0
    assert (
        listing.stdout
        == 'No ignite plugin is installed. First-party plugins: pip install "ignite-core[all]"\n'
    )
    doctor = plugins_cli("doctor")
    assert (doctor.returncode, doctor.stdout) == (0, "0 plugin(s) found, 0 loaded.\nNo problem found.\n")
