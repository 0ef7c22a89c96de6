"""What a syllabus says under sub-headings, in multi-line table cells, in a
course-information table and in nested outcome lists is read, not lost.

- A sub-heading naming no section ("Week 4 - Performance Reviews" under
  "Weekly Schedule", an assignment's title under "Assignments") is a statement
  of the section it is in.
- A table cell holding several items (two Word paragraphs) gives one statement
  per item; a sentence broken over two paragraphs stays one.
- In a "Label | value" table each row is read by its own label: a "Course
  Description" row in the middle takes its own value only.
- The items listed under an outcome ending in ":" ("including:" / "MARC 21" /
  "Dublin Core") are its parts, whatever their case; a one-word outcome is kept.
"""

from __future__ import annotations

import docx
from _ingest_helpers import kinds_and_texts as _rows

import lta_align as la


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.rows[r].cells[c]
            lines = value if isinstance(value, list) else [value]
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    return table


# -- sub-headings


def test_week_sub_headings_under_a_schedule_are_topics_with_their_bullets(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 160 Library Supervision", 1)
    document.add_heading("Weekly Schedule", 2)
    document.add_heading("Week 4 - Performance Reviews", 3)
    document.add_paragraph("Writing fair, specific evaluations", style="List Bullet")
    document.add_heading("Session 5: Volunteer Coordination", 3)
    document.add_paragraph("Recruiting and retaining volunteers", style="List Bullet")
    document.save(tmp_path / "LTA160.docx")
    assert _rows(la.load_syllabi(tmp_path)) == [
        ("topic", "Performance Reviews"),
        ("topic", "Writing fair, specific evaluations"),
        ("topic", "Volunteer Coordination"),
        ("topic", "Recruiting and retaining volunteers"),
    ]


def test_markdown_assignment_titles_are_assessments_and_unknown_sections_reported(
    tmp_path,
):
    text = (
        "# LTA 145 Collection Development\n\n"
        "## Assignments\n\n"
        "### Weeding Proposal\n\n"
        "Propose titles to withdraw from the nonfiction shelves.\n\n"
        "## Field Trip Logistics\n\n"
        "Carpools leave from the main campus at 9 am.\n"
    )
    (tmp_path / "LTA145.md").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("assessment", "Weeding Proposal"),
        ("assessment", "Propose titles to withdraw from the nonfiction shelves."),
    ]
    # a heading at the level of the sections is still a section lta-align
    # does not know: its paragraph is reported, not read
    assert "'Field Trip Logistics' (1)" in " ".join(program.problems["reason"])


def test_a_sub_heading_under_a_policy_section_is_counted_as_policy(tmp_path):
    text = (
        "# LTA 120 Circulation Services\n\n## Learning Outcomes\n\n"
        "- Check out materials to patrons at the circulation desk.\n\n"
        "## Attendance\n\n### Missed Lab Sessions\n\n"
        "Missed labs cannot be made up after the last week.\n"
    )
    (tmp_path / "LTA120.md").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("outcome", "Check out materials to patrons at the circulation desk.")
    ]
    assert program.courses["dropped_boilerplate"].tolist() == [2]


# -- multi-line table cells


def test_a_cell_of_two_paragraphs_gives_two_statements_of_its_column(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 150 Reference Services", 1)
    document.add_heading("Outcomes and Assessment", 2)
    _table(
        document,
        [
            ["Student Learning Outcome", "Assessment"],
            [
                "Evaluate free web sources for authority and currency.",
                ["Source evaluation checklist", "Forum post on a hoax website"],
            ],
            # a sentence broken over two paragraphs is one assessment
            [
                "Conduct a reference interview with a patron.",
                ["Role-play with a classmate and", "a written reflection"],
            ],
        ],
    )
    document.add_heading("Weekly Schedule", 2)
    _table(
        document,
        [
            ["Week", "Topic", "Reading"],
            ["1", "Ready reference", ["Bopp & Smith, ch. 3", "RUSA Guidelines"]],
        ],
    )
    document.save(tmp_path / "LTA150.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("outcome", "Evaluate free web sources for authority and currency."),
        ("assessment", "Source evaluation checklist"),
        ("assessment", "Forum post on a hoax website"),
        ("outcome", "Conduct a reference interview with a patron."),
        ("assessment", "Role-play with a classmate and a written reflection"),
        ("topic", "Ready reference"),
        ("reading", "Bopp & Smith, ch. 3"),
        ("reading", "RUSA Guidelines"),
    ]
    statements = program.statements
    locations = dict(zip(statements["text"], statements["location"], strict=True))
    assert locations["Forum post on a hoax website"] == "table 1 row 2 column 2"
    assert locations["RUSA Guidelines"] == "table 2 row 2 column 3"


def test_a_cell_of_two_items_in_an_assignment_table_gives_two_assessments(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 130 Cataloging", 1)
    document.add_heading("Assignments", 2)
    _table(
        document,
        [
            ["Assignment", "Points"],
            [["Copy cataloging exercise", "Original record for a DVD"], "40"],
        ],
    )
    document.save(tmp_path / "LTA130.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("assessment", "Copy cataloging exercise"),
        ("assessment", "Original record for a DVD"),
    ]
    assert set(program.statements["location"]) == {"table 1 row 2"}


# -- course-information tables


def test_a_description_row_in_an_information_table_takes_only_its_value(tmp_path):
    description = (
        "Covers the selection, acquisition and weeding of library materials "
        "for public and school libraries."
    )
    document = docx.Document()
    document.add_heading("Northfield Technical College", 1)
    _table(
        document,
        [
            ["Course Number", "LTA 145"],
            ["Course Title", "Collection Development"],
            ["Course Description", description],
            ["Semester", "Spring 2027"],
            ["Instructor", "Priya Raman, MLS"],
            ["Class Meetings", "Mondays 5:30-8:00 PM, Room B-12"],
            ["Office Hours", "Wednesdays 2-4 PM"],
        ],
    )
    document.add_heading("Learning Outcomes", 2)
    document.add_paragraph(
        "Write a collection development policy for a branch library.",
        style="List Bullet",
    )
    document.save(tmp_path / "LTA145.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("description", description),
        ("outcome", "Write a collection development policy for a branch library."),
    ]
    course = program.courses.iloc[0]
    assert (course["course_code"], course["course_title"]) == (
        "LTA 145",
        "Collection Development",
    )
    assert course["dropped_boilerplate"] == 2  # the instructor and office hours


# -- nested outcome lists


def test_names_listed_under_an_outcome_ending_in_a_colon_complete_it(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 130 Cataloging and Classification", 1)
    document.add_heading("Course Objectives", 2)
    for text, style in [
        ("Compare the classification schemes used in libraries, including:", 1),
        ("Dewey Decimal Classification", 2),
        ("Library of Congress Classification", 2),
        ("NLM", 2),
        ("Assign subject headings to library materials by:", 1),
        ("choosing Sears headings for a school collection", 2),
        ("Search these tools:", 1),
        # a sentence of its own ends the parts of the item before it
        ("Locate copy records in OCLC WorldCat for new titles", 1),
        ("Weeding", 1),
    ]:
        name = "List Bullet" if style == 1 else "List Bullet 2"
        document.add_paragraph(text, style=name)
    document.save(tmp_path / "LTA130.docx")
    assert _rows(la.load_syllabi(tmp_path)) == [
        (
            "outcome",
            "Compare the classification schemes used in libraries, including "
            "Dewey Decimal Classification, Library of Congress Classification "
            "and NLM",
        ),
        (
            "outcome",
            "Assign subject headings to library materials by choosing Sears "
            "headings for a school collection",
        ),
        ("outcome", "Search these tools:"),
        ("outcome", "Locate copy records in OCLC WorldCat for new titles"),
        # a one-word outcome is kept as written (the audit flags it), not dropped
        ("outcome", "Weeding"),
    ]


# -- bold titles and "Label: text" lines are judged strictly


def test_bold_assignment_titles_stay_assessments_not_new_sections(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 140 Collection Management", 1)
    document.add_heading("Assignments", 2)
    for title, body in (
        (
            "Collection Development Policy Analysis",
            "Compare two public library policies.",
        ),
        ("Readers' Advisory Booklist", "Build an annotated list of ten read-alikes."),
        ("Final Examination", "Covers selection, acquisition and weeding."),
    ):
        document.add_paragraph().add_run(title).bold = True
        document.add_paragraph(body)
    document.save(tmp_path / "LTA140.docx")
    program = la.load_syllabi(tmp_path)
    rows = _rows(program)
    assert ("assessment", "Collection Development Policy Analysis") in rows
    assert ("assessment", "Build an annotated list of ten read-alikes.") in rows
    assert ("assessment", "Covers selection, acquisition and weeding.") in rows
    assert {kind for kind, _ in rows} == {"assessment"}


def test_label_lines_in_an_outcome_list_are_outcomes(tmp_path):
    (tmp_path / "LTA105.md").write_text(
        "# LTA 105 Library Services\n\n## Course Competencies\n\n"
        "Programming: Plan a customer-service training session for new clerks.\n\n"
        "Cataloging: Explain how a catalog record helps patrons find items.\n",
        encoding="utf-8",
    )
    texts = [t for k, t in _rows(la.load_syllabi(tmp_path)) if k == "outcome"]
    assert any("customer-service training session" in t for t in texts)
    assert any("catalog record helps patrons" in t for t in texts)
