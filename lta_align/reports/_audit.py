"""Outcome quality audit: :func:`audit_outcomes` (compute only).

Reads every learning outcome of a program the way an assessment reviewer does:
its main action verb and Bloom level (:mod:`._verbs`, from the shipped verb
table ``reports/data/bloom_verbs.yaml``), and the problems a reviewer would
name, each with a concrete rewrite or split. Deterministic: the same program
gives the same table.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..columns import (
    AUDIT_COLUMNS,
    AUDIT_SUMMARY_COLUMNS,
    OUTCOME_ISSUES,
)
from ..text import normalise
from ._verbs import RANK as _RANK
from ._verbs import Reading, VerbTable, read_outcome, verb_table

__all__ = [
    "audit_outcomes",
    "audit_summary",
    "course_min_level",
    "read_outcome",
    "verb_table",
]

NOT_MEASURABLE, NO_VERB, COMPOUND, TOO_LONG, DUPLICATE, BELOW = OUTCOME_ISSUES
_WH = frozenset({"what", "where", "which", "when", "why", "how", "who", "whether"})
_TRIM = re.compile(r",?\s+(?:including|such as|for example|e\.g\.|especially)\b.*$")

# --- issues and suggestions ---------------------------------------------------


def _cap(text: str) -> str:
    text = text.strip().strip(",;:").strip()
    return text[:1].upper() + text[1:] if text else text


def _sentence(text: str) -> str:
    text = _cap(text).rstrip(".")
    return f"{text}." if text else text


def _replace_vague(body: str, phrase: str, table: VerbTable) -> str:
    """The outcome with its not-measurable phrase replaced by a measurable verb."""
    n = len(phrase.split())
    m = re.match(r"\s*" + r"\s+".join(r"\S+" for _ in range(n)) + r"\s*", body)
    rest = body[m.end() :] if m else body
    low = rest.casefold()
    if low.startswith("how to "):
        return _sentence(rest[7:])
    if low.startswith("to "):
        return _sentence(rest[3:])
    new = table.not_measurable[phrase]
    if low.startswith("that ") and new in {"Explain", "Explain why"}:
        return _sentence(f"Explain why {rest[5:]}")
    if phrase == "know" and low.split(" ", 1)[0] in _WH:
        new = "Describe"
    if new == "Explain why" and low.startswith(("that ", "why ")):
        rest = rest.split(" ", 1)[1] if " " in rest else rest
    return _sentence(f"{new} {rest}")


def _no_verb_rewrite(body: str, table: VerbTable) -> str:
    low = body.casefold()
    for start, verb in table.noun_starters.items():
        if low.startswith(start + " "):
            rest = body[len(start) + 1 :]
            return _sentence(f"{verb} {rest}" if verb else rest)
    return _sentence(f"Describe {body[:1].lower()}{body[1:]}")


def course_min_level(course_code: str, course_title: str) -> tuple[str, str]:
    """Return ``(min_level, label)`` the course's place in the program suggests.

    The rules are data (``audit.course_expectations`` in the verb table); as
    shipped: a practicum, internship, capstone or field-experience course, and
    a course numbered 200 or above, expect outcomes at ``apply`` or above.
    ``("", "")`` when nothing is known (a 100-level course).
    """
    table = verb_table()
    numbers = re.findall(r"\d+", str(course_code))
    number = int(numbers[0]) if numbers else None
    for rule in table.expectations:
        pattern = rule.get("title_pattern")
        if pattern and re.search(
            pattern, f"{course_code} {course_title}", re.IGNORECASE
        ):
            return str(rule["min_level"]), str(rule["label"])
        least = rule.get("min_number")
        if least is not None and number is not None and number >= int(least):
            return str(rule["min_level"]), str(rule["label"])
    return "", ""


def _issues(
    reading: Reading, table: VerbTable, min_level: str, label: str
) -> list[tuple[str, str]]:
    """``(issue, suggestion)`` pairs for one outcome, duplicates aside."""
    found: list[tuple[str, str]] = []
    body = reading.body
    vague = [p for c in reading.clauses for p, k in c.verbs if k == "not measurable"]
    split_from = reading
    if vague:
        phrase = vague[0]
        rewrite = _replace_vague(body, phrase, table)
        found.append(
            (
                NOT_MEASURABLE,
                f"Replace '{phrase}' with a measurable verb, e.g. '{rewrite}'",
            )
        )
        again = read_outcome(rewrite)
        if len(again.clauses) >= 2:  # split the rewrite, not the vague wording
            split_from = again
    elif not reading.clauses:
        found.append(
            (
                NO_VERB,
                "Start with one measurable action verb saying what students will "
                f"do, e.g. '{_no_verb_rewrite(body, table)}'",
            )
        )
    # a vague verb ("understand", "know") counts as lower-order when actions mix
    levels = [
        c.level or ("understand" if vague else "")
        for c in reading.clauses
        if c.level or any(k == "not measurable" for _, k in c.verbs)
    ]
    mixed = any(table.is_higher_order(lv) for lv in levels) and any(
        not table.is_higher_order(lv) for lv in levels
    )
    if len(reading.clauses) >= 3 or (len(reading.clauses) >= 2 and mixed):
        parts = "; ".join(
            _sentence(split_from.body[c.start : c.end]).rstrip(".")
            for c in split_from.clauses
        )
        found.append(
            (
                COMPOUND,
                f"Split into separately assessed outcomes: {parts}.",
            )
        )
    if reading.words > table.too_long_words:
        short = _TRIM.sub("", body)
        example = (
            f", e.g. '{_sentence(short)}'"
            if len(short.split()) < reading.words and len(short.split()) >= 3
            else ""
        )
        found.append(
            (
                TOO_LONG,
                f"Shorten to one sentence of at most {table.too_long_words} words "
                f"and move examples and lists to the course content{example}",
            )
        )
    if min_level and levels:
        top = max(levels, key=_RANK.__getitem__)
        if _RANK[top] < _RANK[min_level]:
            higher = ", ".join(
                f"'{v}'" for v in ("Apply", "Demonstrate", "Analyze", "Evaluate")
            )
            found.append(
                (
                    BELOW,
                    f"'{reading.verb}' is at the {top} level, but {label}, "
                    f"expects outcomes at {min_level} or above: name a task "
                    f"students carry out, with a verb such as {higher}",
                )
            )
    return found


def audit_outcomes(program: Any) -> pd.DataFrame:
    """Audit the wording of every learning outcome of a program.

    Each outcome (statement of kind ``outcome``) is read after its lead-in
    ("Students will be able to", "Upon completion, the student will",
    "SWBAT", bullets and numbering) for its main action verb, which the
    shipped verb table (revised Bloom's taxonomy, Anderson & Krathwohl 2001;
    ``reports/data/bloom_verbs.yaml`` says how it was written) places at a
    level. A verb listed at several levels is resolved by its object where the
    table has a rule, else left at the lower level.

    Issues (the fixed vocabulary :data:`lta_align.columns.OUTCOME_ISSUES`):

    * ``not measurable``: a verb a reviewer cannot observe (understand, know,
      learn, appreciate, be aware of, be familiar with, grasp, ...);
    * ``no action verb``: the outcome opens with a noun phrase ("Knowledge of
      MARC records");
    * ``compound``: separately assessable actions in one outcome: three or
      more actions each with its own object, or two that join a lower-order
      (remember, understand, apply) and a higher-order (analyze, evaluate,
      create) action ("Describe X and evaluate Y"), which one assessment
      cannot show together. A list of objects ("catalog books and serials")
      and a series of verbs sharing one object ("plan, publicize and present
      programs") are one action;
    * ``too long``: more words than the table's ``too_long_words`` (40);
    * ``duplicate``: the same outcome (normalised, lead-in removed) in two or
      more courses;
    * ``below course level``: where the course's place in the program says
      what to expect (rules in the table: a practicum, internship or capstone
      course, or a course numbered 200 or above, expects ``apply`` or above),
      no action of the outcome reaches that level.

    Parameters
    ----------
    program : Program
        From :func:`lta_align.load_syllabi` (or an :class:`Alignment`, whose
        ``program`` is used).

    Returns
    -------
    pandas.DataFrame
        One row per outcome, sorted by ``course_id`` (syllabus order within a
        course): ``course_id, statement_id, text, verb`` (lower case; ``""``
        when there is none), ``bloom_level`` (one of
        :data:`~lta_align.columns.BLOOM_LEVELS`, ``""`` for a verb that is not
        measurable or not in the table), ``issues`` (``"; "``-separated, empty
        when the outcome is fine), ``suggestion`` (a concrete rewrite or split
        for each issue, in the same order).

    Examples
    --------
    >>> import lta_align as la
    >>> audit = la.audit_outcomes(la.load_syllabi("data/syllabi"))  # doctest: +SKIP
    >>> audit[audit["issues"] != ""]                               # doctest: +SKIP
    """
    program = getattr(program, "program", program)
    table = verb_table()
    stmts = program.statements
    outcomes = stmts[stmts["kind"] == "outcome"].drop_duplicates("statement_id")
    outcomes = outcomes.sort_values("course_id", kind="stable")
    courses = program.courses.drop_duplicates("course_id").set_index("course_id")
    codes = {cid: str(courses.at[cid, "course_code"]) for cid in courses.index}
    rows = []
    for r in outcomes.itertuples():
        cid = str(r.course_id)
        code = codes.get(cid, cid)
        title = str(courses.at[cid, "course_title"]) if cid in courses.index else ""
        reading = read_outcome(str(r.text))
        min_level, label = course_min_level(code, title)
        label = f"{code}, {label}" if label else label
        rows.append(
            {
                "course_id": cid,
                "statement_id": str(r.statement_id),
                "text": str(r.text),
                "verb": reading.verb,
                "bloom_level": reading.bloom_level,
                "_found": _issues(reading, table, min_level, label),
                "_key": normalise(reading.body),
            }
        )
    by_key: dict[str, list[str]] = {}
    for row in rows:
        by_key.setdefault(row["_key"], [])
        if row["course_id"] not in by_key[row["_key"]]:
            by_key[row["_key"]].append(row["course_id"])
    for row in rows:
        others = [c for c in by_key[row["_key"]] if c != row["course_id"]]
        if row["_key"] and others:
            names = ", ".join(codes.get(c, c) for c in others)
            row["_found"].append(
                (
                    DUPLICATE,
                    f"The same outcome is in {names}: keep it in the course that "
                    "teaches and assesses it, and reword the other to what is "
                    "taught there (introduced, reinforced or mastered).",
                )
            )
    order = {issue: i for i, issue in enumerate(OUTCOME_ISSUES)}
    for row in rows:
        found = sorted(row.pop("_found"), key=lambda f: order[f[0]])
        row.pop("_key")
        row["issues"] = "; ".join(f[0] for f in found)
        row["suggestion"] = " ".join(
            s if s.endswith((".", "'")) else s + "." for _, s in found
        )
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def audit_summary(audit: pd.DataFrame, courses: pd.DataFrame) -> pd.DataFrame:
    """Count outcomes, flagged outcomes and each issue per course.

    Returns
    -------
    pandas.DataFrame
        ``course_id, course_code, outcomes, flagged`` and one column per value
        of :data:`~lta_align.columns.OUTCOME_ISSUES`, one row per course with
        outcomes, in ``course_id`` order.
    """
    codes = dict(
        zip(
            courses["course_id"].astype(str),
            courses["course_code"].astype(str),
            strict=False,
        )
    )
    # one pass over the outcomes (a groupby with a map per issue and course
    # cost seconds for a thousand courses)
    counts: dict[Any, dict[str, int]] = {}
    for cid, text in zip(audit["course_id"], audit["issues"], strict=True):
        c = counts.get(cid)
        if c is None:
            c = counts[cid] = {"outcomes": 0, "flagged": 0}
            c.update(dict.fromkeys(OUTCOME_ISSUES, 0))
        c["outcomes"] += 1
        if text != "":
            c["flagged"] += 1
        found = set(text.split("; ")) if text else set()
        for i in OUTCOME_ISSUES:
            if i in found:
                c[i] += 1
    rows = [
        {"course_id": cid, "course_code": codes.get(cid, cid), **counts[cid]}
        for cid in sorted(counts)
    ]
    return pd.DataFrame(rows, columns=AUDIT_SUMMARY_COLUMNS)
