"""The table sheets of the alignment workbook: Matches (the review sheet),
Gaps, Courses, Framework and Problems."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._office import (
    Sheet,
    dropdown,
)
from ._cells import (
    DECISION_CHOICES,
    LEVEL_CHOICES,
    MATCH_SHEET_COLUMNS,
)


def _set_names(framework: Any) -> dict[str, str]:
    """Set id -> display name for every set id the matches may carry."""
    names = dict(
        zip(
            framework.sets["set_id"].astype(str),
            framework.sets["set_name"].astype(str),
            strict=True,
        )
    )
    comps = framework.competencies
    for set_id in comps["set_id"].astype(str).unique():
        names.setdefault(set_id, framework.set_name(set_id))
    return names


def matches_sheet(ws: Any, alignment: Any) -> None:
    s = Sheet(ws)
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
            "set": m["set_id"].map(_set_names(alignment.framework)).fillna(m["set_id"]),
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
    dropdown(
        s.ws,
        f"N2:N{end}",
        DECISION_CHOICES,
        "decision",
        "Choose accept, reject or add (or leave blank).",
    )
    dropdown(
        s.ws,
        f"O2:O{end}",
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
    Sheet(ws).table(
        g,
        [
            ("scope", "Scope", 14, False),
            ("set_name", "Set", 24, True),
            ("number", "#", 5, False),
            ("competency", "Competency", 50, True),
            ("best_status", "Status", 11, False),
            ("home_course_code", "Suggested course", 12, False),
            ("action", "Action", 11, False),
            ("suggestion", "Suggestion", 55, True),
            ("near_misses", "Closest statements", 55, True),
            ("in_plan", "On shortest route", 10, False),
            ("provisional_note", "Provisional", 30, True),
            ("competency_id", "competency_id", 28, False),
        ],
    )


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
