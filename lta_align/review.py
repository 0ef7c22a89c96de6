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

No widgets here: :mod:`lta_align.widgets` is a thin view over this module.

``lta_align.review(alignment, store)`` opens the review panel
(:func:`lta_align.widgets.review`). Because this module has the same name, once it
is imported ``lta_align.review`` is this module; calling the module forwards to
the panel, so ``la.review(...)`` works either way.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import sys
import types
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._utils import atomic_write_text
from .columns import DECISION_COLUMNS, DECISIONS, LEVELS, check_columns
from .errors import InputFileError, ParseError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    from .match import Alignment
    from .model import Program

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

DEFAULT_DECISIONS_NAME = "decisions.csv"
ORPHAN_COLUMNS = [*DECISION_COLUMNS, "reason"]
"""Columns of an orphans table: the decision columns plus ``reason``."""

_LOCK_TIMEOUT = 60.0  # seconds to wait for another writer before giving up


def _now_utc() -> datetime:
    return datetime.now(UTC)


def _format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _course_of(statement_id: str) -> str:
    """Return the course id embedded in a statement id (``LTA101-1a2b3c4d``)."""
    head, sep, _ = str(statement_id).rpartition("-")
    return head if sep else ""


def _check_decision(decision: str) -> str:
    if decision not in DECISIONS:
        raise ValueError(
            f"decision should be one of {list(DECISIONS)}; got {decision!r}"
        )
    return decision


def _check_level(level: str | None) -> str:
    level = "" if level is None else str(level).strip()
    if level not in LEVELS:
        raise ValueError(
            f"level should be one of {[lv for lv in LEVELS if lv]} or '' (none); "
            f"got {level!r}"
        )
    return level


def _check_text(name: str, value: Any) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError(
            f"{name} is required (a non-empty string); got {value!r}. "
            + (
                "Type your name so colleagues can see who decided."
                if name == "reviewer"
                else ""
            )
        )
    return text


def _clean_note(note: Any) -> str:
    """Return a note as stored: stripped, line breaks as ``\\n`` (no bare CR)."""
    text = "" if note is None else str(note)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _empty_decisions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in DECISION_COLUMNS})


def _rows_to_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    if not rows:
        return _empty_decisions()
    df = pd.DataFrame(rows, columns=DECISION_COLUMNS)
    return df.astype("str").reset_index(drop=True)


def _latest(df: pd.DataFrame) -> pd.DataFrame:
    """Keep the last row of each (statement_id, competency_id), sorted by ids."""
    if df.empty:
        return df.reset_index(drop=True)
    last = df.drop_duplicates(["statement_id", "competency_id"], keep="last")
    return last.sort_values(
        ["course_id", "statement_id", "competency_id"], kind="stable"
    ).reset_index(drop=True)


def _previous(
    rows: list[dict[str, str]], statement_id: str, competency_id: str
) -> dict[str, str]:
    """Return the latest row of a pair in ``rows`` ({} when there is none)."""
    for row in reversed(rows):
        if row["statement_id"] == statement_id and row["competency_id"] == (
            competency_id
        ):
            return row
    return {}


class DecisionStore:
    """Reviewers' decisions on matches, saved at once to a CSV log.

    The file (``decisions.csv`` by default) has the columns ``course_id,
    statement_id, competency_id, decision, level, reviewer, decided_at, note``.
    It is an append-only log: every change appends one row holding the pair's full
    state after the change (decision, level and note), the latest row of a pair
    ``(statement_id, competency_id)`` wins, and no row is ever dropped, so the
    file is its own history. ``decision`` is ``accept`` (the engine's match is
    right), ``reject`` (it is wrong), ``add`` (a match the engine missed), or
    ``""`` on a row that only carries a comment on a match nobody decided yet.

    Every change is written at once: under a file lock (``decisions.csv.lock``)
    the file is read again, the row appended, and the whole file replaced
    atomically (temporary file, then rename). Two notebooks, or a notebook and the
    command line, can write to the same file without losing or tearing rows; a
    write that is killed half-way leaves the previous file intact.

    Parameters
    ----------
    path : str or Path
        The decisions file, or a folder (then ``folder/decisions.csv``). The file
        is created by the first change.
    clock : callable, optional
        Returns the current time (a timezone-aware ``datetime``); for tests.

    Examples
    --------
    >>> store = DecisionStore(tmp_path / "decisions.csv")           # doctest: +SKIP
    >>> store.accept("LTA130-1a2b3c4d", "cataloging_classification.3",
    ...              reviewer="J. Rivera", level="reinforced")    # doctest: +SKIP
    >>> store.current()                                            # doctest: +SKIP
    """

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        path = Path(path)
        if path.is_dir() or (not path.suffix and not path.exists()):
            path = path / DEFAULT_DECISIONS_NAME
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self._clock = clock or _now_utc
        self.last_saved: dict[str, str] | None = None

    def __repr__(self) -> str:
        return f"DecisionStore({str(self.path)!r})"

    # -- reading ---------------------------------------------------------------
    def _read_rows(self) -> list[dict[str, str]]:
        if not self.path.exists():
            return []
        try:
            with open(self.path, encoding="utf-8-sig", newline="") as fh:
                text = fh.read()
        except UnicodeDecodeError as exc:
            raise ParseError(
                self.path,
                "the decisions file is not UTF-8 text.",
                "Save it as CSV UTF-8 (or restore it from a backup) and try again.",
            ) from exc
        if not text.strip():
            return []
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in DECISION_COLUMNS if c not in header]
        if missing:
            raise SchemaError(
                f"'{self.path}' is missing column(s) {missing}; it has {header}. "
                f"A decisions file needs the columns {DECISION_COLUMNS}; restore "
                "the header row and try again."
            )
        rows = []
        for row in reader:
            rows.append({c: (row.get(c) or "").strip() for c in DECISION_COLUMNS})
        return rows

    def history(self) -> pd.DataFrame:
        """Return every row of the log in the order it was written.

        Returns
        -------
        pandas.DataFrame
            ``course_id, statement_id, competency_id, decision, level, reviewer,
            decided_at, note``; all strings.
        """
        return _rows_to_frame(self._read_rows())

    def current(self) -> pd.DataFrame:
        """Return the latest decision of each (statement, competency) pair.

        Returns
        -------
        pandas.DataFrame
            The decision columns (see :meth:`history`), one row per pair, sorted by
            ``course_id, statement_id, competency_id``. ``decision`` is ``""`` for
            a pair that only has a comment.
        """
        return _latest(self.history())

    def get(self, statement_id: str, competency_id: str) -> dict[str, str] | None:
        """Return the latest row of one pair as a dict, or None if it has none."""
        return _previous(self._read_rows(), statement_id, competency_id) or None

    def orphans(self, program: Program, framework: Any = None) -> pd.DataFrame:
        """Return the current decisions that no longer point at anything.

        A decision is an orphan when its statement is not in ``program`` any more
        (the syllabus text was edited or the course removed) or, when
        ``framework`` is given, its competency is not in the framework. Orphans
        stay in the file; they are listed so a reviewer can redo them.

        Parameters
        ----------
        program : Program
            The program as read now (``program.statements.statement_id``).
        framework : Framework, optional
            Also check competency ids against ``framework.competencies``.

        Returns
        -------
        pandas.DataFrame
            The decision columns plus ``reason``.
        """
        return _orphans(self.current(), program, framework)

    # -- writing -----------------------------------------------------------------
    def _lock(self):
        from filelock import FileLock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.lock_path), timeout=_LOCK_TIMEOUT)

    def _append(
        self,
        rows: list[dict[str, str]]
        | Callable[[list[dict[str, str]]], list[dict[str, str]]],
    ) -> list[dict[str, str]]:
        """Append rows under the lock: reload, add, replace the file atomically.

        ``rows`` may be a function of the rows already in the file (read under the
        lock), so a change that keeps a pair's level or note sees the latest one.
        """
        from filelock import Timeout

        try:
            with self._lock():
                existing = self._read_rows()
                if callable(rows):
                    rows = rows(existing)
                buf = io.StringIO()
                writer = csv.DictWriter(
                    buf, fieldnames=DECISION_COLUMNS, lineterminator="\n"
                )
                writer.writeheader()
                writer.writerows(existing)
                writer.writerows(rows)
                atomic_write_text(self.path, buf.getvalue())
        except Timeout as exc:
            raise InputFileError(
                self.path,
                f"another program has held its lock ('{self.lock_path}') for "
                f"{_LOCK_TIMEOUT:.0f} seconds.",
                "Close the other notebook or command that writes decisions and try "
                "again.",
            ) from exc
        except PermissionError as exc:
            raise InputFileError(
                self.path,
                f"the decisions file could not be saved ({exc.strerror}); nothing "
                "was changed.",
                "If it is open in Excel or another program, close it and try "
                "again; check that the folder is writable.",
            ) from exc
        if rows:
            self.last_saved = dict(rows[-1])
        return rows

    def _row(
        self,
        statement_id: str,
        competency_id: str,
        *,
        decision: str,
        level: str,
        reviewer: str,
        note: str,
        course_id: str | None,
    ) -> dict[str, str]:
        statement_id = _check_text("statement_id", statement_id)
        competency_id = _check_text("competency_id", competency_id)
        if decision:
            _check_decision(decision)
        return {
            "course_id": str(course_id).strip()
            if course_id
            else _course_of(statement_id),
            "statement_id": statement_id,
            "competency_id": competency_id,
            "decision": decision,
            "level": _check_level(level),
            "reviewer": " ".join(_check_text("reviewer", reviewer).split()),
            "decided_at": _format_time(self._clock()),
            "note": _clean_note(note),
        }

    def _decide(
        self,
        decision: str,
        statement_id: str,
        competency_id: str,
        *,
        reviewer: str,
        level: str | None,
        note: str | None,
        course_id: str | None,
    ) -> dict[str, str]:
        _check_decision(decision)
        _check_level(level)
        _check_text("reviewer", reviewer)
        _check_text("statement_id", statement_id)
        _check_text("competency_id", competency_id)

        def build(existing: list[dict[str, str]]) -> list[dict[str, str]]:
            previous = _previous(existing, statement_id, competency_id)
            if decision == "reject":
                new_level = ""
            elif level is None:
                new_level = previous.get("level", "")
            else:
                new_level = level
            return [
                self._row(
                    statement_id,
                    competency_id,
                    decision=decision,
                    level=new_level,
                    reviewer=reviewer,
                    note=previous.get("note", "") if note is None else note,
                    course_id=course_id,
                )
            ]

        return self._append(build)[0]

    def accept(
        self,
        statement_id: str,
        competency_id: str,
        *,
        reviewer: str,
        level: str | None = None,
        note: str | None = None,
        course_id: str | None = None,
    ) -> dict[str, str]:
        """Record that the engine's match of a statement to a competency is right.

        Parameters
        ----------
        statement_id, competency_id : str
            The pair (``alignment.matches`` columns).
        reviewer : str
            Who decided (required, non-empty).
        level : {"", "introduced", "reinforced", "mastered"}, optional
            How deeply the course treats the competency; None keeps the pair's
            previous level.
        note : str, optional
            A comment; None keeps the pair's previous note.
        course_id : str, optional
            Defaults to the course id embedded in ``statement_id``.

        Returns
        -------
        dict
            The row written (decision columns).

        Raises
        ------
        ValueError
            Empty reviewer or id, or a level that is not allowed.
        """
        return self._decide(
            "accept",
            statement_id,
            competency_id,
            reviewer=reviewer,
            level=level,
            note=note,
            course_id=course_id,
        )

    def reject(
        self,
        statement_id: str,
        competency_id: str,
        *,
        reviewer: str,
        note: str | None = None,
        course_id: str | None = None,
    ) -> dict[str, str]:
        """Record that a statement does not evidence a competency (drop the match).

        Parameters are as for :meth:`accept`; a rejected pair has no level.
        """
        return self._decide(
            "reject",
            statement_id,
            competency_id,
            reviewer=reviewer,
            level="",
            note=note,
            course_id=course_id,
        )

    def add(
        self,
        statement_id: str,
        competency_id: str,
        *,
        reviewer: str,
        level: str | None = None,
        note: str | None = None,
        course_id: str | None = None,
    ) -> dict[str, str]:
        """Record a match the engine missed: the statement evidences the competency.

        Parameters are as for :meth:`accept`.
        """
        return self._decide(
            "add",
            statement_id,
            competency_id,
            reviewer=reviewer,
            level=level,
            note=note,
            course_id=course_id,
        )

    def change(
        self,
        statement_id: str,
        old_competency_id: str,
        new_competency_id: str,
        *,
        reviewer: str,
        level: str | None = None,
        note: str | None = None,
        course_id: str | None = None,
    ) -> list[dict[str, str]]:
        """Move a match to another competency: reject the old pair, add the new one.

        Both rows are written in one locked, atomic write.

        Returns
        -------
        list of dict
            The two rows written (reject, then add).
        """
        if old_competency_id == new_competency_id:
            raise ValueError(
                "change needs a different competency; got the same id "
                f"{new_competency_id!r} twice. Use accept() to confirm a match."
            )
        _check_text("reviewer", reviewer)
        _check_level(level)
        reject_row = self._row(
            statement_id,
            old_competency_id,
            decision="reject",
            level="",
            reviewer=reviewer,
            note=f"changed to {new_competency_id}" + (f"; {note}" if note else ""),
            course_id=course_id,
        )
        add_row = self._row(
            statement_id,
            new_competency_id,
            decision="add",
            level=level or "",
            reviewer=reviewer,
            note=note or f"changed from {old_competency_id}",
            course_id=course_id,
        )
        return self._append([reject_row, add_row])

    def set_level(
        self,
        statement_id: str,
        competency_id: str,
        level: str,
        *,
        reviewer: str,
        course_id: str | None = None,
    ) -> dict[str, str]:
        """Record the level (introduced / reinforced / mastered) of a match.

        Setting a level confirms the match: the pair keeps ``add`` if it was added
        by a reviewer and becomes ``accept`` otherwise. A rejected pair cannot have
        a level (ValueError: accept it first).
        """
        level = _check_level(level)
        _check_text("reviewer", reviewer)

        def build(existing: list[dict[str, str]]) -> list[dict[str, str]]:
            previous = _previous(existing, statement_id, competency_id)
            decision = previous.get("decision", "")
            if decision == "reject":
                raise ValueError(
                    f"{statement_id} -> {competency_id} was rejected; accept or add "
                    "it before giving it a level."
                )
            return [
                self._row(
                    statement_id,
                    competency_id,
                    decision=decision or "accept",
                    level=level,
                    reviewer=reviewer,
                    note=previous.get("note", ""),
                    course_id=course_id,
                )
            ]

        return self._append(build)[0]

    def comment(
        self,
        statement_id: str,
        competency_id: str,
        note: str,
        *,
        reviewer: str,
        course_id: str | None = None,
    ) -> dict[str, str]:
        """Record a comment on a pair, keeping its decision and level as they are.

        A comment on a pair nobody decided yet is written with ``decision=""``:
        the engine's verdict still stands.
        """
        _check_text("reviewer", reviewer)

        def build(existing: list[dict[str, str]]) -> list[dict[str, str]]:
            previous = _previous(existing, statement_id, competency_id)
            return [
                self._row(
                    statement_id,
                    competency_id,
                    decision=previous.get("decision", ""),
                    level=previous.get("level", ""),
                    reviewer=reviewer,
                    note=note,
                    course_id=course_id or previous.get("course_id") or None,
                )
            ]

        return self._append(build)[0]

    def record(self, rows: Iterable[dict[str, Any]], *, reviewer: str) -> list[dict]:
        """Append several complete decisions in one locked, atomic write.

        Each mapping needs ``statement_id``, ``competency_id`` and ``decision``
        (``accept``/``reject``/``add``, or ``""`` for a comment) and may carry
        ``course_id``, ``level``, ``note`` and ``reviewer`` (default: ``reviewer``).
        """
        out = []
        for item in rows:
            out.append(
                self._row(
                    item["statement_id"],
                    item["competency_id"],
                    decision=str(item.get("decision") or ""),
                    level=str(item.get("level") or ""),
                    reviewer=str(item.get("reviewer") or reviewer),
                    note=str(item.get("note") or ""),
                    course_id=item.get("course_id") or None,
                )
            )
        return self._append(out) if out else []


# --- applying decisions -----------------------------------------------------------
def _decisions_frame(store_or_frame: DecisionStore | pd.DataFrame | str | Path):
    if isinstance(store_or_frame, DecisionStore):
        return store_or_frame.current()
    if isinstance(store_or_frame, str | Path):
        return DecisionStore(store_or_frame).current()
    if isinstance(store_or_frame, pd.DataFrame):
        check_columns(
            store_or_frame,
            ["statement_id", "competency_id", "decision"],
            name="the decisions table",
        )
        df = store_or_frame.copy()
        for col in DECISION_COLUMNS:
            if col not in df.columns:
                df[col] = ""
        df = df[DECISION_COLUMNS].fillna("").astype("str")
        missing_course = df["course_id"].str.strip() == ""
        if missing_course.any():
            df.loc[missing_course, "course_id"] = df.loc[
                missing_course, "statement_id"
            ].map(_course_of)
        bad = sorted(set(df["decision"]) - set(DECISIONS) - {""})
        if bad:
            raise ValueError(
                f"decision should be one of {list(DECISIONS)}; the table has {bad}"
            )
        return _latest(df)
    raise TypeError(
        "apply_decisions needs a DecisionStore, a decisions file path or a "
        f"DataFrame; got {type(store_or_frame).__name__}"
    )


def _blank_like(column: pd.Series, n: int) -> list:
    """Return ``n`` neutral values for a column (False, 0, or empty text)."""
    if pd.api.types.is_bool_dtype(column):
        return [False] * n
    if pd.api.types.is_numeric_dtype(column):
        return [0] * n
    return [""] * n


def _orphans(decisions: pd.DataFrame, program: Any, framework: Any) -> pd.DataFrame:
    known_statements = set(program.statements["statement_id"])
    known_competencies = (
        set(framework.competencies["competency_id"]) if framework is not None else None
    )
    reasons = []
    for row in decisions.itertuples(index=False):
        if row.statement_id not in known_statements:
            reasons.append(
                "statement not found in the syllabi (its text was edited or the "
                "course removed): review it again"
            )
        elif known_competencies is not None and (
            row.competency_id not in known_competencies
        ):
            reasons.append(
                f"competency not in {framework.name}: check the id or the framework"
            )
        else:
            reasons.append("")
    out = decisions.assign(
        reason=pd.Series(reasons, index=decisions.index, dtype="str")
    )
    out = out[out["reason"] != ""]
    return out[ORPHAN_COLUMNS].reset_index(drop=True)


def apply_decisions(
    alignment: Alignment,
    store_or_frame: DecisionStore | pd.DataFrame | str | Path,
) -> Alignment:
    """Return the alignment with reviewers' decisions applied over the engine's.

    - ``reject``: the (statement, competency) pair is removed from ``matches``.
    - ``accept``: the match is kept and marked ``decision="accept"`` with the
      reviewer's ``level`` and ``note``; if the engine no longer lists the pair it
      is put back (score 0, rank 0).
    - ``add``: a match the engine missed; added with the engine's score when the
      pair is in ``matches`` (else 0), ``rank`` 0, ``decision="add"``.
    - ``""`` (comment only): the note is attached; the engine's verdict stands.

    Accepted and added pairs always count as covered and are preferred as evidence;
    coverage, course_sets and courses are recomputed with
    :func:`lta_align.coverage.summarise`. Decisions whose statement is no longer
    in the program (or whose competency is not in the framework) are *orphans*:
    they change nothing, are listed in ``alignment.orphans`` (when the Alignment
    has that field) and in ``alignment.decisions`` with a non-empty ``orphan``
    reason, and stay in the decisions file.

    Parameters
    ----------
    alignment : Alignment
        The engine's result (from :func:`lta_align.align`).
    store_or_frame : DecisionStore, path or DataFrame
        The decisions: a store, the path of a decisions file, or a table with at
        least ``statement_id, competency_id, decision`` (the last row of a pair
        wins).

    Returns
    -------
    Alignment
        A new alignment (``dataclasses.replace``): ``matches`` (+ ``decision,
        level, note``), ``coverage``, ``course_sets``, ``courses`` recomputed,
        ``decisions`` = the current decisions plus ``orphan`` (reason, ``""`` when
        the decision applies).
    """
    from .coverage import summarise

    program = alignment.program
    framework = alignment.framework
    decisions = _decisions_frame(store_or_frame)
    orphans = _orphans(decisions, program, framework)
    orphan_keys = set(
        zip(orphans["statement_id"], orphans["competency_id"], strict=True)
    )
    keys = list(zip(decisions["statement_id"], decisions["competency_id"], strict=True))
    live = decisions[[k not in orphan_keys for k in keys]]

    matches = alignment.matches.copy()
    for col in ("decision", "level", "note"):
        if col not in matches.columns:
            matches[col] = ""
        matches[col] = matches[col].fillna("").astype("str")
    if "kind" not in matches.columns:
        kinds = dict(
            zip(
                program.statements["statement_id"],
                program.statements["kind"],
                strict=True,
            )
        )
        matches["kind"] = matches["statement_id"].map(kinds).fillna("").astype("str")

    by_pair = {
        (r.statement_id, r.competency_id): r for r in live.itertuples(index=False)
    }
    match_keys = list(
        zip(matches["statement_id"], matches["competency_id"], strict=True)
    )
    keep = []
    for i, key in enumerate(match_keys):
        row = by_pair.get(key)
        if row is None:
            keep.append(True)
            continue
        if row.decision == "reject":
            keep.append(False)
            continue
        keep.append(True)
        matches.loc[matches.index[i], "decision"] = row.decision
        if row.decision:
            matches.loc[matches.index[i], "level"] = row.level
        matches.loc[matches.index[i], "note"] = row.note
    matches = matches[keep]

    present = set(match_keys)
    set_of = dict(
        zip(
            framework.competencies["competency_id"],
            framework.competencies["set_id"],
            strict=True,
        )
    )
    kind_of = dict(
        zip(program.statements["statement_id"], program.statements["kind"], strict=True)
    )
    course_of = dict(
        zip(
            program.statements["statement_id"],
            program.statements["course_id"],
            strict=True,
        )
    )
    extra = []
    for key, row in sorted(by_pair.items()):
        if key in present or row.decision not in {"accept", "add"}:
            continue
        extra.append(
            {
                "course_id": course_of.get(row.statement_id, row.course_id),
                "statement_id": row.statement_id,
                "competency_id": row.competency_id,
                "set_id": set_of[row.competency_id],
                "score": 0.0,
                "rank": 0,
                "ambiguous": False,
                "kind": kind_of.get(row.statement_id, ""),
                "decision": row.decision,
                "level": row.level,
                "note": row.note,
            }
        )
    if extra:
        add_df = pd.DataFrame(extra)
        for col in matches.columns:
            if col not in add_df.columns:
                add_df[col] = _blank_like(matches[col], len(add_df))
        add_df = add_df[list(matches.columns)].astype(matches.dtypes.to_dict())
        matches = pd.concat([matches, add_df], ignore_index=True)
    matches = matches.sort_values(
        ["course_id", "statement_id", "rank", "competency_id"], kind="stable"
    ).reset_index(drop=True)

    coverage, course_sets, courses = summarise(
        matches, program, framework, alignment.config
    )

    reasons = dict(
        zip(
            zip(orphans["statement_id"], orphans["competency_id"], strict=True),
            orphans["reason"],
            strict=True,
        )
    )
    decisions_out = decisions.assign(
        orphan=pd.Series(
            [reasons.get(k, "") for k in keys], index=decisions.index, dtype="str"
        )
    )
    changes: dict[str, Any] = {
        "matches": matches,
        "coverage": coverage,
        "course_sets": course_sets,
        "courses": courses,
    }
    fields = {f.name for f in dataclasses.fields(alignment)}
    if "decisions" in fields:
        changes["decisions"] = decisions_out
    if "orphans" in fields:
        changes["orphans"] = orphans
    if "unmatched" in fields and getattr(alignment, "unmatched", None) is not None:
        added = set(
            matches.loc[matches["decision"].isin(["accept", "add"]), "statement_id"]
        )
        unmatched = alignment.unmatched
        changes["unmatched"] = unmatched[
            ~unmatched["statement_id"].isin(added)
        ].reset_index(drop=True)
    return dataclasses.replace(alignment, **changes)


# The Excel import lives in its own module; its names are part of this one's API.
from ._review_import import (  # noqa: E402
    ImportReport,
    import_review,
    parse_decision,
    parse_level,
)


class _CallableModule(types.ModuleType):
    """This module, callable: ``lta_align.review(alignment, store)`` opens the panel.

    Importing ``lta_align.review`` binds the package attribute ``review`` to this
    module, shadowing the public verb of the same name; forwarding calls keeps
    ``la.review(alignment, store)`` working in every import order.
    """

    def __call__(self, alignment: Any, store: Any, **kwargs: Any) -> Any:
        from .widgets import review

        return review(alignment, store, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
