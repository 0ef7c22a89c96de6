"""Compare two alignments (e.g. last year's syllabi and this year's): :func:`compare`.

A competency is *gained* by a course when its status is ``covered`` in the new
alignment and was not in the old one, and *lost* the other way round. The set
summary also compares the program as a whole (covered by any course).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..columns import COVERED, NOT_COVERED

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment

__all__ = ["Comparison", "compare"]

CHANGE_COLUMNS = [
    "course_id",
    "set_id",
    "competency_id",
    "change",
    "course_code",
    "number",
    "competency",
    "old_status",
    "new_status",
]
SET_CHANGE_COLUMNS = [
    "set_id",
    "set_name",
    "required",
    "total",
    "old_covered",
    "new_covered",
    "gained",
    "lost",
    "old_status",
    "new_status",
    "provisional_note",
]


@dataclass(frozen=True)
class Comparison:
    """Competencies gained and lost between two alignments.

    Attributes
    ----------
    changes : pandas.DataFrame
        One row per (course, competency) whose coverage changed:
        ``course_id, set_id, competency_id, change`` (``gained`` or ``lost``),
        ``course_code, number, competency, old_status, new_status``.
    sets : pandas.DataFrame
        One row per set: ``set_id, set_name, required, total, old_covered,
        new_covered`` (competencies covered by any course), ``gained, lost``
        (course-level changes), ``old_status, new_status`` (program status:
        single course / across courses / partial / absent),
        ``provisional_note``.
    courses_added, courses_removed : tuple of str
        Course codes present in only one of the two alignments.
    """

    changes: pd.DataFrame
    sets: pd.DataFrame
    courses_added: tuple[str, ...]
    courses_removed: tuple[str, ...]
    framework_name: str
    framework_version: str
    source_note: str = ""
    old_name: str = ""
    new_name: str = ""

    def to_html(self) -> str:
        """Return the comparison as a self-contained HTML page."""
        from ._html import render_compare_html

        return render_compare_html(self)

    def to_markdown(self) -> str:
        """Return the comparison as Markdown."""
        from ._markdown import render_compare_markdown

        return render_compare_markdown(self)

    def __repr__(self) -> str:
        n_g = int((self.changes["change"] == "gained").sum())
        n_l = int((self.changes["change"] == "lost").sum())
        return f"Comparison(gained={n_g}, lost={n_l})"


def _status(alignment: Alignment) -> pd.DataFrame:
    cov = alignment.coverage[["course_id", "competency_id", "set_id", "status"]]
    return cov.drop_duplicates(["course_id", "competency_id"])


def compare(old: Alignment, new: Alignment) -> Comparison:
    """Compare two alignments: competencies gained and lost per course and set.

    Parameters
    ----------
    old, new : Alignment
        Two results of :func:`lta_align.align` against the same framework
        (e.g. last year's and this year's syllabi).

    Returns
    -------
    Comparison
        ``.changes`` (``course_id, set_id, competency_id, change`` with
        ``change`` = ``gained`` / ``lost``, plus ``course_code, number,
        competency, old_status, new_status``), ``.sets`` (per-set summary),
        ``to_html()``, ``to_markdown()``.

    Examples
    --------
    >>> cmp = la.compare(result, result)       # last year's, this year's
    >>> cmp.changes[cmp.changes.change == "lost"].empty
    True
    """
    from ._report import gap_report

    fw = new.framework
    comps = fw.competencies.set_index("competency_id")
    o, n = _status(old), _status(new)
    both = o.merge(
        n, on=["course_id", "competency_id"], how="outer", suffixes=("_old", "_new")
    )
    both["old_status"] = both["status_old"].fillna(NOT_COVERED)
    both["new_status"] = both["status_new"].fillna(NOT_COVERED)
    both["set_id"] = both["set_id_new"].fillna(both["set_id_old"])
    was, now = both["old_status"] == COVERED, both["new_status"] == COVERED
    both["change"] = ""
    both.loc[now & ~was, "change"] = "gained"
    both.loc[was & ~now, "change"] = "lost"
    ch = both[both["change"] != ""].copy()
    codes = {
        **dict(zip(old.courses["course_id"], old.courses["course_code"], strict=True)),
        **dict(zip(new.courses["course_id"], new.courses["course_code"], strict=True)),
    }
    order = {c: i for i, c in enumerate(fw.competencies["competency_id"])}
    ch["course_code"] = ch["course_id"].map(codes).fillna(ch["course_id"])
    ch["number"] = ch["competency_id"].map(comps["number"]).fillna("").astype(str)
    ch["competency"] = ch["competency_id"].map(comps["text"]).fillna("")
    ch["_o"] = ch["competency_id"].map(order).fillna(len(order))
    ch = ch.sort_values(["course_id", "_o", "competency_id"], kind="stable")
    changes = ch[CHANGE_COLUMNS].reset_index(drop=True)

    ro, rn = gap_report(old).program_sets, gap_report(new).program_sets
    ro = ro.set_index("set_id")
    rows = []
    for s in rn.itertuples():
        sub = changes[changes["set_id"] == s.set_id]
        rows.append(
            {
                "set_id": s.set_id,
                "set_name": s.set_name,
                "required": s.required,
                "total": s.total,
                "old_covered": int(ro.at[s.set_id, "covered"])
                if s.set_id in ro.index
                else 0,
                "new_covered": int(s.covered),
                "gained": int((sub["change"] == "gained").sum()),
                "lost": int((sub["change"] == "lost").sum()),
                "old_status": str(ro.at[s.set_id, "status"])
                if s.set_id in ro.index
                else "absent",
                "new_status": s.status,
                "provisional_note": s.provisional_note,
            }
        )
    old_ids = set(old.courses["course_id"])
    new_ids = set(new.courses["course_id"])
    return Comparison(
        changes=changes,
        sets=pd.DataFrame(rows, columns=SET_CHANGE_COLUMNS),
        courses_added=tuple(codes[c] for c in sorted(new_ids - old_ids)),
        courses_removed=tuple(codes[c] for c in sorted(old_ids - new_ids)),
        framework_name=fw.name,
        framework_version=str(fw.version),
        source_note=fw.source_note,
        old_name=old.program.name,
        new_name=new.program.name,
    )
