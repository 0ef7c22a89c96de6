"""The review model: DecisionStore and apply_decisions."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from _review_factories import (
    STATEMENTS,
    TickingClock,
    make_alignment,
    make_program,
    sid,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from lta_align.columns import DECISION_COLUMNS
from lta_align.decisions import DecisionStore, apply_decisions
from lta_align.errors import InputFileError, SchemaError

CAT3 = "cataloging_classification.3"
CAT2 = "cataloging_classification.2"
CAT1 = "cataloging_classification.1"


@pytest.fixture
def store(tmp_path):
    return DecisionStore(tmp_path / "decisions.csv", clock=TickingClock())


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --- the store --------------------------------------------------------------------
def test_accept_is_saved_at_once_as_readable_csv(store):
    store.accept(sid(0), CAT3, reviewer="J. Rivera", level="reinforced", note="ok")
    rows = read_csv_rows(store.path)
    assert list(rows[0]) == DECISION_COLUMNS
    assert rows == [
        {
            "course_id": "LTA130",
            "statement_id": sid(0),
            "competency_id": CAT3,
            "decision": "accept",
            "level": "reinforced",
            "reviewer": "J. Rivera",
            "decided_at": "2026-01-05T09:00:01Z",
            "note": "ok",
        }
    ]


def test_decided_at_is_iso_utc_with_seconds(tmp_path):
    store = DecisionStore(tmp_path)
    row = store.reject(sid(0), CAT3, reviewer="A")
    assert pd.Timestamp(row["decided_at"]).tzinfo is not None
    assert len(row["decided_at"]) == len("2026-01-05T09:00:01Z")
    assert row["decided_at"].endswith("Z")


def test_store_given_a_folder_uses_decisions_csv_inside(tmp_path):
    store = DecisionStore(tmp_path)
    store.accept(sid(0), CAT3, reviewer="A")
    assert (tmp_path / "decisions.csv").exists()
    assert store.lock_path == tmp_path / "decisions.csv.lock"


def test_latest_decision_wins_and_history_keeps_every_change(store):
    store.accept(sid(0), CAT3, reviewer="A")
    store.reject(sid(0), CAT3, reviewer="B", note="too general")
    store.accept(sid(1), "cataloging_classification.4", reviewer="A")
    cur = store.current()
    assert len(cur) == 2
    row = cur[cur["competency_id"] == CAT3].iloc[0]
    assert (row["decision"], row["reviewer"], row["note"]) == (
        "reject",
        "B",
        "too general",
    )
    hist = store.history()
    assert hist["decision"].tolist() == ["accept", "reject", "accept"]
    assert list(hist.columns) == DECISION_COLUMNS


def test_reject_then_accept_again_restores_the_match(store):
    store.reject(sid(0), CAT3, reviewer="A")
    store.accept(sid(0), CAT3, reviewer="A")
    assert store.get(sid(0), CAT3)["decision"] == "accept"
    assert len(store.history()) == 2


def test_set_level_confirms_an_undecided_match_and_keeps_an_added_one(store):
    store.set_level(sid(0), CAT3, "mastered", reviewer="A")
    assert store.get(sid(0), CAT3)["decision"] == "accept"
    assert store.get(sid(0), CAT3)["level"] == "mastered"
    store.add(sid(3), "cataloging_classification.7", reviewer="A")
    store.set_level(sid(3), "cataloging_classification.7", "introduced", reviewer="B")
    row = store.get(sid(3), "cataloging_classification.7")
    assert (row["decision"], row["level"], row["reviewer"]) == (
        "add",
        "introduced",
        "B",
    )


def test_ids_typed_with_spaces_still_find_the_pair_and_keep_its_level(store):
    store.accept(sid(0), CAT3, reviewer="A", level="mastered", note="deep")
    store.comment(f" {sid(0)} ", f"{CAT3} ", "see week 4", reviewer="B")
    row = store.get(sid(0), CAT3)
    assert (row["decision"], row["level"], row["note"]) == (
        "accept",
        "mastered",
        "see week 4",
    )
    assert len(store.current()) == 1


def test_set_level_on_a_rejected_match_is_refused(store):
    store.reject(sid(0), CAT3, reviewer="A")
    with pytest.raises(ValueError, match="rejected"):
        store.set_level(sid(0), CAT3, "introduced", reviewer="A")
    assert len(store.history()) == 1


def test_comment_keeps_decision_and_level(store):
    store.accept(sid(0), CAT3, reviewer="A", level="introduced")
    store.comment(sid(0), CAT3, "covered in week 3 lab", reviewer="B")
    row = store.get(sid(0), CAT3)
    assert row["decision"] == "accept"
    assert row["level"] == "introduced"
    assert row["note"] == "covered in week 3 lab"
    # a later accept without a note keeps the comment
    store.accept(sid(0), CAT3, reviewer="A")
    assert store.get(sid(0), CAT3)["note"] == "covered in week 3 lab"


def test_comment_on_an_undecided_match_leaves_the_engine_verdict(store):
    store.comment(sid(0), CAT3, "check with the instructor", reviewer="A")
    row = store.get(sid(0), CAT3)
    assert row["decision"] == ""
    assert row["note"] == "check with the instructor"


def test_change_rejects_old_competency_and_adds_new(store):
    rows = store.change(sid(0), CAT3, CAT1, reviewer="A", level="introduced")
    assert [r["decision"] for r in rows] == ["reject", "add"]
    assert store.get(sid(0), CAT3)["decision"] == "reject"
    new = store.get(sid(0), CAT1)
    assert (new["decision"], new["level"]) == ("add", "introduced")


def test_change_to_the_same_competency_is_refused(store):
    with pytest.raises(ValueError, match="different competency"):
        store.change(sid(0), CAT3, CAT3, reviewer="A")


@pytest.mark.parametrize("reviewer", ["", "   ", None])
def test_reviewer_is_required(store, reviewer):
    with pytest.raises(ValueError, match="reviewer is required"):
        store.accept(sid(0), CAT3, reviewer=reviewer)
    assert not store.path.exists()


def test_bad_level_message_lists_the_allowed_levels(store):
    with pytest.raises(
        ValueError, match="introduced.*reinforced.*mastered.*got 'expert'"
    ):
        store.accept(sid(0), CAT3, reviewer="A", level="expert")


def test_bad_decision_in_record_lists_the_allowed_decisions(store):
    with pytest.raises(ValueError, match=r"\['accept', 'reject', 'add'\]; got 'maybe'"):
        store.record(
            [{"statement_id": sid(0), "competency_id": CAT3, "decision": "maybe"}],
            reviewer="A",
        )


def test_decisions_file_without_required_columns_is_reported_by_name(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text("statement_id,decision\nx,accept\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="decisions.csv.*competency_id"):
        DecisionStore(path).current()


def test_text_with_commas_quotes_and_newlines_round_trips(store):
    note = 'Says "MARC, RDA";\nsee week 4 =1+1'
    store.comment(sid(0), CAT3, note, reviewer="Ñúñez, Ana")
    again = DecisionStore(store.path).get(sid(0), CAT3)
    assert again["note"] == note
    assert again["reviewer"] == "Ñúñez, Ana"


def test_orphans_lists_decisions_whose_statement_is_gone_without_dropping_them(store):
    store.accept(sid(0), CAT3, reviewer="A")
    store.accept(sid(4), "foundations.1", reviewer="A")
    edited = list(STATEMENTS)
    edited[0] = ("LTA130", "outcome", "Catalog print and e-books using RDA.")
    program = make_program(edited)
    orphans = store.orphans(program)
    assert orphans["statement_id"].tolist() == [sid(0)]
    assert "edited" in orphans["reason"].iloc[0]
    assert len(store.current()) == 2


# --- crash safety and concurrency ---------------------------------------------------
WRITER = textwrap.dedent(
    """
    import sys
    from lta_align.decisions import DecisionStore
    store = DecisionStore(sys.argv[1])
    tag, n = sys.argv[2], int(sys.argv[3])
    for i in range(n):
        store.add(f"LTA1{tag}-{i:08x}", f"foundations.{i % 12 + 1}", reviewer=tag,
                  note="x" * int(sys.argv[4]))
    """
)


def _writer(tmp_path, path, tag, n, note_len=10):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(path), tag, str(n), str(note_len)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "decisions.csv"
    procs = [_writer(tmp_path, path, tag, 50) for tag in ("A", "B")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    hist = DecisionStore(path).history()
    assert len(hist) == 100
    assert hist["reviewer"].value_counts().to_dict() == {"A": 50, "B": 50}
    assert hist["statement_id"].nunique() == 100


def test_killed_writer_leaves_previous_decisions_intact(tmp_path):
    path = tmp_path / "decisions.csv"
    store = DecisionStore(path)
    store.record(
        [
            {
                "statement_id": f"LTA101-{i:08x}",
                "competency_id": "foundations.1",
                "decision": "accept",
            }
            for i in range(300)
        ],
        reviewer="before",
    )
    before = path.read_bytes()
    # a writer with big rows, so that each write takes a while, killed mid-way
    proc = _writer(tmp_path, path, "K", 10_000, note_len=20_000)
    deadline = time.monotonic() + 30
    while path.read_bytes() == before and time.monotonic() < deadline:
        time.sleep(0.005)
    # kill while the next write is under way (its temporary file exists)
    while not list(tmp_path.glob(".decisions.csv.*.tmp")):
        if time.monotonic() > deadline:
            break
        time.sleep(0.001)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert path.read_bytes() != before, "the writer never wrote: test proves nothing"
    hist = DecisionStore(path).history()  # parses: no torn row
    assert hist.iloc[:300]["reviewer"].eq("before").all()
    assert len(hist) >= 300
    assert (hist.iloc[300:]["note"].str.len() == 20_000).all()
    # the lock was released with the process: a new write goes through
    DecisionStore(path).accept("LTA101-00000000", "foundations.1", reviewer="after")


# --- applying decisions ---------------------------------------------------------------
@pytest.fixture
def alignment():
    return make_alignment()


def covered(al, course, competency):
    cov = al.coverage
    row = cov[(cov["course_id"] == course) & (cov["competency_id"] == competency)]
    return bool(len(row)) and row["status"].iloc[0] == "covered"


def test_rejected_match_stays_visible_but_counts_for_nothing(alignment, store):
    assert covered(alignment, "LTA130", CAT3)
    store.reject(sid(0), CAT3, reviewer="A", note="too general")
    reviewed = apply_decisions(alignment, store)
    m = reviewed.matches
    row = m[(m["statement_id"] == sid(0)) & (m["competency_id"] == CAT3)]
    assert row[["decision", "note"]].values.tolist() == [["reject", "too general"]]
    assert not covered(reviewed, "LTA130", CAT3)
    # the engine's alignment is untouched; no row disappears
    assert len(alignment.matches) == len(reviewed.matches)
    # a second reviewer undoes it
    store.accept(sid(0), CAT3, reviewer="B")
    again = apply_decisions(alignment, store)
    assert covered(again, "LTA130", CAT3)


def test_a_reject_that_loses_coverage_marks_the_verdict_as_reviewed(alignment, store):
    from lta_align.reports import gap_report

    store.reject(sid(0), CAT3, reviewer="A")
    report = gap_report(apply_decisions(alignment, store))
    ps = report.program_sets.set_index("set_id")
    assert ps.loc["cataloging_classification", "reviewed"]
    assert "[rests partly on reviewer decisions]" in report.to_markdown()


def test_added_match_makes_the_competency_covered_with_its_evidence(alignment, store):
    missed = "cataloging_classification.7"
    assert not covered(alignment, "LTA130", missed)
    store.add(sid(3), missed, reviewer="A", level="introduced")
    reviewed = apply_decisions(alignment, store)
    m = reviewed.matches
    row = m[(m["statement_id"] == sid(3)) & (m["competency_id"] == missed)].iloc[0]
    assert (row["decision"], row["level"], row["rank"]) == ("add", "introduced", 0)
    assert row["set_id"] == "cataloging_classification"
    assert covered(reviewed, "LTA130", missed)
    cov = reviewed.coverage
    ev = cov[(cov["course_id"] == "LTA130") & (cov["competency_id"] == missed)]
    assert ev["evidence_statement_id"].iloc[0] == sid(3)


def test_accept_marks_the_match_and_carries_its_level(alignment, store):
    low = "cataloging_classification.6"  # engine score 0.48: below covered
    store.accept(sid(2), low, reviewer="A", level="mastered", note="lab 2")
    reviewed = apply_decisions(alignment, store)
    m = reviewed.matches
    row = m[(m["statement_id"] == sid(2)) & (m["competency_id"] == low)].iloc[0]
    assert (row["decision"], row["level"], row["note"]) == (
        "accept",
        "mastered",
        "lab 2",
    )
    assert row["score"] == pytest.approx(0.48)
    assert covered(reviewed, "LTA130", low)


def test_decisions_table_is_attached_to_the_reviewed_alignment(alignment, store):
    store.accept(sid(0), CAT3, reviewer="A")
    reviewed = apply_decisions(alignment, store)
    assert reviewed.decisions["statement_id"].tolist() == [sid(0)]
    assert reviewed.decisions["orphan"].tolist() == [""]


def test_apply_accepts_a_plain_frame_and_a_path(alignment, store):
    store.reject(sid(0), CAT3, reviewer="A")
    from_store = apply_decisions(alignment, store).matches
    from_path = apply_decisions(alignment, store.path).matches
    frame = pd.DataFrame(
        {"statement_id": [sid(0)], "competency_id": [CAT3], "decision": ["reject"]}
    )
    from_frame = apply_decisions(alignment, frame).matches
    pd.testing.assert_frame_equal(from_store, from_path)
    pd.testing.assert_frame_equal(from_store, from_frame)


def test_decisions_survive_a_rerun_and_an_edited_syllabus(alignment, store):
    store.reject(sid(0), CAT3, reviewer="A")
    store.add(sid(3), "cataloging_classification.7", reviewer="A")
    store.accept(sid(4), "foundations.1", reviewer="A", level="introduced")
    # re-run: same program read again -> same result
    again = apply_decisions(make_alignment(), store)
    pd.testing.assert_frame_equal(
        apply_decisions(alignment, store).coverage, again.coverage
    )
    # edit the text of statement 0: its decision becomes an orphan, the others apply
    edited = list(STATEMENTS)
    edited[0] = ("LTA130", "outcome", "Catalog print and e-books using RDA.")
    rerun = apply_decisions(make_alignment(make_program(edited)), store)
    orphans = rerun.decisions[rerun.decisions["orphan"] != ""]
    assert orphans["statement_id"].tolist() == [sid(0)]
    assert covered(rerun, "LTA130", "cataloging_classification.7")
    m = rerun.matches
    row = m[(m["statement_id"] == sid(4)) & (m["competency_id"] == "foundations.1")]
    assert row["level"].tolist() == ["introduced"]
    # nothing was dropped from the file
    assert len(store.history()) == 3


def test_applying_decisions_twice_gives_the_same_alignment(alignment, store):
    store.reject(sid(0), CAT3, reviewer="A")
    store.add(sid(3), "cataloging_classification.7", reviewer="A", level="mastered")
    once = apply_decisions(alignment, store)
    twice = apply_decisions(once, store)
    pd.testing.assert_frame_equal(once.matches, twice.matches)
    pd.testing.assert_frame_equal(once.coverage, twice.coverage)


def test_decision_on_unknown_competency_is_an_orphan_not_an_error(alignment, store):
    store.add(sid(0), "cataloging_classification.99", reviewer="A")
    reviewed = apply_decisions(alignment, store)
    reasons = reviewed.decisions["orphan"].tolist()
    assert len(reasons) == 1 and "competency not in" in reasons[0]


def test_apply_with_no_decisions_changes_nothing(alignment, store):
    reviewed = apply_decisions(alignment, store)
    pd.testing.assert_frame_equal(
        reviewed.coverage.reset_index(drop=True),
        alignment.coverage.reset_index(drop=True),
        check_dtype=False,
    )


# --- the sample program: decisions flow into coverage, gap report and Excel ----------
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "syllabi"


@pytest.mark.slow
def test_decisions_on_the_sample_flow_into_report_and_excel_and_survive_an_edit(
    tmp_path,
):
    import shutil

    from openpyxl import load_workbook

    import lta_align as la

    syllabi = tmp_path / "syllabi"
    shutil.copytree(SAMPLE, syllabi)
    fw = la.load_framework("lssc")
    program = la.load_syllabi(syllabi)
    engine = la.align(program, fw)
    before = la.gap_report(engine).program_sets.set_index("set_id")
    assert before.loc["collection_management", "status"] == "partial"

    st = program.statements
    lta140 = st[(st["course_id"] == "LTA140") & (st["kind"] == "outcome")]
    preserve_sid = lta140["statement_id"].iloc[0]
    lta101 = st[(st["course_id"] == "LTA101") & (st["kind"] == "outcome")]
    mission_sid = lta101[lta101["text"].str.startswith("Explain why libraries exist")][
        "statement_id"
    ].iloc[0]

    store = la.DecisionStore(tmp_path / "out")
    store.add(
        preserve_sid,
        "collection_management.8",
        reviewer="Dana",
        note="mending unit in week 12",
    )
    store.accept(mission_sid, "foundations.1", reviewer="Dana", level="introduced")

    reviewed = la.apply_decisions(engine, store)
    report = la.gap_report(reviewed)
    after = report.program_sets.set_index("set_id")
    assert after.loc["collection_management", "status"] == "single course"
    assert "collection_management.8" not in set(report.gaps["competency_id"])

    xlsx = la.to_excel(reviewed, tmp_path / "out" / "alignment.xlsx")
    wb = load_workbook(xlsx, read_only=True)
    rows = wb["Matches"].iter_rows(values_only=True)
    header = list(next(rows))
    at = {h: header.index(h) for h in ("statement_id", "competency_id", "decision")}
    marked = {
        (r[at["statement_id"]], r[at["competency_id"]]): r[at["decision"]] for r in rows
    }
    wb.close()
    assert marked[(preserve_sid, "collection_management.8")] == "add"
    assert marked[(mission_sid, "foundations.1")] == "accept"

    # edit the LTA 101 outcome in the copied syllabus: its decision becomes an orphan
    md = syllabi / "LTA101_intro_to_libraries.md"
    text = md.read_text(encoding="utf-8")
    assert "1. Explain why libraries exist" in text
    md.write_text(
        text.replace(
            "1. Explain why libraries exist", "1. Explain why public libraries exist"
        ),
        encoding="utf-8",
    )
    rerun = la.apply_decisions(la.align(la.load_syllabi(syllabi), fw), store)
    orphans = rerun.decisions[rerun.decisions["orphan"] != ""]
    assert orphans["statement_id"].tolist() == [mission_sid]
    again = la.gap_report(rerun).program_sets.set_index("set_id")
    assert again.loc["collection_management", "status"] == "single course"
    assert len(store.history()) == 2  # nothing dropped from the file


@settings(max_examples=60, deadline=None)
@given(
    note=st.text(max_size=40),
    reviewer=st.text(min_size=1, max_size=20).filter(lambda t: t.strip()),
    level=st.sampled_from(["", "introduced", "reinforced", "mastered"]),
)
def test_decisions_survive_a_write_read_round_trip(
    tmp_path_factory, note, reviewer, level
):
    store = DecisionStore(tmp_path_factory.mktemp("rt") / "decisions.csv")
    written = store.accept(sid(0), CAT3, reviewer=reviewer, level=level, note=note)
    again = DecisionStore(store.path).get(sid(0), CAT3)
    assert again == written
    assert again["level"] == level
    if "\r" not in note:
        assert again["note"] == note.strip()
    if not any(ch.isspace() and ch != " " for ch in reviewer):
        assert again["reviewer"] == " ".join(reviewer.split())


def test_file_that_cannot_be_saved_is_reported_and_kept(store, monkeypatch):
    store.accept(sid(0), CAT3, reviewer="A")
    before = store.path.read_bytes()

    def locked(path, text):  # what Windows does while Excel holds the file
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("lta_align.decisions._log.atomic_write_text", locked)
    with pytest.raises(InputFileError, match="could not be saved.*close it"):
        store.reject(sid(0), CAT3, reviewer="A")
    assert store.path.read_bytes() == before
