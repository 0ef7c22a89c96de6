"""Render a :class:`~lta_align.reports.GapReport` as HTML (jinja2) or Markdown.

The HTML page is self-contained: inline CSS, plots embedded as base64 PNG, no
scripts, fonts or links to other sites; every piece of syllabus text is
escaped (jinja2 autoescape). Output is deterministic: no timestamps.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from importlib.resources import files
from typing import Any

import pandas as pd

from ._report_base import PROVISIONAL_MARKER
from .errors import LtaAlignError

TEMPLATE = "report.html.j2"
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
STATUS_SYMBOL = {"covered": "\u25cf", "partial": "\u25d0", "not covered": "\u25cb"}


def read_template(name: str = TEMPLATE) -> str:
    """Return the text of a packaged template (``lta_align/templates/<name>``)."""
    try:
        return (files("lta_align") / "templates" / name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise LtaAlignError(
            f"The report template '{name}' is missing from the installed lta_align "
            "package. Reinstall lta-align."
        ) from exc


@lru_cache(maxsize=4)
def _template(name: str = TEMPLATE) -> Any:
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%"
    env.filters["score"] = lambda x: f"{float(x):.2f}"
    env.filters["symbol"] = lambda s: STATUS_SYMBOL.get(str(s), "")
    env.filters["cls"] = lambda s: str(s).replace(" ", "-")
    return env.from_string(read_template(name))


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return df.to_dict("records")


def _png_b64(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def _plots(report: Any, alignment: Any) -> dict[str, str]:
    from .plots import coverage_heatmap, figure_png, set_coverage_bars

    out = {"bars": _png_b64(figure_png(set_coverage_bars(report).figure))}
    if alignment is not None:
        out["heatmap"] = _png_b64(figure_png(coverage_heatmap(alignment).figure))
    return out


def _course_label(report: Any, course_id: str, gaps: pd.DataFrame) -> str:
    code = str(gaps["home_course_code"].iloc[0])
    cv = report.course_verdicts
    titles = cv.loc[cv["course_id"] == course_id, "course_title"]
    return f"{code} ({titles.iloc[0]})" if len(titles) else code


def _context(report: Any) -> dict[str, Any]:
    courses = []
    cv = report.course_verdicts
    detail = report.course_detail
    gaps = report.gaps
    for cid in dict.fromkeys(cv["course_id"]):
        sets = []
        for v in _records(cv[cv["course_id"] == cid]):
            rows = detail[
                (detail["course_id"] == cid) & (detail["set_id"] == v["set_id"])
            ]
            v["rows"] = _records(rows)
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
    ps = report.program_sets
    plan = report.path[report.path["in_plan"]] if len(report.path) else report.path
    program_gaps = gaps[gaps["scope"] == "program"]
    gap_sets = []
    for s in _records(ps[ps["status"] != "single course"]):
        g = program_gaps[program_gaps["set_id"] == s["set_id"]]
        if len(g) or s["status"] == "across courses":
            s["gaps"] = _records(g)
            # gaps with a natural home course get their own suggestion; those
            # with none share one sentence (or the set-level suggestion)
            s["homed"] = _records(g[g["action"] == "strengthen"])
            s["add_groups"] = [
                {
                    "text": ADD_TEXT.format(
                        course=_course_label(report, home, sub), n=len(sub)
                    ),
                    "gaps": _records(sub),
                }
                for home, sub in g[g["action"] == "add"].groupby(
                    "home_course_id", sort=True
                )
            ]
            s["homeless"] = _records(g[g["action"] == "new"])
            gap_sets.append(s)
    gap_sets.sort(
        key=lambda s: (s["set_id"] not in set(plan["set_id"]), not s["required"])
    )
    course_gaps = gaps[gaps["scope"] != "program"]
    return {
        "r": report,
        "sets": _records(ps),
        "path": _records(report.path),
        "plan": _records(plan),
        "gap_sets": gap_sets,
        "course_gaps": _records(course_gaps),
        "courses": courses,
        "problems": _records(report.problems),
        "single": _records(ps[ps["status"] == "single course"]),
        "incomplete_notes": sorted({n for n in ps["provisional_note"] if n}),
        "marker": PROVISIONAL_MARKER,
        "homeless_text": HOMELESS_TEXT,
        "across_text": ACROSS_TEXT,
    }


def render_html(report: Any, *, plots: bool = True, alignment: Any = None) -> str:
    """Return the report as a self-contained HTML page (see module docstring)."""
    ctx = _context(report)
    ctx["plots"] = _plots(report, alignment) if plots else {}
    return _template().render(**ctx)


# --- Markdown -------------------------------------------------------------------
def _md(text: Any) -> str:
    """Escape text for a Markdown table cell or line."""
    s = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for ch in ("<", ">"):
        s = s.replace(ch, {"<": "&lt;", ">": "&gt;"}[ch])
    return s


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


def render_markdown(report: Any) -> str:
    """Return the report as Markdown text (tables, no images)."""
    ctx = _context(report)
    r = report
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
    L += ["## Sets at a glance", ""]
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
    L += ["## Gaps to close", ""]
    for s in ctx["gap_sets"]:
        tag = (
            " (on the shortest route to certification)"
            if any(p["set_id"] == s["set_id"] for p in ctx["plan"])
            else ""
        )
        L += [
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
            continue
        for g in s["homed"]:
            L += [
                f"- **#{_md(g['number'])} {_md(g['competency'])}** "
                f"({_md(g['best_status'])})",
                f"  - Suggestion: {_md(g['suggestion'])}",
            ]
            if g["near_misses"]:
                L += [f"  - Closest statements: {_md(g['near_misses'])}"]
        if s["homed"]:
            L += [""]
        for group in s["add_groups"]:
            L += [f"Suggestion: {_md(group['text'])}", ""]
            L += _md_list(group["gaps"])
        if s["homeless"]:
            L += [f"Suggestion: {_md(ctx['homeless_text'])}", ""]
            L += _md_list(s["homeless"])
    if ctx["course_gaps"]:
        L += ["## Course approval gaps (each course against its primary set)", ""]
        L += _table(
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
    L += ["## Course by course", ""]
    for c in ctx["courses"]:
        L += [f"### {_md(c['course_code'])} {_md(c['course_title'])}", ""]
        for s in c["sets"]:
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
                        f"{d['evidence_kind']}: {d['evidence']}"
                        if d["evidence"]
                        else "-",
                        d["evidence_location"] or "-",
                    ]
                    for d in s["rows"]
                ],
            )
    if ctx["problems"]:
        L += ["## Input problems", ""]
        L += _table(
            ["File", "Severity", "Problem"],
            [[p["source"], p["severity"], p["reason"]] for p in ctx["problems"]],
        )
    return "\n".join(L).rstrip() + "\n"
