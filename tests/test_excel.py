"""Excel matrix: sheets, layout, formula-injection safety, deterministic bytes."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from _factories import INJECTION, make_alignment
from hypothesis import given
from hypothesis import strategies as st

import lta_align as la
from lta_align._office import FORMULA_START
from lta_align._office import safe_cell_text as _safe_text
from lta_align.errors import OutputExistsError
from lta_align.excel import MATCH_SHEET_COLUMNS, to_excel

EXPECTED = Path(__file__).parent / "data" / "expected" / "excel_fake_dump.json"
SHEETS = [
    "Summary",
    "Matrix",
    "Matches",
    "Gaps",
    "Outcome quality",
    "Courses",
    "Framework",
    "Problems",
]


@pytest.fixture(scope="module")
def alignment():
    return make_alignment()


@pytest.fixture(scope="module")
def xlsx(alignment, tmp_path_factory) -> Path:
    return to_excel(alignment, tmp_path_factory.mktemp("x") / "alignment.xlsx")


@pytest.fixture(scope="module")
def wb(xlsx):
    return openpyxl.load_workbook(xlsx)


def _header(ws, row=1):
    return [c.value for c in ws[row]]


@given(st.text())
def test_safe_text_never_starts_with_a_formula_character(text):
    out = _safe_text(text)
    assert not out.startswith(FORMULA_START)
    if not any(c < " " and c not in "\t\n\r" for c in text):  # XML can hold it
        assert out == ("'" + text if text.startswith(FORMULA_START) else text)


@given(st.text(alphabet="=+-@\t\rab ", min_size=1))
def test_safe_text_keeps_the_text_after_the_quote(text):
    out = _safe_text(text)
    assert out in {text, "'" + text}


def test_to_excel_is_exposed_lazily():
    assert la.to_excel is to_excel


def test_workbook_has_the_sheets_in_order(wb):
    assert wb.sheetnames == SHEETS


def test_matches_sheet_header_row_1_has_reviewer_columns(wb):
    ws = wb["Matches"]
    header = _header(ws)
    assert header == MATCH_SHEET_COLUMNS
    for name in (
        "course_id",
        "statement_id",
        "competency_id",
        "statement",
        "competency",
        "score",
        "decision",
        "level",
        "comment",
    ):
        assert name in header
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref.startswith("A1:R")
    formulas = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert formulas == ['"accept,reject,add"', '"introduced,reinforced,mastered"']


def test_matches_sheet_prefills_existing_decisions(wb):
    ws = wb["Matches"]
    h = _header(ws)
    rows = [
        dict(zip(h, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    ]
    accepted = [r for r in rows if r["competency_id"] == "collection_management.10"]
    assert accepted[0]["decision"] == "accept"
    assert accepted[0]["level"] == "mastered"
    others = [r for r in rows if r["competency_id"] == "technology.1"]
    assert others[0]["decision"] in (None, "")


def test_injected_formula_comes_back_as_quoted_text(wb, xlsx):
    ws = wb["Matches"]
    col = _header(ws).index("statement") + 1
    cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
    hit = [c for c in cells if c.value and "HYPERLINK" in c.value]
    assert hit, "the injected statement is missing"
    assert hit[0].value == "'" + INJECTION
    assert hit[0].data_type == "s"
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_matrix_has_fills_symbols_frozen_panes_and_legend(wb, alignment):
    ws = wb["Matrix"]
    header = _header(ws, 4)
    assert header[:4] == ["Set", "Required", "#", "Competency"]
    assert "LTA 130" in header and header[-2:] == ["Program", "competency_id"]
    assert ws.freeze_panes == "E5"
    assert ws.auto_filter.ref.startswith("A4:")
    assert "covered" in ws["A2"].value
    # find cataloging 1 row, LTA 130 column
    col = header.index("LTA 130") + 1
    row = next(
        r
        for r in range(5, ws.max_row + 1)
        if ws.cell(row=r, column=header.index("competency_id") + 1).value
        == "cataloging_classification.1"
    )
    cell = ws.cell(row=row, column=col)
    assert cell.value == "\u25cf"
    assert cell.fill.fgColor.rgb.endswith("08519C")
    # the reviewer's level shows as a letter with the reviewed mark
    col140 = header.index("LTA 140") + 1
    row10 = next(
        r
        for r in range(5, ws.max_row + 1)
        if ws.cell(row=r, column=header.index("competency_id") + 1).value
        == "collection_management.10"
    )
    assert ws.cell(row=row10, column=col140).value == "\u25cf M*"
    n_comp = len(alignment.framework.competencies)
    assert ws.max_row == 4 + n_comp
    assert ws.column_dimensions["D"].width >= 40  # wraps; prints one page wide


def test_summary_shows_framework_version_note_and_verdict(wb):
    ws = wb["Summary"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    text = "\n".join(map(str, values))
    assert "version 2012" in text
    assert "paraphrase" in text
    assert "Not yet" in text
    assert "single course" in text and "across courses" in text
    assert "Legend" in text


def test_framework_sheet_has_texts_but_never_match_terms(wb, alignment):
    ws = wb["Framework"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    fw = alignment.framework
    assert f"{fw.name}, version {fw.version}" in text
    assert fw.competencies["text"].iloc[0] in text
    terms = [t for ts in fw.match_terms.values() for t in ts if len(t) > 25]
    assert terms, "framework has no long match terms to check"
    leaked = [
        t for t in terms if t in text and t not in " ".join(fw.competencies["text"])
    ]
    assert leaked == []


def test_gaps_courses_problems_sheets_have_content(wb):
    gaps = wb["Gaps"]
    assert _header(gaps)[:4] == ["Scope", "Set", "#", "Competency"]
    assert gaps.max_row > 10
    courses = wb["Courses"]
    assert "Primary set" in _header(courses)
    assert courses.max_row == 7
    problems = wb["Problems"]
    assert problems["A2"].value == "syllabi/broken.docx"


def test_two_exports_give_identical_bytes(alignment, tmp_path):
    a = to_excel(alignment, tmp_path / "a.xlsx").read_bytes()
    b = to_excel(alignment, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
        assert "lta-align" in core and "2000-01-01T00:00:00Z" in core


def test_to_excel_refuses_to_overwrite_an_edited_workbook(alignment, tmp_path):
    path = to_excel(alignment, tmp_path / "alignment.xlsx")
    assert to_excel(alignment, path) == path  # unedited: replaced quietly
    wb = openpyxl.load_workbook(path)
    wb["Matches"]["N2"] = "accept"
    wb.save(path)
    edited = path.read_bytes()
    with pytest.raises(OutputExistsError, match="alignment.xlsx"):
        to_excel(alignment, path)
    assert path.read_bytes() == edited
    to_excel(alignment, path, force=True)
    assert path.read_bytes() != edited


def _dump(wb) -> dict:
    out = {"sheets": wb.sheetnames}
    for name in ("Matrix", "Matches", "Gaps"):
        ws = wb[name]
        hdr = 4 if name == "Matrix" else 1
        out[name] = {
            "header": _header(ws, hdr),
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "max_row": ws.max_row,
            "row2": [
                ws.cell(row=hdr + 1, column=j).value
                for j in range(1, ws.max_column + 1)
            ],
        }
    return out


def test_workbook_matches_the_stored_snapshot(wb):
    dump = json.loads(json.dumps(_dump(wb)))
    if os.environ.get("LTA_UPDATE_SNAPSHOTS"):  # pragma: no cover
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text(
            json.dumps(dump, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    assert EXPECTED.exists(), "run with LTA_UPDATE_SNAPSHOTS=1 to write the snapshot"
    assert dump == json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_reviewer_edits_in_the_matches_sheet_flow_back_into_report_and_matrix(
    tmp_path, sample_alignment
):
    """Export, type a decision in Excel, import it, re-export: it shows as reviewed."""
    from lta_align import decisions as review

    a = sample_alignment
    path = to_excel(a, tmp_path / "alignment.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Matches"]
    h = _header(ws)
    row = next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, h.index("competency_id") + 1).value
        == "cataloging_classification.2"
        and ws.cell(r, h.index("course_id") + 1).value == "LTA130"
    )
    ws.cell(row, h.index("decision") + 1).value = "accept"
    ws.cell(row, h.index("level") + 1).value = "reinforced"
    wb.save(path)
    store = review.DecisionStore(tmp_path / "decisions.csv")
    review.import_review(path, store, reviewer="Test Reviewer")
    reviewed = review.apply_decisions(a, store)
    report = la.gap_report(reviewed)
    d = report.course_detail.set_index(["course_id", "competency_id"])
    assert d.loc[("LTA130", "cataloging_classification.2"), "reviewed"]
    assert d.loc[("LTA130", "cataloging_classification.2"), "level"] == "reinforced"
    again = openpyxl.load_workbook(to_excel(reviewed, tmp_path / "b.xlsx"))["Matrix"]
    hdr = _header(again, 4)
    r = next(
        r
        for r in range(5, again.max_row + 1)
        if again.cell(r, len(hdr)).value == "cataloging_classification.2"
    )
    assert again.cell(r, hdr.index("LTA 130") + 1).value == "\u25cf R*"


def test_summary_verdicts_carry_the_short_provisional_marker_and_one_note(wb):
    ws = wb["Summary"]
    rows = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=6).value
        for r in range(1, ws.max_row + 1)
    }
    youth = rows["Youth Services"]
    assert youth.endswith("(provisional*)") and "known only in part" not in youth
    assert "(provisional*)" not in rows["Technology"]
    notes = [k for k in rows if isinstance(k, str) and k.startswith("* Provisional")]
    assert len(notes) == 1
    assert "Youth Services" in notes[0] and "Supervision and Management" in notes[0]
    note_row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == notes[0]
    )
    assert ws.cell(note_row, 1).alignment.wrap_text
    # the merged note is tall enough for its wrapped lines
    assert ws.row_dimensions[note_row].height > 15


def test_summary_long_cells_wrap_within_readable_widths(wb):
    ws = wb["Summary"]
    assert ws.column_dimensions["F"].width <= 80
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and len(c.value) > 120 and c.column == 6:
                assert c.alignment.wrap_text, c.coordinate


def test_matrix_legend_sits_in_the_frozen_rows_and_prints_with_the_header(wb):
    ws = wb["Matrix"]
    top_left = ws.freeze_panes
    assert top_left == "E5"
    legend = {
        ws.cell(r, c).value: ws.cell(r, c).fill.fgColor.rgb
        for r in (2, 3)
        for c in range(1, 6)
        if ws.cell(r, c).value
    }
    covered = next(k for k in legend if k.endswith(" covered") and "\u25cf" in k)
    assert legend[covered].endswith("08519C")
    partial = next(k for k in legend if k.startswith("\u25d0"))
    assert legend[partial].endswith("C6DBEF")
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "4:4"


def test_gaps_sheet_has_an_action_column(wb):
    gaps = wb["Gaps"]
    header = _header(gaps)
    col = header.index("Action") + 1
    values = {gaps.cell(r, col).value for r in range(2, gaps.max_row + 1)}
    assert values <= {"strengthen", "add", "new", "unknown"} and "new" in values


# --- issue 13: a printed workbook a person can read --------------------------------
def test_print_setup_fits_only_narrow_sheets_and_never_shrinks_text_below_8pt(wb):
    from lta_align.excel._print import MIN_FIT_SCALE, WIDE_SCALE, _width_pt

    for ws in wb:
        assert ws.page_setup.orientation == "landscape", ws.title
        area = ws.print_area
        assert area, ws.title
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            last = openpyxl.utils.column_index_from_string(
                area.split(":")[-1].lstrip("$").rstrip("0123456789$").strip("$")
            )
            scale = (11 * 72 - 2 * 0.4 * 72) / _width_pt(ws, 1, last)
            assert scale >= MIN_FIT_SCALE, ws.title
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        else:
            assert (ws.page_setup.scale or 100) >= WIDE_SCALE, ws.title
    assert wb["Matches"].print_title_rows.replace("$", "") == "1:1"
    assert wb["Gaps"].print_title_cols.replace("$", "") == "C:D"


def test_matrix_prints_without_its_helper_id_column(wb):
    ws = wb["Matrix"]
    header = _header(ws, 4)
    last = ws.print_area.split(":")[-1].replace("$", "").rstrip("0123456789")
    assert openpyxl.utils.column_index_from_string(last) == header.index("Program") + 1


def test_headers_never_wrap_mid_word_and_their_row_is_tall_enough(wb):
    for name, row in (("Matches", 1), ("Courses", 1), ("Gaps", 1), ("Matrix", 4)):
        ws = wb[name]
        for cell in ws[row]:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            width = ws.column_dimensions[cell.column_letter].width
            longest = max(len(w) for w in cell.value.split())
            assert width >= longest * 1.1, (name, cell.value, width)
    courses = wb["Courses"]
    assert courses.row_dimensions[1].height >= 34  # "Primary score": two lines
