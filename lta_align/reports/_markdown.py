"""Render a :class:`~lta_align.reports.GapReport` (and a comparison) as Markdown."""

from __future__ import annotations

from typing import Any

from ._base import PROVISIONAL_MARKER
from ._drafts import DRAFT_LABEL
from ._view import ACROSS_TEXT, view_context


def _md(text: Any) -> str:
    """Escape text for a Markdown table cell or line.

    Only what Markdown itself would misread is escaped: ``\\``, ``|`` (a cell
    boundary), ``<`` (the start of raw HTML) and line breaks; ``->`` stays
    ``->`` (no HTML entities in a text file).
    """
    s = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return s.replace("<", "\\<")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return out + [""]


def _md_list(gaps: list[dict[str, Any]]) -> list[str]:
    """Competencies as a list, each with its (weak) closest statements."""
    out = []
    for g in gaps:
        out += [f"- **#{_md(g['number'])}** {_md(g['competency'])}"]
        if g["near_misses"]:
            out += [f"   - Closest statements: {_md(g['near_misses'])}"]
    return out + [""]


def _md_drafts(ctx: dict[str, Any]) -> list[str]:
    """The "Drafted outcomes for the gaps" section."""
    if not ctx["draft_gaps"]:
        return []
    L = ["## Drafted outcomes for the gaps", "", _md(ctx["drafts_intro"]), ""]
    L += _table(
        ["Set", "#", "Competency", "Home course", DRAFT_LABEL, "Assessment idea"],
        [
            [
                g["set_name"],
                g["number"],
                g["competency"],
                g["home_course_code"] or "none (a new unit or course)",
                g["draft_outcome"],
                g["assessment_idea"] or "-",
            ]
            for g in ctx["draft_gaps"]
        ],
    )
    return L


def _md_quality(ctx: dict[str, Any]) -> list[str]:
    """The "Outcome quality" section: counts per course, flagged outcomes."""
    if not ctx["quality"]:
        return []
    L = ["## Outcome quality", "", _md(ctx["quality_intro"]), ""]
    L += _table(
        ["Course", "Outcomes", "Flagged", *ctx["quality_issues"]],
        [
            [q["course_code"], q["outcomes"], q["flagged"]]
            + [q[i] for i in ctx["quality_issues"]]
            for q in ctx["quality"]
        ],
    )
    if ctx["quality_flagged"]:
        L += ["Flagged outcomes:", ""]
        L += _table(
            ["Course", "Outcome", "Verb", "Level", "Issues", "Suggestion"],
            [
                [
                    q["course_code"],
                    q["text"],
                    q["verb"] or "-",
                    q["bloom_level"] or "-",
                    q["issues"],
                    q["suggestion"],
                ]
                for q in ctx["quality_flagged"]
            ],
        )
    else:
        L += ["No outcome was flagged.", ""]
    return L


def _head(r: Any) -> list[str]:
    L = [f"# LSSC gap report \u2014 {_md(r.heading)}", ""]
    L += [
        f"Framework: **{_md(r.framework_name)}**, version {_md(r.framework_version)}."
        f" {r.n_courses} course(s), {r.n_statements} statement(s), "
        f"matching method `{_md(r.method)}`.",
        "",
    ]
    if r.source_note:
        L += [f"> **About the competency wording.** {_md(r.source_note)}", ""]
    L += ["## Certification path", "", f"**{_md(r.path_verdict)}**", ""]
    if r.path_basis:
        L += [f"Basis: {_md(r.path_basis)}", ""]
    if r.rule_text:
        L += [f"Rule: {_md(r.rule_text)}", ""]
    return L


def _sets_at_a_glance(r: Any, ctx: dict[str, Any]) -> list[str]:
    L = ["## Sets at a glance", ""]
    L += _table(
        ["Set", "Required", "Covered", "Status", "Single course", "Verdict"],
        [
            [
                s["set_name"],
                "yes" if s["required"] else "no",
                f"{s['covered']}/{s['total']}",
                s["status"],
                s["single_courses"] or "-",
                s["verdict"]
                + (" [rests partly on reviewer decisions]" if s["reviewed"] else "")
                + (f" ({PROVISIONAL_MARKER})" if s["provisional_note"] else ""),
            ]
            for s in ctx["sets"]
        ],
    )
    if r.provisional_footnote:
        # a leading "* " would make a Markdown bullet: escape the asterisk
        L += ["\\" + _md(r.provisional_footnote), ""]
    return L


def _gap_set(s: dict[str, Any], ctx: dict[str, Any]) -> list[str]:
    tag = (
        " (on the shortest route to certification)"
        if any(p["set_id"] == s["set_id"] for p in ctx["plan"])
        else ""
    )
    L = [
        f"### {_md(s['set_name'])}: {s['covered']}/{s['total']}, "
        f"{_md(s['status'])}{tag}",
        "",
    ]
    if s["provisional_note"]:
        L += [f"*{_md(s['provisional_note'])}*", ""]
    if s["covering"]:
        L += [f"Covered by: {_md(s['covering'])}", ""]
    if s["status"] == "across courses":
        L += [f"{ACROSS_TEXT}", ""]
    if s["suggestion"]:
        L += [f"**{_md(s['suggestion'])}**", "", "Competencies to add:", ""]
        L += _md_list(s["gaps"])
    else:
        for g in s["homed"]:
            L += [
                f"- **#{_md(g['number'])} {_md(g['competency'])}** "
                f"({_md(g['best_status'])})",
                f"  - Suggestion: {_md(g['suggestion'])}",
            ]
            if g["near_misses"]:
                L += [f"  - Closest statements: {_md(g['near_misses'])}"]
            if g.get("draft_outcome"):
                L += [f"  - {DRAFT_LABEL}: {_md(g['draft_outcome'])}"]
        if s["homed"]:
            L += [""]
        for group in s["add_groups"]:
            L += [f"Suggestion: {_md(group['text'])}", ""]
            L += _md_list(group["gaps"])
        if s["homeless"]:
            L += [f"Suggestion: {_md(ctx['homeless_text'])}", ""]
            L += _md_list(s["homeless"])
    if s["unknown"]:
        L += [f"{_md(ctx['unknown_text'])}", ""]
        L += [f"- #{_md(g['number'])} {_md(g['competency'])}" for g in s["unknown"]]
        L += [""]
    return L


def _course_gaps(ctx: dict[str, Any]) -> list[str]:
    if not ctx["course_gaps"]:
        return []
    L = ["## Course approval gaps (each course against its primary set)", ""]
    return L + _table(
        [
            "Course",
            "Set",
            "#",
            "Competency",
            "Status",
            "Closest statements",
            "Suggestion",
        ],
        [
            [
                g["home_course_code"],
                g["set_name"],
                g["number"],
                g["competency"],
                g["best_status"],
                g["near_misses"] or "-",
                g["suggestion"],
            ]
            for g in ctx["course_gaps"]
        ],
    )


def _course(c: dict[str, Any]) -> list[str]:
    L = [f"### {_md(c['course_code'])} {_md(c['course_title'])}", ""]
    for s in c["sets"]:
        if s["role"] == "general":
            L += [f"**General course**: {_md(s['verdict'])}.", ""]
            continue
        L += [
            f"**{_md(s['set_name'])}** ({s['role']} set): "
            f"{_md(s['verdict'])}" + (" (reviewed)" if s["reviewed"] else ""),
            "",
        ]
        if s["provisional_note"]:
            L += [f"*{_md(s['provisional_note'])}*", ""]
        L += _table(
            ["#", "Competency", "Status", "Score", "Evidence", "Where"],
            [
                [
                    d["number"],
                    d["competency"],
                    d["status"]
                    + (" (reviewed)" if d["reviewed"] else "")
                    + (f", {d['level']}" if d["level"] else ""),
                    f"{d['score']:.2f}",
                    f"{d['evidence_kind']}: {d['evidence']}" if d["evidence"] else "-",
                    d["evidence_location"] or "-",
                ]
                for d in s["rows"]
            ],
        )
    return L


def render_markdown(report: Any) -> str:
    """Return the report as Markdown text (tables, no images)."""
    ctx = view_context(report)
    L = _head(report) + _sets_at_a_glance(report, ctx)
    L += ["## Gaps to close", ""]
    for s in ctx["gap_sets"]:
        L += _gap_set(s, ctx)
    L += _course_gaps(ctx)
    L += _md_drafts(ctx)
    L += _md_quality(ctx)
    L += ["## Course by course", ""]
    for c in ctx["courses"]:
        L += _course(c)
    if ctx["problems"]:
        L += ["## Input problems", ""]
        L += _table(
            ["File", "Severity", "Problem"],
            [[p["source"], p["severity"], p["reason"]] for p in ctx["problems"]],
        )
    return "\n".join(L).rstrip() + "\n"


def render_compare_markdown(c: Any) -> str:
    """Return a :class:`~lta_align.reports.Comparison` as Markdown."""
    n_g = int((c.changes["change"] == "gained").sum())
    n_l = int((c.changes["change"] == "lost").sum())
    lines = [
        f"# What changed: {_md(c.old_name or 'old')} -> {_md(c.new_name or 'new')}",
        "",
        f"Framework: **{_md(c.framework_name)}**, version "
        f"{_md(c.framework_version)}. {n_g} gained, {n_l} lost.",
        "",
    ]
    if c.courses_added:
        lines += [
            f"Courses only in the new version: {_md(', '.join(c.courses_added))}.",
            "",
        ]
    if c.courses_removed:
        lines += [
            f"Courses only in the old version: {_md(', '.join(c.courses_removed))}.",
            "",
        ]
    lines += ["## Per set", ""]
    lines += _table(
        ["Set", "Before", "Now", "Gained", "Lost", "Status"],
        [
            [
                s.set_name + (" (provisional)" if s.provisional_note else ""),
                f"{s.old_covered}/{s.total}",
                f"{s.new_covered}/{s.total}",
                s.gained,
                s.lost,
                f"{s.old_status} -> {s.new_status}",
            ]
            for s in c.sets.itertuples()
        ],
    )
    set_names = dict(zip(c.sets["set_id"], c.sets["set_name"], strict=True))
    lines += ["## Per course", ""]
    if c.changes.empty:
        lines += ["No course gained or lost a competency.", ""]
    else:
        lines += _table(
            ["Course", "Set", "#", "Competency", "Change", "Status"],
            [
                [
                    r.course_code,
                    set_names.get(r.set_id, r.set_id),
                    r.number,
                    r.competency,
                    r.change,
                    f"{r.old_status} -> {r.new_status}",
                ]
                for r in c.changes.itertuples()
            ],
        )
    return "\n".join(lines).rstrip() + "\n"
