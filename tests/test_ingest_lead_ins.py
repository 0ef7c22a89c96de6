"""Outcome lists however they are introduced: lead-ins and inline lists.

Many syllabi introduce their outcomes with a lead-in ("Upon successful
completion of this course, the student will be able to:") instead of an
"Outcomes" heading: as a heading, a bold or capitalised line, or the end of the
description paragraph. The list after a lead-in is outcomes; the lead-in itself
is not a statement; an outcome that starts with the lead-in words ("Students
will be able to catalog ...") is an outcome. Catalog descriptions put the whole
list in one paragraph ("will be able to: (1) X; (2) Y"): each item is an
outcome, the sentences around the lead-in keep their kind, and a list inside a
sentence stays whole.
"""

from __future__ import annotations

import docx
import pytest
from _ingest_helpers import kinds_and_texts as _rows

import lta_align as la
from lta_align.ingest._lead_ins import split_inline_list

REFERENCE = (
    "LTA 150 Reference Services\n3 credits\n\nCourse Description\n"
    "Students learn the reference interview and search strategies. Upon "
    "completion, students will be able to: (1) conduct a reference interview; "
    "(2) search online databases using Boolean logic; and (3) evaluate "
    "information sources for authority and currency. The course includes a "
    "visit to a public library.\n"
)


def test_an_inline_list_in_a_description_becomes_outcomes(tmp_path):
    (tmp_path / "LTA150.txt").write_text(REFERENCE, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        (
            "description",
            "Students learn the reference interview and search strategies. "
            "The course includes a visit to a public library.",
        ),
        ("outcome", "conduct a reference interview"),
        ("outcome", "search online databases using Boolean logic"),
        ("outcome", "evaluate information sources for authority and currency."),
    ]
    assert set(program.statements["location"]) == {"line 5"}


def test_a_catalog_entry_with_lettered_outcomes(tmp_path):
    html = (
        "<html><body><main><p><strong>LTA 130 Cataloging</strong></p>"
        "<p>An introduction to organising library collections for access by "
        "users. By the end of the course students will be able to a) create "
        "MARC bibliographic records, b) assign Dewey Decimal call numbers, and "
        "c) apply Library of Congress Subject Headings.</p></main></body></html>"
    )
    (tmp_path / "catalog.html").write_text(html, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert program.courses["course_code"].tolist() == ["LTA 130"]
    assert _rows(program) == [
        (
            "description",
            "An introduction to organising library collections for access by users.",
        ),
        ("outcome", "create MARC bibliographic records"),
        ("outcome", "assign Dewey Decimal call numbers"),
        ("outcome", "apply Library of Congress Subject Headings."),
    ]


def test_a_numbered_run_in_an_outcome_paragraph_is_one_outcome_each(tmp_path):
    doc = docx.Document()
    doc.add_heading("LTA 140 Collection Development", 1)
    doc.add_heading("Student Learning Outcomes", 2)
    doc.add_paragraph(
        "Students will be able to: (i) apply selection criteria to choose "
        "materials; (ii) weed a collection using the CREW method."
    )
    doc.add_paragraph(
        "Describe the roles of (a) library staff and (b) volunteer workers."
    )
    doc.save(tmp_path / "LTA140.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("outcome", "apply selection criteria to choose materials"),
        ("outcome", "weed a collection using the CREW method."),
        # a list of objects inside one sentence is one outcome
        (
            "outcome",
            "Describe the roles of (a) library staff and (b) volunteer workers.",
        ),
    ]


def test_a_list_of_topics_in_a_description_stays_the_description(tmp_path):
    text = (
        "LTA 130 Cataloging\n\nCourse Description\nThe course covers: (1) MARC "
        "records and their fields, (2) RDA description, (3) subject headings.\n"
    )
    (tmp_path / "LTA130.md").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert [k for k, _ in _rows(program)] == ["description"]


@pytest.mark.parametrize(
    "text",
    [
        "Copyright (c) 2024 Riverbend College (1) all rights",
        "Read chapters (1) and (3) of the textbook before class.",
        "Students will: a) catalog, b) classify",  # single words: not outcomes
        "Compare (2) approaches and (3) systems",
    ],
)
def test_no_run_counting_up_from_one_is_no_list(text):
    assert split_inline_list(text) is None


def test_split_inline_list_keeps_every_word():
    head, items, tail = split_inline_list(REFERENCE.split("\n")[4])
    assert head.endswith("will be able to:")
    assert len(items) == 3 and tail.startswith("The course includes")
    words = set(" ".join([head, *items, tail]).replace(";", " ").split())
    assert words >= set(REFERENCE.split("\n")[4].split()) - {
        "(1)",
        "(2)",
        "(3)",
        "and",
        "logic;",
        "interview;",
    }


LEAD_IN = "Upon successful completion of this course, the student will be able to:"
DESCRIPTION = "This course covers selecting, acquiring and weeding library materials."
OUTCOMES = [
    "Apply selection criteria to choose materials.",
    "Weed a collection using the CREW method.",
]
EXPECTED = (
    [("description", DESCRIPTION)]
    + [("outcome", t) for t in OUTCOMES]
    + [("assessment", "Final exam")]
)


@pytest.mark.parametrize("style", ["heading", "bold", "plain", "capitals", "in_para"])
def test_a_lead_in_starts_the_outcome_list_in_word(tmp_path, style):
    doc = docx.Document()
    doc.add_heading("LTA 140 Collection Development", 1)
    doc.add_heading("Course Description", 2)
    doc.add_paragraph(DESCRIPTION + (" " + LEAD_IN if style == "in_para" else ""))
    if style == "heading":
        doc.add_heading(LEAD_IN, 2)
    elif style == "bold":
        doc.add_paragraph().add_run(LEAD_IN).bold = True
    elif style in ("plain", "capitals"):
        doc.add_paragraph(LEAD_IN.upper() if style == "capitals" else LEAD_IN)
    for text in OUTCOMES:
        doc.add_paragraph(text, style="List Bullet")
    doc.add_heading("Grading", 2)
    doc.add_paragraph("Final exam 50%")
    doc.save(tmp_path / "LTA140.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == EXPECTED
    assert program.problems.empty


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_lead_in_line_in_a_text_description_starts_the_outcomes(tmp_path, gap):
    lines = (
        "\n".join(OUTCOMES) if gap == "\n\n" else "\n".join(f"- {t}" for t in OUTCOMES)
    )
    text = (
        f"LTA 140 Collection Development\n\nCourse Description\n{DESCRIPTION}\n"
        f"{LEAD_IN}{gap}{lines}\n\nGrading\nFinal exam 50%\n"
    )
    (tmp_path / "LTA140.txt").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == EXPECTED
    assert program.statements["location"].iloc[0] == "line 4"


def test_outcomes_that_start_with_the_lead_in_words_are_kept(tmp_path):
    text = (
        "LTA 130 Cataloging\n\nLearning Outcomes\n"
        "Students will be able to catalog books using MARC records.\n"
        "Students will be able to classify materials using the Dewey Decimal "
        "System.\nBy the end of this course you will be able to do the following.\n"
    )
    (tmp_path / "LTA130.txt").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("outcome", "Students will be able to catalog books using MARC records."),
        (
            "outcome",
            "Students will be able to classify materials using the Dewey Decimal"
            " System.",
        ),
    ]
    assert program.problems.empty


def test_a_lead_in_in_a_policy_section_starts_no_outcomes(tmp_path):
    text = (
        "LTA 130 Cataloging\n\nLearning Outcomes\n- Create MARC records.\n\n"
        "Academic Integrity\nStudents will:\n- cite every source they use\n"
        "- submit only their own work\n"
    )
    (tmp_path / "LTA130.txt").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [("outcome", "Create MARC records.")]
    # the lead-in and its two items are policy text, dropped and counted
    assert program.courses["dropped_boilerplate"].tolist() == [3]


def test_a_line_ending_in_a_colon_is_no_lead_in_without_lead_in_words(tmp_path):
    text = (
        "LTA 130 Cataloging\n\nCourse Description\nAn introduction to cataloging."
        "\nThe course is organised around three questions:\n"
        "- What makes a catalog record useful?\n- Why do libraries share records?\n"
    )
    (tmp_path / "LTA130.txt").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert set(program.statements["kind"]) == {"description"}


def test_paragraphs_under_an_unknown_heading_are_named_not_lost(tmp_path):
    doc = docx.Document()
    doc.add_heading("LTA 140 Collection Development", 1)
    doc.add_heading("Learning Outcomes", 2)
    doc.add_paragraph(OUTCOMES[1], style="List Bullet")
    doc.add_heading("Library Skills You Will Practice", 2)
    for text in ("Shelf reading", "Processing new books"):
        doc.add_paragraph(text, style="List Bullet")
    doc.save(tmp_path / "LTA140.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [("outcome", OUTCOMES[1])]
    (problem,) = program.problems.to_dict("records")
    assert problem["severity"] == "info"
    assert problem["source"].endswith("LTA140.docx")
    assert "2 paragraph(s)" in problem["reason"]
    assert "'Library Skills You Will Practice' (2)" in problem["reason"]
    assert "rename the heading" in problem["reason"]
    assert "Error" not in problem["reason"]


def _titled_table_docx(path, title_row: bool):
    doc = docx.Document()
    doc.add_paragraph("LTA 150 Access Services")
    table = doc.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Course Learning Outcomes"
    rows = [
        ("1", "Check materials in and out using an integrated library system."),
        ("2", "Explain circulation policies such as loan periods to patrons."),
        ("Midterm", "Exam"),
    ]
    for i, (a, b) in enumerate(rows, start=1):
        table.cell(i, 0).text, table.cell(i, 1).text = a, b
    doc.add_paragraph("Course Schedule")
    schedule = doc.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate(
        [("Week", "Topic"), ("1", "Circulation policies"), ("2", "Interlibrary loan")]
    ):
        schedule.cell(i, 0).text, schedule.cell(i, 1).text = a, b
    if title_row:  # a one-cell row inside the schedule is not its title
        schedule.add_row().cells[0].merge(
            schedule.rows[3].cells[1]
        ).text = "Midterm Exam"
    doc.save(path)


@pytest.mark.parametrize("inner_row", [False, True])
def test_a_table_titled_in_its_first_row_is_that_section(tmp_path, inner_row):
    _titled_table_docx(tmp_path / "LTA150.docx", inner_row)
    program = la.load_syllabi(tmp_path)
    rows = _rows(program)
    assert rows[:2] == [
        ("outcome", "Check materials in and out using an integrated library system."),
        ("outcome", "Explain circulation policies such as loan periods to patrons."),
    ]
    # after the table the section it was in goes on; the schedule is topics
    assert ("topic", "Circulation policies") in rows
    assert ("topic", "Interlibrary loan") in rows
    assert all(kind != "outcome" for kind, _ in rows[3:])
    assert "no learning outcomes" not in " ".join(program.problems["reason"])


def test_a_description_column_takes_the_kind_of_its_section(tmp_path):
    text = (
        "# LTA 170 Supervision in Libraries\n\n## Course Learning Outcomes (CLOs)\n\n"
        "| CLO | Description | Assessment |\n|---|---|---|\n"
        "| 1 | Prepare a service-desk schedule that covers all open hours. "
        "| Scheduling exercise |\n"
        "| 2 | Plan a training session for new volunteers. | Training plan |\n"
    )
    (tmp_path / "LTA170.md").write_text(text, encoding="utf-8")
    assert _rows(la.load_syllabi(tmp_path)) == [
        ("outcome", "Prepare a service-desk schedule that covers all open hours."),
        ("assessment", "Scheduling exercise"),
        ("outcome", "Plan a training session for new volunteers."),
        ("assessment", "Training plan"),
    ]


def test_sub_items_complete_the_list_item_they_belong_to(tmp_path):
    doc = docx.Document()
    doc.add_heading("LTA 130 Cataloging and Classification", 1)
    doc.add_heading("Course Objectives", 2)
    doc.add_paragraph("Create bibliographic records:", style="List Number")
    doc.add_paragraph("using MARC 21 format", style="List Number 2")
    doc.add_paragraph("following RDA instructions", style="List Number 2")
    doc.add_paragraph("Explain the parts of a record:", style="List Number")
    doc.add_paragraph("Assign Dewey Decimal numbers to materials.", style="List Number")
    doc.save(tmp_path / "LTA130.docx")
    assert _rows(la.load_syllabi(tmp_path)) == [
        ("outcome", "Create bibliographic records using MARC 21 format"),
        ("outcome", "Create bibliographic records following RDA instructions"),
        # an item ending in ":" with no sub-items is kept as it is
        ("outcome", "Explain the parts of a record:"),
        ("outcome", "Assign Dewey Decimal numbers to materials."),
    ]
