"""Importing reviewer columns typed into the exported Excel matrix."""

from __future__ import annotations

import pytest
from _review_factories import TickingClock, make_alignment, sid
from openpyxl import Workbook, load_workbook

from lta_align.cli import main
from lta_align.decisions import DecisionStore, apply_decisions, import_review
from lta_align.errors import ParseError, SchemaError

CAT3 = "cataloging_classification.3"
CAT4 = "cataloging_classification.4"
CAT7 = "cataloging_classification.7"

# header in a different order than the export, plus columns the import ignores
HEADER = [
    "comment",
    "statement_id",
    "score",
    "competency_id",
    "course_id",
    "level",
    "decision",
    "statement",
]


def write_sheet(path, rows, header=HEADER, sheet="Matches"):
    wb = Workbook()
    wb.active.title = "Summary"
    ws = wb.create_sheet(sheet)
    ws.append(header)
    for row in rows:
        ws.append([row.get(h, "") for h in header])
    wb.save(path)
    return path


@pytest.fixture
def store(tmp_path):
    return DecisionStore(tmp_path / "decisions.csv", clock=TickingClock())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("accept", "accept"),
        ("Yes", "accept"),
        ("y", "accept"),
        ("OK", "accept"),
        ("\u2713", "accept"),
        ("reject", "reject"),
        ("No", "reject"),
        ("n", "reject"),
        ("X", "reject"),
        ("add", "add"),
        (" Accept ", "accept"),
    ],
)
def test_reviewer_spellings_of_decisions_are_understood(
    tmp_path, store, typed, expected
):
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [{"statement_id": sid(0), "competency_id": CAT3, "decision": typed}],
    )
    report = import_review(xlsx, store, reviewer="R")
    assert store.get(sid(0), CAT3)["decision"] == expected
    assert len(report.added) == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I", "introduced"),
        ("r", "reinforced"),
        ("M", "mastered"),
        ("Mastered", "mastered"),
    ],
)
def test_levels_typed_as_letters_are_understood(tmp_path, store, typed, expected):
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [
            {
                "statement_id": sid(0),
                "competency_id": CAT3,
                "decision": "y",
                "level": typed,
            }
        ],
    )
    import_review(xlsx, store, reviewer="R")
    assert store.get(sid(0), CAT3)["level"] == expected


def test_import_appends_decisions_with_comment_and_reviewer(tmp_path, store):
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [
            {
                "course_id": "LTA130",
                "statement_id": sid(0),
                "competency_id": CAT3,
                "decision": "accept",
                "level": "R",
                "comment": "lab 3",
            },
            {"statement_id": sid(1), "competency_id": CAT4, "decision": "no"},
            {"statement_id": sid(2), "competency_id": "cataloging_classification.6"},
            {"statement_id": sid(3), "competency_id": CAT7, "decision": "add"},
        ],
    )
    report = import_review(xlsx, store, reviewer="Dana")
    cur = store.current().set_index(["statement_id", "competency_id"])
    assert len(cur) == 3  # the blank row is nobody's decision
    assert cur.loc[(sid(0), CAT3), "note"] == "lab 3"
    assert cur.loc[(sid(0), CAT3), "level"] == "reinforced"
    assert cur.loc[(sid(1), CAT4), "decision"] == "reject"
    assert cur.loc[(sid(3), CAT7), "decision"] == "add"
    assert set(cur["reviewer"]) == {"Dana"}
    assert cur.loc[(sid(3), CAT7), "course_id"] == "LTA130"
    assert "Imported 3 decision(s)" in report.summary()


def test_reimporting_the_same_sheet_adds_nothing(tmp_path, store):
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [
            {
                "statement_id": sid(0),
                "competency_id": CAT3,
                "decision": "accept",
                "level": "I",
                "comment": "ok",
            }
        ],
    )
    import_review(xlsx, store, reviewer="R")
    again = import_review(xlsx, store, reviewer="R")
    assert len(again.added) == 0
    assert again.unchanged == 1
    assert len(store.history()) == 1


def test_conflict_is_reported_and_stored_decision_kept(tmp_path, store):
    store.reject(sid(0), CAT3, reviewer="Lee")
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [{"statement_id": sid(0), "competency_id": CAT3, "decision": "accept"}],
    )
    report = import_review(xlsx, store, reviewer="Dana")
    assert report.conflicts[
        ["stored_decision", "sheet_decision", "resolution"]
    ].values.tolist() == [["reject", "accept", "kept stored"]]  # noqa: E501
    assert store.get(sid(0), CAT3)["decision"] == "reject"
    assert len(store.history()) == 1
    assert "conflict" in report.summary()


def test_prefer_sheet_lets_the_sheet_win_and_keeps_history(tmp_path, store):
    store.accept(sid(0), CAT3, reviewer="Lee", level="introduced")
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [
            {
                "statement_id": sid(0),
                "competency_id": CAT3,
                "decision": "accept",
                "level": "M",
            }
        ],
    )
    report = import_review(xlsx, store, reviewer="Dana", prefer="sheet")
    assert report.conflicts["resolution"].tolist() == ["sheet wins"]
    assert store.get(sid(0), CAT3)["level"] == "mastered"
    assert store.history()["reviewer"].tolist() == ["Lee", "Dana"]


def test_unknown_ids_are_reported_and_not_imported(tmp_path, store):
    alignment = make_alignment()
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [
            {
                "statement_id": "LTA999-deadbeef",
                "competency_id": CAT3,
                "decision": "add",
            },
            {
                "statement_id": sid(0),
                "competency_id": "cataloging.99",
                "decision": "add",
            },
            {"statement_id": sid(0), "competency_id": CAT3, "decision": "y"},
        ],
    )
    report = import_review(xlsx, store, reviewer="R", alignment=alignment)
    assert report.unknown["row"].tolist() == [2, 3]
    assert "LTA999-deadbeef" in report.unknown["reason"].iloc[0]
    assert "cataloging.99" in report.unknown["reason"].iloc[1]
    assert store.current()["competency_id"].tolist() == [CAT3]


def test_unreadable_decision_is_reported_with_allowed_values(tmp_path, store):
    xlsx = write_sheet(
        tmp_path / "m.xlsx",
        [{"statement_id": sid(0), "competency_id": CAT3, "decision": "maybe"}],
    )
    report = import_review(xlsx, store, reviewer="R")
    assert report.invalid["row"].tolist() == [2]
    assert "accept" in report.invalid["reason"].iloc[0]
    assert "'maybe'" in report.invalid["reason"].iloc[0]
    assert not store.path.exists()


def test_workbook_without_matches_sheet_is_refused_by_name(tmp_path, store):
    xlsx = write_sheet(tmp_path / "m.xlsx", [], sheet="Other")
    with pytest.raises(SchemaError, match="m.xlsx.*Matches"):
        import_review(xlsx, store, reviewer="R")


def test_matches_sheet_without_decision_column_is_refused(tmp_path, store):
    xlsx = write_sheet(tmp_path / "m.xlsx", [], header=["statement_id", "x"])
    with pytest.raises(SchemaError, match="competency_id.*decision"):
        import_review(xlsx, store, reviewer="R")


def test_file_that_is_not_a_workbook_is_a_parse_error(tmp_path, store):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ParseError, match="broken.xlsx"):
        import_review(bad, store, reviewer="R")


def test_excel_round_trip_flows_into_coverage(tmp_path, store):
    """Export with to_excel, type decisions like a reviewer, import, apply."""
    from lta_align import to_excel

    alignment = make_alignment()
    xlsx = to_excel(alignment, tmp_path / "alignment.xlsx")
    wb = load_workbook(xlsx)
    ws = wb["Matches"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    for r in range(2, ws.max_row + 1):
        s = ws.cell(r, col["statement_id"]).value
        c = ws.cell(r, col["competency_id"]).value
        if (s, c) == (sid(0), CAT3):
            ws.cell(r, col["decision"]).value = "x"
            # a comment as the export writes text starting with "=" (quoted)
            ws.cell(r, col["comment"]).value = "'=not really"
        if (s, c) == (sid(2), "cataloging_classification.6"):
            ws.cell(r, col["decision"]).value = "\u2713"
            ws.cell(r, col["level"]).value = "I"
    # a reviewer-added row at the bottom
    new = ws.max_row + 1
    ws.cell(new, col["course_id"]).value = "LTA130"
    ws.cell(new, col["statement_id"]).value = sid(3)
    ws.cell(new, col["competency_id"]).value = CAT7
    ws.cell(new, col["decision"]).value = "add"
    wb.save(xlsx)

    report = import_review(xlsx, store, reviewer="Dana", alignment=alignment)
    assert len(report.added) == 3
    assert report.unknown.empty and report.invalid.empty
    reviewed = apply_decisions(alignment, store)
    cov = reviewed.coverage.set_index(["course_id", "competency_id"])["status"]
    assert cov.get(("LTA130", CAT3), "not covered") != "covered"
    assert cov[("LTA130", "cataloging_classification.6")] == "covered"
    assert cov[("LTA130", CAT7)] == "covered"
    assert store.get(sid(0), CAT3)["note"] == "=not really"

    # export the reviewed alignment: decisions are prefilled, re-import is a no-op
    again = to_excel(reviewed, tmp_path / "reviewed.xlsx")
    second = import_review(again, store, reviewer="Dana", alignment=alignment)
    assert len(second.added) == 0 and second.conflicts.empty


def test_cli_review_import_and_show(tmp_path, capsys):
    xlsx = write_sheet(
        tmp_path / "alignment.xlsx",
        [
            {
                "statement_id": sid(0),
                "competency_id": CAT3,
                "decision": "yes",
                "level": "R",
            }
        ],
    )
    decisions = tmp_path / "decisions.csv"
    assert (
        main(
            [
                "review",
                "import",
                str(xlsx),
                "--decisions",
                str(decisions),
                "--reviewer",
                "Dana",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Imported 1 decision(s)" in out
    assert main(["review", "show", "--decisions", str(decisions)]) == 0
    out = capsys.readouterr().out
    assert CAT3 in out and "reinforced" in out and "1 accept" in out


def test_cli_review_import_defaults_to_decisions_beside_the_workbook(tmp_path, capsys):
    xlsx = write_sheet(
        tmp_path / "alignment.xlsx",
        [{"statement_id": sid(0), "competency_id": CAT3, "decision": "no"}],
    )
    assert main(["review", "import", str(xlsx), "--reviewer", "Dana"]) == 0
    assert (
        DecisionStore(tmp_path / "decisions.csv").get(sid(0), CAT3)["decision"]
        == "reject"
    )  # noqa: E501


def test_cli_review_show_without_file_explains(tmp_path, capsys):
    assert main(["review", "show", "--decisions", str(tmp_path / "none.csv")]) == 1
    assert "No decisions file" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_run_applies_the_decisions_file_in_the_output_folder(
    tmp_path, capsys, sample_run
):
    import shutil

    import pandas as pd
    from _factories import SAMPLE as sample

    out = tmp_path / "out"
    shutil.copytree(sample_run, out)  # the first run, shared by the session
    matches = pd.read_csv(out / "matches.csv", keep_default_na=False)
    first = matches[matches["course_id"] == "LTA140"].iloc[0]
    store = DecisionStore(out / "decisions.csv")
    store.reject(first["statement_id"], first["competency_id"], reviewer="Dana")
    store.add(first["statement_id"], "collection_management.8", reviewer="Dana")
    capsys.readouterr()
    assert main(["run", str(sample), "--out", str(out), "-q"]) == 0
    assert "applied 2 review decision(s)" in capsys.readouterr().err
    again = pd.read_csv(out / "matches.csv", keep_default_na=False)
    pairs = set(zip(again["statement_id"], again["competency_id"], strict=True))
    assert (first["statement_id"], "collection_management.8") in pairs
    # the rejected match stays in matches.csv, marked, so a committee sees it
    rejected = again[
        (again["statement_id"] == first["statement_id"])
        & (again["competency_id"] == first["competency_id"])
    ]
    assert rejected["decision"].tolist() == ["reject"]
