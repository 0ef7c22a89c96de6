"""Coverage plots (matplotlib, Agg backend).

Every function takes ``ax=None`` (a new :class:`matplotlib.figure.Figure` of
fixed size is made, outside pyplot, so no GUI backend is touched) and returns
the Axes; nothing calls ``plt.show()``. :func:`figure_png` turns a
figure into deterministic PNG bytes (no software or time metadata).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ._office import PROGRAM_STATUS_COLOURS as _PROGRAM_HEX
from ._office import STATUS_COLOURS as _STATUS_HEX
from .columns import STATUS_RANK

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .model import Alignment
    from .reports import GapReport

__all__ = ["coverage_heatmap", "figure_png", "set_coverage_bars"]

# colour-blind safe, prints in grey scale: dark = covered, light = partial
STATUS_COLOURS = {k: f"#{v.lower()}" for k, v in _STATUS_HEX.items()}
PROGRAM_STATUS_COLOURS = {k: f"#{v.lower()}" for k, v in _PROGRAM_HEX.items()}
_STATUS_CODE = {status: 2 - rank for status, rank in STATUS_RANK.items()}


def _new_ax(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    # a bare Figure (no pyplot): no global state, no GUI backend, renders with Agg
    fig = Figure(figsize=size, dpi=100)
    return fig.add_subplot()


def _legend_below(ax: Any, colours: dict[str, str], *, y: float, x: float) -> None:
    """One row of colour swatches centred below the axes."""
    ax.legend(
        handles=[
            Patch(facecolor=c, edgecolor="#999999", label=k) for k, c in colours.items()
        ],
        loc="upper center",
        bbox_to_anchor=(x, y),
        ncol=len(colours),
        fontsize=8,
        frameon=False,
    )


def coverage_heatmap(alignment: Alignment, ax: Axes | None = None) -> Axes:
    """Draw the course x competency coverage grid, grouped by set.

    Parameters
    ----------
    alignment : Alignment
        Result of :func:`lta_align.align` (optionally reviewed).
    ax : matplotlib Axes, optional
        Where to draw; default: a new 16 x (2 + 0.35 per course) inch figure.

    Returns
    -------
    matplotlib.axes.Axes
        Courses as rows, competencies as columns (numbered within each set),
        vertical lines between sets, set names on top.
    """
    fw = alignment.framework
    courses = alignment.courses.sort_values("course_id", kind="stable")
    comps = fw.competencies
    n_rows, n_cols = len(courses), len(comps)
    ax = _new_ax(ax, (16, 2.2 + 0.38 * max(n_rows, 1)))
    grid = np.zeros((max(n_rows, 1), max(n_cols, 1)))
    col = {c: i for i, c in enumerate(comps["competency_id"])}
    row = {c: i for i, c in enumerate(courses["course_id"])}
    for r in alignment.coverage.itertuples():
        if r.course_id in row and r.competency_id in col:
            grid[row[r.course_id], col[r.competency_id]] = _STATUS_CODE.get(
                str(r.status), 0
            )
    cmap = ListedColormap(
        [STATUS_COLOURS[k] for k in sorted(_STATUS_CODE, key=_STATUS_CODE.get)]
    )
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=2, aspect="auto", interpolation="none")
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels(courses["course_code"].astype(str).tolist(), fontsize=9)
    ax.set_xticks(range(n_cols))
    ax.set_xticklabels(comps["number"].astype(str).tolist(), fontsize=6)
    ax.tick_params(length=0)
    # set separators and names
    start = 0
    for i, s in enumerate(fw.sets.itertuples()):
        n = int((comps["set_id"] == s.set_id).sum())
        if start:
            ax.axvline(start - 0.5, color="black", linewidth=1.2)
        label = str(s.set_name).replace(" and ", " & ").replace("Services", "Svcs")
        ax.text(
            start + n / 2 - 0.5,
            -0.7 - 0.9 * (i % 2),
            label,
            ha="center",
            va="bottom",
            fontsize=7.5,
            fontweight="bold" if s.required else "normal",
        )
        start += n
    for y in range(1, n_rows):
        ax.axhline(y - 0.5, color="white", linewidth=0.8)
    ax.set_ylim(n_rows - 0.5, -2.6)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    _legend_below(ax, dict(reversed(STATUS_COLOURS.items())), y=-0.08, x=0.5)
    ax.set_xlabel(
        "competency number within its set (required sets in bold)", fontsize=8
    )
    return ax


def set_coverage_bars(report: GapReport, ax: Axes | None = None) -> Axes:
    """Draw one horizontal bar per set: share of competencies the program covers.

    Parameters
    ----------
    report : GapReport
        From :func:`lta_align.gap_report`; uses ``report.program_sets``.
    ax : matplotlib Axes, optional
        Where to draw; default: a new 8 x 4.2 inch figure.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ps = report.program_sets
    ax = _new_ax(ax, (8, 0.9 + 0.36 * max(len(ps), 1)))
    y = np.arange(len(ps))
    share = (ps["covered"] / ps["total"].where(ps["total"] > 0, 1)).to_numpy(float)
    colours = [PROGRAM_STATUS_COLOURS.get(s, "#d9d9d9") for s in ps["status"]]
    ax.barh(y, np.ones(len(ps)), color="#f2f2f2", height=0.7)
    ax.barh(y, share, color=colours, height=0.7)
    labels = [
        f"{n}{' *' if r else ''}"
        for n, r in zip(ps["set_name"], ps["required"], strict=True)
    ]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8.5)
    for yi, (cov, tot, prov) in enumerate(
        zip(ps["covered"], ps["total"], ps["provisional_note"], strict=True)
    ):
        ax.text(
            1.01,
            yi,
            f"{cov}/{tot}{' (provisional)' if prov else ''}",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(len(ps) - 0.5, -0.5)
    ax.set_xticks([0, 0.5, 1])
    ax.set_xticklabels(["0%", "50%", "100%"], fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _legend_below(ax, PROGRAM_STATUS_COLOURS, y=-0.12, x=0.45)
    ax.set_title(
        "Program coverage per competency set (* = required)", fontsize=10, loc="left"
    )
    return ax


def figure_png(fig: Any, *, dpi: int = 110) -> bytes:
    """Return ``fig`` as PNG bytes without software or time metadata."""
    buf = io.BytesIO()
    fig.savefig(
        buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None}
    )
    return buf.getvalue()
