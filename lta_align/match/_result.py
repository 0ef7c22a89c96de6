"""The result of :func:`lta_align.match.align` and the tables it is built from.

:class:`Alignment` holds the tables; :func:`dedupe_statements` and
:func:`select_matches` turn scored candidates into its ``matches`` and
``unmatched`` tables (top-k, no-match flag, ambiguity, stable order).
"""

from __future__ import annotations

import pandas as pd

from ..columns import MATCH_COLUMNS, STATEMENT_COLUMNS
from ..config import MatchConfig
from ..model import Alignment

__all__ = ["Alignment", "dedupe_statements", "select_matches"]

MATCH_EXTRA_COLUMNS = [
    "raw_score",
    "kind",
    "decision",
    "level",
    "note",
    "below_floor",
    "no_match",
    "learned_from",
]
UNMATCHED_COLUMNS = ["course_id", "statement_id", "kind", "text", "best_score"]


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
    """Apply the top-k, floor and ambiguity rules to the candidate table.

    Every statement keeps its ``top_k`` ranked candidates. The floor does not
    delete them: a candidate whose evidence score
    (:func:`lta_align.coverage.evidence_score`: ``score``, never under
    ``config.prior_floor`` x ``raw_score``) is under ``config.match_threshold``
    is flagged ``below_floor`` (it is no coverage evidence), and a statement whose best
    evidence is under it is flagged ``no_match`` on all its rows and listed in
    ``unmatched`` (``best_score``: that best evidence).
    """
    from ..coverage import evidence_score

    cand = cand.copy()
    cand["score"] = cand["score"].round(4)
    if "raw_score" not in cand.columns:
        cand["raw_score"] = cand["score"]
    cand["raw_score"] = cand["raw_score"].round(4)
    cand["_ev"] = evidence_score(cand, config)
    cand["margin"] = cand["margin"].round(4)
    if "learned_from" not in cand.columns:
        cand["learned_from"] = ""
    kinds = statements.set_index("statement_id")["kind"]
    matches = cand[cand["rank"] <= config.top_k].copy()
    best = matches.groupby("statement_id")["_ev"].max()
    matches["below_floor"] = (matches["_ev"] < config.match_threshold).astype(bool)
    matches["no_match"] = (
        matches["statement_id"].map(best).fillna(0.0) < config.match_threshold
    ).astype(bool)
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
            "learned_from": str,
            "rank": "int64",
            "score": "float64",
            "raw_score": "float64",
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
