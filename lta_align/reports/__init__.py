"""Gap reports: what a program covers, what it misses and how to close the gaps.

Compute apart from render: :func:`gap_report` (``_report``, over ``_course``,
``_program`` and ``_gaps``) turns an alignment into tables
(:class:`GapReport`); ``reports._html`` / ``reports._markdown`` renders them as HTML or
Markdown (both from the view in ``_view``); :func:`compare` (``_compare``) sets
two alignments side by side.

Three levels are reported:

* **course x set** - for each course its primary set (and any set where it
  covers at least half): every competency with status, score and evidence.
  This is the view of the LSSC *course approval* rule: a course is approved
  for a set only when it alone covers every competency of the set.
* **program x set** - which sets one course covers in full, which are covered
  only when several courses are put together, which are partial and which are
  absent. This is the view of an LSSC *recognition agreement*, which looks at
  the program's required courses together.
* **certification path** - whether a student can complete LSSC through the
  program (all required sets plus ``rule.n_electives`` electives). A set counts
  as complete for the path when the program's courses *together* cover every
  competency; the sets covered by a single course are named separately because
  only those could be submitted for course approval.
"""

from __future__ import annotations

from ._audit import audit_outcomes
from ._base import (
    COURSE_DETAIL_COLUMNS,
    COURSE_VERDICT_COLUMNS,
    GAP_ACTIONS,
    GAP_COLUMNS,
    N_NEAR_MISSES,
    NEAR_MISS_COLUMNS,
    PATH_COLUMNS,
    PROGRAM_COMPETENCY_COLUMNS,
    PROGRAM_SET_COLUMNS,
    PROGRAM_STATUSES,
    PROVISIONAL_MARKER,
    STATUS_ORDER,
    program_title,
)
from ._compare import Comparison, compare
from ._program import PATH_BASIS
from ._report import GapReport, gap_report

__all__ = [
    "Comparison",
    "GapReport",
    "audit_outcomes",
    "compare",
    "gap_report",
    "program_title",
]
__all__ += [  # column lists and constants, re-exported for users of the tables
    "COURSE_DETAIL_COLUMNS",
    "COURSE_VERDICT_COLUMNS",
    "GAP_ACTIONS",
    "GAP_COLUMNS",
    "NEAR_MISS_COLUMNS",
    "N_NEAR_MISSES",
    "PATH_BASIS",
    "PATH_COLUMNS",
    "PROGRAM_COMPETENCY_COLUMNS",
    "PROGRAM_SET_COLUMNS",
    "PROGRAM_STATUSES",
    "PROVISIONAL_MARKER",
    "STATUS_ORDER",
]
