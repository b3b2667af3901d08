"""ProcessWriter: batches written by a child Python process, answered over a pipe (real child processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _children import reaped

from ignite_plugins_loggers._background import BackgroundWriter, PartialWriteError
from ignite_plugins_loggers._writer_process import ProcessWriter, WriterProcessError, child_environment

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the tests send POSIX signals")


def lines(path: Path) -> list[object]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_batches_are_written_by_the_child_and_its_failures_come_back(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    writer = ProcessWriter("T", "_writer_targets:open_lines", str(out))
    assert writer.pid is None  # started by the first batch
    writer.write([{"a": 1.5}, [2, "x"]])
    pid = writer.pid
    assert pid is not None and pid != os.getpid()
    with pytest.raises(PartialWriteError, match="ValueError: record 'fail' refused") as failure:
        writer.write(["b", "fail", "c"])
    assert failure.value.written == 1
    writer.write(["d"])
    assert writer.pid == pid  # a failing tracker does not end the child
    writer.close(timeout=10)
    assert writer.pid is None and reaped(pid)
    assert lines(out) == [{"a": 1.5}, [2, "x"], "b", "d"]  # the child's print did not disturb the answers
    with pytest.raises(WriterProcessError, match="is closed"):
        writer.write(["e"])


def test_close_ends_the_child_even_when_another_process_holds_its_input_open(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    writer = ProcessWriter("T", "_writer_targets:open_lines", str(out))
    writer.write([1])
    assert writer._process is not None and writer._process.stdin is not None
    # as a data loader worker forked from the training process would: the child never sees end of input
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], pass_fds=(writer._process.stdin.fileno(),)
    )
    try:
        writer.close(timeout=30)
        assert writer._process.returncode == 0  # it left on the close message, not killed after the timeout
    finally:
        holder.kill()
        holder.wait()


def test_a_target_that_cannot_open_fails_every_batch_without_restarting(tmp_path: Path) -> None:
    writer = ProcessWriter("T", "_writer_targets:open_refusing", "store unreachable")
    for _ in range(2):
        with pytest.raises(WriterProcessError, match="could not start: ConnectionError: store unreachable"):
            writer.write([1])
    assert writer.pid is None
    writer.close(timeout=10)


def test_a_child_killed_between_batches_loses_nothing_and_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    writer = ProcessWriter("T", "_writer_targets:open_lines", str(out))
    writer.write([1])
    first = writer.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    while writer.pid is not None:  # the kill has landed
        time.sleep(0.01)
    writer.write([2])  # a new child; the batch is not lost
    second = writer.pid
    assert second is not None and second != first
    writer.close(timeout=10)
    assert reaped(first) and reaped(second)
    assert lines(out) == [1, 2]


def test_a_child_that_keeps_dying_is_restarted_at_most_max_restarts_times() -> None:
    writer = ProcessWriter("T", "_writer_targets:open_exiting", 3, max_restarts=1)
    for _ in range(2):
        with pytest.raises(WriterProcessError, match=r"ended \(exit code 3\) while starting"):
            writer.write([1])
    with pytest.raises(WriterProcessError, match="ended 2 times in a row; it is not restarted"):
        writer.write([1])
    writer.close(timeout=10)


def wait_for(path: Path) -> None:
    for _ in range(6000):
        if path.exists():
            return
        time.sleep(0.01)
    raise AssertionError(f"{path} was never created")


def test_a_child_killed_mid_batch_drops_that_batch_and_a_new_one_writes_the_next(tmp_path: Path) -> None:
    out, marker = tmp_path / "records.jsonl", tmp_path / "in_flight"
    process = ProcessWriter("T", "_writer_targets:open_hanging_once", (str(out), str(marker)))
    writer = BackgroundWriter("T", process.write, interval=0.0, on_close=process.close)
    writer.submit(1)
    wait_for(marker)  # the child holds batch [1] in a hanging store
    pid = process.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert writer.flush(30)
    assert writer.dropped == 1 and "writer process ended (exit code -9)" in str(writer.last_error)
    with pytest.warns(RuntimeWarning, match=r"1 record\(s\) could not be logged so far"):
        writer.submit(2)  # the loop hears of the loss at its next record
    writer.submit(3)
    with pytest.warns(RuntimeWarning, match=r"1 record\(s\) could not be logged in all.*exit code -9"):
        writer.close()
    assert writer.written == 2 and reaped(pid) and process.pid is None
    assert lines(out) == [2, 3]


def test_close_kills_a_child_stuck_in_a_batch_after_its_timeout(tmp_path: Path) -> None:
    out, marker = tmp_path / "records.jsonl", tmp_path / "in_flight"
    process = ProcessWriter("T", "_writer_targets:open_hanging_once", (str(out), str(marker)))
    writer = BackgroundWriter("T", process.write, on_close=process.close)
    writer.submit(1)
    wait_for(marker)
    pid = process.pid
    assert pid is not None
    writer.submit(2)
    with pytest.warns(RuntimeWarning, match=r"2 record\(s\) could not be logged in all.*close\(\) timed out"):
        writer.close(timeout=0.2)
    assert writer.dropped == 2 and writer.written == 0
    assert reaped(pid) and process.pid is None
    assert lines(out) == []


def gone(pid: int) -> bool:
    """True when the process ``pid`` has exited (a zombie left to a parent that does not reap counts)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc to see a process that is not its child")
def test_the_child_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    code = (
        "import os, signal, sys\n"
        "from ignite_plugins_loggers._writer_process import ProcessWriter\n"
        f"writer = ProcessWriter('T', '_writer_targets:open_lines', {str(tmp_path / 'out.jsonl')!r})\n"
        "writer.write([1])\n"
        "print(writer.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    parent = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_environment(), timeout=60
    )
    assert parent.returncode == -signal.SIGKILL
    pid = int(parent.stdout)
    for _ in range(3000):  # it sees the end of its input at once
        if gone(pid):
            break
        time.sleep(0.01)
    assert gone(pid)


def test_the_child_sees_the_parents_import_path() -> None:
    env = child_environment()
    paths = env["PYTHONPATH"].split(os.pathsep)
    assert all(os.path.isabs(path) for path in paths)
    assert os.path.dirname(os.path.abspath(__file__)) in paths  # where _writer_targets is found
