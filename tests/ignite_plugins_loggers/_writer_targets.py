"""Targets a writer process opens in the tests of ``_writer_process`` (imported in the child, by name)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from ignite_plugins_loggers._background import write_each


def open_lines(path: str) -> Callable[[list[Any]], None]:
    """Appends each record to the file ``path`` as a JSON line; a record ``"fail"`` fails after the records
    before it in its batch are written. Prints to stdout, which must not reach the parent's answers."""

    def write_one(record: Any) -> None:
        if record == "fail":
            raise ValueError("record 'fail' refused")
        with open(path, "a") as file:
            file.write(json.dumps(record) + "\n")

    def write(batch: list[Any]) -> None:
        print("writing", len(batch), "records")
        write_each(batch, write_one)

    return write


def open_refusing(reason: str) -> Callable[[list[Any]], None]:
    """Cannot open: raises ``ConnectionError(reason)``, as a tracker that is unreachable at start would."""
    raise ConnectionError(reason)


def open_hanging_once(config: tuple[str, str]) -> Callable[[list[Any]], None]:
    """As :func:`open_lines` on ``config = (path, marker)``, except that the first batch ever (no file
    ``marker`` yet) creates ``marker`` and then hangs, as a stuck tracking store would."""
    path, marker = config
    write_lines = open_lines(path)

    def write(batch: list[Any]) -> None:
        if not os.path.exists(marker):
            open(marker, "w").close()
            time.sleep(120)
        write_lines(batch)

    return write


def open_exiting(code: int) -> Callable[[list[Any]], None]:
    """Ends the child process with exit code ``code`` while it opens, as a crashing tracker would."""
    os._exit(code)
