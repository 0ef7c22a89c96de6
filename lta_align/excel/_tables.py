"""The table sheets of the alignment workbook: Matches (the review sheet),
Gaps, Outcome quality, Courses, Framework and Problems."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._office import (
    Sheet,
    dropdown,
)
from ..reports._base import PROVISIONAL_MARKER
from ._cells import (
    DECISION_CHOICES,
    LEVEL_CHOICES,
    MATCH_SHEET_COLUMNS,
    REVIEWER_COLUMNS,
)

_MATCH_WIDTHS = {
    "course_id": 9,
    "course_code": 9,
    "statement_id": 17,
    "kind": 10,
    "statement": 48,
    "location": 12,
    "competency_id": 24,
    "set": 16,
    "competency": 44,
    "score": 7,
    "rank": 6,
    "ambiguous": 10,
    "match_strength": 10,
    "course_status": 10,
    "learned_from": 17,
    "decision": 10,
    "level": 11,
    "comment": 28,
}
_WRAPPED = {"statement", "competency", "comment", "set", "location"}


def _match_strength(m: pd.DataFrame, alignment: Any) -> list[str]:
    """The match's own rating (see MATCH_SHEET_COLUMNS), not the course's."""
    from ..reports._base import Ctx

    ctx = Ctx(alignment)
    out = []
    for kind, score, decision in zip(m["kind"], m["score"], m["decision"], strict=True):
        if decision == "reject":
            out.append("rejected")
        elif decision in {"accept", "add"}:
            out.append({"accept": "accepted", "add": "added"}[decision])
        else:
            out.append(ctx.strength(str(kind), float(score)))
    return out


def _unmatched_rows(alignment: Any, m: pd.DataFrame) -> pd.DataFrame:
    """Statements no match row mentions: one row each with no competency."""
    stmts = alignment.program.statements.drop_duplicates("statement_id")
    alone = stmts[~stmts["statement_id"].isin(m["statement_id"])]
    return pd.DataFrame(
        {
            "course_id": alone["course_id"],
            "statement_id": alone["statement_id"],
            "competency_id": "",
            "set_id": "",
            "score": 0.0,
            "rank": 0,
            "ambiguous": False,
            "kind": alone["kind"],
            "decision": "",
            "level": "",
            "note": "",
            "learned_from": "",
        }
    )


def _match_rows(alignment: Any) -> pd.DataFrame:
    """The rows of the Matches sheet: every match (rejected ones too), then
    each statement that matched nothing, course by course."""
    m = alignment.matches.copy()
    prog = alignment.program
    stmts = prog.statements.drop_duplicates("statement_id").set_index("statement_id")
    for name in ("decision", "level", "note", "kind", "learned_from"):
        if name not in m.columns:
            m[name] = ""
        m[name] = m[name].fillna("").astype(str)
    m["kind"] = m["statement_id"].map(stmts["kind"]).fillna(m["kind"])
    m["match_strength"] = _match_strength(m, alignment)
    extra = _unmatched_rows(alignment, m).assign(match_strength="no match")
    order = {
        c: i for i, c in enumerate(alignment.framework.competencies["competency_id"])
    }
    m = pd.concat([m, extra], ignore_index=True)
    m["_order"] = m["competency_id"].map(order).fillna(len(order))
    m = m.sort_values(
        ["course_id", "_order", "score", "statement_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    codes = dict(
        zip(
            alignment.courses["course_id"],
            alignment.courses["course_code"],
            strict=True,
        )
    )
    comps = alignment.framework.competencies.set_index("competency_id")
    cov = alignment.coverage.set_index(["course_id", "competency_id"])["status"]
    cov = cov[~cov.index.duplicated()]
    set_name = {s: alignment.framework.set_name(s) for s in alignment.framework.set_ids}
    return pd.DataFrame(
        {
            "course_id": m["course_id"],
            "course_code": m["course_id"].map(codes).fillna(m["course_id"]),
            "statement_id": m["statement_id"],
            "kind": m["kind"],
            "statement": m["statement_id"].map(stmts["text"]).fillna(""),
            "location": m["statement_id"].map(stmts["location"]).fillna(""),
            "competency_id": m["competency_id"],
            "set": m["set_id"].map(set_name).fillna(""),
            "competency": m["competency_id"].map(comps["text"]).fillna(""),
            "score": m["score"].astype(float).round(4),
            "rank": m["rank"].astype(int),
            "ambiguous": m["ambiguous"].map(lambda v: "yes" if bool(v) else ""),
            "match_strength": m["match_strength"],
            "course_status": [
                "" if not k else cov.get((c, k), "not covered")
                for c, k in zip(m["course_id"], m["competency_id"], strict=True)
            ],
            "learned_from": m["learned_from"],
            "decision": m["decision"],
            "level": m["level"],
            "comment": m["note"],
        }
    )


def matches_sheet(ws: Any, alignment: Any) -> None:
    """The review sheet (columns :data:`MATCH_SHEET_COLUMNS`)."""
    from openpyxl.utils import get_column_letter

    s = Sheet(ws)
    rows = _match_rows(alignment)
    specs = [(c, c, _MATCH_WIDTHS[c], c in _WRAPPED) for c in MATCH_SHEET_COLUMNS]
    last = s.table(rows, specs)
    letter = {
        c: get_column_letter(j) for j, c in enumerate(MATCH_SHEET_COLUMNS, start=1)
    }
    for name in REVIEWER_COLUMNS:  # reviewer columns stand out
        s.ws[f"{letter[name]}1"].fill = s.PatternFill(
            "solid", start_color="FFF2CC", end_color="FFF2CC"
        )
    s.ws.freeze_panes = "C2"
    end = last + 500
    d, lv = letter["decision"], letter["level"]
    dropdown(
        s.ws,
        f"{d}2:{d}{end}",
        DECISION_CHOICES,
        "decision",
        "Choose accept, reject or add (or leave blank).",
    )
    dropdown(
        s.ws,
        f"{lv}2:{lv}{end}",
        LEVEL_CHOICES,
        "level",
        "Choose introduced, reinforced or mastered.",
    )


def gaps_sheet(ws: Any, report: Any) -> None:
    g = report.gaps.copy()
    g["scope"] = g["scope"].map(
        lambda v: "program" if v == "program" else f"course {v}"
    )
    g["in_plan"] = g["in_plan"].map(lambda v: "yes" if v else "")
    # the short marker; the note itself is printed once, under the Summary's table
    g["provisional_note"] = g["provisional_note"].map(
        lambda v: PROVISIONAL_MARKER if v else ""
    )
    Sheet(ws).table(
        g,
        [
            ("scope", "Scope", 12, True),
            ("set_name", "Set", 16, True),
            ("number", "#", 4, False),
            ("competency", "Competency", 36, True),
            ("best_status", "Status", 11, False),
            ("home_course_code", "Suggested course", 10, True),
            ("action", "Action", 11, False),
            ("suggestion", "Suggestion", 44, True),
            ("draft_outcome", "Draft outcome (for faculty to edit)", 40, True),
            ("assessment_idea", "Assessment idea", 32, True),
            ("near_misses", "Closest statements", 44, True),
            ("in_plan", "On shortest route", 9, False),
            ("provisional_note", "Provisional", 12, False),
            ("competency_id", "competency_id", 28, False),
        ],
    )


def quality_sheet(ws: Any, report: Any) -> None:
    """The "Outcome quality" sheet: every outcome with verb, level, issues, rewrite."""
    a = report.outcome_quality.copy()
    codes = dict(
        zip(
            report.outcome_quality_summary["course_id"],
            report.outcome_quality_summary["course_code"],
            strict=True,
        )
    )
    a.insert(0, "course_code", a["course_id"].map(codes).fillna(a["course_id"]))
    s = Sheet(ws)
    last = s.table(
        a,
        [
            ("course_code", "Course", 10, False),
            ("text", "Outcome", 60, True),
            ("verb", "Verb", 14, False),
            ("bloom_level", "Bloom level", 12, False),
            ("issues", "Issues", 22, True),
            ("suggestion", "Suggestion", 70, True),
            ("statement_id", "statement_id", 18, False),
        ],
    )
    from openpyxl.styles import PatternFill

    flagged = PatternFill(fill_type="solid", fgColor="FDECEA")
    for row in range(2, last + 1):
        if ws.cell(row=row, column=5).value:
            ws.cell(row=row, column=5).fill = flagged


def courses_sheet(ws: Any, alignment: Any) -> None:
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
    Sheet(ws).table(c, specs)


def framework_sheet(ws: Any, alignment: Any) -> None:
    fw = alignment.framework
    s = Sheet(ws)
    s.widths([18, 9.8, 4, 54, 22, 14, 18])
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
            ("set_name", "Set", 18, True),
            ("required", "Required", 9.8, False),
            ("number", "#", 4, False),
            ("text", "Competency", 54, True),
            ("competency_id", "competency_id", 22, False),
            ("partial", "Partial text", 14, True),
            ("known", "Set", 18, True),
        ],
        start_row=4,
    )


def problems_sheet(ws: Any, alignment: Any) -> None:
    p = alignment.program.problems
    s = Sheet(ws)
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
