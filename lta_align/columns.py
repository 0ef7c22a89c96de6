"""Column lists and allowed values of every public DataFrame.

These lists are the contract that notebooks, reports and users rely on; each
public function documents the same columns in its Returns section. The allowed
values of the enumerated columns are declared here too, once; code compares with
these names rather than typing the strings again.

>>> sorted(["reading", "topic", "outcome"], key=KIND_RANK.get)
['outcome', 'topic', 'reading']
>>> NOT_COVERED, STATUS_RANK[NOT_COVERED]
('not covered', 2)
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .errors import SchemaError

# --- frameworks -------------------------------------------------------------
FRAMEWORK_COLUMNS = ["set_id", "set_name", "required", "competency_id", "text"]
"""One row per competency (``Framework.competencies``); extra columns:
``number`` (the number within the set), ``partial`` (only part of the official
item is known)."""
FRAMEWORK_EXTRA_COLUMNS = ["number", "partial"]
SET_COLUMNS = ["set_id", "set_name", "required", "n_competencies"]
"""One row per competency set (``Framework.sets``); extra columns: ``complete``
(every item of the set is known), ``expected_count`` (how many items the
official set has, when known), ``note``."""
SET_EXTRA_COLUMNS = ["complete", "expected_count", "note"]

# --- import -----------------------------------------------------------------
COURSE_COLUMNS = ["course_id", "course_code", "course_title", "source"]
STATEMENT_COLUMNS = ["course_id", "statement_id", "kind", "text", "source", "location"]
PROBLEM_COLUMNS = ["source", "severity", "reason"]

STATEMENT_KINDS = ("outcome", "assessment", "topic", "description", "reading")
"""``statements.kind``, strongest evidence first: when one text appears under two
kinds, the earlier kind is kept."""
KIND_RANK = {kind: rank for rank, kind in enumerate(STATEMENT_KINDS)}
"""Kind -> rank in :data:`STATEMENT_KINDS` (0 = strongest); sort keys use it."""
UNKNOWN_KIND_WEIGHT = 0.5
"""Evidence weight of a kind that ``MatchConfig.kind_weights`` does not list (a
reader's own kind, such as ``policy``): it counts half."""

SEVERITIES = ("error", "warning", "info")
"""``problems.severity``: ``error`` (the file was skipped), ``warning`` (read, but
something is off), ``info``."""
ERROR, WARNING, INFO = SEVERITIES

# --- alignment --------------------------------------------------------------
MATCH_COLUMNS = [
    "course_id",
    "statement_id",
    "competency_id",
    "set_id",
    "score",
    "rank",
    "ambiguous",
]
COVERAGE_COLUMNS = [
    "course_id",
    "competency_id",
    "set_id",
    "score",
    "status",
    "evidence_statement_id",
]
COURSE_SET_COLUMNS = [
    "course_id",
    "set_id",
    "set_name",
    "covered",
    "total",
    "coverage",
    "score",
    "complete",
]
ALIGNED_COURSE_COLUMNS = [
    "course_id",
    "course_code",
    "course_title",
    "primary_set_id",
    "primary_set_name",
    "primary_score",
]
STATUSES = ("covered", "partial", "not covered")
"""``coverage.status``, strongest first; a pair missing from ``coverage`` is
``not covered``."""
COVERED, PARTIAL, NOT_COVERED = STATUSES
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
"""Status -> rank in :data:`STATUSES` (0 = covered)."""

# --- outcome quality audit --------------------------------------------------
AUDIT_COLUMNS = [
    "course_id",
    "statement_id",
    "text",
    "verb",
    "bloom_level",
    "issues",
    "suggestion",
]
"""One row per outcome (``la.audit_outcomes``); ``issues`` joins values of
:data:`OUTCOME_ISSUES` with ``"; "`` (empty when the outcome is fine)."""
BLOOM_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")
"""Levels of the revised Bloom's taxonomy (Anderson & Krathwohl 2001), lowest first;
``audit.bloom_level`` is one of them, or ``""`` when the verb is not in the table."""
OUTCOME_ISSUES = (
    "not measurable",
    "no action verb",
    "compound",
    "too long",
    "duplicate",
    "below course level",
)
"""The fixed vocabulary of ``audit.issues``, in the order they are listed."""
AUDIT_SUMMARY_COLUMNS = [
    "course_id",
    "course_code",
    "outcomes",
    "flagged",
    *OUTCOME_ISSUES,
]
"""Outcome quality per course (``GapReport.outcome_quality_summary``): number of
outcomes, number flagged, and one count per issue."""

# --- course-approval evidence pack -------------------------------------------
EVIDENCE_COLUMNS = [
    "number",
    "competency_id",
    "competency",
    "status",
    "score",
    "reviewed",
    "content",
    "readings",
    "assignments",
    "assessments",
    "assessment",
    "suggestion",
    "draft_outcome",
    "assessment_idea",
]
"""One row per competency of the set (``la.evidence_table``): the approval course
map. ``content`` (outcomes and topics), ``readings``, ``assignments`` and
``assessments`` (exams, quizzes, practicals, evaluations) list the statements that
address the competency, one per line with their place in the syllabus;
``assessment`` is assignments and assessments together (as before the split);
``suggestion``, ``draft_outcome`` and ``assessment_idea`` are filled for a
competency the course does not cover."""

# --- review -----------------------------------------------------------------
DECISION_COLUMNS = [
    "course_id",
    "statement_id",
    "competency_id",
    "decision",
    "level",
    "reviewer",
    "decided_at",
    "note",
]
DECISIONS = ("accept", "reject", "add")
"""``decisions.decision`` (``""`` in ``matches`` for an engine row)."""
ACCEPT, REJECT, ADD = DECISIONS
REVIEWED_DECISIONS = (ACCEPT, ADD)
"""Decisions that confirm a match: the pair counts as covered, with its evidence."""
LEVELS = ("", "introduced", "reinforced", "mastered")
"""``decisions.level``: ``""`` (none) or the depth a course reaches."""


def check_columns(
    df: pd.DataFrame, columns: Iterable[str], *, name: str = "table"
) -> None:
    """Raise :class:`SchemaError` naming every column of ``columns`` missing in ``df``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to check.
    columns : iterable of str
        Columns that must be present.
    name : str, default="table"
        What the table is, for the message (a file name is best).

    Raises
    ------
    SchemaError
        Some columns are missing; the message lists them and the ones found.

    Examples
    --------
    >>> check_columns(pd.DataFrame(columns=["source"]), PROBLEM_COLUMNS, name="p.csv")
    Traceback (most recent call last):
    ...
    lta_align.errors.SchemaError: p.csv is missing column(s) ['severity', 'reason']; \
it has ['source']. Add or rename the columns and try again.
    """
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            f"{name} is missing column(s) {missing}; it has {list(df.columns)}. "
            "Add or rename the columns and try again."
        )
