"""import_review: merge the reviewer columns typed into the exported Excel matrix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._compat import renamed_keyword
from .._utils import check_not_open
from ._rows import course_of, rows_to_frame
from ._sheet import parse_decision, parse_level, read_matches_sheet, unescape_formula
from ._store import DecisionStore

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment, Framework

IMPORT_CONFLICT_COLUMNS = [
    "course_id",
    "statement_id",
    "competency_id",
    "stored_decision",
    "stored_level",
    "sheet_decision",
    "sheet_level",
    "resolution",
]
IMPORT_PROBLEM_COLUMNS = ["row", "statement_id", "competency_id", "value", "reason"]


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_review` did with a reviewed Excel matrix.

    Attributes
    ----------
    path : Path
        The workbook read.
    added : pandas.DataFrame
        The decision rows appended to the store (decision columns).
    conflicts : pandas.DataFrame
        ``course_id, statement_id, competency_id, stored_decision, stored_level,
        sheet_decision, sheet_level, resolution``: pairs the store had already
        decided differently; ``resolution`` is ``kept stored`` or ``sheet wins``.
    unknown : pandas.DataFrame
        ``row, statement_id, competency_id, value, reason``: rows whose statement or
        competency is not in the program or framework (not imported).
    invalid : pandas.DataFrame
        ``row, statement_id, competency_id, value, reason``: cells that are not a
        recognised decision or level (not imported).
    unchanged : int
        Reviewed rows that agreed with the store (nothing appended).
    """

    path: Path
    added: pd.DataFrame
    conflicts: pd.DataFrame
    unknown: pd.DataFrame
    invalid: pd.DataFrame
    unchanged: int

    def summary(self) -> str:
        """Return a short plain-text account of the import."""
        lines = [
            f"Imported {len(self.added)} decision(s) from '{self.path.name}'; "
            f"{self.unchanged} already recorded; {len(self.conflicts)} conflict(s); "
            f"{len(self.unknown)} unknown id(s); {len(self.invalid)} unreadable "
            "cell(s).",
        ]
        for r in self.conflicts.itertuples(index=False):
            lines.append(
                f"  conflict {r.statement_id} -> {r.competency_id}: stored "
                f"{r.stored_decision or '-'} {r.stored_level}".rstrip()
                + f", sheet {r.sheet_decision or '-'} {r.sheet_level}".rstrip()
                + f" ({r.resolution})"
            )
        for problems in (self.unknown, self.invalid):
            lines.extend(f"  row {r.row}: {r.reason}" for r in problems.itertuples())
        return "\n".join(lines)


def _problem(number: int, record: dict[str, str], value: str, reason: str) -> dict:
    return {
        "row": number,
        "statement_id": record.get("statement_id", ""),
        "competency_id": record.get("competency_id", ""),
        "value": value,
        "reason": reason,
    }


def _read_review(
    number: int,
    rec: dict[str, str],
    known_statements: set[str] | None,
    known_competencies: set[str] | None,
) -> tuple[str, dict]:
    """Read one sheet row: ``("row", decision)``, ``("blank", {})``, or
    ``("invalid" | "unknown", problem)`` for a row that is not imported.

    A level without a decision confirms the match (accept); a rejected pair has
    no level; ``decision`` is ``""`` for a comment only.
    """
    note = unescape_formula(rec.get("comment", ""))
    if not (rec.get("decision") or rec.get("level") or note):
        return "blank", {}  # a row nobody reviewed
    parsed = {}
    for name, parse in (("decision", parse_decision), ("level", parse_level)):
        try:
            parsed[name] = parse(rec.get(name, ""))
        except ValueError as exc:
            return "invalid", _problem(number, rec, rec.get(name, ""), str(exc))
    decision, level = parsed["decision"], parsed["level"]
    sid = rec.get("statement_id", "")
    cid = rec.get("competency_id", "")
    if not sid or not cid:
        return "invalid", _problem(
            number,
            rec,
            "",
            "statement_id and competency_id are both needed; fill them in (copy "
            "them from the row you meant)",
        )
    if known_statements is not None and sid not in known_statements:
        return "unknown", _problem(
            number,
            rec,
            sid,
            f"statement {sid} is not in the program (was the syllabus edited since "
            "the export?)",
        )
    if known_competencies is not None and cid not in known_competencies:
        return "unknown", _problem(
            number,
            rec,
            cid,
            f"competency {cid} is not in the framework (check the spelling of the id)",
        )
    if decision == "reject":
        level = ""
    elif level and not decision:
        decision = "accept"
    return "row", {
        "course_id": rec.get("course_id", "") or course_of(sid),
        "statement_id": sid,
        "competency_id": cid,
        "decision": decision,
        "level": level,
        "note": note,
        "reviewer": rec.get("reviewer", ""),
    }


def _compare(row: dict[str, str], stored: Any) -> str:
    """Compare a sheet row with the stored decision of its pair (None: none).

    Returns ``"new"`` (append ``row``, completed in place from the stored state),
    ``"same"`` (nothing new) or ``"conflict"`` (another decision or level).
    """
    if stored is None:
        return "new"
    decision, level, note = row["decision"], row["level"], row["note"]
    if not decision:  # a comment keeps the stored decision and level
        if note == stored.note:
            return "same"
        row.update(decision=stored.decision, level=stored.level)
        return "new"
    if not stored.decision:  # only a comment was stored: the sheet decides
        return "new"
    if decision != stored.decision or (
        level and stored.level and level != stored.level
    ):
        return "conflict"
    if (level and not stored.level) or (note and note != stored.note):
        row.update(level=level or stored.level, note=note or stored.note)
        return "new"
    return "same"


@renamed_keyword("xlsx_path", "path")
def import_review(
    path: str | Path,
    store: DecisionStore | str | Path,
    *,
    reviewer: str | None = None,
    prefer: str = "store",
    alignment: Alignment | None = None,
    framework: Framework | None = None,
) -> ImportReport:
    """Merge the reviewer columns of an exported Excel matrix into a decision store.

    Reads the sheet ``Matches`` (header in row 1; columns found by name in any
    order: ``statement_id``, ``competency_id``, ``decision`` and, when present,
    ``course_id``, ``level``, ``comment``, ``reviewer``). Reviewer spellings are
    accepted: ``accept/yes/y/ok/✓`` -> accept, ``reject/no/n/x`` -> reject,
    ``add``; levels ``I/R/M`` -> introduced/reinforced/mastered. A row with only a
    level confirms the match (accept with that level); a row with only a comment
    records the comment. Blank rows are skipped.

    Existing decisions are never dropped. A pair the store already decided the
    same way is left alone; a pair decided differently (another decision, or
    another non-empty level) is a *conflict*: reported, and the stored decision
    kept unless ``prefer="sheet"`` (then the sheet's row is appended and wins; the
    old row stays in the history).

    Parameters
    ----------
    path : str or Path
        The workbook (as written by :func:`lta_align.to_excel`).
    store : DecisionStore or path
        Where the decisions go.
    reviewer : str, optional
        Recorded as the reviewer of every imported row; default: the sheet's
        ``reviewer`` column when present, else ``"excel:<file name>"``.
    prefer : {"store", "sheet"}, default="store"
        Which side wins a conflict.
    alignment : Alignment, optional
        When given, statement and competency ids are checked against its program
        and framework; rows with unknown ids are reported and not imported.
    framework : Framework, optional
        When given (and ``alignment`` is not), competency ids are checked against it.

    Returns
    -------
    ImportReport
        ``added``, ``conflicts``, ``unknown``, ``invalid`` tables and the
        ``unchanged`` count; ``summary()`` gives a readable account.

    Raises
    ------
    InputFileError, ParseError, SchemaError
        The file is missing or unreadable, or the sheet/columns are not there.
    LtaAlignError
        The workbook is open in Excel or LibreOffice (its lock file is beside
        it): save and close it first.
    """
    if prefer not in {"store", "sheet"}:
        raise ValueError(f"prefer should be one of ['store', 'sheet']; got {prefer!r}")
    path = Path(path)
    check_not_open(path)  # a workbook open in Excel may not hold the edits yet
    if not isinstance(store, DecisionStore):
        store = DecisionStore(store)
    default_reviewer = (reviewer or "").strip() or f"excel:{path.name}"
    if alignment is not None:
        framework = alignment.framework
    known_statements = (
        None if alignment is None else set(alignment.program.statements["statement_id"])
    )
    known_competencies = (
        None if framework is None else set(framework.competencies["competency_id"])
    )

    records = read_matches_sheet(path)
    current = {
        (r.statement_id, r.competency_id): r
        for r in store.current().itertuples(index=False)
    }
    to_add: list[dict[str, str]] = []
    conflicts: list[dict[str, str]] = []
    problems: dict[str, list[dict]] = {"unknown": [], "invalid": []}
    unchanged = 0
    seen: dict[tuple[str, str], int] = {}
    for number, rec in records:
        what, row = _read_review(number, rec, known_statements, known_competencies)
        if what == "blank":
            continue
        if what != "row":
            problems[what].append(row)
            continue
        key = (row["statement_id"], row["competency_id"])
        if key in seen:
            problems["invalid"].append(
                _problem(
                    number,
                    rec,
                    "",
                    f"the pair also appears in row {seen[key]}; only the first one "
                    "is imported",
                )
            )
            continue
        seen[key] = number
        if reviewer is not None or not row["reviewer"]:
            row["reviewer"] = default_reviewer
        stored = current.get(key)
        outcome = _compare(row, stored)
        if outcome == "same":
            unchanged += 1
            continue
        if outcome == "conflict":
            conflicts.append(
                {
                    "course_id": row["course_id"],
                    "statement_id": row["statement_id"],
                    "competency_id": row["competency_id"],
                    "stored_decision": stored.decision,
                    "stored_level": stored.level,
                    "sheet_decision": row["decision"],
                    "sheet_level": row["level"],
                    "resolution": "sheet wins" if prefer == "sheet" else "kept stored",
                }
            )
            if prefer != "sheet":
                continue
        to_add.append(row)

    return ImportReport(
        path=path,
        added=rows_to_frame(store.record(to_add, reviewer=default_reviewer)),
        conflicts=pd.DataFrame(conflicts, columns=IMPORT_CONFLICT_COLUMNS).astype(
            "str"
        ),
        unknown=pd.DataFrame(problems["unknown"], columns=IMPORT_PROBLEM_COLUMNS),
        invalid=pd.DataFrame(problems["invalid"], columns=IMPORT_PROBLEM_COLUMNS),
        unchanged=unchanged,
    )
