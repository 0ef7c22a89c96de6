"""Outcome sheets: read whole, every non-empty row a statement or a named problem."""

from __future__ import annotations

import openpyxl

import lta_align as la
from lta_align.ingest import Limits


def _xlsx(path, rows, *, title="Outcomes"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_sheet_with_title_block_and_slo_number_column_reads_the_statements(tmp_path):
    path = _xlsx(
        tmp_path / "outcomes.xlsx",
        [
            ["Riverbend Community College"],
            ["Library Technical Assistant - Course Outcomes 2026"],
            [],
            ["Course", "Course Title", "SLO #", "Student Learning Outcome"],
            ["LTA 101", "Intro", 1, "Explain the mission of libraries."],
            ["LTA 101", "Intro", 2, "Describe types of libraries."],
            ["LTA 120", "Reference", 1, "Conduct a reference interview."],
        ],
    )
    program = la.load_syllabi(path)
    assert program.statements.text.tolist() == [
        "Explain the mission of libraries.",
        "Describe types of libraries.",
        "Conduct a reference interview.",
    ]
    assert program.courses.n_outcomes.tolist() == [2, 1]
    assert program.problems.empty


def test_every_non_empty_row_is_a_statement_or_named_in_a_problem(tmp_path):
    path = _xlsx(
        tmp_path / "outcomes.xlsx",
        [
            ["course_code", "course_title", "kind", "text"],
            ["LTA 101", "Intro", "outcome", "Explain the mission of libraries."],
            ["LTA 101", "Intro", "outcome", ""],
            ["", "", "outcome", "Describe types of libraries."],
            ["LTA 101", "Intro", "outcome", "12.5 %"],
            [],
            ["LTA 101", "Intro", "outcome", "Use the ILS."],
        ],
    )
    program = la.load_syllabi(path)
    # row 4 has no course code: read as the course above it, and said so
    assert len(program.statements) == 3
    reasons = " ".join(program.problems.reason)
    assert "row 4 has no course code and was read as the course named above" in reasons
    for row in (3, 4, 5):
        assert f"row {row} " in reasons
    assert "row 6" not in reasons  # blank rows are not content


def test_a_sheet_is_never_cut_by_the_text_limit(tmp_path):
    rows = [["course_code", "text"]] + [
        ["LTA 101", f"Explain library procedure number {i} to patrons."]
        for i in range(2_000)
    ]
    path = _xlsx(tmp_path / "outcomes.xlsx", rows)
    program = la.load_syllabi(path, limits=Limits(max_text_chars=10_000))
    assert len(program.statements) == 2_000
    assert program.problems.empty


def test_csv_of_100000_rows_is_read_whole(tmp_path):
    path = tmp_path / "outcomes.csv"
    lines = ["course_code,text"] + [
        f"LTA {100 + i % 40},Explain procedure {i} of the circulation desk to a patron."
        for i in range(100_000)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = la.load_syllabi(path)
    assert len(program.statements) == 100_000
    assert program.problems.empty


def test_repeated_rows_of_a_course_are_read_once_and_named(tmp_path):
    path = _xlsx(
        tmp_path / "outcomes.xlsx",
        [
            ["course_code", "text"],
            ["LTA 101", "Explain the mission of libraries."],
            ["LTA 101", "Explain the mission of libraries."],
            ["LTA 120", "Explain the mission of libraries."],
        ],
    )
    program = la.load_syllabi(path)
    assert len(program.statements) == 2
    (reason,) = program.problems.reason
    assert "row 3 repeats a statement" in reason


def test_workbook_both_libraries_refuse_is_read_from_its_xml(tmp_path):
    """Cell references like r="0" (written by some report generators) stop
    calamine and openpyxl; the last-resort reader takes cells in order."""
    import io
    import re
    import zipfile

    source = _xlsx(
        tmp_path / "source.xlsx",
        [
            ["Outcomes report"],
            ["course_code", "course_title", "text"],
            ["LTA 101", "Intro", "Explain the mission of libraries."],
            ["LTA 101", "Intro", "Describe types of libraries."],
        ],
    )
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            body = src.read(name)
            if name.startswith("xl/worksheets/"):
                body = re.sub(rb' r="[A-Z]+(\d+)"', rb' r="0"', body)
            dst.writestr(name, body)
    path = tmp_path / "outcomes.xlsx"
    path.write_bytes(out.getvalue())
    program = la.load_syllabi(path, strict=True)
    assert program.statements.text.tolist() == [
        "Explain the mission of libraries.",
        "Describe types of libraries.",
    ]
