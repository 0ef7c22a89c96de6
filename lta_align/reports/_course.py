"""Gap report, level 1: each course against its primary set (course approval).

A course is reported for its primary set and for any set where it covers at
least half of the competencies; every competency gets its status, score and
the syllabus statement that is the evidence.
"""

from __future__ import annotations

import pandas as pd

from ._base import (
    COURSE_DETAIL_COLUMNS,
    COURSE_VERDICT_COLUMNS,
    Ctx,
    missing_text,
    numbers,
)


def _chosen_sets(ctx: Ctx, course) -> list[tuple[str, str]]:
    set_order = {s: i for i, s in enumerate(ctx.fw.set_ids)}
    cs = ctx.course_sets
    mine = cs[cs["course_id"] == course.course_id]
    chosen = []
    if course.primary_set_id:
        chosen.append((course.primary_set_id, "primary"))
    for r in mine.itertuples():
        if r.set_id != course.primary_set_id and float(r.coverage) >= 0.5:
            chosen.append((r.set_id, "also"))
    chosen.sort(key=lambda t: (t[1] != "primary", set_order.get(t[0], 99)))
    return [(s, role) for s, role in chosen if s in set_order]


def _detail(ctx: Ctx, course, set_id: str) -> pd.DataFrame:
    rows = []
    for comp in ctx.comps[ctx.comps["set_id"] == set_id].itertuples():
        st = ctx.status(course.course_id, comp.competency_id)
        sid = "" if st is None else str(st["evidence_statement_id"])
        text, kind, loc = ctx.evidence(sid)
        rows.append(
            {
                "course_id": course.course_id,
                "course_code": course.course_code,
                "set_id": set_id,
                "competency_id": comp.competency_id,
                "number": comp.number,
                "competency": comp.text,
                "status": "not covered" if st is None else str(st["status"]),
                "score": 0.0 if st is None else float(st["score"]),
                "level": "" if st is None else str(st["level"]),
                "reviewed": False if st is None else bool(st["reviewed"]),
                "evidence_statement_id": sid,
                "evidence": text,
                "evidence_kind": kind,
                "evidence_location": loc,
            }
        )
    return pd.DataFrame(rows, columns=COURSE_DETAIL_COLUMNS)


def course_level(ctx: Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(course_verdicts, course_detail)`` (see :class:`GapReport`)."""
    verdicts, detail = [], []
    for course in ctx.courses.itertuples():
        for set_id, role in _chosen_sets(ctx, course):
            info = ctx.set_info(set_id)
            d = _detail(ctx, course, set_id)
            detail.append(d)
            total = len(d)
            covered = int((d["status"] == "covered").sum())
            missing = d[d["status"] != "covered"]
            complete = covered == total and total > 0
            verdict = (
                f"covers all {total} competencies"
                if complete
                else f"covers {covered} of {total} competencies; missing "
                + numbers(missing["number"])
            )
            verdicts.append(
                {
                    "course_id": course.course_id,
                    "course_code": course.course_code,
                    "course_title": course.course_title,
                    "set_id": set_id,
                    "set_name": str(info["set_name"]),
                    "required": bool(info["required"]),
                    "role": role,
                    "covered": covered,
                    "partial": int((d["status"] == "partial").sum()),
                    "total": total,
                    "complete": complete,
                    "verdict": verdict,
                    "missing": missing_text(missing),
                    "reviewed": bool(d.loc[d["status"] == "covered", "reviewed"].any()),
                    "provisional_note": ctx.provisional(set_id),
                }
            )
    detail_df = (
        pd.concat(detail, ignore_index=True)
        if detail
        else pd.DataFrame(columns=COURSE_DETAIL_COLUMNS)
    )
    return pd.DataFrame(verdicts, columns=COURSE_VERDICT_COLUMNS), detail_df
