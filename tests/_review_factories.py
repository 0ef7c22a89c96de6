"""Hand-made programs and alignments for the review tests.

A two-course program (cataloging and foundations) with an engine-style matches
table, built per the contract in the notes so the review model can be tested
without the import and matching engines; the summary tables are computed by
:func:`lta_align.coverage.summarise`, as ``align`` does, so the result is a real
:class:`lta_align.Alignment`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd

import lta_align as la
from lta_align import Alignment, MatchConfig
from lta_align.columns import MATCH_COLUMNS, STATEMENT_COLUMNS
from lta_align.coverage import summarise
from lta_align.model import Framework, Program, problems_frame
from lta_align.text import statement_id

STATEMENTS = [
    # course, kind, text
    ("LTA130", "outcome", "Catalog print books using RDA and MARC 21 records."),
    ("LTA130", "outcome", "Assign Dewey Decimal call numbers to nonfiction titles."),
    ("LTA130", "topic", "Copy cataloging from OCLC WorldCat."),
    ("LTA130", "reading", "Chapter 4: authority control."),
    ("LTA101", "outcome", "Explain the mission of libraries in their communities."),
    ("LTA101", "outcome", "Describe the Library Bill of Rights and patron privacy."),
    ("LTA101", "topic", "Careers for library support staff."),
]

# (statement index, competency_id, score, rank, ambiguous)
MATCHES = [
    (0, "cataloging_classification.3", 0.82, 1, False),
    (0, "cataloging_classification.2", 0.55, 2, False),
    (1, "cataloging_classification.4", 0.74, 1, True),
    (1, "cataloging_classification.5", 0.71, 2, True),
    (2, "cataloging_classification.6", 0.48, 1, False),
    (4, "foundations.1", 0.77, 1, False),
    (5, "foundations.2", 0.81, 1, False),
    (6, "foundations.3", 0.63, 1, False),
]


def framework() -> Framework:
    return la.load_framework("lssc")


def make_program(statements=STATEMENTS) -> Program:
    courses = pd.DataFrame(
        {
            "course_id": ["LTA101", "LTA130"],
            "course_code": ["LTA 101", "LTA 130"],
            "course_title": ["Introduction to Libraries", "Cataloging"],
            "source": ["LTA101.md", "LTA130.md"],
        }
    )
    rows = []
    for n, (course, kind, text) in enumerate(statements):
        rows.append(
            {
                "course_id": course,
                "statement_id": statement_id(course, text),
                "kind": kind,
                "text": text,
                "source": f"{course}.md",
                "location": f"line {n + 1}",
            }
        )
    stmts = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    return Program(courses, stmts, problems_frame([]), name="hand-made")


def make_matches(program: Program, fw, matches=MATCHES) -> pd.DataFrame:
    stmts = program.statements
    set_of = dict(
        zip(fw.competencies["competency_id"], fw.competencies["set_id"], strict=True)
    )
    rows = []
    for idx, cid, score, rank, amb in matches:
        st = stmts.iloc[idx]
        rows.append(
            {
                "course_id": st["course_id"],
                "statement_id": st["statement_id"],
                "competency_id": cid,
                "set_id": set_of[cid],
                "score": score,
                "rank": rank,
                "ambiguous": amb,
                "kind": st["kind"],
            }
        )
    df = pd.DataFrame(rows, columns=[*MATCH_COLUMNS, "kind"])
    # engine rows, as align() returns them: no decision, level or note yet
    df = df.assign(decision="", level="", note="", no_match=False, learned_from="")
    df["below_floor"] = df["score"] < MatchConfig().match_threshold
    return df.astype({"score": "float64", "rank": "int64", "ambiguous": "bool"})


def make_alignment(
    program: Program | None = None, fw: Framework | None = None
) -> Alignment:
    """Return an Alignment of the hand-made program (engine matches only)."""
    fw = fw or framework()
    program = program or make_program()
    config = MatchConfig()
    matches = make_matches(program, fw)
    # keep only matches whose statement is still in the program (edited syllabus)
    matches = matches[matches["statement_id"].isin(program.statements["statement_id"])]
    coverage, course_sets, courses = summarise(matches, program, fw, config)
    return Alignment(
        program=program,
        framework=fw,
        method="tfidf",
        config=config,
        matches=matches.reset_index(drop=True),
        coverage=coverage,
        course_sets=course_sets,
        courses=courses,
        unmatched=pd.DataFrame(
            columns=["course_id", "statement_id", "kind", "text", "best_score"]
        ),
    )


def sid(index: int, statements=STATEMENTS) -> str:
    """Return the statement id of the hand-made statement ``index``."""
    course, _, text = statements[index]
    return statement_id(course, text)


class TickingClock:
    """A clock for DecisionStore that advances one second per call."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now
