"""Gap report, levels 2 and 3: the program against each set, and the path.

Program x set says which sets one course covers in full, which only several
courses together, which are partial and which are absent (the view of a
recognition agreement). The certification path applies the framework's rule
(required sets plus ``rule.n_electives`` electives) to the program's sets.
"""

from __future__ import annotations

import pandas as pd

from ..columns import COVERED, NOT_COVERED, PARTIAL
from ._base import (
    ABSENT,
    ACROSS_COURSES,
    PATH_COLUMNS,
    PROGRAM_COMPETENCY_COLUMNS,
    PROGRAM_SET_COLUMNS,
    SINGLE_COURSE,
    SOME_COVERED,
    Ctx,
    as_bool,
    missing_text,
    numbers,
)

PATH_BASIS = (
    "A set counts as complete for the certification path when the program's "
    "courses together cover every competency of the set (the view of a "
    "recognition agreement, which looks at the program's required courses). "
    "Sets covered in full by a single course are named separately: only those "
    "courses could be submitted on their own for LSSC course approval."
)


def absent_set_suggestion(set_name: str, total: int) -> str:
    """The one suggestion for a set that no course addresses."""
    return (
        f"No course addresses {set_name}: no course has it as its primary set "
        f"and none covers any of its {total} competencies. To offer it, add a "
        "course (or a unit in a related course) with a learning outcome and an "
        "assessed assignment for each competency."
    )


def _by_competency(ctx: Ctx) -> pd.DataFrame:
    """One row per competency: its best status over the courses (one pass)."""
    cov = ctx.cov
    covered = ctx.covered_courses
    partial = set(cov.loc[cov["status"] == PARTIAL, "competency_id"])
    reviewed = set(
        cov.loc[(cov["status"] == COVERED) & cov["reviewed"], "competency_id"]
    )
    # best course per competency: highest score, then course id (stable)
    best = (
        cov.sort_values(
            ["competency_id", "score", "course_id"],
            ascending=[True, False, True],
            kind="stable",
        )
        .drop_duplicates("competency_id")
        .set_index("competency_id")
    )
    rows = []
    for comp in ctx.comps.itertuples():
        cid = comp.competency_id
        courses = covered.get(cid, [])
        status = COVERED if courses else PARTIAL if cid in partial else NOT_COVERED
        has_best = cid in best.index
        rows.append(
            {
                "set_id": comp.set_id,
                "competency_id": cid,
                "number": comp.number,
                "competency": comp.text,
                "status": status,
                "covered_by": ", ".join(ctx.code.get(c, c) for c in courses),
                "best_course_id": str(best.at[cid, "course_id"]) if has_best else "",
                "best_score": float(best.at[cid, "score"]) if has_best else 0.0,
                "reviewed": cid in reviewed,
            }
        )
    return pd.DataFrame(rows, columns=PROGRAM_COMPETENCY_COLUMNS)


def _covering(ctx: Ctx, set_id: str) -> str:
    """``LTA 110: #1, #2; LTA 150: #9``: which courses cover which competencies."""
    by_course: dict[str, list[str]] = {}
    for comp in ctx.comps[ctx.comps["set_id"] == set_id].itertuples():
        for c in ctx.covered_courses.get(comp.competency_id, []):
            by_course.setdefault(c, []).append(comp.number)
    return "; ".join(
        f"{ctx.code.get(c, c)}: {numbers(nums)}"
        for c, nums in sorted(by_course.items())
    )


def _set_status(
    single: list[str],
    n_cov: int,
    total: int,
    covering: str,
    missing: pd.DataFrame,
    unknown: pd.DataFrame,
) -> tuple[str, str]:
    """``(status, verdict)`` of one set over the program (one of PROGRAM_STATUSES)."""
    if single:
        return SINGLE_COURSE, (
            f"covered in full by one course ({', '.join(single)}); "
            "it could be submitted for course approval"
        )
    if n_cov == total and total:
        return ACROSS_COURSES, (
            f"all {total} competencies covered only across several "
            f"courses ({covering}); no single course covers the set, "
            "so none could be submitted alone for course approval"
        )
    if n_cov:
        verdict = f"covered {n_cov} of {total}"
        if len(missing):
            verdict += "; missing " + numbers(missing["number"])
        if len(unknown):
            verdict += "; unknown (wording not known): " + numbers(unknown["number"])
        return SOME_COVERED, verdict
    n_part = int((missing["status"] == PARTIAL).sum())
    return ABSENT, "no course covers any competency of this set" + (
        f" ({n_part} only partly addressed)" if n_part else ""
    )


def _set_row(ctx: Ctx, s, pc: pd.DataFrame, primaries: set[str]) -> dict:
    """One row of ``program_sets`` for the set ``s`` (a row of ``ctx.sets``)."""
    cs = ctx.course_sets
    sub = pc[pc["set_id"] == s.set_id]
    total = len(sub)
    n_cov = int((sub["status"] == COVERED).sum())
    complete_courses = sorted(
        cs.loc[
            (cs["set_id"] == s.set_id) & cs["complete"].map(as_bool), "course_id"
        ].unique()
    )
    single = [ctx.code.get(c, c) for c in complete_courses]
    covering = _covering(ctx, s.set_id)
    # a placeholder (wording known only in part) nobody confirmed is unknown:
    # never listed as missing, i.e. as work to do
    placeholder = sub["competency_id"].isin(ctx.partial_ids)
    unknown = sub[placeholder & (sub["status"] != COVERED)]
    missing = sub[~placeholder & (sub["status"] != COVERED)]
    status, verdict = _set_status(single, n_cov, total, covering, missing, unknown)
    suggestion = ""
    if status == ABSENT and s.set_id not in primaries:
        suggestion = absent_set_suggestion(s.set_name, total)
    return {
        "set_id": s.set_id,
        "set_name": s.set_name,
        "required": bool(s.required),
        "total": total,
        "covered": n_cov,
        "status": status,
        "complete": status in {SINGLE_COURSE, ACROSS_COURSES},
        "single_courses": ", ".join(single),
        "covering": covering,
        "missing": missing_text(missing),
        "verdict": verdict,
        "reviewed": bool(sub.loc[sub["status"] == COVERED, "reviewed"].any()),
        "provisional_note": ctx.provisional(s.set_id),
        "suggestion": suggestion,
    }


def program_level(ctx: Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(program_sets, program_competencies)`` (see :class:`GapReport`)."""
    pc = _by_competency(ctx)
    primaries = set(ctx.courses["home_set_id"]) - {""}
    rows = [_set_row(ctx, s, pc, primaries) for s in ctx.sets.itertuples()]
    return pd.DataFrame(rows, columns=PROGRAM_SET_COLUMNS), pc


def _open_gaps(ctx: Ctx, ps: pd.DataFrame) -> pd.Series:
    """Per set, the competencies still to cover, placeholders of unknown wording
    (nobody can close those) left out."""
    unknown: dict[str, int] = {}
    for comp in ctx.comps.itertuples():
        if comp.competency_id in ctx.partial_ids and not ctx.covered_courses.get(
            comp.competency_id
        ):
            unknown[comp.set_id] = unknown.get(comp.set_id, 0) + 1
    n_unknown = ps["set_id"].map(unknown).fillna(0).astype(int)
    return ps["total"] - ps["covered"] - n_unknown


def _path_plan(
    ps: pd.DataFrame, n_electives: int, missing_count: pd.Series
) -> tuple[set[str], set[str]]:
    """``(counts, plan)``: sets counted toward the path, sets whose gaps to close.

    Counted: the complete required sets and up to ``n_electives`` complete
    electives, fully known sets first (a verdict on a set known in part is
    provisional). Plan: every incomplete required set, then the incomplete
    electives with the fewest missing competencies (framework order breaks
    ties) until ``n_electives`` electives would be complete.
    """
    req = ps[ps["required"]]
    ele = ps[~ps["required"]]
    counts = set(req.loc[req["complete"], "set_id"])
    done_electives = ele[ele["complete"]]
    firm = done_electives.assign(_p=done_electives["provisional_note"] != "")
    firm = firm.sort_values("_p", kind="stable")
    counts |= set(firm["set_id"].head(n_electives))
    plan = set(req.loc[~req["complete"], "set_id"])
    need = max(0, n_electives - len(done_electives))
    if need:
        todo = ele[~ele["complete"]].assign(
            _missing=missing_count[~ps["required"] & ~ps["complete"]],
            _order=range(int((~ele["complete"]).sum())),
        )
        todo = todo.sort_values(["_missing", "_order"], kind="stable")
        plan |= set(todo["set_id"].head(need))
    return counts, plan


def _path_verdict(ps: pd.DataFrame, path: pd.DataFrame, n_electives: int) -> str:
    """The one-sentence verdict on the certification path."""
    req = ps[ps["required"]]
    n_req = len(req)
    req_done = int(req["complete"].sum())
    ele_done = int((~ps["required"] & ps["complete"]).sum())
    used = path["counts"] | path["in_plan"]
    prov = path.loc[used & (path["provisional_note"] != ""), "set_name"].tolist()
    prov_txt = (
        f" Provisional: it relies on {', '.join(prov)}, known only in part in "
        "this framework."
        if prov
        else ""
    )
    if req_done == n_req and ele_done >= n_electives:
        return (
            f"Yes: a student can complete the certification through this program: "
            f"all {n_req} required sets and {ele_done} elective sets "
            f"(at least {n_electives} needed) are covered by the program's "
            f"courses.{prov_txt}"
        )
    n_gaps = int(path.loc[path["in_plan"], "missing_count"].sum())
    parts = []
    if req_done < n_req:
        parts.append(f"{n_req - req_done} of {n_req} required sets incomplete")
    if ele_done < n_electives:
        parts.append(f"only {ele_done} of {n_electives} elective sets complete")
    return (
        "Not yet: " + " and ".join(parts) + f". The shortest route closes "
        f"{n_gaps} competency gap(s) in "
        + ", ".join(path.loc[path["in_plan"], "set_name"])
        + "."
        + prov_txt
    )


def certification_path(ctx: Ctx, ps: pd.DataFrame) -> tuple[pd.DataFrame, str, str]:
    """Return ``(path, path_verdict, path_basis)``; empty when there is no rule.

    The shortest list of gaps: every incomplete required set, then the
    incomplete electives with the fewest missing competencies (framework order
    breaks ties) until ``rule.n_electives`` electives would be complete.
    """
    rule = ctx.fw.rule
    if rule is None:
        return pd.DataFrame(columns=PATH_COLUMNS), "", ""
    missing_count = _open_gaps(ctx, ps)
    counts, plan = _path_plan(ps, rule.n_electives, missing_count)
    rows = [
        {
            "set_id": r.set_id,
            "set_name": r.set_name,
            "required": r.required,
            "complete": r.complete,
            "single_course": r.status == SINGLE_COURSE,
            "counts": r.set_id in counts,
            "missing_count": int(miss),
            "in_plan": r.set_id in plan,
            "provisional_note": r.provisional_note,
        }
        for r, miss in zip(ps.itertuples(), missing_count, strict=True)
    ]
    path = pd.DataFrame(rows, columns=PATH_COLUMNS)
    return path, _path_verdict(ps, path, rule.n_electives), PATH_BASIS
