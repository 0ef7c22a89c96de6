"""apply_decisions: the reviewed alignment (reviewers' decisions over the engine's)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._compat import renamed_keyword
from ..columns import (
    DECISION_COLUMNS,
    DECISIONS,
    REJECT,
    REVIEWED_DECISIONS,
    check_columns,
)
from ._rows import PAIR, course_of, latest, orphans, pairs
from ._store import DecisionStore

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment

_REVIEW_COLUMNS = ("decision", "level", "note")  # added to matches


def _decisions_table(source: Any) -> pd.DataFrame:
    """Return the current decisions of a store, a decisions file or a table.

    A table needs at least ``statement_id, competency_id, decision``; missing
    decision columns are added empty, a blank ``course_id`` is taken from the
    statement id, and the last row of a pair wins.
    """
    if isinstance(source, str | Path):
        source = DecisionStore(source)
    if isinstance(source, DecisionStore):
        return source.current()
    if not isinstance(source, pd.DataFrame):
        raise TypeError(
            "apply_decisions needs a DecisionStore, a decisions file path or a "
            f"DataFrame; got {type(source).__name__}"
        )
    check_columns(source, [*PAIR, "decision"], name="the decisions table")
    df = source.reindex(columns=DECISION_COLUMNS, fill_value="")
    df = df.fillna("").astype("str")
    no_course = df["course_id"].str.strip() == ""
    df.loc[no_course, "course_id"] = df.loc[no_course, "statement_id"].map(course_of)
    bad = sorted(set(df["decision"]) - set(DECISIONS) - {""})
    if bad:
        raise ValueError(
            f"decision should be one of {list(DECISIONS)}; the table has {bad}"
        )
    return latest(df)


def counted_matches(matches: pd.DataFrame) -> pd.DataFrame:
    """Return the matches that count as evidence: all but the rejected ones."""
    if "decision" not in matches.columns:
        return matches
    return matches[matches["decision"].fillna("") != REJECT]


def _blank_like(column: pd.Series, n: int) -> list:
    """Return ``n`` neutral values for a column (False, 0, or empty text)."""
    if pd.api.types.is_bool_dtype(column):
        return [False] * n
    if pd.api.types.is_numeric_dtype(column):
        return [0] * n
    return [""] * n


def _reviewed_matches(
    matches: pd.DataFrame, live: pd.DataFrame, program: Any, framework: Any
) -> pd.DataFrame:
    """Return ``matches`` with the live decisions applied (see apply_decisions)."""
    statements = program.statements.set_index("statement_id")
    matches = matches.copy()
    for col in _REVIEW_COLUMNS:
        if col not in matches.columns:
            matches[col] = ""
        matches[col] = matches[col].fillna("").astype("str")
    if "kind" not in matches.columns:
        kinds = matches["statement_id"].map(statements["kind"])
        matches["kind"] = kinds.fillna("").astype("str")

    decided = live.set_index(PAIR)
    at = pairs(matches)
    hit = at.isin(decided.index)
    row = decided.reindex(at[hit])
    decision = row["decision"].to_numpy()
    matches.loc[hit, "decision"] = decision
    matches.loc[hit, "note"] = row["note"].to_numpy()
    # a comment-only row ("") keeps the engine's level
    matches.loc[hit, "level"] = [
        level if d else old
        for d, level, old in zip(
            decision, row["level"], matches.loc[hit, "level"], strict=True
        )
    ]

    confirmed = live[live["decision"].isin(REVIEWED_DECISIONS)]
    missing = confirmed[~pairs(confirmed).isin(at)]
    if len(missing):
        sid = missing["statement_id"]
        extra = pd.DataFrame(
            {
                "course_id": sid.map(statements["course_id"]).fillna(
                    missing["course_id"]
                ),
                "statement_id": sid,
                "competency_id": missing["competency_id"],
                "set_id": missing["competency_id"].map(
                    framework.competencies.set_index("competency_id")["set_id"]
                ),
                "score": 0.0,
                "rank": 0,
                "ambiguous": False,
                "kind": sid.map(statements["kind"]).fillna(""),
                **{col: missing[col] for col in _REVIEW_COLUMNS},
            }
        )
        for col in matches.columns:
            if col not in extra.columns:
                extra[col] = _blank_like(matches[col], len(extra))
        extra = extra[list(matches.columns)].astype(matches.dtypes.to_dict())
        matches = pd.concat([matches, extra], ignore_index=True)
    return matches.sort_values(
        ["course_id", "statement_id", "rank", "competency_id"],
        kind="stable",
        ignore_index=True,
    )


@renamed_keyword("store_or_frame", "store")
def apply_decisions(
    alignment: Alignment,
    store: DecisionStore | pd.DataFrame | str | Path,
) -> Alignment:
    """Return the alignment with reviewers' decisions applied over the engine's.

    - ``reject``: the (statement, competency) pair stays in ``matches``, marked
      ``decision="reject"`` with the reviewer's note, so everyone can see (and
      undo) it; it is never counted as evidence.
    - ``accept``: the match is kept and marked ``decision="accept"`` with the
      reviewer's ``level`` and ``note``; if the engine no longer lists the pair it
      is put back (score 0, rank 0).
    - ``add``: a match the engine missed, marked ``decision="add"``; it keeps the
      engine's score and rank when the pair is in ``matches``, else it is added
      with score 0, rank 0.
    - ``""`` (comment only): the note is attached; the engine's verdict stands.

    Accepted and added pairs always count as covered and are preferred as evidence;
    coverage, course_sets and courses are recomputed with
    :func:`lta_align.coverage.summarise`. Decisions whose statement is no longer
    in the program (or whose competency is not in the framework) are *orphans*:
    they change nothing, are listed in ``alignment.decisions`` with a non-empty
    ``orphan`` reason, and stay in the decisions file.

    Parameters
    ----------
    alignment : Alignment
        The engine's result (from :func:`lta_align.align`).
    store : DecisionStore, path or DataFrame
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
    from ..coverage import summarise

    program = alignment.program
    framework = alignment.framework
    decisions = _decisions_table(store)
    lost = orphans(decisions, program, framework)
    reason = lost.set_index(PAIR)["reason"].reindex(pairs(decisions))
    is_orphan = reason.notna().to_numpy()

    matches = _reviewed_matches(
        alignment.matches, decisions[~is_orphan], program, framework
    )
    coverage, course_sets, courses = summarise(
        counted_matches(matches),
        program,
        framework,
        alignment.config,
        lean=alignment.lean,
    )
    confirmed = matches["decision"].isin(REVIEWED_DECISIONS)
    added = matches.loc[confirmed, "statement_id"]
    unmatched = alignment.unmatched
    return dataclasses.replace(
        alignment,
        matches=matches,
        coverage=coverage,
        course_sets=course_sets,
        courses=courses,
        decisions=decisions.assign(orphan=reason.fillna("").astype("str").to_numpy()),
        unmatched=unmatched[~unmatched["statement_id"].isin(added)].reset_index(
            drop=True
        ),
    )
