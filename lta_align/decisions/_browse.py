"""The table the review panel browses: matches with their texts and decisions."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._rows import PAIR, pairs

BROWSE_COLUMNS = [
    "course_id",
    "statement_id",
    "competency_id",
    "set_id",
    "score",
    "ambiguous",
    "kind",
    "statement",
    "location",
    "competency",
    "decision",
    "level",
    "note",
    "reviewer",
]
"""Columns of :func:`review_rows`."""
STATUS_VALUES = ("all", "open", "accept", "reject", "add")
"""Status filters of :func:`filter_rows`: ``open`` = nobody decided yet."""

_ENGINE = ["course_id", *PAIR, "set_id", "score", "ambiguous"]
_STORED = ["decision", "level", "note", "reviewer"]


def review_rows(alignment: Any, decisions: pd.DataFrame) -> pd.DataFrame:
    """Return the matches to review, each with its texts and stored decision.

    The engine's matches plus the pairs only the decisions know (added or moved
    by a reviewer; score 0) whose statement and competency still exist. Courses
    in id order, statements in document order, best match first.

    Parameters
    ----------
    alignment : Alignment
        The engine's result.
    decisions : pandas.DataFrame
        The current decisions (:meth:`DecisionStore.current`).

    Returns
    -------
    pandas.DataFrame
        :data:`BROWSE_COLUMNS`; ``decision, level, note, reviewer`` are ``""``
        for a pair nobody decided.
    """
    statements = alignment.program.statements.set_index("statement_id")
    competencies = alignment.framework.competencies.set_index("competency_id")
    matches = alignment.matches
    engine = matches[_ENGINE].assign(
        rank=matches["rank"] if "rank" in matches.columns else 0
    )
    only_stored = decisions[
        ~pairs(decisions).isin(pairs(engine))
        & decisions["statement_id"].isin(statements.index)
        & decisions["competency_id"].isin(competencies.index)
    ]
    if len(only_stored):
        extra = pd.DataFrame(
            {
                "course_id": only_stored["statement_id"].map(statements["course_id"]),
                "statement_id": only_stored["statement_id"],
                "competency_id": only_stored["competency_id"],
                "set_id": only_stored["competency_id"].map(competencies["set_id"]),
                "score": 0.0,
                "ambiguous": False,
                "rank": 0,
            }
        )
        engine = pd.concat([engine, extra], ignore_index=True)
    engine = engine.astype({"score": "float64", "ambiguous": "bool", "rank": "int64"})
    position = pd.Series(range(len(statements)), index=statements.index)
    rows = (
        engine.assign(_pos=engine["statement_id"].map(position).fillna(len(position)))
        .sort_values(["course_id", "_pos", "rank", "competency_id"], kind="stable")
        .drop(columns=["_pos", "rank"])
        .reset_index(drop=True)
    )
    for col, source in (
        ("kind", "kind"),
        ("statement", "text"),
        ("location", "location"),
    ):
        rows[col] = rows["statement_id"].map(statements[source]).fillna("")
    rows["competency"] = rows["competency_id"].map(competencies["text"]).fillna("")
    rows = rows.merge(decisions[[*PAIR, *_STORED]], on=PAIR, how="left")
    for col in _STORED:
        rows[col] = rows[col].fillna("").astype("str")
    return rows[BROWSE_COLUMNS]


def filter_rows(
    rows: pd.DataFrame,
    *,
    course_id: str = "",
    set_id: str = "",
    status: str = "all",
    ambiguous_only: bool = False,
) -> pd.DataFrame:
    """Return the rows of :func:`review_rows` that pass the panel's filters.

    Empty ``course_id``/``set_id`` mean all; ``status`` is one of
    :data:`STATUS_VALUES`.
    """
    mask = pd.Series(True, index=rows.index)
    if course_id:
        mask &= rows["course_id"] == course_id
    if set_id:
        mask &= rows["set_id"] == set_id
    if status == "open":
        mask &= rows["decision"] == ""
    elif status != "all":
        mask &= rows["decision"] == status
    if ambiguous_only:
        mask &= rows["ambiguous"].astype(bool)
    return rows[mask]
