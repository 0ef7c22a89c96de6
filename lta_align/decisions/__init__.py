"""Review decisions: record them, apply them to an alignment, import them from Excel.

A reviewer's word overrides the matching engine everywhere. Decisions live in a
human-readable CSV file (``decisions.csv``, normally next to the outputs) kept by
:class:`DecisionStore`; :func:`apply_decisions` turns an engine
:class:`~lta_align.match.Alignment` into the reviewed one; :func:`import_review`
merges the reviewer columns typed into the exported Excel matrix.

The decisions file is an **append-only log**. Every change (accept, reject, add,
a level, a comment) appends one row that carries the full state of the pair
``(statement_id, competency_id)`` after the change; the latest row of a pair wins
and no row is ever removed, so the file is also the history of the review. Rows
are keyed by the stable ``statement_id`` (course id + hash of the statement's
normalised text), so decisions keep applying after the syllabi are read again;
a decision whose statement disappeared (the text was edited) is an *orphan*: it is
listed by :meth:`DecisionStore.orphans` and :func:`apply_decisions`, never dropped.

Modules: ``_store`` (DecisionStore) over ``_log`` (the CSV file, its lock and
atomic writes); ``_apply`` (apply_decisions); ``_excel_import`` (import_review)
over ``_sheet`` (reading the Matches sheet); ``_browse`` (the table the review
panel browses); ``_rows`` (checks and tables they share). No widgets here:
:mod:`lta_align.widgets` is a thin view over this package.

The notebook review panel over these decisions is
:func:`lta_align.review_panel` (:mod:`lta_align.widgets`).
"""

from __future__ import annotations

from ._apply import apply_decisions
from ._excel_import import ImportReport, import_review
from ._rows import ORPHAN_COLUMNS
from ._sheet import parse_decision, parse_level
from ._store import DEFAULT_DECISIONS_NAME, DecisionStore

__all__ = [
    "DEFAULT_DECISIONS_NAME",
    "DecisionStore",
    "ImportReport",
    "ORPHAN_COLUMNS",
    "apply_decisions",
    "import_review",
    "parse_decision",
    "parse_level",
]
