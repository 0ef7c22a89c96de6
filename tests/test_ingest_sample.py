"""The bundled sample program and the blank outcome-sheet template load cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

import lta_align as la
from lta_align.columns import COURSE_COLUMNS, PROBLEM_COLUMNS, STATEMENT_COLUMNS
from lta_align.ingest import COURSE_EXTRA_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "syllabi"
TEMPLATE = ROOT / "templates" / "outcome_sheet_template.xlsx"


@pytest.fixture(scope="module")
def sample(sample_program):
    return sample_program  # read once per session (conftest.py)


def test_sample_program_loads_ten_courses_without_errors(sample):
    assert list(sample.courses.columns) == COURSE_COLUMNS + COURSE_EXTRA_COLUMNS
    assert list(sample.statements.columns) == STATEMENT_COLUMNS
    assert list(sample.problems.columns) == PROBLEM_COLUMNS
    assert len(sample.courses) == 10
    assert not (sample.problems["severity"] == "error").any(), sample.problems
    assert sample.courses["course_id"].tolist() == sorted(sample.courses["course_id"])


def test_sample_program_every_course_has_at_least_six_outcomes(sample):
    counts = sample.courses.set_index("course_id")["n_outcomes"]
    assert (counts >= 6).all(), counts
    # the numbers of outcomes written into each sample syllabus (data/README.md)
    assert counts.to_dict() == {
        "LTA101": 13,
        "LTA105": 9,
        "LTA110": 9,
        "LTA120": 9,
        "LTA130": 8,
        "LTA140": 10,
        "LTA150": 14,
        "LTA160": 11,
        "LTA170": 10,
        "LTA190": 7,
    }
    outcomes = sample.statements[sample.statements["kind"] == "outcome"]
    assert outcomes.groupby("course_id").size().to_dict() == counts.to_dict()


def test_sample_program_reads_lta130_outcomes_from_a_word_table(sample):
    st = sample.statements
    lta130 = st[(st["course_id"] == "LTA130") & (st["kind"] == "outcome")]
    assert len(lta130) >= 8
    assert lta130["location"].str.startswith("table").all()
    assert lta130["text"].str.contains("authority control").any()
    # the header row "# | Learning Outcome" is not an outcome
    assert not lta130["text"].str.fullmatch("Learning Outcome").any()


def test_sample_program_titles_and_codes_come_from_the_syllabi(sample):
    titles = sample.courses.set_index("course_id")["course_title"]
    assert titles["LTA101"] == "Introduction to Libraries and Library Services"
    assert titles["LTA120"] == "Reference and Information Services"
    # a PDF title wrapped over two lines is joined
    assert titles["LTA140"].endswith("Collection Management")
    assert titles["LTA150"] == "Access Services and Circulation"
    assert titles["LTA190"] == "Library Practicum"


def test_sample_program_drops_policy_boilerplate_and_counts_it(sample):
    text = " ".join(sample.statements["text"]).casefold()
    for phrase in (
        "academic integrity",
        "grading scale",
        "disability resource center",
        "office hours",
    ):
        assert phrase not in text
    syllabi = sample.courses[sample.courses["source_format"] != "xlsx"]
    assert (syllabi["dropped_boilerplate"] > 0).all()


def test_sample_program_reads_every_weighted_assessment(sample):
    st = sample.statements
    counts = st[st["kind"] == "assessment"].groupby("course_id").size().to_dict()
    # 6-7 per syllabus (data/README.md); the practicum sheet lists 5
    assert counts == {
        "LTA101": 7,
        "LTA105": 6,
        "LTA110": 6,
        "LTA120": 6,
        "LTA130": 6,
        "LTA140": 6,
        "LTA150": 7,
        "LTA160": 6,
        "LTA170": 6,
        "LTA190": 5,
    }
    lta140 = st[(st["course_id"] == "LTA140") & (st["kind"] == "assessment")]
    assert "Collection development policy analysis" in lta140["text"].tolist()


def test_sample_program_has_every_statement_kind_per_syllabus(sample):
    st = sample.statements
    kinds = st.groupby("course_id")["kind"].agg(set)
    for course_id, found in kinds.items():
        assert {"outcome", "topic", "assessment"} <= found, course_id
    kinds = {"description", "outcome", "topic", "assessment", "reading"}
    assert set(st["kind"]) <= kinds


def test_sample_program_keeps_method_of_instruction_as_course_metadata(sample):
    methods = sample.courses.set_index("course_id")["methods"]
    assert methods["LTA120"].startswith("Online lecture")
    assert (
        not sample.statements["text"]
        .str.startswith("Online lecture, discussion boards")
        .any()
    )


def test_outcome_sheet_template_loads_with_no_courses_and_no_errors():
    assert TEMPLATE.exists()
    program = la.load_syllabi(TEMPLATE)
    assert len(program.courses) == 0
    assert len(program.statements) == 0
    assert not (program.problems["severity"] == "error").any(), program.problems
