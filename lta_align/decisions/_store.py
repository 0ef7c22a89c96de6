"""DecisionStore: reviewers' decisions kept in an append-only CSV log."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._log import Row, append_log, read_log
from ._rows import (
    check_decision,
    check_level,
    check_text,
    clean_note,
    course_of,
    latest,
    latest_of_pair,
    orphans,
    rows_to_frame,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Program

DEFAULT_DECISIONS_NAME = "decisions.csv"
Change = dict[str, str] | Callable[[Row], dict[str, str]]


def _now_utc() -> datetime:
    return datetime.now(UTC)


def _format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _given(**fields: str | None) -> dict[str, str]:
    """The fields a caller set (None means: keep the pair's latest value)."""
    return {name: value for name, value in fields.items() if value is not None}


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
    >>> store = DecisionStore(out / "decisions.csv")
    >>> record = store.accept("LTA130-1a2b3c4d", "cataloging_classification.3",
    ...                       reviewer="J. Rivera", level="reinforced")
    >>> store.current()[["statement_id", "decision", "level"]].to_dict("records")
    [{'statement_id': 'LTA130-1a2b3c4d', 'decision': 'accept', 'level': 'reinforced'}]
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

    def __repr__(self) -> str:
        return f"DecisionStore({str(self.path)!r})"

    # -- reading ---------------------------------------------------------------
    def history(self) -> pd.DataFrame:
        """Return every row of the log in the order it was written.

        Returns
        -------
        pandas.DataFrame
            ``course_id, statement_id, competency_id, decision, level, reviewer,
            decided_at, note``; all strings.
        """
        return rows_to_frame(read_log(self.path))

    def current(self) -> pd.DataFrame:
        """Return the latest decision of each (statement, competency) pair.

        Returns
        -------
        pandas.DataFrame
            The decision columns (see :meth:`history`), one row per pair, sorted by
            ``course_id, statement_id, competency_id``. ``decision`` is ``""`` for
            a pair that only has a comment.
        """
        return latest(self.history())

    def get(self, statement_id: str, competency_id: str) -> Row | None:
        """Return the latest row of one pair as a dict, or None if it has none."""
        return latest_of_pair(read_log(self.path), statement_id, competency_id) or None

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
        return orphans(self.current(), program, framework)

    # -- writing -----------------------------------------------------------------
    def _row(
        self,
        statement_id: str,
        competency_id: str,
        *,
        decision: str,
        level: str,
        note: str,
        reviewer: str,
        course_id: str | None,
    ) -> Row:
        """Return a checked, time-stamped row (ValueError on a bad value)."""
        statement_id = check_text("statement_id", statement_id)
        return {
            "course_id": str(course_id).strip()
            if course_id
            else course_of(statement_id),
            "statement_id": statement_id,
            "competency_id": check_text("competency_id", competency_id),
            "decision": check_decision(decision) if decision else "",
            "level": check_level(level),
            "reviewer": " ".join(check_text("reviewer", reviewer).split()),
            "decided_at": _format_time(self._clock()),
            "note": clean_note(note),
        }

    def _update(
        self,
        statement_id: str,
        competency_id: str,
        change: Change,
        *,
        reviewer: str,
        course_id: str | None,
    ) -> Row:
        """Append the next state of one pair, worked out under the lock.

        The new row starts from the pair's latest row (decision, level, note and,
        unless ``course_id`` is given, course) and takes the fields of ``change``:
        a dict, or a function of the latest row ({} when there is none).
        """
        # fail before waiting for the lock; look the pair up by its stored ids
        statement_id = check_text("statement_id", statement_id)
        competency_id = check_text("competency_id", competency_id)
        check_text("reviewer", reviewer)

        def build(existing: list[Row]) -> list[Row]:
            previous = latest_of_pair(existing, statement_id, competency_id)
            state = {k: previous.get(k, "") for k in ("decision", "level", "note")}
            state.update(change(previous) if callable(change) else change)
            return [
                self._row(
                    statement_id,
                    competency_id,
                    **state,
                    reviewer=reviewer,
                    course_id=course_id or previous.get("course_id"),
                )
            ]

        return append_log(self.path, self.lock_path, build)[0]

    def accept(
        self,
        statement_id: str,
        competency_id: str,
        *,
        reviewer: str,
        level: str | None = None,
        note: str | None = None,
        course_id: str | None = None,
    ) -> Row:
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
            Defaults to the pair's previous course id, else the course id embedded
            in ``statement_id``.

        Returns
        -------
        dict
            The row written (decision columns).

        Raises
        ------
        ValueError
            Empty reviewer or id, or a level that is not allowed.
        """
        change = _given(decision="accept", level=level, note=note)
        return self._update(
            statement_id, competency_id, change, reviewer=reviewer, course_id=course_id
        )

    def reject(
        self,
        statement_id: str,
        competency_id: str,
        *,
        reviewer: str,
        note: str | None = None,
        course_id: str | None = None,
    ) -> Row:
        """Record that a statement does not evidence a competency (drop the match).

        Parameters are as for :meth:`accept`; a rejected pair has no level.
        """
        change = _given(decision="reject", level="", note=note)
        return self._update(
            statement_id, competency_id, change, reviewer=reviewer, course_id=course_id
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
    ) -> Row:
        """Record a match the engine missed: the statement evidences the competency.

        Parameters are as for :meth:`accept`.
        """
        change = _given(decision="add", level=level, note=note)
        return self._update(
            statement_id, competency_id, change, reviewer=reviewer, course_id=course_id
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
    ) -> list[Row]:
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
        reject_row = self._row(
            statement_id,
            old_competency_id,
            decision="reject",
            level="",
            note=f"changed to {new_competency_id}" + (f"; {note}" if note else ""),
            reviewer=reviewer,
            course_id=course_id,
        )
        add_row = self._row(
            statement_id,
            new_competency_id,
            decision="add",
            level=level or "",
            note=note or f"changed from {old_competency_id}",
            reviewer=reviewer,
            course_id=course_id,
        )
        return append_log(self.path, self.lock_path, [reject_row, add_row])

    def set_level(
        self,
        statement_id: str,
        competency_id: str,
        level: str,
        *,
        reviewer: str,
        course_id: str | None = None,
    ) -> Row:
        """Record the level (introduced / reinforced / mastered) of a match.

        Setting a level confirms the match: the pair keeps ``add`` if it was added
        by a reviewer and becomes ``accept`` otherwise. A rejected pair cannot have
        a level (ValueError: accept it first).
        """
        level = check_level(level)

        def confirm(previous: Row) -> dict[str, str]:
            decision = previous.get("decision", "")
            if decision == "reject":
                raise ValueError(
                    f"{statement_id} -> {competency_id} was rejected; accept or add "
                    "it before giving it a level."
                )
            return {"decision": decision or "accept", "level": level}

        return self._update(
            statement_id, competency_id, confirm, reviewer=reviewer, course_id=course_id
        )

    def comment(
        self,
        statement_id: str,
        competency_id: str,
        note: str,
        *,
        reviewer: str,
        course_id: str | None = None,
    ) -> Row:
        """Record a comment on a pair, keeping its decision and level as they are.

        A comment on a pair nobody decided yet is written with ``decision=""``:
        the engine's verdict still stands.
        """
        return self._update(
            statement_id,
            competency_id,
            {"note": note},
            reviewer=reviewer,
            course_id=course_id,
        )

    def record(self, rows: Iterable[dict[str, Any]], *, reviewer: str) -> list[Row]:
        """Append several complete decisions in one locked, atomic write.

        Each mapping needs ``statement_id``, ``competency_id`` and ``decision``
        (``accept``/``reject``/``add``, or ``""`` for a comment) and may carry
        ``course_id``, ``level``, ``note`` and ``reviewer`` (default: ``reviewer``).
        """
        out = [
            self._row(
                item["statement_id"],
                item["competency_id"],
                decision=str(item.get("decision") or ""),
                level=str(item.get("level") or ""),
                note=str(item.get("note") or ""),
                reviewer=str(item.get("reviewer") or reviewer),
                course_id=item.get("course_id") or None,
            )
            for item in rows
        ]
        return append_log(self.path, self.lock_path, out) if out else []
