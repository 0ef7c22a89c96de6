"""Gap report: tables, verdicts, HTML and Markdown rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _factories import make_alignment

import lta_align as la
from lta_align.reports import GapReport, gap_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def alignment():
    return make_alignment()


@pytest.fixture(scope="module")
def report(alignment) -> GapReport:
    return gap_report(alignment)


def _set(report, set_id):
    return report.program_sets.set_index("set_id").loc[set_id]


def test_gap_report_is_exposed_lazily():
    assert la.gap_report is gap_report
    assert la.GapReport is GapReport


def test_program_sets_distinguish_single_course_across_courses_partial_absent(report):
    assert _set(report, "cataloging_classification")["status"] == "single course"
    assert _set(report, "cataloging_classification")["single_courses"] == "LTA 130"
    tech = _set(report, "technology")
    assert tech["status"] == "across courses"
    assert tech["complete"]
    assert tech["single_courses"] == ""
    assert "LTA 110" in tech["covering"] and "LTA 150: #9" in tech["covering"]
    coll = _set(report, "collection_management")
    assert coll["status"] == "partial"
    assert (coll["covered"], coll["total"]) == (9, 10)
    assert coll["missing"].startswith("#8 ")
    assert _set(report, "adult_readers_advisory")["status"] == "absent"


def test_course_verdict_says_covers_all_or_lists_missing(report):
    v = report.course_verdicts.set_index(["course_id", "set_id"])
    assert v.loc[("LTA130", "cataloging_classification"), "verdict"] == (
        "covers all 8 competencies"
    )
    lta140 = v.loc[("LTA140", "collection_management")]
    assert not lta140["complete"]
    assert "missing #8" in lta140["verdict"]
    assert "preserving library materials" in lta140["missing"]


def test_course_detail_has_every_competency_of_the_primary_set_with_evidence(report):
    d = report.course_detail
    cat = d[(d.course_id == "LTA130") & (d.set_id == "cataloging_classification")]
    assert len(cat) == 8
    assert (cat["status"] == "covered").all()
    assert cat["evidence"].str.startswith("Outcome for").all()
    assert set(cat["evidence_kind"]) == {"outcome"}
    assert cat["evidence_location"].str.startswith("line").all()


def test_general_course_is_listed_course_by_course_without_a_set(report):
    v = report.course_verdicts[report.course_verdicts["course_id"] == "LTA190"]
    assert v["role"].tolist() == ["general"] and v["set_id"].tolist() == [""]
    assert v["verdict"].iloc[0].startswith("general course: no primary set")
    assert not len(report.gaps[report.gaps["scope"] == "LTA190"])
    md = report.to_markdown().split("## Course by course")[1]
    html = report.to_html(plots=False).split('id="courses"')[1]
    for text in (md, html):
        assert "LTA 190" in text and "General course" in text


def test_verdict_resting_on_reviewer_decision_is_marked_reviewed(report):
    v = report.course_verdicts.set_index(["course_id", "set_id"])
    assert v.loc[("LTA140", "collection_management"), "reviewed"]
    assert not v.loc[("LTA130", "cataloging_classification"), "reviewed"]
    d = report.course_detail.set_index(["course_id", "competency_id"])
    assert d.loc[("LTA140", "collection_management.10"), "reviewed"]
    assert d.loc[("LTA140", "collection_management.10"), "level"] == "mastered"


def test_incomplete_sets_carry_the_provisional_note(report, alignment):
    fw = alignment.framework
    ps = report.program_sets.set_index("set_id")
    for set_id in fw.incomplete_sets:
        assert ps.loc[set_id, "provisional_note"] == fw.provisional_note(set_id)
        assert ps.loc[set_id, "provisional_note"].startswith("Provisional")
    assert ps.loc["technology", "provisional_note"] == ""
    v = report.course_verdicts.set_index(["course_id", "set_id"])
    assert v.loc[("LTA170", "supervision_management"), "provisional_note"]


def test_certification_path_not_met_lists_required_sets_first(report):
    assert report.path_verdict.startswith("Not yet")
    plan = report.path[report.path["in_plan"]]
    # both absent required sets must be closed, then the elective closest to done
    assert list(plan["set_id"]) == [
        "foundations",
        "communication_teamwork",
        "collection_management",
    ]
    assert "together cover every competency" in report.path_basis


def test_certification_path_met_when_required_and_three_electives_complete():
    full = {
        cid: (cid, cid, {(set_id, k): (0.8, "") for k in range(1, n + 1)})
        for cid, set_id, n in [
            ("A1", "foundations", 12),
            ("A2", "communication_teamwork", 9),
            ("A3", "technology", 9),
            ("A4", "access_services", 13),
            ("A5", "cataloging_classification", 8),
            ("A6", "reference_information", 9),
        ]
    }
    report = gap_report(make_alignment(full, inject=False))
    assert report.path_verdict.startswith("Yes")
    assert report.path["counts"].sum() == 6
    assert not report.path["in_plan"].any()


def test_each_gap_has_a_suggestion_and_near_misses_when_statements_come_close(report):
    g = report.gaps
    prog = g[(g.scope == "program") & (g.competency_id == "collection_management.8")]
    assert len(prog) == 1
    row = prog.iloc[0]
    assert row["home_course_id"] == "LTA140"
    assert "LTA 140" in row["near_misses"]
    assert "LTA 140" in row["suggestion"] and "strengthen" in row["suggestion"]
    assert row["in_plan"]
    absent = g[
        (g.scope == "program")
        & (g.set_id == "adult_readers_advisory")
        & (g.action != "unknown")
    ]
    assert len(absent) == 11
    assert (
        absent["suggestion"]
        .str.startswith("No course addresses Adult Readers' Advisory Services")
        .all()
    )
    near = report.near_misses
    assert set(
        near.loc[near.competency_id == "collection_management.8", "course_id"]
    ) == {"LTA140"}


def test_course_scope_gaps_for_course_approval(report):
    g = report.gaps
    lta170 = g[g.scope == "LTA170"]
    assert sorted(lta170["number"].astype(int)) == list(range(9, 16))
    assert (lta170["home_course_id"] == "LTA170").all()


def test_summary_names_framework_version_and_statuses(report):
    text = report.summary()
    assert "version 2012" in text
    assert "single course: Access Services, Cataloging and Classification" in text
    assert "across courses: Technology" in text


def test_html_is_self_contained_and_escapes_syllabus_text(report, alignment):
    html = report.to_html(alignment=alignment)
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert html.count('src="data:image/png;base64,') == 2
    assert "@media print" in html
    # framework name, version and wording note in every report
    assert report.framework_name in html and "version 2012" in html
    assert "paraphrase" in html
    assert "Provisional: Youth Services" in html
    assert "reviewed" in html


def test_html_and_markdown_are_deterministic(alignment):
    # the embedded PNGs are checked byte for byte in the plots test
    a = gap_report(alignment).to_html(plots=False)
    b = gap_report(alignment).to_html(plots=False)
    assert a == b
    assert gap_report(alignment).to_markdown() == gap_report(alignment).to_markdown()


def test_markdown_names_sets_gaps_and_escapes_pipes(report):
    md = report.to_markdown()
    assert md.startswith("# LSSC gap report")
    assert "version 2012" in md and "paraphrase" in md
    assert "| Cataloging and Classification | no | 8/8 | single course |" in md
    assert "### Collection Management: 9/10, partial" in md
    assert "\\<script>" in md and "&lt;" not in md
    assert "& \\| review it" in md  # "&" needs no escaping in Markdown text


def test_packaged_template_matches_top_level_copy():
    packaged = (
        ROOT / "lta_align" / "reports" / "templates" / "report.html.j2"
    ).read_bytes()
    top = (ROOT / "templates" / "report.html.j2").read_bytes()
    assert packaged == top, (
        "templates/report.html.j2 is out of date: run scripts/build_templates.py"
    )


def test_to_html_renders_a_restyled_copy_of_the_template(sample_report, tmp_path):
    top = (ROOT / "templates" / "report.html.j2").read_text(encoding="utf-8")
    restyled = tmp_path / "mine.html.j2"
    restyled.write_text(top.replace("<body>", "<body class='riverbend'>", 1))
    html = sample_report.to_html(plots=False, template=restyled)
    assert "<body class='riverbend'>" in html
    assert html.replace(" class='riverbend'", "", 1) == sample_report.to_html(
        plots=False
    )


def test_to_html_names_a_broken_template_and_the_fix(sample_report, tmp_path):
    broken = tmp_path / "broken.html.j2"
    broken.write_text("<p>{% for x in %}</p>")
    with pytest.raises(la.LtaAlignError, match="broken.html.j2.*not a valid Jinja"):
        sample_report.to_html(template=broken)


def test_plots_return_axes_and_png_without_metadata(report, alignment):
    from lta_align.plots import coverage_heatmap, figure_png, set_coverage_bars

    ax = coverage_heatmap(alignment)
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "LTA 110"
    png = figure_png(ax.figure)
    assert png.startswith(b"\x89PNG") and b"Matplotlib" not in png
    assert png == figure_png(coverage_heatmap(alignment).figure)
    bars = set_coverage_bars(report)
    assert len(bars.patches) >= 2 * len(report.program_sets)


# --- the sample program through the real pipeline ----------------------------------
# (sample_alignment, sample_report and sample_run are session fixtures: conftest.py)
@pytest.fixture(scope="module")
def sample(sample_alignment):
    return sample_alignment


def test_sample_report_finds_the_designed_gaps(sample_report):
    ps = sample_report.program_sets.set_index("set_id")
    # no course addresses adult readers' advisory: a true gap (data/README.md).
    # tfidf finds one item of it (#10, collection-based programs such as
    # summer reading) in LTA 160's programming outcomes; hybrid, the default,
    # finds none (test_default_method_finds_no_readers_advisory_in_the_sample)
    ara = ps.loc["adult_readers_advisory"]
    assert ara["status"] in ("absent", "partial")
    assert ara["covered"] <= 1
    assert ara["provisional_note"].startswith("Provisional")
    # LTA 130 covers cataloging on its own and could be submitted for approval.
    # tfidf (this fixture) reads its evidence for item #1 (a second-place
    # candidate) as partial; hybrid, the default, finds the single course
    # (test_default_method_finds_the_designed_single_course)
    cat = ps.loc["cataloging_classification"]
    assert cat["status"] in ("single course", "partial")
    g = sample_report.gaps
    lta130 = g[(g.scope == "LTA130") & (g.set_id == "cataloging_classification")]
    assert set(lta130["competency_id"]) <= {"cataloging_classification.1"}
    # supervision is deliberately partial: grants/fundraising (#9) is not covered
    assert ps.loc["supervision_management", "status"] == "partial"
    assert "#9 " in ps.loc["supervision_management", "missing"]
    # LTA 140 never mentions preservation: a course-approval gap for LTA 140
    g = sample_report.gaps
    assert "collection_management.8" in set(g.loc[g.scope == "LTA140", "competency_id"])
    # not covered anywhere in the program either: LTA 140 is its home
    home = g[(g.scope == "program") & (g.competency_id == "collection_management.8")]
    assert home["home_course_id"].tolist() == ["LTA140"]


def test_default_method_finds_the_designed_single_course(sample_program, lssc):
    pytest.importorskip("onnxruntime", reason="the optional [embed] extra")
    report = la.gap_report(la.align(sample_program, lssc, method="hybrid"))
    cat = report.program_sets.set_index("set_id").loc["cataloging_classification"]
    assert cat["status"] == "single course"
    assert "LTA 130" in cat["single_courses"]


def test_default_method_finds_no_readers_advisory_in_the_sample(sample_program, lssc):
    pytest.importorskip("onnxruntime", reason="the optional [embed] extra")
    report = la.gap_report(la.align(sample_program, lssc, method="hybrid"))
    ara = report.program_sets.set_index("set_id").loc["adult_readers_advisory"]
    assert (ara["status"], ara["covered"]) == ("absent", 0)


def test_sample_report_renders_sets_and_gaps(sample_report, sample):
    html = sample_report.to_html(alignment=sample)
    assert "Adult Readers&#39; Advisory Services" in html
    assert "LTA 130" in html and "Riverbend" not in sample_report.framework_name
    md = sample_report.to_markdown()
    assert "### Adult Readers' Advisory Services: " in md
    assert "## Certification path" in md
    assert "LTA 190" in md


def test_run_writes_excel_html_markdown_and_gaps_csv(sample_run):
    tmp_path = sample_run
    for name in (
        "alignment.xlsx",
        "report.html",
        "report.md",
        "gaps.csv",
        "matches.csv",
        "coverage.csv",
    ):
        assert (tmp_path / name).stat().st_size > 0, name
    import openpyxl
    import pandas as pd

    wb = openpyxl.load_workbook(tmp_path / "alignment.xlsx")
    assert wb.sheetnames[:3] == ["Summary", "Matrix", "Matches"]
    gaps = pd.read_csv(tmp_path / "gaps.csv", keep_default_na=False)
    assert "adult_readers_advisory.1" in set(gaps["competency_id"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Certification path" in html


def test_run_outputs_refuse_an_edited_workbook_and_write_nothing(sample, tmp_path):
    from lta_align.errors import OutputExistsError
    from lta_align.outputs import write_outputs

    write_outputs(sample, tmp_path)
    before = (tmp_path / "report.md").stat().st_mtime_ns
    with open(tmp_path / "alignment.xlsx", "ab") as fh:
        fh.write(b"edited")
    with pytest.raises(OutputExistsError, match="review import"):
        write_outputs(sample, tmp_path)
    assert (tmp_path / "report.md").stat().st_mtime_ns == before
    assert (tmp_path / "alignment.xlsx").read_bytes().endswith(b"edited")


def test_framework_without_rule_has_no_path_but_still_renders(alignment, tmp_path):
    import dataclasses

    fw = dataclasses.replace(alignment.framework, rule=None)
    a = dataclasses.replace(alignment, framework=fw)
    report = gap_report(a)
    assert report.path.empty and report.path_verdict == ""
    assert "no certification rule" in report.to_html(plots=False)
    assert "No certification rule" in report.summary()
    from lta_align.excel import to_excel

    assert to_excel(a, tmp_path / "x.xlsx").stat().st_size > 0


# --- faculty-facing wording: title, provisional marker, gap suggestions ------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("syllabi", "LTA program: 3 courses (LTA 101\u2013LTA 190)"),
        ("Data", "LTA program: 3 courses (LTA 101\u2013LTA 190)"),
        ("", "LTA program: 3 courses (LTA 101\u2013LTA 190)"),
        ("input_files", "LTA program: 3 courses (LTA 101\u2013LTA 190)"),
        ("Riverbend LTA", "Riverbend LTA"),
    ],
    ids=["syllabi", "data", "empty", "input-files", "real-name"],
)
def test_program_title_replaces_generic_folder_names_with_the_courses(name, expected):
    from lta_align.reports import program_title

    assert program_title(name, ["LTA 101", "LTA 130", "LTA 190"]) == expected


def test_program_title_without_a_common_prefix_or_courses():
    from lta_align.reports import program_title

    assert program_title("courses", ["LTA 101", "LIB 200"]) == (
        "Program: 2 courses (LTA 101\u2013LIB 200)"
    )
    assert program_title("courses", ["LTA 101"]) == "LTA program: 1 course (LTA 101)"
    assert program_title("syllabi", []) == "Program"


def test_sample_report_is_titled_from_its_courses_not_the_folder(sample_report):
    n = len(sample_report.course_verdicts["course_id"].unique())
    assert sample_report.program_name == "syllabi"
    assert sample_report.title.startswith("LTA program: ")
    assert "(LTA 101\u2013LTA 190)" in sample_report.title and n >= 8
    md = sample_report.to_markdown()
    assert md.splitlines()[0] == f"# LSSC gap report \u2014 {sample_report.title}"
    html = sample_report.to_html(plots=False)
    assert f"<h1>Gap report &mdash; {sample_report.title}</h1>" in html
    assert "syllabi" not in md.splitlines()[0]


def test_a_real_program_name_is_kept_as_the_title(report):
    assert report.title == "Fake program"
    assert report.to_markdown().startswith("# LSSC gap report \u2014 Fake program")


def test_sets_table_shows_a_short_provisional_marker_and_the_note_once(report):
    md = report.to_markdown()
    table = md[md.index("## Sets at a glance") : md.index("## Gaps to close")]
    youth = next(line for line in table.splitlines() if "| Youth Services |" in line)
    assert youth.endswith("(provisional*) |")
    assert "known only in part" not in youth
    # one footnote below the table names every set known in part
    assert table.count("known only in part") == 1
    assert report.provisional_footnote.startswith("* Provisional: ")
    for name in ("Adult Readers' Advisory Services", "Youth Services"):
        assert name in report.provisional_footnote
    assert "\\* Provisional: " in table  # not a Markdown bullet
    # each set's own section still carries its full note
    gaps = md[md.index("## Gaps to close") :]
    assert "*Provisional: Supervision and Management is known only in part" in gaps
    html = report.to_html(plots=False)
    sets = html[html.index('<section id="sets">') : html.index('<section id="gaps">')]
    assert sets.count(">provisional*</span>") == 3
    assert sets.count("known only in part") == 3 + 1  # 3 hover titles + footnote
    assert sets.count('<p class="prov">* Provisional:') == 1


def test_absent_set_gets_one_set_level_suggestion(report):
    ps = report.program_sets.set_index("set_id")
    ara = ps.loc["adult_readers_advisory"]
    assert ara["status"] == "absent"
    assert ara["suggestion"].startswith(
        "No course addresses Adult Readers' Advisory Services: "
    )
    assert ps.loc["collection_management", "suggestion"] == ""
    g = report.gaps
    absent = g[(g.scope == "program") & (g.set_id == "adult_readers_advisory")]
    assert set(absent["action"]) == {"new", "unknown"}
    for text in (report.to_markdown(), report.to_html(plots=False)):
        text = text.replace("&#39;", "'")
        assert text.count("No course addresses Adult Readers' Advisory Services:") == 1
        assert "No course in the program is built around" not in text


def _check_strengthen_rule(rep):
    """Only near misses rated partial (or covered) are offered for strengthening."""
    g, near = rep.gaps, rep.near_misses
    assert set(near["strength"]) <= {"covered", "partial", "weak"}
    strengthen = g[g["action"] == "strengthen"]
    for row in strengthen.itertuples():
        cands = near[
            (near.scope == row.scope)
            & (near.competency_id == row.competency_id)
            & (near.course_id == row.home_course_id)
        ]
        quoted = [t for t in cands["text"] if t[:60] in row.suggestion]
        assert quoted, row.suggestion
        assert set(cands.loc[cands["text"].isin(quoted), "strength"]) <= {
            "covered",
            "partial",
        }
    weak_only = g[(g["action"] != "strengthen")]
    assert not weak_only["suggestion"].str.contains("strengthen").any()
    return strengthen


def test_only_near_misses_rated_partial_are_suggested_for_strengthening(
    sample_report, report
):
    # the hand-made program has partial near misses to build on ...
    assert len(_check_strengthen_rule(report)), "no gap to strengthen"
    # ... the sample only weak ones: they stay listed, labelled weak, and are
    # never offered for strengthening
    _check_strengthen_rule(sample_report)
    g = sample_report.gaps
    assert (sample_report.near_misses["strength"] == "weak").any()
    assert g["near_misses"].str.contains(r", weak\): ").any()


def test_gaps_without_a_near_miss_to_build_on_are_grouped_per_home_course(
    sample_report,
):
    md = sample_report.to_markdown()
    adds = sample_report.gaps[
        (sample_report.gaps.scope == "program") & (sample_report.gaps.action == "add")
    ]
    for (set_id, home), sub in adds.groupby(["set_id", "home_course_code"]):
        assert md.count(f"Suggestion: Add to {home} (") >= 1, (set_id, home)
        for n in sub["number"]:
            assert f"- **#{n}** " in md


# --- issue 13: what the committee reads ---------------------------------------
def test_placeholder_competency_is_unknown_never_work_to_do(report):
    g = report.gaps
    ph = g[g["competency_id"] == "adult_readers_advisory.12"]
    assert len(ph) and (ph["action"] == "unknown").all()
    assert (ph["best_status"] == "unknown").all()
    assert ph["suggestion"].str.startswith("Unknown:").all()
    assert not ph["suggestion"].str.contains("add a learning outcome", case=False).any()
    d = report.course_detail
    sup = d[d["competency_id"] == "supervision_management.15"]
    assert set(sup["status"]) <= {"unknown", "covered"}
    v = report.course_verdicts.set_index(["course_id", "set_id"])
    verdict = v.loc[("LTA170", "supervision_management"), "verdict"]
    if "missing" in verdict:
        assert "#15" not in verdict.split("missing")[1].split(";")[0]
    md = report.to_markdown()
    assert "Unknown, not a gap" in md


def test_short_cuts_quotes_at_a_word_boundary():
    from lta_align.reports._base import short

    text = "Explain how collection policies respond to shifting material budgets"
    cut = short(text, 50)
    assert cut.endswith("\u2026") and len(cut) <= 50
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert short("word", 10) == "word"


def test_boilerplate_is_never_offered_as_closest_evidence():
    from lta_align.reports._gaps import is_boilerplate

    assert is_boilerplate(
        "Additional readings and short videos posted in Canvas each week."
    )
    assert is_boilerplate("Weekly articles and database tutorials linked in Canvas.")
    assert not is_boilerplate(
        "Selected picture books, middle grade novels and young adult titles "
        "(list in Canvas)."
    )
    assert not is_boilerplate("Catalog books using RDA and MARC 21.")


def test_shortest_route_sentence_keeps_its_space_before_details(report):
    html = report.to_html(plots=False)
    assert ".Details" not in html and ") Details" not in html.replace(". Details", "")


def test_edited_copy_of_the_builtin_paraphrase_keeps_the_caveat(tmp_path):
    from lta_align.frameworks import framework_to_frame

    table = framework_to_frame(la.load_framework("lssc"))
    table.loc[0, "text"] = "The official wording of item one, typed in."
    table.loc[1, "text"] = "The official wording of item two, typed in."
    path = tmp_path / "official.csv"
    table.to_csv(path, index=False)
    fw = la.load_framework(path)
    assert fw.source_note.startswith("106 of 108 competency statements")
    assert "paraphrase" in fw.source_note
    own = table.assign(text=[f"Official text {i}." for i in range(len(table))])
    own.to_csv(path, index=False)
    assert "paraphrase" not in la.load_framework(path).source_note


def test_program_verdict_never_lists_a_placeholder_as_missing(report):
    ps = report.program_sets.set_index("set_id")
    for set_id in ("supervision_management", "adult_readers_advisory"):
        verdict = ps.loc[set_id, "verdict"]
        missing = (
            verdict.split("missing")[1].split(";")[0] if "missing" in verdict else ""
        )
        placeholder = "#15" if set_id == "supervision_management" else "#12"
        assert placeholder not in missing.split(", "), verdict
        assert placeholder not in ps.loc[set_id, "missing"].split(" ")[:1]


def test_certification_path_does_not_count_placeholders_as_gaps_to_close(report):
    path = report.path.set_index("set_id")
    ps = report.program_sets.set_index("set_id")
    sup = ps.loc["supervision_management"]
    # #15 is known only in part: unknown, not a gap to close
    assert path.loc["supervision_management", "missing_count"] == (
        sup["total"] - sup["covered"] - 1
    )
