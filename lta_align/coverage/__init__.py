"""Matches (+ review decisions) -> coverage tables; the LSSC "every competency" rule.

:func:`summarise` is pure: give it a matches table (engine rows, and reviewer
rows with ``decision`` "accept" or "add"; rejected pairs already removed) and it
returns the three summary tables of an :class:`~lta_align.model.Alignment`.
"""

from __future__ import annotations

import pandas as pd

from ..columns import check_columns
from ..config import MatchConfig
from ..model import Framework, Program
from ._rules import evidence_score, evidence_status, evidence_weight
from ._tables import (
    COURSE_EXTRA_COLUMNS,
    COURSE_SET_EXTRA_COLUMNS,
    COVERAGE_EXTRA_COLUMNS,
    _course_sets,
    _courses,
    _coverage,
    _FrameworkCodes,
    _pair_evidence,
    _prepare,
)

__all__ = [
    "COURSE_EXTRA_COLUMNS",
    "COURSE_SET_EXTRA_COLUMNS",
    "COVERAGE_EXTRA_COLUMNS",
    "evidence_score",
    "evidence_status",
    "evidence_weight",
    "summarise",
]


def summarise(
    matches: pd.DataFrame,
    program: Program,
    framework: Framework,
    config: MatchConfig | None = None,
    *,
    lean: pd.DataFrame | None = None,
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
    lean : pandas.DataFrame, optional
        ``course_id, set_id, lean``: the matcher's evidence of all of each
        course's statements for each set (``Alignment.lean``; the best set
        is 1). When given, a course's primary set is the set it leans to most,
        the statements a reviewer decided counting for the sets of their
        accepted and added competencies instead; without it, the set holding
        the largest share of the course's best candidates.

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
        primary_score, general``: the primary set (see ``lean``), "" only for
        a course with no statement; ``primary_score`` is the kind-weighted
        share of the course's best candidates (under the no-match floor too)
        in that set; ``general`` is True when it is under
        ``config.primary_min_share``
        (evidence spread over many sets, e.g. a practicum): the course still
        names the set it leans to.
    """
    config = config or MatchConfig.for_framework(framework)
    check_columns(
        matches, ["course_id", "statement_id", "competency_id", "score"], name="matches"
    )
    fw = _FrameworkCodes.of(framework)
    m = _prepare(matches, program, fw, config)
    courses = _courses(m, program, framework, fw, config, lean)
    pairs = _pair_evidence(m, fw, config)
    del m  # memory: only one value per (course, competency) from here on
    coverage, grid = _coverage(pairs, fw, config)
    course_sets = _course_sets(coverage, grid, pairs.course_ids, fw, framework)
    return coverage, course_sets, courses
