"""Gap report: the gaps, their near misses and a concrete suggestion for each.

A near miss is an existing statement of the program that matched the
competency without covering it. Its ``strength`` says how it rates on its own
(``partial`` or ``weak``, with the alignment's thresholds); only a near miss
that is at least ``partial`` is worth strengthening, weaker ones are listed as
weak. A set that no course addresses gets one set-level suggestion
(``program_sets.suggestion``) instead of the same advice per competency.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..columns import COVERED, NOT_COVERED, PARTIAL
from ..coverage import evidence_score
from ._base import (
    GAP_COLUMNS,
    N_NEAR_MISSES,
    NEAR_MISS_COLUMNS,
    Ctx,
    short,
)
from ._drafts import Drafter

STRONG_ENOUGH = frozenset({COVERED, PARTIAL})

# words of course logistics ("Additional readings and short videos posted in
# Canvas each week"): a statement made almost only of them says nothing about
# any competency and is never offered as the closest evidence
_LOGISTICS = frozenset(
    """a an and the of in on at for to with from by or each every week weekly
    additional other further selected short supplementary optional required
    reading readings article articles video videos clip clips podcast podcasts
    tutorial tutorials handout handouts material materials resource resources
    slide slides link links linked posted provided available uploaded shared
    list lists online course site page module modules canvas blackboard moodle
    d2l brightspace lms will be are is free""".split()
)
_LMS = re.compile(r"\b(canvas|blackboard|moodle|d2l|brightspace|lms)\b", re.I)


def is_boilerplate(text: str) -> bool:
    """True for a logistics line (readings "posted in Canvas each week")."""
    if not _LMS.search(text) and not re.search(r"\beach week\b", text, re.I):
        return False
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return sum(w not in _LOGISTICS for w in words) <= 1


def is_unknown(ctx: Ctx, comp_id: str) -> bool:
    """True for a placeholder: the framework knows the item only in part."""
    return comp_id in ctx.partial_ids


def _candidates(ctx: Ctx) -> dict[str, list[tuple[float, str, str]]]:
    """competency id -> its ``(score, course_id, statement_id)`` near-miss
    candidates (no rejects, no logistics lines), best first; built once per
    report (cached on ``ctx``) so each gap is a dict lookup, not a scan."""
    cached = getattr(ctx, "_near_candidates", None)
    if cached is not None:
        return cached
    m = ctx.matches
    m = m[m["decision"] != "reject"]
    boiler = {
        sid: is_boilerplate(ctx.evidence(sid)[0]) for sid in m["statement_id"].unique()
    }
    keep = ~m["statement_id"].map(boiler).astype(bool)
    m = m[keep]
    # the evidence each candidate is worth, as coverage counts it (the prior
    # floor, a runner-up's rank weight): a near miss is rated on that
    evidence = evidence_score(m, ctx.config)
    out: dict[str, list[tuple[float, str, str]]] = {}
    for comp_id, score, course_id, sid in zip(
        m["competency_id"], evidence, m["course_id"], m["statement_id"], strict=True
    ):
        out.setdefault(comp_id, []).append((float(score), course_id, sid))
    by_pair: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    for comp_id, rows in out.items():  # stable, as sort_values(kind="stable")
        rows.sort(key=lambda r: (-r[0], r[1], r[2]))
        for r in rows:  # the same order, one course at a time
            by_pair.setdefault((comp_id, r[1]), []).append(r)
    ctx._near_candidates = out
    ctx._near_by_pair = by_pair
    return out


def _near(ctx: Ctx, comp_id: str, course_ids: list[str] | None) -> list[dict]:
    courses = None if course_ids is None else set(course_ids)
    seen: set[str] = set()
    rows: list[dict] = []
    candidates = _candidates(ctx).get(comp_id, ())
    if courses is not None and len(courses) == 1:  # one course: its own list
        candidates = ctx._near_by_pair.get((comp_id, next(iter(courses))), ())
    for score, course_id, sid in candidates:
        if courses is not None and course_id not in courses:
            continue
        if sid in seen:
            continue
        seen.add(sid)
        text, kind, loc = ctx.evidence(sid)
        st = ctx.status(course_id, comp_id)
        rows.append(
            {
                "course_id": course_id,
                "course_code": ctx.code.get(course_id, course_id),
                "statement_id": sid,
                "kind": kind,
                "text": text,
                "location": loc,
                "score": score,
                "status": NOT_COVERED if st is None else str(st["status"]),
                "strength": ctx.strength(kind, score),
            }
        )
        if len(rows) >= N_NEAR_MISSES:
            break
    return rows


def _near_text(near: list[dict]) -> str:
    return "; ".join(
        f"{r['course_code']} {r['kind']} ({r['score']:.2f}, {r['strength']}): "
        f'"{short(r["text"], 80)}"'
        for r in near
    )


def _suggest(
    ctx: Ctx, comp: Any, home: str, near: list[dict], set_suggestion: str
) -> tuple[str, str]:
    """Return ``(action, suggestion)``; ``action`` is one of GAP_ACTIONS."""
    set_name = ctx.set_name(comp.set_id)
    if is_unknown(ctx, comp.competency_id):
        return "unknown", (
            f"Unknown: the framework does not know the full wording of "
            f"#{comp.number} of {set_name}, so whether it is covered cannot be "
            "judged. Check the official ALA-APA text (load it as a framework "
            "file) before planning any work for it."
        )
    if set_suggestion:
        return "new", (
            f"No course addresses {set_name}: include #{comp.number} in the new "
            "course or unit for this set, with a learning outcome and an assessed "
            "assignment."
        )
    ref = f"competency #{comp.number} of {set_name}"
    if not home:
        return "new", (
            f"No course in the program is built around this set and none comes "
            f"close: add a unit or a course with a learning outcome and an "
            f"assessed assignment for {ref}."
        )
    code = ctx.code.get(home, home)
    title = ctx.title.get(home, "")
    # only a statement that rates at least "partial" on its own is worth
    # strengthening; weaker ones are listed as weak near misses
    mine = [
        r for r in near if r["course_id"] == home and r["strength"] in STRONG_ENOUGH
    ]
    if mine:
        best = mine[0]
        return "strengthen", (
            f"In {code} ({title}), strengthen the {best['kind'] or 'statement'} "
            f'"{short(best["text"], 80)}" so that it explicitly addresses '
            f"{ref}, and assess it (a graded assignment or exam item)."
        )
    return "add", (
        f"Add a learning outcome and an assessed assignment for {ref} "
        f"to {code} ({title})."
    )


def _home_course(ctx: Ctx, set_id: str, near: list[dict]) -> str:
    """The course whose primary set this is, else the best near miss's course."""
    prim = ctx.courses[ctx.courses["home_set_id"] == set_id]
    if len(prim):
        score = prim["primary_score"].astype(float)
        prim = prim.assign(_s=score).sort_values(
            ["_s", "course_id"], ascending=[False, True], kind="stable"
        )
        return str(prim["course_id"].iloc[0])
    good = [r for r in near if r["strength"] in STRONG_ENOUGH]
    if good:
        return str(good[0]["course_id"])
    return ""


def gap_tables(
    ctx: Ctx,
    ps: pd.DataFrame,
    pc: pd.DataFrame,
    path: pd.DataFrame,
    verdicts: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(gaps, near_misses)`` (see :class:`GapReport`).

    Program gaps: every competency no course covers. Course gaps: for each
    course whose primary set is incomplete, the competencies it misses.
    """
    drafter = Drafter(ctx.program, ctx.fw)
    in_plan = set(path.loc[path["in_plan"], "set_id"]) if len(path) else set()
    set_suggestion = dict(zip(ps["set_id"], ps["suggestion"], strict=True))
    gap_rows, near_rows = [], []

    def add(
        scope: str,
        comp: Any,
        course_ids: list[str] | None,
        home: str | None,
        best_status: str,
    ) -> None:
        near = _near(ctx, comp.competency_id, course_ids)
        if home is None:
            home = _home_course(ctx, comp.set_id, near)
        set_sugg = set_suggestion.get(comp.set_id, "") if scope == "program" else ""
        action, suggestion = _suggest(ctx, comp, home, near, set_sugg)
        if action == "unknown":
            best_status = "unknown"
        draft = drafter.draft(comp.competency_id, home)
        gap_rows.append(
            {
                "scope": scope,
                "set_id": comp.set_id,
                "set_name": ctx.set_name(comp.set_id),
                "competency_id": comp.competency_id,
                "number": comp.number,
                "competency": comp.competency,
                "best_status": best_status,
                "home_course_id": home,
                "home_course_code": ctx.code.get(home, home),
                "near_misses": _near_text(near),
                "suggestion": suggestion,
                "in_plan": comp.set_id in in_plan,
                "provisional_note": ctx.provisional(comp.set_id),
                "action": action,
                "draft_outcome": draft.outcome,
                "assessment_idea": draft.assessment_idea,
            }
        )
        near_rows.extend(
            {
                "scope": scope,
                "set_id": comp.set_id,
                "competency_id": comp.competency_id,
                **r,
            }
            for r in near
        )

    for comp in pc[pc["status"] != COVERED].itertuples():
        add("program", comp, None, None, comp.status)
    by_set: dict[str, list[Any]] = {}
    for comp in pc.itertuples():
        by_set.setdefault(comp.set_id, []).append(comp)
    primary_gaps = verdicts[(verdicts["role"] == "primary") & ~verdicts["complete"]]
    for course_id, set_id in sorted(
        set(zip(primary_gaps["course_id"], primary_gaps["set_id"], strict=True))
    ):
        for comp in by_set.get(set_id, ()):
            st = ctx.status(course_id, comp.competency_id)
            status = NOT_COVERED if st is None else str(st["status"])
            if status != COVERED:
                add(course_id, comp, [course_id], course_id, status)
    gaps = pd.DataFrame(gap_rows, columns=GAP_COLUMNS)
    near = pd.DataFrame(near_rows, columns=NEAR_MISS_COLUMNS)
    return gaps, near
