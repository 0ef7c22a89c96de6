"""Write the files of ``lta-align run --out DIR``.

Every file goes through :class:`~lta_align._utils.OutputGuard`: written atomically,
and never over a file that a person edited unless ``force=True``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._utils import OutputGuard

CSV_TABLES = {
    "matches.csv": "matches",
    "coverage.csv": "coverage",
    "course_sets.csv": "course_sets",
    "courses.csv": "courses",
}


def table_to_csv(df: pd.DataFrame) -> str:
    """Return ``df`` as deterministic UTF-8 CSV text (no index, ``\\n`` endings)."""
    return df.to_csv(index=False, lineterminator="\n", float_format="%.4f")


def write_outputs(
    alignment,
    out_dir: str | Path,
    *,
    force: bool = False,
    decisions: str | Path | None = None,
) -> list[Path]:
    """Write the run's tables and reports into ``out_dir``; return the paths written.

    Files: ``matches.csv``, ``coverage.csv``, ``course_sets.csv``, ``courses.csv``,
    ``statements.csv`` and ``problems.csv`` (columns as in :mod:`lta_align.columns`).
    """
    guard = OutputGuard(out_dir, force=force)
    written = []
    for name, attr in CSV_TABLES.items():
        written.append(guard.write_text(name, table_to_csv(getattr(alignment, attr))))
    program = alignment.program
    written.append(guard.write_text("statements.csv", table_to_csv(program.statements)))
    written.append(guard.write_text("problems.csv", table_to_csv(program.problems)))
    return written
