"""Course-approval evidence pack: :func:`evidence_pack`.

LSSC approves a course for a competency set when the course covers every
competency of the set. The application asks for the course's learning
objectives, a comparison of course content with each competency, the method of
instruction and how learning is assessed (plus instructor résumés). The pack
lays out what the syllabus already says in that order, as a Word document and
an Excel sheet, both plain and editable:

1. course information and the note on the competency wording;
2. course learning objectives (the syllabus outcomes, in order);
3. method of instruction and assessments as stated in the syllabus;
4. a table with one row per competency of the set: number and text, the
   outcomes and topics that address it, the assignments and assessments that
   assess it (each with its place in the syllabus), and the status;
5. an explicit list of the competencies not yet covered, with suggestions.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd

from ._utils import OutputGuard
from .errors import LtaAlignError
from .text import course_id_from_code

__all__ = ["EvidenceArgumentError", "evidence_pack", "evidence_table"]

CONTENT_KINDS = ("outcome", "topic", "reading")
ASSESS_KINDS = ("assessment",)
MAX_CONTENT = 3
MAX_ASSESS = 2
KIND_ORDER = {"outcome": 0, "topic": 1, "assessment": 2, "reading": 3, "description": 4}
EVIDENCE_COLUMNS = [
    "number",
    "competency_id",
    "competency",
    "status",
    "score",
    "reviewed",
    "content",
    "assessment",
    "suggestion",
]
OFFICIAL_WORDING_NOTE = (
    "The competency wording below is a paraphrase made for matching, not the "
    "official ALA-APA text. Use the official wording of the competency set in an "
    "application (load it with --framework PATH / load_framework(path))."
)


class EvidenceArgumentError(LtaAlignError, ValueError):
    """The course or set asked for is not in the alignment."""


def _resolve(alignment: Any, course: str, set_id: str) -> tuple[str, str]:
    courses = alignment.courses
    wanted = course_id_from_code(course)
    ids = courses["course_id"].astype(str).tolist()
    by_code = {
        course_id_from_code(c): i
        for c, i in zip(courses["course_code"].astype(str), ids, strict=True)
    }
    course_id = wanted if wanted in ids else by_code.get(wanted)
    if course_id is None:
        raise EvidenceArgumentError(
            f"Course {course!r} is not in the program; courses read: "
            f"{sorted(courses['course_code'].astype(str))}. Give one of these "
            "codes (--course)."
        )
    fw = alignment.framework
    names = {
        str(n).casefold(): s
        for s, n in zip(fw.sets["set_id"], fw.sets["set_name"], strict=True)
    }
    sid = set_id if set_id in fw.set_ids else names.get(str(set_id).casefold())
    if sid is None:
        raise EvidenceArgumentError(
            f"Competency set {set_id!r} is not in {fw.name}; sets: "
            f"{fw.set_ids}. Give a set id (--set)."
        )
    return course_id, sid


def _fmt(kind: str, text: str, location: str) -> str:
    where = f" ({location})" if location else ""
    return f"{kind.capitalize()}: {text}{where}"


def _pick(items: list[tuple], kinds: tuple[str, ...], n: int) -> list[str]:
    """The ``n`` strongest items of ``kinds``, listed outcomes first."""
    best = [it for it in items if it[2] in kinds][:n]
    best.sort(key=lambda it: (it[1], it[0]))
    return [_fmt(k, t, loc) for _, _, k, t, loc in best]


def evidence_table(alignment: Any, course: str, set_id: str) -> pd.DataFrame:
    """Return the competency-by-competency evidence of one course for one set.

    Parameters
    ----------
    alignment : Alignment
        From :func:`lta_align.align`, with review decisions applied if any.
    course : str
        Course id or code (``"LTA130"`` or ``"LTA 130"``).
    set_id : str
        Set id (``"cataloging_classification"``) or set name.

    Returns
    -------
    pandas.DataFrame
        One row per competency of the set, in order: ``number, competency_id,
        competency, status, score, reviewed, content`` (outcomes, topics,
        readings that address it, one per line, with their place in the
        syllabus), ``assessment`` (assignments and assessments), ``suggestion``
        (for competencies not covered).
    """
    from .reports import gap_report

    course_id, set_id = _resolve(alignment, course, set_id)
    fw = alignment.framework
    stmts = alignment.program.statements.drop_duplicates("statement_id").set_index(
        "statement_id"
    )
    m = alignment.matches
    m = m[(m["course_id"] == course_id) & (m["set_id"] == set_id)]
    cov = alignment.coverage
    cov = cov[(cov["course_id"] == course_id) & (cov["set_id"] == set_id)]
    cov = cov.drop_duplicates("competency_id").set_index("competency_id")
    report = gap_report(alignment)
    gaps = report.gaps[report.gaps["scope"] == course_id].set_index("competency_id")
    rows = []
    for comp in fw.competencies_of(set_id).itertuples():
        status = (
            str(cov.at[comp.competency_id, "status"])
            if comp.competency_id in cov.index
            else "not covered"
        )
        score = (
            float(cov.at[comp.competency_id, "score"])
            if comp.competency_id in cov.index
            else 0.0
        )
        reviewed = (
            bool(cov.at[comp.competency_id, "reviewed"])
            if (comp.competency_id in cov.index and "reviewed" in cov.columns)
            else False
        )
        mine = m[m["competency_id"] == comp.competency_id]
        if "decision" in mine.columns:
            mine = mine[mine["decision"].fillna("") != "reject"]
        items = []
        for r in mine.itertuples():
            if r.statement_id not in stmts.index:
                continue
            s = stmts.loc[r.statement_id]
            items.append(
                (
                    -float(r.score),
                    KIND_ORDER.get(str(s["kind"]), 9),
                    str(s["kind"]),
                    str(s["text"]),
                    str(s["location"]),
                )
            )
        items.sort()  # strongest evidence first
        content = _pick(items, CONTENT_KINDS, MAX_CONTENT)
        assess = _pick(items, ASSESS_KINDS, MAX_ASSESS)
        if status == "not covered":
            content = [] if not content else ["(weak matches only)", *content]
        if reviewed and "decision" in mine.columns:  # the reviewer's evidence first
            ev = cov.at[comp.competency_id, "evidence_statement_id"]
            if ev in stmts.index:
                e = stmts.loc[ev]
                line = _fmt(str(e["kind"]), str(e["text"]), str(e["location"]))
                target = assess if str(e["kind"]) in ASSESS_KINDS else content
                if line in target:
                    target.remove(line)
                target.insert(0, line)
        rows.append(
            {
                "number": str(comp.number),
                "competency_id": comp.competency_id,
                "competency": comp.text,
                "status": status,
                "score": round(score, 4),
                "reviewed": reviewed,
                "content": "\n".join(content),
                "assessment": "\n".join(assess),
                "suggestion": str(gaps.at[comp.competency_id, "suggestion"])
                if comp.competency_id in gaps.index
                else "",
            }
        )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


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


def _docx_bytes(
    alignment: Any, course_id: str, set_id: str, table: pd.DataFrame
) -> bytes:
    import datetime as dt

    import docx
    from docx.shared import Cm, Pt

    from .excel import _normalise_zip

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

    fixed = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    cp = doc.core_properties
    cp.author = "lta-align"
    cp.last_modified_by = "lta-align"
    cp.title = f"{info['course_code']} {set_name}: LSSC course approval evidence"
    cp.created = fixed
    cp.modified = fixed
    cp.last_printed = fixed
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


def _xlsx_bytes(
    alignment: Any, course_id: str, set_id: str, table: pd.DataFrame
) -> bytes:
    import datetime as dt

    from openpyxl import Workbook

    from .excel import _normalise_zip, _print_setup, _Sheet

    fw = alignment.framework
    info = _course_info(alignment, course_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "Evidence"
    s = _Sheet(ws)
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
    _print_setup(ws)
    obj = wb.create_sheet("Objectives")
    o = _Sheet(obj)
    o.widths([10, 90, 22])
    o.header(1, ["kind", "text", "location"])
    r = 1
    for st in _statements(alignment, course_id, ("outcome", "assessment")):
        r += 1
        o.put(r, 1, st.kind)
        o.put(r, 2, st.text, wrap=True)
        o.put(r, 3, st.location)
    obj.freeze_panes = "A2"
    _print_setup(obj)
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.creator = "lta-align"
    wb.properties.lastModifiedBy = "lta-align"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


def evidence_pack(
    alignment: Any,
    course: str,
    set_id: str,
    out_dir: str | Path,
    *,
    force: bool = False,
) -> list[Path]:
    """Write the course-approval evidence of one course for one set (DOCX + XLSX).

    Parameters
    ----------
    alignment : Alignment
        From :func:`lta_align.align`, with review decisions applied if any.
    course : str
        Course id or code (``"LTA130"`` or ``"LTA 130"``).
    set_id : str
        Set id (``"cataloging_classification"``) or set name.
    out_dir : str or Path
        Folder to write into (created if needed).
    force : bool, default=False
        Replace files a person edited after lta-align wrote them.

    Returns
    -------
    list of Path
        ``<course_id>_<set_id>_evidence.docx`` and ``..._evidence.xlsx``: the
        learning objectives, method of instruction, assessments, one table row
        per competency of the set (content, assessments, status) and the list of
        competencies not yet covered. Same inputs give byte-identical files.

    Raises
    ------
    EvidenceArgumentError
        The course or set is unknown (the message lists the valid ones).
    OutputExistsError
        A file exists and was edited (pass ``force=True``).

    Examples
    --------
    >>> la.evidence_pack(result, "LTA 130", "cataloging_classification", "out")
    ... # doctest: +SKIP
    """
    course_id, set_id = _resolve(alignment, course, set_id)
    table = evidence_table(alignment, course_id, set_id)
    guard = OutputGuard(out_dir, force=force)
    stem = f"{course_id}_{set_id}_evidence"
    return [
        guard.write_bytes(
            f"{stem}.docx", _docx_bytes(alignment, course_id, set_id, table)
        ),
        guard.write_bytes(
            f"{stem}.xlsx", _xlsx_bytes(alignment, course_id, set_id, table)
        ),
    ]
