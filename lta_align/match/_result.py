"""The result of :func:`lta_align.match.align` and the tables it is built from.

:class:`Alignment` holds the tables; :func:`dedupe_statements` and
:func:`select_matches` turn scored candidates into its ``matches`` and
``unmatched`` tables (floor, top-k, ambiguity, stable order).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..columns import MATCH_COLUMNS, STATEMENT_COLUMNS
from ..model import Framework, Program
from ._config import MatchConfig

__all__ = ["Alignment", "dedupe_statements", "select_matches"]

MATCH_EXTRA_COLUMNS = ["kind", "decision", "level", "note"]
UNMATCHED_COLUMNS = ["course_id", "statement_id", "kind", "text", "best_score"]


@dataclass(frozen=True)
class Alignment:
    """The result of :func:`align`: matches and the coverage they give.

    Attributes
    ----------
    program : Program
    framework : Framework
    method : str
    config : MatchConfig
    matches : pandas.DataFrame
        ``course_id, statement_id, competency_id, set_id, score, rank, ambiguous,
        kind, decision, level, note``: the top ``config.top_k`` competencies of
        every statement scoring at least ``config.match_threshold``. ``decision``
        is "" for engine rows, "accept"/"add" after review.
    coverage : pandas.DataFrame
        ``course_id, competency_id, set_id, score, status, evidence_statement_id,
        level, reviewed, n_evidence``: for each course, one row per competency of
        every set in which it has any match (a missing pair means not covered).
    course_sets : pandas.DataFrame
        ``course_id, set_id, set_name, covered, total, coverage, score, complete,
        provisional``.
    courses : pandas.DataFrame
        ``course_id, course_code, course_title, primary_set_id, primary_set_name,
        primary_score`` ("" when the course is general).
    unmatched : pandas.DataFrame
        ``course_id, statement_id, kind, text, best_score``: statements that
        matched nothing.
    decisions : pandas.DataFrame or None
        Review decisions applied (set by :func:`lta_align.apply_decisions`).
    """

    program: Program
    framework: Framework
    method: str
    config: MatchConfig
    matches: pd.DataFrame
    coverage: pd.DataFrame
    course_sets: pd.DataFrame
    courses: pd.DataFrame
    unmatched: pd.DataFrame
    decisions: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return (
            f"Alignment(method={self.method!r}, courses={len(self.courses)}, "
            f"matches={len(self.matches)}, unmatched={len(self.unmatched)})"
        )

    def replace(self, **changes: Any) -> Alignment:
        """Return a copy with ``changes`` (``dataclasses.replace``)."""
        return replace(self, **changes)


KIND_PRIORITY = {
    "outcome": 0,
    "assessment": 1,
    "topic": 2,
    "description": 3,
    "reading": 4,
}


def dedupe_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """Keep one row per (course_id, statement_id), sorted by those ids.

    When the same text appears under several kinds, the strongest kind is kept
    (outcome, assessment, topic, description, reading), whatever the input order.
    """
    cols = [c for c in STATEMENT_COLUMNS if c in statements.columns]
    out = statements[cols].copy()
    out["text"] = out["text"].astype(str)
    out["kind"] = out["kind"].astype(str)
    out["_k"] = out["kind"].map(KIND_PRIORITY).fillna(len(KIND_PRIORITY))
    out = out.sort_values(["course_id", "statement_id", "_k"], kind="stable")
    out = out.drop_duplicates(["course_id", "statement_id"], keep="first")
    return out.drop(columns="_k").reset_index(drop=True)


def select_matches(
    cand: pd.DataFrame, statements: pd.DataFrame, config: MatchConfig
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the floor, top-k and ambiguity rules to the candidate table."""
    cand = cand.copy()
    cand["score"] = cand["score"].round(4)
    cand["margin"] = cand["margin"].round(4)
    kinds = statements.set_index("statement_id")["kind"]
    best = cand[cand["rank"] == 1].set_index("statement_id")["score"]
    keep = (cand["rank"] <= config.top_k) & (cand["score"] >= config.match_threshold)
    matches = cand[keep].copy()
    matches["ambiguous"] = (matches["margin"] < config.ambiguity_margin).astype(bool)
    matches["kind"] = matches["statement_id"].map(kinds).astype(str)
    matches["decision"] = ""
    matches["level"] = ""
    matches["note"] = ""
    matches = matches[MATCH_COLUMNS + MATCH_EXTRA_COLUMNS].astype(
        {
            "decision": str,
            "level": str,
            "note": str,
            "rank": "int64",
            "score": "float64",
        }
    )
    matches = matches.sort_values(
        ["course_id", "statement_id", "rank"], kind="stable"
    ).reset_index(drop=True)

    stmt = statements.copy()
    stmt["best_score"] = stmt["statement_id"].map(best).fillna(0.0).astype(float)
    unmatched = stmt[stmt["best_score"] < config.match_threshold]
    unmatched = (
        unmatched[UNMATCHED_COLUMNS]
        .sort_values(["course_id", "statement_id"], kind="stable")
        .reset_index(drop=True)
    )
    return matches, unmatched
