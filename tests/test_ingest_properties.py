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


def _package(suffix: str) -> bytes:
    import io

    if suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_heading("LTA 101 Intro", 1)
        document.add_heading("Learning Outcomes", 2)
        document.add_paragraph("Explain library values.", style="List Bullet")
        table = document.add_table(rows=2, cols=2)
        table.rows[0].cells[0].text = "Outcome"
        table.rows[0].cells[1].text = "Assessment"
        buf = io.BytesIO()
        document.save(buf)
        return buf.getvalue()
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["course_code", "text"])
    wb.active.append(["LTA 101", "Explain library values."])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_PACKAGES = {suffix: _package(suffix) for suffix in (".docx", ".xlsx")}


@SETTINGS
@given(
    suffix=st.sampled_from(sorted(_PACKAGES)),
    member=st.integers(min_value=0, max_value=30),
    where=st.floats(min_value=0, max_value=1),
    junk=st.binary(min_size=1, max_size=40),
)
def test_damaged_xml_inside_a_word_or_excel_package_is_an_input_file_error(
    suffix, member, where, junk
):
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(_PACKAGES[suffix]))
    names = [n for n in src.namelist() if n.endswith((".xml", ".rels"))]
    victim = names[member % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            body = src.read(name)
            if name == victim:
                i = int(where * len(body))
                body = body[:i] + junk + body[i:]
            dst.writestr(name, body)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"LTA101{suffix}"
        path.write_bytes(out.getvalue())
        try:
            program = la.load_syllabi(path, strict=True)
        except InputFileError as exc:
            assert "LTA101" in str(exc)
        else:
            _check(program)
