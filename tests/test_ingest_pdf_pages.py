"""PDF layouts: page markers, typeset hyphens, two columns beside a table, a
table continued on the next page, headings wrapped in a narrow column.

Each test builds its PDF with fpdf2 and checks the statements a user would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _ingest_helpers import DEJAVU, drawn_pdf, ruled_table

import lta_align as la
from lta_align.ingest._blocks import parse_lines

needs_font = pytest.mark.skipif(
    not DEJAVU.exists(), reason="DejaVu Sans is needed for U+2010"
)


def _lines(pdf, lines, x: float = 10, y: float = 15, h: float = 6) -> float:
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(0, h, line)
        y += h
    return y


def _statements(path: Path):
    program = la.load_syllabi(path)
    st = program.statements
    return st, dict(zip(st.text, st.kind, strict=True))


# --- 1. page markers --------------------------------------------------------


def test_line_mentioning_a_page_is_a_reading_and_page_footers_are_dropped(tmp_path):
    def draw(pdf):
        pdf.add_page()
        _lines(
            pdf,
            [
                "LTA 140 Collection Development",
                "Learning Outcomes",
                "1. Apply a selection policy to choose materials for a branch library.",
                "2. Weed a collection using circulation data and condition.",
                "Page 1 of 2",
            ],
        )
        pdf.add_page()
        _lines(
            pdf,
            [
                "Required Readings",
                "Read the weeding and deselection handout, page 4 to 9",
                "Spring 2027 | Page 2 of 2",
            ],
        )

    st, kinds = _statements(drawn_pdf(tmp_path, "LTA140.pdf", draw))
    assert kinds.get("Read the weeding and deselection handout, page 4 to 9") == (
        "reading"
    ), st[["kind", "text"]].to_string()
    assert not st.text.str.contains("Page 1 of 2").any()
    assert not st.text.str.contains("Spring 2027").any()


def test_single_page_marker_lines_are_dropped_but_page_sentences_kept(tmp_path):
    def draw(pdf):
        pdf.add_page()
        _lines(
            pdf,
            [
                "LTA 150 Circulation Services",
                "Course Topics",
                "Circulation policies on page 3 of the staff manual",
                "Patron registration and privacy",
                "- 1 -",
            ],
        )

    st, _ = _statements(drawn_pdf(tmp_path, "LTA150.pdf", draw))
    texts = " ".join(st.text)
    assert "Circulation policies on page 3 of the staff manual" in texts
    assert "- 1 -" not in texts


# --- 2. typeset hyphens -----------------------------------------------------


@needs_font
def test_chromium_hyphen_at_line_end_joins_the_word(tmp_path):
    def draw(pdf):
        pdf.add_page()
        _lines(
            pdf,
            [
                "LTA 160 Interlibrary Loan",
                "Learning Outcomes",
                "1. Process a borrowing request through a re\u2010",
                "source sharing network for a patron.",
                "2. Explain how copyright limits inter \u2010",
                "library photocopy requests.",
                "3. Use the self-",
                "checkout station and explain its privacy settings.",
            ],
        )

    st, kinds = _statements(drawn_pdf(tmp_path, "LTA160.pdf", draw, unicode=True))
    outcomes = st[st.kind == "outcome"].text.tolist()
    assert outcomes == [
        "Process a borrowing request through a resource sharing network for a patron.",
        "Explain how copyright limits interlibrary photocopy requests.",
        "Use the self-checkout station and explain its privacy settings.",
    ], outcomes


def test_soft_hyphen_at_line_end_joins_and_inside_a_line_disappears():
    blocks = parse_lines(
        [
            (
                "line 1",
                "Catalog serials with the CON\u00adSER standard and cross\u00ad",
            ),
            ("line 2", "walks for older records."),
        ],
        loose=True,
    )
    assert [b.text for b in blocks] == [
        "Catalog serials with the CONSER standard and crosswalks for older records."
    ]


def test_typed_dash_after_a_space_is_not_a_broken_word():
    blocks = parse_lines(
        [("line 1", "Shelving practice -"), ("line 2", "dewey ranges by floor")],
        loose=True,
    )
    assert blocks[0].text == "Shelving practice -\ndewey ranges by floor"


# --- 3. two columns beside a table ------------------------------------------

_LEFT = [
    "Learning Outcomes",
    "1. Describe the stages of the",
    "reference interview with a patron.",
    "2. Evaluate online sources for",
    "accuracy, authority and currency.",
    "3. Answer directional and ready",
    "reference questions at the desk.",
]
_RIGHT = [
    "Required Texts",
    "Cassell, K. A. (2023). Reference",
    "and information services. ALA.",
    "Course Topics",
    "Ready reference sources",
    "Virtual reference services",
    "Readers' advisory basics",
]


def test_two_column_page_with_a_schedule_table_reads_each_column_whole(tmp_path):
    def draw(pdf):
        pdf.add_page()
        _lines(pdf, ["LTA 125 Reference and Information Services"], y=12)
        _lines(pdf, _LEFT, x=10, y=25)
        _lines(pdf, _RIGHT, x=110, y=25)
        _lines(pdf, ["Course Schedule"], y=80)
        ruled_table(
            pdf,
            [
                ["Week", "Topic", "Reading", "Assignment"],
                ["1", "The reference interview", "Cassell ch. 1", "Interview log"],
                ["2", "Evaluating websites", "Cassell ch. 4", "Source review"],
            ],
            y=88,
        )

    st, kinds = _statements(drawn_pdf(tmp_path, "LTA125.pdf", draw))
    table = st[st.kind == "outcome"].text.tolist()
    assert table == [
        "Describe the stages of the reference interview with a patron.",
        "Evaluate online sources for accuracy, authority and currency.",
        "Answer directional and ready reference questions at the desk.",
    ], st[["kind", "text"]].to_string()
    assert kinds.get("Cassell, K. A. (2023). Reference and information services. ALA.")
    for topic in ["Ready reference sources", "Virtual reference services"]:
        assert kinds.get(topic) == "topic", st[["kind", "text"]].to_string()
    assert kinds.get("Evaluating websites") == "topic"
    assert kinds.get("Source review") == "assessment"


# --- 4. a table continued on the next page ----------------------------------


def test_ruled_table_continued_without_its_header_keeps_its_columns(tmp_path):
    def draw(pdf):
        pdf.add_page()
        y = _lines(
            pdf,
            [
                "LTA 115 Technical Services",
                "Learning Outcomes",
                "1. Catalog print materials using RDA and MARC.",
                "Course Schedule",
            ],
        )
        ruled_table(
            pdf,
            [
                ["Week", "Topic", "Reading", "Assignment"],
                ["1", "Acquisitions workflow", "Evans, ch. 2", "Vendor comparison"],
                ["2", "Serials check-in and", "Evans, ch. 8", "Claiming memo"],
            ],
            y=y + 4,
        )
        _lines(pdf, ["Mesa Ridge College"], y=280)
        pdf.add_page()
        _lines(pdf, ["Mesa Ridge College"], y=8)
        ruled_table(
            pdf,
            [
                ["", "claiming", "", ""],
                ["3", "Book repair and mending", "Greenfield, ch. 4", "Repair lab"],
            ],
            y=20,
            headings=False,
        )

    st, kinds = _statements(drawn_pdf(tmp_path, "LTA115.pdf", draw))
    shown = st[["kind", "text", "location"]].to_string()
    assert kinds.get("Book repair and mending") == "topic", shown
    assert kinds.get("Greenfield, ch. 4") == "reading", shown
    assert kinds.get("Repair lab") == "assessment", shown
    assert kinds.get("Serials check-in and claiming") == "topic", shown
    assert not st.text.str.fullmatch("claiming").any(), shown


def test_table_on_next_page_after_text_is_not_a_continuation(tmp_path):
    def draw(pdf):
        pdf.add_page()
        y = _lines(pdf, ["LTA 115 Technical Services", "Course Schedule"])
        ruled_table(
            pdf,
            [
                ["Week", "Topic", "Reading", "Assignment"],
                ["1", "Acquisitions workflow", "Evans, ch. 2", "Vendor comparison"],
            ],
            y=y + 4,
        )
        pdf.add_page()
        y = _lines(pdf, ["Grading Scale"])
        ruled_table(pdf, [["A", "90-100", "B", "80-89"]], y=y + 4, headings=False)

    st, kinds = _statements(drawn_pdf(tmp_path, "LTA115b.pdf", draw))
    assert kinds.get("Acquisitions workflow") == "topic"
    assert not (st.text == "90-100").any(), st[["kind", "text"]].to_string()


# --- 5. a heading wrapped in a narrow column --------------------------------


def test_heading_wrapped_over_two_lines_is_one_heading():
    blocks = parse_lines(
        [
            ("l1", "Practice with the library's own circulation system."),
            ("l2", "Student Learning"),
            ("l3", "Outcomes"),
            ("l4", "1. Check materials in and out for patrons."),
        ],
        loose=True,
    )
    texts = [b.text for b in blocks]
    assert texts == [
        "Practice with the library's own circulation system.",
        "Student Learning Outcomes",
        "Check materials in and out for patrons.",
    ], texts


def test_short_topic_line_before_a_heading_stays_a_topic():
    blocks = parse_lines(
        [
            ("l1", "Course Topics"),
            ("l2", "Copy cataloging"),
            ("l3", "Authority Control"),
            ("l4", "Assessment"),
        ],
        loose=True,
    )
    assert "Authority Control Assessment" not in [b.text for b in blocks]
