"""Matches (+ review decisions) -> coverage tables; the LSSC "every competency" rule.

:func:`summarise` is pure: give it a matches table (engine rows, and reviewer
rows with ``decision`` "accept" or "add"; rejected pairs already removed) and it
returns the three summary tables of an :class:`~lta_align.model.Alignment`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .columns import (
    ALIGNED_COURSE_COLUMNS,
    COURSE_SET_COLUMNS,
    COVERAGE_COLUMNS,
    COVERED,
    NOT_COVERED,
    PARTIAL,
    REVIEWED_DECISIONS,
    UNKNOWN_KIND_WEIGHT,
    check_columns,
)
from .config import MatchConfig
from .model import Framework, Program

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import ArrayLike

__all__ = ["evidence_score", "evidence_status", "evidence_weight", "summarise"]

COVERAGE_EXTRA_COLUMNS = ["level", "reviewed", "n_evidence"]
COURSE_EXTRA_COLUMNS = ["general"]
COURSE_SET_EXTRA_COLUMNS = ["provisional"]


def evidence_weight(kinds: pd.Series, config: MatchConfig) -> pd.Series:
    """How much a statement of each kind counts as evidence (``kind_weights``).

    Kinds without a weight (e.g. a reader's ``policy``) count
    :data:`~lta_align.columns.UNKNOWN_KIND_WEIGHT` (half).
    """
    weights = dict(config.kind_weights)
    return kinds.astype(str).map(weights).fillna(UNKNOWN_KIND_WEIGHT).astype(float)


def evidence_score(matches: pd.DataFrame, config: MatchConfig) -> pd.Series:
    """The score of each match row that counts as evidence.

    The larger of ``score`` (with the course prior and what was learnt from
    decisions) and ``config.prior_floor`` x ``raw_score`` (the direct
    similarity, without the prior): the course prior re-ranks candidates and
    names the course's set, but lowers a statement's evidence for a
    competency at most to that fraction of its own similarity. Rows without a
    ``raw_score`` (reviewer rows, older tables) use ``score``.
    """
    score = pd.to_numeric(matches["score"], errors="coerce").fillna(0.0)
    score = score.astype(float)
    if not config.prior_floor or "raw_score" not in matches.columns:
        return score
    raw = pd.to_numeric(matches["raw_score"], errors="coerce").astype(float)
    return np.maximum(score, config.prior_floor * raw.fillna(0.0))


def evidence_status(evidence: ArrayLike, config: MatchConfig) -> np.ndarray:
    """The "evidence status" rule: kind-weighted evidence scores -> statuses.

    ``covered`` from ``config.covered_threshold``, ``partial`` from
    ``config.partial_threshold``, else ``not covered`` (an object array, one
    status per score).

    >>> from lta_align.config import MatchConfig
    >>> evidence_status([0.5, 0.17, 0.01], MatchConfig()).tolist()
    ['covered', 'partial', 'not covered']
    """
    score = np.asarray(evidence, dtype=float)
    return np.where(
        score >= config.covered_threshold,
        COVERED,
        np.where(score >= config.partial_threshold, PARTIAL, NOT_COVERED),
    ).astype(object)


def summarise(
    matches: pd.DataFrame,
    program: Program,
    framework: Framework,
    config: MatchConfig | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Recompute coverage, course x set and per-course tables from ``matches``.

    Parameters
    ----------
    matches : pandas.DataFrame
        At least ``course_id, statement_id, competency_id, score``; optional
        ``set_id``, ``kind``, ``decision`` ("" engine, "accept"/"add" reviewer),
        ``level``. Rejected pairs must already be removed.
    program : Program
        Gives the course list (codes, titles) and statement kinds.
    framework : Framework
        Gives every competency of each set (the "every competency" rule).
    config : MatchConfig, optional
        Thresholds; default ``MatchConfig.for_framework(framework)``.

    Returns
    -------
    coverage : pandas.DataFrame
        ``course_id, competency_id, set_id, score, status, evidence_statement_id,
        level, reviewed, n_evidence``. One row per competency of every set in
        which the course has any match at or over the floor. ``score`` = the
        combined evidence (best evidence score, :func:`evidence_score`, x the
        weight of its statement
        kind, strengthened by the course's other statements for the same
        competency, ``config.support_weight``; reviewed pairs score 1.0);
        engine candidates flagged ``below_floor`` (or scoring under
        ``config.match_threshold``) are no evidence; ``status`` from
        ``config.covered_threshold`` / ``config.partial_threshold``; reviewed
        pairs are always ``covered`` and their statement is the evidence;
        competencies marked ``partial`` in the framework are at most
        ``partial`` unless reviewed. ``n_evidence`` counts the statements
        matched to the competency.
    course_sets : pandas.DataFrame
        ``course_id, set_id, set_name, covered, total, coverage, score, complete,
        provisional``: ``complete`` is True when every competency of the set is
        covered (the LSSC rule); ``provisional`` when the framework knows the set
        only in part (see ``Framework.provisional_note``).
    courses : pandas.DataFrame
        ``course_id, course_code, course_title, primary_set_id, primary_set_name,
        primary_score, general``: the set holding the largest kind-weighted
        share of the course's best candidates (under the no-match floor too),
        "" only for a course with no statement; ``primary_score`` is that
        share; ``general`` is True when it is under ``config.primary_min_share``
        (evidence spread over many sets, e.g. a practicum): the course still
        names the set it leans to.
    """
    config = config or MatchConfig.for_framework(framework)
    check_columns(
        matches, ["course_id", "statement_id", "competency_id", "score"], name="matches"
    )
    comps = framework.competencies
    comp_set = dict(zip(comps["competency_id"], comps["set_id"], strict=True))
    partial = dict(
        zip(comps["competency_id"], comps["partial"].astype(bool), strict=True)
    )
    m = _prepare(matches, program, comp_set, config)

    coverage = _coverage(m, comps, partial, config)
    course_sets = _course_sets(coverage, framework)
    courses = _courses(m, program, framework, config)
    return coverage, course_sets, courses


def _prepare(
    matches: pd.DataFrame,
    program: Program,
    comp_set: dict[str, str],
    config: MatchConfig,
) -> pd.DataFrame:
    m = matches.copy()
    m = m[m["competency_id"].isin(comp_set)]
    m["set_id"] = m["competency_id"].map(comp_set).astype(str)
    if "kind" not in m.columns or m["kind"].isna().any():
        kinds = program.statements.drop_duplicates("statement_id").set_index(
            "statement_id"
        )["kind"]
        known = m["kind"] if "kind" in m.columns else pd.Series(np.nan, index=m.index)
        m["kind"] = known.fillna(m["statement_id"].map(kinds)).fillna("outcome")
    m["kind"] = m["kind"].astype(str)
    for col in ("decision", "level"):
        if col not in m.columns:
            m[col] = ""
        m[col] = m[col].fillna("").astype(str)
    if "rank" not in m.columns:
        m["rank"] = 1
    m["rank"] = pd.to_numeric(m["rank"], errors="coerce").fillna(1).astype("int64")
    m["reviewed"] = m["decision"].isin(REVIEWED_DECISIONS)
    score = pd.to_numeric(m["score"], errors="coerce").fillna(0.0).astype(float)
    direct = evidence_score(m, config)
    weight = evidence_weight(m["kind"], config)
    m["evidence"] = np.where(m["reviewed"], 1.0, (direct * weight).clip(0, 1))
    # the course's set is named from the ranking score (with the course prior)
    m["set_evidence"] = np.where(m["reviewed"], 1.0, (score * weight).clip(0, 1))
    m["score"] = score
    # candidates under the no-match floor are ranked but are no evidence
    below = (
        m["below_floor"].fillna(False).astype(bool)
        if "below_floor" in m.columns
        else pd.Series(False, index=m.index)
    )
    m["evidence_ok"] = m["reviewed"] | (~below & (direct >= config.match_threshold))
    return m


def _coverage(
    m: pd.DataFrame, comps: pd.DataFrame, partial: dict[str, bool], config: MatchConfig
) -> pd.DataFrame:
    columns = COVERAGE_COLUMNS + COVERAGE_EXTRA_COLUMNS
    m = m[m["evidence_ok"]]
    if m.empty:
        return _empty(
            columns, {"score": float, "reviewed": bool, "n_evidence": "int64"}
        )
    # best evidence first: reviewed, then evidence score, then statement id
    ranked = m.sort_values(
        ["course_id", "competency_id", "reviewed", "evidence", "statement_id"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    best = ranked.drop_duplicates(["course_id", "competency_id"], keep="first")
    best = best.assign(evidence=_combined_evidence(ranked, config.support_weight))
    n_ev = m.groupby(["course_id", "competency_id"])["statement_id"].nunique()
    reviewed = m.groupby(["course_id", "competency_id"])["reviewed"].any()
    best = best.set_index(["course_id", "competency_id"])

    # grid: for each course, every competency of every set it touches
    touched = m[["course_id", "set_id"]].drop_duplicates()
    grid = touched.merge(comps[["set_id", "competency_id"]], on="set_id", how="inner")
    key = pd.MultiIndex.from_frame(grid[["course_id", "competency_id"]])
    has = key.isin(best.index)
    score = np.zeros(len(grid))
    evidence = np.full(len(grid), "", dtype=object)
    level = np.full(len(grid), "", dtype=object)
    rev = np.zeros(len(grid), dtype=bool)
    n = np.zeros(len(grid), dtype=np.int64)
    if has.any():
        sub = best.loc[key[has]]
        score[has] = sub["evidence"].to_numpy(dtype=float)
        evidence[has] = sub["statement_id"].to_numpy(dtype=object)
        level[has] = sub["level"].to_numpy(dtype=object)
        rev[has] = reviewed.loc[key[has]].to_numpy(dtype=bool)
        n[has] = n_ev.loc[key[has]].to_numpy(dtype=np.int64)
    score = np.round(score, 4)
    status = evidence_status(score, config)
    is_partial = grid["competency_id"].map(partial).fillna(False).to_numpy(bool)
    status[is_partial & (status == "covered") & ~rev] = "partial"
    status[rev] = "covered"
    out = pd.DataFrame(
        {
            "course_id": grid["course_id"].to_numpy(dtype=object),
            "competency_id": grid["competency_id"].to_numpy(dtype=object),
            "set_id": grid["set_id"].to_numpy(dtype=object),
            "score": score,
            "status": status,
            "evidence_statement_id": evidence,
            "level": level,
            "reviewed": rev,
            "n_evidence": n,
        }
    )
    out = out.astype(
        {
            "course_id": str,
            "competency_id": str,
            "set_id": str,
            "status": str,
            "evidence_statement_id": str,
            "level": str,
        }
    )
    # framework order of competencies within a course
    order = {c: i for i, c in enumerate(comps["competency_id"])}
    out["_o"] = out["competency_id"].map(order)
    out = out.sort_values(["course_id", "_o"], kind="stable").drop(columns="_o")
    return out[columns].reset_index(drop=True)


def _combined_evidence(ranked: pd.DataFrame, support_weight: float) -> np.ndarray:
    """Per (course, competency), best first: the combined strength of its evidence.

    ``1 - (1 - e1) * prod(1 - support_weight * e_i)`` over the other statements'
    evidence ``e_i`` (one value per statement): 0 keeps the best alone; more
    lets several moderate statements together count as strong evidence.
    Reviewed pairs stay at 1. Rows in the order of ``drop_duplicates``.
    """
    one = ranked.drop_duplicates(["course_id", "competency_id", "statement_id"])
    key = ["course_id", "competency_id"]
    first = one.groupby(key, sort=False).cumcount().to_numpy() == 0
    e = one["evidence"].to_numpy(dtype=float)
    factor = np.where(first, 1.0, float(support_weight))
    logs = np.log1p(-np.clip(factor * e, 0.0, 1.0 - 1e-9))
    total = pd.Series(logs).groupby([one[k].to_numpy() for k in key], sort=False).sum()
    best = ranked.drop_duplicates(key, keep="first")
    combined = 1.0 - np.exp(
        total.reindex(pd.MultiIndex.from_frame(best[key])).to_numpy()
    )
    combined = np.where(best["reviewed"].to_numpy(bool), 1.0, combined)
    return np.maximum(combined, best["evidence"].to_numpy(dtype=float))


def _course_sets(coverage: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    columns = COURSE_SET_COLUMNS + COURSE_SET_EXTRA_COLUMNS
    if coverage.empty:
        return _empty(
            columns,
            {
                "covered": "int64",
                "total": "int64",
                "coverage": float,
                "score": float,
                "complete": bool,
                "provisional": bool,
            },
        )
    work = coverage.assign(_cov=(coverage["status"] == "covered").astype("int64"))
    g = work.groupby(["course_id", "set_id"], sort=False)
    out = pd.DataFrame(
        {
            "covered": g["_cov"].sum(),
            "total": g["competency_id"].size(),
            "score": g["score"].mean().round(4),
        }
    ).reset_index()
    out["covered"] = out["covered"].astype("int64")
    out["total"] = out["total"].astype("int64")
    out["coverage"] = (out["covered"] / out["total"]).round(4)
    out["complete"] = (out["covered"] == out["total"]) & (out["total"] > 0)
    sets = framework.sets.set_index("set_id")
    out["set_name"] = out["set_id"].map(sets["set_name"]).fillna(out["set_id"])
    out["provisional"] = ~out["set_id"].map(sets["complete"]).fillna(True).astype(bool)
    order = {s: i for i, s in enumerate(framework.set_ids)}
    out["_o"] = out["set_id"].map(order).fillna(len(order))
    out = out.sort_values(["course_id", "_o", "set_id"], kind="stable")
    out = out.astype({"set_name": str, "complete": bool, "provisional": bool})
    return out[columns].reset_index(drop=True)


def _courses(
    m: pd.DataFrame, program: Program, framework: Framework, config: MatchConfig
) -> pd.DataFrame:
    base = program.courses.copy()
    for col in ("course_code", "course_title"):
        if col not in base.columns:
            base[col] = ""
    base = base.drop_duplicates("course_id").sort_values("course_id", kind="stable")
    base = base[["course_id", "course_code", "course_title"]].reset_index(drop=True)
    base = base.astype(str)
    primary = {}
    if not m.empty:
        # every rank-1 candidate counts here, under the floor too: the set a
        # course leans to is named even when it is general
        top = m[(m["rank"] == 1) | m["reviewed"]]
        top = top.assign(w=evidence_weight(top["kind"], config) * top["set_evidence"])
        by_set = top.groupby(["course_id", "set_id"])["w"].sum().reset_index()
        total = by_set.groupby("course_id")["w"].transform("sum")
        by_set["share"] = np.where(total > 0, by_set["w"] / total, 0.0)
        order = {s: i for i, s in enumerate(framework.set_ids)}
        by_set["_o"] = by_set["set_id"].map(order).fillna(len(order))
        by_set = by_set.sort_values(
            ["course_id", "share", "_o"], ascending=[True, False, True], kind="stable"
        )
        for row in by_set.drop_duplicates("course_id").itertuples():
            general = bool(row.share < config.primary_min_share)
            primary[row.course_id] = (row.set_id, round(float(row.share), 4), general)
    empty = ("", 0.0, False)
    base["primary_set_id"] = [primary.get(c, empty)[0] for c in base["course_id"]]
    names = dict(zip(framework.sets["set_id"], framework.sets["set_name"], strict=True))
    base["primary_set_name"] = [
        str(names.get(s, s)) if s else "" for s in base["primary_set_id"]
    ]
    base["primary_score"] = [float(primary.get(c, empty)[1]) for c in base["course_id"]]
    base["general"] = [bool(primary.get(c, empty)[2]) for c in base["course_id"]]
    return base[ALIGNED_COURSE_COLUMNS + COURSE_EXTRA_COLUMNS].astype(
        {
            "primary_set_id": str,
            "primary_set_name": str,
            "primary_score": float,
            "general": bool,
        }
    )


def _empty(columns: list[str], dtypes: dict) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, str)) for c in columns})
