"""Write the files of ``lta-align run --out DIR``.

Every file goes through :class:`~lta_align._utils.OutputGuard`: written atomically,
and never over a file that a person edited unless ``force=True``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ._office import neutralise_formula
from ._utils import OutputGuard
from .errors import OutputExistsError

if TYPE_CHECKING:  # pragma: no cover
    from .model import Alignment

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


REPORT_FILES = ("alignment.xlsx", "report.html", "report.md", "gaps.csv", "audit.csv")
"""Files written beside the CSV tables: the Excel matrix, the gap report in HTML
and Markdown, the gap list (columns of :attr:`GapReport.gaps`) and the outcome
quality audit (columns of :func:`lta_align.audit_outcomes`, the same file as
``lta-align audit --out DIR`` writes)."""


def _check_all(guard: OutputGuard, names: list[str]) -> None:
    """Refuse before writing anything, so a run never leaves a half-updated folder."""
    for name in names:
        try:
            guard.check(name)
        except OutputExistsError as exc:
            if name == "alignment.xlsx" and "open in Excel" not in str(exc):
                raise OutputExistsError(
                    f"{exc} If reviewers typed decisions into it, import them "
                    f"first: lta-align review import {guard.out_dir / name} "
                    f"--decisions {guard.out_dir / 'decisions.csv'} --reviewer NAME."
                ) from None
            raise


def output_files(alignment) -> dict[str, bytes]:
    """Return every file of a run, name -> bytes (nothing is written)."""
    from .excel import workbook_bytes
    from .reports import gap_report

    files = {
        name: table_to_csv(getattr(alignment, attr))
        for name, attr in CSV_TABLES.items()
    }
    program = alignment.program
    files["statements.csv"] = table_to_csv(program.statements)
    files["problems.csv"] = table_to_csv(program.problems)
    report = gap_report(alignment)
    out: dict[str, bytes] = {k: v.encode("utf-8") for k, v in files.items()}
    out["alignment.xlsx"] = workbook_bytes(alignment, report)
    out["report.html"] = report.to_html(alignment=alignment).encode("utf-8")
    out["report.md"] = report.to_markdown().encode("utf-8")
    out["gaps.csv"] = table_to_csv(report.gaps).encode("utf-8")
    out["audit.csv"] = table_to_csv(report.outcome_quality).encode("utf-8")
    return out


def write_outputs(
    alignment: Alignment,
    out_dir: str | Path,
    *,
    force: bool = False,
) -> list[Path]:
    """Write the run's tables and reports into ``out_dir``; return the paths written.

    Files: ``matches.csv``, ``coverage.csv``, ``course_sets.csv``, ``courses.csv``,
    ``statements.csv`` and ``problems.csv`` (columns as in :mod:`lta_align.columns`),
    then ``alignment.xlsx`` (:func:`lta_align.to_excel`), ``report.html`` and
    ``report.md`` (:func:`lta_align.gap_report`), ``gaps.csv`` (the report's
    gap list) and ``audit.csv`` (the outcome quality audit). ``matches.csv``
    keeps rejected matches, marked ``decision=reject`` (they count for nothing).

    The run is whole or not at all: every target is checked before anything is
    written (a file edited by a person, unless ``force``, or a workbook open in
    Excel or LibreOffice raises :class:`~lta_align.errors.OutputExistsError`);
    the files are built in a staging folder beside ``out_dir`` and moved in
    only when all are written. Files follow the umask.

    Parameters
    ----------
    alignment : Alignment
        From :func:`lta_align.align`, with review decisions applied if any.
    out_dir : str or Path
        Folder to write into (created if needed).
    force : bool, default=False
        Replace files a person edited after lta-align wrote them.

    Returns
    -------
    list of Path
        The files written, in the order above.

    Raises
    ------
    OutputExistsError
        A target may hold someone's edits, or the workbook is open.
    LtaAlignError
        ``out_dir`` cannot be written (read-only, a file, a file in it that
        cannot be replaced): the previous outputs are left as they were.
    """
    guard = OutputGuard(out_dir, force=force)
    names = [*CSV_TABLES, "statements.csv", "problems.csv", *REPORT_FILES]
    _check_all(guard, names)
    files = output_files(alignment)
    return guard.commit({name: files[name] for name in names})
