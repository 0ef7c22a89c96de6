"""Shared pieces of the gap report: column lists, small helpers and lookups.

Used by the builders in :mod:`._course`,
:mod:`._program` and :mod:`._gaps`;
:mod:`lta_align.reports` re-exports the column lists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..columns import COVERED, NOT_COVERED, REVIEWED_DECISIONS, STATUS_RANK
from ..coverage import evidence_status, evidence_weight

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment

STATUS_ORDER = STATUS_RANK  # the public name of reports.STATUS_ORDER
PROGRAM_STATUSES = ("single course", "across courses", "partial", "absent")
"""``program_sets.status``: one course covers the set in full, only several
together do, some competencies are covered, none is."""
SINGLE_COURSE, ACROSS_COURSES, SOME_COVERED, ABSENT = PROGRAM_STATUSES
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
    "draft_outcome",
    "assessment_idea",
]
"""``draft_outcome``: a measurable outcome drafted for the home course, for
faculty to edit (``reports._drafts``; for a competency known only in part, a
note that its wording is unknown instead); ``assessment_idea``: a graded task
that would show it."""
GAP_ACTIONS = ("strengthen", "add", "new", "unknown")
"""``gaps.action``: strengthen a near miss of the home course; add an outcome
and an assessment to the home course; no home course: a new unit or course;
``unknown``: a placeholder competency whose wording the framework does not know
(never work to do)."""
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

    >>> is_generic_name("input_files"), is_generic_name("LTA syllabi")
    (True, False)
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

    Examples
    --------
    >>> program_title("Riverbend LTA", ["LTA 101", "LTA 190"])
    'Riverbend LTA'
    >>> program_title("syllabi", ["LTA 101", "LTA 130", "LTA 190"])
    'LTA program: 3 courses (LTA 101–LTA 190)'
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


def as_bool(value: Any) -> bool:
    """Read a flag that may arrive as bool, number, NaN or text.

    >>> [as_bool(v) for v in (True, 1, 0.0, float("nan"), "yes", "no", None)]
    [True, True, False, False, True, False, False]
    """
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    try:
        return bool(value) and not pd.isna(value)
    except (TypeError, ValueError):
        return bool(value)


def short(text: str, limit: int = 90) -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, with "…".

    A single word longer than the limit is cut where it must be.

    >>> short("Catalog print books using RDA", 12)
    'Catalog…'
    """
    text = str(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def missing_text(rows: pd.DataFrame) -> str:
    """``#n text; #m text`` for competency rows (``number``, ``competency``)."""
    return "; ".join(f"#{r.number} {r.competency}" for r in rows.itertuples())


def numbers(values: Any) -> str:
    """``#1, #2, #5`` for competency numbers.

    >>> numbers(["1", "2", "5"])
    '#1, #2, #5'
    """
    return ", ".join(f"#{n}" for n in values)


class Ctx:
    """Lookups shared by the builders of one report (dicts: the builders ask
    for one pair at a time, thousands of times)."""

    def __init__(self, alignment: Alignment) -> None:
        self.fw = alignment.framework
        self.program = alignment.program
        comps = self.fw.competencies.copy()
        comps["number"] = comps["number"].astype(str)
        self.comps = comps
        # placeholders: competencies the framework knows only in part
        self.partial_ids = frozenset(
            comps.loc[comps["partial"].astype(bool), "competency_id"]
        )
        self.sets = self.fw.sets
        self._sets_by_id = self.sets.set_index("set_id")
        self._set_names = dict(
            zip(self.sets["set_id"], self.sets["set_name"].astype(str), strict=True)
        )
        self._provisional = {
            s: self.fw.provisional_note(s) for s in self.sets["set_id"]
        }
        stmts = self.program.statements.drop_duplicates("statement_id")
        self._evidence = {
            sid: (str(text), str(kind), str(loc))
            for sid, text, kind, loc in zip(
                stmts["statement_id"],
                stmts["text"],
                stmts["kind"],
                stmts["location"],
                strict=True,
            )
        }
        courses = alignment.courses.copy()
        for c in ("primary_set_id", "primary_set_name"):
            courses[c] = courses[c].fillna("").astype(str)
        # a general course (a practicum) names the set it leans to, but is
        # checked against no set: it is nobody's home course
        courses["general"] = courses["general"].fillna(False).astype(bool) | courses[
            "primary_set_id"
        ].eq("")
        courses["home_set_id"] = courses["primary_set_id"].where(
            ~courses["general"], ""
        )
        self.courses = courses.sort_values("course_id", kind="stable")
        self.code = dict(
            zip(self.courses["course_id"], self.courses["course_code"], strict=True)
        )
        self.title = dict(
            zip(self.courses["course_id"], self.courses["course_title"], strict=True)
        )
        cov = alignment.coverage.copy()
        cov["level"] = cov["level"].fillna("").astype(str)
        cov["reviewed"] = cov["reviewed"].map(as_bool)
        cov["evidence_statement_id"] = (
            cov["evidence_statement_id"].fillna("").astype(str)
        )
        self.cov = cov
        # (course id, competency id) -> its coverage row (the first, if repeated)
        first = cov.drop_duplicates(["course_id", "competency_id"])
        self._cov_rows = {
            (row["course_id"], row["competency_id"]): row
            for row in first.to_dict("records")
        }
        # competency id -> ids of the courses that cover it, sorted
        covered = cov[cov["status"] == COVERED]
        self.covered_courses: dict[str, list[str]] = {
            comp: sorted(set(courses))
            for comp, courses in covered.groupby("competency_id", sort=False)[
                "course_id"
            ]
        }
        m = alignment.matches.copy()
        m["decision"] = m["decision"].fillna("").astype(str)
        # a candidate under the no-match floor is no evidence and no near miss
        # (a 0.03 "closest statement" is noise to a committee); reviewed pairs stay
        below = m["below_floor"].fillna(False).astype(bool)
        self.matches = m[~below | m["decision"].isin(REVIEWED_DECISIONS)]
        self.course_sets = alignment.course_sets
        self.config = alignment.config
        self._weights: dict[str, float] = {}

    def status(self, course_id: str, comp_id: str) -> dict[str, Any] | None:
        """The coverage row of (course, competency), None when not covered."""
        return self._cov_rows.get((course_id, comp_id))

    def strength(self, kind: str, score: float) -> str:
        """How strong one statement is as evidence on its own.

        The coverage rule (:func:`lta_align.coverage.evidence_status`) applied
        to the kind-weighted score: ``covered`` or ``partial``, else ``weak``.
        """
        kind = str(kind)
        if kind not in self._weights:
            weight = evidence_weight(pd.Series([kind]), self.config).iloc[0]
            self._weights[kind] = float(weight)
        (status,) = evidence_status([float(score) * self._weights[kind]], self.config)
        return "weak" if status == NOT_COVERED else str(status)

    def evidence(self, sid: str) -> tuple[str, str, str]:
        """(text, kind, location) of a statement, empty strings if unknown."""
        return self._evidence.get(sid, ("", "", ""))

    def set_name(self, set_id: str) -> str:
        """The display name of a set (its id when unknown)."""
        return self._set_names.get(set_id, set_id)

    def provisional(self, set_id: str) -> str:
        """The framework's caveat for a verdict on ``set_id`` ("" if none)."""
        return self._provisional.get(set_id, "")

    def set_info(self, set_id: str) -> pd.Series:
        return self._sets_by_id.loc[set_id]
