"""The overview sheets of the alignment workbook: Summary and Matrix."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._office import (
    FILL,
    FONT_COLOUR,
    PROGRAM_STATUS_COLOURS,
    Sheet,
)
from ..reports._base import PROVISIONAL_MARKER
from ._cells import (
    LEVEL_LETTER,
    SYMBOL,
)


def _summary_head(s: Sheet, report: Any) -> None:
    """Title, framework, counts, the wording note and the path verdict."""
    s.put(1, 1, f"LSSC alignment \u2014 {report.heading}", bold=True, size=14)
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
    s.put(7, 1, report.path_basis, wrap=True, size=10)


def _summary_sets(s: Sheet, report: Any, row: int) -> int:
    """One row per set with its program status; returns the last row."""
    s.header(row, ["Set", "Required", "Covered", "Status", "Single course", "Verdict"])
    for p in report.program_sets.itertuples():
        row += 1
        s.put(row, 1, p.set_name, bold=True, wrap=True)
        s.put(row, 2, "required" if p.required else "elective")
        s.put(row, 3, f"{p.covered} / {p.total}", center=True)
        fill = PROGRAM_STATUS_COLOURS.get(p.status)
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
            verdict += f" ({PROVISIONAL_MARKER})"
        s.put(row, 6, verdict, wrap=True)
    if report.provisional_footnote:
        row += 1
        s.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        s.put(row, 1, report.provisional_footnote, wrap=True, italic=True, size=10)
    return row


_HOW_TO_REVIEW = (
    "In the Matches sheet, choose accept or reject in the 'decision' column "
    "for each match, optionally a level, and a comment. Rejected matches stay "
    "listed (match_strength 'rejected') so anyone can see or undo them. For a "
    "match the tool missed, type the competency_id on the statement's 'no "
    "match' row (or a new row) and choose add. Decisions also re-rank the "
    "statements not yet reviewed: 'learned_from' names the reviewed statement "
    "a match's rank owes to.",
    "Save and close the workbook, then run: lta-align review import "
    "out/alignment.xlsx --reviewer YOUR-NAME (decisions go to out/decisions.csv, "
    "the file the notebook review panel also uses), and run lta-align again "
    "with --out out: reviewed decisions override the automatic matches.",
)


def _summary_legend(s: Sheet, row: int) -> None:
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
    for text in _HOW_TO_REVIEW:
        row += 1
        s.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        s.put(row, 1, text, wrap=True)


def summary_sheet(ws: Any, alignment: Any, report: Any) -> None:
    """Framework, wording note, path verdict, one row per set, legend."""
    s = Sheet(ws)
    s.widths([26, 10, 9, 15, 16, 56])
    _summary_head(s, report)
    last = _summary_sets(s, report, 9)
    _summary_legend(s, last + 2)


MATRIX_HEADER_ROW = 4


def _matrix_cells(alignment: Any) -> dict[tuple[str, str], tuple[str, str, bool]]:
    """(course, competency) -> (status, level, reviewed)."""
    cov = alignment.coverage
    level = cov["level"] if "level" in cov.columns else pd.Series("", index=cov.index)
    reviewed = (
        cov["reviewed"]
        if "reviewed" in cov.columns
        else pd.Series(False, index=cov.index)
    )
    return {
        (r.course_id, r.competency_id): (str(r.status), str(lv or ""), bool(rv))
        for r, lv, rv in zip(
            cov.itertuples(), level.fillna(""), reviewed.fillna(False), strict=True
        )
    }


def _matrix_head(s: Sheet, codes: list[str]) -> None:
    """Title, the legend (in the frozen rows: always visible) and the header."""
    s.put(1, 1, "Course x competency matrix", bold=True, size=13)
    legend = [
        (2, 1, f"{SYMBOL['covered']} covered", "covered"),
        (2, 4, f"{SYMBOL['partial']} partly covered: check by hand", "partial"),
        (3, 1, "blank: not covered", "not covered"),
    ]
    for r, c, text, status in legend:
        s.put(r, c, text, fill=FILL[status], colour=FONT_COLOUR[status])
    s.put(
        3,
        4,
        "I / R / M: level set by a reviewer   *: rests on a reviewer's decision   "
        "Program: covered by at least one course",
        italic=True,
    )
    hdr = MATRIX_HEADER_ROW
    s.header(
        hdr, ["Set", "Required", "#", "Competency", *codes, "Program", "competency_id"]
    )
    n = len(codes)
    # narrow enough to print one page wide at about 9.5 pt
    s.widths([16, 9.8, 4, 40, *([6.5] * n), 9, 30])
    for j in range(5, 6 + n):
        s.ws.cell(row=hdr, column=j).alignment = s.Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )


def _course_cell(status: str, lv: str, rv: bool) -> str:
    text = SYMBOL[status] if status in SYMBOL else ""
    if status != "not covered":
        text += " " + LEVEL_LETTER[lv] if lv in LEVEL_LETTER else ""
        text += "*" if rv else ""
    return text


def _matrix_row(
    s: Sheet, row: int, comp: Any, required: bool, ids: list[str], cells: dict, prog
) -> None:
    s.put(row, 1, comp.set_name, wrap=True)
    s.put(row, 2, "required" if required else "elective")
    s.put(row, 3, str(comp.number), center=True)
    s.put(row, 4, comp.text, wrap=True)
    for j, cid in enumerate(ids, start=5):
        status, lv, rv = cells.get(
            (cid, comp.competency_id), ("not covered", "", False)
        )
        s.put(
            row,
            j,
            _course_cell(status, lv, rv),
            fill=FILL.get(status),
            colour=FONT_COLOUR.get(status),
            center=True,
        )
    pstatus = str(prog.at[comp.competency_id, "status"])
    s.put(
        row,
        5 + len(ids),
        SYMBOL.get(pstatus, ""),
        fill=FILL.get(pstatus),
        colour=FONT_COLOUR.get(pstatus),
        center=True,
        bold=True,
    )
    s.put(row, 6 + len(ids), comp.competency_id, size=8, colour="777777")


def matrix_sheet(ws: Any, alignment: Any, report: Any) -> None:
    """One row per competency (grouped by set), one column per course."""
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    s = Sheet(ws)
    fw = alignment.framework
    courses = alignment.courses.sort_values("course_id", kind="stable")
    codes = courses["course_code"].astype(str).tolist()
    ids = courses["course_id"].astype(str).tolist()
    cells = _matrix_cells(alignment)
    prog = report.program_competencies.set_index("competency_id")
    _matrix_head(s, codes)
    hdr = MATRIX_HEADER_ROW
    thick = Side(style="medium", color="555555")
    required = fw.sets.set_index("set_id")["required"].astype(bool).to_dict()
    row, prev_set = hdr, None
    for comp in fw.competencies.itertuples():
        row += 1
        _matrix_row(s, row, comp, required[comp.set_id], ids, cells, prog)
        if comp.set_id != prev_set:  # a new set: bold name, a rule above
            s.ws.cell(row=row, column=1).font = s.Font(name="Calibri", bold=True)
            if row > hdr + 1:
                for j in range(1, 7 + len(ids)):
                    s.ws.cell(row=row, column=j).border = Border(top=thick)
        prev_set = comp.set_id
    last_col = get_column_letter(6 + len(ids))
    s.ws.freeze_panes = f"E{hdr + 1}"
    s.ws.auto_filter.ref = f"A{hdr}:{last_col}{row}"
    s.ws.row_dimensions[hdr].height = 30
