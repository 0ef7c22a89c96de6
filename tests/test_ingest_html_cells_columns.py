"""Layouts found by a tester: HTML section headers and accordion buttons, table
cells holding lists, schedule columns that hold the assignments, inline outcome
lists after a lead-in that are not bracket-numbered."""

from __future__ import annotations

import pytest
from _ingest_helpers import kinds_and_texts as _rows

import lta_align as la
from lta_align.ingest._lead_ins import split_inline_list
from lta_align.ingest.html._reader import _parse


def _load(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return la.load_syllabi(tmp_path)


# --- HTML: section headers, page banners, buttons ---------------------------------

LMS_PAGE = """<!DOCTYPE html><html><head><title>Syllabus | Brightspace</title></head>
<body>
<header class="d2l-navigation"><nav><ul><li><a href="/">Home</a>
<li><a href="/c">My Courses</a></ul></nav></header>
<article>
 <header><h1>LTA 130 &ndash; Cataloging and Classification</h1></header>
 <section>
  <header><h2>Course Description</h2></header>
  <p>Introduces the description and classification of library materials using
  RDA, MARC 21 and the Dewey Decimal Classification.</p>
 </section>
 <section>
  <header><h2>Learning Outcomes</h2></header>
  <ul><li>Create a MARC bibliographic record for a print book.</li></ul>
 </section>
 <div class="accordion">
  <h2 class="accordion-header"><button type="button" data-bs-toggle="collapse"
   >Weekly Topics</button></h2>
  <div class="accordion-body"><ul><li>Subject headings</li>
   <li>Authority control</li></ul></div>
 </div>
 <p>Questions? <button type="button">Show more</button></p>
</article>
<footer><p>Learning outcomes office &copy; 2026</p></footer>
</body></html>"""


def test_html_headers_of_sections_and_accordion_buttons_are_headings(tmp_path):
    program = _load(tmp_path, "syllabus.html", LMS_PAGE)
    course = program.courses.iloc[0]
    assert course["course_code"] == "LTA 130"
    assert course["course_title"] == "Cataloging and Classification"
    assert _rows(program) == [
        (
            "description",
            "Introduces the description and classification of library materials "
            "using RDA, MARC 21 and the Dewey Decimal Classification.",
        ),
        ("outcome", "Create a MARC bibliographic record for a print book."),
        ("topic", "Subject headings"),
        ("topic", "Authority control"),
        # a button outside a heading is a control: "Show more" is not read
        ("topic", "Questions?"),
    ]
    text = " ".join(program.statements["text"])
    for chrome in ("My Courses", "Show more", "2026"):
        assert chrome not in text
    assert "no course code" not in " ".join(program.problems["reason"])


@pytest.mark.parametrize("with_main", [False, True])
def test_html_page_banner_keeps_only_its_headings(tmp_path, with_main):
    content = (
        "<h2>Course Objectives</h2><ul><li>Explain the steps of a circulation "
        "transaction.</li></ul>"
    )
    page = (
        "<html><body><header><h1>LTA 150 Access Services</h1><p>Skip to content</p>"
        '<div class="links"><a href="/a">Library</a> <a href="/b">Calendar</a></div>'
        "</header>"
        + (f"<main>{content}</main>" if with_main else content)
        + "</body></html>"
    )
    program = _load(tmp_path, "page.html", page)
    course = program.courses.iloc[0]
    assert (course["course_code"], course["course_title"]) == (
        "LTA 150",
        "Access Services",
    )
    assert _rows(program) == [
        ("outcome", "Explain the steps of a circulation transaction.")
    ]


def test_html_menu_after_a_banner_heading_is_still_a_menu(tmp_path):
    page = (
        "<html><body><header><h1>Riverbend College Library</h1></header>"
        '<div><a href="/h">Home</a> <a href="/s">Services</a> '
        '<a href="/e">Events</a></div>'
        "<h1>LTA 110 Reference Services</h1><h2>Course Topics</h2>"
        "<ul><li>The reference interview</li></ul></body></html>"
    )
    program = _load(tmp_path, "LTA110.html", page)
    assert program.courses["course_code"].tolist() == ["LTA 110"]
    assert _rows(program) == [("topic", "The reference interview")]


def test_html_unclosed_items_in_a_nav_do_not_hide_the_rest_of_the_page(tmp_path):
    page = (
        "<html><body><nav><ul><li><a href='/'>Home<li>About</ul></nav>"
        "<h1>LTA 120 Library Technology</h1><h2>Learning Outcomes</h2>"
        "<ul><li>Troubleshoot a public-access computer and printer.</li></ul>"
        "</body></html>"
    )
    program = _load(tmp_path, "LTA120.html", page)
    assert _rows(program) == [
        ("outcome", "Troubleshoot a public-access computer and printer.")
    ]
    assert "About" not in " ".join(program.statements["text"])


def test_html_table_cell_lines_are_kept_apart():
    parser = _parse(
        "<table><tr><th>Week</th><th>Assignments</th></tr>"
        "<tr><td>4</td><td><ul><li>Shelf-reading log</li>\n"
        "<li>Weeding  checklist</li></ul></td></tr>"
        "<tr><td>5</td><td><p>Booktalk script</p><p>Peer review</p></td></tr>"
        "<tr><td>6</td><td>Reserves request<br>Copyright quiz</td></tr></table>"
    )
    rows = [b for b in parser.blocks if b.role == "row"]
    assert [b.cells[1] for b in rows[1:]] == [
        "Shelf-reading log\nWeeding checklist",
        "Booktalk script\nPeer review",
        "Reserves request\nCopyright quiz",
    ]
    assert rows[1].text == "4 | Shelf-reading log\nWeeding checklist"


# --- inline outcome lists after a lead-in -----------------------------------------


def test_a_semicolon_list_after_a_lead_in_is_one_outcome_each(tmp_path):
    text = (
        "# LTA 160 Library Services for Children\n\n## Course Objectives\n\n"
        "By the end of the course, students will be able to: plan a preschool "
        "story time; select picture books for a read-aloud; and evaluate a "
        "summer reading program.\n"
    )
    assert _rows(_load(tmp_path, "LTA160.md", text)) == [
        ("outcome", "plan a preschool story time"),
        ("outcome", "select picture books for a read-aloud"),
        ("outcome", "evaluate a summer reading program."),
    ]


def test_a_dotted_list_after_a_lead_in_in_a_description(tmp_path):
    text = (
        "LTA 180 Technical Services\n\nCourse Description\n"
        "Covers acquisitions, processing and serials control. The student will: "
        "1. Process new materials for circulation. 2. Check in serial issues. "
        "Includes a practicum.\n"
    )
    assert _rows(_load(tmp_path, "LTA180.txt", text)) == [
        (
            "description",
            "Covers acquisitions, processing and serials control. "
            "Includes a practicum.",
        ),
        ("outcome", "Process new materials for circulation."),
        ("outcome", "Check in serial issues."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a description sentence with semicolons and no lead-in
        "The course covers acquisitions; it also covers serials; and binding.",
        # a colon without lead-in words
        "Topics include: copy cataloging; original cataloging; and authority work.",
        # a part of one word
        "Students will be able to: catalog; classify materials by Dewey.",
        # numbers out of sequence, or a number inside an item
        "Students will: 2. Weed the collection. 3. Shelve new books.",
        "The student will: 1. Read chapter 2. Summarise the chapter.",
        # a dotted mark that does not follow the lead-in
        "Students will be able to read a map. 1. Shelve. 2. Weed.",
    ],
)
def test_no_lead_in_list_without_lead_in_and_marks(text):
    assert split_inline_list(text) is None


def test_lead_in_list_keeps_the_sentences_around_it():
    head, items, tail = split_inline_list(
        "Serials change often. Upon completion, you will: a. check in an issue; "
        "b. claim a missing issue; and c. route journals to staff. Labs are weekly."
    )
    assert head == "Serials change often. Upon completion, you will:"
    assert items == [
        "check in an issue",
        "claim a missing issue",
        "route journals to staff.",
    ]
    assert tail == "Labs are weekly."


# --- schedule columns that hold the work due --------------------------------------


@pytest.mark.parametrize(
    "column", ["Homework", "Deliverables", "Quizzes", "Work Due", "Activities"]
)
def test_a_schedule_column_of_work_due_is_assessments(tmp_path, column):
    text = (
        "# LTA 190 Circulation Practicum\n\n## Class Schedule\n\n"
        f"| Session | Topic | {column} |\n|---|---|---|\n"
        "| 1 | Patron registration | Registration role-play |\n"
        "| 2 | Holds and recalls | Holds queue worksheet |\n"
    )
    assert _rows(_load(tmp_path, "LTA190.md", text)) == [
        ("topic", "Patron registration"),
        ("assessment", "Registration role-play"),
        ("topic", "Holds and recalls"),
        ("assessment", "Holds queue worksheet"),
    ]


def test_a_due_column_of_dates_gives_no_statements(tmp_path):
    text = (
        "# LTA 190 Circulation Practicum\n\n## Class Schedule\n\n"
        "| Week | Topic | Due |\n|---|---|---|\n"
        "| 1 | Patron registration | Mon 9/8 |\n"
        "| 2 | Holds and recalls | Sept. 15 by 11:59 pm |\n"
        "| 3 | Overdue notices | |\n"
    )
    assert _rows(_load(tmp_path, "LTA190.md", text)) == [
        ("topic", "Patron registration"),
        ("topic", "Holds and recalls"),
        ("topic", "Overdue notices"),
    ]


def test_a_due_column_of_work_keeps_the_assignments(tmp_path):
    text = (
        "# LTA 120 Reference Services\n\n## Course Calendar\n\n"
        "| Session | Topic | Due |\n|---|---|---|\n"
        "| 1 | The reference interview | Virtual reference transcript analysis |\n"
        "| 2 | Readers' advisory | Oct. 14 |\n"
        "| 3 | Weeding the reference shelf | Reference weeding proposal |\n"
    )
    assert _rows(_load(tmp_path, "LTA120.md", text)) == [
        ("topic", "The reference interview"),
        ("assessment", "Virtual reference transcript analysis"),
        ("topic", "Readers' advisory"),
        ("topic", "Weeding the reference shelf"),
        ("assessment", "Reference weeding proposal"),
    ]


def test_a_due_column_is_read_as_dates_or_as_the_work_due():
    from lta_align.ingest._layout import cell_kind, content_columns, header_roles

    roles = header_roles(["Date", "Topic", "Due"])
    assert roles == ("date", "topic", "due")
    assert content_columns(roles) == 2  # the table is read by column
    cells = ["Oct. 6", "Week 5", "Thurs", "TBA", "10/13-10/15", ""]
    assert [cell_kind("due", c) for c in cells] == [None] * len(cells)
    work = ["Shelf-list comparison", "Final exam", "Quiz 3", "Week 5 reflection"]
    assert [cell_kind("due", c) for c in work] == ["assessment"] * len(work)
    # "Date" stays a date column; "Topics & Activities" stays a topic column
    assert header_roles(["Date", "Topics & Activities"]) == ("date", "topic")
    assert cell_kind("date", "Reserve list") is None
    assert header_roles(["Week", "Topics & Activities", "Assignment Due"]) == (
        "week",
        "topic",
        "assessment",
    )


def test_an_outcome_table_s_own_competency_mapping_is_not_read_as_outcomes(tmp_path):
    text = (
        "# LTA 125 Reference Services\n\n## Course Learning Outcomes\n\n"
        "| Course Learning Outcome | Assessment | LSSC Competency |\n|---|---|---|\n"
        "| Conduct a reference interview. | Recorded role play | Reference 5 |\n"
        "| Evaluate a website's authority. | Case study | Reference 4; Technology 3 |\n"
    )
    assert _rows(_load(tmp_path, "LTA125.md", text)) == [
        ("outcome", "Conduct a reference interview."),
        ("assessment", "Recorded role play"),
        ("outcome", "Evaluate a website's authority."),
        ("assessment", "Case study"),
    ]
