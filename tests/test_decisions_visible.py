"""Issue 13: every decision visible in the outputs; unmatched statements reviewable."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from _review_factories import TickingClock, make_alignment, sid

from lta_align.decisions import DecisionStore, apply_decisions, import_review
from lta_align.excel import MATCH_SHEET_COLUMNS, to_excel
from lta_align.outputs import write_outputs

CAT3 = "cataloging_classification.3"
CAT7 = "cataloging_classification.7"


@pytest.fixture
def store(tmp_path):
    return DecisionStore(tmp_path / "decisions.csv", clock=TickingClock())


def _rows(path) -> list[dict]:
    ws = openpyxl.load_workbook(path)["Matches"]
    header = [c.value for c in ws[1]]
    return [
        dict(zip(header, r, strict=True))
        for r in ws.iter_rows(min_row=2, values_only=True)
    ]


def test_rejected_match_stays_in_matches_csv_and_sheet_with_its_comment(
    tmp_path, store
):
    store.reject(sid(0), CAT3, reviewer="A", note="too general")
    reviewed = apply_decisions(make_alignment(), store)
    out = tmp_path / "out"
    write_outputs(reviewed, out)
    csv = pd.read_csv(out / "matches.csv", keep_default_na=False)
    assert list(csv.columns[:7]) == [
        "course_id",
        "statement_id",
        "competency_id",
        "set_id",
        "score",
        "rank",
        "ambiguous",
    ]
    row = csv[(csv.statement_id == sid(0)) & (csv.competency_id == CAT3)]
    assert row[["decision", "note"]].values.tolist() == [["reject", "too general"]]
    sheet = [
        r
        for r in _rows(out / "alignment.xlsx")
        if r["statement_id"] == sid(0) and r["competency_id"] == CAT3
    ]
    assert len(sheet) == 1
    assert (sheet[0]["decision"], sheet[0]["comment"]) == ("reject", "too general")
    assert sheet[0]["match_strength"] == "rejected"
    assert sheet[0]["course_status"] == "not covered"


def test_matches_sheet_names_the_match_strength_apart_from_the_course_status(
    tmp_path,
):
    assert "status" not in MATCH_SHEET_COLUMNS
    assert {"match_strength", "course_status"} <= set(MATCH_SHEET_COLUMNS)
    rows = _rows(to_excel(make_alignment(), tmp_path / "alignment.xlsx"))
    # statement 0 -> CAT2 is a rank-2 match at 0.55 while the course covers CAT2?
    weak = [r for r in rows if r["statement_id"] == sid(2)]
    assert weak[0]["match_strength"] in {"partial", "covered", "weak"}
    assert all(
        r["match_strength"]
        in {"covered", "partial", "weak", "accepted", "added", "rejected", "no match"}
        for r in rows
    )


def test_statement_that_matches_nothing_is_a_row_a_reviewer_can_add_from(
    tmp_path, store
):
    path = to_excel(make_alignment(), tmp_path / "alignment.xlsx")
    alone = [r for r in _rows(path) if r["statement_id"] == sid(3)]
    assert len(alone) == 1
    assert alone[0]["match_strength"] == "no match"
    assert alone[0]["competency_id"] in (None, "")
    assert alone[0]["statement"] == "Chapter 4: authority control."
    # the reviewer types the competency and "add" on that row
    wb = openpyxl.load_workbook(path)
    ws = wb["Matches"]
    header = [c.value for c in ws[1]]
    r = next(
        i
        for i in range(2, ws.max_row + 1)
        if ws.cell(i, header.index("statement_id") + 1).value == sid(3)
    )
    ws.cell(r, header.index("competency_id") + 1).value = CAT7
    ws.cell(r, header.index("decision") + 1).value = "add"
    wb.save(path)
    report = import_review(path, store, reviewer="Lee")
    assert report.added[
        ["statement_id", "competency_id", "decision"]
    ].values.tolist() == [[sid(3), CAT7, "add"]]
    reviewed = apply_decisions(make_alignment(), store)
    cov = reviewed.coverage.set_index(["course_id", "competency_id"])
    assert cov.loc[("LTA130", CAT7), "status"] == "covered"


def test_unmatched_row_left_blank_is_not_imported(tmp_path, store):
    path = to_excel(make_alignment(), tmp_path / "alignment.xlsx")
    report = import_review(path, store)
    assert len(report.added) == 0 and len(report.invalid) == 0


def test_import_still_reads_a_workbook_with_the_old_status_column(tmp_path, store):
    path = to_excel(make_alignment(), tmp_path / "alignment.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Matches"]
    header = [c.value for c in ws[1]]
    ws.delete_cols(header.index("course_status") + 1)
    ws.cell(1, header.index("match_strength") + 1).value = "status"
    header = [c.value for c in ws[1]]
    assert "status" in header and "course_status" not in header
    r = next(
        i
        for i in range(2, ws.max_row + 1)
        if ws.cell(i, header.index("statement_id") + 1).value == sid(0)
        and ws.cell(i, header.index("competency_id") + 1).value == CAT3
    )
    ws.cell(r, header.index("decision") + 1).value = "yes"
    wb.save(path)
    report = import_review(path, store, reviewer="Old")
    assert report.added[["statement_id", "decision"]].values.tolist() == [
        [sid(0), "accept"]
    ]


def test_a_rank_a_decision_moved_names_it_in_csv_and_sheet(tmp_path):
    # the real engine: a reviewer's add teaches a statement worded alike
    from test_match_learn import decisions, pick_target, program, top
    from test_match_learn import sid as learn_sid

    import lta_align as la

    framework = la.load_framework("lssc")
    engine = la.align(program(), framework, method="tfidf")
    decided, near = learn_sid("LTA130", 0), learn_sid("LTA131", 0)
    target = pick_target(engine, decided, near)
    result = la.align(
        program(),
        framework,
        method="tfidf",
        decisions=decisions([(decided, target, "add")]),
    )
    row = top(result, near)
    assert row.loc[row["competency_id"] == target, "learned_from"].tolist() == [decided]
    out = tmp_path / "out"
    write_outputs(result, out)
    csv = pd.read_csv(out / "matches.csv", keep_default_na=False)
    pair = (csv.statement_id == near) & (csv.competency_id == target)
    assert csv.loc[pair, "learned_from"].tolist() == [decided]
    sheet = [
        r
        for r in _rows(out / "alignment.xlsx")
        if r["statement_id"] == near and r["competency_id"] == target
    ]
    assert [r["learned_from"] for r in sheet] == [decided]
    # rows no decision moved leave it blank
    assert all(
        not r["learned_from"]
        for r in _rows(out / "alignment.xlsx")
        if r["statement_id"] == learn_sid("LTA150", 0)
    )
