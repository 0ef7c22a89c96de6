"""Section headings: content lines that contain a section word are not headings.

"Interlibrary Loan Policies" in a topic list, "Midterm Exam" in an assignment
list, "Week 2: Catalog Searching" in a calendar and "Programming:" as a label
name no section; "Required Texts" and "Tentative Schedule (Subject to Change)"
still do, and name the section their head words say.
"""

from __future__ import annotations

import pytest

import lta_align as la
from lta_align.ingest._headings import classify_heading, looks_like_heading


def _by_kind(program, kind: str) -> list[str]:
    st = program.statements
    return list(st.loc[st["kind"] == kind, "text"])


@pytest.mark.parametrize(
    "heading",
    [
        "Week 2: Catalog Searching",
        "Week 3 - Library Programs",
        "Session 2: Circulation Policies",
        "Module 4: Assessment of Reference Service",
        "Unit 5: Required Readings",
        "Class 6: Exams and Review",
        "Day 1",
        "Sept. 8",
        "Oct 14: Grading Policy Workshop",
        "9/8",
        "Monday, Sept 15",
    ],
)
def test_a_schedule_entry_never_names_a_section(heading):
    assert classify_heading(heading) is None
    assert classify_heading(heading, strict=True) is None


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        # the head words win over a qualifier that comes after them
        ("Tentative Schedule (Subject to Change)", "topic"),
        ("Class Calendar and Important Dates", "topic"),
        ("Readings and Assignments", "reading"),
        ("Technology Requirements", "boilerplate"),
        ("Computer Requirements", "boilerplate"),
        ("Grading Policy", "boilerplate"),
        ("Catalog Description", "description"),
        ("Program Learning Outcomes", "info"),
        # a word that only contains a section word names nothing
        ("Examines reference services in public libraries", None),
        ("Cataloging Tools", None),
        ("Programming", None),
        ("Storybooks for Toddlers", None),
    ],
)
def test_heading_words_match_whole_words_and_the_first_phrase_wins(heading, kind):
    assert classify_heading(heading) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Required Texts", "reading"),
        ("Grading Policy", "boilerplate"),
        ("Student Learning Outcomes", "outcome"),
        ("Course Calendar", "topic"),
        ("ASSIGNMENTS", "assessment"),
        ("Readings and Assignments", "reading"),
        ("Graded Work", "assessment"),
        ("Disability Services", "boilerplate"),
        ("Required Textbooks and Materials", "reading"),
        ("Midterm Exam", None),
        ("Interlibrary Loan Policies", None),
        ("Collection Development Policy Review", None),
        ("Catalog Record Project", None),
        ("Weekly Reflection Journals", None),
        ("Course Outline of Record", None),
    ],
)
def test_a_loose_heading_is_only_a_section_name(line, kind):
    assert classify_heading(line, strict=True) == kind
    assert looks_like_heading(line) is (kind is not None or line.isupper())


def test_plain_text_lists_keep_lines_that_contain_section_words(write_file):
    path = write_file(
        "LTA 150.txt",
        "LTA 150  ACCESS SERVICES\n\n"
        "Course Description\n"
        "Covers circulation, reserves, interlibrary loan and patron records.\n\n"
        "TOPICS\n\n"
        "Patron registration\n\n"
        "Interlibrary Loan Policies\n\n"
        "Shelving and shelf reading\n\n"
        "ASSIGNMENTS\n\n"
        "Reserve Desk Observation\n\n"
        "Midterm Exam\n\n"
        "Circulation Statistics Project\n\n"
        "REQUIRED TEXT\n\n"
        "Evans, G. E. (2011). Introduction to library public services. "
        "Libraries Unlimited.\n",
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "topic") == [
        "Patron registration",
        "Interlibrary Loan Policies",
        "Shelving and shelf reading",
    ]
    assert _by_kind(program, "assessment") == [
        "Reserve Desk Observation",
        "Midterm Exam",
        "Circulation Statistics Project",
    ]
    assert len(_by_kind(program, "reading")) == 1
    assert program.courses["dropped_boilerplate"].iloc[0] == 0


def test_calendar_weeks_keep_the_calendar_section_in_markdown(write_file):
    path = write_file(
        "LTA 130.md",
        "# LTA 130 Cataloging\n\n"
        "## Learning Outcomes\n\n"
        "- Create bibliographic records using RDA.\n\n"
        "## Tentative Schedule (Subject to Change)\n\n"
        "### Week 1: Why Libraries Catalog\n\n"
        "- Catalogs as finding tools\n\n"
        "### Week 2: Collection Development Policies and Catalogs\n\n"
        "- How selection reaches the cataloger\n\n"
        "### Week 3: Library Programs\n\n"
        "- Cataloging outreach materials\n",
    )
    topics = _by_kind(la.load_syllabi(path), "topic")
    for bullet in (
        "Catalogs as finding tools",
        "How selection reaches the cataloger",
        "Cataloging outreach materials",
    ):
        assert bullet in topics


def test_word_calendar_named_with_important_dates_is_a_schedule(make_docx):
    path = make_docx(
        "LTA 170.docx",
        [
            ("Heading 1", "LTA 170 Library Supervision"),
            ("Heading 2", "Course Objectives"),
            ("List Bullet", "Prepare a staff schedule for a branch library."),
            ("Heading 2", "Course Schedule and Important Dates"),
            ("Heading 3", "Session 1: Policies and Procedures Manuals"),
            ("List Bullet", "Writing a procedure for opening the library"),
            ("Heading 3", "Session 2: Library Programs and Staffing"),
            ("List Bullet", "Volunteer coordination"),
        ],
    )
    program = la.load_syllabi(path)
    topics = _by_kind(program, "topic")
    assert "Writing a procedure for opening the library" in topics
    assert "Volunteer coordination" in topics
    assert program.courses["dropped_boilerplate"].iloc[0] == 0


def test_a_label_that_contains_a_section_word_keeps_its_line(write_file):
    path = write_file(
        "LTA 160.md",
        "# LTA 160 Youth Services\n\n"
        "## Competencies\n\n"
        "Programming: Plan a toddler storytime with rhymes and movement.\n\n"
        "Library Programs Budget: Estimate the cost of a summer reading club.\n",
    )
    outcomes = " ".join(_by_kind(la.load_syllabi(path), "outcome"))
    assert "Plan a toddler storytime with rhymes and movement." in outcomes
    assert "Estimate the cost of a summer reading club." in outcomes


def test_technology_requirements_are_counted_as_policy(write_file):
    path = write_file(
        "LTA 110.md",
        "# LTA 110 Library Technology\n\n"
        "## Learning Outcomes\n\n"
        "- Troubleshoot a public printer.\n\n"
        "## Technology Requirements\n\n"
        "- Reliable internet access\n"
        "- A headset with a microphone\n",
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "assessment") == []
    assert program.courses["dropped_boilerplate"].iloc[0] == 2
