"""Render a :class:`~lta_align.reports.GapReport` (and a comparison) as HTML.

The HTML page is self-contained: inline CSS, plots embedded as base64 PNG, no
scripts, fonts or links to other sites; every piece of syllabus text is
escaped (jinja2 autoescape). Output is deterministic: no timestamps.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path
from typing import Any

from .._resources import read_resource
from ..errors import LtaAlignError
from ._view import STATUS_SYMBOL, view_context

TEMPLATE = "report.html.j2"


def read_template(name: str = TEMPLATE) -> str:
    """Return the text of a packaged template (``lta_align/reports/templates/``)."""
    return read_resource("lta_align.reports", "templates", name)


def _environment() -> Any:
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
    return env


@lru_cache(maxsize=4)
def _template(name: str = TEMPLATE) -> Any:
    return _environment().from_string(read_template(name))


def _png_b64(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def _plots(report: Any, alignment: Any) -> dict[str, str]:
    from ..plots import (
        HEATMAP_MAX_COURSES,
        coverage_heatmap,
        figure_png,
        heatmap_grouped,
        set_coverage_bars,
    )

    out = {"bars": _png_b64(figure_png(set_coverage_bars(report).figure))}
    if alignment is not None:
        out["heatmap"] = _png_b64(figure_png(coverage_heatmap(alignment).figure))
        if heatmap_grouped(alignment):
            out["heatmap_note"] = (
                f"This program has {len(alignment.courses)} courses, more than "
                f"the {HEATMAP_MAX_COURSES} a readable grid can show one per row: "
                "each row here is a primary set (the number of its courses in "
                "brackets; courses with no primary set share one row) and shows "
                "the best status among its courses. Each course's own status "
                "is in the course tables below and in the workbook's Matrix sheet."
            )
    return out


def _user_template(path: str | Path) -> Any:
    """A restyled copy of the report template, read and compiled (not cached)."""
    import jinja2

    try:
        text = Path(path).read_text(encoding="utf-8")
        return _environment().from_string(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise LtaAlignError(
            f"Could not read the report template '{path}': {exc.strerror or exc}. "
            "Check the path, or leave out template= to use the packaged one."
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise LtaAlignError(
            f"The report template '{path}' is not a valid Jinja template "
            f"(line {exc.lineno}: {exc.message}). Start again from "
            "templates/report.html.j2."
        ) from exc


def render_html(
    report: Any,
    *,
    plots: bool = True,
    alignment: Any = None,
    template: str | Path | None = None,
) -> str:
    """Return the report as a self-contained HTML page (see module docstring)."""
    ctx = view_context(report)
    ctx["plots"] = _plots(report, alignment) if plots else {}
    tpl = _template() if template is None else _user_template(template)
    try:
        return tpl.render(**ctx)
    except Exception as exc:  # a restyled template naming a field that is not there
        if template is None:
            raise
        raise LtaAlignError(
            f"The report template '{template}' could not be rendered ({exc}). "
            "Compare it with templates/report.html.j2."
        ) from exc


def render_compare_html(c: Any) -> str:
    """Return a :class:`~lta_align.reports.Comparison` as a self-contained page."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    names = dict(zip(c.sets["set_id"], c.sets["set_name"], strict=True))
    changes = [
        {**r, "set_name": names.get(r["set_id"], r["set_id"])}
        for r in c.changes.to_dict("records")
    ]
    return env.from_string(read_template("compare.html.j2")).render(
        c=c,
        sets=c.sets.to_dict("records"),
        changes=changes,
        n_gained=int((c.changes["change"] == "gained").sum()),
        n_lost=int((c.changes["change"] == "lost").sum()),
    )
