"""``Parallel``: run a function in the distributed configuration of a backend, or in this process."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from ignite.distributed import utils as idist
from ignite.distributed.comp_models import model_class

__all__ = ["Parallel"]


def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"Parallel: {name} should be a positive int, got {value!r}")
    return value


class Parallel:
    """Context manager that sets up a distributed configuration and runs a function in it.

    .. code-block:: python

        def training(local_rank, config, **kwargs):
            ...

        with idist.Parallel(backend="gloo", nproc_per_node=2) as parallel:
            parallel.run(training, config, a=1, b=2)

    - ``backend=None``: no distributed configuration; :meth:`run` calls the function in this process.
    - ``backend`` and ``nproc_per_node``: :meth:`run` spawns ``nproc_per_node`` processes per node
      through the backend's computation model (``nnodes``, ``node_rank``, ``master_addr``,
      ``master_port``, ``init_method`` and ``spawn_kwargs`` go to it).
    - ``backend`` alone: the script was started by a launcher (``torchrun``, ``horovodrun``, ...);
      entering the context initializes the backend from the environment and leaving finalizes it.

    Args:
        backend: a name from ``idist.available_backends()`` (``"nccl"``, ``"gloo"``, ``"xla-tpu"``,
            ``"horovod"``, ...) or ``None``.
        nproc_per_node: processes to spawn on this node.
        nnodes: number of nodes (default 1); total world size is ``nproc_per_node * nnodes``.
        node_rank: index of this node, required when ``nnodes > 1``.
        master_addr: address of the master node, required with ``master_port`` when ``nnodes > 1``
            unless ``init_method`` is given.
        master_port: port of the master node, required when ``master_addr`` is given.
        init_method: process-group initialization URL (e.g. ``"tcp://host:port"``, ``"file://..."``).
        spawn_kwargs: more keyword arguments for the backend's ``spawn``.
    """

    def __init__(
        self,
        backend: str | None = None,
        nproc_per_node: int | None = None,
        nnodes: int | None = None,
        node_rank: int | None = None,
        master_addr: str | None = None,
        master_port: int | None = None,
        init_method: str | None = None,
        **spawn_kwargs: Any,
    ) -> None:
        from ignite.utils import setup_logger

        spawn_only = {
            "nproc_per_node": nproc_per_node,
            "nnodes": nnodes,
            "node_rank": node_rank,
            "master_addr": master_addr,
            "master_port": master_port,
        }
        given = {key: value for key, value in spawn_only.items() if value is not None}
        if backend is None:
            if init_method is not None:
                given["init_method"] = init_method
            given.update(spawn_kwargs)
            if given:
                available = idist.available_backends()
                from ignite.distributed.comp_models import backend_advice

                advice = (
                    f"Pass one, e.g. Parallel(backend={available[0]!r}, ...)."
                    if available
                    else backend_advice()
                )
                raise ValueError(
                    f"Parallel(backend=None) runs the function in this process; {sorted(given)} need a "
                    f"distributed backend. Available backends: {available}. {advice}"
                )
        else:
            model_class(backend)  # unknown backend -> ValueError; missing plugin -> PluginNotInstalledError
            if nproc_per_node is None and (given or spawn_kwargs):
                raise ValueError(
                    f"Parallel: {sorted([*given, *spawn_kwargs])} are used to spawn processes and need "
                    "nproc_per_node; without it the launcher of the script (e.g. torchrun) sets the topology"
                )

        self.backend = backend
        self.init_method = init_method
        self._spawn_kwargs = dict(spawn_kwargs)
        self._spawn_params: dict[str, Any] | None = None
        if backend is not None and nproc_per_node is not None:
            self._spawn_params = self._check_spawn_params(
                nproc_per_node, nnodes, node_rank, master_addr, master_port, init_method
            )
        self._initialized = False

        self._logger = setup_logger(f"{__name__}.{type(self).__name__}")
        self._logger.info(f"Initialized distributed launcher with backend: '{backend}'")
        if self._spawn_params is not None:
            shown = "\n\t".join(
                f"{key}: {value}" for key, value in self._spawn_params.items() if value is not None
            )
            self._logger.info(f"- Parameters to spawn processes: \n\t{shown}")

    @staticmethod
    def _check_spawn_params(
        nproc_per_node: int,
        nnodes: int | None,
        node_rank: int | None,
        master_addr: str | None,
        master_port: int | None,
        init_method: str | None,
    ) -> dict[str, Any]:
        nproc_per_node = _positive_int("nproc_per_node", nproc_per_node)
        nnodes = 1 if nnodes is None else _positive_int("nnodes", nnodes)
        if node_rank is None:
            if nnodes > 1:
                raise ValueError(f"Parallel: node_rank is required when nnodes > 1 (nnodes={nnodes})")
            node_rank = 0
        if isinstance(node_rank, bool) or not isinstance(node_rank, int) or not 0 <= node_rank < nnodes:
            raise ValueError(
                f"Parallel: node_rank should be an int between 0 and {nnodes - 1}, got {node_rank!r}"
            )
        if master_addr is not None and master_port is None:
            raise ValueError("Parallel: master_port is required when master_addr is given")
        if nnodes > 1 and init_method is None and (master_addr is None or master_port is None):
            raise ValueError(
                "Parallel: with nnodes > 1, give master_addr and master_port (or init_method) so that the "
                "nodes can find each other"
            )
        return {
            "nproc_per_node": nproc_per_node,
            "nnodes": nnodes,
            "node_rank": node_rank,
            "master_addr": master_addr,
            "master_port": master_port,
            "init_method": init_method,
        }

    def run(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run ``func(local_rank, *args, **kwargs)`` in every process of the configuration."""
        if not callable(func):
            raise TypeError(f"Parallel.run: func should be callable, got {type(func).__name__}")
        if self._spawn_params is not None and self.backend is not None:
            nproc = self._spawn_params["nproc_per_node"]
            self._logger.info(f"Spawn function '{func}' in {nproc} processes")
            idist.spawn(
                self.backend, func, args=args, kwargs_dict=kwargs, **self._spawn_params, **self._spawn_kwargs
            )
        else:
            if self.backend is not None and not self._initialized:
                raise RuntimeError(
                    f"Parallel(backend={self.backend!r}) without nproc_per_node initializes the backend on "
                    "entering the context: use `with idist.Parallel(...) as parallel: parallel.run(...)`"
                )
            self._logger.info(f"- Run '{func}' in {idist.get_world_size()} processes")
            func(idist.get_local_rank(), *args, **kwargs)
        self._logger.info("End of run")

    def __enter__(self) -> Parallel:
        if self.backend is not None and self._spawn_params is None:
            options = {} if self.init_method is None else {"init_method": self.init_method}
            idist.initialize(self.backend, **options)
            self._initialized = True
            self._logger.info(f"Initialized processing group with backend: '{self.backend}'")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._initialized:
            self._initialized = False
            self._logger.info(f"Finalized processing group with backend: '{self.backend}'")
            idist.finalize()
