"""Column lists and allowed values of every public DataFrame.

These lists are the contract that notebooks, reports and users rely on; each
public function documents the same columns in its Returns section.
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

STATEMENT_KINDS = ("description", "outcome", "topic", "assessment", "reading")
SEVERITIES = ("error", "warning", "info")

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
LEVELS = ("", "introduced", "reinforced", "mastered")


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
    """
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            f"{name} is missing column(s) {missing}; it has {list(df.columns)}. "
            "Add or rename the columns and try again."
        )
