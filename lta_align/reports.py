"""Gap reports: what a program covers, what it misses and how to close the gaps.

Compute only: :func:`gap_report` turns an alignment into tables
(:class:`GapReport`); :mod:`lta_align._report_html` renders them as HTML or
Markdown.

Three levels are reported:

* **course x set** - for each course its primary set (and any set where it
  covers at least half): every competency with status, score and evidence.
  This is the view of the LSSC *course approval* rule: a course is approved
  for a set only when it alone covers every competency of the set.
* **program x set** - which sets one course covers in full, which are covered
  only when several courses are put together, which are partial and which are
  absent. This is the view of an LSSC *recognition agreement*, which looks at
  the program's required courses together.
* **certification path** - whether a student can complete LSSC through the
  program (all required sets plus ``rule.n_electives`` electives). A set counts
  as complete for the path when the program's courses *together* cover every
  competency; the sets covered by a single course are named separately because
  only those could be submitted for course approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = ["GapReport", "gap_report"]

STATUS_ORDER = {"covered": 0, "partial": 1, "not covered": 2}
PROGRAM_STATUSES = ("single course", "across courses", "partial", "absent")
N_NEAR_MISSES = 3

COURSE_VERDICT_COLUMNS = [
    "course_id",
    "course_code",
    "course_title",
    "set_id",
    "set_name",
    "required",
    "role",
    "covered",
    "partial",
    "total",
    "complete",
    "verdict",
    "missing",
    "reviewed",
    "provisional_note",
]
COURSE_DETAIL_COLUMNS = [
    "course_id",
    "course_code",
    "set_id",
    "competency_id",
    "number",
    "competency",
    "status",
    "score",
    "level",
    "reviewed",
    "evidence_statement_id",
    "evidence",
    "evidence_kind",
    "evidence_location",
]
PROGRAM_SET_COLUMNS = [
    "set_id",
    "set_name",
    "required",
    "total",
    "covered",
    "status",
    "complete",
    "single_courses",
    "covering",
    "missing",
    "verdict",
    "reviewed",
    "provisional_note",
]
PROGRAM_COMPETENCY_COLUMNS = [
    "set_id",
    "competency_id",
    "number",
    "competency",
    "status",
    "covered_by",
    "best_course_id",
    "best_score",
    "reviewed",
]
PATH_COLUMNS = [
    "set_id",
    "set_name",
    "required",
    "complete",
    "single_course",
    "counts",
    "missing_count",
    "in_plan",
    "provisional_note",
]
GAP_COLUMNS = [
    "scope",
    "set_id",
    "set_name",
    "competency_id",
    "number",
    "competency",
    "best_status",
    "home_course_id",
    "home_course_code",
    "near_misses",
    "suggestion",
    "in_plan",
    "provisional_note",
]
NEAR_MISS_COLUMNS = [
    "scope",
    "set_id",
    "competency_id",
    "course_id",
    "course_code",
    "statement_id",
    "kind",
    "text",
    "location",
    "score",
    "status",
]


@dataclass(frozen=True)
class GapReport:
    """The tables of a gap report, ready to show, filter or render.

    Attributes
    ----------
    framework_name, framework_version, source_note : str
        Printed in every rendering; ``source_note`` says where the competency
        wording comes from (for LSSC: a paraphrase).
    program_name : str
        Label of the program (input folder name).
    course_verdicts : pandas.DataFrame
        One row per (course, set) reported: ``course_id, course_code,
        course_title, set_id, set_name, required, role`` (``primary`` or
        ``also``: covers at least half), ``covered, partial, total, complete,
        verdict, missing, reviewed, provisional_note``.
    course_detail : pandas.DataFrame
        Every competency of each reported (course, set): ``course_id,
        course_code, set_id, competency_id, number, competency, status, score,
        level, reviewed, evidence_statement_id, evidence, evidence_kind,
        evidence_location``.
    program_sets : pandas.DataFrame
        One row per set of the framework: ``set_id, set_name, required, total,
        covered, status`` (``single course``, ``across courses``, ``partial``,
        ``absent``), ``complete, single_courses, covering, missing, verdict,
        reviewed, provisional_note``.
    program_competencies : pandas.DataFrame
        One row per competency: ``set_id, competency_id, number, competency,
        status`` (best over the courses), ``covered_by, best_course_id,
        best_score, reviewed``.
    path : pandas.DataFrame
        The certification path, one row per set: ``set_id, set_name, required,
        complete, single_course, counts`` (counted toward the path),
        ``missing_count, in_plan`` (part of the shortest list of gaps to close),
        ``provisional_note``. Empty when the framework has no rule.
    path_verdict, path_basis : str
        One-sentence verdict on the certification path and the basis used.
    gaps : pandas.DataFrame
        ``scope`` (``program`` or a course id for the course's primary set),
        ``set_id, set_name, competency_id, number, competency, best_status,
        home_course_id, home_course_code, near_misses, suggestion, in_plan,
        provisional_note``.
    near_misses : pandas.DataFrame
        The closest existing statements for each gap: ``scope, set_id,
        competency_id, course_id, course_code, statement_id, kind, text,
        location, score, status``.
    problems : pandas.DataFrame
        Input problems: ``source, severity, reason``.
    method : str
        The matching method of the alignment.
    """

    framework_name: str
    framework_version: str
    source_note: str
    program_name: str
    course_verdicts: pd.DataFrame
    course_detail: pd.DataFrame
    program_sets: pd.DataFrame
    program_competencies: pd.DataFrame
    path: pd.DataFrame
    path_verdict: str
    path_basis: str
    gaps: pd.DataFrame
    near_misses: pd.DataFrame
    problems: pd.DataFrame
    method: str = ""
    rule_text: str = ""
    n_courses: int = 0
    n_statements: int = 0

    def summary(self) -> str:
        """Return a short plain-text summary: framework, path verdict, set statuses."""
        lines = [
            f"{self.framework_name} (version {self.framework_version})",
            self.path_verdict or "No certification rule in this framework.",
        ]
        for status in PROGRAM_STATUSES:
            names = self.program_sets.loc[
                self.program_sets["status"] == status, "set_name"
            ].tolist()
            if names:
                lines.append(f"{status}: {', '.join(names)}")
        lines.append(f"Note: {self.source_note}" if self.source_note else "")
        return "\n".join(line for line in lines if line)

    def to_html(self, *, plots: bool = True, alignment: Any = None) -> str:
        """Return the report as one self-contained HTML page.

        Parameters
        ----------
        plots : bool, default=True
            Embed the per-set coverage bars (and, when ``alignment`` is given,
            the course x competency heatmap) as PNG images.
        alignment : Alignment, optional
            Needed for the heatmap.
        """
        from ._report_html import render_html

        return render_html(self, plots=plots, alignment=alignment)

    def to_markdown(self) -> str:
        """Return the report as Markdown (no images)."""
        from ._report_html import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:  # notebooks
        return self.to_html(plots=False)

    def __repr__(self) -> str:
        return f"GapReport({self.program_name!r}: {self.path_verdict})"


# --- helpers ------------------------------------------------------------------
def _col(df: pd.DataFrame, name: str, default: Any) -> pd.Series:
    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index)


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    try:
        return bool(value) and not pd.isna(value)
    except (TypeError, ValueError):
        return bool(value)


def _short(text: str, limit: int = 90) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _lower_first(text: str) -> str:
    text = str(text).rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _missing_text(rows: pd.DataFrame) -> str:
    return "; ".join(f"#{r.number} {r.competency}" for r in rows.itertuples())


class _Ctx:
    """Lookups shared by the builders."""

    def __init__(self, alignment: Any) -> None:
        self.fw = alignment.framework
        self.program = alignment.program
        comps = self.fw.competencies.copy()
        comps["number"] = comps["number"].astype(str)
        self.comps = comps
        self.comp_by_id = comps.set_index("competency_id")
        self.sets = self.fw.sets
        stmts = self.program.statements
        self.stmt = stmts.drop_duplicates("statement_id").set_index("statement_id")
        courses = alignment.courses.copy()
        for c in ("primary_set_id", "primary_set_name"):
            courses[c] = _col(courses, c, "").fillna("").astype(str)
        self.courses = courses.sort_values("course_id", kind="stable")
        self.code = dict(
            zip(self.courses["course_id"], self.courses["course_code"], strict=True)
        )
        cov = alignment.coverage.copy()
        cov["level"] = _col(cov, "level", "").fillna("").astype(str)
        cov["reviewed"] = _col(cov, "reviewed", False).map(_bool)
        cov["evidence_statement_id"] = (
            cov["evidence_statement_id"].fillna("").astype(str)
        )
        self.cov = cov
        self.cov_idx = cov.set_index(["course_id", "competency_id"])
        m = alignment.matches.copy()
        m["decision"] = _col(m, "decision", "").fillna("").astype(str)
        self.matches = m
        self.course_sets = alignment.course_sets

    def status(self, course_id: str, comp_id: str) -> pd.Series | None:
        try:
            row = self.cov_idx.loc[(course_id, comp_id)]
        except KeyError:
            return None
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        return row

    def evidence(self, sid: str) -> tuple[str, str, str]:
        if not sid or sid not in self.stmt.index:
            return "", "", ""
        r = self.stmt.loc[sid]
        return str(r["text"]), str(r["kind"]), str(r["location"])

    def provisional(self, set_id: str) -> str:
        return self.fw.provisional_note(set_id)

    def set_info(self, set_id: str) -> pd.Series:
        return self.sets.set_index("set_id").loc[set_id]


# --- level 1: course x set ------------------------------------------------------
def _course_level(ctx: _Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    verdicts, detail = [], []
    cs = ctx.course_sets
    set_order = {s: i for i, s in enumerate(ctx.fw.set_ids)}
    for course in ctx.courses.itertuples():
        mine = cs[cs["course_id"] == course.course_id]
        chosen = []
        if course.primary_set_id:
            chosen.append((course.primary_set_id, "primary"))
        for r in mine.itertuples():
            if r.set_id != course.primary_set_id and float(r.coverage) >= 0.5:
                chosen.append((r.set_id, "also"))
        chosen.sort(key=lambda t: (t[1] != "primary", set_order.get(t[0], 99)))
        for set_id, role in chosen:
            if set_id not in set_order:
                continue
            info = ctx.set_info(set_id)
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
            d = pd.DataFrame(rows, columns=COURSE_DETAIL_COLUMNS)
            detail.append(d)
            total = len(d)
            covered = int((d["status"] == "covered").sum())
            partial = int((d["status"] == "partial").sum())
            missing = d[d["status"] != "covered"]
            complete = covered == total and total > 0
            if complete:
                verdict = f"covers all {total} competencies"
            else:
                verdict = (
                    f"covers {covered} of {total} competencies; missing "
                    + ", ".join(f"#{n}" for n in missing["number"])
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
                    "partial": partial,
                    "total": total,
                    "complete": complete,
                    "verdict": verdict,
                    "missing": _missing_text(missing),
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


# --- level 2: program x set -----------------------------------------------------
def _program_level(ctx: _Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    cov = ctx.cov
    comp_rows = []
    for comp in ctx.comps.itertuples():
        sub = cov[cov["competency_id"] == comp.competency_id]
        covered = sub[sub["status"] == "covered"].sort_values(
            ["score", "course_id"], ascending=[False, True], kind="stable"
        )
        if len(covered):
            status = "covered"
        elif (sub["status"] == "partial").any():
            status = "partial"
        else:
            status = "not covered"
        best = sub.sort_values(
            ["score", "course_id"], ascending=[False, True], kind="stable"
        )
        comp_rows.append(
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
    pc = pd.DataFrame(comp_rows, columns=PROGRAM_COMPETENCY_COLUMNS)

    cs = ctx.course_sets
    set_rows = []
    for s in ctx.sets.itertuples():
        sub = pc[pc["set_id"] == s.set_id]
        total = len(sub)
        n_cov = int((sub["status"] == "covered").sum())
        complete_courses = sorted(
            cs.loc[
                (cs["set_id"] == s.set_id) & cs["complete"].map(_bool), "course_id"
            ].unique()
        )
        single = [ctx.code.get(c, c) for c in complete_courses]
        # which courses cover which competencies
        by_course: dict[str, list[str]] = {}
        for comp in ctx.comps[ctx.comps["set_id"] == s.set_id].itertuples():
            rows = cov[
                (cov["competency_id"] == comp.competency_id)
                & (cov["status"] == "covered")
            ]
            for c in sorted(rows["course_id"].unique()):
                by_course.setdefault(c, []).append(comp.number)
        covering = "; ".join(
            f"{ctx.code.get(c, c)}: " + ", ".join(f"#{n}" for n in nums)
            for c, nums in sorted(by_course.items())
        )
        missing = sub[sub["status"] != "covered"]
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
            verdict = f"covered {n_cov} of {total}; missing " + ", ".join(
                f"#{n}" for n in missing["number"]
            )
        else:
            status = "absent"
            n_part = int((sub["status"] == "partial").sum())
            verdict = "no course covers any competency of this set" + (
                f" ({n_part} only partly addressed)" if n_part else ""
            )
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
                "missing": _missing_text(missing),
                "verdict": verdict,
                "reviewed": bool(sub.loc[sub["status"] == "covered", "reviewed"].any()),
                "provisional_note": ctx.provisional(s.set_id),
            }
        )
    return pd.DataFrame(set_rows, columns=PROGRAM_SET_COLUMNS), pc


# --- level 3: certification path ------------------------------------------------
PATH_BASIS = (
    "A set counts as complete for the certification path when the program's "
    "courses together cover every competency of the set (the view of a "
    "recognition agreement, which looks at the program's required courses). "
    "Sets covered in full by a single course are named separately: only those "
    "courses could be submitted on their own for LSSC course approval."
)


def _path(ctx: _Ctx, ps: pd.DataFrame) -> tuple[pd.DataFrame, str, str]:
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
    rows = []
    for r, miss in zip(ps.itertuples(), missing_count, strict=True):
        rows.append(
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
        )
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


# --- gaps, near misses, suggestions ----------------------------------------------
def _near(ctx: _Ctx, comp_id: str, course_ids: list[str] | None) -> pd.DataFrame:
    m = ctx.matches[ctx.matches["competency_id"] == comp_id]
    if course_ids is not None:
        m = m[m["course_id"].isin(course_ids)]
    m = m.sort_values(
        ["score", "course_id", "statement_id"],
        ascending=[False, True, True],
        kind="stable",
    )
    m = m.drop_duplicates("statement_id").head(N_NEAR_MISSES)
    rows = []
    for r in m.itertuples():
        text, kind, loc = ctx.evidence(r.statement_id)
        st = ctx.status(r.course_id, comp_id)
        rows.append(
            {
                "course_id": r.course_id,
                "course_code": ctx.code.get(r.course_id, r.course_id),
                "statement_id": r.statement_id,
                "kind": kind,
                "text": text,
                "location": loc,
                "score": float(r.score),
                "status": "not covered" if st is None else str(st["status"]),
            }
        )
    return pd.DataFrame(rows, columns=NEAR_MISS_COLUMNS[3:])


def _suggest(ctx: _Ctx, comp: Any, home: str, near: pd.DataFrame) -> str:
    ref = f"competency #{comp.number} of {ctx.fw.set_name(comp.set_id)}"
    if not home:
        return (
            f"No course in the program is built around this set and none comes "
            f"close: add a unit or a course with a learning outcome and an "
            f"assessed assignment for {ref}."
        )
    code = ctx.code.get(home, home)
    title = ctx.courses.set_index("course_id").at[home, "course_title"]
    # only a statement the engine already rates "partial" is worth strengthening
    mine = near[(near["course_id"] == home) & (near["status"] == "partial")]
    if len(mine):
        best = mine.iloc[0]
        return (
            f"In {code} ({title}), strengthen the {best['kind'] or 'statement'} "
            f'"{_short(best["text"], 80)}" so that it explicitly addresses '
            f"{ref}, and assess it (a graded assignment or exam item)."
        )
    return (
        f"Add a learning outcome and an assessed assignment for {ref} "
        f"to {code} ({title})."
    )


def _home_course(ctx: _Ctx, set_id: str, near: pd.DataFrame) -> str:
    prim = ctx.courses[ctx.courses["primary_set_id"] == set_id]
    if len(prim):
        score = _col(prim, "primary_score", 0.0).astype(float)
        prim = prim.assign(_s=score).sort_values(
            ["_s", "course_id"], ascending=[False, True], kind="stable"
        )
        return str(prim["course_id"].iloc[0])
    partial = near[near["status"] == "partial"]
    if len(partial):
        return str(partial["course_id"].iloc[0])
    return ""


def _gaps(
    ctx: _Ctx,
    ps: pd.DataFrame,
    pc: pd.DataFrame,
    path: pd.DataFrame,
    verdicts: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    in_plan = set(path.loc[path["in_plan"], "set_id"]) if len(path) else set()
    gap_rows, near_rows = [], []

    def add(
        scope: str,
        comp: Any,
        course_ids: list[str] | None,
        home: str | None,
        best_status: str,
        plan: bool,
    ) -> None:
        near = _near(ctx, comp.competency_id, course_ids)
        if home is None:
            home = _home_course(ctx, comp.set_id, near)
        near_txt = "; ".join(
            f"{r.course_code} {r.kind} ({r.score:.2f}, {r.status}): "
            f'"{_short(r.text, 80)}"'
            for r in near.itertuples()
        )
        gap_rows.append(
            {
                "scope": scope,
                "set_id": comp.set_id,
                "set_name": ctx.fw.set_name(comp.set_id),
                "competency_id": comp.competency_id,
                "number": comp.number,
                "competency": comp.competency,
                "best_status": best_status,
                "home_course_id": home,
                "home_course_code": ctx.code.get(home, home),
                "near_misses": near_txt,
                "suggestion": _suggest(ctx, comp, home, near),
                "in_plan": plan,
                "provisional_note": ctx.provisional(comp.set_id),
            }
        )
        for r in near.itertuples(index=False):
            near_rows.append(
                {
                    "scope": scope,
                    "set_id": comp.set_id,
                    "competency_id": comp.competency_id,
                    **r._asdict(),
                }
            )

    for comp in pc[pc["status"] != "covered"].itertuples():
        add("program", comp, None, None, comp.status, comp.set_id in in_plan)
    detail_by = {}
    for v in verdicts[
        (verdicts["role"] == "primary") & ~verdicts["complete"]
    ].itertuples():
        detail_by[(v.course_id, v.set_id)] = v
    for (course_id, set_id), _v in sorted(detail_by.items()):
        for comp in pc[pc["set_id"] == set_id].itertuples():
            st = ctx.status(course_id, comp.competency_id)
            status = "not covered" if st is None else str(st["status"])
            if status == "covered":
                continue
            add(course_id, comp, [course_id], course_id, status, set_id in in_plan)
    gaps = pd.DataFrame(gap_rows, columns=GAP_COLUMNS)
    near = pd.DataFrame(near_rows, columns=NEAR_MISS_COLUMNS)
    return gaps, near


def gap_report(alignment: Any) -> GapReport:
    """Build the gap report of an alignment.

    Parameters
    ----------
    alignment : Alignment
        The result of :func:`lta_align.align`, with review decisions applied
        (:func:`lta_align.apply_decisions`) when there are any: verdicts resting
        on a reviewer decision are marked ``reviewed``.

    Returns
    -------
    GapReport
        Tables for the three levels (course x set, program x set, certification
        path) and the gaps with near misses and suggestions; see
        :class:`GapReport` for the columns. ``to_html()`` and ``to_markdown()``
        render it.

    Examples
    --------
    >>> import lta_align as la
    >>> result = la.align(la.load_syllabi("data/syllabi"), la.load_framework())
    ... # doctest: +SKIP
    >>> report = la.gap_report(result)                           # doctest: +SKIP
    >>> print(report.summary())                                  # doctest: +SKIP
    """
    ctx = _Ctx(alignment)
    verdicts, detail = _course_level(ctx)
    ps, pc = _program_level(ctx)
    path, path_verdict, basis = _path(ctx, ps)
    gaps, near = _gaps(ctx, ps, pc, path, verdicts)
    fw = ctx.fw
    return GapReport(
        framework_name=fw.name,
        framework_version=str(fw.version),
        source_note=fw.source_note,
        program_name=ctx.program.name,
        course_verdicts=verdicts,
        course_detail=detail,
        program_sets=ps,
        program_competencies=pc,
        path=path,
        path_verdict=path_verdict,
        path_basis=basis,
        gaps=gaps,
        near_misses=near,
        problems=ctx.program.problems,
        method=str(getattr(alignment, "method", "")),
        rule_text=fw.rule.text if fw.rule is not None else "",
        n_courses=len(ctx.courses),
        n_statements=len(ctx.program.statements),
    )
