"""The files of the course-approval evidence pack: DOCX and XLSX writers.

Both lay out :func:`lta_align.evidence.evidence_table` the way the LSSC
course-approval application asks; both are plain, editable and deterministic
(:mod:`lta_align._office`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._office import (
    Sheet,
    fix_document_properties,
    fix_workbook_properties,
    print_setup,
    saved_bytes,
)

OFFICIAL_WORDING_NOTE = (
    "The competency wording below is a paraphrase made for matching, not the "
    "official ALA-APA text. Use the official wording of the competency set in an "
    "application (load it with --framework PATH / load_framework(path))."
)


def _course_info(alignment: Any, course_id: str) -> dict[str, str]:
    pc = alignment.program.courses.set_index("course_id")
    row = pc.loc[course_id] if course_id in pc.index else pd.Series(dtype=object)

    def get(name: str) -> str:
        v = row.get(name, "")
        return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)

    return {
        k: get(k)
        for k in ("course_code", "course_title", "credits", "methods", "source")
    }


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
    note = doc.add_paragraph()
    note.add_run("About the wording. ").bold = True
    note.add_run(OFFICIAL_WORDING_NOTE + " " + fw.source_note)
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
    headers = [
        "#",
        "Competency",
        "Course content that covers it (outcomes, topics, readings)",
        "Assignments and assessments",
        "Status",
    ]
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for cell, h in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(h).bold = True
    t.autofit = False
    widths = [Cm(0.9), Cm(5.0), Cm(6.3), Cm(3.8), Cm(1.9)]
    for col, w in zip(t.columns, widths, strict=True):
        col.width = w
    for r in table.itertuples():
        cells = t.add_row().cells
        status = r.status + (" (reviewed)" if r.reviewed else "")
        values = [
            r.number,
            r.competency,
            r.content or "not yet covered",
            r.assessment or "-",
            status,
        ]
        for cell, v in zip(cells, values, strict=True):
            cell.text = str(v)
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

    doc.add_heading("6. Also required by the application", level=1)
    doc.add_paragraph(
        "Résumés of the instructors (not produced by lta-align).", style="List Bullet"
    )

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
    s.widths([6, 45, 60, 45, 14, 45])
    s.put(
        1,
        1,
        f"{info['course_code']} {info['course_title']}: LSSC course "
        f"approval evidence for {fw.set_name(set_id)}",
        bold=True,
        size=13,
    )
    s.put(2, 1, f"Framework: {fw.name}, version {fw.version}")
    ws.merge_cells("A3:F3")
    s.put(3, 1, OFFICIAL_WORDING_NOTE, italic=True, wrap=True, fill="FFF8E1")
    prov = fw.provisional_note(set_id)
    ws.merge_cells("A4:F4")
    s.put(4, 1, prov, italic=True, wrap=True)
    ws.merge_cells("A5:F5")
    s.put(
        5,
        1,
        "Method of instruction: " + (info["methods"] or "not stated in the syllabus"),
        wrap=True,
    )
    hdr = 7
    s.header(
        hdr,
        [
            "#",
            "Competency",
            "Course content that covers it",
            "Assignments and assessments",
            "Status",
            "To do",
        ],
    )
    row = hdr
    for r in table.itertuples():
        row += 1
        fill = {"covered": None, "partial": "DEEBF7"}.get(r.status, "FDECEA")
        s.put(row, 1, r.number)
        s.put(row, 2, r.competency, wrap=True)
        s.put(row, 3, r.content or "not yet covered", wrap=True, fill=fill)
        s.put(row, 4, r.assessment or "", wrap=True)
        s.put(row, 5, r.status + (" (reviewed)" if r.reviewed else ""), fill=fill)
        s.put(row, 6, r.suggestion, wrap=True)
    ws.freeze_panes = f"C{hdr + 1}"
    ws.auto_filter.ref = f"A{hdr}:F{row}"
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
    fix_workbook_properties(wb)
    return saved_bytes(wb)
