"""The coverage rule: how strong a statement's evidence is, and its status.

One home for the rule that every output applies (coverage tables, reports, the
workbook): :func:`evidence_weight` (by statement kind), :func:`evidence_score`
and :func:`evidence_status` (covered / partial / not covered).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..columns import COVERED, NOT_COVERED, PARTIAL, UNKNOWN_KIND_WEIGHT
from ..config import MatchConfig

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import ArrayLike


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

    A statement's candidates below its first (``rank`` > 1) count
    ``config.rank_weight`` of that: what a statement is about is its best
    match.
    """
    score = pd.to_numeric(matches["score"], errors="coerce").fillna(0.0)
    score = score.astype(float)
    if config.prior_floor and "raw_score" in matches.columns:
        raw = pd.to_numeric(matches["raw_score"], errors="coerce").astype(float)
        score = np.maximum(score, config.prior_floor * raw.fillna(0.0))
    if config.rank_weight != 1.0 and "rank" in matches.columns:
        rank = pd.to_numeric(matches["rank"], errors="coerce").fillna(1)
        score = score.where(rank.to_numpy() <= 1, score * config.rank_weight)
    return score


def evidence_status(evidence: ArrayLike, config: MatchConfig) -> np.ndarray:
    """The "evidence status" rule: kind-weighted evidence scores -> statuses.

    ``covered`` from ``config.covered_threshold``, ``partial`` from
    ``config.partial_threshold``, else ``not covered`` (an object array, one
    status per score).

    >>> from lta_align.config import MatchConfig
    >>> config = MatchConfig(partial_threshold=0.16, covered_threshold=0.26)
    >>> evidence_status([0.5, 0.17, 0.01], config).tolist()
    ['covered', 'partial', 'not covered']
    """
    score = np.asarray(evidence, dtype=float)
    return np.where(
        score >= config.covered_threshold,
        COVERED,
        np.where(score >= config.partial_threshold, PARTIAL, NOT_COVERED),
    ).astype(object)
