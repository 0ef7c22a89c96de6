"""The review panel: clicks go through the DecisionStore and land in the file."""

from __future__ import annotations

import csv

import pytest
from _review_factories import TickingClock, make_alignment, sid

import lta_align as la
from lta_align.decisions import DecisionStore

pytest.importorskip("ipywidgets", reason="the review panel needs ipywidgets")

CAT3 = "cataloging_classification.3"


@pytest.fixture
def store(tmp_path):
    return DecisionStore(tmp_path / "decisions.csv", clock=TickingClock())


@pytest.fixture
def panel(store):
    return la.review(make_alignment(), store, reviewer="Dana")


def file_rows(store):
    with open(store.path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def show(panel, statement, competency):
    panel.go(panel._keys.index((statement, competency)))


def test_panel_builds_headless_and_shows_the_first_match(panel):
    assert panel.current["statement_id"] == panel.rows["statement_id"].iloc[0]
    assert "Statement" in panel.match_view.value
    assert panel.position.value == f"1 of {len(panel.rows)}"
    assert panel.widget.children  # a real widget tree, nothing waits for a click


def test_accept_click_saves_to_the_file_and_reports_it(panel, store):
    show(panel, sid(0), CAT3)
    panel.level.value = "reinforced"
    panel.accept_button.click()
    rows = file_rows(store)
    assert [
        (
            r["statement_id"],
            r["competency_id"],
            r["decision"],
            r["level"],
            r["reviewer"],
        )
        for r in rows
    ] == [(sid(0), CAT3, "accept", "reinforced", "Dana")]
    assert "Saved accept" in panel.status_line.value
    assert "decisions.csv" in panel.status_line.value


def test_reject_click_saves_and_moves_to_next_match(panel, store):
    first = panel.current
    panel.reject_button.click()
    assert store.get(first["statement_id"], first["competency_id"])["decision"] == (
        "reject"
    )
    assert panel._index == 1
    assert panel.current["statement_id"] == panel.rows["statement_id"].iloc[1]


def test_change_competency_click_rejects_old_and_adds_new(panel, store):
    show(panel, sid(0), CAT3)
    panel.competency.value = "cataloging_classification.1"
    panel.change_button.click()
    assert store.get(sid(0), CAT3)["decision"] == "reject"
    assert store.get(sid(0), "cataloging_classification.1")["decision"] == "add"
    # the moved match is now browsable under "Added"
    panel.status.value = "add"
    assert panel.current["competency_id"] == "cataloging_classification.1"


def test_add_missed_match_click(panel, store):
    panel.course.value = "LTA130"
    panel.add_statement.value = sid(3)
    panel.add_competency.value = "cataloging_classification.7"
    panel.add_button.click()
    assert store.get(sid(3), "cataloging_classification.7")["decision"] == "add"


def test_level_and_comment_clicks(panel, store):
    show(panel, sid(4), "foundations.1")
    panel.level.value = "introduced"
    panel.level_button.click()
    panel.comment.value = "week 1 lecture"
    panel.comment_button.click()
    row = store.get(sid(4), "foundations.1")
    assert (row["decision"], row["level"], row["note"]) == (
        "accept",
        "introduced",
        "week 1 lecture",
    )
    assert len(file_rows(store)) == 2
    assert "week 1 lecture" in panel.match_view.value


def test_nothing_is_saved_without_a_reviewer_name(store):
    panel = la.review(make_alignment(), store)
    panel.accept_button.click()
    assert not store.path.exists()
    assert "Reviewer" in panel.status_line.value


def test_filters_by_course_status_and_ambiguity(panel):
    panel.course.value = "LTA101"
    assert set(panel._filtered()["course_id"]) == {"LTA101"}
    panel.course.value = ""
    panel.ambiguous_only.value = True
    assert panel._filtered()["ambiguous"].all()
    assert len(panel._filtered()) == 2
    panel.ambiguous_only.value = False
    panel.set.value = "foundations"
    assert set(panel._filtered()["set_id"]) == {"foundations"}
    panel.set.value = ""
    panel.accept_button.click()
    panel.status.value = "open"
    assert len(panel._filtered()) == len(panel.rows) - 1


def test_panel_shows_decisions_stored_before_it_opened(store):
    store.reject(sid(0), CAT3, reviewer="Lee", note="too broad")
    panel = la.review(make_alignment(), store.path)
    assert "too broad" in panel.decisions_view.value
    panel.status.value = "reject"
    assert panel.current["reviewer"] == "Lee"


def test_statement_text_is_escaped_in_the_view(tmp_path):
    from _review_factories import STATEMENTS, make_program

    evil = list(STATEMENTS)
    evil[0] = ("LTA130", "outcome", "Catalog <script>alert(1)</script> books")
    al = make_alignment(make_program(evil))
    panel = la.review(al, tmp_path, reviewer="D")
    bad = al.program.statements["statement_id"].iloc[0]
    panel.go(panel._keys.index((bad, CAT3)))
    assert "<script>" not in panel.match_view.value
    assert "&lt;script&gt;" in panel.match_view.value


def test_la_review_opens_the_panel_in_either_import_order(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "import lta_align as la\n"
        "from _review_factories import make_alignment\n"
        "first = la.review(make_alignment(), sys.argv[1], reviewer='a')\n"
        "from lta_align.decisions import DecisionStore\n"
        "second = la.review(make_alignment(), DecisionStore(sys.argv[1]))\n"
        "print(type(first).__name__, type(second).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["ReviewPanel", "ReviewPanel"]
