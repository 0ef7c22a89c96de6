"""Outcome quality audit: la.audit_outcomes and the ``lta-align audit`` command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import lta_align as la
from lta_align.columns import AUDIT_COLUMNS, BLOOM_LEVELS, OUTCOME_ISSUES
from lta_align.model import Program, problems_frame
from lta_align.reports._audit import read_outcome, verb_table
from lta_align.text import statement_id

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "syllabi"


def make_program(outcomes: dict[str, list[str]], titles: dict | None = None):
    """A program of hand-written outcomes: {course code: [outcome, ...]}."""
    titles = titles or {}
    courses, stmts = [], []
    for code, texts in outcomes.items():
        cid = code.replace(" ", "")
        courses.append(
            {
                "course_id": cid,
                "course_code": code,
                "course_title": titles.get(code, "Library Work"),
                "source": f"{cid}.md",
            }
        )
        for i, text in enumerate(texts):
            stmts.append(
                {
                    "course_id": cid,
                    "statement_id": statement_id(cid, text),
                    "kind": "outcome",
                    "text": text,
                    "source": f"{cid}.md",
                    "location": f"line {i + 1}",
                }
            )
    return Program(
        courses=pd.DataFrame(courses),
        statements=pd.DataFrame(stmts),
        problems=problems_frame([]),
        name="test",
    )


def audit_one(text: str, code: str = "LTA 120", title: str = "Library Work"):
    a = la.audit_outcomes(make_program({code: [text]}, {code: title}))
    return a.iloc[0]


@pytest.fixture(scope="module")
def sample_audit() -> pd.DataFrame:
    return la.audit_outcomes(la.load_syllabi(SAMPLE))


WELL_WRITTEN = [
    "Explain the purpose of a written collection development policy.",
    "Assign Dewey Decimal call numbers to books and media.",
    "Catalog books and serials using RDA and MARC 21.",
    "Conduct a reference interview with a patron at the desk.",
    "Evaluate a website for accuracy, currency and authority.",
    "Design a storytime program for preschool children.",
    "Compare the duties of library support staff and librarians.",
    "Identify and solve problems in circulation workflows.",
    "Plan, publicize and present a summer reading program.",
    "Students will be able to describe how libraries are governed and funded.",
    "Upon completion, the student will demonstrate courteous customer service.",
    "SWBAT troubleshoot common printer problems.",
    "1. Operate the circulation module of an integrated library system.",
    "- Maintain the order of the collection by shelving and shelf reading.",
]


@pytest.mark.parametrize("text", WELL_WRITTEN)
def test_audit_never_flags_a_well_written_measurable_outcome(text):
    row = audit_one(text)
    assert row["issues"] == "", row["suggestion"]
    assert row["suggestion"] == ""
    assert row["bloom_level"] in BLOOM_LEVELS


SAMPLE_GOOD = [
    "Compare the duties of library support staff, librarians and other employees",
    "Demonstrate courteous, patron-centered customer service",
    "Assign Dewey Decimal and Library of Congress call numbers",
    "Prepare new materials for circulation accurately",
    "Match books and other materials to a child or teen",
    "Operate the circulation functions of an integrated library system",
    "Help patrons use public computers, printers, copiers and scanners",
    "Gather, compile and report circulation, interlibrary loan",
    "Plan, publicize, present and evaluate library programs",
    "Explain how accurate cataloging and classification help library users find",
    "Prepare a resume and cover letter",
]


@pytest.mark.parametrize("start", SAMPLE_GOOD)
def test_audit_does_not_flag_the_sample_programs_good_outcomes(sample_audit, start):
    row = sample_audit[sample_audit["text"].str.startswith(start)]
    assert len(row) == 1
    assert row["issues"].iloc[0] == "", row["suggestion"].iloc[0]


def test_audit_has_one_row_per_outcome_with_the_contract_columns(sample_audit):
    program = la.load_syllabi(SAMPLE)
    n = int((program.statements["kind"] == "outcome").sum())
    assert list(sample_audit.columns) == AUDIT_COLUMNS
    assert len(sample_audit) == n
    assert set(sample_audit["bloom_level"]) <= {*BLOOM_LEVELS, ""}
    issues = {i for s in sample_audit["issues"] if s for i in s.split("; ")}
    assert issues <= set(OUTCOME_ISSUES)


@pytest.mark.parametrize(
    ("text", "verb", "suggested"),
    [
        ("Understand the basics of MARC records.", "understand", "Explain the basics"),
        (
            "Students will know the major reference sources.",
            "know",
            "Identify the major",
        ),
        ("Be familiar with core reference works.", "be familiar with", "Describe core"),
        ("Learn how to search the online catalog.", "learn", "'Search the online"),
        (
            "Appreciate the role of libraries in a democracy.",
            "appreciate",
            "importance",
        ),
        ("Be aware of patron privacy laws.", "be aware of", "Identify patron privacy"),
        ("Understand that libraries promote digital literacy.", "understand", "why"),
    ],
)
def test_audit_flags_vague_verbs_and_suggests_a_measurable_rewrite(
    text, verb, suggested
):
    row = audit_one(text)
    assert row["verb"] == verb
    assert row["issues"] == "not measurable"
    assert row["suggestion"].startswith(f"Replace '{verb}' with a measurable verb")
    assert suggested in row["suggestion"]


def test_audit_flags_an_outcome_without_an_action_verb():
    row = audit_one("Knowledge of MARC bibliographic records.")
    assert row["verb"] == ""
    assert row["issues"] == "no action verb"
    assert "'Explain MARC bibliographic records.'" in row["suggestion"]


def test_audit_splits_a_compound_outcome_but_not_a_list_of_objects():
    row = audit_one(
        "Describe the types of library materials and evaluate vendor offers."
    )
    assert row["issues"] == "compound"
    assert row["suggestion"] == (
        "Split into separately assessed outcomes: Describe the types of library "
        "materials; Evaluate vendor offers."
    )
    assert audit_one("Catalog books and serials in the ILS.")["issues"] == ""
    three = audit_one(
        "Explain authority control, apply RDA to books, and create Dublin Core records."
    )
    assert three["issues"] == "compound"
    assert three["suggestion"].count(";") == 2


def test_audit_flags_an_outcome_over_the_word_limit():
    long = (
        "Use the acquisitions module of the integrated library system to order, "
        "receive and invoice print and electronic materials for the library, "
        "including approval plans, standing orders, firm orders, serial "
        "subscriptions, database licences and e-book packages from a wide "
        "variety of vendors and publishers."
    )
    row = audit_one(long)
    assert "too long" in row["issues"].split("; ")
    assert "at most 40 words" in row["suggestion"]
    assert "including" not in row["suggestion"].split("e.g.")[-1]


def test_audit_flags_the_same_outcome_in_two_courses():
    program = make_program(
        {
            "LTA 101": ["Describe how libraries are governed and funded."],
            "LTA 140": [
                "Students will be able to describe how libraries are "
                "governed and funded"
            ],
            "LTA 150": ["Describe circulation policies."],
        }
    )
    a = la.audit_outcomes(program).set_index("course_id")
    assert a.at["LTA101", "issues"] == "duplicate"
    assert a.at["LTA140", "issues"] == "duplicate"
    assert "LTA 140" in a.at["LTA101", "suggestion"]
    assert a.at["LTA150", "issues"] == ""


@pytest.mark.parametrize(
    ("code", "title", "flagged"),
    [
        ("LTA 190", "Library Practicum", True),
        ("LTA 210", "Advanced Cataloging", True),
        ("LTA 110", "Library Technology", False),
    ],
)
def test_audit_flags_low_level_outcomes_where_the_course_expects_apply(
    code, title, flagged
):
    row = audit_one("Describe how the library departments work together.", code, title)
    assert row["bloom_level"] == "understand"
    assert (row["issues"] == "below course level") is flagged
    if flagged:
        assert "apply or above" in row["suggestion"]
    assert (
        audit_one("Apply cataloging rules to new books.", code, title)["issues"] == ""
    )


def test_audit_resolves_an_ambiguous_verb_by_its_object_else_the_lower_level():
    assert read_outcome("Identify the causes of overdue items.").bloom_level == (
        "analyze"
    )
    assert read_outcome("Identify award-winning books.").bloom_level == "remember"
    assert read_outcome("Classify books with Dewey.").bloom_level == "apply"
    assert read_outcome("Classify kinds of libraries.").bloom_level == "understand"


def test_verb_table_lists_each_ambiguous_verb_once_with_its_levels():
    table = verb_table()
    assert not set(table.ambiguous) & set(table.level_of)
    for default, _ in table.ambiguous.values():
        assert default in BLOOM_LEVELS
    assert set(table.level_of.values()) <= set(BLOOM_LEVELS)
    assert {"understand", "know", "learn", "appreciate", "be aware of"} <= set(
        table.not_measurable
    )


def test_audit_is_deterministic(sample_audit):
    again = la.audit_outcomes(la.load_syllabi(SAMPLE))
    pd.testing.assert_frame_equal(sample_audit, again)


def test_cli_audit_writes_audit_csv_and_prints_a_summary(tmp_path, capsys):
    from lta_align.cli import main

    out = tmp_path / "out"
    assert main(["audit", str(SAMPLE), "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "Audited 100 outcome(s) in 10 course(s)" in printed
    assert "LTA 170:" in printed
    audit = pd.read_csv(out / "audit.csv", keep_default_na=False)
    assert list(audit.columns) == AUDIT_COLUMNS
    assert len(audit) == 100


def test_run_writes_the_same_audit_csv_as_the_audit_command(sample_run, tmp_path):
    """The run's audit.csv is the audit command's file, byte for byte."""
    from lta_align.cli import main

    out = tmp_path / "out"
    assert main(["audit", str(SAMPLE), "--out", str(out), "-q"]) == 0
    from_run = (sample_run / "audit.csv").read_bytes()
    assert from_run == (out / "audit.csv").read_bytes()
    audit = pd.read_csv(sample_run / "audit.csv", keep_default_na=False)
    assert len(audit) == 100 and (audit["issues"] != "").any()


def test_cli_audit_refuses_to_overwrite_an_edited_audit_csv(tmp_path, capsys):
    from lta_align.cli import main

    out = tmp_path / "out"
    assert main(["audit", str(SAMPLE), "--out", str(out), "-q"]) == 0
    assert main(["audit", str(SAMPLE), "--out", str(out), "-q"]) == 0  # unedited
    target = out / "audit.csv"
    target.write_text("edited by a person\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["audit", str(SAMPLE), "--out", str(out), "-q"]) == 1
    assert "audit.csv" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "edited by a person\n"
    assert main(["audit", str(SAMPLE), "--out", str(out), "-q", "--force"]) == 0


@pytest.fixture(scope="module")
def sample_report():
    program = la.load_syllabi(SAMPLE)
    return la.gap_report(la.align(program, la.load_framework("lssc")))


def test_report_has_an_outcome_quality_section_in_html_and_markdown(sample_report):
    flagged = sample_report.outcome_quality
    flagged = flagged[flagged["issues"] != ""]
    assert len(flagged) > 0
    html = sample_report.to_html(plots=False)
    md = sample_report.to_markdown()
    assert "<h2>Outcome quality</h2>" in html
    assert "## Outcome quality" in md
    first = flagged.iloc[0]
    assert first["suggestion"].split(":")[0] in md
    assert "LTA 170" in md.split("## Outcome quality")[1]
    summary = sample_report.outcome_quality_summary
    assert summary["outcomes"].sum() == len(sample_report.outcome_quality)


def test_workbook_has_an_outcome_quality_sheet(sample_report, tmp_path):
    import openpyxl

    program = la.load_syllabi(SAMPLE)
    path = la.to_excel(
        la.align(program, la.load_framework("lssc")), tmp_path / "a.xlsx"
    )
    ws = openpyxl.load_workbook(path)["Outcome quality"]
    header = [c.value for c in ws[1]]
    assert header[:6] == [
        "Course",
        "Outcome",
        "Verb",
        "Bloom level",
        "Issues",
        "Suggestion",
    ]
    assert ws.max_row == 1 + len(sample_report.outcome_quality)


@pytest.mark.slow
def test_verb_draft_and_approval_data_ship_in_the_wheel(tmp_path):
    import subprocess
    import sys
    import zipfile

    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
        + ["--no-build-isolation", "-w", str(tmp_path / "w"), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and "setuptools" in build.stderr:
        pytest.skip(f"cannot build a wheel offline here: {build.stderr[-300:]}")
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "w").glob("lta_align-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in (
        "lta_align/reports/data/bloom_verbs.yaml",
        "lta_align/reports/data/draft_outcomes.yaml",
        "lta_align/evidence/data/approval.yaml",
    ):
        assert name in names
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); "
        "import lta_align as la; assert 'site' in la.__file__; "
        "from lta_align.reports._audit import read_outcome; "
        "from lta_align.reports._drafts import transform_competency; "
        "from lta_align.evidence._files import approval_facts; "
        "print(read_outcome('Describe X.').bloom_level, len(approval_facts()), "
        "transform_competency('Know the rules.'))"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:2] == ["understand", "8"]


def test_vague_and_compound_outcome_gets_both_and_a_split_of_the_rewrite():
    row = audit_one(
        "Students will understand how to search the catalog and evaluate the results."
    )
    assert row["issues"] == "not measurable; compound"
    assert "e.g. 'Search the catalog and evaluate the results.'" in row["suggestion"]
    assert row["suggestion"].endswith(
        "Split into separately assessed outcomes: Search the catalog; Evaluate the "
        "results."
    )


def test_vague_phrases_built_on_a_measurable_verb_are_still_vague():
    row = audit_one("Demonstrate an understanding of copyright law.")
    assert row["issues"] == "not measurable"
    assert "'Explain copyright law.'" in row["suggestion"]


def test_no_verb_of_the_table_is_flagged_on_a_plain_object():
    table = verb_table()
    texts = [
        f"{verb[:1].upper()}{verb[1:]} the circulation policy of a public library."
        for verb in sorted([*table.level_of, *table.ambiguous])
    ]
    audit = la.audit_outcomes(make_program({"LTA 120": texts}))
    flagged = audit[audit["issues"] != ""]
    assert flagged.empty, flagged[["text", "issues"]].to_string()
    assert (audit["bloom_level"] != "").all()
