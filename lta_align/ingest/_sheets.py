"""Read outcome sheets (CSV / XLSX): one statement per row.

Canonical columns are ``course_code, course_title, kind, text``; common header
variants ("Course #", "Course Name", "SLO", "Type", ...) are recognised with
case, spacing and punctuation ignored. The header row may sit below title rows.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import cut_text, note
from ._limits import damaged_reason
from ._text import decode_bytes

HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "course_code": (
        "coursecode",
        "course",
        "coursenumber",
        "courseid",
        "courseno",
        "coursenum",
        "code",
    ),
    "course_title": ("coursetitle", "title", "coursename"),
    "text": (
        "text",
        "learningoutcome",
        "outcome",
        "slo",
        "studentlearningoutcome",
        "objective",
        "statement",
        "description",
        "learningoutcomes",
        "outcomes",
        "slos",
        "studentlearningoutcomes",
        "objectives",
        "courseobjective",
        "courseoutcome",
        "learningobjective",
        "statements",
    ),
    "kind": ("kind", "type", "category", "statementtype", "kindofstatement"),
}
"""Recognised header spellings (after lower-casing and removing everything but
letters and digits) for each canonical column, most specific first."""

KIND_VALUES = {
    "outcome": "outcome",
    "outcomes": "outcome",
    "slo": "outcome",
    "slos": "outcome",
    "objective": "outcome",
    "objectives": "outcome",
    "learningoutcome": "outcome",
    "studentlearningoutcome": "outcome",
    "courseobjective": "outcome",
    "clo": "outcome",
    "assessment": "assessment",
    "assessments": "assessment",
    "assignment": "assessment",
    "assignments": "assessment",
    "exam": "assessment",
    "project": "assessment",
    "gradedwork": "assessment",
    "topic": "topic",
    "topics": "topic",
    "week": "topic",
    "weeklytopic": "topic",
    "schedule": "topic",
    "unit": "topic",
    "module": "topic",
    "reading": "reading",
    "readings": "reading",
    "text": "reading",
    "texts": "reading",
    "textbook": "reading",
    "book": "reading",
    "description": "description",
    "catalogdescription": "description",
    "coursedescription": "description",
}
"""Recognised ``kind`` values (normalised like headers); blank means outcome."""

HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One statement row of an outcome sheet."""

    course_code: str
    course_title: str
    kind: str
    text: str
    location: str


def _key(value: object) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(value or "").casefold())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """Return ``(row index, {canonical column: column index})`` of the header row.

    The header is the first of the first 10 rows that has a course column and a
    text column.
    """
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [_key(v) for v in row]
        found: dict[str, int] = {}
        for canonical, variants in HEADER_VARIANTS.items():
            for variant in variants:
                if variant in keys:
                    found[canonical] = keys.index(variant)
                    break
        if "course_code" in found and "text" in found:
            return r, found
    return None


def rows_to_statements(
    rows: list[list[str]],
    *,
    sheet: str | None,
    notes: list[ReadProblem],
    source_label: str,
) -> list[SheetRow] | None:
    """Turn raw rows (header somewhere in the first 10) into statements.

    Returns None when no header row was found.
    """
    header = find_header(rows)
    if header is None:
        return None
    start, cols = header
    out: list[SheetRow] = []
    unknown: dict[str, int] = {}
    where = f"sheet {sheet} " if sheet else ""
    for r in range(start + 1, len(rows)):
        row = rows[r]

        def get(name: str, row: list[str] = row) -> str:
            i = cols.get(name)
            return row[i] if i is not None and i < len(row) else ""

        text = get("text")
        code = get("course_code")
        if not text:
            continue
        if not code:
            notes.append(
                note(
                    f"{where}row {r + 1} has text but no course code, so it was "
                    "skipped.",
                    "Fill in the course code on every row.",
                )
            )
            continue
        raw_kind = get("kind")
        kind = KIND_VALUES.get(_key(raw_kind), "") if raw_kind else "outcome"
        if not kind:
            unknown[raw_kind] = unknown.get(raw_kind, 0) + 1
            kind = "outcome"
        out.append(
            SheetRow(code, get("course_title"), kind, text, f"{where}row {r + 1}")
        )
    for value, count in sorted(unknown.items()):
        notes.append(
            note(
                f"{where.strip() or source_label}: kind {value!r} is not recognised "
                f"({count} row(s)); read as outcome.",
                "Use one of: description, outcome, topic, assessment, reading.",
            )
        )
    return out


def read_csv(path: Path, *, notes: list[ReadProblem], max_chars: int) -> list[SheetRow]:
    """Read a CSV outcome sheet (comma, semicolon or tab separated)."""
    text = cut_text(decode_bytes(path, path.read_bytes(), notes), max_chars, notes)
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    rows: list[list[str]] = []
    for delimiter in dict.fromkeys((sniffed, ",", ";", "\t")):
        try:
            rows = [
                [_cell(v) for v in row]
                for row in csv.reader(io.StringIO(text), delimiter=delimiter)
            ]
        except csv.Error as exc:
            raise ParseError(
                path,
                f"the CSV file could not be parsed ({exc}).",
                "Open it in a spreadsheet program and save it again as CSV.",
            ) from exc
        if find_header(rows) is not None:
            break
    result = rows_to_statements(rows, sheet=None, notes=notes, source_label=path.name)
    if result is None:
        raise _no_columns(path)
    return result


def _no_columns(path: Path) -> ParseError:
    return ParseError(
        path,
        "no header row with a course column and a statement column was found in the "
        "first 10 rows.",
        "Name the columns course_code, course_title, kind, text (see "
        "templates/outcome_sheet_template.xlsx).",
    )


def read_xlsx(
    path: Path, *, notes: list[ReadProblem], max_chars: int
) -> list[SheetRow]:
    """Read every visible sheet of an XLSX workbook that has the outcome columns.

    Formulas give their cached values; merged course code/title cells are filled
    down their merged range. Hidden sheets and sheets without the columns are
    skipped with an info note.
    """
    try:
        import openpyxl

        with warnings.catch_warnings():
            # openpyxl warns about workbook features it ignores (data validation
            # extensions, conditional formatting); they do not affect the values.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            # read from our own handle so a failed load leaves no file open
            with open(path, "rb") as fh:
                workbook = openpyxl.load_workbook(
                    io.BytesIO(fh.read()), data_only=True, read_only=False
                )
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types
        raise ParseError(
            path,
            damaged_reason("Excel", exc),
            "Open it in Excel and save it again as .xlsx.",
        ) from exc
    out: list[SheetRow] = []
    matched = 0
    total = 0
    try:
        for ws in workbook.worksheets:
            if ws.sheet_state != "visible":
                notes.append(
                    note(
                        f"sheet {ws.title} is hidden and was skipped.", severity="info"
                    )
                )
                continue
            rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for merged in ws.merged_cells.ranges:
                top = (
                    rows[merged.min_row - 1][merged.min_col - 1]
                    if (
                        merged.min_row - 1 < len(rows)
                        and merged.min_col - 1 < len(rows[merged.min_row - 1])
                    )
                    else ""
                )
                for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                    for c in range(merged.min_col - 1, merged.max_col):
                        if c < len(rows[r]) and not rows[r][c]:
                            rows[r][c] = top
            total += sum(len(v) for row in rows for v in row)
            result = rows_to_statements(
                rows, sheet=ws.title, notes=notes, source_label=path.name
            )
            if result is None:
                notes.append(
                    note(
                        f"sheet {ws.title} has no course and statement columns and was "
                        "skipped.",
                        severity="info",
                    )
                )
                continue
            matched += 1
            out.extend(result)
            if total > max_chars:
                break
    finally:
        workbook.close()
    if not matched:
        raise _no_columns(path)
    return out
