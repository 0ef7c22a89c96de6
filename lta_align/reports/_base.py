"""Shared pieces of the gap report: column lists, small helpers and lookups.

Used by the builders in :mod:`._course`,
:mod:`._program` and :mod:`._gaps`;
:mod:`lta_align.reports` re-exports the column lists.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

STATUS_ORDER = {"covered": 0, "partial": 1, "not covered": 2}
PROGRAM_STATUSES = ("single course", "across courses", "partial", "absent")
N_NEAR_MISSES = 3
PROVISIONAL_MARKER = "provisional*"
"""Short marker printed beside a verdict on a set known only in part; the full
note (``GapReport.provisional_footnote``) is printed once below the table."""

COURSE_VERDICT_COLUMNS = [
    "course_id",
    "course_code",
    "course_title",
    "set_id",
    "set_name",
    "required",
    "role",
    "covered",
    "partial",
    "total",
    "complete",
    "verdict",
    "missing",
    "reviewed",
    "provisional_note",
]
COURSE_DETAIL_COLUMNS = [
    "course_id",
    "course_code",
    "set_id",
    "competency_id",
    "number",
    "competency",
    "status",
    "score",
    "level",
    "reviewed",
    "evidence_statement_id",
    "evidence",
    "evidence_kind",
    "evidence_location",
]
PROGRAM_SET_COLUMNS = [
    "set_id",
    "set_name",
    "required",
    "total",
    "covered",
    "status",
    "complete",
    "single_courses",
    "covering",
    "missing",
    "verdict",
    "reviewed",
    "provisional_note",
    "suggestion",
]
PROGRAM_COMPETENCY_COLUMNS = [
    "set_id",
    "competency_id",
    "number",
    "competency",
    "status",
    "covered_by",
    "best_course_id",
    "best_score",
    "reviewed",
]
PATH_COLUMNS = [
    "set_id",
    "set_name",
    "required",
    "complete",
    "single_course",
    "counts",
    "missing_count",
    "in_plan",
    "provisional_note",
]
GAP_COLUMNS = [
    "scope",
    "set_id",
    "set_name",
    "competency_id",
    "number",
    "competency",
    "best_status",
    "home_course_id",
    "home_course_code",
    "near_misses",
    "suggestion",
    "in_plan",
    "provisional_note",
    "action",
]
GAP_ACTIONS = ("strengthen", "add", "new")
"""``gaps.action``: strengthen a near miss of the home course; add an outcome
and an assessment to the home course; no home course: a new unit or course."""
NEAR_MISS_COLUMNS = [
    "scope",
    "set_id",
    "competency_id",
    "course_id",
    "course_code",
    "statement_id",
    "kind",
    "text",
    "location",
    "score",
    "status",
    "strength",
]

# folder names that say nothing about the program: the report is titled from
# its courses instead
GENERIC_NAMES = frozenset(
    {
        "",
        "syllabi",
        "syllabus",
        "syllabuses",
        "data",
        "input",
        "inputs",
        "course",
        "courses",
        "file",
        "files",
        "doc",
        "docs",
        "document",
        "documents",
        "outline",
        "outlines",
        "program",
        "programs",
        "sample",
        "samples",
        "example",
        "examples",
        "test",
        "tmp",
        "temp",
        "new",
        "old",
        "download",
        "downloads",
        "desktop",
        "upload",
        "uploads",
    }
)


def is_generic_name(name: str) -> bool:
    """Return True when a program name is empty or made of generic folder words.

    ``syllabi``, ``Data``, ``input_files`` and ``syllabi-2024`` are generic;
    ``Riverbend LTA`` and ``LTA syllabi`` are not.
    """
    words = re.findall(r"[a-z]+", str(name or "").casefold())
    return all(w in GENERIC_NAMES for w in words)  # also True for no words


def program_title(name: str, course_codes: list[str]) -> str:
    """Return the title of a program's report.

    A real program name is kept. An empty or generic folder name
    (``syllabi``, ``data``, ``input``, ``courses``, ...) is replaced by a
    title built from the courses: ``"LTA program: 10 courses (LTA 101–LTA 190)"``
    (the common letter prefix of the course codes, their number and range).

    Parameters
    ----------
    name : str
        The program name (for ``load_syllabi``: the input folder's name).
    course_codes : list of str
        The course codes, in the order to show (first and last give the range).

    Returns
    -------
    str
    """
    name = str(name or "").strip()
    if not is_generic_name(name):
        return name
    codes = [str(c).strip() for c in course_codes if str(c).strip()]
    if not codes:
        return "Program"
    prefixes = {re.match(r"[A-Za-z]*", c).group(0).upper() for c in codes}
    prefix = prefixes.pop() if len(prefixes) == 1 else ""
    label = f"{prefix} program" if prefix else "Program"
    n = len(codes)
    span = codes[0] if n == 1 else f"{codes[0]}\u2013{codes[-1]}"
    return f"{label}: {n} course{'s' if n != 1 else ''} ({span})"


def provisional_footnote(set_names: list[str], framework_name: str) -> str:
    """The one note printed below a table whose verdicts carry the marker."""
    if not set_names:
        return ""
    names = (
        set_names[0]
        if len(set_names) == 1
        else ", ".join(set_names[:-1]) + " and " + set_names[-1]
    )
    verb = "is" if len(set_names) == 1 else "are"
    return (
        f"* Provisional: {names} {verb} known only in part in {framework_name}; "
        f"verdicts on {'it' if len(set_names) == 1 else 'them'} may change when "
        "the official list of competencies is loaded (load_framework(path) / "
        "--framework PATH)."
    )


def col(df: pd.DataFrame, name: str, default: Any) -> pd.Series:
    """``df[name]``, or a column of ``default`` when ``df`` has none."""
    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index)


def as_bool(value: Any) -> bool:
    """Read a flag that may arrive as bool, number, NaN or text."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    try:
        return bool(value) and not pd.isna(value)
    except (TypeError, ValueError):
        return bool(value)


def short(text: str, limit: int = 90) -> str:
    """Cut ``text`` to ``limit`` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def missing_text(rows: pd.DataFrame) -> str:
    """``#n text; #m text`` for competency rows."""
    return "; ".join(f"#{r.number} {r.competency}" for r in rows.itertuples())


def numbers(values: Any) -> str:
    """``#1, #2, #5`` for competency numbers."""
    return ", ".join(f"#{n}" for n in values)


class Ctx:
    """Lookups shared by the builders of one report."""

    def __init__(self, alignment: Any) -> None:
        self.fw = alignment.framework
        self.program = alignment.program
        comps = self.fw.competencies.copy()
        comps["number"] = comps["number"].astype(str)
        self.comps = comps
        self.sets = self.fw.sets
        self._sets_by_id = self.sets.set_index("set_id")
        stmts = self.program.statements
        self.stmt = stmts.drop_duplicates("statement_id").set_index("statement_id")
        courses = alignment.courses.copy()
        for c in ("primary_set_id", "primary_set_name"):
            courses[c] = col(courses, c, "").fillna("").astype(str)
        self.courses = courses.sort_values("course_id", kind="stable")
        self.code = dict(
            zip(self.courses["course_id"], self.courses["course_code"], strict=True)
        )
        self.title = dict(
            zip(self.courses["course_id"], self.courses["course_title"], strict=True)
        )
        cov = alignment.coverage.copy()
        cov["level"] = col(cov, "level", "").fillna("").astype(str)
        cov["reviewed"] = col(cov, "reviewed", False).map(as_bool)
        cov["evidence_statement_id"] = (
            cov["evidence_statement_id"].fillna("").astype(str)
        )
        self.cov = cov
        self.cov_idx = cov.set_index(["course_id", "competency_id"])
        m = alignment.matches.copy()
        m["decision"] = col(m, "decision", "").fillna("").astype(str)
        self.matches = m
        self.course_sets = alignment.course_sets
        config = getattr(alignment, "config", None)
        if config is None:
            from ..match import MatchConfig

            config = MatchConfig()
        self.covered_threshold = float(config.covered_threshold)
        self.partial_threshold = float(config.partial_threshold)
        self.kind_weights = dict(config.kind_weights)

    def status(self, course_id: str, comp_id: str) -> pd.Series | None:
        """The coverage row of (course, competency), None when not covered."""
        try:
            row = self.cov_idx.loc[(course_id, comp_id)]
        except KeyError:
            return None
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        return row

    def strength(self, kind: str, score: float) -> str:
        """How strong one statement is as evidence on its own.

        ``covered`` / ``partial`` with the alignment's thresholds applied to
        the kind-weighted score (as :mod:`lta_align.coverage` does), else
        ``weak``.
        """
        evidence = float(score) * self.kind_weights.get(str(kind), 0.5)
        if evidence >= self.covered_threshold:
            return "covered"
        if evidence >= self.partial_threshold:
            return "partial"
        return "weak"

    def evidence(self, sid: str) -> tuple[str, str, str]:
        """(text, kind, location) of a statement, empty strings if unknown."""
        if not sid or sid not in self.stmt.index:
            return "", "", ""
        r = self.stmt.loc[sid]
        return str(r["text"]), str(r["kind"]), str(r["location"])

    def provisional(self, set_id: str) -> str:
        return self.fw.provisional_note(set_id)

    def set_info(self, set_id: str) -> pd.Series:
        return self._sets_by_id.loc[set_id]
