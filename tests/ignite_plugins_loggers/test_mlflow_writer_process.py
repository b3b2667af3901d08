"""MLflowLogger's writer process: a local store's work done by a child process with its own MLflow client,
against a real sqlite-backed store."""

from __future__ import annotations

import os
import signal
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest
import torch
from _children import reaped

from ignite.engine import Engine, Events
from ignite_plugins_loggers._mlflow_sink import store_runs_in_process
from ignite_plugins_loggers.mlflow_logger import MLflowLogger

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")  # before mlflow is imported (here and in the child)
mlflow = pytest.importorskip("mlflow")

from _mlflow_store import history  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

pytestmark = [
    pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy:DeprecationWarning"),
    pytest.mark.skipif(sys.platform == "win32", reason="the tests send POSIX signals"),
]


@pytest.mark.parametrize(
    "uri",
    ["sqlite:///runs.db", "file:///tmp/mlruns", "/tmp/mlruns", "mlruns", "C:\\mlruns", "postgresql://h/db"],
)
def test_auto_picks_a_process_for_a_local_store(uri: str) -> None:
    assert store_runs_in_process(uri)


@pytest.mark.parametrize(
    "uri", ["http://localhost:5000", "https://mlflow.example.com", "databricks", "databricks://profile"]
)
def test_auto_picks_a_thread_for_a_tracking_server(uri: str) -> None:
    assert not store_runs_in_process(uri)


def test_writer_choice_on_a_sqlite_store(tracking_uri: str) -> None:
    logger = MLflowLogger(tracking_uri=tracking_uri)
    assert logger._process is not None and logger._process.pid is None  # started by the first write
    logger.close()
    for kwargs in ({"writer": "thread"}, {"background": False}):
        logger = MLflowLogger(tracking_uri=tracking_uri, **kwargs)  # type: ignore[arg-type]
        assert logger._process is None
        logger.close()
    with pytest.raises(ValueError, match="writer='process' writes in the background"):
        MLflowLogger(tracking_uri=tracking_uri, background=False, writer="process")
    with pytest.raises(ValueError, match="writer should be 'auto', 'process' or 'thread', got 'fork'"):
        MLflowLogger(tracking_uri=tracking_uri, writer="fork")  # type: ignore[arg-type]


def test_a_client_wrapped_in_this_process_keeps_the_writing_here(
    tracking_uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_log_batch(self: MlflowClient, run_id: str, **kwargs: object) -> None:
        raise ConnectionError("tracker unreachable")

    monkeypatch.setattr(MlflowClient, "log_batch", failing_log_batch)
    logger = MLflowLogger(tracking_uri=tracking_uri)
    assert logger._process is None  # a writer process would not have the wrapper
    logger.log_metrics({"loss": 1.0}, step=1)
    with pytest.warns(RuntimeWarning, match=r"1 record\(s\) could not be logged .*tracker unreachable"):
        logger.close()


def test_every_record_reaches_the_same_run_through_the_writer_process(tracking_uri: str) -> None:
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.25)
    trainer = Engine(lambda e, b: {"loss": torch.tensor(b / 2)})
    logger = MLflowLogger(tracking_uri=tracking_uri)
    run_id = logger.active_run.info.run_id
    logger.log_params({"seed": 3})
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED, tag="train", output_transform=lambda o: o
    )
    logger.attach_opt_params_handler(trainer, Events.EPOCH_STARTED, optimizer=optimizer)
    trainer.run(list(range(30)), max_epochs=2)
    assert logger._writer.flush(60)
    pid = logger._process.pid
    assert pid is not None and pid != os.getpid()
    logger.close()
    assert reaped(pid) and logger._process.pid is None
    assert logger._writer.written == 62 and logger._writer.dropped == 0
    assert history(tracking_uri, run_id, "train loss") == [(i, ((i - 1) % 30) / 2) for i in range(1, 61)]
    assert history(tracking_uri, run_id, "lr group_0") == [(1, 0.25), (2, 0.25)]
    run = MlflowClient(tracking_uri).get_run(run_id)
    assert run.info.status == "FINISHED" and run.data.params == {"seed": "3"}


def test_a_killed_writer_process_drops_its_batch_and_training_goes_on(
    tracking_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault injection in the child (a stuck store cannot be caused for real): a sitecustomize on its import
    # path makes the real MlflowClient's first log_batch hang, after leaving a marker file, until killed.
    marker = tmp_path / "in_flight"
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import os, time
            from mlflow.tracking import MlflowClient

            _log_batch = MlflowClient.log_batch

            def log_batch(self, *args, **kwargs):
                if not os.path.exists({str(marker)!r}):
                    open({str(marker)!r}, "w").close()
                    time.sleep(120)
                return _log_batch(self, *args, **kwargs)

            MlflowClient.log_batch = log_batch
            """
        )
    )
    monkeypatch.syspath_prepend(str(hook))  # the child's PYTHONPATH is this process's sys.path
    logger = MLflowLogger(tracking_uri=tracking_uri, close_timeout=60)
    run_id = logger.active_run.info.run_id
    trainer = Engine(lambda e, b: float(b))
    logger.attach_output_handler(
        trainer, Events.ITERATION_COMPLETED, tag="t", output_transform=lambda o: {"x": o}
    )
    killed: list[int] = []

    @trainer.on(Events.ITERATION_COMPLETED(once=1))
    def kill_the_writer_process_mid_batch() -> None:
        for _ in range(6000):  # the child imports mlflow, then hangs in its first batch: record 1
            if marker.exists():
                break
            time.sleep(0.01)
        pid = logger._process.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        state = trainer.run(list(range(1, 11)), max_epochs=1)
        logger.close()
    assert state.iteration == 10
    final = [str(w.message) for w in caught if "could not be logged in all" in str(w.message)]
    assert len(final) == 1
    assert "1 record(s)" in final[0] and "writer process ended (exit code -9)" in final[0]
    assert logger._writer.dropped == 1 and logger._writer.written == 9
    assert reaped(killed[0]) and logger._process.pid is None
    assert history(tracking_uri, run_id, "t x") == [
        (i, float(i)) for i in range(2, 11)
    ]  # a new child wrote them
    assert MlflowClient(tracking_uri).get_run(run_id).info.status == "FINISHED"
