"""Heading phrasings, lab columns, numbering and tagged lines (session 7 probes).

"What You'll Learn" names the outcomes like "What you will learn"; "Course
Expectations" is policy; "Who Should Attend" and "Course at a Glance" are course
facts. A "Lab" or "In-class activity" column of a schedule holds assessments.
"CLO-1", "1.1", "2.3.4" and "Objective A:" before a statement are numbering,
"21st-century" and "MARC 21" are not. Outcomes written one per line, each
ending in a tag such as "[LSSC: Cataloging]", are one statement each.
"""

from __future__ import annotations

import pytest

import lta_align as la
from lta_align.ingest._headings import classify_heading, heading_key
from lta_align.ingest._layout import column_role
from lta_align.ingest._statements import clean_statement, split_lines


def _by_kind(program, kind: str) -> list[str]:
    st = program.statements
    return list(st.loc[st["kind"] == kind, "text"])


def _reasons(program) -> str:
    return " ".join(program.problems["reason"])


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What You'll Learn", "outcome"),
        ("What You\u2019ll Learn", "outcome"),
        ("WHAT WE'LL LEARN", "outcome"),
        ("What you will be able to do", "outcome"),
        ("Course Expectations", "boilerplate"),
        ("Student Expectations", "boilerplate"),
        ("Who Should Attend", "info"),
        ("Intended Audience", "info"),
        ("Audience", "info"),
        ("Course at a Glance", "info"),
        ("Presenter", "boilerplate"),
        ("Dates and Registration", "boilerplate"),
        # not section names
        ("Lab", None),
        ("Labs", None),
        ("What We'll Do", None),
    ],
)
def test_heading_phrasings_name_their_sections(heading, kind):
    assert classify_heading(heading) == kind
    assert classify_heading(heading, strict=True) == kind


def test_heading_key_reads_contractions_and_drops_apostrophes():
    assert heading_key("What You\u2019ll Learn") == "what you will learn"
    assert heading_key("Readers' Advisory Resources") == "readers advisory resources"
    assert heading_key("Instructor's Office Hours") == "instructors office hours"


def test_docx_outcomes_under_what_youll_learn_and_policy_under_expectations(
    make_docx,
):
    path = make_docx(
        "LTA110.docx",
        [
            ("Title", "LTA 110 Circulation Services"),
            ("Heading 1", "Course at a Glance"),
            ("Normal", "Eight weeks, online, with two live sessions."),
            ("Heading 1", "What You\u2019ll Learn"),
            ("List Bullet", "Check materials in and out using an ILS."),
            ("List Bullet", "Explain loan periods and fines to patrons."),
            ("Heading 1", "Course Expectations"),
            ("Normal", "Log in three times a week and answer messages in two days."),
            ("Heading 1", "Who Should Attend"),
            ("Normal", "Circulation clerks and new access services staff."),
            ("Heading 1", "Assignments"),
            ("List Bullet", "Patron record cleanup exercise"),
        ],
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "outcome") == [
        "Check materials in and out using an ILS.",
        "Explain loan periods and fines to patrons.",
    ]
    assert _by_kind(program, "assessment") == ["Patron record cleanup exercise"]
    texts = list(program.statements["text"])
    assert not any("Log in three times" in t for t in texts)
    assert not any("Circulation clerks" in t for t in texts)
    assert program.courses["dropped_boilerplate"].iloc[0] == 1
    reasons = _reasons(program)
    assert "no learning outcomes" not in reasons
    # known course-facts headings, not unknown ones; their prose is named as
    # not read (course facts), never as under a heading lta-align does not know
    unknown = [r for r in program.problems["reason"] if "does not know" in r]
    assert not any("Who Should Attend" in r or "Glance" in r for r in unknown)
    assert "'Circulation clerks and new access" in reasons


@pytest.mark.parametrize(
    "header", ["Lab", "Labs", "Lab activity", "In-class activity", "Practice"]
)
def test_a_lab_column_of_a_schedule_holds_assessments(write_file, header):
    rows = [
        ("1", "Cataloging overview", "Find a record in OCLC"),
        ("2", "Subject headings", "Assign LCSH to five books"),
    ]
    body = "".join(
        f"<tr><td>{w}</td><td>{t}</td><td>{lab}</td></tr>" for w, t, lab in rows
    )
    html = (
        "<html><body><h1>LTA 130 Cataloging</h1><h2>Schedule</h2><table>"
        f"<tr><th>Week</th><th>Topic</th><th>{header}</th></tr>{body}"
        "</table></body></html>"
    )
    program = la.load_syllabi(write_file("LTA130.html", html))
    assert _by_kind(program, "topic") == ["Cataloging overview", "Subject headings"]
    assert _by_kind(program, "assessment") == [
        "Find a record in OCLC",
        "Assign LCSH to five books",
    ]


def test_lab_words_only_name_a_column_on_their_own():
    assert column_role("Exercises") == "assessment"
    assert column_role("Lab Readings") == "reading"
    assert column_role("Practice Sessions") != "assessment"


def test_a_labs_line_in_an_assignment_list_stays_an_assessment(write_file):
    text = (
        "LTA 130 Cataloging\n\nAssignments\n\nLabs\nMARC record project\nFinal exam\n"
    )
    program = la.load_syllabi(write_file("LTA130.txt", text))
    assert _by_kind(program, "assessment") == [
        "Labs",
        "MARC record project",
        "Final exam",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CLO-1 Conduct a reference interview.", "Conduct a reference interview."),
        ("CLO\u20133: Evaluate a website.", "Evaluate a website."),
        ("1.1 Use scheduling software.", "Use scheduling software."),
        ("1.1. Use scheduling software.", "Use scheduling software."),
        ("2.3.4 Apply RDA to print books.", "Apply RDA to print books."),
        ("Objective A: Weed a fiction shelf.", "Weed a fiction shelf."),
        ("Objective B: Shelve by Dewey.", "Shelve by Dewey."),
        ("Goal 2 - Plan a story time.", "Plan a story time."),
        ("Competency 1.2: Shelve by LC.", "Shelve by LC."),
        # numbers that are content
        (
            "21st-century skills for library staff.",
            "21st-century skills for library staff.",
        ),
        ("MARC 21 bibliographic records.", "MARC 21 bibliographic records."),
        (
            "1.5 hours of shelf reading each week.",
            "1.5 hours of shelf reading each week.",
        ),
        (
            "3 credit hours of supervised practice.",
            "3 credit hours of supervised practice.",
        ),
        ("Objectives of a weeding policy.", "Objectives of a weeding policy."),
    ],
)
def test_statement_numbering_is_stripped_and_content_numbers_kept(text, expected):
    assert clean_statement("outcome", text) == expected


def test_outcome_numbering_with_letters_and_decimals_end_to_end(write_file):
    text = (
        "LTA 140 Reference Services\n\nCourse Objectives\n\n"
        "Objective A: Conduct a reference interview.\n"
        "Objective B: Choose a print or online source.\n"
        "1.1 Cite sources in APA style.\n"
    )
    program = la.load_syllabi(write_file("LTA140.txt", text))
    assert _by_kind(program, "outcome") == [
        "Conduct a reference interview.",
        "Choose a print or online source.",
        "Cite sources in APA style.",
    ]


def test_outcomes_one_per_line_each_ending_in_a_tag_stay_apart(write_file):
    text = (
        "LTA 120 Technical Services\n\nStudent Learning Outcomes\n\n"
        "Describe the acquisitions cycle from selection to payment. "
        "[LSSC: Technical Services]\n"
        "Copy catalog print materials using OCLC Connexion and local records "
        "[LSSC: Cataloging]\n"
        "Process new materials with spine labels, covers and security strips "
        "(PLO 2, 3)\n"
        "Repair damaged books with basic mending techniques and supplies. "
        "(Preservation)\n"
    )
    program = la.load_syllabi(write_file("LTA120.txt", text))
    outcomes = _by_kind(program, "outcome")
    assert len(outcomes) == 4
    assert outcomes[0].startswith("Describe the acquisitions cycle")
    assert outcomes[1].startswith("Copy catalog print materials")
    assert outcomes[2].startswith("Process new materials")
    assert outcomes[3].startswith("Repair damaged books")


def test_a_wrapped_line_ending_in_an_abbreviation_in_brackets_goes_on():
    text = (
        "Describe the services that the American Library Association (ALA)\n"
        "Office for Intellectual Freedom gives to library staff and trustees."
    )
    assert split_lines(text) == [text.replace("\n", " ")]


def test_a_citation_in_a_narrow_column_is_one_reading():
    # each wrapped line stops mid-sentence: on "and", "of", a comma
    text = (
        "Evans, G. E. Developing Library and\n"
        "Information Center Collections,\n"
        "6th ed. Libraries Unlimited."
    )
    assert split_lines(text) == [
        "Evans, G. E. Developing Library and Information Center Collections, "
        "6th ed. Libraries Unlimited."
    ]


def test_short_unwrapped_lines_are_still_items_of_their_own():
    assert split_lines("Circulation desk\nInterlibrary loan\nReserves") == [
        "Circulation desk",
        "Interlibrary loan",
        "Reserves",
    ]
