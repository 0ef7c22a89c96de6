"""Read outcome sheets (CSV / XLSX): one statement per row.

Canonical columns are ``course_code, course_title, kind, text``; common header
variants ("Course #", "Course Name", "SLO", "Type", ...) are recognised with
case, spacing and punctuation ignored. The header row may sit below title rows.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ..text import clean, course_id_from_code, normalise_clean
from ._blocks import note
from ._statements import clean_statement_cleaned
from ._text import decode_bytes
from ._workbook import workbook_sheets

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
    statement: str = field(default="", repr=False, compare=False)
    """``clean_statement(kind, statement_of)``, worked out while reading."""
    statement_of: str = field(default="", repr=False, compare=False)
    """The text ``statement`` was worked out from (a row whose ``text`` was cut
    afterwards no longer has it)."""
    statement_key: str | None = field(default=None, repr=False, compare=False)
    """``normalise(statement)`` when known (None: not worked out)."""


def _key(value: object) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(value or "").casefold())


_NUMBER_HEADER = re.compile(r"#|\bno\b\.?$|\bnum(ber)?\b\.?$|\bid\b$", re.I)
"""A header naming a number column ("SLO #", "Outcome No.", "Objective number")."""


def _is_number_header(value: object) -> bool:
    text = str(value or "").strip()
    return bool(_NUMBER_HEADER.search(text)) and _key(text) not in (
        "courseno",
        "coursenumber",
        "courseid",
        "coursenum",
    )


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """Return ``(row index, {canonical column: column index})`` of the header row.

    The header is the first of the first 10 rows that has a course column and a
    text column (rows above it are a title block). A number column ("SLO #",
    "Outcome No.") is never the text column.
    """
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [_key(v) for v in row]
        found: dict[str, int] = {}
        for canonical, variants in HEADER_VARIANTS.items():
            for variant in variants:
                hits = [
                    i
                    for i, k in enumerate(keys)
                    if k == variant
                    and i not in found.values()
                    and not (canonical == "text" and _is_number_header(row[i]))
                ]
                if hits:
                    found[canonical] = hits[0]
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
    skipped: dict[str, list[int]] = {}
    seen: set[tuple[str, str]] = set()
    where = f"sheet {sheet} " if sheet else ""
    above = ("", "")  # the last course code (and title) named
    filled: list[int] = []
    i_text, i_code = cols["text"], cols["course_code"]
    i_title, i_kind = cols.get("course_title"), cols.get("kind")
    # a sheet repeats a few values on every row: work each out once
    kinds: dict[str, str] = {}  # kind cell -> kind ("" when not recognised)
    course_ids: dict[str, str] = {}  # course code cell -> course id
    for r in range(start + 1, len(rows)):
        row = rows[r]
        width = len(row)
        text = row[i_text] if i_text < width else ""
        code = row[i_code] if i_code < width else ""
        if not text:
            if any(row):
                skipped.setdefault("has no statement text", []).append(r + 1)
            continue
        if not code and above[0]:
            # a course named once, on its first row (a curriculum map's layout)
            code, title = above
            filled.append(r + 1)
        elif not code:
            skipped.setdefault("has text but no course code", []).append(r + 1)
            continue
        else:
            title = row[i_title] if i_title is not None and i_title < width else ""
            above = (code, title)
        raw_kind = row[i_kind] if i_kind is not None and i_kind < width else ""
        if raw_kind:
            kind = kinds.get(raw_kind)
            if kind is None:
                kind = kinds[raw_kind] = KIND_VALUES.get(_key(raw_kind), "")
        else:
            kind = "outcome"
        if not kind:
            unknown[raw_kind] = unknown.get(raw_kind, 0) + 1
            kind = "outcome"
        cleaned = clean(text)  # once: both the statement and the key start here
        statement = clean_statement_cleaned(kind, text, cleaned)
        if not statement:
            skipped.setdefault(
                "has no words to read as a statement (only numbers or marks)", []
            ).append(r + 1)
            continue
        course_id = course_ids.get(code)
        if course_id is None:
            course_id = course_ids[code] = course_id_from_code(code)
        key = (course_id, normalise_clean(cleaned))
        if key in seen:
            skipped.setdefault(
                "repeats a statement of the same course on an earlier row (read once)",
                [],
            ).append(r + 1)
            continue
        seen.add(key)
        out.append(
            SheetRow(
                code,
                title,
                kind,
                text,
                f"{where}row {r + 1}",
                statement,
                text,
                # the statement is the cell as written: its key is the row's
                key[1] if statement == text else None,
            )
        )
    hints = {
        "has text but no course code": "Fill in the course code on every row.",
        "has no statement text": "Put the statement in the text column, or delete "
        "the row.",
    }
    if filled:
        one = len(filled) == 1
        notes.append(
            note(
                f"{where}{_rows_phrase(filled)} {'has' if one else 'have'} no course "
                f"code and {'was' if one else 'were'} read as the course named above "
                f"{'it' if one else 'them'}.",
                "Fill in the course code on every row if that is not right.",
                severity="info",
            )
        )
    for what, numbers in skipped.items():
        one = len(numbers) == 1
        verb = what if one else what.replace("has ", "have ", 1)
        verb = verb if one else verb.replace("repeats ", "repeat ", 1)
        ending = (
            ""
            if "read once" in what
            else (", so it was skipped" if one else ", so they were skipped")
        )
        notes.append(
            note(
                f"{where}{_rows_phrase(numbers)} {verb}{ending}.",
                hints.get(what, "Check the row's text."),
                severity="info" if "read once" in what else "warning",
            )
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


def _rows_phrase(numbers: list[int], shown: int = 10) -> str:
    """ "row 3" / "rows 3, 5 and 9" / "rows 3, 5, ... (and 40 more)"."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    listed = ", ".join(str(n) for n in numbers[:shown])
    if len(numbers) > shown:
        return f"{len(numbers)} rows ({listed} and {len(numbers) - shown} more)"
    head, last = listed.rsplit(", ", 1)
    return f"rows {head} and {last}"


def read_csv(path: Path, *, notes: list[ReadProblem], max_chars: int) -> list[SheetRow]:
    """Read a CSV outcome sheet (comma, semicolon or tab separated), whole.

    ``max_chars`` is not applied: text limits are for prose; a sheet is read
    whole or refused (the file-size limit still applies).
    """
    text = decode_bytes(path, path.read_bytes(), notes)
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    rows: list[list[str]] = []
    for delimiter in dict.fromkeys((sniffed, ",", ";", "\t")):
        try:
            # csv gives str cells: cell_text(v) is " ".join(v.split()) for them
            rows = [
                [" ".join(v.split()) for v in row]
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

    Every sheet is read whole (``max_chars`` is not applied: text limits are for
    prose). Formulas give their cached values; merged course code/title cells
    are filled down their merged range. Hidden sheets and sheets without the
    columns are skipped with an info note. The fast, tolerant calamine reader is
    tried first and openpyxl second, so a workbook either can open is read.
    """
    out: list[SheetRow] = []
    matched = 0
    for title, visible, rows in workbook_sheets(path):
        if not visible:
            notes.append(
                note(f"sheet {title} is hidden and was skipped.", severity="info")
            )
            continue
        result = rows_to_statements(
            rows, sheet=title, notes=notes, source_label=path.name
        )
        if result is None:
            if any(any(row) for row in rows):
                notes.append(
                    note(
                        f"sheet {title} has no course and statement columns and was "
                        "skipped.",
                        severity="info",
                    )
                )
            continue
        matched += 1
        out.extend(result)
    if not matched:
        raise _no_columns(path)
    return out
