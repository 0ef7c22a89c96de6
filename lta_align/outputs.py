"""Write the files of ``lta-align run --out DIR``.

Every file goes through :class:`~lta_align._utils.OutputGuard`: written atomically,
and never over a file that a person edited unless ``force=True``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._office import neutralise_formula
from ._utils import OutputGuard
from .errors import OutputExistsError

CSV_TABLES = {
    "matches.csv": "matches",
    "coverage.csv": "coverage",
    "course_sets.csv": "course_sets",
    "courses.csv": "courses",
}


def _csv_safe(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``."""
    return neutralise_formula(value) if isinstance(value, str) else value


def table_to_csv(df: pd.DataFrame) -> str:
    """Return ``df`` as deterministic UTF-8 CSV text (no index, ``\\n`` endings).

    Text cells starting with ``= + - @``, tab or carriage return (syllabus text
    is untrusted) get a leading ``'`` so Excel shows them instead of running
    them as formulas (CSV injection); numeric columns are written as they are.
    """
    text = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
    if text:
        df = df.assign(**{c: df[c].map(_csv_safe) for c in text})
    return df.to_csv(index=False, lineterminator="\n", float_format="%.4f")


REPORT_FILES = ("alignment.xlsx", "report.html", "report.md", "gaps.csv")
"""Files written beside the CSV tables: the Excel matrix, the gap report in HTML
and Markdown, and the gap list (columns of :attr:`GapReport.gaps`)."""


def _check_all(guard: OutputGuard, names: list[str]) -> None:
    """Refuse before writing anything, so a run never leaves a half-updated folder."""
    for name in names:
        try:
            guard.check(name)
        except OutputExistsError as exc:
            if name == "alignment.xlsx":
                raise OutputExistsError(
                    f"{exc} If reviewers typed decisions into it, import them "
                    f"first: lta-align review import {guard.out_dir / name} "
                    f"--decisions {guard.out_dir / 'decisions.csv'} --reviewer NAME."
                ) from None
            raise


def write_outputs(
    alignment,
    out_dir: str | Path,
    *,
    force: bool = False,
) -> list[Path]:
    """Write the run's tables and reports into ``out_dir``; return the paths written.

    Files: ``matches.csv``, ``coverage.csv``, ``course_sets.csv``, ``courses.csv``,
    ``statements.csv`` and ``problems.csv`` (columns as in :mod:`lta_align.columns`),
    then ``alignment.xlsx`` (:func:`lta_align.to_excel`), ``report.html`` and
    ``report.md`` (:func:`lta_align.gap_report`) and ``gaps.csv`` (the report's
    gap list). Every target is checked before anything is written: if one was
    edited by a person (and ``force`` is False) nothing is written and
    :class:`~lta_align.errors.OutputExistsError` names it.
    """
    from .excel import workbook_bytes
    from .reports import gap_report

    guard = OutputGuard(out_dir, force=force)
    names = [*CSV_TABLES, "statements.csv", "problems.csv", *REPORT_FILES]
    _check_all(guard, names)
    written = []
    for name, attr in CSV_TABLES.items():
        written.append(guard.write_text(name, table_to_csv(getattr(alignment, attr))))
    program = alignment.program
    written.append(guard.write_text("statements.csv", table_to_csv(program.statements)))
    written.append(guard.write_text("problems.csv", table_to_csv(program.problems)))
    report = gap_report(alignment)
    written.append(
        guard.write_bytes("alignment.xlsx", workbook_bytes(alignment, report))
    )
    written.append(guard.write_text("report.html", report.to_html(alignment=alignment)))
    written.append(guard.write_text("report.md", report.to_markdown()))
    written.append(guard.write_text("gaps.csv", table_to_csv(report.gaps)))
    return written
