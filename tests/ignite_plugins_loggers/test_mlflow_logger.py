"""MLflowLogger against a real sqlite-backed MLflow tracking store.

Most tests write with ``writer="thread"``: they are about the handlers and the background queue (a fault injected
into the logger's in-process client), and a writer process costs a second or two of imports. The writer process,
the default for this store, is tested in ``test_mlflow_writer_process.py`` and by the resumed-run test here."""

from __future__ import annotations

import logging
import os
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite_plugins_loggers.mlflow_logger import MLflowLogger, OptimizerParamsHandler, OutputHandler

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")  # before mlflow is imported
mlflow = pytest.importorskip("mlflow")

from _mlflow_store import history  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

# mlflow's sqlalchemy store uses an API that sqlalchemy 2.1 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning")


def test_trainer_and_evaluator_metrics_and_params(tracking_uri: str) -> None:
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    trainer = Engine(lambda engine, batch: float(batch))

    def eval_step(engine: Engine, batch: Any) -> None:
        engine.state.metrics.update(
            {"accuracy": 0.25 * trainer.state.epoch, "per_class": torch.tensor([1.0, 2.0])}
        )

    evaluator = Engine(eval_step)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0, 0], max_epochs=1))

    mlflow_logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    run_id = mlflow_logger.active_run.info.run_id
    mlflow_logger.log_params({"seed": 12, "model": "Linear"})
    mlflow_logger.attach_output_handler(
        trainer,
        event_name=Events.ITERATION_COMPLETED,
        tag="training",
        output_transform=lambda loss: {"loss": loss},
    )
    mlflow_logger.attach_output_handler(
        evaluator,
        event_name=Events.EPOCH_COMPLETED,
        tag="validation",
        metric_names="all",
        global_step_transform=lambda engine, event_name: trainer.state.epoch,
    )
    mlflow_logger.attach_opt_params_handler(trainer, event_name=Events.EPOCH_STARTED, optimizer=optimizer)
    mlflow_logger.attach(trainer, OptimizerParamsHandler(optimizer, tag="gen"), Events.STARTED)
    trainer.run([1, 2, 3], max_epochs=2)
    mlflow_logger.close()

    assert mlflow.active_run() is None
    run = MlflowClient(tracking_uri).get_run(run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params == {"seed": "12", "model": "Linear"}
    assert history(tracking_uri, run_id, "training loss") == [
        (i, float((i - 1) % 3 + 1)) for i in range(1, 7)
    ]
    assert history(tracking_uri, run_id, "validation accuracy") == [(1, 0.25), (2, 0.5)]
    assert history(tracking_uri, run_id, "validation per_class 0") == [(1, 1.0), (2, 1.0)]
    assert history(tracking_uri, run_id, "validation per_class 1") == [(1, 2.0), (2, 2.0)]
    assert history(tracking_uri, run_id, "lr group_0") == [(1, 0.5), (2, 0.5)]
    assert history(tracking_uri, run_id, "gen lr group_0") == [(0, 0.5)]


def test_joins_an_active_run_and_skips_names_mlflow_rejects(tracking_uri: str) -> None:
    mlflow.set_tracking_uri(tracking_uri)
    with mlflow.start_run() as run:
        logger = MLflowLogger(writer="thread")
        assert logger.active_run.info.run_id == run.info.run_id
        engine = Engine(lambda e, b: b)

        @engine.on(Events.ITERATION_COMPLETED)
        def set_metric(e: Engine) -> None:
            e.state.metrics.update({"Accuracy(top5)": 0.75, "top1": 0.5})

        logger.attach_output_handler(engine, Events.EPOCH_COMPLETED, tag="val", metric_names="all")
        with pytest.warns(
            UserWarning, match=r"invalid metric name 'val Accuracy\(top5\)' that will be ignored"
        ):
            engine.run([0], max_epochs=1)
        logger._writer.flush()
    metrics = MlflowClient(tracking_uri).get_run(run.info.run_id).data.metrics
    assert metrics == {"val top1": 0.5}


def test_nested_values_give_one_metric_per_leaf_with_spaces(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    run_id = logger.active_run.info.run_id
    engine = Engine(
        lambda e, b: {"loss": torch.tensor(0.5), "parts": [1.0, {"kl": 2.0}], "vec": torch.tensor([3.0, 4.0])}
    )
    logger.attach_output_handler(
        engine, Events.ITERATION_COMPLETED, tag="train", output_transform=lambda o: o
    )
    engine.run([0, 0], max_epochs=1)
    logger.close()
    metrics = MlflowClient(tracking_uri).get_run(run_id).data.metrics
    assert metrics == {
        "train loss": 0.5,
        "train parts 0": 1.0,
        "train parts 1 kl": 2.0,
        "train vec 0": 3.0,
        "train vec 1": 4.0,
    }
    assert history(tracking_uri, run_id, "train vec 1") == [(1, 4.0), (2, 4.0)]


def test_failing_handler_does_not_stop_training(tracking_uri: str, caplog: pytest.LogCaptureFixture) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    run_id = logger.active_run.info.run_id
    engine = Engine(lambda e, b: b)
    logger.attach_output_handler(
        engine, Events.ITERATION_COMPLETED, tag="t", output_transform=lambda x: 1 / 0
    )
    logger.attach_output_handler(engine, Events.EPOCH_COMPLETED, tag="ok", state_attributes=["iteration"])
    with caplog.at_level(logging.WARNING, logger=engine.logger.name):
        assert engine.run([1.0, 2.0], max_epochs=2).epoch == 2
    logger.close()
    assert "ZeroDivisionError" in caplog.text
    assert history(tracking_uri, run_id, "ok iteration") == [(1, 2.0), (2, 4.0)]
    assert history(tracking_uri, run_id, "t output") == []


def test_usage_errors_are_raised_as_in_0_5(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    engine = Engine(lambda e, b: b)
    logger.attach_output_handler(
        engine,
        Events.ITERATION_COMPLETED,
        tag="t",
        output_transform=lambda x: x,
        global_step_transform=lambda e, n: "1",
    )
    with pytest.raises(TypeError, match="global_step_transform should return an int"):
        engine.run([1.0], max_epochs=1)
    logger.close()


def test_handlers_require_an_mlflow_logger() -> None:
    engine = Engine(lambda e, b: b)
    engine.run([1.0], max_epochs=1)
    with pytest.raises(TypeError, match="OutputHandler works only with MLflowLogger"):
        OutputHandler("t", output_transform=lambda x: x)(engine, object(), Events.ITERATION_COMPLETED)
    optimizer = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
    with pytest.raises(TypeError, match="OptimizerParamsHandler works only with MLflowLogger"):
        OptimizerParamsHandler(optimizer)(engine, object(), Events.ITERATION_COMPLETED)


def test_missing_mlflow_gives_the_install_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['mlflow'] = None\n"
        "from ignite_plugins_loggers.mlflow_logger import MLflowLogger\n"
        "try:\n"
        "    MLflowLogger()\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(type(exc).__name__, exc.command, exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.startswith('PluginNotInstalledError pip install "ignite-plugins-loggers[mlflow]"')
    assert out.stdout.strip().endswith('To install it: pip install "ignite-plugins-loggers[mlflow]"')


def test_setup_mlflow_logging(tracking_uri: str) -> None:
    from ignite_plugins_loggers.logger_utils import setup_mlflow_logging

    optimizer = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.2)
    trainer = Engine(lambda e, b: b)
    evaluator = Engine(lambda e, b: e.state.metrics.update(accuracy=0.5))
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda: evaluator.run([0], max_epochs=1))

    mlflow_logger = setup_mlflow_logging(
        trainer,
        optimizer,
        evaluators=evaluator,
        log_every_iters=1,
        tracking_uri=tracking_uri,
        writer="thread",
    )
    run_id = mlflow_logger.active_run.info.run_id
    trainer.run([0, 0], max_epochs=2)
    mlflow_logger.close()
    assert history(tracking_uri, run_id, "lr group_0") == [(i, pytest.approx(0.2)) for i in range(1, 5)]
    assert history(tracking_uri, run_id, "validation accuracy") == [(1, 0.5), (2, 0.5)]


class SlowClient:
    """The real MlflowClient with a fault injected: each ``log_batch`` waits ``delay`` seconds first, and the
    first ``failures`` calls raise as an unreachable server would. A hanging server cannot be caused for real."""

    def __init__(self, client: Any, delay: float = 0.0, failures: int = 0) -> None:
        self.client, self.delay, self.failures = client, delay, failures
        self.calls = 0

    def log_batch(self, run_id: str, metrics: Any = (), **kwargs: Any) -> None:
        self.calls += 1
        time.sleep(self.delay)
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("tracking server unreachable")
        self.client.log_batch(run_id, metrics=metrics, **kwargs)


def test_slow_tracker_gets_batches_and_every_record_is_stored_after_close(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    run_id = logger.active_run.info.run_id
    slow = logger._client = SlowClient(logger._client, delay=0.1)
    trainer = Engine(lambda e, b: time.sleep(0.005) or float(b))
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED(every=2), tag="train", output_transform=lambda o: {"loss": o}
    )
    trainer.run(list(range(40)), max_epochs=1)
    logger.close()
    assert history(tracking_uri, run_id, "train loss") == [(i, float(i - 1)) for i in range(2, 41, 2)]
    assert logger._writer.written == 20 and logger._writer.dropped == 0
    assert slow.calls < 20  # records waiting while a call is in flight go together in the next one


def test_logging_every_iteration_takes_few_store_calls_and_stores_every_record(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    run_id = logger.active_run.info.run_id
    counting = logger._client = SlowClient(logger._client)
    trainer = Engine(lambda e, b: time.sleep(0.002) or float(b))
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED, tag="train", output_transform=lambda o: {"loss": o}
    )
    start = time.monotonic()
    trainer.run(list(range(200)), max_epochs=1)
    elapsed = time.monotonic() - start
    logger.close()
    assert history(tracking_uri, run_id, "train loss") == [(i, float(i - 1)) for i in range(1, 201)]
    assert logger._writer.written == 200 and logger._writer.dropped == 0
    # the first record at once, then at most one call per interval while the loop ran, then close()'s
    assert counting.calls <= 2 + int(elapsed / logger._writer.interval)


def test_failing_tracker_warns_with_count_and_later_records_are_stored(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, writer="thread")
    run_id = logger.active_run.info.run_id
    logger._client = SlowClient(logger._client, failures=1)
    trainer = Engine(lambda e, b: float(b))
    logger.attach_output_handler(trainer, Events.EPOCH_COMPLETED, tag="t", output_transform=lambda o: o)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        trainer.run([1.0, 2.0], max_epochs=1)
        assert logger._writer.flush(10)
        trainer.run([3.0], max_epochs=2)  # a new run of the engine after the first failure
        logger.close()
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(messages) == 2  # once when the loop next logs, once in total at close
    assert "1 record(s) could not be logged so far" in messages[0] and "ConnectionError" in messages[0]
    assert "1 record(s) could not be logged in all" in messages[1]
    assert history(tracking_uri, run_id, "t output") == [(2, 3.0)]  # epoch 1's record was dropped


def test_close_gives_up_after_its_timeout_and_counts_what_is_left(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, close_timeout=0.3, writer="thread")
    logger._client = SlowClient(logger._client, delay=1.0)
    for step in range(5):
        logger.log_metrics({"x": step}, step=step)
    with pytest.warns(RuntimeWarning, match=r"could not be logged in all.*close\(\) timed out"):
        logger.close()
    assert logger._writer.dropped == 5 and logger._writer.written == 0
    with pytest.raises(RuntimeError, match="is closed"):
        logger.log_metrics({"x": 1.0}, step=9)


def test_synchronous_mode_writes_at_once(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri, background=False)
    run_id = logger.active_run.info.run_id
    logger.log_metrics({"x": 1.5}, step=3)
    assert history(tracking_uri, run_id, "x") == [(3, 1.5)]  # no flush needed
    logger.close()


def test_resumed_training_continues_the_logged_steps_without_duplicates(tracking_uri: str) -> None:
    def make_trainer() -> Engine:
        return Engine(lambda e, b: float(e.state.iteration))

    trainer = make_trainer()
    logger = MLflowLogger(tracking_uri=tracking_uri)
    run_id = logger.active_run.info.run_id
    logger.attach_output_handler(trainer, Events.ITERATION_COMPLETED, tag="t", output_transform=lambda o: o)
    trainer.run(list(range(3)), max_epochs=2)
    checkpoint = trainer.state_dict()
    logger.close()

    mlflow.start_run(run_id=run_id)  # the same MLflow run, as a resumed job would do
    resumed = make_trainer()
    resumed.load_state_dict(checkpoint)
    logger = MLflowLogger(tracking_uri=tracking_uri)
    assert logger.active_run.info.run_id == run_id
    logger.attach_output_handler(resumed, Events.ITERATION_COMPLETED, tag="t", output_transform=lambda o: o)
    resumed.run(list(range(3)), max_epochs=4)
    logger.close()
    assert history(tracking_uri, run_id, "t output") == [(i, float(i)) for i in range(1, 13)]
