"""Gap report, levels 2 and 3: the program against each set, and the path.

Program x set says which sets one course covers in full, which only several
courses together, which are partial and which are absent (the view of a
recognition agreement). The certification path applies the framework's rule
(required sets plus ``rule.n_electives`` electives) to the program's sets.
"""

from __future__ import annotations

import pandas as pd

from ._base import (
    PATH_COLUMNS,
    PROGRAM_COMPETENCY_COLUMNS,
    PROGRAM_SET_COLUMNS,
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
    cov = ctx.cov
    rows = []
    for comp in ctx.comps.itertuples():
        sub = cov[cov["competency_id"] == comp.competency_id]
        covered = sub[sub["status"] == "covered"]
        if len(covered):
            status = "covered"
        elif (sub["status"] == "partial").any():
            status = "partial"
        else:
            status = "not covered"
        best = sub.sort_values(
            ["score", "course_id"], ascending=[False, True], kind="stable"
        )
        rows.append(
            {
                "set_id": comp.set_id,
                "competency_id": comp.competency_id,
                "number": comp.number,
                "competency": comp.text,
                "status": status,
                "covered_by": ", ".join(
                    ctx.code.get(c, c) for c in sorted(covered["course_id"].unique())
                ),
                "best_course_id": str(best["course_id"].iloc[0]) if len(best) else "",
                "best_score": float(best["score"].iloc[0]) if len(best) else 0.0,
                "reviewed": bool(covered["reviewed"].any()),
            }
        )
    return pd.DataFrame(rows, columns=PROGRAM_COMPETENCY_COLUMNS)


def _covering(ctx: Ctx, set_id: str) -> str:
    """``LTA 110: #1, #2; LTA 150: #9``: which courses cover which competencies."""
    cov = ctx.cov
    by_course: dict[str, list[str]] = {}
    for comp in ctx.comps[ctx.comps["set_id"] == set_id].itertuples():
        rows = cov[
            (cov["competency_id"] == comp.competency_id) & (cov["status"] == "covered")
        ]
        for c in sorted(rows["course_id"].unique()):
            by_course.setdefault(c, []).append(comp.number)
    return "; ".join(
        f"{ctx.code.get(c, c)}: {numbers(nums)}"
        for c, nums in sorted(by_course.items())
    )


def program_level(ctx: Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(program_sets, program_competencies)`` (see :class:`GapReport`)."""
    pc = _by_competency(ctx)
    cs = ctx.course_sets
    primaries = set(ctx.courses["primary_set_id"])
    set_rows = []
    for s in ctx.sets.itertuples():
        sub = pc[pc["set_id"] == s.set_id]
        total = len(sub)
        n_cov = int((sub["status"] == "covered").sum())
        complete_courses = sorted(
            cs.loc[
                (cs["set_id"] == s.set_id) & cs["complete"].map(as_bool), "course_id"
            ].unique()
        )
        single = [ctx.code.get(c, c) for c in complete_courses]
        covering = _covering(ctx, s.set_id)
        missing = sub[sub["status"] != "covered"]
        suggestion = ""
        if single:
            status = "single course"
            verdict = (
                f"covered in full by one course ({', '.join(single)}); "
                "it could be submitted for course approval"
            )
        elif n_cov == total and total:
            status = "across courses"
            verdict = (
                f"all {total} competencies covered only across several "
                f"courses ({covering}); no single course covers the set, "
                "so none could be submitted alone for course approval"
            )
        elif n_cov:
            status = "partial"
            verdict = f"covered {n_cov} of {total}; missing " + numbers(
                missing["number"]
            )
        else:
            status = "absent"
            n_part = int((sub["status"] == "partial").sum())
            verdict = "no course covers any competency of this set" + (
                f" ({n_part} only partly addressed)" if n_part else ""
            )
            if s.set_id not in primaries:
                suggestion = absent_set_suggestion(s.set_name, total)
        set_rows.append(
            {
                "set_id": s.set_id,
                "set_name": s.set_name,
                "required": bool(s.required),
                "total": total,
                "covered": n_cov,
                "status": status,
                "complete": status in {"single course", "across courses"},
                "single_courses": ", ".join(single),
                "covering": covering,
                "missing": missing_text(missing),
                "verdict": verdict,
                "reviewed": bool(sub.loc[sub["status"] == "covered", "reviewed"].any()),
                "provisional_note": ctx.provisional(s.set_id),
                "suggestion": suggestion,
            }
        )
    return pd.DataFrame(set_rows, columns=PROGRAM_SET_COLUMNS), pc


def certification_path(ctx: Ctx, ps: pd.DataFrame) -> tuple[pd.DataFrame, str, str]:
    """Return ``(path, path_verdict, path_basis)``; empty when there is no rule.

    The shortest list of gaps: every incomplete required set, then the
    incomplete electives with the fewest missing competencies (framework order
    breaks ties) until ``rule.n_electives`` electives would be complete.
    """
    rule = ctx.fw.rule
    if rule is None:
        return pd.DataFrame(columns=PATH_COLUMNS), "", ""
    missing_count = ps["total"] - ps["covered"]
    req = ps[ps["required"]]
    ele = ps[~ps["required"]]
    counts = set(req.loc[req["complete"], "set_id"])
    done_electives = ele[ele["complete"]]
    # count fully known sets first: a verdict on a set known in part is provisional
    firm = done_electives.assign(_p=done_electives["provisional_note"] != "")
    firm = firm.sort_values("_p", kind="stable")
    counts |= set(firm["set_id"].head(rule.n_electives))
    plan = set(req.loc[~req["complete"], "set_id"])
    need = max(0, rule.n_electives - len(done_electives))
    if need:
        todo = ele[~ele["complete"]].assign(
            _missing=missing_count[~ps["required"] & ~ps["complete"]],
            _order=range(int((~ele["complete"]).sum())),
        )
        todo = todo.sort_values(["_missing", "_order"], kind="stable")
        plan |= set(todo["set_id"].head(need))
    rows = [
        {
            "set_id": r.set_id,
            "set_name": r.set_name,
            "required": r.required,
            "complete": r.complete,
            "single_course": r.status == "single course",
            "counts": r.set_id in counts,
            "missing_count": int(miss),
            "in_plan": r.set_id in plan,
            "provisional_note": r.provisional_note,
        }
        for r, miss in zip(ps.itertuples(), missing_count, strict=True)
    ]
    path = pd.DataFrame(rows, columns=PATH_COLUMNS)
    n_req = len(req)
    req_done = int(req["complete"].sum())
    ele_done = len(done_electives)
    prov = [
        r.set_name
        for r in ps.itertuples()
        if r.provisional_note and (r.set_id in counts or r.set_id in plan)
    ]
    prov_txt = (
        f" Provisional: it relies on {', '.join(prov)}, known only in part in "
        "this framework."
        if prov
        else ""
    )
    if req_done == n_req and ele_done >= rule.n_electives:
        verdict = (
            f"Yes: a student can complete the certification through this program: "
            f"all {n_req} required sets and {ele_done} elective sets "
            f"(at least {rule.n_electives} needed) are covered by the program's "
            f"courses.{prov_txt}"
        )
    else:
        n_gaps = int(path.loc[path["in_plan"], "missing_count"].sum())
        parts = []
        if req_done < n_req:
            parts.append(f"{n_req - req_done} of {n_req} required sets incomplete")
        if ele_done < rule.n_electives:
            parts.append(
                f"only {ele_done} of {rule.n_electives} elective sets complete"
            )
        verdict = (
            "Not yet: " + " and ".join(parts) + f". The shortest route closes "
            f"{n_gaps} competency gap(s) in "
            + ", ".join(path.loc[path["in_plan"], "set_name"])
            + "."
            + prov_txt
        )
    return path, verdict, PATH_BASIS
