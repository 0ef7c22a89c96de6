"""Lines as people type them: bullets typed after a line break in one Word
paragraph, a citation wrapped before its edition, "no class" weeks in a
schedule, a word hyphenated at the end of a PDF table cell's line."""

from __future__ import annotations

import docx
from _ingest_helpers import kinds_and_texts as _rows
from docx.enum.text import WD_BREAK

import lta_align as la
from lta_align.ingest._blocks import join_broken_words


def test_typed_bullets_after_line_breaks_are_one_assignment_each(tmp_path):
    document = docx.Document()
    document.add_heading("LTA 155 Youth Services", 1)
    document.add_heading("Assignments", 2)
    p = document.add_paragraph("\u2022 Storytime demonstration (recorded) - 25%")
    run = p.add_run()
    run.add_break(WD_BREAK.LINE)
    p.add_run("\u2022 Annotated booklist of 20 titles - 25%")
    document.save(tmp_path / "LTA155.docx")
    assert _rows(la.load_syllabi(tmp_path)) == [
        ("assessment", "Storytime demonstration (recorded)"),
        ("assessment", "Annotated booklist of 20 titles"),
    ]


def test_a_citation_wrapped_before_its_edition_is_one_reading(tmp_path):
    (tmp_path / "LTA145.txt").write_text(
        "LTA 145 Collection Development\n\nREQUIRED TEXTS\n\n"
        "Johnson, Peggy. Fundamentals of Collection Development and Management.\n"
        "4th ed. ALA Editions, 2018.\n"
        "Disher, Wayne. Crash Course in Collection Development.\n"
        "2nd edition. Libraries Unlimited, 2014.\n",
        encoding="utf-8",
    )
    readings = [t for k, t in _rows(la.load_syllabi(tmp_path)) if k == "reading"]
    assert readings == [
        "Johnson, Peggy. Fundamentals of Collection Development and Management. "
        "4th ed. ALA Editions, 2018.",
        "Disher, Wayne. Crash Course in Collection Development. "
        "2nd edition. Libraries Unlimited, 2014.",
    ]


def test_no_class_weeks_are_not_topics(tmp_path):
    (tmp_path / "LTA135.md").write_text(
        "# LTA 135 Circulation\n\n## Tentative Schedule\n\n"
        "| Week | Topic |\n|---|---|\n"
        "| 1 | Patron registration |\n"
        "| 2 | Holiday - no class |\n"
        "| 3 | Spring Break \u2013 no class |\n"
        "| 4 | Holds, recalls and interlibrary loan |\n",
        encoding="utf-8",
    )
    assert _rows(la.load_syllabi(tmp_path)) == [
        ("topic", "Patron registration"),
        ("topic", "Holds, recalls and interlibrary loan"),
    ]


def test_a_word_hyphenated_at_a_cell_line_end_is_joined():
    assert join_broken_words("Fines, fees and fine- free policies") == (
        "Fines, fees and fine-free policies"
    )
    # a suspended hyphen and a spaced dash stay as typed
    assert join_broken_words("Pre- and post-test") == "Pre- and post-test"
    assert join_broken_words("Week 3 - Holds") == "Week 3 - Holds"
