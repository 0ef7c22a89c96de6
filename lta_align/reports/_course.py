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
    numbers,
)


def _course_set_rows(ctx: Ctx) -> dict[str, list[tuple[str, float]]]:
    """course id -> its ``(set_id, coverage)`` rows in table order (built once)."""
    cs = ctx.course_sets
    out: dict[str, list[tuple[str, float]]] = {}
    for course_id, set_id, coverage in zip(
        cs["course_id"], cs["set_id"], cs["coverage"], strict=True
    ):
        out.setdefault(course_id, []).append((set_id, float(coverage)))
    return out


def _chosen_sets(
    ctx: Ctx,
    course,
    set_order: dict[str, int],
    rows: dict[str, list[tuple[str, float]]],
) -> list[tuple[str, str]]:
    chosen = []
    if course.home_set_id:
        chosen.append((course.home_set_id, "primary"))
    for set_id, coverage in rows.get(course.course_id, ()):
        if set_id != course.home_set_id and coverage >= 0.5:
            chosen.append((set_id, "also"))
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


def _detail(ctx: Ctx, course, set_id: str, comps: list) -> list[dict]:
    rows = []
    for comp in comps:
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
    return rows


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


def _verdict(d: list[dict]) -> tuple[int, bool, str, str]:
    total = len(d)
    covered = sum(r["status"] == COVERED for r in d)
    unknown = [r for r in d if r["status"] == UNKNOWN]
    missing = [r for r in d if r["status"] not in (COVERED, UNKNOWN)]
    complete = covered == total and total > 0
    if complete:
        verdict = f"covers all {total} competencies"
    else:
        verdict = f"covers {covered} of {total} competencies"
        if missing:
            verdict += "; missing " + numbers(r["number"] for r in missing)
    if unknown:
        verdict += "; wording not known (unknown): " + numbers(
            r["number"] for r in unknown
        )
    # as missing_text(): "#n text; #m text"
    missing_str = "; ".join(f"#{r['number']} {r['competency']}" for r in missing)
    return covered, complete, verdict, missing_str


def course_level(ctx: Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(course_verdicts, course_detail)`` (see :class:`GapReport`)."""
    verdicts, detail = [], []
    decided = decided_pairs(ctx)
    set_order = {s: i for i, s in enumerate(ctx.fw.set_ids)}
    cs_rows = _course_set_rows(ctx)
    comps_by_set: dict[str, list] = {}
    for comp in ctx.comps.itertuples():
        comps_by_set.setdefault(comp.set_id, []).append(comp)
    for course in ctx.courses.itertuples():
        chosen = _chosen_sets(ctx, course, set_order, cs_rows)
        if not chosen:
            verdicts.append(_general_row(course))
        for set_id, role in chosen:
            info = ctx.set_info(set_id)
            d = _detail(ctx, course, set_id, comps_by_set.get(set_id, []))
            detail.extend(d)
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
                    "partial": sum(r["status"] == PARTIAL for r in d),
                    "total": total,
                    "complete": complete,
                    "verdict": verdict,
                    "missing": missing,
                    "reviewed": on_review
                    or any(r["reviewed"] for r in d if r["status"] == COVERED),
                    "provisional_note": ctx.provisional(set_id),
                }
            )
    detail_df = pd.DataFrame(detail, columns=COURSE_DETAIL_COLUMNS)
    return pd.DataFrame(verdicts, columns=COURSE_VERDICT_COLUMNS), detail_df
