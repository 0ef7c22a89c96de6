"""The Excel alignment matrix: :func:`to_excel`.

Sheets, in order:

``Summary``
    Framework name and version, the note on the competency wording, the
    certification-path verdict, one row per set with its program status, and
    the legend.
``Matrix``
    One row per competency (grouped by set), one column per course: status
    symbol with a colour fill, and I/R/M when a reviewer set a level; the last
    column is the program (any course). Header frozen, autofilter on.
``Matches``
    The review sheet: one row per statement -> competency match, header in row
    1 with ``course_id, course_code, statement_id, kind, statement, location,
    competency_id, set, competency, score, rank, ambiguous, status, decision,
    level, comment``. ``decision`` / ``level`` / ``comment`` are for reviewers
    (drop-down lists; prefilled from decisions already applied) and are read
    back by :func:`lta_align.import_review`.
``Gaps``
    The gap list with suggestions, a drafted outcome (for faculty to edit) and
    an assessment idea for each gap.
``Outcome quality``
    Every learning outcome with its verb, Bloom level, issues and suggested
    rewrite (:func:`lta_align.audit_outcomes`); flagged outcomes are shaded.
``Courses``, ``Framework``, ``Problems``
    The courses with their primary set, the competency texts (never the
    matching aids), and the input problems.

**Formula injection.** Every text cell goes through
:func:`lta_align._office.safe_cell_text`: text that a spreadsheet could
evaluate (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
or their full-width forms) is prefixed with a single quote ``'`` and stored as a
string cell, the OWASP "CSV injection" advice. The quote is visible, so nothing
is hidden from the reader, and no cell holds a formula.

The sheets are written by ``excel._overview`` (Summary, Matrix)
and ``excel._tables`` (the others); every cell goes through the
writer of ``excel._cells``.

**Determinism.** Workbook properties are fixed (creator ``lta-align``, created and
modified 2000-01-01) and the zip is rewritten with fixed entry times and a
fixed entry order (:mod:`lta_align._office`), so the same alignment gives the
same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._office import (
    fix_workbook_properties,
    saved_bytes,
)
from .._office._sheet import fast_rows
from .._utils import OutputGuard
from ._cells import DECISION_CHOICES, LEVEL_CHOICES, MATCH_SHEET_COLUMNS
from ._overview import MATRIX_HEADER_ROW, matrix_sheet, summary_sheet
from ._print import PrintLayout, apply_print_layout
from ._tables import (
    courses_sheet,
    framework_sheet,
    gaps_sheet,
    matches_sheet,
    problems_sheet,
    quality_sheet,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment

__all__ = [
    "DECISION_CHOICES",
    "LEVEL_CHOICES",
    "MATCH_SHEET_COLUMNS",
    "to_excel",
    "workbook_bytes",
]


# --- workbook ----------------------------------------------------------------------
def workbook_bytes(alignment: Any, report: Any = None) -> bytes:
    """Return the alignment workbook as deterministic XLSX bytes.

    ``report`` (a :class:`~lta_align.reports.GapReport`) is computed when not
    given.
    """
    from openpyxl import Workbook

    from ..reports import gap_report

    report = gap_report(alignment) if report is None else report
    wb = Workbook()
    n_courses = len(alignment.courses)
    builders = [
        (
            "Summary",
            lambda ws: summary_sheet(ws, alignment, report),
            PrintLayout(9, repeat_header=False),
        ),
        (
            "Matrix",
            lambda ws: matrix_sheet(ws, alignment, report),
            # the last column (competency_id) is for sorting, not for print
            PrintLayout(MATRIX_HEADER_ROW, last_col=5 + n_courses, title_cols="A:D"),
        ),
        (
            "Matches",
            lambda ws: matches_sheet(ws, alignment),
            PrintLayout(1, title_cols="B:B"),
        ),
        ("Gaps", lambda ws: gaps_sheet(ws, report), PrintLayout(1, title_cols="C:D")),
        (
            "Outcome quality",
            lambda ws: quality_sheet(ws, report),
            PrintLayout(1, title_cols="A:A"),
        ),
        (
            "Courses",
            lambda ws: courses_sheet(ws, alignment),
            PrintLayout(1, title_cols="A:B"),
        ),
        (
            "Framework",
            lambda ws: framework_sheet(ws, alignment),
            PrintLayout(4, title_cols="A:C"),
        ),
        ("Problems", lambda ws: problems_sheet(ws, alignment), PrintLayout(1)),
    ]
    for i, (title, build, layout) in enumerate(builders):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        build(ws)
        apply_print_layout(ws, layout)
    fix_workbook_properties(wb, f"LSSC alignment \u2014 {report.heading}")
    with fast_rows():  # the same bytes, written a row at a time
        return saved_bytes(wb)


def to_excel(alignment: Alignment, path: str | Path, *, force: bool = False) -> Path:
    """Write the alignment as an Excel workbook (matrix, review sheet, gaps).

    Parameters
    ----------
    alignment : Alignment
        From :func:`lta_align.align` (optionally with decisions applied).
    path : str or Path
        The ``.xlsx`` file to write; its folder is created if needed.
    force : bool, default=False
        Replace the file even when a person edited it after lta-align wrote it
        (or lta-align did not write it). Without it such a file is kept and
        :class:`~lta_align.errors.OutputExistsError` is raised, so reviewer
        decisions typed into the Matches sheet are never lost.

    Returns
    -------
    Path
        The file written. Sheets: Summary, Matrix, Matches, Gaps, Courses,
        Framework, Problems (see :mod:`lta_align.excel`). The same alignment
        gives byte-identical files.

    Raises
    ------
    OutputExistsError
        The file exists and may hold someone's edits (pass ``force=True``).

    Examples
    --------
    >>> import lta_align as la
    >>> la.to_excel(result, out / "alignment.xlsx").name
    'alignment.xlsx'
    """
    path = Path(path)
    guard = OutputGuard(path.parent, force=force)
    return guard.write_bytes(path.name, workbook_bytes(alignment))
