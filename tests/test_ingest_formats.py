"""Each syllabus format is read into the right course, statements and kinds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import lta_align as la
from lta_align.ingest._headings import classify_heading

DATA = Path(__file__).parent / "data" / "ingest"


def _by_kind(program, kind: str) -> list[str]:
    st = program.statements
    return st.loc[st["kind"] == kind, "text"].tolist()


# --- Word ---------------------------------------------------------------------


def test_docx_reads_heading_styles_lists_and_tables_in_document_order(make_docx):
    path = make_docx(
        "syllabus.docx",
        [
            ("Title", "LTA 131 Descriptive Cataloging"),
            ("Normal", "Credits: 4"),
            ("Heading 1", "Course Description"),
            ("Normal", "Students describe library materials using RDA."),
            ("Heading 1", "Student Learning Outcomes"),
            ("Normal", "Upon successful completion students will be able to:"),
            ("List Number", "Transcribe the title and statement of responsibility."),
            ("List Number", "Record the edition and publication statements."),
            ("Heading 2", "Weekly Topics"),
            (
                "table",
                [
                    ["Week", "Topic"],
                    ["1", "RDA and the catalog"],
                    ["2", "Title and responsibility"],
                ],
            ),
            ("Heading 1", "Assessment"),
            ("List Bullet", "Cataloging worksheets: 40%"),
            ("List Bullet", "Final project (60%)"),
            ("Heading 1", "Required Texts"),
            ("List Bullet", "Maxwell, R. Maxwell's Handbook for RDA."),
            ("Heading 1", "Academic Integrity"),
            ("Normal", "All work must be your own."),
        ],
    )
    program = la.load_syllabi(path)
    course = program.courses.iloc[0]
    assert (course["course_id"], course["course_code"]) == ("LTA131", "LTA 131")
    assert course["course_title"] == "Descriptive Cataloging"
    assert course["credits"] == "4"
    assert course["source_format"] == "docx"
    assert course["dropped_boilerplate"] == 1
    assert _by_kind(program, "description") == [
        "Students describe library materials using RDA."
    ]
    assert _by_kind(program, "outcome") == [
        "Transcribe the title and statement of responsibility.",
        "Record the edition and publication statements.",
    ]
    assert _by_kind(program, "topic") == [
        "RDA and the catalog",
        "Title and responsibility",
    ]
    assert _by_kind(program, "assessment") == ["Cataloging worksheets", "Final project"]
    assert _by_kind(program, "reading") == ["Maxwell, R. Maxwell's Handbook for RDA."]
    locations = program.statements["location"].tolist()
    assert "table 1 row 2" in locations
    assert all(loc.startswith(("paragraph", "table")) for loc in locations)


def test_docx_bold_paragraphs_act_as_headings(make_docx):
    path = make_docx(
        "LTA 140 syllabus.docx",
        [
            ("bold", "COURSE OBJECTIVES"),
            ("Normal", "1. Select materials using review sources."),
            ("Normal", "2. Weed the collection using the CREW method."),
            ("bold", "Grading Scale"),
            ("Normal", "A 90-100"),
        ],
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "outcome") == [
        "Select materials using review sources.",
        "Weed the collection using the CREW method.",
    ]
    assert program.courses["course_id"].tolist() == ["LTA140"]
    assert program.courses["dropped_boilerplate"].tolist() == [1]


def test_docx_outcomes_in_a_table_give_one_outcome_per_row(make_docx):
    path = make_docx(
        "lta130.docx",
        [
            ("Heading 1", "LTA 130 Cataloging"),
            ("Heading 1", "Course Outcomes"),
            (
                "table",
                [
                    ["#", "Learning Outcome", "Assessed by"],
                    ["1", "Assign Dewey call numbers to books.", "Exercise 2"],
                    ["2", "Edit MARC records in the ILS.", "Lab 4"],
                ],
            ),
        ],
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "outcome") == [
        "Assign Dewey call numbers to books.",
        "Edit MARC records in the ILS.",
    ]


# --- PDF ----------------------------------------------------------------------


def test_pdf_joins_wrapped_outcomes_and_drops_running_headers(make_pdf):
    header = "Example College - LTA Program"
    path = make_pdf(
        "lta110.pdf",
        [
            [
                header,
                "LTA 110 Library Technology",
                "Credits: 3",
                "Course Outcomes",
                "Students will be able to:",
                "1. Troubleshoot common hardware, software and network problems and",
                "escalate issues to the help desk.",
                "2. Help patrons use public computers and printers.",
                "LTA 110 - Page 1 of 2",
            ],
            [
                header,
                "Course Schedule",
                "- Week 1: Computers in libraries",
                "- Week 2: Networks and wireless access",
                "Graded Work",
                "- Lab exercises: 40%",
                "LTA 110 - Page 2 of 2",
            ],
        ],
    )
    program = la.load_syllabi(path)
    assert program.problems.empty, program.problems
    assert program.courses["course_title"].tolist() == ["Library Technology"]
    assert _by_kind(program, "outcome") == [
        "Troubleshoot common hardware, software and network problems and escalate "
        "issues to the help desk.",
        "Help patrons use public computers and printers.",
    ]
    assert _by_kind(program, "topic") == [
        "Computers in libraries",
        "Networks and wireless access",
    ]
    assert _by_kind(program, "assessment") == ["Lab exercises"]
    st = program.statements.set_index("text")
    assert st.loc["Lab exercises", "location"] == "page 2"
    assert not program.statements["text"].str.contains("Example College").any()


def test_pdf_reads_only_max_pages_and_says_so(make_pdf):
    pages = [
        ["LTA 120 Reference", "Learning Outcomes", "- Conduct a reference interview."]
    ]
    pages += [[f"- Week {n}: Topic number {n} here"] for n in range(1, 5)]
    path = make_pdf("lta120.pdf", pages)
    program = la.load_syllabi(path, limits=la.ingest.Limits(max_pages=2))
    problems = program.problems
    assert problems["severity"].tolist() == ["warning"]
    assert "only the first 2 were read" in problems["reason"].iloc[0]
    assert "Limits(max_pages" in problems["reason"].iloc[0]


# --- Markdown and plain text -------------------------------------------------


def test_markdown_reads_headings_wrapped_bullets_tables_and_label_course_line(
    write_file,
):
    path = write_file(
        "syllabus.md",
        "# Fall 2026 syllabus\n\n"
        "Course: LTA 160 Youth Services\n\n"
        "**Course Competencies**\n\n"
        "* Plan and present a storytime for preschool children,\n"
        "  including early literacy tips for caregivers.\n"
        "* Recommend books by reading level.\n\n"
        "## Course Calendar\n\n"
        "| Week | Date | Topics |\n|---|---|---|\n"
        "| 1 | Jan 12 | Child development |\n| 2 | Jan 19 | Early literacy |\n"
        "| 3 | Jan 26 | Spring break |\n\n"
        "## Textbooks\n\n1. Smith, *Storytimes for Everyone*. ALA, 2020.\n",
    )
    program = la.load_syllabi(path)
    course = program.courses.iloc[0]
    assert (course["course_code"], course["course_title"]) == (
        "LTA 160",
        "Youth Services",
    )
    assert _by_kind(program, "outcome") == [
        "Plan and present a storytime for preschool children, including early "
        "literacy tips for caregivers.",
        "Recommend books by reading level.",
    ]
    assert _by_kind(program, "topic") == ["Child development", "Early literacy"]
    assert _by_kind(program, "reading") == [
        "Smith, Storytimes for Everyone. ALA, 2020."
    ]
    assert program.statements["location"].str.startswith("line ").all()


def test_plain_text_reads_label_headings_units_and_dot_leader_weights():
    program = la.load_syllabi(DATA / "variant_headings.txt")
    course = program.courses.iloc[0]
    assert course["course_code"] == "LIB 120"
    assert course["course_title"] == "Technical Services Basics"
    assert course["credits"] == "3"
    assert _by_kind(program, "description") == [
        "Introduces acquisitions, cataloging and processing of library materials."
    ]
    assert _by_kind(program, "outcome") == [
        "Describe the workflow of a technical services department from ordering to "
        "shelving.",
        "Create a brief MARC record for a book using copy cataloging.",
        "Process new materials for circulation.",
    ]
    assert _by_kind(program, "topic") == [
        "Acquisitions and ordering",
        "Copy cataloging and MARC",
        "Processing and mending",
    ]
    # weights are stripped, the "Total: 100%" line is dropped
    assert _by_kind(program, "assessment") == [
        "Order file exercise",
        "Cataloging worksheet",
    ]
    assert course["dropped_boilerplate"] == 2
    assert program.problems.empty


def test_text_in_windows_1252_is_read_with_a_warning():
    program = la.load_syllabi(DATA / "cp1252.txt")
    assert program.courses["course_title"].tolist() == ["Café Cataloging"]
    assert _by_kind(program, "outcome")[0] == (
        "Explain the rôle of the catalog \u2013 including authority control."
    )
    assert program.problems["severity"].tolist() == ["warning"]
    assert "Windows-1252" in program.problems["reason"].iloc[0]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_text_with_a_byte_order_mark_is_decoded(write_file, encoding):
    path = write_file(
        "LTA 105.txt",
        "LTA 105 Communication\n\nObjectives\n\n- Listen actively to patrons.\n",
        encoding=encoding,
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "outcome") == ["Listen actively to patrons."]
    assert program.courses["course_code"].tolist() == ["LTA 105"]
    assert program.problems.empty


# --- HTML -----------------------------------------------------------------------


def test_html_drops_scripts_navigation_and_footer_and_unescapes_entities():
    program = la.load_syllabi(DATA / "nav_clutter.html")
    course = program.courses.iloc[0]
    assert course["course_code"] == "LIB 210"
    assert course["course_title"] == "Archives & Special Collections"
    assert course["credits"] == "4"
    text = " ".join(program.statements["text"])
    for clutter in (
        "Apply Now",
        "do not read me",
        "font-family",
        "2026 Example College",
    ):
        assert clutter not in text
    assert _by_kind(program, "outcome") == [
        "Describe the life cycle of records and the difference between archives & "
        "libraries.",
        "Arrange a small collection and write a finding aid using DACS.",
        "Handle fragile materials safely \u2014 including photographs & maps.",
    ]
    assert _by_kind(program, "topic") == [
        "What is an archive?",
        "Appraisal and acquisition of records",
    ]
    # "(40 points)" and "- 30%" are weights; "100 points" alone is dropped
    assert _by_kind(program, "assessment") == [
        "Finding aid project",
        "Preservation survey",
    ]
    assert _by_kind(program, "description") == [
        "Students learn how archives acquire, arrange & describe unique materials."
    ]
    assert course["dropped_boilerplate"] == 1  # the Title IX paragraph


def test_html_lms_menus_in_plain_divs_are_left_out_and_links_in_content_kept(
    write_file,
):
    # an LMS page saved from the browser: its menus are plain divs and lists
    path = write_file(
        "LIB101.html",
        """<html><body>
<div class="ic-app-header"><a href="/">Account</a> <a href="/d">Dashboard</a>
 <a href="/c">Courses</a> <a href="/cal">Calendar</a> <a href="/i">Inbox</a></div>
<div id="left-side"><ul><li><a href="/h">Home</a></li>
<li><a href="/a">Announcements</a></li><li><a href="/m">Modules</a></li>
<li><a href="/g">Grades</a></li></ul></div>
<div id="content"><h1>LIB 101 Introduction to Library Services</h1>
<h2>Course Learning Outcomes</h2>
<ul><li>Describe the mission of public, academic, school and special libraries.</li>
<li><a href="/lbr">Explain the Library Bill of Rights</a></li></ul>
<h2>Required Readings</h2>
<ul><li><a href="/r1">ALA Code of Ethics</a></li>
<li><a href="/r2">Freedom to Read Statement</a></li></ul>
</div></body></html>""",
    )
    program = la.load_syllabi(path)
    course = program.courses.iloc[0]
    assert course["course_code"] == "LIB 101"
    assert course["course_title"] == "Introduction to Library Services"
    text = " ".join(program.statements["text"])
    for menu in ("Dashboard", "Home", "Announcements", "Modules", "Grades"):
        assert menu not in text
    # after the first heading a link is content: an outcome, a reading list
    assert _by_kind(program, "outcome") == [
        "Describe the mission of public, academic, school and special libraries.",
        "Explain the Library Bill of Rights",
    ]
    assert _by_kind(program, "reading") == [
        "ALA Code of Ethics",
        "Freedom to Read Statement",
    ]


def test_html_page_without_headings_keeps_its_links(write_file):
    path = write_file(
        "LTA 120.html",
        "<html><body><p>LTA 120 Reference Services</p><p>Readings</p><ul>"
        '<li><a href="/a">Reference Interview Guidelines</a></li>'
        '<li><a href="/b">RUSA Behavioral Guidelines</a></li></ul></body></html>',
    )
    text = " ".join(la.load_syllabi(path).statements["text"])
    assert "Reference Interview Guidelines" in text
    assert "RUSA Behavioral Guidelines" in text


# --- segmentation rules -------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Student Learning Outcomes", "outcome"),
        ("Course Objectives", "outcome"),
        ("COURSE OUTCOMES", "outcome"),
        ("Competencies", "outcome"),
        ("3. Learning Objectives:", "outcome"),
        ("Course Schedule", "topic"),
        ("Weekly Topics", "topic"),
        ("Topical Outline", "topic"),
        ("Course Calendar", "topic"),
        ("Assignments and Evaluation", "assessment"),
        ("Assessment", "assessment"),
        ("Graded Work", "assessment"),
        ("Methods of Evaluation", "assessment"),
        ("Required Texts", "reading"),
        ("Required Readings", "reading"),
        ("Textbooks", "reading"),
        ("Catalog Description", "description"),
        ("Method of Instruction", "methods"),
        ("Academic Honesty", "boilerplate"),
        ("Attendance Policy", "boilerplate"),
        ("Disability Services", "boilerplate"),
        ("Accessibility", "boilerplate"),
        ("Accessibility and Assistive Technology", None),  # a topic, not a policy
        ("Grading Scale", "boilerplate"),
        ("Title IX", "boilerplate"),
        ("Office Hours", "boilerplate"),
        ("Late Work", "boilerplate"),
        ("Riverbend Community College", None),
        ("Course Learning Outcomes (CLOs)", "outcome"),
        ("Program Learning Outcomes", "info"),
        ("Institutional Learning Outcomes (ISLOs)", "info"),
    ],
)
def test_heading_classifier_recognises_real_world_variants(heading, kind):
    assert classify_heading(heading) == kind


def test_duplicate_statements_keep_the_first_and_the_stronger_kind(write_file):
    path = write_file(
        "lta170.md",
        "# LTA 170 Supervision\n\n## Weekly Topics\n\n- Week 1: Hiring library staff\n"
        "- Week 2: Budgets\n\n## Learning Outcomes\n\n- Hiring library staff\n"
        "- Prepare a simple budget.\n- Prepare a  simple budget\n",
    )
    program = la.load_syllabi(path)
    st = program.statements
    assert st["text"].tolist() == [
        "Hiring library staff",
        "Budgets",
        "Prepare a simple budget.",
    ]
    assert st["kind"].tolist() == ["outcome", "topic", "outcome"]
    assert st["statement_id"].is_unique


def test_course_code_falls_back_to_the_file_name_with_an_info_note(write_file):
    path = write_file(
        "LTA150_access_services.md",
        "# Access Services\n\n## Outcomes\n\n- Check items in and out.\n",
    )
    program = la.load_syllabi(path)
    assert program.courses["course_id"].tolist() == ["LTA150"]
    assert program.courses["course_title"].tolist() == ["Access Services"]
    assert program.problems["severity"].tolist() == ["info"]
    assert "file name" in program.problems["reason"].iloc[0]


def test_statement_ids_are_course_id_plus_text_hash(write_file):
    path = write_file(
        "a.md", "# LTA 101 Intro\n\n## Outcomes\n\n- Explain library values.\n"
    )
    st = la.load_syllabi(path).statements
    assert st["statement_id"].iloc[0] == la.text.statement_id(
        "LTA101", "Explain library values."
    )


def test_unbulleted_lines_split_into_statements_and_weights_are_not_headings(
    write_file,
):
    path = write_file(
        "LIB115.txt",
        "LIB 115 Library Materials\n\nCOURSE OBJECTIVES\nStudents will:\n"
        "Identify the parts of a MARC record.\n"
        "Describe the role of OCLC in shared cataloging and explain how copy "
        "cataloging\nsaves time for small libraries.\nApply LCSH headings\n\n"
        "TOPICS\nCataloging basics\nReference sources\nCirculation\n"
        "Textbook selection\n\nCourse Requirements\nMidterm exam 25%\n"
        "Final project 25%\nParticipation 50%\n\nInstructor: Dr. X\nPhone: 555-1212\n",
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "outcome") == [
        "Identify the parts of a MARC record.",
        "Describe the role of OCLC in shared cataloging and explain how copy "
        "cataloging saves time for small libraries.",
        "Apply LCSH headings",
    ]
    # "Textbook selection" is a topic line, not a "Textbooks" heading
    assert _by_kind(program, "topic") == [
        "Cataloging basics",
        "Reference sources",
        "Circulation",
        "Textbook selection",
    ]
    assert _by_kind(program, "assessment") == [
        "Midterm exam",
        "Final project",
        "Participation",
    ]
    st = program.statements.set_index("text")["location"]
    assert st["Apply LCSH headings"] == "line 8"
    assert program.courses["dropped_boilerplate"].tolist() == [2]


def test_markdown_bold_label_headings_and_a_session_table(write_file):
    path = write_file(
        "LIB116.md",
        "**LIB 116 \u2014 Library Services to Adults**\n\n**Learning Outcomes:**\n"
        "1. Conduct readers' advisory interviews with adult patrons.\n"
        "2. Build displays that promote genre fiction.\n\n**Course Schedule:**\n\n"
        "| Session | Date | Topic | Reading |\n|---|---|---|---|\n"
        "| 1 | 9/1 | Genre fiction | Saricks ch. 1 |\n"
        "| 2 | 9/8 | Nonfiction for adults | Saricks ch. 2 |\n\n"
        "**Evaluation**\n- Genre study (30 pts)\n- Display project (40 pts)\n",
    )
    program = la.load_syllabi(path)
    assert program.courses["course_title"].tolist() == ["Library Services to Adults"]
    assert _by_kind(program, "outcome") == [
        "Conduct readers' advisory interviews with adult patrons.",
        "Build displays that promote genre fiction.",
    ]
    assert _by_kind(program, "topic") == ["Genre fiction", "Nonfiction for adults"]
    assert _by_kind(program, "assessment") == ["Genre study", "Display project"]


def test_html_statements_are_located_by_source_line():
    program = la.load_syllabi(DATA / "nav_clutter.html")
    st = program.statements.set_index("text")["location"]
    assert st["Arrange a small collection and write a finding aid using DACS."] == (
        "line 17"
    )
    assert st["What is an archive?"] == "table 1 row 2"


def test_repaired_pdf_damage_is_an_info_note_and_nothing_leaks(make_pdf, caplog):
    import re

    path = make_pdf(
        "LTA110.pdf",
        [
            [
                "LTA 110 Library Technology",
                "Course Outcomes",
                "1. Help patrons use public computers.",
            ]
        ],
    )
    data = re.sub(rb"startxref\s+\d+", b"startxref\n999999", path.read_bytes())
    path.write_bytes(data)
    with caplog.at_level(logging.DEBUG):
        program = la.load_syllabi(path)  # filterwarnings=error: no warning escapes
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert _by_kind(program, "outcome") == ["Help patrons use public computers."]
    assert program.problems["severity"].tolist() == ["info"]
    assert "repaired while reading" in program.problems["reason"].iloc[0]


def test_code_after_the_title_and_a_prerequisite_line_do_not_confuse_the_course(
    make_docx,
):
    path = make_docx(
        "syllabus.docx",
        [
            ("Title", "Reference and Information Services (LTA 120)"),
            ("Normal", "Prerequisite: LTA 101"),
            ("Heading 1", "Course Objectives"),
            ("List Paragraph", "Conduct a reference interview."),
        ],
    )
    program = la.load_syllabi(path)
    course = program.courses.iloc[0]
    assert course["course_id"] == "LTA120"
    assert course["course_title"] == "Reference and Information Services"
    assert program.problems.empty


def test_prerequisite_line_before_the_course_line_is_not_the_course_code(write_file):
    path = write_file(
        "syllabus.txt",
        "Prerequisite: LTA 101\nCourse: LTA 150 Access Services\n\n"
        "Learning Outcomes\n\n- Check items out and in.\n",
    )
    program = la.load_syllabi(path)
    assert program.courses["course_id"].tolist() == ["LTA150"]
    assert program.courses["course_title"].tolist() == ["Access Services"]


def test_docx_layout_table_with_section_names_in_the_first_column(make_docx):
    path = make_docx(
        "LTA105.docx",
        [
            ("Title", "LTA 105 Communication"),
            (
                "table",
                [
                    ["Course Description", "Communication skills for library staff."],
                    [
                        "Course Objectives",
                        "1. Listen actively to patrons.\n"
                        "2. Explain a policy in plain language.",
                    ],
                    ["Office Hours", "Mondays 10-11 in room 216"],
                ],
            ),
        ],
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "description") == [
        "Communication skills for library staff."
    ]
    assert _by_kind(program, "outcome") == [
        "Listen actively to patrons.",
        "Explain a policy in plain language.",
    ]
    assert program.courses["dropped_boilerplate"].tolist() == [1]


def test_docx_content_controls_are_read(make_docx):
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    path = make_docx(
        "LTA110.docx",
        [
            ("Title", "LTA 110 Library Technology"),
            ("Heading 1", "Course Outcomes"),
            ("List Number", "Troubleshoot public printers."),
        ],
    )
    document = docx.Document(str(path))
    body = document.element.body
    item = body.findall(qn("w:p"))[-1]
    sdt = etree.SubElement(body, qn("w:sdt"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    body.remove(item)
    content.append(item)
    body.remove(sdt)
    body.insert(2, sdt)
    document.save(str(path))
    assert _by_kind(la.load_syllabi(path), "outcome") == [
        "Troubleshoot public printers."
    ]


def test_outline_numbered_headings_and_program_outcomes_are_not_course_outcomes(
    write_file,
):
    path = write_file(
        "LIB201.txt",
        "LIB 201 Reader Services\n\nI. COURSE DESCRIPTION\nReaders' advisory for "
        "adults.\n\nII. STUDENT LEARNING OUTCOMES\nA. Conduct a readers' advisory "
        "interview.\nB. Describe the appeal of genre fiction.\n\n"
        "III. PROGRAM LEARNING OUTCOMES\n1. Graduates will serve diverse communities."
        "\n\nIV. TOPICS\nWeek 1 (Aug 24): Appeal factors\nWeek 2 (Aug 31): Genre "
        "fiction\n\nV. EVALUATION\nBook talks 30%\n",
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "description") == ["Readers' advisory for adults."]
    assert _by_kind(program, "outcome") == [
        "Conduct a readers' advisory interview.",
        "Describe the appeal of genre fiction.",
    ]
    assert _by_kind(program, "topic") == ["Appeal factors", "Genre fiction"]
    assert _by_kind(program, "assessment") == ["Book talks"]


def test_course_facts_inside_the_description_are_not_description(write_file):
    path = write_file(
        "LTA140.md",
        "# LTA 140 Acquisitions\n\n## Course Description\n\nHow libraries buy "
        "materials.\n\nPrerequisite: LTA 101\n\n## Outcomes\n\n- Order materials.\n",
    )
    program = la.load_syllabi(path)
    assert _by_kind(program, "description") == ["How libraries buy materials."]


def test_words_broken_at_a_line_end_are_joined(make_pdf):
    path = make_pdf(
        "LTA150.pdf",
        [
            [
                "LTA 150 Access Services",
                "Course Outcomes",
                "1. Follow inter-",
                "library loan codes and reciprocal borrowing rules.",
            ]
        ],
    )
    assert _by_kind(la.load_syllabi(path), "outcome") == [
        "Follow inter-library loan codes and reciprocal borrowing rules."
    ]


def test_html_line_breaks_separate_outcomes_written_in_one_paragraph(write_file):
    path = write_file(
        "LTA160.html",
        "<h1>LTA 160 Youth Services</h1><p><strong>Learning Outcomes</strong></p>"
        "<p>1. Plan a storytime.<br>2. Recommend books\n   by reading level.<br/>"
        "3. Explain CIPA.</p>",
    )
    assert _by_kind(la.load_syllabi(path), "outcome") == [
        "Plan a storytime.",
        "Recommend books by reading level.",
        "Explain CIPA.",
    ]


@pytest.mark.parametrize(
    "header",
    [
        "LTA 140: Collection Development (3 credits)",
        "LTA 140 Collection Development [3 Units]",
    ],
)
def test_credits_in_brackets_after_the_title_leave_no_bracket(tmp_path, header):
    text = (
        f"{header}\n\nLearning Outcomes\n- Weed a collection using the CREW method.\n"
    )
    (tmp_path / "syllabus.txt").write_text(text, encoding="utf-8")
    program = la.load_syllabi(tmp_path)
    course = program.courses.iloc[0]
    assert (course["course_code"], course["course_title"], course["credits"]) == (
        "LTA 140",
        "Collection Development",
        "3",
    )


@pytest.mark.parametrize(
    "header",
    [
        "LTA 150 Access Services \u2014 Fall 2026",
        "LTA 150: Access Services Syllabus",
        "LTA 150 Access Services (Spring 2025)",
        "LTA 150 Access Services, Section 01, Fall 2026",
        "Syllabus: LTA 150 Access Services",
        "Course Syllabus - LTA 150 Access Services",
    ],
)
def test_the_term_section_and_syllabus_label_are_not_the_title(tmp_path, header):
    text = (
        f"{header}\n\nLearning Outcomes\n- Explain circulation policies to patrons.\n"
    )
    (tmp_path / "syllabus.txt").write_text(text, encoding="utf-8")
    course = la.load_syllabi(tmp_path).courses.iloc[0]
    assert (course["course_code"], course["course_title"]) == (
        "LTA 150",
        "Access Services",
    )


def test_a_prerequisite_line_is_not_the_course_code(tmp_path):
    text = (
        "Prerequisite: LTA 101\n\nLTA 150 Access Services\n\nLearning Outcomes\n"
        "- Explain circulation policies to patrons.\n"
    )
    (tmp_path / "syllabus.txt").write_text(text, encoding="utf-8")
    assert la.load_syllabi(tmp_path).courses["course_code"].tolist() == ["LTA 150"]


def test_the_line_after_a_title_line_is_not_part_of_the_title(tmp_path):
    text = (
        "LTA 110 Library Technology, 3 Credit Hours\nSpring 2026, Online\n\n"
        "Learning Outcomes\n- Troubleshoot public computers and printers.\n"
    )
    (tmp_path / "syllabus.txt").write_text(text, encoding="utf-8")
    course = la.load_syllabi(tmp_path).courses.iloc[0]
    assert (course["course_title"], course["credits"]) == ("Library Technology", "3")
