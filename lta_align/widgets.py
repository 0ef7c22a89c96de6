"""The review panel: a thin ipywidgets view over the review model.

The model is :class:`~lta_align.decisions.DecisionStore`; the table the panel
browses comes from ``lta_align.decisions._browse``.

Layout and callbacks only. Every button calls one store method, which saves the
decision to the decisions file at once; the panel then reads the store again. The
panel needs no browser to be created (it is built headless in tests and notebooks
run under nbval) and nothing in it waits for a click.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .columns import DECISION_COLUMNS, LEVELS
from .decisions import DecisionStore
from .decisions._browse import filter_rows, review_rows
from .errors import LtaAlignError, MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    from .model import Alignment

__all__ = ["ReviewPanel", "review"]

STATUS_FILTERS = [
    ("All", "all"),
    ("Not reviewed", "open"),
    ("Accepted", "accept"),
    ("Rejected", "reject"),
    ("Added", "add"),
]
DECISIONS_SHOWN = 20  # rows of the stored-decisions table under the panel
LEVEL_OPTIONS = [("(no level)", "")] + [(lv, lv) for lv in LEVELS if lv]


def _widgets():
    try:
        import ipywidgets
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError(
            "The review panel needs ipywidgets. Install it with: pip install "
            "'lta-align[notebooks]' (or pip install ipywidgets)."
        ) from exc
    return ipywidgets


def _short(text: str, n: int = 90) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _match_card(row: dict[str, Any]) -> str:
    """Return the HTML of one match: course, statement, competency, score, decision."""
    esc = html.escape
    if row["decision"]:
        decided = (
            esc(row["decision"])
            + (f", {esc(row['level'])}" if row["level"] else "")
            + (f" by {esc(row['reviewer'])}" if row["reviewer"] else "")
        )
    else:
        decided = "not reviewed (the engine's match stands)"
    flag = " <b>(ambiguous: close second choice)</b>" if row["ambiguous"] else ""
    fields = [
        ("Course", esc(row["course_id"])),
        (
            "Statement",
            f"{esc(row['statement'])}<br><small>{esc(row['kind'])} &middot; "
            f"{esc(row['location'])} &middot; {esc(row['statement_id'])}</small>",
        ),
        ("Competency", f"{esc(row['competency_id'])}: {esc(row['competency'])}"),
        ("Score", f"{float(row['score']):.2f}{flag}"),
        ("Decision", decided),
    ]
    if row["note"]:
        fields.append(("Comment", esc(row["note"])))
    cells = "".join(
        f"<tr><th align='left'>{name}</th><td>{value}</td></tr>"
        for name, value in fields
    )
    return f"<table>{cells}</table>"


class ReviewPanel:
    """Browse an alignment's matches and record decisions with buttons.

    Create it with :func:`lta_align.review_panel`; show it by making it the last
    expression of a notebook cell. Filters (course, set, status, ambiguous only)
    choose which matches are browsed; ``Previous``/``Next`` move through them.
    For the current match the panel shows the statement (text, kind, location),
    the competency (text) and the engine's score, and offers: accept, reject,
    move to another competency, level, comment, and adding a match the engine
    missed. Every click saves at once through the :class:`DecisionStore`; the
    status line shows the last save.

    Attributes
    ----------
    rows : pandas.DataFrame
        The matches being reviewed: ``course_id, statement_id, competency_id,
        set_id, score, ambiguous, kind, statement, location, competency`` plus the
        stored ``decision, level, note, reviewer`` (empty when undecided).
    widget : ipywidgets.VBox
        The whole panel.
    """

    def __init__(
        self, alignment: Any, store: DecisionStore, *, reviewer: str = ""
    ) -> None:
        self.alignment = alignment
        self.store = store
        W = _widgets()
        self._filter_controls(W)
        self._decision_controls(W, reviewer)
        self._index = 0
        self._keys: list[tuple[str, str]] = []
        self._reload()
        self._connect()
        self.widget = self._layout(W)
        self._refresh_statement_options()
        self._apply_filters()

    # -- building --------------------------------------------------------------
    @property
    def decisions_path(self) -> Path:
        """The decisions file, in full: the one ``lta-align run --out OUT`` reads
        when it is ``OUT/decisions.csv``."""
        return Path(self.store.path).resolve()

    def _competency_options(self) -> list[tuple[str, str]]:
        return [
            (f"{r.competency_id}: {_short(r.text, 70)}", r.competency_id)
            for r in self.alignment.framework.competencies.itertuples(index=False)
        ]

    def _filter_controls(self, W: Any) -> None:
        """Course, set, status and ambiguous filters; Previous / Next."""
        label = {"style": {"description_width": "initial"}}
        courses = self.alignment.program.courses.sort_values("course_id", kind="stable")
        course_options = [("All courses", "")] + [
            (f"{r.course_code} {r.course_title}".strip(), r.course_id)
            for r in courses.itertuples(index=False)
        ]
        set_options = [("All sets", "")] + [
            (r.set_name, r.set_id)
            for r in self.alignment.framework.sets.itertuples(index=False)
        ]
        self.course = W.Dropdown(options=course_options, description="Course", **label)
        self.set = W.Dropdown(options=set_options, description="Set", **label)
        self.status = W.ToggleButtons(
            options=STATUS_FILTERS, value="all", description="Show"
        )
        self.ambiguous_only = W.ToggleButton(
            value=False, description="Ambiguous only", icon="question"
        )
        self.prev_button = W.Button(description="Previous", icon="arrow-left")
        self.next_button = W.Button(description="Next", icon="arrow-right")
        self.position = W.Label(value="")
        self.match_view = W.HTML(value="")

    def _decision_controls(self, W: Any, reviewer: str) -> None:
        """Reviewer name, the decision buttons, the add form and status lines."""
        label = {"style": {"description_width": "initial"}}
        wide = {**label, "layout": W.Layout(width="520px")}
        auto = {"layout": W.Layout(width="auto")}
        competencies = self._competency_options()
        self.reviewer = W.Text(
            value=reviewer, description="Reviewer", placeholder="your name"
        )
        self.accept_button = W.Button(
            description="Accept", button_style="success", icon="check"
        )
        self.reject_button = W.Button(
            description="Reject", button_style="danger", icon="times"
        )
        self.level = W.Dropdown(options=LEVEL_OPTIONS, value="", description="Level")
        self.level_button = W.Button(description="Set level", **auto)
        self.competency = W.Dropdown(
            options=competencies, description="Competency", **wide
        )
        self.change_button = W.Button(
            description="Move match here", icon="exchange", **auto
        )
        self.comment = W.Text(
            description="Comment", placeholder="a note for colleagues", **wide
        )
        self.comment_button = W.Button(description="Save comment", **auto)
        self.add_statement = W.Dropdown(options=[], description="Statement", **wide)
        self.add_competency = W.Dropdown(
            options=competencies, description="Competency", **wide
        )
        self.add_button = W.Button(description="Add missed match", icon="plus", **auto)
        self.status_line = W.HTML(value="")
        self.decisions_view = W.HTML(value="")

    def _connect(self) -> None:
        for control in (self.course, self.set, self.status, self.ambiguous_only):
            control.observe(self._on_filter, names="value")
        self.prev_button.on_click(lambda _: self.go(self._index - 1))
        self.next_button.on_click(lambda _: self.go(self._index + 1))
        self.accept_button.on_click(self._on_accept)
        self.reject_button.on_click(self._on_reject)
        self.level_button.on_click(self._on_level)
        self.change_button.on_click(self._on_change)
        self.comment_button.on_click(self._on_comment)
        self.add_button.on_click(self._on_add)

    def _layout(self, W: Any) -> Any:
        return W.VBox(
            [
                W.HTML(
                    "<b>Review matches</b> (every click is saved at once to "
                    f"<code>{html.escape(str(self.decisions_path))}</code>)"
                ),
                self.reviewer,
                W.HBox([self.course, self.set]),
                W.HBox([self.status, self.ambiguous_only]),
                W.HBox([self.prev_button, self.next_button, self.position]),
                self.match_view,
                W.HBox([self.accept_button, self.reject_button]),
                W.HBox([self.level, self.level_button]),
                W.HBox([self.competency, self.change_button]),
                W.HBox([self.comment, self.comment_button]),
                W.HTML("<b>Add a match the engine missed</b>"),
                self.add_statement,
                W.HBox([self.add_competency, self.add_button]),
                self.status_line,
                self.decisions_view,
            ]
        )

    # -- data ------------------------------------------------------------------
    def _reload(self) -> None:
        """Read the decisions file once and rebuild :attr:`rows` from it."""
        self._decisions = self.store.current()
        self.rows = review_rows(self.alignment, self._decisions)

    def _filtered(self) -> pd.DataFrame:
        return filter_rows(
            self.rows,
            course_id=self.course.value,
            set_id=self.set.value,
            status=self.status.value,
            ambiguous_only=self.ambiguous_only.value,
        )

    @property
    def current(self) -> dict[str, Any] | None:
        """The match shown now (a dict of :attr:`rows` columns), or None."""
        if not self._keys:
            return None
        key = self._keys[self._index]
        hit = self.rows[
            (self.rows["statement_id"] == key[0])
            & (self.rows["competency_id"] == key[1])
        ]
        return hit.iloc[0].to_dict() if len(hit) else None

    # -- navigation ------------------------------------------------------------
    def _apply_filters(self, keep: tuple[str, str] | None = None) -> None:
        view = self._filtered()
        self._keys = list(zip(view["statement_id"], view["competency_id"], strict=True))
        if keep is not None and keep in self._keys:
            self._index = self._keys.index(keep)
        self._index = max(0, min(self._index, len(self._keys) - 1))
        self._render()

    def _on_filter(self, _change: Any) -> None:
        self._index = 0
        self._refresh_statement_options()
        self._apply_filters()

    def go(self, index: int) -> None:
        """Show the match at ``index`` of the filtered list (clamped to its ends)."""
        self._index = max(0, min(index, len(self._keys) - 1))
        self._render()

    def _refresh_statement_options(self) -> None:
        st = self.alignment.program.statements
        if self.course.value:
            st = st[st["course_id"] == self.course.value]
        options = [
            (f"{r.course_id} [{r.kind}] {_short(r.text, 60)}", r.statement_id)
            for r in st.itertuples(index=False)
        ]
        self.add_statement.options = options
        if options:
            self.add_statement.value = options[0][1]

    # -- rendering -------------------------------------------------------------
    def _render(self) -> None:
        row = self.current
        n = len(self._keys)
        self.position.value = f"{self._index + 1} of {n}" if n else "0 of 0"
        if row is None:
            self.match_view.value = (
                "<p><i>No matches with these filters. Change the filters above, "
                "or add a match the engine missed below.</i></p>"
            )
        else:
            self.match_view.value = _match_card(row)
            self.competency.value = row["competency_id"]
            self.level.value = row["level"]
        self._render_decisions()

    def _render_decisions(self) -> None:
        cur = self._decisions
        if self.course.value:
            cur = cur[cur["course_id"] == self.course.value]
        if cur.empty:
            self.decisions_view.value = "<p><i>No stored decisions yet.</i></p>"
            return
        latest = cur.sort_values("decided_at", ascending=False, kind="stable").head(
            DECISIONS_SHOWN
        )
        shown = f", latest {len(latest)} shown" if len(latest) < len(cur) else ""
        self.decisions_view.value = (
            f"<b>Stored decisions ({len(cur)}{shown})</b>"
            + latest[DECISION_COLUMNS].to_html(index=False, escape=True, border=0)
        )

    # -- actions ---------------------------------------------------------------
    def _act(
        self, action: Callable[[dict | None, str], Any], *, advance: bool = False
    ) -> bool:
        """Run ``action(shown_row, reviewer)`` (a store method); report; refresh.

        Returns whether something was saved.
        """
        row = self.current
        name = self.reviewer.value.strip()
        if not name:
            self.status_line.value = (
                "<span style='color:#b00'>Type your name in <b>Reviewer</b> first; "
                "nothing was saved.</span>"
            )
            return False
        try:
            saved = action(row, name)
        except (ValueError, LtaAlignError) as exc:
            self.status_line.value = (
                f"<span style='color:#b00'>Not saved: {html.escape(str(exc))}</span>"
            )
            return False
        if isinstance(saved, list):
            saved = saved[-1]
        self.status_line.value = (
            f"Saved {html.escape(saved['decision'] or 'comment')} "
            f"{html.escape(saved['statement_id'])} &rarr; "
            f"{html.escape(saved['competency_id'])} at {saved['decided_at']} by "
            f"{html.escape(saved['reviewer'])} in "
            f"<code>{html.escape(str(self.decisions_path))}</code>"
        )
        key = (row["statement_id"], row["competency_id"]) if row else None
        self._reload()
        self._apply_filters(keep=key)
        if advance and key in self._keys:
            self.go(self._keys.index(key) + 1)
        return True

    def _on_shown(
        self, method: Callable[..., Any], *args: Any, advance: bool = False, **kw: Any
    ) -> bool:
        """Call a store method on the match shown (its pair, reviewer and course)."""

        def save(row: dict | None, who: str) -> Any:
            if row is None:
                raise ValueError("no match is shown; change the filters first")
            return method(
                row["statement_id"],
                row["competency_id"],
                *args,
                reviewer=who,
                course_id=row["course_id"],
                **kw,
            )

        return self._act(save, advance=advance)

    def _on_accept(self, _button: Any = None) -> None:
        level = self.level.value or None
        self._on_shown(self.store.accept, level=level, advance=True)

    def _on_reject(self, _button: Any = None) -> None:
        self._on_shown(self.store.reject, advance=True)

    def _on_level(self, _button: Any = None) -> None:
        self._on_shown(self.store.set_level, self.level.value)

    def _on_change(self, _button: Any = None) -> None:
        level = self.level.value or None
        self._on_shown(self.store.change, self.competency.value, level=level)

    def _on_comment(self, _button: Any = None) -> None:
        if self._on_shown(self.store.comment, self.comment.value):
            self.comment.value = ""

    def _on_add(self, _button: Any = None) -> None:
        def save(_row: dict | None, who: str) -> Any:
            if not self.add_statement.value:
                raise ValueError("choose a statement to add a match for")
            return self.store.add(
                self.add_statement.value, self.add_competency.value, reviewer=who
            )

        self._act(save)

    # -- display ---------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return (
            f"ReviewPanel({len(self.rows)} matches, "
            f"{(self.rows['decision'] != '').sum()} reviewed, store={self.store!r})"
        )


def review_panel(
    alignment: Alignment,
    store: DecisionStore | str | Path,
    *,
    reviewer: str = "",
) -> ReviewPanel:
    """Return a review panel for ``alignment`` that saves decisions into ``store``.

    Show it by making it the last expression of a notebook cell. Pass the
    engine's alignment (from :func:`lta_align.align`); the panel shows the
    decisions already stored and every click saves at once.

    Parameters
    ----------
    alignment : Alignment
        The matches to review.
    store : DecisionStore or path
        Where decisions go (a ``decisions.csv`` path or its folder is accepted).
    reviewer : str, default=""
        Prefills the Reviewer box (a name is needed before anything is saved).

    Returns
    -------
    ReviewPanel
        ``.widget`` is the ipywidgets box; the buttons (``accept_button``,
        ``reject_button``, ...) can be clicked from code.

    Raises
    ------
    MissingDependencyError
        ipywidgets is not installed (``pip install 'lta-align[notebooks]'``).
    """
    if not isinstance(store, DecisionStore):
        store = DecisionStore(store)
    return ReviewPanel(alignment, store, reviewer=reviewer)


review = review_panel
"""The earlier name of :func:`review_panel` (``la.review``), kept working."""
