"""Outcome sheets (CSV / XLSX): header variants, title rows, kinds, sheets, merges."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import lta_align as la

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.mark.parametrize(
    "course",
    [
        "Course",
        "Course Code",
        "course_code",
        "Course Number",
        "Course ID",
        "Course #",
        "COURSE  NO.",
    ],
)
@pytest.mark.parametrize(
    "text",
    [
        "Learning Outcome",
        "Outcome",
        "SLO",
        "Student Learning Outcome",
        "Objective",
        "Statement",
        "Text",
        "Description",
        "learning-outcomes",
    ],
)
def test_sheet_header_variants_are_recognised(write_file, course, text):
    path = write_file(
        "outcomes.csv",
        f'"{course}","Course Title","{text}"\nLTA 101,Intro,Explain library values.\n',
    )
    program = la.load_syllabi(path)
    assert program.statements["text"].tolist() == ["Explain library values."]
    assert program.statements["kind"].tolist() == ["outcome"]
    assert program.courses["course_title"].tolist() == ["Intro"]
    assert program.problems.empty


@pytest.mark.parametrize(
    "title", ["Title", "Course Title", "Course Name", "course_title"]
)
@pytest.mark.parametrize("kind", ["Type", "Kind", "Category"])
def test_sheet_title_and_kind_header_variants(write_file, title, kind):
    path = write_file(
        "outcomes.csv",
        f"Course,{title},Outcome,{kind}\nLTA 120,Reference,Conduct interviews.,topic\n",
    )
    program = la.load_syllabi(path)
    assert program.courses["course_title"].tolist() == ["Reference"]
    assert program.statements["kind"].tolist() == ["topic"]


def test_competency_is_not_a_statement_column(write_file):
    path = write_file(
        "comp.csv", "Course,Competency\nLTA 101,Explain library values.\n"
    )
    program = la.load_syllabi(path)
    assert program.courses.empty
    assert program.problems["severity"].tolist() == ["error"]
    assert "course_code, course_title, kind, text" in program.problems["reason"].iloc[0]


def test_csv_header_below_title_rows_and_kind_values_are_mapped():
    program = la.load_syllabi(DATA / "outcomes_title_rows.csv")
    st = program.statements
    assert st["course_id"].tolist() == [
        "LIB101",
        "LIB101",
        "LIB101",
        "LIB102",
        "LIB102",
    ]
    assert st["kind"].tolist() == [
        "outcome",
        "topic",
        "assessment",
        "outcome",
        "outcome",
    ]
    # "Week 2:" and "(15%)" are cleaned as in syllabi
    assert st["text"].tolist()[1:3] == ["Types of libraries", "Library visit report"]
    assert st["location"].tolist()[0] == "row 5"
    problems = program.problems
    assert problems["severity"].tolist() == ["warning"]
    assert "'mystery-kind' is not recognised" in problems["reason"].iloc[0]
    assert program.courses["source_format"].tolist() == ["csv", "csv"]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("SLO", "outcome"),
        ("objective", "outcome"),
        ("Assignment", "assessment"),
        ("assessment", "assessment"),
        ("Topic", "topic"),
        ("week", "topic"),
        ("Reading", "reading"),
        ("text", "reading"),
        ("description", "description"),
        ("", "outcome"),
    ],
)
def test_sheet_kind_values_map_to_statement_kinds(write_file, value, kind):
    path = write_file(
        "k.csv", f"course_code,kind,text\nLTA 1010,{value},Some text here\n"
    )
    assert la.load_syllabi(path).statements["kind"].tolist() == [kind]


def test_semicolon_separated_csv_is_read(write_file):
    path = write_file(
        "semi.csv", "course_code;text\nLTA 105;Listen actively, calmly.\n"
    )
    program = la.load_syllabi(path)
    assert program.courses["course_code"].tolist() == ["LTA 105"]


def test_xlsx_reads_many_courses_and_visible_sheets_only(make_xlsx):
    path = make_xlsx(
        "program.xlsx",
        {
            "Read me": [["How to fill in this workbook"], ["One outcome per row."]],
            "Core": [
                ["LTA program outcomes"],
                [],
                ["Course #", "Course Name", "SLO"],
                ["LTA 101", "Intro", "Explain library values."],
                ["LTA 105", "Communication", "Listen actively to patrons."],
            ],
            "Electives": [
                ["Course", "Title", "Outcome", "Type"],
                ["LTA 160", "Youth", "Plan a storytime.", "outcome"],
            ],
            "Old": [["Course", "Outcome"], ["LTA 999", "Retired outcome."]],
        },
        hidden=["Old"],
    )
    program = la.load_syllabi(path)
    assert program.courses["course_id"].tolist() == ["LTA101", "LTA105", "LTA160"]
    st = program.statements.set_index("course_id")
    assert st.loc["LTA105", "location"] == "sheet Core row 5"
    assert st.loc["LTA160", "location"] == "sheet Electives row 2"
    problems = program.problems
    assert problems["severity"].tolist() == ["info", "info"]
    reasons = " ".join(problems["reason"])
    assert "sheet Old is hidden" in reasons
    assert "sheet Read me has no course and statement columns" in reasons


def test_xlsx_merged_course_cells_are_filled_down(make_xlsx):
    path = make_xlsx(
        "merged.xlsx",
        {
            "Outcomes": [
                ["Course", "Course Title", "Learning Outcome"],
                ["LTA 130", "Cataloging", "Assign call numbers."],
                [None, None, "Edit MARC records."],
                [None, None, "Explain authority control."],
                ["LTA 140", "Acquisitions", "Order materials."],
            ]
        },
        merges={"Outcomes": ["A2:A4", "B2:B4"]},
    )
    program = la.load_syllabi(path)
    counts = program.statements.groupby("course_id").size().to_dict()
    assert counts == {"LTA130": 3, "LTA140": 1}
    assert program.courses["course_title"].tolist() == ["Cataloging", "Acquisitions"]
    assert program.problems.empty


def test_xlsx_row_without_a_course_code_is_skipped_with_a_warning(make_xlsx):
    path = make_xlsx(
        "gaps.xlsx",
        {
            "Outcomes": [
                ["Course", "Outcome"],
                [None, "Orphan outcome."],
                ["LTA 101", "Explain values."],
            ]
        },
    )
    program = la.load_syllabi(path)
    assert program.statements["text"].tolist() == ["Explain values."]
    assert program.problems["severity"].tolist() == ["warning"]
    assert "row 2 has text but no course code" in program.problems["reason"].iloc[0]


def test_a_course_named_once_above_its_rows_owns_them(make_xlsx):
    """A curriculum map names each course on its first row only."""
    path = make_xlsx(
        "map.xlsx",
        {
            "Curriculum Map": [
                ["Course", "Course Title", "SLO #", "Student Learning Outcome"],
                ["LTA 101", "Intro to Libraries", 1, "Explain library values."],
                [None, None, 2, "Describe types of libraries."],
                [None, None, 3, "Compare library governance models."],
                ["LTA 110", "Library Technology", 1, "Troubleshoot public computers."],
            ]
        },
    )
    program = la.load_syllabi(path)
    st = program.statements
    assert st.groupby("course_id")["text"].count().to_dict() == {
        "LTA101": 3,
        "LTA110": 1,
    }
    assert program.courses["course_title"].tolist() == [
        "Intro to Libraries",
        "Library Technology",
    ]
    (reason,) = program.problems["reason"]
    assert program.problems["severity"].tolist() == ["info"]
    assert (
        "rows 3 and 4 have no course code and were read as the course named" in reason
    )


def test_xlsx_formulas_give_their_cached_values(make_xlsx, tmp_path):
    path = make_xlsx(
        "formulas.xlsx",
        {"Outcomes": [["Course", "Outcome"], ["LTA 101", '=CONCAT("Explain ", "x")']]},
    )
    # Excel stores the last computed value beside the formula; add one as Excel would
    patched = tmp_path / "patched.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = re.sub(
                    r'<c r="B2"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                    r'<c r="B2" t="str"><f>\2</f><v>Explain library values.</v>',
                    xml,
                )
                assert "Explain library values." in xml
                data = xml.encode()
            dst.writestr(item, data)
    program = la.load_syllabi(patched)
    assert program.statements["text"].tolist() == ["Explain library values."]


def test_sheet_and_syllabus_of_the_same_course_merge_into_one_course(
    write_file, tmp_path
):
    write_file(
        "lta101.md", "# LTA 101 Intro\n\n## Outcomes\n\n- Explain library values.\n"
    )
    write_file(
        "extra.csv",
        "course_code,kind,text\nLTA 101,outcome,Explain library values\n"
        "LTA 101,topic,Library history\n",
    )
    program = la.load_syllabi(tmp_path)
    course = program.courses.iloc[0]
    assert len(program.courses) == 1
    assert course["source_format"] == "csv, md"
    assert course["source"] == f"{tmp_path / 'extra.csv'}; {tmp_path / 'lta101.md'}"
    # the same outcome from both files is kept once, from the first file read
    assert program.statements["text"].tolist() == [
        "Explain library values",
        "Library history",
    ]
