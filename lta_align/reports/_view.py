"""The view of a gap report that both renderers draw: courses, gap groups, texts.

Computed once from a :class:`~lta_align.reports.GapReport`'s tables; the HTML
(:mod:`._html`) and Markdown (:mod:`._markdown`) renderers only lay it out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._base import PROVISIONAL_MARKER

HOMELESS_TEXT = (
    "No course has this as its primary set and no statement in the program is "
    "strong enough to build on for these competencies: add a unit or a course "
    "with a learning outcome and an assessed assignment for each."
)
ADD_TEXT = (
    "Add to {course} a learning outcome and an assessed assignment for each "
    "competency below (nothing in the course is strong enough to build on)."
)
ACROSS_TEXT = (
    "Every competency is covered, but only across several courses; for LSSC "
    "course approval one course would need to cover them all."
)
UNKNOWN_TEXT = (
    "Unknown, not a gap: the framework does not know the full wording of these "
    "competencies, so whether the program covers them cannot be judged. Check "
    "them against the official ALA-APA text before planning any work."
)
STATUS_SYMBOL = {
    "covered": "\u25cf",
    "partial": "\u25d0",
    "not covered": "\u25cb",
    "unknown": "?",
}


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return df.to_dict("records")


def _course_label(report: Any, course_id: str, gaps: pd.DataFrame) -> str:
    code = str(gaps["home_course_code"].iloc[0])
    cv = report.course_verdicts
    titles = cv.loc[cv["course_id"] == course_id, "course_title"]
    return f"{code} ({titles.iloc[0]})" if len(titles) else code


def _courses(report: Any) -> list[dict[str, Any]]:
    """Every course with its reported sets (a general course: no table)."""
    courses = []
    cv = report.course_verdicts
    detail = report.course_detail
    # grouped once (filtering the tables per course was quadratic)
    by_pair: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for d in _records(detail):
        by_pair.setdefault((d["course_id"], d["set_id"]), []).append(d)
    by_course: dict[Any, list[dict[str, Any]]] = {}
    for v in _records(cv):
        by_course.setdefault(v["course_id"], []).append(v)
    for cid in dict.fromkeys(cv["course_id"]):
        sets = []
        for v in by_course[cid]:
            v["rows"] = list(by_pair.get((cid, v["set_id"]), ()))
            sets.append(v)
        first = sets[0]
        courses.append(
            {
                "course_id": cid,
                "course_code": first["course_code"],
                "course_title": first["course_title"],
                "sets": sets,
            }
        )
    return courses


def _gap_set(report: Any, s: dict[str, Any], g: pd.DataFrame) -> dict[str, Any]:
    """One set of "Gaps to close": its gaps grouped by what to do."""
    s["unknown"] = _records(g[g["action"] == "unknown"])
    g = g[g["action"] != "unknown"]
    s["gaps"] = _records(g)
    # gaps with a natural home course get their own suggestion; those with
    # none share one sentence (or the set-level suggestion)
    s["homed"] = _records(g[g["action"] == "strengthen"])
    s["add_groups"] = [
        {
            "text": ADD_TEXT.format(
                course=_course_label(report, home, sub), n=len(sub)
            ),
            "gaps": _records(sub),
        }
        for home, sub in g[g["action"] == "add"].groupby("home_course_id", sort=True)
    ]
    s["homeless"] = _records(g[g["action"] == "new"])
    return s


def view_context(report: Any) -> dict[str, Any]:
    """The dict both renderers draw (see the module docstring)."""
    gaps = report.gaps
    ps = report.program_sets
    plan = report.path[report.path["in_plan"]] if len(report.path) else report.path
    program_gaps = gaps[gaps["scope"] == "program"]
    gap_sets = []
    for s in _records(ps[ps["status"] != "single course"]):
        g = program_gaps[program_gaps["set_id"] == s["set_id"]]
        if len(g) or s["status"] == "across courses":
            gap_sets.append(_gap_set(report, s, g))
    gap_sets.sort(
        key=lambda s: (s["set_id"] not in set(plan["set_id"]), not s["required"])
    )
    course_gaps = gaps[(gaps["scope"] != "program") & (gaps["action"] != "unknown")]
    return {
        "r": report,
        "sets": _records(ps),
        "path": _records(report.path),
        "plan": _records(plan),
        "gap_sets": gap_sets,
        "course_gaps": _records(course_gaps),
        "courses": _courses(report),
        "problems": _records(report.problems),
        "single": _records(ps[ps["status"] == "single course"]),
        "incomplete_notes": sorted({n for n in ps["provisional_note"] if n}),
        "marker": PROVISIONAL_MARKER,
        "homeless_text": HOMELESS_TEXT,
        "across_text": ACROSS_TEXT,
        "unknown_text": UNKNOWN_TEXT,
        **quality_view(report),
        **drafts_view(report),
    }


QUALITY_INTRO = (
    "How a reviewer will read the wording of each learning outcome: its main "
    "action verb and Bloom level, and outcomes that are not measurable, have no "
    "action verb, join separately assessable actions, are too long, repeat an "
    "outcome of another course, or sit below the level the course's place in "
    "the program suggests. Each flagged outcome has a suggested rewrite."
)
DRAFTS_INTRO = (
    "A drafted learning outcome and an assessment idea for each gap, worded for "
    "its home course. They are drafts for faculty to edit, not final wording."
)


def quality_view(report: Any) -> dict[str, Any]:
    """The "Outcome quality" section: counts per course and the flagged outcomes."""
    from ..columns import OUTCOME_ISSUES

    audit = getattr(report, "outcome_quality", None)
    summary = getattr(report, "outcome_quality_summary", None)
    if audit is None or summary is None:
        return {"quality": [], "quality_flagged": [], "quality_intro": QUALITY_INTRO}
    codes = dict(zip(summary["course_id"], summary["course_code"], strict=True))
    flagged = audit[audit["issues"] != ""].assign(
        course_code=lambda d: d["course_id"].map(lambda c: codes.get(c, c))
    )
    return {
        "quality": _records(summary),
        "quality_flagged": _records(flagged),
        "quality_issues": list(OUTCOME_ISSUES),
        "quality_total": len(audit),
        "quality_intro": QUALITY_INTRO,
    }


def drafts_view(report: Any) -> dict[str, Any]:
    """The drafted outcomes of every gap, once per (competency, home course)."""
    gaps = report.gaps
    if "draft_outcome" not in gaps.columns:
        return {"draft_gaps": [], "drafts_intro": DRAFTS_INTRO}
    rows = gaps.drop_duplicates(["competency_id", "home_course_id"])
    return {"draft_gaps": _records(rows), "drafts_intro": DRAFTS_INTRO}
