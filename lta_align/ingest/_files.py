"""The one reading path for any input file: checks, then bytes, text or sheets.

Syllabi, outcome sheets and framework files all pass here, so every file meets
the same limits (size, zip bomb, password-protected Office containers, XML
entities) and the same decoding (byte-order marks, UTF-8, Windows-1252).
"""

from __future__ import annotations

from pathlib import Path

from ..model import ReadProblem
from ._limits import Limits, preflight
from ._text import decode_bytes
from ._workbook import workbook_sheets

__all__ = ["read_checked_sheets", "read_checked_text"]


def read_checked_text(
    path: Path, *, limits: Limits | None = None, notes: list[ReadProblem]
) -> str:
    """Return the decoded text of ``path`` after the input checks.

    Raises
    ------
    ParseError
        The file is empty, over the size limit, binary or cannot be decoded.
    """
    preflight(path, limits or Limits())
    return decode_bytes(path, path.read_bytes(), notes)


def read_checked_sheets(path: Path, *, limits: Limits | None = None):
    """Return the sheets of a workbook as ``(title, visible, rows)`` after the checks.

    Merged cells are filled with their top-left value; every row is read.

    Raises
    ------
    ParseError
        The file is over a limit, password-protected, declares XML entities or
        is damaged for both readers.
    """
    preflight(path, limits or Limits())
    return [(title, visible, rows) for title, visible, rows in workbook_sheets(path)]
