"""Entry-point module of ``ignite-plugins-loggers`` (group ``ignite.plugins``, name ``loggers``).

Registration is by ``"module:attr"`` strings, so discovering this plugin imports neither the logger modules
nor their SDKs; ``requires``/``extra`` let the host answer a missing SDK with the right install line.
Handler classes that share a name across loggers are registered as ``"<module>.<Class>"``
(``"tensorboard_logger.OutputHandler"``): the 0.5 module paths such as ``ignite.handlers.tensorboard_logger``
resolve them.
"""

from __future__ import annotations

from ignite.plugins import Registry, hookimpl

_PACKAGE = "ignite_plugins_loggers"

# module -> (extra and required module, top-level names, per-module handler names)
_MODULES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "tensorboard_logger": (
        "tensorboard",
        ("TensorboardLogger",),
        (
            "OutputHandler",
            "OptimizerParamsHandler",
            "WeightsScalarHandler",
            "WeightsHistHandler",
            "GradsScalarHandler",
            "GradsHistHandler",
        ),
    ),
    "mlflow_logger": ("mlflow", ("MLflowLogger",), ("OutputHandler", "OptimizerParamsHandler")),
    "tqdm_logger": ("tqdm", ("ProgressBar",), ()),
}

# logger_utils function -> (extra, required module)
_SETUP_FUNCTIONS: dict[str, tuple[str, str]] = {
    "setup_tb_logging": ("tensorboard", "tensorboard"),
    "setup_mlflow_logging": ("mlflow", "mlflow"),
}


@hookimpl
def ignite_register_loggers(registry: Registry) -> None:
    """Register the loggers, their handlers and the ``setup_*_logging`` helpers this distribution implements."""
    for module, (sdk, names, handlers) in _MODULES.items():
        for name in names:
            registry.add(name, f"{_PACKAGE}.{module}:{name}", requires=(sdk,), extra=sdk)
        for name in handlers:
            registry.add(f"{module}.{name}", f"{_PACKAGE}.{module}:{name}", requires=(sdk,), extra=sdk)
    for name, (extra, sdk) in _SETUP_FUNCTIONS.items():
        registry.add(name, f"{_PACKAGE}.logger_utils:{name}", requires=(sdk,), extra=extra)
