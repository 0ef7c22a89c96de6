"""PDF syllabi printed from Word: footnotes, a table whose header row repeats on
every page it runs over, and a ruled grading table's header row.

Each test builds its PDF with fpdf2 (superscripts set smaller and raised, as
Word prints them) and checks the statements and problems a user would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _ingest_helpers import drawn_pdf, ruled_table

import lta_align as la


def _pdf(tmp_path: Path, name: str, draw) -> Path:
    return drawn_pdf(tmp_path, name, draw, size=11)


def _write(pdf, text: str, mark: str = "", *, size: float = 11, h: float = 6):
    """One line of ``size`` text, ending in superscript ``mark`` if given."""
    pdf.set_font_size(size)
    pdf.write(h, text)
    if mark:
        pdf.set_font_size(size * 0.6)
        pdf.char_vpos = "SUP"
        pdf.write(h, mark)
        pdf.char_vpos = "LINE"
        pdf.set_font_size(size)
    pdf.write(h, "\n")


def _footnote(pdf, mark: str, text: str) -> None:
    pdf.set_font_size(5)
    pdf.char_vpos = "SUP"
    pdf.write(4, mark)
    pdf.char_vpos = "LINE"
    pdf.set_font_size(8)
    pdf.write(4, text + "\n")
    pdf.set_font_size(11)


def _read(path: Path):
    program = la.load_syllabi(path)
    st = program.statements
    return st, dict(zip(st.text, st.kind, strict=True)), program.problems


def test_footnotes_are_counted_as_notes_and_their_markers_leave_the_text(tmp_path):
    def draw(pdf):
        pdf.add_page()
        pdf.set_xy(10, 15)
        _write(pdf, "LTA 120 Cataloging and Classification")
        _write(pdf, "Course Description")
        _write(pdf, "Students practice copy cataloging in MARC21 records.", "1")
        _write(pdf, "Learning Outcomes")
        _write(pdf, "1. Assign Dewey numbers to nonfiction titles.", "2")
        _write(pdf, "2. Edit bibliographic records in the ILS.")
        pdf.set_xy(10, 268)
        _footnote(pdf, "1", "Meets the LSSC Cataloging competency set.")
        _footnote(pdf, "2", "Practice uses the college's training catalog.")

    st, kinds, problems = _read(_pdf(tmp_path, "LTA120.pdf", draw))
    shown = st[["kind", "text"]].to_string()
    assert (
        kinds.get("Students practice copy cataloging in MARC21 records.")
        == "description"
    ), shown
    assert kinds.get("Assign Dewey numbers to nonfiction titles.") == "outcome", shown
    assert kinds.get("Edit bibliographic records in the ILS.") == "outcome", shown
    assert not st.text.str.contains("competency set|training catalog").any(), shown
    notes = problems[problems.reason.str.contains("footnote")]
    assert len(notes) == 1 and notes.severity.iloc[0] == "info", problems
    assert "2 footnote(s)" in notes.reason.iloc[0]
    assert "Meets the LSSC Cataloging competency set." in notes.reason.iloc[0]


def test_small_print_without_a_footnote_number_stays_in_the_text(tmp_path):
    def draw(pdf):
        pdf.add_page()
        pdf.set_xy(10, 15)
        _write(pdf, "LTA 130 Reference Services")
        _write(pdf, "Learning Outcomes")
        _write(pdf, "1. Conduct a reference interview with a patron.", "1")
        _write(pdf, "2. Evaluate online sources for accuracy.")
        pdf.set_xy(10, 264)
        _write(pdf, "Weekly Topics", size=8, h=4)
        _write(pdf, "Ready reference and almanacs", size=8, h=4)
        _footnote(pdf, "1", "Interviews are practiced in pairs.")

    st, kinds, problems = _read(_pdf(tmp_path, "LTA130.pdf", draw))
    shown = st[["kind", "text"]].to_string()
    assert kinds.get("Conduct a reference interview with a patron.") == "outcome", shown
    assert kinds.get("Ready reference and almanacs") == "topic", shown
    assert not st.text.str.contains("practiced in pairs").any(), shown
    assert problems.reason.str.contains("1 footnote").any(), problems


def test_table_whose_header_repeats_on_the_next_page_joins_the_row_cut_in_two(
    tmp_path,
):
    header = ["Week", "Topic", "Reading", "Assignment"]

    def draw(pdf):
        pdf.add_page()
        pdf.set_xy(10, 15)
        _write(pdf, "LTA 140 Circulation Services")
        _write(pdf, "Learning Outcomes")
        _write(pdf, "1. Explain loan periods and renewals to patrons.", "1")
        _write(pdf, "Course Schedule")
        ruled_table(
            pdf,
            [
                header,
                ["1", "Circulation policies", "Ch. 1", "Policy summary"],
                ["2", "Holds, recalls and", "Ch. 3", "Holds practice"],
            ],
            y=50,
        )
        pdf.set_xy(10, 262)
        _footnote(pdf, "1", "Taught with the college's own ILS.")
        pdf.set_xy(10, 282)
        _write(pdf, "Harbor View College", size=9)
        pdf.add_page()
        pdf.set_xy(10, 8)
        _write(pdf, "Harbor View College", size=9)
        ruled_table(
            pdf,
            [
                header,
                ["", "interlibrary loan requests", "", ""],
                ["3", "Patron records and privacy", "Ch. 5", "Privacy quiz"],
            ],
            y=20,
        )

    st, kinds, problems = _read(_pdf(tmp_path, "LTA140.pdf", draw))
    shown = st[["kind", "text", "location"]].to_string()
    assert kinds.get("Holds, recalls and interlibrary loan requests") == "topic", shown
    assert not st.text.str.fullmatch("interlibrary loan requests").any(), shown
    assert kinds.get("Patron records and privacy") == "topic", shown
    assert kinds.get("Privacy quiz") == "assessment", shown
    assert kinds.get("Explain loan periods and renewals to patrons.") == "outcome"
    assert not st.text.str.contains("own ILS").any(), shown
    # the rows of page 2 are rows of the one schedule table
    loc = st.loc[st.text == "Patron records and privacy", "location"].iloc[0]
    assert "table 1 row 4" in loc, shown
    assert problems.reason.str.contains("1 footnote").any(), problems


@pytest.mark.parametrize("label", ["Weight", "Percent of grade"])
def test_grading_table_header_row_is_not_an_assessment(tmp_path, label):
    def draw(pdf):
        pdf.add_page()
        pdf.set_xy(10, 15)
        _write(pdf, "LTA 150 Collection Development")
        _write(pdf, "Course Schedule")
        ruled_table(
            pdf,
            [
                ["Week", "Topic", "Reading", "Assignment"],
                ["1", "Selection policies", "Ch. 2", "Policy review"],
            ],
            y=30,
        )
        pdf.set_xy(10, 60)
        _write(pdf, "Grading")
        pdf.set_y(70)
        with pdf.table(col_widths=(90, 40), width=130, line_height=6) as table:
            for cells in (
                ["Assignment", label],
                ["Weeding project", "60%"],
                ["Vendor comparison", "40%"],
            ):
                row = table.row()
                for cell in cells:
                    row.cell(cell)

    st, kinds, _ = _read(_pdf(tmp_path, "LTA150.pdf", draw))
    shown = st[["kind", "text", "location"]].to_string()
    assert kinds.get("Weeding project") == "assessment", shown
    assert kinds.get("Vendor comparison") == "assessment", shown
    assert not st.text.str.startswith("Assignment").any(), shown


def test_web_page_printed_by_chromium_keeps_its_drawn_bullets_and_headings(tmp_path):
    """Chromium draws list bullets as shapes and sets headings larger: its text
    layer alone is one run of lines."""

    def draw(pdf):
        pdf.set_producer("Skia/PDF m131")
        pdf.add_page()
        pdf.set_xy(10, 15)
        pdf.set_font("Helvetica", "B", 22)
        pdf.write(10, "Weeding the Small Library Collection\n")
        pdf.set_font("Helvetica", "", 11)
        pdf.set_xy(10, 32)
        pdf.write(5, "Workshop code: CE-214\n")
        pdf.set_xy(10, 42)
        pdf.write(5, "A hands-on workshop on keeping a small collection current and\n")
        pdf.write(5, "inviting, using the CREW method and circulation data.\n")
        pdf.set_xy(10, 58)
        pdf.set_font("Helvetica", "B", 11)
        pdf.write(5, "By the end of this workshop, participants will be able to:\n")
        pdf.set_font("Helvetica", "", 11)
        y = 66
        for item in (
            "Apply the MUSTIE criteria to a shelf of nonfiction.",
            "Run a circulation report to find items that have not circulated.",
            "Explain a weeding decision to a concerned patron.",
        ):
            pdf.circle(x=22, y=y + 2.5, radius=0.8, style="F")
            pdf.set_xy(26, y)
            pdf.write(5, item + "\n")
            y += 6
        pdf.set_xy(10, y + 6)
        pdf.set_font("Helvetica", "B", 16)
        pdf.write(8, "Venue Notes\n")
        pdf.set_font("Helvetica", "", 11)
        pdf.set_xy(10, y + 18)
        pdf.write(5, "The Cedar Falls branch library hosts the workshop room.\n")

    st, kinds, problems = _read(_pdf(tmp_path, "ce214.pdf", draw))
    shown = st[["kind", "text"]].to_string()
    for outcome in (
        "Apply the MUSTIE criteria to a shelf of nonfiction.",
        "Run a circulation report to find items that have not circulated.",
        "Explain a weeding decision to a concerned patron.",
    ):
        assert kinds.get(outcome) == "outcome", shown
    # a drawn heading lta-align does not know is named, its paragraph not read
    assert not st.text.str.contains("Venue Notes|workshop room").any(), shown
    assert problems.reason.str.contains("'Venue Notes'").any(), problems
    described = st.loc[st.kind == "description", "text"]
    assert described.str.startswith("A hands-on workshop").any(), shown
    assert not described.str.contains("MUSTIE").any(), shown
