"""The approval course map in the evidence pack: separate content, readings,
assignments and assessments columns, drafts for the gaps, instructor
qualifications and the approval facts with their sources."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

import lta_align as la
from lta_align.columns import EVIDENCE_COLUMNS
from lta_align.evidence import evidence_pack, evidence_table
from lta_align.evidence._files import MAP_HEADERS, approval_facts, is_assessment
from lta_align.reports._drafts import DRAFT_LABEL

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "syllabi"
MAP_COLUMNS = ["content", "readings", "assignments", "assessments"]


@pytest.fixture(scope="module")
def alignment():
    return la.align(la.load_syllabi(SAMPLE), la.load_framework("lssc"), method="tfidf")


@pytest.fixture(scope="module")
def table(alignment):
    return evidence_table(alignment, "LTA 140", "collection_management")


@pytest.fixture(scope="module")
def pack(alignment, tmp_path_factory):
    out = tmp_path_factory.mktemp("map")
    return evidence_pack(alignment, "LTA 140", "collection_management", out)


def test_evidence_table_has_separate_map_columns(table, alignment):
    assert list(table.columns) == EVIDENCE_COLUMNS
    assert len(table) == 10
    for col in ("content", "readings", "assignments"):
        assert table[col].str.len().sum() > 0, col
    access = evidence_table(alignment, "LTA 150", "access_services")
    for col in MAP_COLUMNS:
        assert access[col].str.len().sum() > 0, col
    assert (
        "Shelving and shelf reading test"
        in access.set_index("number").at["11", "assessments"]
    )


def test_each_map_column_holds_only_its_kind_with_locations(table):
    def lines(col):
        return [x for cell in table[col] for x in cell.split("\n") if x]

    content = [x for x in lines("content") if x != "(weak matches only)"]
    assert all(x.startswith(("Outcome: ", "Topic: ")) for x in content)
    assert all(x.startswith("Reading: ") for x in lines("readings"))
    assert all(x.startswith("Assessment: ") for x in lines("assignments"))
    assert all(x.startswith("Assessment: ") for x in lines("assessments"))
    assert all(not is_assessment(x) for x in lines("assignments"))
    assert all(is_assessment(x) for x in lines("assessments"))
    # every line names its place in the syllabus
    for x in content + lines("readings") + lines("assignments"):
        assert x.endswith(")"), x


def test_assignments_and_assessments_are_told_apart():
    assert is_assessment("Final exam")
    assert is_assessment("Shelving and shelf reading test")
    assert is_assessment("Midterm practical exam")
    assert is_assessment("Site supervisor evaluation of the student")
    assert not is_assessment("Weeding project report from the Saturday workshop")
    assert not is_assessment("Reflective paper")


def test_uncovered_competency_gets_a_draft_in_the_map(table):
    row = table.set_index("number").loc["8"]
    assert row["status"] != "covered"
    assert row["draft_outcome"].startswith("Apply basic preservation")
    assert row["assessment_idea"]
    covered = table[table["status"] == "covered"]
    assert (covered["draft_outcome"] == "").all()


def test_docx_map_has_the_separate_columns_and_the_new_sections(pack, table):
    d = docx.Document(pack[0])
    header = [c.text for c in d.tables[0].rows[0].cells]
    assert header == MAP_HEADERS
    assert len(d.tables[0].rows) == 1 + len(table)
    text = "\n".join(p.text for p in d.paragraphs)
    assert "6. Instructor qualifications" in text
    assert "résumé" in text
    instructors = d.tables[1]
    assert instructors.rows[0].cells[0].text == "Instructor"
    assert len(instructors.rows) >= 2
    assert "7. LSSC course approval: facts and sources" in text
    assert "$100 per course" in text and "4 years" in text
    assert "Renewal costs $100" in text
    assert "Source: https://ala-apa.org/lssc/approved-courses/" in text
    assert "(not re-checked)" in text
    assert f"{DRAFT_LABEL}: Apply basic preservation" in text
    assert "Assessment idea: " in text
    # exams not tied to one topic are named, for the program to map
    assert "Course-wide assessments the syllabus does not tie to a topic" in text
    assert "Final exam" in text


def test_xlsx_map_has_the_separate_columns_and_the_new_sheets(pack, table):
    wb = openpyxl.load_workbook(pack[1])
    ws = wb["Evidence"]
    header = [c.value for c in ws[7]]
    assert header == [*MAP_HEADERS, "To do", DRAFT_LABEL, "Assessment idea"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(8, 8 + len(table))}
    r8 = rows["8"]
    assert ws.cell(row=r8, column=9).value.startswith("Apply basic preservation")
    readings = [ws.cell(row=r, column=4).value for r in rows.values()]
    assert any(v and v.startswith("Reading: ") for v in readings)
    ins = wb["Instructors"]
    assert ins.cell(row=1, column=1).value == "Instructor"
    facts = wb["Approval facts"]
    assert [c.value for c in facts[1]] == ["Fact", "Source", "Re-checked"]
    got = [
        (facts.cell(row=r, column=1).value, facts.cell(row=r, column=2).value)
        for r in range(2, 2 + len(approval_facts()))
    ]
    assert got == [(t, s) for t, s, _ in approval_facts()]
    assert any("$100" in t for t, _ in got)


def test_approval_facts_all_name_a_source():
    facts = approval_facts()
    assert len(facts) >= 5
    for text, source, _ in facts:
        assert text and source.startswith("http")
    joined = " ".join(t for t, _, _ in facts)
    assert "4 years" in joined and "Renewal" in joined and "$100" in joined
