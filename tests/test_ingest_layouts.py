"""One test per layout class of the generated corpus (scripts/build_layout_corpus.py).

Each test builds its files into a temporary folder and checks what a correct
reader finds: statement counts by kind, course facts, and text that must never
become a statement (running headers, navigation, dates glued to topics).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import lta_align as la

_SCRIPT = Path(__file__).parents[1] / "scripts" / "build_layout_corpus.py"
_spec = importlib.util.spec_from_file_location("build_layout_corpus", _SCRIPT)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

needs_font = pytest.mark.skipif(
    not corpus.DEJAVU.exists(), reason="DejaVu Sans is needed for the bullet glyphs"
)


def _check(tmp_path: Path, builder: str, **build):
    built = corpus.build(tmp_path, only=builder, **build)
    ((name, facts),) = built.items()
    program = la.load_syllabi(tmp_path / name)
    st = program.statements
    counts = st["kind"].value_counts().to_dict()
    assert counts == facts["counts"], st[["kind", "text"]].to_string()
    if "code" in facts:
        assert program.courses.course_code.tolist() == [facts["code"]]
    if "credits" in facts:
        assert program.courses.credits.tolist() == [facts["credits"]]
    if "title" in facts:
        assert program.courses.course_title.tolist() == [facts["title"]]
    if "courses" in facts:
        assert len(program.courses) == facts["courses"]
    if "problems" in facts:
        assert program.problems.empty, program.problems.to_string()
    for text in facts.get("present", []):
        assert text in set(st.text), text
    kinds = dict(zip(st.text, st.kind, strict=True))
    for text, kind in facts.get("kinds", {}).items():
        assert kinds.get(text) == kind, (text, kinds.get(text))
    for bad in facts.get("absent", []):
        assert not st.text.str.contains(bad, regex=False).any(), bad
    return program


@needs_font
def test_word_exported_pdf_glyph_bullets_are_one_outcome_each(tmp_path):
    _check(tmp_path, "pdf_word_bullets")


def test_word_glyph_bullets_pasted_into_text_are_one_outcome_each(tmp_path):
    _check(tmp_path, "txt_word_bullets")


@pytest.mark.parametrize(
    "builder", ["docx_outcome_assessment_table", "html_outcome_assessment_table"]
)
def test_outcome_assessment_table_keeps_both_columns_with_their_kinds(
    tmp_path, builder
):
    program = _check(tmp_path, builder)
    assert program.statements.location.str.contains("column").any()


@pytest.mark.parametrize(
    "builder",
    [
        "pdf_schedule_table",
        "pdf_schedule_borderless",
        "docx_schedule_table",
        "md_schedule_table",
    ],
)
def test_schedule_table_cells_become_topics_and_readings_without_dates(
    tmp_path, builder
):
    _check(tmp_path, builder)


def test_catalog_page_reads_title_units_and_description_and_drops_the_site(
    tmp_path,
):
    _check(tmp_path, "html_catalog_page")


def test_credit_hours_line_under_a_docx_title_gives_the_credits(tmp_path):
    _check(tmp_path, "docx_credit_hours_header")


def test_running_headers_and_footers_on_most_pdf_pages_are_dropped(tmp_path):
    _check(tmp_path, "pdf_running_headers")


@pytest.mark.parametrize(
    "builder", ["xlsx_title_block_slo_number", "csv_title_block_slo_number"]
)
def test_sheet_with_title_block_and_slo_number_column(tmp_path, builder):
    _check(tmp_path, builder)


def test_long_outcome_sheet_is_read_whole(tmp_path):
    # the corpus script writes 100,000 rows; 20,000 keep this test quick, and the
    # text limit is lowered far below the sheet's size to show it does not apply
    built = corpus.build(tmp_path, only="xlsx_many_rows", rows=20_000)
    ((name, facts),) = built.items()
    program = la.load_syllabi(
        tmp_path / name, limits=la.ingest.Limits(max_text_chars=100_000)
    )
    assert len(program.statements) == facts["counts"]["outcome"]
    assert program.problems.empty


def test_bullet_glyph_on_its_own_line_starts_the_next_item(tmp_path):
    # what a PDF text layer gives when the glyph sits on another baseline
    lines = ["LTA 103 Library Basics", "", "Learning Outcomes"]
    for glyph, text in zip(corpus.WORD_BULLETS, corpus.OUTCOMES, strict=True):
        lines += [glyph, text]
    path = tmp_path / "LTA103.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = la.load_syllabi(path)
    assert program.statements.text.tolist() == corpus.OUTCOMES
