"""Gap report, level 1: each course against its primary set (course approval).

A course is reported for its primary set and for any set where it covers at
least half of the competencies; every competency gets its status, score and
the syllabus statement that is the evidence. A general course (a practicum:
no primary set, nothing covered to half) gets one row with role ``general``
and an empty ``set_id``, so every course appears. A placeholder competency
(the framework knows its wording only in part) that no reviewer confirmed has
status ``unknown``: it is neither covered nor missing.
"""

from __future__ import annotations

import pandas as pd

from ..columns import COVERED, NOT_COVERED, PARTIAL
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
    if course.home_set_id:
        chosen.append((course.home_set_id, "primary"))
    for r in mine.itertuples():
        if r.set_id != course.home_set_id and float(r.coverage) >= 0.5:
            chosen.append((r.set_id, "also"))
    chosen.sort(key=lambda t: (t[1] != "primary", set_order.get(t[0], 99)))
    return [(s, role) for s, role in chosen if s in set_order]


UNKNOWN = "unknown"
"""Status of a placeholder competency nobody confirmed (see module docstring)."""


def decided_pairs(ctx: Ctx) -> set[tuple[str, str]]:
    """(course_id, set_id) pairs where a reviewer accepted, added or rejected."""
    m = ctx.matches
    m = m[m["decision"] != ""]
    return set(zip(m["course_id"], m["set_id"].astype(str), strict=True))


def decided_sets(ctx: Ctx) -> set[str]:
    """Sets whose program verdict may rest on a reviewer decision."""
    return {set_id for _, set_id in decided_pairs(ctx)}


def _status(st: pd.Series | None, partial: bool) -> str:
    status = NOT_COVERED if st is None else str(st["status"])
    if partial and status != COVERED:
        return UNKNOWN
    return status


def _detail(ctx: Ctx, course, set_id: str) -> pd.DataFrame:
    rows = []
    for comp in ctx.comps[ctx.comps["set_id"] == set_id].itertuples():
        st = ctx.status(course.course_id, comp.competency_id)
        partial = bool(getattr(comp, "partial", False))
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
                "status": _status(st, partial),
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


def _general_row(course) -> dict:
    share = float(getattr(course, "primary_score", 0.0) or 0.0)
    leans = (
        f"; it leans to {course.primary_set_name}" if course.primary_set_name else ""
    )
    return {
        "course_id": course.course_id,
        "course_code": course.course_code,
        "course_title": course.course_title,
        "set_id": "",
        "set_name": "",
        "required": False,
        "role": "general",
        "covered": 0,
        "partial": 0,
        "total": 0,
        "complete": False,
        "verdict": "general course: no primary set (its statements spread over "
        f"several sets; the largest share is {share:.0%}{leans}), so it is not "
        "checked against one set",
        "missing": "",
        "reviewed": False,
        "provisional_note": "",
    }


def _verdict(d: pd.DataFrame) -> tuple[int, bool, str, pd.DataFrame]:
    total = len(d)
    covered = int((d["status"] == COVERED).sum())
    unknown = d[d["status"] == UNKNOWN]
    missing = d[~d["status"].isin([COVERED, UNKNOWN])]
    complete = covered == total and total > 0
    if complete:
        verdict = f"covers all {total} competencies"
    else:
        verdict = f"covers {covered} of {total} competencies"
        if len(missing):
            verdict += "; missing " + numbers(missing["number"])
    if len(unknown):
        verdict += "; wording not known (unknown): " + numbers(unknown["number"])
    return covered, complete, verdict, missing


def course_level(ctx: Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(course_verdicts, course_detail)`` (see :class:`GapReport`)."""
    verdicts, detail = [], []
    decided = decided_pairs(ctx)
    for course in ctx.courses.itertuples():
        chosen = _chosen_sets(ctx, course)
        if not chosen:
            verdicts.append(_general_row(course))
        for set_id, role in chosen:
            info = ctx.set_info(set_id)
            d = _detail(ctx, course, set_id)
            detail.append(d)
            total = len(d)
            covered, complete, verdict, missing = _verdict(d)
            on_review = (course.course_id, set_id) in decided
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
                    "partial": int((d["status"] == PARTIAL).sum()),
                    "total": total,
                    "complete": complete,
                    "verdict": verdict,
                    "missing": missing_text(missing),
                    "reviewed": on_review
                    or bool(d.loc[d["status"] == COVERED, "reviewed"].any()),
                    "provisional_note": ctx.provisional(set_id),
                }
            )
    detail_df = (
        pd.concat(detail, ignore_index=True)
        if detail
        else pd.DataFrame(columns=COURSE_DETAIL_COLUMNS)
    )
    return pd.DataFrame(verdicts, columns=COURSE_VERDICT_COLUMNS), detail_df
