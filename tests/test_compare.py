"""Comparison of two alignments and the `compare` command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from _factories import DEFAULT_DESIGN, make_alignment

import lta_align as la
from lta_align.cli import main
from lta_align.reports import Comparison, compare

SYLLABI = Path(__file__).resolve().parents[1] / "data" / "syllabi"


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    new_design = dict(DEFAULT_DESIGN)
    code, title, items = new_design["LTA140"]
    items = dict(items)
    items["collection_management", 8] = (0.6, "")  # preservation now taught
    items["collection_management", 3] = (0.2, "")  # weeding dropped to partial
    new_design["LTA140"] = (code, title, items)
    del new_design["LTA170"]
    return compare(make_alignment(), make_alignment(new_design))


def test_compare_is_exposed_lazily():
    assert la.compare is compare


def test_changes_list_gained_and_lost_per_course(comparison):
    ch = comparison.changes
    assert list(ch.columns[:4]) == ["course_id", "set_id", "competency_id", "change"]
    lta140 = ch[ch.course_id == "LTA140"].set_index("competency_id")["change"]
    assert lta140.to_dict() == {
        "collection_management.3": "lost",
        "collection_management.8": "gained",
    }
    lost170 = ch[(ch.course_id == "LTA170")]
    assert (lost170["change"] == "lost").all() and len(lost170) == 8
    assert comparison.courses_removed == ("LTA 170",)
    assert comparison.courses_added == ()


def test_set_summary_counts_program_coverage_before_and_after(comparison):
    s = comparison.sets.set_index("set_id")
    coll = s.loc["collection_management"]
    assert (coll["old_covered"], coll["new_covered"]) == (9, 9)
    assert (coll["gained"], coll["lost"]) == (1, 1)
    sup = s.loc["supervision_management"]
    assert (sup["old_status"], sup["new_status"]) == ("partial", "absent")
    assert sup["provisional_note"]


def test_no_changes_when_comparing_an_alignment_with_itself():
    a = make_alignment()
    c = compare(a, a)
    assert c.changes.empty
    assert "No course gained or lost a competency." in c.to_markdown()


def test_html_and_markdown_show_the_changes(comparison):
    html = comparison.to_html()
    assert '<td class="lost">lost</td>' in html
    assert '<td class="gained">gained</td>' in html
    assert "http" not in html.replace("http://x", "")
    assert "version 2012" in html
    md = comparison.to_markdown()
    assert "| Collection Management | 9/10 | 9/10 | 1 | 1 |" in md
    assert "LTA 170" in md


def test_cli_compare_writes_csv_html_md(tmp_path, capsys):
    new = tmp_path / "new"
    shutil.copytree(SYLLABI, new)
    (new / "LTA170_supervision.docx").unlink()
    out = tmp_path / "out"
    code = main(["compare", str(SYLLABI), str(new), "--out", str(out), "-q"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Supervision and Management:" in printed
    table = pd.read_csv(out / "compare.csv", keep_default_na=False)
    # the other syllabi did not change, so only LTA 170's competencies are lost
    assert set(table["change"]) == {"lost"}
    assert set(table["course_id"]) == {"LTA170"}
    assert "supervision_management" in set(table["set_id"])
    assert (out / "compare.html").read_text().startswith("<!DOCTYPE html>")
    assert "LTA 170" in (out / "compare.md").read_text()


def test_compare_markdown_has_no_html_entities_and_names_sets(comparison):
    md = comparison.to_markdown()
    assert "&gt;" not in md and "&lt;" not in md and "&amp;" not in md
    assert "->" in md
    per_course = md.split("## Per course")[1]
    assert "| Collection Management |" in per_course
    assert "collection_management" not in per_course
