"""Property-based tests (hypothesis): text helpers, ids, writers and readers.

Each property is something a user relies on: ids that survive re-typing a
syllabus, readers that fail with a clear message rather than a traceback, and
writers that give back exactly what they were given.
"""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lta_align._utils import OutputGuard, atomic_write_bytes
from lta_align.columns import SEVERITIES
from lta_align.text import clean, normalise, statement_id

FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# --- text ------------------------------------------------------------------------
# a soft hyphen or zero-width space between a letter and a combining accent:
# removing it after NFKC used to leave an uncomposed pair for the next pass
_SOFT_HYPHEN_ACCENT = "cafe\u00ad\u0301 menu"
_ZWSP_ACCENT = "x\u200b\u0301y"


@FAST
@given(st.text())
@example(_SOFT_HYPHEN_ACCENT)
@example(_ZWSP_ACCENT)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@FAST
@given(st.text())
@example(_SOFT_HYPHEN_ACCENT)
@example(_ZWSP_ACCENT)
def test_clean_is_idempotent_and_has_no_edge_or_double_spaces(text):
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip()
    assert "  " not in once
    # nothing that Word (python-docx), XML or Excel would refuse
    assert not any(unicodedata.category(c) == "Cc" for c in once)


# Syllabus text as faculty type it: Latin letters (accented too), digits,
# punctuation, one space between words.
_WORD = st.text(
    alphabet=string.ascii_letters + string.digits + "éñüçàÉÑÜ'-.,;:()&/",
    min_size=1,
    max_size=12,
)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
_GAP = st.sampled_from([" ", "  ", "\t", "\n", " \n ", "\u00a0", "\r\n"])


@FAST
@given(_SENTENCE, st.data())
def test_statement_id_survives_case_and_spacing_changes(sentence, data):
    course = "LTA101"
    words = sentence.split(" ")
    gaps = [data.draw(_GAP) for _ in words[1:]]
    respaced = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    variants = [
        sentence.upper(),
        sentence.lower(),
        sentence.swapcase(),
        f"  {respaced}\n",
    ]
    expected = statement_id(course, sentence)
    assert expected.startswith("LTA101-")
    for variant in variants:
        assert statement_id(course, variant) == expected, variant


@FAST
@given(_SENTENCE, _SENTENCE)
def test_statement_id_differs_for_different_words(a, b):
    if normalise(a) != normalise(b):
        assert statement_id("LTA101", a) != statement_id("LTA101", b)
    assert statement_id("LTA101", a) != statement_id("LTA102", a)


# --- writers ---------------------------------------------------------------------
_NAME = (
    st.text(
        alphabet=string.ascii_letters + string.digits + "_- éñ", min_size=1, max_size=20
    )
    .map(lambda s: s.strip() or "x")
    .map(lambda s: f"{s}.csv")
)


@FAST
@given(payload=st.binary(max_size=4096), name=_NAME)
def test_output_guard_round_trips_and_a_rerun_may_replace_its_own_file(
    tmp_path_factory, payload, name
):
    out = tmp_path_factory.mktemp("out")
    path = OutputGuard(out).write_bytes(name, payload)
    assert path.read_bytes() == payload

    again = payload[::-1] + b"!"
    OutputGuard(out).write_bytes(name, again)  # unedited: allowed
    assert path.read_bytes() == again
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [name, ".lta-align-manifest.json"]
    )


@FAST
@given(text=st.text(max_size=2000))
def test_output_guard_text_round_trips_as_utf8(tmp_path_factory, text):
    out = tmp_path_factory.mktemp("out")
    path = OutputGuard(out).write_text("report.md", text)
    assert path.read_bytes().decode("utf-8") == text


@FAST
@given(first=st.binary(max_size=2048), second=st.binary(max_size=2048))
def test_atomic_write_bytes_leaves_exactly_the_last_payload(
    tmp_path_factory, first, second
):
    folder = tmp_path_factory.mktemp("atomic")
    target = folder / "decisions.csv"
    atomic_write_bytes(target, first)
    atomic_write_bytes(target, second)
    assert target.read_bytes() == second
    assert [p.name for p in folder.iterdir()] == ["decisions.csv"]


# --- readers: arbitrary bytes give statements or an InputFileError ------------------
def _load_strict(path):
    """Return the Program, or the InputFileError it raised; anything else fails."""
    import lta_align as la
    from lta_align.errors import InputFileError

    try:
        return la.load_syllabi(path, strict=True)
    except InputFileError as exc:
        assert str(path.name) in str(exc)
        assert exc.reason
        return exc


_TEXT_SUFFIXES = [".md", ".txt", ".html", ".csv"]


@FAST
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=1500).map(lambda t: t.encode("utf-8")),
        st.text(max_size=800).map(lambda t: t.encode("utf-16")),
    ),
    suffix=st.sampled_from([*_TEXT_SUFFIXES, ".pdf", ".docx", ".xlsx"]),
)
def test_readers_given_arbitrary_bytes_return_statements_or_input_file_error(
    tmp_path_factory, data, suffix
):
    from lta_align.columns import STATEMENT_COLUMNS

    if suffix == ".pdf":
        data = b"%PDF-1.4\n" + data
    path = tmp_path_factory.mktemp("bytes") / f"LTA101 file{suffix}"
    path.write_bytes(data)

    result = _load_strict(path)

    if not isinstance(result, Exception):
        assert list(result.statements.columns[:6]) == STATEMENT_COLUMNS
        assert result.statements["text"].map(lambda t: t == t.strip() and t).all()


def _docx_template() -> bytes:
    import io

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


_XMLISH = st.lists(
    st.sampled_from(
        [
            "<w:p>",
            "</w:p>",
            "<w:r><w:t>",
            "</w:t></w:r>",
            "<w:tbl>",
            "</w:tbl>",
            "&amp;",
            "&xxe;",
            "<!DOCTYPE x>",
            "<w:body>",
            "</w:body>",
            "\x00",
            "é",
            "LTA 101 Outcomes",
            "Describe the catalog.",
            "<",
            ">",
            "]]>",
        ]
    ),
    max_size=40,
).map("".join)


@pytest.mark.slow
@FAST
@given(body=st.one_of(_XMLISH, st.binary(max_size=500).map(bytes.hex)))
def test_docx_with_arbitrary_document_xml_gives_statements_or_input_file_error(
    tmp_path_factory, body
):
    import io
    import zipfile

    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
        '2006/main"><w:body>'
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_docx_template())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = src.read(info.filename)
            if info.filename == "word/document.xml":
                member = (head + body + "</w:body></w:document>").encode("utf-8")
            dst.writestr(info.filename, member)
    path = tmp_path_factory.mktemp("docx") / "LTA101.docx"
    path.write_bytes(out.getvalue())

    _load_strict(path)  # asserts the only exception is an InputFileError


# --- outcome sheets: random headers and cells ----------------------------------------
def _header_strategy():
    from lta_align.ingest._sheets import HEADER_VARIANTS

    spellings = [v for variants in HEADER_VARIANTS.values() for v in variants]
    shown = st.sampled_from(
        [
            *spellings,
            "Course Title",
            "Learning Outcome",
            "SLO #",
            "COURSE",
            "Type",
            "Notes",
            "Credits",
            "",
            "Week",
        ]
    )
    return st.lists(shown, min_size=1, max_size=6)


_CELL = st.one_of(
    st.just(""),
    st.sampled_from(["LTA 101", "LTA101", "outcome", "topic", "reading", "n/a"]),
    st.text(max_size=30),
    _SENTENCE,
)


@FAST
@given(
    header=_header_strategy(),
    rows=st.lists(st.lists(_CELL, max_size=7), max_size=8),
    title_rows=st.integers(0, 3),
)
def test_outcome_sheet_rows_parse_to_canonical_rows_or_none(header, rows, title_rows):
    from lta_align.columns import STATEMENT_KINDS
    from lta_align.ingest._sheets import rows_to_statements

    table = [["Riverbend outcomes"]] * title_rows + [header] + rows
    notes = []
    result = rows_to_statements(table, sheet=None, notes=notes, source_label="x.csv")

    if result is None:
        return
    text_cells = {c for row in table for c in row}
    for row in result:
        assert row.kind in STATEMENT_KINDS
        assert row.course_code and row.text
        assert row.text in text_cells
    assert all(n.severity in SEVERITIES for n in notes)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    header=_header_strategy(),
    rows=st.lists(st.lists(_CELL, max_size=6), max_size=6),
    as_xlsx=st.booleans(),
)
def test_outcome_sheet_files_give_canonical_columns_or_a_clear_error(
    tmp_path_factory, header, rows, as_xlsx
):
    import csv

    from lta_align.columns import STATEMENT_COLUMNS, STATEMENT_KINDS

    folder = tmp_path_factory.mktemp("sheet")
    if as_xlsx:
        import openpyxl
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as _ILLEGAL

        path = folder / "outcomes.xlsx"
        wb = openpyxl.Workbook()
        for row in [header, *rows]:
            # a leading "=" would be stored as a formula without a value
            wb.active.append([_ILLEGAL.sub("", c).lstrip("=") for c in row])
        wb.save(path)
    else:
        path = folder / "outcomes.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *rows])

    result = _load_strict(path)

    if not isinstance(result, Exception):
        assert list(result.statements.columns[:6]) == STATEMENT_COLUMNS
        assert set(result.statements["kind"]) <= set(STATEMENT_KINDS)
        assert list(result.courses.columns[:4]) == [
            "course_id",
            "course_code",
            "course_title",
            "source",
        ]
