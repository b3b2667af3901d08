"""VisdomLogger against a real Visdom server on 127.0.0.1 started by the test; killing it mid-run is the
failure case."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events

pytest.importorskip("visdom")

from ignite_plugins_loggers.logger_utils import setup_visdom_logging
from ignite_plugins_loggers.visdom_logger import (
    GradsScalarHandler,
    OptimizerParamsHandler,
    OutputHandler,
    VisdomLogger,
    WeightsScalarHandler,
)

# visdom's client calls logging's deprecated Logger.warn; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:The 'warn' method is deprecated:DeprecationWarning")

# The real server without its browser assets (they are downloaded from a CDN at start; not needed here).
SERVER = textwrap.dedent(
    """
    import sys
    from visdom.server.run_server import start_server
    start_server(
        port=int(sys.argv[1]), env_path=sys.argv[2], base_url="", bind_local=True, print_func=lambda port: None
    )
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, env_path: Path) -> None:
        self.port = free_port()
        self.env_path = env_path
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(self.port), str(env_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.kill()
                    raise RuntimeError("the visdom server did not start") from None
                time.sleep(0.1)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    started = Server(tmp_path / "visdom_env")
    yield started
    started.kill()


def connect(server: Server, **kwargs: Any) -> VisdomLogger:
    return VisdomLogger(
        server="http://127.0.0.1", port=server.port, use_incoming_socket=False, env="test", **kwargs
    )


def _text(title: Any) -> str:
    return str(title["text"] if isinstance(title, dict) else title)


def line(logger: VisdomLogger, handler: Any, name: str) -> tuple[list[float], list[float]]:
    """(x, y) of the window ``handler`` draws ``name`` in, read back from the server."""
    data = json.loads(logger.vis.get_window_data(handler.windows[name]["win"], env="test"))
    trace = data["content"]["data"][0]
    assert trace["name"] == name and _text(data["content"]["layout"]["title"]) == name
    return [float(x) for x in trace["x"]], [float(y) for y in trace["y"]]


def make_training() -> tuple[nn.Module, torch.optim.Optimizer, Engine]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def step(engine: Engine, batch: torch.Tensor) -> dict[str, Any]:
        optimizer.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        optimizer.step()
        return {"loss": loss.item(), "vec": torch.tensor([1.0, 2.0])}

    return model, optimizer, Engine(step)


@pytest.mark.parametrize("num_workers", [1, 0])
def test_plots_are_drawn_on_the_server_and_saved(server: Server, num_workers: int) -> None:
    model, optimizer, trainer = make_training()
    logger = connect(server, num_workers=num_workers)
    output = OutputHandler("training", output_transform=lambda o: o, show_legend=True)
    logger.attach(trainer, output, Events.ITERATION_COMPLETED)
    params = OptimizerParamsHandler(optimizer, tag="gen")
    logger.attach(trainer, params, Events.EPOCH_COMPLETED)
    weights = WeightsScalarHandler(model, reduction=torch.sum)
    logger.attach(trainer, weights, Events.EPOCH_COMPLETED)
    grads = GradsScalarHandler(model, tag="g")
    logger.attach(trainer, grads, Events.EPOCH_COMPLETED)
    trainer.run([torch.ones(1, 2)] * 3, max_epochs=2)
    logger.close()

    x, y = line(logger, output, "training/vec/1")
    assert x == [1, 2, 3, 4, 5, 6] and y == [2.0] * 6
    assert line(logger, output, "training/loss")[0] == [1, 2, 3, 4, 5, 6]
    assert line(logger, params, "gen/lr/group_0") == ([1, 2], [pytest.approx(0.1)] * 2)
    x, y = line(logger, weights, "weights_sum/0/weight")
    assert x == [1, 2] and y[-1] == pytest.approx(model[0].weight.sum().item())
    assert line(logger, grads, "g/grads_norm/0/bias")[1][-1] == pytest.approx(
        model[0].bias.grad.norm().item()
    )
    data = json.loads(logger.vis.get_window_data(output.windows["training/loss"]["win"], env="test"))
    assert data["content"]["layout"]["showlegend"] is True
    assert _text(data["content"]["layout"]["xaxis"]["title"]) == str(Events.ITERATION_COMPLETED)
    saved = json.loads((server.env_path / "test.json").read_text())  # vis.save after each handler call
    assert output.windows["training/loss"]["win"] in saved["jsons"]


def test_server_killed_mid_run_training_continues_with_a_count_of_dropped_plots(server: Server) -> None:
    _, _, trainer = make_training()
    logger = connect(server, close_timeout=10)
    output = OutputHandler("t", output_transform=lambda o: o["loss"])
    logger.attach(trainer, output, Events.ITERATION_COMPLETED)

    @trainer.on(Events.ITERATION_COMPLETED(once=5))
    def kill_server(engine: Engine) -> None:
        assert logger._writer.flush(10)  # what was plotted so far reached the server
        server.kill()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        state = trainer.run([torch.ones(1, 2)] * 10, max_epochs=1)
        logger.close()
    assert state.iteration == 10
    assert logger._writer.written == 10  # 5 plots and 5 saves
    assert logger._writer.dropped == 10  # the other 5 plots and their saves
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert any("VisdomLogger: 10 record(s) could not be logged in all" in m for m in messages)


def test_no_server_fails_at_construction() -> None:
    port = free_port()
    with pytest.raises(ConnectionError):  # visdom's own error, as with 0.5
        VisdomLogger(server="http://127.0.0.1", port=port, use_incoming_socket=False)
    with pytest.raises(RuntimeError, match="Failed to connect to Visdom server"):
        VisdomLogger(server="http://127.0.0.1", port=port, use_incoming_socket=False, raise_exceptions=False)


def test_setup_visdom_logging_and_usage_errors(server: Server) -> None:
    _, optimizer, trainer = make_training()
    evaluator = Engine(lambda e, b: e.state.metrics.update(accuracy=0.5))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0], max_epochs=1))
    logger = setup_visdom_logging(
        trainer,
        optimizer,
        evaluators=evaluator,
        log_every_iters=1,
        server="http://127.0.0.1",
        port=server.port,
        use_incoming_socket=False,
        env="test",
    )
    assert isinstance(logger, VisdomLogger)
    trainer.run([torch.ones(1, 2)] * 2, max_epochs=2)
    logger.close()
    saved = json.loads((server.env_path / "test.json").read_text())
    titles = {w["title"] for w in saved["jsons"].values()}
    assert {"lr/group_0", "validation/accuracy"} <= titles

    engine = Engine(lambda e, b: None)
    engine.run([0])
    with pytest.raises(RuntimeError, match="works only with VisdomLogger"):  # 0.5's type
        OutputHandler("t", metric_names="all")(engine, object(), Events.EPOCH_COMPLETED)
