"""The files of the course-approval evidence pack: DOCX and XLSX writers.

Both lay out :func:`lta_align.evidence.evidence_table` the way the LSSC
course-approval application asks; both are plain, editable and deterministic
(:mod:`lta_align._office`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PureWindowsPath
from typing import Any

import pandas as pd

from .._office import (
    Sheet,
    fix_document_properties,
    fix_workbook_properties,
    print_setup,
    saved_bytes,
)
from .._resources import read_resource
from ..reports._drafts import DRAFT_LABEL

OFFICIAL_WORDING_NOTE = (
    "The competency wording below is a paraphrase made for matching, not the "
    "official ALA-APA text. Use the official wording of the competency set in an "
    "application (load it with --framework PATH / load_framework(path))."
)


def wording_note(fw: Any) -> str:
    """The caveat on the competency wording, stated once.

    The framework's own note when it says the texts are paraphrases (the
    built-in LSSC, or a file still holding some of its paraphrases) with the
    way to load the official text; else the framework's note, if any.
    """
    note = str(fw.source_note or "").strip()
    if "paraphrase" in note.casefold():
        return (
            f"{note} Load the official wording with --framework PATH "
            "(load_framework(path))."
        )
    return note


def _file_name(source: str) -> str:
    """The syllabus file's name only: never the full local path."""
    return PureWindowsPath(source).name if source else ""


def _repeat_header(row: Any) -> None:
    """Mark a DOCX table row as the header repeated on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


@lru_cache(maxsize=1)
def pack_data() -> dict[str, Any]:
    """The pack's data: approval facts with sources, instructor table, words."""
    import yaml

    return yaml.safe_load(read_resource("lta_align.evidence", "data", "approval.yaml"))


def is_assessment(text: str) -> bool:
    """True for an exam, quiz, test, practical or evaluation (else an assignment)."""
    words = pack_data().get("assessment_words") or []
    low = str(text).casefold()
    return any(re.search(r"\b" + re.escape(str(w)) + r"\b", low) for w in words)


def approval_facts() -> list[tuple[str, str, bool]]:
    """``(text, source, checked)`` for each approval fact in the pack data."""
    return [
        (str(f["text"]), str(f["source"]), bool(f.get("checked", True)))
        for f in pack_data().get("approval_facts") or []
    ]


def _fact_line(text: str, source: str, checked: bool) -> str:
    flag = "" if checked else " (not re-checked)"
    return f"{text}{flag} Source: {source}"


MAP_HEADERS = [
    "#",
    "Competency",
    "Content: outcomes and topics",
    "Readings",
    "Assignments",
    "Assessments",
    "Status",
]
"""Column headers of the competency-to-course map (DOCX section 4, XLSX)."""


def _course_info(alignment: Any, course_id: str) -> dict[str, str]:
    pc = alignment.program.courses.set_index("course_id")
    row = pc.loc[course_id] if course_id in pc.index else pd.Series(dtype=object)

    def get(name: str) -> str:
        v = row.get(name, "")
        return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)

    info = {
        k: get(k)
        for k in ("course_code", "course_title", "credits", "methods", "source")
    }
    info["source"] = _file_name(info["source"])
    return info


def _statements(alignment: Any, course_id: str, kinds: tuple[str, ...]) -> list:
    s = alignment.program.statements
    s = s[(s["course_id"] == course_id) & s["kind"].isin(kinds)]
    return list(s.itertuples())


def docx_bytes(
    alignment: Any, course_id: str, set_id: str, table: pd.DataFrame
) -> bytes:
    import docx
    from docx.shared import Cm, Pt

    fw = alignment.framework
    info = _course_info(alignment, course_id)
    set_name = fw.set_name(set_id)
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.59), Cm(27.94)  # US letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.8))
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    covered = int((table["status"] == "covered").sum())
    total = len(table)
    doc.add_heading(f"{info['course_code']} {info['course_title']}", level=0)
    doc.add_paragraph(
        f"LSSC course approval evidence for the competency set: {set_name} "
        f"({'required' if set_id in set(fw.sets.loc[fw.sets['required'], 'set_id']) else 'elective'} set). "  # noqa: E501
        f"Framework: {fw.name}, version {fw.version}."
    )
    verdict = (
        f"The course covers all {total} competencies of the set."
        if covered == total
        else f"The course covers {covered} of {total} competencies; "
        f"{total - covered} are not yet covered (section 5). LSSC approves a "
        "course only when it covers every competency of the set."
    )
    p = doc.add_paragraph()
    p.add_run(verdict).bold = True
    if wording_note(fw):
        note = doc.add_paragraph()
        note.add_run("About the wording. ").bold = True
        note.add_run(wording_note(fw))
    prov = fw.provisional_note(set_id)
    if prov:
        doc.add_paragraph().add_run(prov).italic = True
    doc.add_paragraph(
        "Draft prepared by lta-align from the syllabus; statuses are estimates from "
        'text matching ("reviewed" marks a faculty reviewer\'s decision). Check and '
        "edit every row before submitting."
    ).runs[0].italic = True

    doc.add_heading("1. Course information", level=1)
    for label, key in (
        ("Course", "course_code"),
        ("Title", "course_title"),
        ("Credits", "credits"),
        ("Syllabus file", "source"),
    ):
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(info[key] or "not stated")

    doc.add_heading("2. Course learning objectives", level=1)
    outcomes = _statements(alignment, course_id, ("outcome",))
    if outcomes:
        for s in outcomes:
            doc.add_paragraph(s.text, style="List Number")
    else:
        doc.add_paragraph("No learning outcomes were found in the syllabus.")

    doc.add_heading("3. Method of instruction and assessment", level=1)
    para = doc.add_paragraph()
    para.add_run("Method of instruction: ").bold = True
    para.add_run(info["methods"] or "not stated in the syllabus: add it here.")
    doc.add_paragraph().add_run("How learning is assessed:").bold = True
    assessments = _statements(alignment, course_id, ("assessment",))
    for s in assessments:
        doc.add_paragraph(s.text, style="List Bullet")
    if not assessments:
        doc.add_paragraph("No assignments or assessments were found in the syllabus.")

    doc.add_heading("4. Comparison of course content with each competency", level=1)
    doc.add_paragraph(
        "The competency-to-course map: for each competency, the content "
        "(outcomes and topics), readings, assignments and assessments of the "
        "course that address it, each with its place in the syllabus."
    )
    shown = "\n".join(table["assessments"])
    untied = [
        s.text
        for s in _statements(alignment, course_id, ("assessment",))
        if is_assessment(s.text) and s.text not in shown
    ]
    if untied:
        doc.add_paragraph(
            "Course-wide assessments the syllabus does not tie to a topic ("
            + "; ".join(untied)
            + "): add to the Assessments column the competencies each one covers."
        ).runs[0].italic = True
    headers = MAP_HEADERS
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for cell, h in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(h)
        run.bold = True
        run.font.size = Pt(8.5)
    _repeat_header(t.rows[0])
    t.autofit = False
    widths = [Cm(0.7), Cm(3.4), Cm(4.2), Cm(2.5), Cm(2.7), Cm(2.6), Cm(1.9)]
    for col, w in zip(t.columns, widths, strict=True):
        col.width = w
    for r in table.itertuples():
        cells = t.add_row().cells
        status = r.status + (" (reviewed)" if r.reviewed else "")
        values = [
            r.number,
            r.competency,
            r.content or "not yet covered",
            r.readings or "-",
            r.assignments or "-",
            r.assessments or "-",
            status,
        ]
        for cell, v in zip(cells, values, strict=True):
            cell.text = str(v)
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(8.5)
    for row in t.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w

    doc.add_heading("5. Competencies not yet covered", level=1)
    missing = table[table["status"] != "covered"]
    if missing.empty:
        doc.add_paragraph("None: every competency of the set is covered.")
    for r in missing.itertuples():
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(f"#{r.number} {r.competency} ").bold = True
        para.add_run(f"({r.status}). {r.suggestion}")
        if r.draft_outcome:
            para = doc.add_paragraph(style="List Bullet 2")
            para.add_run(f"{DRAFT_LABEL}: ").bold = True
            para.add_run(r.draft_outcome)
        if r.assessment_idea:
            para = doc.add_paragraph(style="List Bullet 2")
            para.add_run("Assessment idea: ").bold = True
            para.add_run(r.assessment_idea)

    data = pack_data()
    doc.add_heading("6. Instructor qualifications", level=1)
    doc.add_paragraph(
        "The application asks for the résumés of the instructors. lta-align "
        "cannot know them: fill in one row per instructor and attach each résumé."
    )
    cols = [str(c) for c in data.get("instructor_columns") or ["Instructor"]]
    it = doc.add_table(rows=1 + int(data.get("instructor_rows", 3)), cols=len(cols))
    it.style = "Table Grid"
    for cell, h in zip(it.rows[0].cells, cols, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(h)
        run.bold = True
        run.font.size = Pt(9)
    for row in it.rows[1:]:
        row.height = Cm(1.2)  # room to write by hand on a printed copy

    doc.add_heading("7. LSSC course approval: facts and sources", level=1)
    for text, source, checked in approval_facts():
        doc.add_paragraph(_fact_line(text, source, checked), style="List Bullet")
    if data.get("as_of_note"):
        doc.add_paragraph().add_run(str(data["as_of_note"])).italic = True

    fix_document_properties(
        doc, f"{info['course_code']} {set_name}: LSSC course approval evidence"
    )
    return saved_bytes(doc)


def xlsx_bytes(
    alignment: Any, course_id: str, set_id: str, table: pd.DataFrame
) -> bytes:
    from openpyxl import Workbook

    fw = alignment.framework
    info = _course_info(alignment, course_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "Evidence"
    s = Sheet(ws)
    s.widths([6, 40, 50, 34, 38, 34, 14, 45, 45, 40])
    s.put(
        1,
        1,
        f"{info['course_code']} {info['course_title']}: LSSC course "
        f"approval evidence for {fw.set_name(set_id)}",
        bold=True,
        size=13,
    )
    s.put(2, 1, f"Framework: {fw.name}, version {fw.version}")
    ws.merge_cells("A3:J3")
    s.put(3, 1, wording_note(fw), italic=True, wrap=True, fill="FFF8E1")
    prov = fw.provisional_note(set_id)
    ws.merge_cells("A4:J4")
    s.put(4, 1, prov, italic=True, wrap=True)
    ws.merge_cells("A5:J5")
    s.put(
        5,
        1,
        "Method of instruction: " + (info["methods"] or "not stated in the syllabus"),
        wrap=True,
    )
    hdr = 7
    s.header(hdr, [*MAP_HEADERS, "To do", DRAFT_LABEL, "Assessment idea"])
    row = hdr
    for r in table.itertuples():
        row += 1
        fill = {"covered": None, "partial": "DEEBF7"}.get(r.status, "FDECEA")
        s.put(row, 1, r.number)
        s.put(row, 2, r.competency, wrap=True)
        s.put(row, 3, r.content or "not yet covered", wrap=True, fill=fill)
        s.put(row, 4, r.readings or "", wrap=True)
        s.put(row, 5, r.assignments or "", wrap=True)
        s.put(row, 6, r.assessments or "", wrap=True)
        s.put(row, 7, r.status + (" (reviewed)" if r.reviewed else ""), fill=fill)
        s.put(row, 8, r.suggestion, wrap=True)
        s.put(row, 9, r.draft_outcome, wrap=True)
        s.put(row, 10, r.assessment_idea, wrap=True)
    ws.freeze_panes = f"C{hdr + 1}"
    ws.auto_filter.ref = f"A{hdr}:J{row}"
    print_setup(ws)
    obj = wb.create_sheet("Objectives")
    o = Sheet(obj)
    o.widths([10, 90, 22])
    o.header(1, ["kind", "text", "location"])
    r = 1
    for st in _statements(alignment, course_id, ("outcome", "assessment")):
        r += 1
        o.put(r, 1, st.kind)
        o.put(r, 2, st.text, wrap=True)
        o.put(r, 3, st.location)
    obj.freeze_panes = "A2"
    print_setup(obj)
    data = pack_data()
    ins = wb.create_sheet("Instructors")
    i = Sheet(ins)
    cols = [str(c) for c in data.get("instructor_columns") or ["Instructor"]]
    i.widths([24] * len(cols))
    i.header(1, cols)
    ins.freeze_panes = "A2"
    print_setup(ins)
    facts = wb.create_sheet("Approval facts")
    f = Sheet(facts)
    f.widths([90, 60, 14])
    f.header(1, ["Fact", "Source", "Re-checked"])
    r = 1
    for text, source, checked in approval_facts():
        r += 1
        f.put(r, 1, text, wrap=True)
        f.put(r, 2, source, wrap=True)
        f.put(r, 3, "yes" if checked else "no")
    if data.get("as_of_note"):
        f.put(r + 2, 1, str(data["as_of_note"]), italic=True, wrap=True)
    facts.freeze_panes = "A2"
    print_setup(facts)
    fix_workbook_properties(wb)
    return saved_bytes(wb)
