"""Frozen dataclasses for the things lta-align reasons about.

Tables with many rows (competencies, statements, matches) are pandas DataFrames
whose columns are listed in :mod:`lta_align.columns`; the dataclasses hold them
together with identity and rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .columns import PROBLEM_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .config import MatchConfig


@dataclass(frozen=True, slots=True)
class CandidateRule:
    """How many sets a candidate must complete to certify.

    LSSC: all required sets plus ``n_electives`` electives (3 of 7); a course
    counts for a set only when it covers every competency of the set.
    """

    n_electives: int
    text: str


@dataclass(frozen=True)
class Framework:
    """A competency framework: its sets, their competencies and their rules.

    Attributes
    ----------
    framework_id : str
        Short id, e.g. ``"lssc"``.
    name, version : str
        Shown in every output that judges against the framework.
    competencies : pandas.DataFrame
        One row per competency: ``set_id, set_name, required, competency_id, text,
        number, partial``. ``text`` is the statement shown to people.
    sets : pandas.DataFrame
        One row per set, in framework order: ``set_id, set_name, required,
        n_competencies, complete, expected_count, note``. ``complete`` is False
        when only part of the official set is known; verdicts on such a set are
        provisional.
    match_terms : Mapping[str, tuple[str, ...]]
        Editorial matching aids per competency id (synonyms, sub-parts). They help
        the matcher and are never shown as competency text.
    source_note : str
        Where the wording comes from (for LSSC: a paraphrase, not official).
    rule : CandidateRule or None
        The certification rule, when the framework has one.
    source : str
        The built-in name or the file the framework was read from.
    """

    framework_id: str
    name: str
    version: str
    competencies: pd.DataFrame
    sets: pd.DataFrame
    match_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source_note: str = ""
    rule: CandidateRule | None = None
    source: str = ""

    @property
    def set_ids(self) -> list[str]:
        """Set ids in framework order."""
        return self.sets["set_id"].tolist()

    @property
    def incomplete_sets(self) -> list[str]:
        """Ids of sets known only in part (verdicts on them are provisional)."""
        return self.sets.loc[~self.sets["complete"], "set_id"].tolist()

    def competencies_of(self, set_id: str) -> pd.DataFrame:
        """Return the competencies of one set, in order."""
        return self.competencies[self.competencies["set_id"] == set_id]

    def set_name(self, set_id: str) -> str:
        """Return the display name of a set."""
        row = self.sets[self.sets["set_id"] == set_id]
        return str(row["set_name"].iloc[0]) if len(row) else set_id

    def provisional_note(self, set_id: str) -> str:
        """Return the caveat to print beside any verdict on ``set_id`` ('' if none)."""
        row = self.sets[self.sets["set_id"] == set_id]
        if not len(row) or bool(row["complete"].iloc[0]):
            return ""
        return (
            f"Provisional: {row['set_name'].iloc[0]} is known only in part in "
            f"{self.name}; the verdict may change when the official list of "
            "competencies is loaded (load_framework(path) / --framework PATH)."
        )

    def __repr__(self) -> str:
        return (
            f"Framework({self.framework_id!r}, name={self.name!r}, "
            f"version={self.version!r}, sets={len(self.sets)}, "
            f"competencies={len(self.competencies)})"
        )


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """One problem met while reading an input file.

    ``severity`` is ``error`` (the file was skipped), ``warning`` (read, but
    something is off, e.g. no outcomes found) or ``info``.
    """

    source: str
    reason: str
    severity: str = "error"
    hint: str = ""

    def as_row(self) -> dict[str, str]:
        reason = f"{self.reason} {self.hint}".strip() if self.hint else self.reason
        return {"source": self.source, "severity": self.severity, "reason": reason}


def problems_frame(problems: list[ReadProblem]) -> pd.DataFrame:
    """Return ``problems`` as a DataFrame with columns ``source, severity, reason``."""
    return pd.DataFrame([p.as_row() for p in problems], columns=PROBLEM_COLUMNS)


@dataclass(frozen=True)
class Program:
    """A set of courses read from syllabi and outcome sheets.

    Attributes
    ----------
    courses : pandas.DataFrame
        ``course_id, course_code, course_title, source`` (+ reader extras).
    statements : pandas.DataFrame
        ``course_id, statement_id, kind, text, source, location``; ``kind`` is one
        of ``description, outcome, topic, assessment, reading``.
    problems : pandas.DataFrame
        ``source, severity, reason``: every file that could not be read, and why.
    name : str
        A label for reports (e.g. the input folder's name).
    """

    courses: pd.DataFrame
    statements: pd.DataFrame
    problems: pd.DataFrame
    name: str = ""
    sources: tuple[Path, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Program({self.name!r}, courses={len(self.courses)}, "
            f"statements={len(self.statements)}, problems={len(self.problems)})"
        )


@dataclass(frozen=True)
class Alignment:
    """The result of :func:`align`: matches and the coverage they give.

    Attributes
    ----------
    program : Program
    framework : Framework
    method : str
        The matching method used (``tfidf``, ``hybrid`` or ``embed``); reports
        can show it (:func:`lta_align.align` picks the best installed one by
        default).
    config : MatchConfig
    matches : pandas.DataFrame
        ``course_id, statement_id, competency_id, set_id, score, rank, ambiguous,
        kind, decision, level, note, below_floor, no_match, learned_from``: the
        top ``config.top_k`` competencies of every statement, ranked.
        ``below_floor``: the candidate scores under ``config.match_threshold``
        (it is no coverage evidence); ``no_match``: the statement's best
        candidate does (the statement matched nothing; its candidates stay for
        the reviewer). ``decision`` is "" for engine rows, "accept"/"add" after
        review. ``learned_from``: the decided statement whose review moved this
        candidate up (``align(..., decisions=...)``), else "".
    coverage : pandas.DataFrame
        ``course_id, competency_id, set_id, score, status, evidence_statement_id,
        level, reviewed, n_evidence``: for each course, one row per competency of
        every set in which it has any match at or over the floor (a missing
        pair means not covered).
    course_sets : pandas.DataFrame
        ``course_id, set_id, set_name, covered, total, coverage, score, complete,
        provisional``.
    courses : pandas.DataFrame
        ``course_id, course_code, course_title, primary_set_id, primary_set_name,
        primary_score, general``: every course with statements names the set it
        leans to; ``general`` is True when its evidence is spread over many sets
        (e.g. a practicum).
    unmatched : pandas.DataFrame
        ``course_id, statement_id, kind, text, best_score``: statements flagged
        ``no_match``.
    decisions : pandas.DataFrame or None
        Review decisions applied (set by :func:`lta_align.apply_decisions`).
    lean : pandas.DataFrame or None
        ``course_id, set_id, lean``: the evidence of all of each course's
        statements for each set (the course's best set = 1), what its primary
        set is named from (:func:`lta_align.coverage.summarise`).
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
    lean: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return (
            f"Alignment(method={self.method!r}, courses={len(self.courses)}, "
            f"matches={len(self.matches)}, unmatched={len(self.unmatched)})"
        )

    def replace(self, **changes: Any) -> Alignment:
        """Return a copy with ``changes`` (``dataclasses.replace``)."""
        return replace(self, **changes)
