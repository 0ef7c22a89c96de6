"""The decisions file as a CSV log: read it, append to it under a lock, atomically."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from .._utils import atomic_write_text
from ..columns import DECISION_COLUMNS
from ..errors import InputFileError, ParseError
from ._rows import check_header

Row = dict[str, str]
_LOCK_TIMEOUT = 60.0  # seconds to wait for another writer before giving up


def read_log(path: Path) -> list[Row]:
    """Return the rows of a decisions file in file order ([] if there is none)."""
    if not path.exists():
        return []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise ParseError(
            path,
            "the decisions file is not UTF-8 text.",
            "Save it as CSV UTF-8 (or restore it from a backup) and try again.",
        ) from exc
    except OSError as exc:  # a folder of that name, no permission, ...
        raise InputFileError(
            path,
            f"the decisions file could not be read ({exc.strerror or exc}).",
            "Check that it is a file you can read, or pass another --decisions.",
        ) from exc
    if not text.strip():
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    check_header(
        reader.fieldnames or [],
        DECISION_COLUMNS,
        where=f"'{path}'",
        fix=f"A decisions file needs the columns {DECISION_COLUMNS}; restore "
        "the header row and try again.",
    )
    return [{c: (row.get(c) or "").strip() for c in DECISION_COLUMNS} for row in reader]


def append_log(
    path: Path,
    lock_path: Path,
    rows: list[Row] | Callable[[list[Row]], list[Row]],
) -> list[Row]:
    """Append rows to a decisions file: lock, read again, add, replace atomically.

    ``rows`` may be a function of the rows already in the file (read under the
    lock), so a change that keeps a pair's level or note sees the latest one; if
    it raises, nothing is written. Returns the rows appended.
    """
    from filelock import FileLock, Timeout

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(lock_path), timeout=_LOCK_TIMEOUT):
            existing = read_log(path)
            if callable(rows):
                rows = rows(existing)
            buf = io.StringIO()
            writer = csv.DictWriter(
                buf, fieldnames=DECISION_COLUMNS, lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows(existing)
            writer.writerows(rows)
            atomic_write_text(path, buf.getvalue())
    except Timeout as exc:
        raise InputFileError(
            path,
            f"another program has held its lock ('{lock_path}') for "
            f"{_LOCK_TIMEOUT:.0f} seconds.",
            "Close the other notebook or command that writes decisions and try again.",
        ) from exc
    except OSError as exc:  # read-only folder, full disk, a file in the way
        why = exc.strerror or type(exc).__name__
        raise InputFileError(
            path,
            f"the decisions file could not be saved ({why}); nothing was changed.",
            "If it is open in Excel or another program, close it and try again; "
            "check that the folder is writable.",
        ) from exc
    return rows
