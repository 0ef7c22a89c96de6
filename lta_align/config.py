"""Thresholds and weights of the matcher: :class:`MatchConfig` and shipped defaults.

Lives outside :mod:`lta_align.match` so that :mod:`lta_align.coverage` and the
reports can read it without importing the matchers.

Per-framework, per-method values ship beside the framework data
(``lta_align/frameworks/data/<framework_id>_match.yaml``) and are read by
:meth:`MatchConfig.for_framework`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .errors import FrameworkError
from .model import Framework

__all__ = ["MatchConfig"]


def _default_kind_weights() -> dict[str, float]:
    return {
        "outcome": 1.0,
        "assessment": 1.0,
        "topic": 0.9,
        "reading": 0.7,
        "description": 0.5,
    }


@dataclass(frozen=True)
class MatchConfig:
    """Thresholds and weights of the matcher, as named, documented levels.

    Every score is in [0, 1]: the similarity of a statement to a competency
    (cosine of TF-IDF vectors for ``tfidf``), multiplied by the course prior
    (the course's likely set, see :mod:`lta_align.match._base`).

    Levels of a statement -> competency **match score** (``matches.score``):

    ========================  =================================================
    below ``match_threshold``  flagged ``below_floor`` (no coverage evidence);
                              a statement whose best score is below it is
                              flagged ``no_match`` and listed in
                              ``Alignment.unmatched`` (e.g. policy sentences).
                              Its ranked candidates stay in ``matches``.
    ``match_threshold`` +     a candidate and coverage evidence (top ``top_k``).
    ========================  =================================================

    Levels of a course x competency **coverage score** (``coverage.score`` =
    best evidence score times the weight of the evidence's kind,
    ``kind_weights``):

    ==========================  ===============================================
    ``covered_threshold`` +      ``covered``: strong evidence, counts for the set
    ``partial_threshold`` +      ``partial``: some evidence, check by hand
    below ``partial_threshold``  ``not covered``
    ==========================  ===============================================

    A statement's candidates below its first count ``rank_weight`` of their
    score, and ``support_weight`` adds a course's other statements. The
    values shipped for ``tfidf`` and ``hybrid`` set ``partial_threshold`` to
    ``covered_threshold``: cross-validated, counting the evidence under
    "covered" as "partial" made "partial or covered" find the truly covered
    pairs less well, so "partial" is left to the competencies known only in
    part (below) and the gap report lists the near misses instead.

    Reviewer rows (``decision`` accept/add) are always ``covered``. Competencies
    whose official text is known only in part (the framework's ``partial``
    column) are never covered on engine evidence alone: their status is at most
    ``partial`` until a reviewer accepts or adds evidence, because the missing
    part of the text cannot be checked.

    The defaults are the values shipped for ``method="tfidf"``, chosen by
    grouped cross-validation (leave one course / one provider out) on 45 real
    LTA courses (bench/accuracy.py); embedding similarities run higher, so
    ``embed`` and ``hybrid`` use higher thresholds. ``match_threshold`` is a
    flag, not a cut: candidates under it keep their rank (``below_floor``,
    ``no_match`` in ``matches``) but are no coverage evidence.
    Per-framework, per-method values ship beside the framework data
    (``lta_align/frameworks/data/<framework_id>_match.yaml``) and are picked up
    by :meth:`for_framework`, which :func:`align` calls when no config is given.
    A config passed explicitly is used as it is, whatever the method.

    Parameters
    ----------
    top_k : int, default=3
        Competencies listed per statement.
    match_threshold : float, default=0.08
        Lowest score listed as a match ("no match" below).
    partial_threshold : float, default=0.12
        Lowest coverage score reported as ``partial``.
    covered_threshold : float, default=0.2
        Lowest coverage score reported as ``covered``.
    ambiguity_margin : float, default=0.02
        A statement whose top-two scores differ by less is flagged
        ``ambiguous=True`` (review it).
    prior_weight : float, default=0.7
        Strength of the course context: 0 scores each statement alone; 1 lets
        the course's likely set dominate.
    prior_power : float, default=1.0
        How sharply the prior favours the course's best set over the others.
    kind_weights : dict, default outcome/assessment 1.0, topic 0.9, reading
        0.7, description 0.5
        How much a statement of each kind counts as coverage evidence. A course
        description is a catalogue summary that names many subjects in passing,
        so it counts half: it steers the course's likely set (the prior) but is
        rarely enough, alone, to cover a competency (on the development
        courses 0.5 instead of 0.8 raised coverage precision 0.81 -> 0.84 for
        recall 0.77 -> 0.75, and the leave-one-course-out F1 0.76 -> 0.81).
    primary_min_share : float, default=0.52
        A course's primary set is the set holding the largest share of its
        (kind-weighted) best candidates; when that share is below this level
        the course is flagged ``general`` (e.g. a practicum) and still names
        the set it leans to.
    support_weight : float, default=0.5
        How much a course's other statements for the same competency add to
        its best evidence (coverage score ``1 - (1 - e1) * prod(1 - w * e_i)``;
        0 = the best statement alone).
    profile_weight : float, default=0.25
        Weight of the competency profiles (example phrasings shipped beside
        the framework) in each statement-competency similarity; 0 = unused.
    lexical_weight : float, default=0.6
        ``method="hybrid"`` only: the share of the TF-IDF similarity in the
        hybrid similarity (the rest is the embedding similarity). Chosen by
        cross-validation (``lssc_match.yaml``).
    learn_weight, reject_weight : float, default=0.0, 0.0
        Learning from decisions (``align(..., decisions=...)``): gain (loss)
        per unit of similarity to a statement whose pair was accepted or added
        (rejected); see :mod:`lta_align.match._learn`.
    learn_neighbors : int, default=3
        Decided statements considered per undecided statement.
    learn_min_similarity : float, default=0.1
        Decided statements less similar than this teach nothing.
    learn_model_weight : float, default=0.5
        Weight of the program's decision model (a logistic regression trained
        on the framework's phrasings and the program's accepted and added
        statements) in the undecided statements' scores; 0 = not trained.
    learn_example_weight : float, default=10.0
        How many framework phrasings one decided statement counts for in that
        model.
    prior_floor : float, default=0.5
        Coverage evidence (and ``below_floor`` / ``no_match``) is never under
        ``prior_floor`` x the direct similarity (``raw_score``, without the
        course prior): the prior re-ranks a statement's candidates and names
        the course's set, but lowers a match's evidence at most to this
        fraction of its own similarity. 0: evidence is ``score`` (the prior
        in full, down to ``1 - prior_weight``); 1: evidence is the direct
        similarity. Chosen by cross-validation (``lssc_match.yaml``).
    rank_weight : float, default=0.6
        Coverage evidence of a statement's candidates below its first: a
        competency a statement names second or third is evidence at this
        fraction of its score (1 = rank does not matter). The statement's own
        best match says what it is about; its runners-up are weaker evidence
        for a "covered" a reviewer signs. Chosen by cross-validation
        (``lssc_match.yaml``).

    Every shipped value and how it was chosen: ``lssc_match.yaml``.
    """

    top_k: int = 3
    match_threshold: float = 0.08
    partial_threshold: float = 0.12
    covered_threshold: float = 0.2
    ambiguity_margin: float = 0.02
    prior_weight: float = 0.7
    prior_power: float = 1.0
    kind_weights: Mapping[str, float] = field(
        default_factory=_default_kind_weights, hash=False
    )
    primary_min_share: float = 0.52
    support_weight: float = 0.5
    profile_weight: float = 0.25
    lexical_weight: float = 0.6
    learn_weight: float = 0.0
    reject_weight: float = 0.0
    learn_neighbors: int = 3
    learn_min_similarity: float = 0.1
    learn_model_weight: float = 0.5
    learn_example_weight: float = 10.0
    prior_floor: float = 0.5
    rank_weight: float = 0.6

    def __post_init__(self) -> None:
        if not 0 <= self.prior_floor <= 1:
            raise ValueError(f"prior_floor should be in [0, 1]; got {self.prior_floor}")
        if not 0 <= self.learn_model_weight <= 1:
            raise ValueError(
                f"learn_model_weight should be in [0, 1]; got {self.learn_model_weight}"
            )
        if self.learn_example_weight < 0:
            raise ValueError(
                "learn_example_weight should be at least 0; got "
                f"{self.learn_example_weight}"
            )
        if not 0 <= self.rank_weight <= 1:
            raise ValueError(f"rank_weight should be in [0, 1]; got {self.rank_weight}")
        if not 0 <= self.lexical_weight <= 1:
            raise ValueError(
                f"lexical_weight should be in [0, 1]; got {self.lexical_weight}"
            )
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
