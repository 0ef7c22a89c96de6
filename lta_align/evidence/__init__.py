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
4. the competency-to-course map the application asks for: one row per
   competency of the set with its number and text, and in separate columns the
   content (outcomes, topics), readings, assignments and assessments that
   address it (each with its place in the syllabus), and the status;
5. an explicit list of the competencies not yet covered, with suggestions and
   a drafted outcome and assessment idea for faculty to edit;
6. instructor qualifications, a table for the program to fill in (the
   application asks for résumés);
7. the approval facts (fee, 4-year approval, renewal) with their sources
   (``evidence/data/approval.yaml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._utils import OutputGuard
from ..columns import EVIDENCE_COLUMNS, KIND_RANK, NOT_COVERED, REJECT
from ..errors import LtaAlignError
from ..text import course_id_from_code
from ._files import OFFICIAL_WORDING_NOTE as OFFICIAL_WORDING_NOTE
from ._files import docx_bytes, is_assessment, xlsx_bytes

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment

__all__ = ["EvidenceArgumentError", "evidence_pack", "evidence_table"]

CONTENT_KINDS = ("outcome", "topic")
READING_KINDS = ("reading",)
ASSESS_KINDS = ("assessment",)
MAX_CONTENT = 3
MAX_READINGS = 2
MAX_ASSESS = 2


class EvidenceArgumentError(LtaAlignError, ValueError):
    """The course or set asked for is not in the alignment."""


def _resolve(alignment: Alignment, course: str, set_id: str) -> tuple[str, str]:
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


def _pick(
    items: list[tuple], kinds: tuple[str, ...], n: int, keep: Any = None
) -> list[str]:
    """The ``n`` strongest items of ``kinds`` (and ``keep(text)``), outcomes first."""
    best = [it for it in items if it[2] in kinds and (keep is None or keep(it[3]))][:n]
    best.sort(key=lambda it: (it[1], it[0]))
    return [_fmt(k, t, loc) for _, _, k, t, loc in best]


def _column_of(kind: str, text: str) -> str:
    """Which map column a statement of ``kind`` belongs in."""
    if kind in READING_KINDS:
        return "readings"
    if kind in ASSESS_KINDS:
        return "assessments" if is_assessment(text) else "assignments"
    return "content"


def evidence_table(alignment: Alignment, course: str, set_id: str) -> pd.DataFrame:
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
        The approval course map, one row per competency of the set, in order:
        ``number, competency_id, competency, status, score, reviewed``,
        ``content`` (outcomes and topics that address it), ``readings``,
        ``assignments`` (projects, papers, labs, exercises...), ``assessments``
        (exams, quizzes, practicals, evaluations), each one per line with its
        place in the syllabus; ``assessment`` (assignments and assessments
        together, as before they were split); ``suggestion``,
        ``draft_outcome`` and ``assessment_idea`` (for competencies not
        covered: a measurable outcome drafted for this course, for faculty to
        edit, and a graded task that would show it).
    """
    from ..reports import gap_report
    from ..reports._drafts import Drafter

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
    drafter = Drafter(alignment.program, fw)
    rows = []
    for comp in fw.competencies_of(set_id).itertuples():
        status = (
            str(cov.at[comp.competency_id, "status"])
            if comp.competency_id in cov.index
            else NOT_COVERED
        )
        score = (
            float(cov.at[comp.competency_id, "score"])
            if comp.competency_id in cov.index
            else 0.0
        )
        reviewed = comp.competency_id in cov.index and bool(
            cov.at[comp.competency_id, "reviewed"]
        )
        mine = m[m["competency_id"] == comp.competency_id]
        mine = mine[mine["decision"].fillna("") != REJECT]
        items = []
        for r in mine.itertuples():
            if r.statement_id not in stmts.index:
                continue
            s = stmts.loc[r.statement_id]
            items.append(
                (
                    -float(r.score),
                    KIND_RANK.get(str(s["kind"]), len(KIND_RANK)),
                    str(s["kind"]),
                    str(s["text"]),
                    str(s["location"]),
                )
            )
        items.sort()  # strongest evidence first
        cols = {
            "content": _pick(items, CONTENT_KINDS, MAX_CONTENT),
            "readings": _pick(items, READING_KINDS, MAX_READINGS),
            "assignments": _pick(
                items, ASSESS_KINDS, MAX_ASSESS, lambda s: not is_assessment(s)
            ),
            "assessments": _pick(items, ASSESS_KINDS, MAX_ASSESS, is_assessment),
        }
        if status == NOT_COVERED:
            for key, lines in cols.items():
                if lines and key == "content":
                    cols[key] = ["(weak matches only)", *lines]
        if reviewed:  # the reviewer's evidence first
            ev = cov.at[comp.competency_id, "evidence_statement_id"]
            if ev in stmts.index:
                e = stmts.loc[ev]
                line = _fmt(str(e["kind"]), str(e["text"]), str(e["location"]))
                target = cols[_column_of(str(e["kind"]), str(e["text"]))]
                if line in target:
                    target.remove(line)
                target.insert(0, line)
        draft = (
            drafter.draft(comp.competency_id, course_id)
            if status != "covered"
            else None
        )
        rows.append(
            {
                "number": str(comp.number),
                "competency_id": comp.competency_id,
                "competency": comp.text,
                "status": status,
                "score": round(score, 4),
                "reviewed": reviewed,
                "content": "\n".join(cols["content"]),
                "readings": "\n".join(cols["readings"]),
                "assignments": "\n".join(cols["assignments"]),
                "assessments": "\n".join(cols["assessments"]),
                "assessment": "\n".join(cols["assignments"] + cols["assessments"]),
                "suggestion": str(gaps.at[comp.competency_id, "suggestion"])
                if comp.competency_id in gaps.index
                else "",
                "draft_outcome": draft.outcome if draft else "",
                "assessment_idea": draft.assessment_idea if draft else "",
            }
        )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def evidence_pack(
    alignment: Alignment,
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
    >>> paths = la.evidence_pack(result, "LTA 130", "cataloging_classification", out)
    >>> [p.name for p in paths]
    ['LTA130_cataloging_classification_evidence.docx', \
'LTA130_cataloging_classification_evidence.xlsx']
    """
    course_id, set_id = _resolve(alignment, course, set_id)
    table = evidence_table(alignment, course_id, set_id)
    guard = OutputGuard(out_dir, force=force)
    stem = f"{course_id}_{set_id}_evidence"
    # both files or neither: a pack never mixes two runs
    return guard.commit(
        {
            f"{stem}.docx": docx_bytes(alignment, course_id, set_id, table),
            f"{stem}.xlsx": xlsx_bytes(alignment, course_id, set_id, table),
        }
    )
