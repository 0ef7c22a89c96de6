"""Property tests: any text or bytes give a clean Program or a readable problem."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lta_align as la
from lta_align.columns import STATEMENT_KINDS
from lta_align.errors import InputFileError
from lta_align.ingest._statements import clean_statement, split_lines

LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "# LTA 101 Intro",
                "## Learning Outcomes",
                "COURSE OBJECTIVES",
                "Course: LTA 120 Reference",
                "Students will be able to:",
                "- Explain library values.",
                "1. Apply MARC records",
                "Week 3: MARC",
                "| Week | Topic |",
                "|---|---|",
                "| 1 | Cataloging |",
                "Grading Scale:",
                "Midterm exam ........ 25%",
                "",
                "   ",
                "<h2>Assessment</h2>",
                "<li>Final exam (20%)</li>",
                "Attendance: required.",
                "---",
            ]
        ),
        st.text(max_size=60),
    ),
    max_size=30,
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _check(program) -> None:
    statements = program.statements
    assert set(statements["kind"]) <= set(STATEMENT_KINDS)
    assert statements["statement_id"].is_unique
    assert (statements["text"].str.strip() == statements["text"]).all()
    assert (statements["text"].str.len() > 0).all()
    assert set(statements["course_id"]) <= set(program.courses["course_id"])
    assert set(program.problems["severity"]) <= {"error", "warning", "info"}


@SETTINGS
@given(lines=LINES, suffix=st.sampled_from([".md", ".txt", ".html", ".csv"]))
def test_any_text_file_gives_valid_statements_or_a_problem(lines, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"LTA101{suffix}"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        program = la.load_syllabi(path)
        _check(program)
        if program.courses.empty:
            assert len(program.problems) >= 1


@SETTINGS
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".md", ".txt", ".html", ".docx", ".pdf", ".xlsx", ".csv"]),
)
def test_random_bytes_raise_only_input_file_errors_in_strict_mode(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"LTA101{suffix}"
        path.write_bytes(data)
        try:
            program = la.load_syllabi(path, strict=True)
        except InputFileError as exc:
            assert "LTA101" in str(exc)
        else:
            _check(program)


@SETTINGS
@given(text=st.text(max_size=200))
def test_split_lines_keeps_every_word(text):
    pieces = split_lines(text)
    assert " ".join(pieces).split() == text.split()


@SETTINGS
@given(kind=st.sampled_from(STATEMENT_KINDS), text=st.text(max_size=120))
def test_clean_statement_is_idempotent(kind, text):
    once = clean_statement(kind, text)
    if once:
        assert clean_statement(kind, once) == once
