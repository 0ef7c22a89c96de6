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
from ..text import course_id_from_code, normalise
from ._blocks import note
from ._limits import damaged_reason, is_xml_entity_refusal
from ._statements import clean_statement
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
    for r in range(start + 1, len(rows)):
        row = rows[r]

        def get(name: str, row: list[str] = row) -> str:
            i = cols.get(name)
            return row[i] if i is not None and i < len(row) else ""

        text = get("text")
        code = get("course_code")
        if not text:
            if any(row):
                skipped.setdefault("has no statement text", []).append(r + 1)
            continue
        if not code:
            skipped.setdefault("has text but no course code", []).append(r + 1)
            continue
        raw_kind = get("kind")
        kind = KIND_VALUES.get(_key(raw_kind), "") if raw_kind else "outcome"
        if not kind:
            unknown[raw_kind] = unknown.get(raw_kind, 0) + 1
            kind = "outcome"
        if not clean_statement(kind, text):
            skipped.setdefault(
                "has no words to read as a statement (only numbers or marks)", []
            ).append(r + 1)
            continue
        key = (course_id_from_code(code), normalise(text))
        if key in seen:
            skipped.setdefault(
                "repeats a statement of the same course on an earlier row (read once)",
                [],
            ).append(r + 1)
            continue
        seen.add(key)
        out.append(
            SheetRow(code, get("course_title"), kind, text, f"{where}row {r + 1}")
        )
    hints = {
        "has text but no course code": "Fill in the course code on every row.",
        "has no statement text": "Put the statement in the text column, or delete "
        "the row.",
    }
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


def workbook_sheets(path: Path) -> list[tuple[str, bool, list[list[str]]]]:
    """Return ``(title, visible, rows)`` for every worksheet, merged cells filled.

    calamine (fast, tolerant) is tried first, openpyxl second.

    Raises
    ------
    ParseError
        The XML declares entities, or neither reader can open the workbook.
    """
    refuse_xml_entities(path)
    try:
        sheets = _calamine_sheets(path)
    except Exception as first:  # noqa: BLE001 - try the other readers
        try:
            sheets = _openpyxl_sheets(path)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many types
            if is_xml_entity_refusal(exc):
                raise ParseError(
                    path,
                    damaged_reason("Excel", exc),
                    "Open it in Excel and save it again as .xlsx.",
                ) from exc
            try:
                sheets = _xml_sheets(path)
            except Exception:  # noqa: BLE001 - all three readers failed
                raise ParseError(
                    path,
                    damaged_reason("Excel", first),
                    "Open it in Excel and save it again as .xlsx.",
                ) from exc
    out = []
    for title, visible, rows, merged in sheets:
        _fill_merged(rows, merged)
        out.append((title, visible, rows))
    return out


_Sheet = tuple[str, bool, list[list[str]], list[tuple[int, int, int, int]]]
"""(title, visible, rows of cell text, merged ranges as 0-based
(first row, first column, last row, last column))."""


def _calamine_sheets(path: Path) -> list[_Sheet]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    try:
        out: list[_Sheet] = []
        for meta in workbook.sheets_metadata:
            if "Work" not in str(meta.typ):  # chart sheets, dialog sheets
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            r0, c0 = sheet.start or (0, 0)
            pad = [""] * c0
            rows = [[] for _ in range(r0)]
            rows += [pad + [_cell(v) for v in row] for row in sheet.to_python()]
            merged = [
                (a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])
            ]
            visible = str(meta.visible).rsplit(".", 1)[-1].lower() == "visible"
            out.append((meta.name, visible, rows, merged))
        return out
    finally:
        workbook.close()


def _openpyxl_sheets(path: Path) -> list[_Sheet]:
    """The fallback reader: openpyxl in read-only (streaming) mode, which does not
    know merged ranges; calamine, tried first, does."""
    import openpyxl

    with warnings.catch_warnings():
        # openpyxl warns about workbook features it ignores (data validation
        # extensions, conditional formatting); they do not affect the values.
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        # read from our own handle so a failed load leaves no file open
        with open(path, "rb") as fh:
            workbook = openpyxl.load_workbook(
                io.BytesIO(fh.read()), data_only=True, read_only=True
            )
        try:
            return [
                (
                    ws.title,
                    ws.sheet_state == "visible",
                    [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)],
                    [],
                )
                for ws in workbook.worksheets
                if hasattr(ws, "iter_rows")
            ]
        finally:
            workbook.close()


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def _column_index(ref: str | None, previous: int) -> int:
    m = _REF.match(ref or "")
    if m is None:
        return previous + 1  # missing or malformed reference: the next column
    n = 0
    for ch in m.group(1).upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _xml_sheets(path: Path) -> list[_Sheet]:
    """The last resort: read cell values straight from the worksheet XML.

    Tolerates what both libraries refuse: cells without (or with malformed)
    references, missing relationships, odd namespace prefixes. Shared and
    inline strings and cached values are read; styles and formulas ignored.
    """
    import zipfile

    from lxml import etree

    def local(tag) -> str:
        return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

    def parse(data: bytes):
        return etree.fromstring(
            data, etree.XMLParser(resolve_entities=False, no_network=True)
        )

    def text_of(element) -> str:
        return "".join(
            t.text or ""
            for t in element.iter()
            if local(t.tag) == "t" and local(t.getparent().tag) != "rPh"
        )

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shared: list[str] = []
        strings = next(
            (n for n in names if n.lower().endswith("sharedstrings.xml")), None
        )
        if strings:
            shared = [
                text_of(si)
                for si in parse(archive.read(strings))
                if local(si.tag) == "si"
            ]
        titles: dict[str, tuple[str, bool]] = {}
        try:
            book = parse(archive.read("xl/workbook.xml"))
            rels = parse(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {
                r.get("Id"): "xl/"
                + (r.get("Target") or "").lstrip("/").removeprefix("xl/")
                for r in rels
            }
            for sheet in book.iter():
                if local(sheet.tag) != "sheet":
                    continue
                rid = next((v for k, v in sheet.attrib.items() if local(k) == "id"), "")
                if rid in targets:
                    titles[targets[rid]] = (
                        sheet.get("name") or rid,
                        (sheet.get("state") or "visible") == "visible",
                    )
        except Exception:  # noqa: BLE001 - name the sheets after their parts
            titles = {}
        parts = [n for n in names if re.match(r"xl/worksheets/[^/]+\.xml$", n)]
        if not parts:
            raise ValueError("no worksheet")
        out: list[_Sheet] = []
        for part in sorted(parts, key=lambda n: (n not in titles, n)):
            title, visible = titles.get(part, (part.rsplit("/", 1)[-1][:-4], True))
            rows: list[list[str]] = []
            root = parse(archive.read(part))
            r_prev = -1
            for row in root.iter():
                if local(row.tag) != "row":
                    continue
                r_attr = row.get("r") or ""
                r_index = (
                    int(r_attr) - 1
                    if r_attr.isdigit() and int(r_attr) > 0
                    else r_prev + 1
                )
                r_index = max(r_index, r_prev + 1)
                r_prev = r_index
                values: dict[int, str] = {}
                c_prev = -1
                for cell in row:
                    if local(cell.tag) != "c":
                        continue
                    c_index = max(_column_index(cell.get("r"), c_prev), c_prev + 1)
                    c_prev = c_index
                    kind = cell.get("t") or ""
                    value = ""
                    for child in cell:
                        name = local(child.tag)
                        if name == "is":
                            value = text_of(child)
                        elif name == "v":
                            value = child.text or ""
                    if kind == "s" and value.strip().isdigit():
                        i = int(value)
                        value = shared[i] if i < len(shared) else ""
                    elif kind == "b":
                        value = "TRUE" if value == "1" else "FALSE"
                    values[c_index] = _cell(value)
                while len(rows) < r_index:
                    rows.append([])
                width = max(values, default=-1) + 1
                rows.append([values.get(c, "") for c in range(width)])
            out.append((title, visible, rows, []))
        return out


def _fill_merged(rows: list[list[str]], merged) -> None:
    """Give every cell of a merged range the value of its top-left cell."""
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        top = rows[r0][c0]
        for r in range(r0, min(r1 + 1, len(rows))):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if not row[c]:
                    row[c] = top


_ENTITY_DECL = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


def refuse_xml_entities(path: Path) -> None:
    """Refuse a DOCX/XLSX whose XML parts declare a DOCTYPE or entities.

    Office never writes a DOCTYPE; a file that has one is trying to read other
    files or exhaust memory ("billion laughs"). Only the first 4 KB of each part
    (where a DOCTYPE must be) are looked at.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(info) as part:
                    head = part.read(4096)
                if _ENTITY_DECL.search(head):
                    raise ParseError(
                        path,
                        "the file is not a valid Excel document: its XML declares "
                        "entities (a trick used to read other files or exhaust "
                        "memory), which lta-align never expands, so it was not read.",
                        "Open it in Excel and save it again as .xlsx.",
                    )
    except ParseError:
        raise
    except Exception:  # noqa: BLE001 - the readers report damage themselves
        return
