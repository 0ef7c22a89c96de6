"""Prose outside the sections lta-align reads is named, schedule labels choose
the kind, bold pseudo-headings start a section, and e-mail signatures and
contact lines never become statements.

- A paragraph of prose before the first section heading, under a course-facts
  heading ("Program Learning Outcomes Addressed") or after a table is named in
  one info problem per file; course facts (the title, "Label: value" lines,
  short or title-case lines) are not.
- "Read:" / "Watch:" under a week is a reading, "Do:" / "Submit:" / "Quiz:" an
  assessment; a verb label is dropped from the text, a noun ("Quiz") kept.
- A short bold line naming no section starts a section of its own after a
  description or the readings; bold assignment titles stay assessments.
- An e-mail closing ("Thanks,", "--") ends the syllabus: it and the signature
  are counted as boilerplate; so are lines of contact details and "the schedule
  may change".
"""

from __future__ import annotations

import docx
from _ingest_helpers import kinds_and_texts as _rows

import lta_align as la


def _load(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return la.load_syllabi(tmp_path)


def _reasons(program, severity: str = "info") -> list[str]:
    problems = program.problems
    return list(problems.loc[problems["severity"] == severity, "reason"])


# -- prose that is not read is named


EMAIL = """\
From: Dana Whitfield <dwhitfield@riverbend.edu>
Subject: revised outline for LTA 120

Hello everyone - attached below is the revised outline; please send me your
comments before the committee meets on Friday.

LTA 120 Circulation Services (3 credits)
Riverbend Community College
Instructor: Dana Whitfield
Spring 2026

Circulation staff check materials in and out, register patrons and collect fines.

This section of the course is taught in the library's circulation workroom.

LEARNING OUTCOMES
- Register a new patron following the library's circulation policy.
- Check materials in and out in the integrated library system.

PROGRAM OUTCOMES
- Provide accurate and courteous service to library users every day
- PLO 4

ASSIGNMENTS
- Circulation desk log - 30%
"""


def test_prose_before_the_first_heading_and_under_facts_headings_is_named(tmp_path):
    program = _load(tmp_path, "LTA120.txt", EMAIL)
    notes = [r for r in _reasons(program) if "were not read" in r]
    assert len(notes) == 1
    note = notes[0]
    # the e-mail's preamble, the second paragraph under the title and the
    # program outcome sentence: three, with where they are
    assert note.startswith("3 paragraph(s) before the first section heading or ")
    assert "under course-facts headings ('PROGRAM OUTCOMES')" in note
    assert "'Hello everyone - attached below is the…' (line 4)" in note
    assert "'This section of the course is taught in…' (line 14)" in note
    assert "'Provide accurate and courteous service…' (line 21)" in note
    # course facts are not named: the title, the college, the instructor, the
    # term, the e-mail's header lines, a short "PLO 4"
    for fact in ("Riverbend", "Instructor", "Spring", "From", "Subject", "PLO 4"):
        assert fact not in note
    # the first paragraph under the title is the description, as before
    assert (
        "description",
        "Circulation staff check materials in and out, register patrons and "
        "collect fines.",
    ) in _rows(program)


def test_a_syllabus_of_facts_and_sections_has_no_unread_note(tmp_path):
    program = _load(
        tmp_path,
        "LTA125.md",
        "# LTA 125 Reference Services\n\nNorthgate College, Library Technology "
        "Program Department\n\nInstructor: R. Amari\n\nTuesdays 6-9 pm, Room L204\n\n"
        "## Learning Outcomes\n\n- Answer directional and ready-reference "
        "questions at the desk.\n",
    )
    assert list(program.problems["reason"]) == []
    assert _rows(program) == [
        (
            "outcome",
            "Answer directional and ready-reference questions at the desk.",
        )
    ]


def test_prose_under_a_facts_heading_in_word_is_named_with_its_heading(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 135 Technical Services", 1)
    document.add_heading("Class Meetings", 2)
    document.add_paragraph(
        "The class meets in the technical services workroom, where each "
        "student has a cataloging station."
    )
    document.add_heading("Learning Outcomes", 2)
    document.add_paragraph("Process new materials for the shelf.", style="List Bullet")
    document.save(tmp_path / "LTA135.docx")
    program = la.load_syllabi(tmp_path)
    notes = [r for r in _reasons(program) if "were not read" in r]
    assert notes == [
        "1 paragraph(s) under course-facts headings ('Class Meetings') were "
        "not read: 'The class meets in the technical…' (paragraph 3). If they are "
        "outcomes, topics, assignments or readings, put them under a heading such "
        "as 'Learning Outcomes', 'Weekly Topics', 'Assignments' or 'Readings'."
    ]


# -- labels under a week of a schedule


def test_read_and_do_labels_under_a_week_choose_the_kind(tmp_path):
    program = _load(
        tmp_path,
        "LTA140.md",
        "# LTA 140 Acquisitions\n\n## Weekly Schedule\n\n"
        "### Week 1: Ordering from vendors\n\n"
        "- Read: Wilkinson, Chapter 3\n- Watch: GOBI ordering demo\n"
        "- **Do:** Purchase order worksheet\n- Quiz: Vendor vocabulary\n"
        "- Serials check-in\n\n"
        "### Week 2: Receiving\n\n"
        "Submit: Receiving log\n\nInvoice approval workflow\n",
    )
    rows = _rows(program)
    assert ("topic", "Ordering from vendors") in rows
    assert ("reading", "Wilkinson, Chapter 3") in rows
    assert ("reading", "GOBI ordering demo") in rows
    assert ("assessment", "Purchase order worksheet") in rows
    # a noun label names the work and stays
    assert ("assessment", "Quiz: Vendor vocabulary") in rows
    assert ("topic", "Serials check-in") in rows
    # a labelled paragraph does not switch the section: the next line is a topic
    assert ("assessment", "Receiving log") in rows
    assert ("topic", "Invoice approval workflow") in rows
    assert not [t for _, t in rows if t.startswith(("Read:", "Do:", "Submit:"))]


def test_a_label_outside_a_schedule_is_not_a_schedule_label(tmp_path):
    program = _load(
        tmp_path,
        "LTA141.md",
        "# LTA 141 Library Services\n\n## Learning Outcomes\n\n"
        "- Read: interpret a MARC record for a patron\n",
    )
    assert _rows(program) == [("outcome", "Read: interpret a MARC record for a patron")]


# -- bold pseudo-headings


def test_a_bold_line_naming_no_section_after_the_readings_starts_one(tmp_path):
    program = _load(
        tmp_path,
        "LTA150.md",
        "# LTA 150 Cataloging\n\n**Required Readings**\n\n"
        "* Chan, L. *Cataloging and Classification*, 4th ed.\n\n"
        "**Lab Etiquette**\n\n"
        "Leave the workroom terminals logged out and return the tool kits.\n\n"
        "**Learning Outcomes**\n\n- Copy-catalog a book in OCLC Connexion.\n",
    )
    rows = _rows(program)
    assert ("reading", "Chan, L. Cataloging and Classification, 4th ed.") in rows
    assert not [t for _, t in rows if "Etiquette" in t or "terminals" in t]
    assert ("outcome", "Copy-catalog a book in OCLC Connexion.") in rows
    assert any(
        "'Lab Etiquette' (1)" in r and "does not know" in r for r in _reasons(program)
    )


def test_a_bold_word_paragraph_after_the_description_starts_a_section(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 155 Library Technology", 1)
    document.add_heading("Course Description", 2)
    document.add_paragraph("Introduces the systems that run a library.")
    document.add_paragraph().add_run("Lab Etiquette").bold = True
    document.add_paragraph("Food and drink stay outside the computer lab.")
    document.add_heading("Learning Outcomes", 2)
    document.add_paragraph("Describe the modules of an ILS.", style="List Bullet")
    document.save(tmp_path / "LTA155.docx")
    program = la.load_syllabi(tmp_path)
    assert _rows(program) == [
        ("description", "Introduces the systems that run a library."),
        ("outcome", "Describe the modules of an ILS."),
    ]
    assert any("'Lab Etiquette' (1)" in r for r in _reasons(program))


def test_bold_assignment_titles_in_markdown_stay_assessments(tmp_path):
    program = _load(
        tmp_path,
        "LTA160.md",
        "# LTA 160 Collection Management\n\n## Assignments\n\n"
        "**Weeding Project**\n\nWeed one shelf range using CREW.\n\n"
        "**Vendor Comparison**\n\nCompare two vendors' approval plans.\n",
    )
    assert _rows(program) == [
        ("assessment", "Weeding Project"),
        ("assessment", "Weed one shelf range using CREW."),
        ("assessment", "Vendor Comparison"),
        ("assessment", "Compare two vendors' approval plans."),
    ]
    assert not [r for r in program.problems["reason"] if "not read" in r]


# -- signatures, contact lines, schedule changes


def test_an_email_signature_after_the_last_section_is_boilerplate(tmp_path):
    program = _load(
        tmp_path,
        "LTA170.txt",
        "LTA 170 Library Supervision\n\nLEARNING OUTCOMES\n"
        "- Build a desk schedule that covers every service point.\n\n"
        "READINGS\n- Giesecke, Practical Strategies for Library Managers.\n\n"
        "Best regards,\nMarcus\n\n--\nMarcus Bell | Library Director\n"
        "Eastfield College | (555) 310-8822\n",
    )
    texts = [t for _, t in _rows(program)]
    assert texts == [
        "Build a desk schedule that covers every service point.",
        "Giesecke, Practical Strategies for Library Managers.",
    ]
    assert int(program.courses["dropped_boilerplate"].iloc[0]) == 2


def test_a_line_of_contact_details_is_never_a_statement(tmp_path):
    program = _load(
        tmp_path,
        "LTA175.md",
        "# LTA 175 Reference\n\n## Learning Outcomes\n\n"
        "- Conduct a reference interview.\n\n## Readings\n\n"
        "- Cassell, Reference and Information Services.\n"
        "- Library help desk: refdesk@eastfield.edu\n"
        "- Phone: 555-310-8800 ext. 12\n",
    )
    texts = [t for _, t in _rows(program)]
    assert texts == [
        "Conduct a reference interview.",
        "Cassell, Reference and Information Services.",
    ]
    assert int(program.courses["dropped_boilerplate"].iloc[0]) == 2


def test_the_schedule_may_change_is_boilerplate_not_a_topic(tmp_path):
    program = _load(
        tmp_path,
        "LTA180.md",
        "# LTA 180 Circulation\n\n## Learning Outcomes\n\n- Shelve by call number.\n\n"
        "## Course Schedule\n\n"
        "Dates may be adjusted; changes will be posted on the course site.\n\n"
        "- Week 1: Patron registration\n",
    )
    assert ("topic", "Patron registration") in _rows(program)
    assert not [t for _, t in _rows(program) if "adjusted" in t]
    assert int(program.courses["dropped_boilerplate"].iloc[0]) == 1
