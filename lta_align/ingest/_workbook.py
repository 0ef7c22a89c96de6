"""Open XLSX workbooks as rows of cell text, with three readers in turn.

calamine (fast and tolerant) first, openpyxl second, and last the worksheet XML
read directly (cell references missing or malformed), so a workbook that Excel
or LibreOffice opens is read. Merged ranges are filled with their top-left
value. A workbook whose XML declares entities is refused before any reader runs.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from ..errors import ParseError
from ._limits import damaged_reason, is_xml_entity_refusal


def cell_text(value: object) -> str:
    """The text of a cell value as shown (whole floats without ".0")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


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
            rows += [pad + [cell_text(v) for v in row] for row in sheet.to_python()]
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
                    [
                        [cell_text(v) for v in row]
                        for row in ws.iter_rows(values_only=True)
                    ],
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
                    values[c_index] = cell_text(value)
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
