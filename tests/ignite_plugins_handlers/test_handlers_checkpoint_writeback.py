"""Durable saves overlap the disk writeback with serialization; removed files are released in the background."""

from __future__ import annotations

import ctypes
import errno
import io
import os
import queue
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any, cast

import pytest
import torch
from torch import nn

from ignite.engine import Engine, Events
from ignite.handlers import DiskSaver, ModelCheckpoint
from ignite_plugins_handlers.checkpoint import _writeback
from ignite_plugins_handlers.checkpoint._io import atomic_save
from ignite_plugins_handlers.checkpoint._writeback import WritebackWriter, remove_file, sync_file_range

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sync_file_range is Linux's")


def _state() -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(300, 300), nn.Linear(300, 10)).state_dict()


def _serialized(obj: Any) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def _record_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Record the ranges handed to the real ``sync_file_range`` (the calls still reach the kernel)."""
    real = _writeback._sync_file_range
    assert real is not None
    calls: list[tuple[int, int]] = []

    def recording(fd: int, offset: int, nbytes: int, flags: int) -> int:
        calls.append((offset, nbytes))
        return real(fd, offset, nbytes, flags)

    monkeypatch.setattr(_writeback, "_sync_file_range", recording)
    return calls


def _failing_with(code: int) -> Any:
    def failing(fd: int, offset: int, nbytes: int, flags: int) -> int:
        ctypes.set_errno(code)
        return -1

    return failing


@linux_only
def test_writer_writes_the_same_bytes_and_requests_writeback_of_each_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _record_calls(monkeypatch)
    state = _state()
    path = tmp_path / "f.pt"
    chunk = 64 * 1024
    with open(path, "wb") as handle:
        writer = WritebackWriter(handle, chunk=chunk)
        torch.save(state, cast(IO[bytes], writer))
        writer.finish()
        assert writer.tell() == path.stat().st_size
    expected = _serialized(state)
    assert path.read_bytes() == expected
    assert len(calls) >= len(expected) // chunk - 1
    # contiguous ranges from the start, each at least a chunk, never past what was written
    offset = 0
    for start, nbytes in calls:
        assert start == offset and nbytes >= chunk
        offset += nbytes
    assert len(expected) - chunk < offset <= len(expected)
    assert torch.equal(torch.load(path, weights_only=True)["0.weight"], state["0.weight"])


def test_writer_without_sync_file_range_writes_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other systems (or a libc without the call): no helper thread, the same bytes."""
    monkeypatch.setattr(_writeback, "_sync_file_range", None)
    path = tmp_path / "f.pt"
    with open(path, "wb") as handle:
        writer = WritebackWriter(handle, chunk=4096)
        writer.write(b"abc")
        writer.write(bytearray(b"d" * 10_000))
        writer.write(memoryview(b"xyz"))
        writer.finish()
    assert path.read_bytes() == b"abc" + b"d" * 10_000 + b"xyz"
    assert not sync_file_range(0, 0, 1)


@linux_only
def test_sync_file_range_reports_io_errors_and_declines_unsupported_files() -> None:
    read_fd, write_fd = os.pipe()
    try:
        assert sync_file_range(write_fd, 0, 1) is False  # a pipe: ESPIPE, not supported, not an error
    finally:
        os.close(read_fd)
        os.close(write_fd)
    with pytest.raises(OSError) as info:
        sync_file_range(read_fd, 0, 1)  # closed descriptor
    assert info.value.errno == errno.EBADF


@linux_only
def test_writeback_error_fails_the_save_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saver = DiskSaver(tmp_path)
    saver({"model": _state()}, "good.pt")
    monkeypatch.setattr(_writeback, "_sync_file_range", _failing_with(errno.EIO))
    with pytest.raises(OSError) as info:
        saver({"model": _state(), "big": torch.zeros(1 << 20)}, "good.pt")  # 4 MB: several chunks
    assert info.value.errno == errno.EIO
    assert os.listdir(tmp_path) == ["good.pt"]  # the previous file is intact, no temporary file left
    torch.load(tmp_path / "good.pt", weights_only=True)


@linux_only
def test_unsupported_writeback_falls_back_to_the_final_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_writeback, "_sync_file_range", _failing_with(errno.ENOSYS))
    state = {**_state(), "big": torch.ones(1 << 20)}
    atomic_save(state, tmp_path / "f.pt")
    assert (tmp_path / "f.pt").read_bytes() == _serialized(state)
    assert os.listdir(tmp_path) == ["f.pt"]


def test_failing_serialization_stops_the_helper_and_removes_the_temporary_file(tmp_path: Path) -> None:
    class Unpicklable:
        def __reduce__(self) -> Any:
            raise TypeError("cannot pickle this")

    with pytest.raises(TypeError, match="cannot pickle"):
        atomic_save({"w": torch.zeros(300_000), "bad": Unpicklable()}, tmp_path / "f.pt")
    assert os.listdir(tmp_path) == []
    assert not [t for t in threading.enumerate() if t.name == "ignite-checkpoint-writeback"]


def test_legacy_serialization_through_the_writer(tmp_path: Path) -> None:
    atomic_save({"a": torch.arange(5)}, tmp_path / "f.pt", _use_new_zipfile_serialization=False)
    assert torch.load(tmp_path / "f.pt", weights_only=True)["a"].tolist() == [0, 1, 2, 3, 4]


def _open_descriptors_of(path: Path) -> list[str]:
    fd_dir = Path("/proc/self/fd")
    found = []
    for entry in os.listdir(fd_dir):
        try:
            target = os.readlink(fd_dir / entry)
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_remove_file_unlinks_now_and_releases_the_file_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "old.pt"
    path.write_bytes(b"x" * 100_000)
    remove_file(path)
    assert os.listdir(tmp_path) == []
    deadline = time.monotonic() + 10.0  # a bound on waiting, not a timing assertion
    while _open_descriptors_of(path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _open_descriptors_of(path) == []


def test_remove_file_errors_match_unlink(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        remove_file(tmp_path / "missing.pt")
    (tmp_path / "d").mkdir()
    with pytest.raises(OSError):
        remove_file(tmp_path / "d")
    assert (tmp_path / "d").is_dir()


@pytest.mark.skipif(os.name != "posix", reason="background release is POSIX only")
def test_remove_file_closes_inline_when_releases_are_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full: queue.Queue[int] = queue.Queue(maxsize=1)
    full.put(-1)
    monkeypatch.setattr(_writeback, "_release_queue", full)
    path = tmp_path / "old.pt"
    path.write_bytes(b"x")
    remove_file(path)
    assert os.listdir(tmp_path) == []
    if os.path.isdir("/proc/self/fd"):
        assert _open_descriptors_of(path) == []


def test_model_checkpoint_rotation_with_durable_writes(tmp_path: Path) -> None:
    model = nn.Linear(300, 300)
    handler = ModelCheckpoint(tmp_path, "ck", n_saved=2)
    engine = Engine(lambda e, b: None)
    engine.add_event_handler(Events.ITERATION_COMPLETED, handler, {"model": model})
    engine.run([0] * 5, max_epochs=1)
    assert sorted(os.listdir(tmp_path)) == ["ck_model_4.pt", "ck_model_5.pt"]
    loaded = torch.load(tmp_path / "ck_model_5.pt", weights_only=True)
    assert torch.equal(loaded["weight"], model.weight.detach())


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork")
def test_remove_file_in_a_forked_child_starts_its_own_release_thread(tmp_path: Path) -> None:
    first = tmp_path / "parent.pt"
    first.write_bytes(b"x")
    remove_file(first)  # the parent's release thread now exists
    child_file = tmp_path / "child.pt"
    child_file.write_bytes(b"y" * 10_000)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        code = 1
        try:
            remove_file(child_file)
            code = 2 if child_file.exists() else 0
            if os.path.isdir("/proc/self/fd"):  # the child's own thread releases the file
                wait_until = time.monotonic() + 10.0
                while _open_descriptors_of(child_file) and time.monotonic() < wait_until:
                    time.sleep(0.01)
                code = code or (3 if _open_descriptors_of(child_file) else 0)
        finally:
            os._exit(code)
    deadline = time.monotonic() + 30.0  # bounds a hang (a lock inherited from the parent), not a timing check
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the forked child hung in remove_file")
    assert os.waitstatus_to_exitcode(status) == 0
    assert os.listdir(tmp_path) == []


@linux_only
def test_writer_keeps_writing_after_a_writeback_error_and_finish_raises_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_writeback, "_sync_file_range", _failing_with(errno.EIO))
    data = bytes(range(256)) * 1000
    path = tmp_path / "f.bin"
    with open(path, "wb") as handle:
        writer = WritebackWriter(handle, chunk=4096)
        assert writer.write(data) == len(data)
        with pytest.raises(OSError) as info:
            writer.finish()
    assert info.value.errno == errno.EIO
    assert path.read_bytes() == data
