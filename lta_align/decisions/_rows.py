"""Decision rows: checking, cleaning and tabulating them (shared by the review modules).

A decision row is a dict with the :data:`~lta_align.columns.DECISION_COLUMNS` as
keys and strings as values, as stored in ``decisions.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..columns import DECISION_COLUMNS, DECISIONS, LEVELS
from ..errors import SchemaError

PAIR = ["statement_id", "competency_id"]
"""The key of a decision: the latest row of a pair wins."""
ORPHAN_COLUMNS = [*DECISION_COLUMNS, "reason"]
"""Columns of an orphans table: the decision columns plus ``reason``."""


def pairs(df: pd.DataFrame) -> pd.MultiIndex:
    """Return the (statement_id, competency_id) pairs of a table, in row order."""
    return pd.MultiIndex.from_frame(df[PAIR])


def course_of(statement_id: str) -> str:
    """Return the course id embedded in a statement id (``LTA101-1a2b3c4d``)."""
    head, sep, _ = str(statement_id).rpartition("-")
    return head if sep else ""


def check_decision(decision: str) -> str:
    if decision not in DECISIONS:
        raise ValueError(
            f"decision should be one of {list(DECISIONS)}; got {decision!r}"
        )
    return decision


def check_level(level: str | None) -> str:
    level = "" if level is None else str(level).strip()
    if level not in LEVELS:
        raise ValueError(
            f"level should be one of {[lv for lv in LEVELS if lv]} or '' (none); "
            f"got {level!r}"
        )
    return level


def check_text(name: str, value: Any) -> str:
    """Return ``value`` stripped; ValueError if it is empty."""
    text = "" if value is None else str(value).strip()
    if not text:
        hint = (
            " Type your name so colleagues can see who decided."
            if name == "reviewer"
            else ""
        )
        raise ValueError(
            f"{name} is required (a non-empty string); got {value!r}.{hint}"
        )
    return text


def clean_note(note: Any) -> str:
    """Return a note as stored: stripped, line breaks as ``\\n`` (no bare CR)."""
    text = "" if note is None else str(note)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def check_header(
    header: Iterable[str], required: Iterable[str], *, where: str, fix: str
) -> None:
    """Raise :class:`SchemaError` naming the ``required`` columns not in ``header``."""
    header = [h for h in header if h]
    missing = [c for c in required if c not in header]
    if missing:
        raise SchemaError(
            f"{where} is missing column(s) {missing}; it has {header}. {fix}"
        )


def rows_to_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Return decision rows as a DataFrame of the decision columns (all strings)."""
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in DECISION_COLUMNS})
    return pd.DataFrame(rows, columns=DECISION_COLUMNS).astype("str")


def latest(df: pd.DataFrame) -> pd.DataFrame:
    """Keep the last row of each (statement_id, competency_id), sorted by ids."""
    last = df.drop_duplicates(PAIR, keep="last")
    return last.sort_values(["course_id", *PAIR], kind="stable", ignore_index=True)


def latest_of_pair(
    rows: list[dict[str, str]], statement_id: str, competency_id: str
) -> dict[str, str]:
    """Return the latest row of a pair in ``rows`` ({} when there is none)."""
    for row in reversed(rows):
        if row["statement_id"] == statement_id and row["competency_id"] == (
            competency_id
        ):
            return row
    return {}


def orphans(decisions: pd.DataFrame, program: Any, framework: Any) -> pd.DataFrame:
    """Return the decisions whose statement (or competency) is gone, with a reason.

    Columns: :data:`ORPHAN_COLUMNS`. ``framework`` may be None (statements only).
    """
    gone_statement = ~decisions["statement_id"].isin(program.statements["statement_id"])
    reason = pd.Series("", index=decisions.index, dtype="str")
    if framework is not None:
        gone_competency = ~decisions["competency_id"].isin(
            framework.competencies["competency_id"]
        )
        reason[gone_competency] = (
            f"competency not in {framework.name}: check the id or the framework"
        )
    reason[gone_statement] = (
        "statement not found in the syllabi (its text was edited or the course "
        "removed): review it again"
    )
    out = decisions.assign(reason=reason)
    return out.loc[reason != "", ORPHAN_COLUMNS].reset_index(drop=True)
