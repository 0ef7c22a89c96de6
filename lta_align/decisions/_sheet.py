"""Reading the reviewer columns of the exported Excel matrix (sheet ``Matches``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..columns import DECISIONS, LEVELS
from ..errors import InputFileError, ParseError, SchemaError
from ._rows import check_header

_DECISION_SPELLINGS = {
    "accept": "accept",
    "accepted": "accept",
    "yes": "accept",
    "y": "accept",
    "ok": "accept",
    "true": "accept",
    "\u2713": "accept",  # check mark
    "\u2714": "accept",  # heavy check mark
    "\u2705": "accept",  # white heavy check mark (emoji)
    "reject": "reject",
    "rejected": "reject",
    "no": "reject",
    "n": "reject",
    "x": "reject",
    "false": "reject",
    "\u2717": "reject",  # ballot x
    "\u2718": "reject",  # heavy ballot x
    "\u274c": "reject",  # cross mark (emoji)
    "add": "add",
    "added": "add",
    "new": "add",
}
_LEVEL_SPELLINGS = {
    "i": "introduced",
    "intro": "introduced",
    "introduce": "introduced",
    "introduced": "introduced",
    "r": "reinforced",
    "reinforce": "reinforced",
    "reinforced": "reinforced",
    "m": "mastered",
    "master": "mastered",
    "mastered": "mastered",
    "mastery": "mastered",
}


def _clean_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value).strip()


def _parse_spelling(value: Any, spellings: dict[str, str], error: str) -> str:
    text = _clean_cell(value)
    if not text:
        return ""
    found = spellings.get(text.casefold())
    if found is None:
        raise ValueError(f"{error}; got {text!r}")
    return found


def parse_decision(value: Any) -> str:
    """Return the canonical decision for a reviewer's spelling, ``""`` for a blank.

    Accepts ``accept/yes/y/ok/✓`` (accept), ``reject/no/n/x/✗`` (reject) and
    ``add`` in any case.

    Raises
    ------
    ValueError
        The value is not a recognised spelling; the message lists the allowed ones.
    """
    return _parse_spelling(
        value,
        _DECISION_SPELLINGS,
        f"decision should be one of {list(DECISIONS)} (or yes/y/ok/\u2713 for "
        "accept, no/n/x for reject)",
    )


def parse_level(value: Any) -> str:
    """Return the canonical level for a reviewer's spelling, ``""`` for a blank.

    Accepts ``introduced/reinforced/mastered`` and ``I/R/M`` in any case.

    Raises
    ------
    ValueError
        The value is not a recognised level; the message lists the allowed ones.
    """
    return _parse_spelling(
        value,
        _LEVEL_SPELLINGS,
        f"level should be one of {[lv for lv in LEVELS if lv]} (or I/R/M), or empty",
    )


_HEADER_ALIASES = {
    "comment": "comment",
    "comments": "comment",
    "note": "comment",
    "notes": "comment",
    "reviewer comment": "comment",
}


def _norm_header(value: Any) -> str:
    text = re.sub(r"\s+", " ", _clean_cell(value)).casefold()
    text = _HEADER_ALIASES.get(text, text)
    return text.replace(" ", "_")


def read_matches_sheet(path: Path) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    if not path.exists():
        raise InputFileError(path, "the file does not exist.", "Check the path.")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise ParseError(
            path,
            f"it is not a readable Excel workbook ({type(exc).__name__}).",
            "Open it in Excel or LibreOffice, save it as .xlsx and try again.",
        ) from exc
    try:
        names = {name.casefold(): name for name in wb.sheetnames}
        if "matches" not in names:
            raise SchemaError(
                f"'{path}' has no sheet named 'Matches' (sheets: {wb.sheetnames}). "
                "Import the workbook written by to_excel / lta-align run, with the "
                "reviewer columns filled in."
            )
        ws = wb[names["matches"]]
        rows_iter = ws.iter_rows(values_only=True)
        header_cells = next(rows_iter, None) or ()
        header = [_norm_header(c) for c in header_cells]
        check_header(
            header,
            ["statement_id", "competency_id", "decision"],
            where=f"the first row of the 'Matches' sheet of '{path}'",
            fix="Keep the header row as exported and try again.",
        )
        index: dict[str, int] = {}
        for i, name in enumerate(header):
            if name:
                index.setdefault(name, i)
        out = []
        for number, cells in enumerate(rows_iter, start=2):
            record = {
                name: _clean_cell(cells[i]) if i < len(cells) else ""
                for name, i in index.items()
            }
            if any(record.values()):
                out.append((number, record))
        return out
    finally:
        wb.close()


def unescape_formula(text: str) -> str:
    """Undo the export's formula guard: ``'=x`` (quote before = + - @) -> ``=x``."""
    if (
        len(text) > 1
        and text[0] == "'"
        and text[1] in "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
    ):
        return text[1:]
    return text
