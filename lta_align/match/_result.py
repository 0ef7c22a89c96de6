"""The result of :func:`lta_align.match.align` and the tables it is built from.

:class:`Alignment` holds the tables; :func:`dedupe_statements` and
:func:`select_matches` turn scored candidates into its ``matches`` and
``unmatched`` tables (top-k, no-match flag, ambiguity, stable order).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._codes import STR_DTYPE, ascending_pairs, pair_codes, str_array
from ..columns import STATEMENT_COLUMNS
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
    out = statements[cols]
    kind = out["kind"].astype(str)
    course, stmt, _, _, in_order = pair_codes(out["course_id"], out["statement_id"])
    n = len(out)
    new = np.ones(n, dtype=bool)
    new[1:] = (course[1:] != course[:-1]) | (stmt[1:] != stmt[:-1])
    if not (in_order and new.all()):
        codes, values = pd.factorize(kind, use_na_sentinel=False)
        priority = pd.Series(values, dtype=object).map(KIND_PRIORITY)
        priority = priority.fillna(len(KIND_PRIORITY)).to_numpy(dtype=float)
        order = np.lexsort((priority[codes], stmt, course))
        course, stmt = course[order], stmt[order]
        new[1:] = (course[1:] != course[:-1]) | (stmt[1:] != stmt[:-1])
        rows = order[new]
        out, kind = out.iloc[rows], kind.iloc[rows]
    out = out.assign(text=out["text"].astype(str), kind=kind)
    return out.reset_index(drop=True)


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

    score = cand["score"].round(4)
    raw = cand["raw_score"].round(4) if "raw_score" in cand.columns else score
    ev = np.asarray(
        evidence_score(pd.DataFrame({"score": score, "raw_score": raw}), config),
        dtype=float,
    )
    keep = np.flatnonzero((cand["rank"] <= config.top_k).to_numpy(dtype=bool))
    n_st = len(statements)
    st_ids = statements["statement_id"].to_numpy(dtype=object)
    sids = cand["statement_id"].to_numpy(dtype=object)[keep]
    # each kept row's statement (position in ``statements``) and its group
    k = len(cand) // n_st if n_st and len(cand) % n_st == 0 else 0
    row_pos = np.repeat(np.arange(n_st), k)[keep] if k else None
    if row_pos is not None and (sids == st_ids[row_pos]).all():
        group, group_pos, n_groups = row_pos, np.arange(n_st), n_st
    else:  # rows not in statement order: group them by statement id
        group, uniques = pd.factorize(sids)
        group_pos = pd.Index(st_ids).get_indexer(uniques)
        n_groups = len(uniques)
        row_pos = None
    ev_kept = ev[keep]
    best = pd.Series(ev_kept).groupby(group).max()
    best_g = np.zeros(n_groups)
    if len(best):
        best_g[best.index.to_numpy(dtype=np.int64)] = best.to_numpy()
    kinds = statements["kind"].to_numpy(dtype=object)
    if row_pos is not None and statements["kind"].dtype == STR_DTYPE:
        kind = statements["kind"].array.take(row_pos)  # strings already
    elif row_pos is not None:
        kind = kinds[row_pos]
    else:
        at = group_pos[group]
        kind = np.where(at >= 0, kinds[np.maximum(at, 0)], np.nan)
    n = len(keep)
    if "learned_from" not in cand.columns:
        learned = _blank(n)
    elif cand["learned_from"].dtype == STR_DTYPE:
        learned = _take(cand["learned_from"], keep).array  # strings already
    else:
        learned = cand["learned_from"].to_numpy(dtype=object)[keep]
    blank = str_array(_blank(n))
    margin = cand["margin"].round(4).to_numpy(dtype=float)[keep]
    columns = {
        c: _take(cand[c], keep)
        for c in ("course_id", "statement_id", "competency_id", "set_id")
    }
    matches = pd.DataFrame(
        {
            **columns,
            "score": score.to_numpy(dtype="float64")[keep],
            "rank": cand["rank"].to_numpy(dtype="int64")[keep],
            "ambiguous": margin < config.ambiguity_margin,
            "raw_score": raw.to_numpy(dtype="float64")[keep],
            "kind": str_array(kind),
            "decision": blank,
            "level": blank.copy(),
            "note": blank.copy(),
            "below_floor": ev_kept < config.match_threshold,
            "no_match": best_g[group] < config.match_threshold,
            "learned_from": str_array(learned),
        },
        copy=False,
    )
    st_courses = statements["course_id"].to_numpy(dtype=object)
    in_order = (
        row_pos is not None
        and _ranks_ascending(matches["rank"].to_numpy(), row_pos)
        and bool((np.asarray(columns["course_id"]) == st_courses[row_pos]).all())
        and ascending_pairs(st_courses, st_ids)
    )
    if not in_order:
        matches = matches.sort_values(
            ["course_id", "statement_id", "rank"], kind="stable"
        ).reset_index(drop=True)

    st_best = np.zeros(n_st)
    found = group_pos >= 0
    st_best[group_pos[found]] = best_g[found]
    stmt = statements.assign(best_score=st_best)
    unmatched = stmt[stmt["best_score"] < config.match_threshold]
    unmatched = (
        unmatched[UNMATCHED_COLUMNS]
        .sort_values(["course_id", "statement_id"], kind="stable")
        .reset_index(drop=True)
    )
    return matches, unmatched


def _blank(n: int) -> np.ndarray:
    """``n`` empty strings (a new array: columns never share one)."""
    return np.full(n, "", dtype=object)


def _take(column: pd.Series, rows: np.ndarray) -> pd.Series:
    """The values of ``column`` at ``rows`` (same dtype), with a fresh index."""
    return pd.Series(column.array.take(rows), dtype=column.dtype, copy=False)


def _ranks_ascending(rank: np.ndarray, pos: np.ndarray) -> bool:
    """True when ranks ascend within each statement (rows grouped by ``pos``)."""
    same = pos[1:] == pos[:-1]
    return bool((rank[1:][same] >= rank[:-1][same]).all())
