"""The Excel alignment matrix: :func:`to_excel`.

Sheets, in order:

``Summary``
    Framework name and version, the note on the competency wording, the
    certification-path verdict, one row per set with its program status, and
    the legend.
``Matrix``
    One row per competency (grouped by set), one column per course: status
    symbol with a colour fill, and I/R/M when a reviewer set a level; the last
    column is the program (any course). Header frozen, autofilter on.
``Matches``
    The review sheet: one row per statement -> competency match, header in row
    1 with ``course_id, course_code, statement_id, kind, statement, location,
    competency_id, set, competency, score, rank, ambiguous, status, decision,
    level, comment``. ``decision`` / ``level`` / ``comment`` are for reviewers
    (drop-down lists; prefilled from decisions already applied) and are read
    back by :func:`lta_align.import_review`.
``Gaps``, ``Courses``, ``Framework``, ``Problems``
    The gap list with suggestions, the courses with their primary set, the
    competency texts (never the matching aids), and the input problems.

**Formula injection.** Every text cell goes through :func:`_safe_text`: text that
a spreadsheet could evaluate (starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return, or their full-width forms) is prefixed with a single quote
``'`` and stored as a string cell, the OWASP "CSV injection" advice. The quote is
visible, so nothing is hidden from the reader, and no cell holds a formula.

**Determinism.** Workbook properties are fixed (creator ``lta-align``, created and
modified 2000-01-01) and the zip is rewritten with fixed entry times and a
fixed entry order, so the same alignment gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from ._utils import OutputGuard

__all__ = ["to_excel", "workbook_bytes"]

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DATETIME = "2000-01-01T00:00:00Z"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32_000

SYMBOL = {"covered": "\u25cf", "partial": "\u25d0", "not covered": ""}
LEVEL_LETTER = {"introduced": "I", "reinforced": "R", "mastered": "M"}
FILL = {"covered": "08519C", "partial": "C6DBEF", "not covered": None}
FONT_COLOUR = {"covered": "FFFFFF", "partial": "08306B", "not covered": "000000"}
PROGRAM_FILL = {
    "single course": "08519C",
    "across courses": "4292C6",
    "partial": "C6DBEF",
    "absent": "E0E0E0",
}
HEADER_FILL = "DDE6F0"

MATCH_SHEET_COLUMNS = [
    "course_id",
    "course_code",
    "statement_id",
    "kind",
    "statement",
    "location",
    "competency_id",
    "set",
    "competency",
    "score",
    "rank",
    "ambiguous",
    "status",
    "decision",
    "level",
    "comment",
]
"""Header of the ``Matches`` sheet (row 1)."""
DECISION_CHOICES = ("accept", "reject", "add")
LEVEL_CHOICES = ("introduced", "reinforced", "mastered")


def _safe_text(value: Any) -> str:
    """Return ``value`` as text that no spreadsheet evaluates as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return (or a
    full-width ``= + - @``) gets a leading single quote; control characters that
    XML cannot hold are removed; very long text is cut at 32,000 characters
    (Excel's cell limit is 32,767).

    Parameters
    ----------
    value : object
        Anything; ``None`` and NaN become ``""``.

    Returns
    -------
    str
        Never starts with ``= + - @``, tab or CR.
    """
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    text = _ILLEGAL.sub("", str(value))
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "\u2026"
    if text.startswith(_DANGEROUS):
        text = "'" + text
    return text


# --- cell helpers ----------------------------------------------------------------
class _Sheet:
    """Thin writer around an openpyxl worksheet: every text goes through _safe_text."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = ws
        self.Font, self.PatternFill, self.Alignment = Font, PatternFill, Alignment
        self.Border, self.Side = Border, Side

    def put(
        self,
        row: int,
        col: int,
        value: Any,
        *,
        bold: bool = False,
        fill: str | None = None,
        colour: str | None = None,
        wrap: bool = False,
        size: float | None = None,
        italic: bool = False,
        center: bool = False,
    ) -> Any:
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, bool):
            cell.value = "yes" if value else "no"
            cell.data_type = "s"
        elif isinstance(value, int | float) and not pd.isna(value):
            cell.value = float(value) if isinstance(value, float) else int(value)
        else:
            cell.value = _safe_text(value)
            cell.data_type = "s"
        if bold or colour or size or italic:
            cell.font = self.Font(
                name="Calibri", bold=bold, color=colour, size=size or 11, italic=italic
            )
        if fill:
            cell.fill = self.PatternFill("solid", start_color=fill, end_color=fill)
        cell.alignment = self.Alignment(
            wrap_text=wrap, vertical="top", horizontal="center" if center else None
        )
        if wrap and isinstance(cell.value, str):
            self._fit_height(row, col, cell.value, size or 11)
        return cell

    def _fit_height(self, row: int, col: int, text: str, size: float) -> None:
        """Set the row height so wrapped text shows in full (no spreadsheet
        program auto-fits rows on opening a file)."""
        from openpyxl.utils import get_column_letter

        ws = self.ws
        merged = next(
            (
                r
                for r in ws.merged_cells.ranges
                if r.min_row == row and r.min_col == col
            ),
            None,
        )
        cols = range(col, (merged.max_col if merged else col) + 1)
        width = sum(
            ws.column_dimensions[get_column_letter(c)].width or 10 for c in cols
        )
        per_line = max(1.0, width * 1.25 * 11 / size)
        lines = sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))
        height = min(409.0, 3 + lines * size * 1.35)
        current = ws.row_dimensions[row].height or 15
        if height > current:
            ws.row_dimensions[row].height = height

    def header(self, row: int, names: list[str]) -> None:
        for j, name in enumerate(names, start=1):
            c = self.put(row, j, name, bold=True, fill=HEADER_FILL)
            c.alignment = self.Alignment(wrap_text=True, vertical="center")

    def widths(self, widths: list[float]) -> None:
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(j)].width = w

    def table(
        self,
        df: pd.DataFrame,
        columns: list[tuple[str, str, float, bool]],
        *,
        start_row: int = 1,
    ) -> int:
        """Write ``df`` with (column, header, width, wrap) specs; return last row."""
        from openpyxl.utils import get_column_letter

        self.header(start_row, [h for _, h, _, _ in columns])
        self.widths([w for _, _, w, _ in columns])
        r = start_row
        for r, rec in enumerate(df.to_dict("records"), start=start_row + 1):
            for j, (col, _, _, wrap) in enumerate(columns, start=1):
                self.put(r, j, rec.get(col, ""), wrap=wrap)
        last = max(r, start_row)
        self.ws.freeze_panes = f"A{start_row + 1}"
        self.ws.auto_filter.ref = (
            f"A{start_row}:{get_column_letter(len(columns))}{last}"
        )
        return last


# --- sheets ------------------------------------------------------------------------
def _summary(ws: Any, alignment: Any, report: Any) -> None:
    s = _Sheet(ws)
    s.widths([34, 11, 10, 16, 18, 70])
    s.put(
        1, 1, f"LSSC alignment: {report.program_name or 'program'}", bold=True, size=14
    )
    s.put(
        2, 1, f"Framework: {report.framework_name}, version {report.framework_version}"
    )
    s.put(
        3,
        1,
        f"{report.n_courses} course(s), {report.n_statements} statement(s); "
        f"matching method '{report.method}'.",
    )
    s.ws.merge_cells("A4:F4")
    s.put(
        4,
        1,
        f"About the competency wording: {report.source_note}",
        wrap=True,
        italic=True,
        fill="FFF8E1",
    )
    s.ws.merge_cells("A6:F6")
    ok = report.path_verdict.startswith("Yes")
    s.put(
        6,
        1,
        report.path_verdict or "No certification rule in this framework.",
        bold=True,
        wrap=True,
        fill="E6F2E6" if ok else "FDECEA",
        size=12,
    )
    s.ws.merge_cells("A7:F7")
    s.put(7, 1, report.path_basis, wrap=True, size=9)
    row = 9
    s.header(row, ["Set", "Required", "Covered", "Status", "Single course", "Verdict"])
    for p in report.program_sets.itertuples():
        row += 1
        s.put(row, 1, p.set_name, bold=True, wrap=True)
        s.put(row, 2, "required" if p.required else "elective")
        s.put(row, 3, f"{p.covered} / {p.total}", center=True)
        fill = PROGRAM_FILL.get(p.status)
        s.put(
            row,
            4,
            p.status,
            fill=fill,
            colour="FFFFFF"
            if p.status in {"single course", "across courses"}
            else None,
        )
        s.put(row, 5, p.single_courses or "none", wrap=True)
        verdict = p.verdict + (
            "; rests partly on reviewer decisions" if p.reviewed else ""
        )
        if p.provisional_note:
            verdict += "\n" + p.provisional_note
        s.put(row, 6, verdict, wrap=True)
    row += 2
    s.put(row, 1, "Legend (Matrix sheet)", bold=True)
    legend = [
        (SYMBOL["covered"] + " covered", "covered"),
        (SYMBOL["partial"] + " partly covered (check by hand)", "partial"),
        ("blank: not covered", "not covered"),
    ]
    for text, status in legend:
        row += 1
        s.put(row, 1, text, fill=FILL[status], colour=FONT_COLOUR[status])
    for text in (
        "I / R / M: introduced / reinforced / mastered (set by a reviewer)",
        "*: the status rests on a reviewer's decision",
        "Program column: covered by at least one course",
    ):
        row += 1
        s.put(row, 1, text)
    row += 2
    s.put(row, 1, "How to review", bold=True)
    for text in (
        "In the Matches sheet, choose accept or reject in the 'decision' column "
        "for each match (add: a new row for a match the tool missed), optionally "
        "a level, and a comment.",
        "Then run: lta-align review import alignment.xlsx --decisions "
        "decisions.csv --reviewer YOUR-NAME, and run lta-align again: reviewed "
        "decisions override the automatic matches.",
    ):
        row += 1
        s.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        s.put(row, 1, text, wrap=True)


def _matrix(ws: Any, alignment: Any, report: Any) -> None:
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    s = _Sheet(ws)
    fw = alignment.framework
    courses = alignment.courses.sort_values("course_id", kind="stable")
    codes = courses["course_code"].astype(str).tolist()
    ids = courses["course_id"].astype(str).tolist()
    cov = alignment.coverage
    level = cov["level"] if "level" in cov.columns else pd.Series("", index=cov.index)
    reviewed = (
        cov["reviewed"]
        if "reviewed" in cov.columns
        else pd.Series(False, index=cov.index)
    )
    cell_of = {
        (r.course_id, r.competency_id): (str(r.status), str(lv or ""), bool(rv))
        for r, lv, rv in zip(
            cov.itertuples(), level.fillna(""), reviewed.fillna(False), strict=True
        )
    }
    prog = report.program_competencies.set_index("competency_id")
    s.put(1, 1, "Course x competency matrix", bold=True, size=13)
    s.put(
        2,
        1,
        f"{SYMBOL['covered']} covered   {SYMBOL['partial']} partly covered"
        "   blank: not covered   I/R/M: level set by a reviewer   *: reviewed",
        italic=True,
    )
    s.put(
        2,
        5,
        SYMBOL["covered"],
        fill=FILL["covered"],
        colour=FONT_COLOUR["covered"],
        center=True,
    )
    s.put(
        2,
        6,
        SYMBOL["partial"],
        fill=FILL["partial"],
        colour=FONT_COLOUR["partial"],
        center=True,
    )
    hdr = 4
    headers = ["Set", "Required", "#", "Competency", *codes, "Program", "competency_id"]
    s.header(hdr, headers)
    n_courses = len(codes)
    s.widths([31, 9, 5, 62, *([9] * n_courses), 10, 30])
    for j in range(5, 6 + n_courses):
        s.ws.cell(row=hdr, column=j).alignment = s.Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
    thick = Side(style="medium", color="555555")
    row = hdr
    prev_set = None
    sets = fw.sets.set_index("set_id")
    for comp in fw.competencies.itertuples():
        row += 1
        new_set = comp.set_id != prev_set
        prev_set = comp.set_id
        s.put(row, 1, comp.set_name, bold=new_set)
        s.put(
            row, 2, "required" if bool(sets.at[comp.set_id, "required"]) else "elective"
        )
        s.put(row, 3, str(comp.number), center=True)
        s.put(row, 4, comp.text, wrap=True)
        for j, cid in enumerate(ids, start=5):
            status, lv, rv = cell_of.get(
                (cid, comp.competency_id), ("not covered", "", False)
            )
            text = SYMBOL[status] if status in SYMBOL else ""
            if status != "not covered":
                text += " " + LEVEL_LETTER[lv] if lv in LEVEL_LETTER else ""
                text += "*" if rv else ""
            s.put(
                row,
                j,
                text,
                fill=FILL.get(status),
                colour=FONT_COLOUR.get(status),
                center=True,
            )
        pstatus = str(prog.at[comp.competency_id, "status"])
        s.put(
            row,
            5 + n_courses,
            SYMBOL.get(pstatus, ""),
            fill=FILL.get(pstatus),
            colour=FONT_COLOUR.get(pstatus),
            center=True,
            bold=True,
        )
        s.put(row, 6 + n_courses, comp.competency_id, size=8, colour="777777")
        if new_set and row > hdr + 1:
            for j in range(1, 7 + n_courses):
                s.ws.cell(row=row, column=j).border = Border(top=thick)
    last_col = get_column_letter(6 + n_courses)
    s.ws.freeze_panes = f"E{hdr + 1}"
    s.ws.auto_filter.ref = f"A{hdr}:{last_col}{row}"
    s.ws.row_dimensions[hdr].height = 30


def _matches(ws: Any, alignment: Any) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    s = _Sheet(ws)
    m = alignment.matches.copy()
    prog = alignment.program
    stmts = prog.statements.drop_duplicates("statement_id").set_index("statement_id")
    comps = alignment.framework.competencies.set_index("competency_id")
    order = {
        c: i for i, c in enumerate(alignment.framework.competencies["competency_id"])
    }
    codes = dict(
        zip(
            alignment.courses["course_id"],
            alignment.courses["course_code"],
            strict=True,
        )
    )
    cov = alignment.coverage.set_index(["course_id", "competency_id"])["status"]
    cov = cov[~cov.index.duplicated()]
    m["_order"] = m["competency_id"].map(order).fillna(len(order))
    m = m.sort_values(
        ["course_id", "_order", "score", "statement_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )

    def col(name: str) -> pd.Series:
        return (
            m[name].fillna("").astype(str)
            if name in m.columns
            else pd.Series("", index=m.index)
        )

    rows = pd.DataFrame(
        {
            "course_id": m["course_id"],
            "course_code": m["course_id"].map(codes).fillna(m["course_id"]),
            "statement_id": m["statement_id"],
            "kind": m["statement_id"].map(stmts["kind"]).fillna(col("kind")),
            "statement": m["statement_id"].map(stmts["text"]).fillna(""),
            "location": m["statement_id"].map(stmts["location"]).fillna(""),
            "competency_id": m["competency_id"],
            "set": m["set_id"].map(alignment.framework.set_name),
            "competency": m["competency_id"].map(comps["text"]).fillna(""),
            "score": m["score"].astype(float).round(4),
            "rank": m["rank"].astype(int),
            "ambiguous": m["ambiguous"].map(lambda v: "yes" if bool(v) else ""),
            "status": [
                cov.get((c, k), "not covered")
                for c, k in zip(m["course_id"], m["competency_id"], strict=True)
            ],
            "decision": col("decision"),
            "level": col("level"),
            "comment": col("note"),
        }
    )
    widths = [9, 12, 16, 11, 60, 14, 26, 24, 60, 7, 6, 10, 11, 10, 11, 30]
    specs = [
        (c, c, w, c in {"statement", "competency", "comment", "set"})
        for c, w in zip(MATCH_SHEET_COLUMNS, widths, strict=True)
    ]
    last = s.table(rows, specs)
    for j in (14, 15, 16):  # reviewer columns stand out
        s.ws.cell(row=1, column=j).fill = s.PatternFill(
            "solid", start_color="FFF2CC", end_color="FFF2CC"
        )
    s.ws.freeze_panes = "C2"
    end = last + 500
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISION_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="decision",
        error="Choose accept, reject or add (or leave blank).",
    )
    dv.add(f"N2:N{end}")
    lv = DataValidation(
        type="list",
        formula1='"' + ",".join(LEVEL_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="level",
        error="Choose introduced, reinforced or mastered.",
    )
    lv.add(f"O2:O{end}")
    s.ws.add_data_validation(dv)
    s.ws.add_data_validation(lv)


def _gaps(ws: Any, report: Any) -> None:
    g = report.gaps.copy()
    g["scope"] = g["scope"].map(
        lambda v: "program" if v == "program" else f"course {v}"
    )
    g["in_plan"] = g["in_plan"].map(lambda v: "yes" if v else "")
    _Sheet(ws).table(
        g,
        [
            ("scope", "Scope", 14, False),
            ("set_name", "Set", 24, True),
            ("number", "#", 5, False),
            ("competency", "Competency", 50, True),
            ("best_status", "Status", 11, False),
            ("home_course_code", "Suggested course", 12, False),
            ("suggestion", "Suggestion", 55, True),
            ("near_misses", "Closest statements", 55, True),
            ("in_plan", "On shortest route", 10, False),
            ("provisional_note", "Provisional", 30, True),
            ("competency_id", "competency_id", 28, False),
        ],
    )


def _courses(ws: Any, alignment: Any) -> None:
    c = alignment.courses.copy()
    extra = alignment.program.courses
    keep = [
        x for x in ("source", "credits", "methods", "n_outcomes") if x in extra.columns
    ]
    c = c.merge(
        extra[["course_id", *keep]], on="course_id", how="left", suffixes=("", "_src")
    )
    c = c.sort_values("course_id", kind="stable")
    n = alignment.program.statements.groupby("course_id").size()
    c["n_statements"] = c["course_id"].map(n).fillna(0).astype(int)
    if "primary_score" in c.columns:
        c["primary_score"] = c["primary_score"].astype(float).round(3)
    specs = [
        ("course_id", "course_id", 10, False),
        ("course_code", "Code", 10, False),
        ("course_title", "Title", 40, True),
        ("primary_set_name", "Primary set", 28, True),
        ("primary_score", "Primary score", 9, False),
        ("n_statements", "Statements", 10, False),
    ]
    specs += [
        (
            k,
            k.replace("_", " ").capitalize(),
            40 if k in {"source", "methods"} else 10,
            k == "methods",
        )
        for k in keep
    ]
    _Sheet(ws).table(c, specs)


def _framework(ws: Any, alignment: Any) -> None:
    fw = alignment.framework
    s = _Sheet(ws)
    s.widths([26, 9, 5, 70, 30, 16, 20])
    s.put(1, 1, f"{fw.name}, version {fw.version}", bold=True, size=12)
    s.ws.merge_cells("A2:G2")
    s.put(2, 1, fw.source_note, wrap=True, italic=True)
    comps = fw.competencies.copy()
    sets = fw.sets.set_index("set_id")
    comps["required"] = comps["required"].map(lambda v: "required" if v else "elective")
    comps["known"] = comps["set_id"].map(
        lambda x: "" if bool(sets.at[x, "complete"]) else "set known only in part"
    )
    comps["partial"] = comps["partial"].map(
        lambda v: "text known only in part" if v else ""
    )
    s.table(
        comps,
        [
            ("set_name", "Set", 26, True),
            ("required", "Required", 9, False),
            ("number", "#", 5, False),
            ("text", "Competency", 70, True),
            ("competency_id", "competency_id", 30, False),
            ("partial", "Partial text", 16, False),
            ("known", "Set", 20, False),
        ],
        start_row=4,
    )


def _problems(ws: Any, alignment: Any) -> None:
    p = alignment.program.problems
    s = _Sheet(ws)
    if p.empty:
        s.header(1, ["source", "severity", "reason"])
        s.widths([40, 10, 90])
        s.put(2, 1, "No problems: every input file was read.", italic=True)
        s.ws.freeze_panes = "A2"
        return
    s.table(
        p,
        [
            ("source", "source", 40, True),
            ("severity", "severity", 10, False),
            ("reason", "reason", 90, True),
        ],
    )


def _print_setup(ws: Any) -> None:
    """Landscape, fit to one page wide, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    if ws.freeze_panes:
        row = int(re.sub(r"[A-Z]+", "", ws.freeze_panes)) - 1
        if row >= 1:
            ws.print_title_rows = f"{row}:{row}"


# --- workbook ----------------------------------------------------------------------
def workbook_bytes(alignment: Any, report: Any = None) -> bytes:
    """Return the alignment workbook as deterministic XLSX bytes.

    ``report`` (a :class:`~lta_align.reports.GapReport`) is computed when not
    given.
    """
    import datetime as dt

    from openpyxl import Workbook

    from .reports import gap_report

    report = gap_report(alignment) if report is None else report
    wb = Workbook()
    builders = [
        ("Summary", lambda ws: _summary(ws, alignment, report)),
        ("Matrix", lambda ws: _matrix(ws, alignment, report)),
        ("Matches", lambda ws: _matches(ws, alignment)),
        ("Gaps", lambda ws: _gaps(ws, report)),
        ("Courses", lambda ws: _courses(ws, alignment)),
        ("Framework", lambda ws: _framework(ws, alignment)),
        ("Problems", lambda ws: _problems(ws, alignment)),
    ]
    for i, (title, build) in enumerate(builders):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        build(ws)
        _print_setup(ws)
    fixed = dt.datetime(2000, 1, 1)
    props = wb.properties
    props.creator = "lta-align"
    props.lastModifiedBy = "lta-align"
    props.title = f"LSSC alignment: {report.program_name or 'program'}"
    props.created = fixed
    props.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry times, order and core times."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    # [Content_Types].xml must stay first; keep the rest in a fixed order
    order = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            body = src.read(name)
            if name == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + FIXED_DATETIME.encode() + rb"\2", body)
                body = _CREATED.sub(rb"\g<1>" + FIXED_DATETIME.encode() + rb"\2", body)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, body)
    return out.getvalue()


def to_excel(alignment: Any, path: str | Path, *, force: bool = False) -> Path:
    """Write the alignment as an Excel workbook (matrix, review sheet, gaps).

    Parameters
    ----------
    alignment : Alignment
        From :func:`lta_align.align` (optionally with decisions applied).
    path : str or Path
        The ``.xlsx`` file to write; its folder is created if needed.
    force : bool, default=False
        Replace the file even when a person edited it after lta-align wrote it
        (or lta-align did not write it). Without it such a file is kept and
        :class:`~lta_align.errors.OutputExistsError` is raised, so reviewer
        decisions typed into the Matches sheet are never lost.

    Returns
    -------
    Path
        The file written. Sheets: Summary, Matrix, Matches, Gaps, Courses,
        Framework, Problems (see :mod:`lta_align.excel`). The same alignment
        gives byte-identical files.

    Raises
    ------
    OutputExistsError
        The file exists and may hold someone's edits (pass ``force=True``).

    Examples
    --------
    >>> import lta_align as la
    >>> la.to_excel(result, "out/alignment.xlsx")             # doctest: +SKIP
    PosixPath('out/alignment.xlsx')
    """
    path = Path(path)
    guard = OutputGuard(path.parent, force=force)
    return guard.write_bytes(path.name, workbook_bytes(alignment))
