"""Layouts found by a tester: HTML tables with ``rowspan``/``colspan`` cells,
email text whose bullets were hard-wrapped before their weight, Markdown with
YAML front matter and blockquotes."""

from __future__ import annotations

import warnings

from _ingest_helpers import kinds_and_texts as _rows

import lta_align as la
from lta_align.ingest.html._reader import _parse
from lta_align.ingest.html._table_spans import MAX_SPAN_COLUMNS


def _load(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no learning outcomes found"
        return la.load_syllabi(tmp_path)


def _page(table: str) -> str:
    return (
        "<html><body><h1>LIB 210 Reference Services</h1><h2>Course Schedule</h2>"
        f"<table>{table}</table></body></html>"
    )


# --- HTML: rowspan and colspan ----------------------------------------------------

WEEKS_SPANNING_TWO_ROWS = _page(
    "<tr><th>Week</th><th>Topic</th><th>Assignment</th></tr>"
    '<tr><td rowspan="2">Week 4</td><td>The reference interview</td>'
    "<td>Observe a reference desk</td></tr>"
    "<tr><td>Ready reference sources</td><td>Almanac scavenger hunt</td></tr>"
    '<tr><td rowspan="2">Week 5</td><td>Government information</td>'
    "<td>Census data worksheet</td></tr>"
    "<tr><td>Health information</td><td>MedlinePlus evaluation</td></tr>"
)


def test_html_rows_under_a_spanned_week_cell_keep_their_topic_and_assignment(
    tmp_path,
):
    program = _load(tmp_path, "lib210.html", WEEKS_SPANNING_TWO_ROWS)
    assert _rows(program) == [
        ("topic", "The reference interview"),
        ("assessment", "Observe a reference desk"),
        ("topic", "Ready reference sources"),
        ("assessment", "Almanac scavenger hunt"),
        ("topic", "Government information"),
        ("assessment", "Census data worksheet"),
        ("topic", "Health information"),
        ("assessment", "MedlinePlus evaluation"),
    ]
    # the continuation row's cells are in the header's columns
    st = program.statements
    where = dict(zip(st["text"], st["location"], strict=True))
    assert where["Almanac scavenger hunt"] == "table 1 row 3 column 3"


def test_html_spanned_week_is_repeated_and_spanned_content_is_read_once():
    parser = _parse(
        _page(
            "<tr><th>Week</th><th>Topic</th><th>Reading</th></tr>"
            '<tr><td rowspan="2">Week 9</td><td>Weeding</td>'
            '<td rowspan="2">Evans, Developing Library Collections, chapter on '
            "deselection</td></tr>"
            "<tr><td>Collection evaluation</td></tr>"
        )
    )
    cells = [b.cells for b in parser.blocks if b.role == "row"]
    assert cells[1:] == [
        (
            "Week 9",
            "Weeding",
            "Evans, Developing Library Collections, chapter on deselection",
        ),
        ("Week 9", "Collection evaluation", ""),
    ]


def test_html_header_cell_spanning_two_columns_lines_up_the_columns_after_it(
    tmp_path,
):
    program = _load(
        tmp_path,
        "lib215.html",
        _page(
            '<tr><th colspan="2">When</th><th>Topic</th><th>Assignment</th></tr>'
            "<tr><td>Week 2</td><td>Sept. 9</td><td>Serials check-in</td>"
            "<td>Claim a missing issue</td></tr>"
            "<tr><td>Week 3</td><td>Sept. 16</td><td>Interlibrary loan</td>"
            "<td>Process an ILL request</td></tr>"
        ),
    )
    assert _rows(program) == [
        ("topic", "Serials check-in"),
        ("assessment", "Claim a missing issue"),
        ("topic", "Interlibrary loan"),
        ("assessment", "Process an ILL request"),
    ]


def test_html_absurd_spans_are_capped_and_rows_of_only_spanned_cells_dropped():
    parser = _parse(
        _page(
            "<tr><th>Week</th><th>Topic</th></tr>"
            '<tr><td rowspan="100000" colspan="100000">1</td><td>Shelving</td></tr>'
            + "<tr></tr>" * 50
            + "<tr><td>Shelf reading</td></tr>"
            + '<tr><td rowspan="0">2</td><td>Inventory</td></tr>'
        )
    )
    rows = [b for b in parser.blocks if b.role == "row"]
    assert [b.location for b in rows] == [
        "table 1 row 1",
        "table 1 row 2",
        "table 1 row 3",
        "table 1 row 4",
    ]
    assert all(len(b.cells) <= MAX_SPAN_COLUMNS + 2 for b in rows)
    assert rows[1].cells[-1] == "Shelving"
    assert rows[2].cells[0] == "1" and rows[2].cells[-1] == "Shelf reading"
    assert "Inventory" in rows[3].cells


def test_html_nested_table_spans_do_not_leak_into_the_outer_table():
    parser = _parse(
        _page(
            "<tr><th>Week</th><th>Topic</th></tr>"
            "<tr><td>6</td><td>Circulation"
            '<table><tr><td rowspan="5">Inner</td></tr></table></td></tr>'
            "<tr><td>7</td><td>Patron records</td></tr>"
        )
    )
    rows = [b.cells for b in parser.blocks if b.role == "row"]
    assert rows[-1] == ("7", "Patron records")


# --- plain text: wrapped bullets and weights ----------------------------------

EMAIL = """LIB 120 Circulation Services (3 credits)

ASSIGNMENTS
- Circulation policy comparison (two public libraries and one academic
  library) - 20%
- Shelving accuracy test, timed and scored by the supervisor - 15%
* Patron record audit for expired accounts and duplicate
  registrations - 25%
- Final exam - 40%
"""


def test_text_bullet_wrapped_before_its_weight_is_one_item(tmp_path):
    program = _load(tmp_path, "lib120.txt", EMAIL)
    assert _rows(program) == [
        (
            "assessment",
            "Circulation policy comparison (two public libraries and one academic "
            "library)",
        ),
        ("assessment", "Shelving accuracy test, timed and scored by the supervisor"),
        (
            "assessment",
            "Patron record audit for expired accounts and duplicate registrations",
        ),
        ("assessment", "Final exam"),
    ]


def test_text_weight_lines_after_a_sentence_stay_separate_items(tmp_path):
    program = _load(
        tmp_path,
        "lib125.txt",
        "LIB 125 Library Customer Service\n\nGRADING\n"
        "Grades are weighted as follows.\n"
        "Desk observation report 20%\n"
        "Role-play scenarios 30%\n"
        "Final project 50%\n",
    )
    texts = list(program.statements["text"])
    for name in ("Desk observation report", "Role-play scenarios", "Final project"):
        assert any(t.startswith(name) for t in texts), texts
    assert not any("follows" in t and "Desk" in t for t in texts)


def test_text_paragraph_line_continued_in_lower_case_before_a_weight(tmp_path):
    program = _load(
        tmp_path,
        "lib130.txt",
        "LIB 130 Technical Services\n\nASSESSMENTS\n"
        "- Processing lab: label, cover and security-tag new books for\n"
        "the branch collection 30%\n",
    )
    texts = list(program.statements["text"])
    assert len(texts) == 1 and texts[0].startswith("Processing lab")
    assert "branch collection" in texts[0]


# --- Markdown: front matter and blockquotes -----------------------------------

FRONT_MATTER = """---
title: "LIB 140 Collection Development"
course_code: LIB 140
credits: 3
term: Fall 2026
instructor: R. Alvarez
layout: syllabus
tags: [selection, weeding, budgets]
---

## Topics

- Selection policies
- Weeding with the CREW method
"""


def test_markdown_front_matter_gives_the_course_and_no_statements(tmp_path):
    program = _load(tmp_path, "collection.md", FRONT_MATTER)
    course = program.courses.iloc[0]
    assert course["course_code"] == "LIB 140"
    assert course["course_title"] == "Collection Development"
    assert _rows(program) == [
        ("topic", "Selection policies"),
        ("topic", "Weeding with the CREW method"),
    ]
    # locations are the lines of the original file
    assert list(program.statements["location"]) == ["line 13", "line 14"]
    assert not any("syllabus" in r for r in program.problems["reason"])


def test_markdown_front_matter_values_over_several_lines(tmp_path):
    program = _load(
        tmp_path,
        "acq.md",
        "---\ncode: LIB 150\ncourse_title: >\n  Acquisitions and\n  Vendor Relations\n"
        "instructors:\n  - P. Shah\n  - L. Boyd\n---\n\n"
        "## Topics\n\n- Approval plans\n",
    )
    course = program.courses.iloc[0]
    assert course["course_code"] == "LIB 150"
    assert course["course_title"] == "Acquisitions and Vendor Relations"
    assert _rows(program) == [("topic", "Approval plans")]


def test_markdown_rule_above_ordinary_text_is_not_front_matter(tmp_path):
    program = _load(
        tmp_path,
        "lib160.md",
        "---\n# LIB 160 Archives Basics\n\nIntroduces the arrangement and "
        "description of archival collections in small libraries and museums.\n"
        "---\n\n## Topics\n\n- Finding aids\n",
    )
    assert program.courses.iloc[0]["course_code"] == "LIB 160"
    assert ("topic", "Finding aids") in _rows(program)


def test_markdown_blockquote_marker_is_removed(tmp_path):
    program = _load(
        tmp_path,
        "lib170.md",
        "# LIB 170 School Library Services\n\n## Topics\n\n"
        "> **Reminder:** bring a picture book to every class.\n\n"
        "> - Storytime planning\n> - Book talks\n",
    )
    texts = list(program.statements["text"])
    assert "Storytime planning" in texts and "Book talks" in texts
    assert not any(t.startswith(">") for t in texts)
    assert any(t.startswith("Reminder: bring a picture book") for t in texts)


def test_text_email_quote_markers_are_removed(tmp_path):
    program = _load(
        tmp_path,
        "lib180.txt",
        "LIB 180 Library Technology\n\n> TOPICS\n> - Integrated library systems\n"
        "> - Self-checkout kiosks\n",
    )
    assert _rows(program) == [
        ("topic", "Integrated library systems"),
        ("topic", "Self-checkout kiosks"),
    ]
