"""What the alignment workbook's sheets show: columns, symbols and choices.

Cells are written by :class:`lta_align._office.Sheet`, whose every text goes
through :func:`lta_align._office.safe_cell_text`.
"""

from __future__ import annotations

from ..columns import DECISIONS, LEVELS

SYMBOL = {"covered": "\u25cf", "partial": "\u25d0", "not covered": ""}
LEVEL_LETTER = {"introduced": "I", "reinforced": "R", "mastered": "M"}

MATCH_SHEET_COLUMNS = [
    "course_id",
    "course_code",
    "statement_id",
    "kind",
    "statement",
    "location",
    "competency_id",
    "set",
    "competency",
    "score",
    "rank",
    "ambiguous",
    "match_strength",
    "course_status",
    "learned_from",
    "decision",
    "level",
    "comment",
]
"""Header of the ``Matches`` sheet (row 1). ``match_strength`` is the match's
own rating (``covered``/``partial``/``weak`` from its kind-weighted score,
``rejected``: a reviewer rejected it and it counts for nothing; ``no match``: a
statement that matched nothing, listed so a reviewer can add its competency);
``course_status`` is the course's coverage of the competency; ``learned_from``
the reviewed statement whose decision moved this match's rank (blank when
none did). Workbooks from
older versions had one ``status`` column (the course's); import reads neither."""
REVIEWER_COLUMNS = ("decision", "level", "comment")
MATCH_STRENGTHS = (
    "covered",
    "partial",
    "weak",
    "accepted",
    "added",
    "rejected",
    "no match",
)
DECISION_CHOICES = DECISIONS
"""The reviewer ``decision`` values offered in the Matches sheet."""
LEVEL_CHOICES = tuple(level for level in LEVELS if level)
"""The ``level`` values offered in the Matches sheet (blank means none)."""
