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


def _near(ctx: Ctx, comp_id: str, course_ids: list[str] | None) -> pd.DataFrame:
    m = ctx.matches[ctx.matches["competency_id"] == comp_id]
    m = m[m["decision"] != "reject"]
    logistics = [is_boilerplate(ctx.evidence(sid)[0]) for sid in m["statement_id"]]
    m = m[~pd.Series(logistics, index=m.index, dtype=bool)]
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
                "status": NOT_COVERED if st is None else str(st["status"]),
                "strength": ctx.strength(kind, float(r.score)),
            }
        )
    return pd.DataFrame(rows, columns=NEAR_MISS_COLUMNS[3:])


def _near_text(near: pd.DataFrame) -> str:
    return "; ".join(
        f'{r.course_code} {r.kind} ({r.score:.2f}, {r.strength}): "{short(r.text, 80)}"'
        for r in near.itertuples()
    )


def _suggest(
    ctx: Ctx, comp: Any, home: str, near: pd.DataFrame, set_suggestion: str
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
    mine = near[(near["course_id"] == home) & near["strength"].isin(STRONG_ENOUGH)]
    if len(mine):
        best = mine.iloc[0]
        return "strengthen", (
            f"In {code} ({title}), strengthen the {best['kind'] or 'statement'} "
            f'"{short(best["text"], 80)}" so that it explicitly addresses '
            f"{ref}, and assess it (a graded assignment or exam item)."
        )
    return "add", (
        f"Add a learning outcome and an assessed assignment for {ref} "
        f"to {code} ({title})."
    )


def _home_course(ctx: Ctx, set_id: str, near: pd.DataFrame) -> str:
    """The course whose primary set this is, else the best near miss's course."""
    prim = ctx.courses[ctx.courses["home_set_id"] == set_id]
    if len(prim):
        score = prim["primary_score"].astype(float)
        prim = prim.assign(_s=score).sort_values(
            ["_s", "course_id"], ascending=[False, True], kind="stable"
        )
        return str(prim["course_id"].iloc[0])
    good = near[near["strength"].isin(STRONG_ENOUGH)]
    if len(good):
        return str(good["course_id"].iloc[0])
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
                **r._asdict(),
            }
            for r in near.itertuples(index=False)
        )

    for comp in pc[pc["status"] != COVERED].itertuples():
        add("program", comp, None, None, comp.status)
    primary_gaps = verdicts[(verdicts["role"] == "primary") & ~verdicts["complete"]]
    for course_id, set_id in sorted(
        set(zip(primary_gaps["course_id"], primary_gaps["set_id"], strict=True))
    ):
        for comp in pc[pc["set_id"] == set_id].itertuples():
            st = ctx.status(course_id, comp.competency_id)
            status = NOT_COVERED if st is None else str(st["status"])
            if status != COVERED:
                add(course_id, comp, [course_id], course_id, status)
    gaps = pd.DataFrame(gap_rows, columns=GAP_COLUMNS)
    near = pd.DataFrame(near_rows, columns=NEAR_MISS_COLUMNS)
    return gaps, near
