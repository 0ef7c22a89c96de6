"""Importing the reviewer columns typed into the exported Excel matrix.

Part of :mod:`lta_align.review` (which re-exports :func:`import_review` and
:class:`ImportReport`); kept apart to keep each module to one job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .columns import DECISIONS, LEVELS
from .errors import InputFileError, ParseError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    from .match import Alignment
    from .review import DecisionStore

__all__ = ["ImportReport", "import_review", "parse_decision", "parse_level"]

_DECISION_SPELLINGS = {
    "accept": "accept",
    "accepted": "accept",
    "yes": "accept",
    "y": "accept",
    "ok": "accept",
    "true": "accept",
    "\u2713": "accept",  # check mark
    "\u2714": "accept",  # heavy check mark
    "\u2705": "accept",  # white heavy check mark (emoji)
    "reject": "reject",
    "rejected": "reject",
    "no": "reject",
    "n": "reject",
    "x": "reject",
    "false": "reject",
    "\u2717": "reject",  # ballot x
    "\u2718": "reject",  # heavy ballot x
    "\u274c": "reject",  # cross mark (emoji)
    "add": "add",
    "added": "add",
    "new": "add",
}
_LEVEL_SPELLINGS = {
    "i": "introduced",
    "intro": "introduced",
    "introduce": "introduced",
    "introduced": "introduced",
    "r": "reinforced",
    "reinforce": "reinforced",
    "reinforced": "reinforced",
    "m": "mastered",
    "master": "mastered",
    "mastered": "mastered",
    "mastery": "mastered",
}


def _clean_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value).strip()


def parse_decision(value: Any) -> str:
    """Return the canonical decision for a reviewer's spelling, ``""`` for a blank.

    Accepts ``accept/yes/y/ok/✓`` (accept), ``reject/no/n/x/✗`` (reject) and
    ``add`` in any case.

    Raises
    ------
    ValueError
        The value is not a recognised spelling; the message lists the allowed ones.
    """
    text = _clean_cell(value)
    if not text:
        return ""
    found = _DECISION_SPELLINGS.get(text.casefold())
    if found is None:
        raise ValueError(
            f"decision should be one of {list(DECISIONS)} (or yes/y/ok/\u2713 for "
            f"accept, no/n/x for reject); got {text!r}"
        )
    return found


def parse_level(value: Any) -> str:
    """Return the canonical level for a reviewer's spelling, ``""`` for a blank.

    Accepts ``introduced/reinforced/mastered`` and ``I/R/M`` in any case.

    Raises
    ------
    ValueError
        The value is not a recognised level; the message lists the allowed ones.
    """
    text = _clean_cell(value)
    if not text:
        return ""
    found = _LEVEL_SPELLINGS.get(text.casefold())
    if found is None:
        raise ValueError(
            f"level should be one of {[lv for lv in LEVELS if lv]} (or I/R/M), or "
            f"empty; got {text!r}"
        )
    return found


# --- importing reviewer columns from the Excel matrix ------------------------------
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
        for r in self.unknown.itertuples(index=False):
            lines.append(f"  row {r.row}: {r.reason}")
        for r in self.invalid.itertuples(index=False):
            lines.append(f"  row {r.row}: {r.reason}")
        return "\n".join(lines)


_HEADER_ALIASES = {
    "comment": "comment",
    "comments": "comment",
    "note": "comment",
    "notes": "comment",
    "reviewer comment": "comment",
}


def _norm_header(value: Any) -> str:
    text = re.sub(r"\s+", " ", _clean_cell(value)).casefold()
    text = _HEADER_ALIASES.get(text, text)
    return text.replace(" ", "_")


def _read_matches_sheet(path: Path) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    if not path.exists():
        raise InputFileError(path, "the file does not exist.", "Check the path.")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise ParseError(
            path,
            f"it is not a readable Excel workbook ({type(exc).__name__}).",
            "Open it in Excel or LibreOffice, save it as .xlsx and try again.",
        ) from exc
    try:
        names = {name.casefold(): name for name in wb.sheetnames}
        if "matches" not in names:
            raise SchemaError(
                f"'{path}' has no sheet named 'Matches' (sheets: {wb.sheetnames}). "
                "Import the workbook written by to_excel / lta-align run, with the "
                "reviewer columns filled in."
            )
        ws = wb[names["matches"]]
        rows_iter = ws.iter_rows(values_only=True)
        header_cells = next(rows_iter, None) or ()
        header = [_norm_header(c) for c in header_cells]
        required = ["statement_id", "competency_id", "decision"]
        missing = [c for c in required if c not in header]
        if missing:
            raise SchemaError(
                f"the 'Matches' sheet of '{path}' is missing column(s) {missing} in "
                f"its first row (found {[h for h in header if h]}). Keep the header "
                "row as exported and try again."
            )
        index = {}
        for i, name in enumerate(header):
            if name and name not in index:
                index[name] = i
        out = []
        for number, cells in enumerate(rows_iter, start=2):
            record = {
                name: _clean_cell(cells[i]) if i < len(cells) else ""
                for name, i in index.items()
            }
            if any(record.values()):
                out.append((number, record))
        return out
    finally:
        wb.close()


def _unescape_formula(text: str) -> str:
    """Undo the export's formula guard: ``'=x`` (quote before = + - @) -> ``=x``."""
    if (
        len(text) > 1
        and text[0] == "'"
        and text[1] in "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
    ):
        return text[1:]
    return text


def _problem(number: int, record: dict[str, str], value: str, reason: str) -> dict:
    return {
        "row": number,
        "statement_id": record.get("statement_id", ""),
        "competency_id": record.get("competency_id", ""),
        "value": value,
        "reason": reason,
    }


def import_review(
    xlsx_path: str | Path,
    store: DecisionStore | str | Path,
    *,
    reviewer: str | None = None,
    prefer: str = "store",
    alignment: Alignment | None = None,
    framework: Any = None,
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
    xlsx_path : str or Path
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
    """
    if prefer not in {"store", "sheet"}:
        raise ValueError(f"prefer should be one of ['store', 'sheet']; got {prefer!r}")
    path = Path(xlsx_path)
    from .review import DecisionStore, _course_of, _rows_to_frame

    if not isinstance(store, DecisionStore):
        store = DecisionStore(store)
    default_reviewer = (reviewer or "").strip() or f"excel:{path.name}"

    known_statements = None
    known_competencies = None
    if alignment is not None:
        known_statements = set(alignment.program.statements["statement_id"])
        framework = alignment.framework
    if framework is not None:
        known_competencies = set(framework.competencies["competency_id"])

    records = _read_matches_sheet(path)
    current = {
        (r.statement_id, r.competency_id): r
        for r in store.current().itertuples(index=False)
    }

    to_add: list[dict[str, str]] = []
    conflicts: list[dict[str, str]] = []
    unknown: list[dict] = []
    invalid: list[dict] = []
    unchanged = 0
    seen: dict[tuple[str, str], int] = {}
    for number, rec in records:
        raw_decision = rec.get("decision", "")
        raw_level = rec.get("level", "")
        note = _unescape_formula(rec.get("comment", ""))
        if not (raw_decision or raw_level or note):
            continue  # a row nobody reviewed
        try:
            decision = parse_decision(raw_decision)
        except ValueError as exc:
            invalid.append(_problem(number, rec, raw_decision, str(exc)))
            continue
        try:
            level = parse_level(raw_level)
        except ValueError as exc:
            invalid.append(_problem(number, rec, raw_level, str(exc)))
            continue
        sid = rec.get("statement_id", "")
        cid = rec.get("competency_id", "")
        if not sid or not cid:
            invalid.append(
                _problem(
                    number,
                    rec,
                    "",
                    "statement_id and competency_id are both "
                    "needed; fill them in (copy them from the row you meant)",
                )
            )
            continue
        if known_statements is not None and sid not in known_statements:
            unknown.append(
                _problem(
                    number,
                    rec,
                    sid,
                    f"statement {sid} is not in the program "
                    "(was the syllabus edited since the export?)",
                )
            )
            continue
        if known_competencies is not None and cid not in known_competencies:
            unknown.append(
                _problem(
                    number,
                    rec,
                    cid,
                    f"competency {cid} is not in the "
                    "framework (check the spelling of the id)",
                )
            )
            continue
        if decision == "reject" and level:
            level = ""
        if not decision and level:
            decision = "accept"
        key = (sid, cid)
        if key in seen:
            invalid.append(
                _problem(
                    number,
                    rec,
                    "",
                    f"the pair also appears in row {seen[key]}; "
                    "only the first one is imported",
                )
            )
            continue
        seen[key] = number
        stored = current.get(key)
        row = {
            "course_id": rec.get("course_id", "") or _course_of(sid),
            "statement_id": sid,
            "competency_id": cid,
            "decision": decision,
            "level": level,
            "note": note,
            "reviewer": rec.get("reviewer", "") if reviewer is None else "",
        }
        row["reviewer"] = row["reviewer"] or default_reviewer
        if stored is None or not stored.decision:
            if not decision:  # comment only
                row["level"] = stored.level if stored is not None else ""
                if stored is not None and stored.note == note:
                    unchanged += 1
                    continue
            to_add.append(row)
            continue
        if not decision:  # a comment on a decided pair
            if note == stored.note:
                unchanged += 1
                continue
            row.update(decision=stored.decision, level=stored.level)
            to_add.append(row)
            continue
        same_decision = decision == stored.decision
        level_conflict = bool(level and stored.level and level != stored.level)
        if same_decision and not level_conflict:
            if (level and not stored.level) or (note and note != stored.note):
                row["level"] = level or stored.level
                row["note"] = note or stored.note
                to_add.append(row)
            else:
                unchanged += 1
            continue
        conflicts.append(
            {
                "course_id": row["course_id"],
                "statement_id": sid,
                "competency_id": cid,
                "stored_decision": stored.decision,
                "stored_level": stored.level,
                "sheet_decision": decision,
                "sheet_level": level,
                "resolution": "sheet wins" if prefer == "sheet" else "kept stored",
            }
        )
        if prefer == "sheet":
            to_add.append(row)

    written = store.record(to_add, reviewer=default_reviewer) if to_add else []
    return ImportReport(
        path=path,
        added=_rows_to_frame(written),
        conflicts=pd.DataFrame(conflicts, columns=IMPORT_CONFLICT_COLUMNS).astype(
            "str"
        ),
        unknown=pd.DataFrame(unknown, columns=IMPORT_PROBLEM_COLUMNS),
        invalid=pd.DataFrame(invalid, columns=IMPORT_PROBLEM_COLUMNS),
        unchanged=unchanged,
    )
