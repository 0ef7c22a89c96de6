"""The review panel: a thin ipywidgets view over the review model.

The model is :class:`~lta_align.review.DecisionStore`.

Layout and callbacks only. Every button calls one store method, which saves the
decision to the decisions file at once; the panel then reads the store again. The
panel needs no browser to be created (it is built headless in tests and notebooks
run under nbval) and nothing in it waits for a click.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import LtaAlignError, MissingDependencyError
from .review import DecisionStore

__all__ = ["ReviewPanel", "review"]

STATUS_FILTERS = [
    ("All", "all"),
    ("Not reviewed", "open"),
    ("Accepted", "accept"),
    ("Rejected", "reject"),
    ("Added", "add"),
]
DECISIONS_SHOWN = 20  # rows of the stored-decisions table under the panel
LEVEL_OPTIONS = [
    ("(no level)", ""),
    ("introduced", "introduced"),
    ("reinforced", "reinforced"),
    ("mastered", "mastered"),
]


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


class ReviewPanel:
    """Browse an alignment's matches and record decisions with buttons.

    Create it with :func:`lta_align.review`; show it by making it the last
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
        W = _widgets()
        label = {"description_width": "initial"}
        wide = W.Layout(width="520px")
        self.alignment = alignment
        self.store = store
        program = alignment.program
        framework = alignment.framework
        self._statements = program.statements.set_index("statement_id")
        self._competencies = framework.competencies.set_index("competency_id")

        courses = program.courses.sort_values("course_id", kind="stable")
        course_options = [("All courses", "")] + [
            (f"{r.course_code} {r.course_title}".strip(), r.course_id)
            for r in courses.itertuples(index=False)
        ]
        set_options = [("All sets", "")] + [
            (r.set_name, r.set_id) for r in framework.sets.itertuples(index=False)
        ]
        competency_options = [
            (f"{r.competency_id}: {_short(r.text, 70)}", r.competency_id)
            for r in framework.competencies.itertuples(index=False)
        ]

        self.reviewer = W.Text(
            value=reviewer, description="Reviewer", placeholder="your name"
        )
        self.course = W.Dropdown(
            options=course_options, value="", description="Course", style=label
        )
        self.set = W.Dropdown(
            options=set_options, value="", description="Set", style=label
        )
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

        self.accept_button = W.Button(
            description="Accept", button_style="success", icon="check"
        )
        self.reject_button = W.Button(
            description="Reject", button_style="danger", icon="times"
        )
        self.level = W.Dropdown(options=LEVEL_OPTIONS, value="", description="Level")
        self.level_button = W.Button(
            description="Set level", layout=W.Layout(width="auto")
        )
        self.competency = W.Dropdown(
            options=competency_options,
            description="Competency",
            style=label,
            layout=wide,
        )
        self.change_button = W.Button(
            description="Move match here",
            icon="exchange",
            layout=W.Layout(width="auto"),
        )
        self.comment = W.Text(
            value="",
            description="Comment",
            placeholder="a note for colleagues",
            style=label,
            layout=wide,
        )
        self.comment_button = W.Button(
            description="Save comment", layout=W.Layout(width="auto")
        )

        self.add_statement = W.Dropdown(
            options=[], description="Statement", style=label, layout=wide
        )
        self.add_competency = W.Dropdown(
            options=competency_options,
            description="Competency",
            style=label,
            layout=wide,
        )
        self.add_button = W.Button(
            description="Add missed match", icon="plus", layout=W.Layout(width="auto")
        )

        self.status_line = W.HTML(value="")
        self.decisions_view = W.HTML(value="")

        self._index = 0
        self.rows = self._build_rows()
        self._keys: list[tuple[str, str]] = []

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

        self.widget = W.VBox(
            [
                W.HTML(
                    "<b>Review matches</b> (every click is saved at once to "
                    f"<code>{html.escape(str(store.path))}</code>)"
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
        self._refresh_statement_options()
        self._apply_filters()

    # -- data ------------------------------------------------------------------
    def _build_rows(self) -> pd.DataFrame:
        """Engine matches plus pairs only the store knows (added, moved)."""
        cols = [
            "course_id",
            "statement_id",
            "competency_id",
            "set_id",
            "score",
            "ambiguous",
        ]
        m = self.alignment.matches
        engine = m[cols].copy() if len(m) else pd.DataFrame(columns=cols)
        current = self.store.current()
        known = set(zip(engine["statement_id"], engine["competency_id"], strict=True))
        extra = current[
            [
                (s, c) not in known
                and s in self._statements.index
                and c in self._competencies.index
                for s, c in zip(
                    current["statement_id"], current["competency_id"], strict=True
                )
            ]
        ]
        if len(extra):
            add = pd.DataFrame(
                {
                    "course_id": extra["statement_id"].map(
                        self._statements["course_id"]
                    ),
                    "statement_id": extra["statement_id"],
                    "competency_id": extra["competency_id"],
                    "set_id": extra["competency_id"].map(self._competencies["set_id"]),
                    "score": 0.0,
                    "ambiguous": False,
                }
            )
            engine = pd.concat(
                [
                    engine.astype({"score": "float64", "ambiguous": "bool"}),
                    add.astype({"score": "float64", "ambiguous": "bool"}),
                ],
                ignore_index=True,
            )
        # courses in id order, statements in document order, best match first
        order = {sid: i for i, sid in enumerate(self._statements.index)}
        rank = self.alignment.matches.set_index(["statement_id", "competency_id"])
        keys = list(zip(engine["statement_id"], engine["competency_id"], strict=True))
        ranks = rank["rank"].to_dict() if "rank" in rank.columns else {}
        engine = engine.assign(
            _pos=[order.get(s, len(order)) for s, _ in keys],
            _rank=[int(ranks.get(k, 0)) for k in keys],
        )
        rows = (
            engine.sort_values(
                ["course_id", "_pos", "_rank", "competency_id"], kind="stable"
            )
            .drop(columns=["_pos", "_rank"])
            .reset_index(drop=True)
        )
        st = self._statements
        rows["kind"] = rows["statement_id"].map(st["kind"]).fillna("")
        rows["statement"] = rows["statement_id"].map(st["text"]).fillna("")
        rows["location"] = rows["statement_id"].map(st["location"]).fillna("")
        rows["competency"] = (
            rows["competency_id"].map(self._competencies["text"]).fillna("")
        )
        return self._merge_decisions(rows)

    def _merge_decisions(self, rows: pd.DataFrame) -> pd.DataFrame:
        current = self.store.current()
        rows = rows.drop(
            columns=["decision", "level", "note", "reviewer"], errors="ignore"
        )
        merged = rows.merge(
            current[
                [
                    "statement_id",
                    "competency_id",
                    "decision",
                    "level",
                    "note",
                    "reviewer",
                ]
            ],
            on=["statement_id", "competency_id"],
            how="left",
        )
        for col in ("decision", "level", "note", "reviewer"):
            merged[col] = merged[col].fillna("").astype("str")
        return merged

    def _filtered(self) -> pd.DataFrame:
        rows = self.rows
        mask = pd.Series(True, index=rows.index)
        if self.course.value:
            mask &= rows["course_id"] == self.course.value
        if self.set.value:
            mask &= rows["set_id"] == self.set.value
        if self.status.value == "open":
            mask &= rows["decision"] == ""
        elif self.status.value in {"accept", "reject", "add"}:
            mask &= rows["decision"] == self.status.value
        if self.ambiguous_only.value:
            mask &= rows["ambiguous"].astype(bool)
        return rows[mask]

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
            esc = html.escape
            decided = (
                f"{esc(row['decision'])}"
                + (f", {esc(row['level'])}" if row["level"] else "")
                + (f" by {esc(row['reviewer'])}" if row["reviewer"] else "")
                if row["decision"]
                else "not reviewed (the engine's match stands)"
            )
            flag = (
                " <b>(ambiguous: close second choice)</b>" if row["ambiguous"] else ""
            )
            self.match_view.value = (
                "<table>"
                f"<tr><th align='left'>Course</th><td>{esc(row['course_id'])}</td></tr>"
                f"<tr><th align='left'>Statement</th><td>{esc(row['statement'])}"
                f"<br><small>{esc(row['kind'])} &middot; {esc(row['location'])} "
                f"&middot; {esc(row['statement_id'])}</small></td></tr>"
                f"<tr><th align='left'>Competency</th><td>"
                f"{esc(row['competency_id'])}: {esc(row['competency'])}</td></tr>"
                f"<tr><th align='left'>Score</th><td>{float(row['score']):.2f}"
                f"{flag}</td></tr>"
                f"<tr><th align='left'>Decision</th><td>{decided}</td></tr>"
                + (
                    f"<tr><th align='left'>Comment</th><td>{esc(row['note'])}</td></tr>"
                    if row["note"]
                    else ""
                )
                + "</table>"
            )
            self.competency.value = row["competency_id"]
            self.level.value = row["level"]
        self._render_decisions()

    def _render_decisions(self) -> None:
        cur = self.store.current()
        if self.course.value:
            cur = cur[cur["course_id"] == self.course.value]
        if cur.empty:
            self.decisions_view.value = "<p><i>No stored decisions yet.</i></p>"
            return
        cols = [
            "course_id",
            "statement_id",
            "competency_id",
            "decision",
            "level",
            "reviewer",
            "decided_at",
            "note",
        ]
        latest = cur.sort_values("decided_at", ascending=False, kind="stable").head(
            DECISIONS_SHOWN
        )
        shown = f", latest {len(latest)} shown" if len(latest) < len(cur) else ""
        self.decisions_view.value = (
            f"<b>Stored decisions ({len(cur)}{shown})</b>"
            + latest[cols].to_html(index=False, escape=True, border=0)
        )

    # -- actions ---------------------------------------------------------------
    def _act(self, action, *, advance: bool = False) -> None:
        row = self.current
        name = self.reviewer.value.strip()
        if not name:
            self.status_line.value = (
                "<span style='color:#b00'>Type your name in <b>Reviewer</b> first; "
                "nothing was saved.</span>"
            )
            return
        try:
            saved = action(row, name)
        except (ValueError, LtaAlignError) as exc:
            self.status_line.value = (
                f"<span style='color:#b00'>Not saved: {html.escape(str(exc))}</span>"
            )
            return
        if isinstance(saved, list):
            saved = saved[-1]
        self.status_line.value = (
            f"Saved {html.escape(saved['decision'] or 'comment')} "
            f"{html.escape(saved['statement_id'])} &rarr; "
            f"{html.escape(saved['competency_id'])} at {saved['decided_at']} by "
            f"{html.escape(saved['reviewer'])} in "
            f"<code>{html.escape(Path(self.store.path).name)}</code>"
        )
        key = (row["statement_id"], row["competency_id"]) if row else None
        self.rows = self._build_rows()
        self._apply_filters(keep=key)
        if advance and key is not None and self._keys and key in self._keys:
            self.go(self._keys.index(key) + 1)

    def _need_row(self, row):
        if row is None:
            raise ValueError("no match is shown; change the filters first")
        return row

    def _on_accept(self, _button: Any = None) -> None:
        self._act(
            lambda row, who: self.store.accept(
                self._need_row(row)["statement_id"],
                row["competency_id"],
                reviewer=who,
                level=self.level.value or None,
                course_id=row["course_id"],
            ),
            advance=True,
        )

    def _on_reject(self, _button: Any = None) -> None:
        self._act(
            lambda row, who: self.store.reject(
                self._need_row(row)["statement_id"],
                row["competency_id"],
                reviewer=who,
                course_id=row["course_id"],
            ),
            advance=True,
        )

    def _on_level(self, _button: Any = None) -> None:
        self._act(
            lambda row, who: self.store.set_level(
                self._need_row(row)["statement_id"],
                row["competency_id"],
                self.level.value,
                reviewer=who,
                course_id=row["course_id"],
            )
        )

    def _on_change(self, _button: Any = None) -> None:
        self._act(
            lambda row, who: self.store.change(
                self._need_row(row)["statement_id"],
                row["competency_id"],
                self.competency.value,
                reviewer=who,
                level=self.level.value or None,
                course_id=row["course_id"],
            )
        )

    def _on_comment(self, _button: Any = None) -> None:
        def save(row, who):
            row = self._need_row(row)
            saved = self.store.comment(
                row["statement_id"],
                row["competency_id"],
                self.comment.value,
                reviewer=who,
                course_id=row["course_id"],
            )
            self.comment.value = ""
            return saved

        self._act(save)

    def _on_add(self, _button: Any = None) -> None:
        def save(_row, who):
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


def review(
    alignment: Any,
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
