"""Tests of lta_align.align on small hand-made programs."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import lta_align as la
from lta_align.columns import (
    ALIGNED_COURSE_COLUMNS,
    COURSE_SET_COLUMNS,
    COVERAGE_COLUMNS,
    MATCH_COLUMNS,
)
from lta_align.match import MatchConfig
from lta_align.model import Framework, Program, problems_frame
from lta_align.text import statement_id

TITLES = {
    "LTA130": "Cataloging and Classification",
    "LTA150": "Access Services",
    "LTA190": "Practicum",
}


def make_program(rows: list[tuple[str, str, str]]) -> Program:
    """Build a Program from (course_id, kind, text) rows."""
    statements = pd.DataFrame(
        [
            {
                "course_id": c,
                "statement_id": statement_id(c, t),
                "kind": k,
                "text": t,
                "source": f"{c}.md",
                "location": f"line {i}",
            }
            for i, (c, k, t) in enumerate(rows, start=1)
        ]
    )
    ids = sorted({c for c, _, _ in rows})
    courses = pd.DataFrame(
        {
            "course_id": ids,
            "course_code": [f"{c[:3]} {c[3:]}" for c in ids],
            "course_title": [TITLES.get(c, c) for c in ids],
            "source": [f"{c}.md" for c in ids],
        }
    )
    return Program(courses, statements, problems_frame([]), name="hand-made")


CATALOGING = [
    ("LTA130", "description", "An introduction to cataloging and classification."),
    (
        "LTA130",
        "outcome",
        "Create and edit MARC bibliographic records following RDA rules.",
    ),
    (
        "LTA130",
        "outcome",
        "Assign Dewey Decimal call numbers and Library of Congress Subject Headings.",
    ),
    ("LTA130", "outcome", "Late work loses 10% per day."),
]
ACCESS = [
    ("LTA150", "description", "Circulation and access services in libraries."),
    (
        "LTA150",
        "outcome",
        "Check out and check in materials and place holds in the ILS.",
    ),
    ("LTA150", "outcome", "Process interlibrary loan (ILL) requests."),
]


@pytest.fixture(scope="module")
def framework():
    return la.load_framework("lssc")


@pytest.fixture(scope="module")
def result(framework):
    return la.align(make_program(CATALOGING + ACCESS), framework, method="tfidf")


def test_align_returns_the_contract_columns(result):
    assert list(result.matches.columns[: len(MATCH_COLUMNS)]) == MATCH_COLUMNS
    assert {"kind", "decision", "level", "note"} <= set(result.matches.columns)
    assert list(result.coverage.columns[: len(COVERAGE_COLUMNS)]) == COVERAGE_COLUMNS
    assert {"level", "reviewed", "n_evidence"} <= set(result.coverage.columns)
    cs_cols = list(result.course_sets.columns[: len(COURSE_SET_COLUMNS)])
    assert cs_cols == COURSE_SET_COLUMNS
    assert "provisional" in result.course_sets.columns
    assert list(result.courses.columns) == [*ALIGNED_COURSE_COLUMNS, "general"]
    assert {"below_floor", "no_match", "learned_from"} <= set(result.matches.columns)
    assert list(result.unmatched.columns) == [
        "course_id",
        "statement_id",
        "kind",
        "text",
        "best_score",
    ]
    assert result.method == "tfidf"
    assert isinstance(result.config, MatchConfig)


def test_cataloging_outcome_lands_on_cataloging_competencies_with_evidence(result):
    sid = statement_id("LTA130", CATALOGING[1][2])
    rows = result.matches[result.matches["statement_id"] == sid]
    assert rows["rank"].tolist() == [1, 2, 3][: len(rows)]
    assert rows.iloc[0]["competency_id"] == "cataloging_classification.3"
    assert rows["score"].between(0, 1).all()
    cov = result.coverage.set_index(["course_id", "competency_id"])
    row = cov.loc[("LTA130", "cataloging_classification.3")]
    assert row["status"] == "covered"
    assert row["evidence_statement_id"] == sid


def test_policy_sentence_keeps_ranked_candidates_flagged_no_match(result):
    sid = statement_id("LTA130", "Late work loses 10% per day.")
    rows = result.matches[result.matches["statement_id"] == sid]
    # ranked apart from the no-match decision: the candidates stay, flagged
    assert rows["rank"].tolist() == [1, 2, 3]
    assert rows["no_match"].all() and rows["below_floor"].all()
    assert sid in set(result.unmatched["statement_id"])
    # and they are no coverage evidence
    assert sid not in set(result.coverage["evidence_statement_id"])


def test_circulation_outcome_uses_the_glossary(result):
    sid = statement_id("LTA150", ACCESS[1][2])
    top = result.matches[result.matches["statement_id"] == sid].iloc[0]
    assert top["competency_id"] == "access_services.2"
    sid = statement_id("LTA150", ACCESS[2][2])
    top3 = result.matches[result.matches["statement_id"] == sid]["competency_id"]
    assert "access_services.5" in set(top3)


def test_courses_get_their_primary_set(result):
    primary = result.courses.set_index("course_id")["primary_set_id"]
    assert primary["LTA130"] == "cataloging_classification"
    assert primary["LTA150"] == "access_services"


def tiny_framework(texts: dict[str, str]) -> Framework:
    """One set "demo" holding the given competency texts."""
    comps = pd.DataFrame(
        {
            "set_id": "demo",
            "set_name": "Demo",
            "required": False,
            "competency_id": list(texts),
            "text": list(texts.values()),
            "number": [c.split(".")[1] for c in texts],
            "partial": False,
        }
    )
    sets = pd.DataFrame(
        {
            "set_id": ["demo"],
            "set_name": ["Demo"],
            "required": [False],
            "n_competencies": [len(texts)],
            "complete": [True],
            "expected_count": [len(texts)],
            "note": [""],
        }
    )
    return Framework("demo", "Demo framework", "1", comps, sets)


def test_close_ties_are_flagged_ambiguous_and_broken_by_framework_order():
    fw = tiny_framework(
        {
            "demo.1": "Shelve books in call number order.",
            "demo.2": "Shelve books by call number order.",
            "demo.3": "Prepare the annual budget.",
        }
    )
    program = make_program(
        [
            ("LTA150", "outcome", "Shelve returned books in call number order."),
            ("LTA150", "outcome", "Prepare and monitor the annual budget."),
        ]
    )
    res = la.align(program, fw, method="tfidf")
    shelve = res.matches[
        res.matches["statement_id"] == program.statements["statement_id"].iloc[0]
    ]
    assert shelve["competency_id"].tolist()[:2] == ["demo.1", "demo.2"]
    assert shelve["ambiguous"].all()
    budget = res.matches[
        res.matches["statement_id"] == program.statements["statement_id"].iloc[1]
    ]
    assert budget.iloc[0]["competency_id"] == "demo.3"
    assert not budget["ambiguous"].any()


def test_results_are_identical_across_runs(framework):
    program = make_program(CATALOGING + ACCESS)
    a = la.align(program, framework, method="tfidf")
    b = la.align(program, framework, method="tfidf")
    for name in ("matches", "coverage", "course_sets", "courses", "unmatched"):
        assert getattr(a, name).to_csv(index=False) == getattr(b, name).to_csv(
            index=False
        )


def test_statement_order_does_not_change_results(framework):
    program = make_program(CATALOGING + ACCESS)
    shuffled = dataclasses.replace(
        program, statements=program.statements.iloc[::-1].reset_index(drop=True)
    )
    a = la.align(program, framework, method="tfidf")
    b = la.align(shuffled, framework, method="tfidf")
    assert a.matches.to_csv(index=False) == b.matches.to_csv(index=False)
    assert a.coverage.to_csv(index=False) == b.coverage.to_csv(index=False)


def test_unknown_method_lists_allowed_methods(framework):
    with pytest.raises(ValueError, match=r"method should be one of .*'tfidf'.*bm25"):
        la.align(make_program(CATALOGING), framework, method="bm25")


def test_general_course_is_flagged_and_names_its_leaning_set(framework):
    practicum = [
        ("LTA190", "description", "Supervised work experience in a library."),
        ("LTA190", "outcome", "Check out materials at the circulation desk."),
        ("LTA190", "outcome", "Copy catalog new books using OCLC WorldCat."),
        ("LTA190", "outcome", "Answer reference questions using databases."),
        ("LTA190", "outcome", "Plan and lead a preschool storytime."),
        ("LTA190", "outcome", "Troubleshoot public computers and printers."),
        ("LTA190", "outcome", "Weed the nonfiction collection using CREW."),
    ]
    res = la.align(make_program(practicum), framework, method="tfidf")
    row = res.courses.iloc[0]
    # flagged general, and still names the set it leans to
    assert bool(row["general"])
    assert row["primary_set_id"] in set(framework.set_ids)
    assert row["primary_set_name"] == framework.set_name(row["primary_set_id"])
    assert len(set(res.matches["set_id"])) >= 4


def test_empty_program_gives_empty_tables(framework):
    program = make_program(CATALOGING)
    empty = dataclasses.replace(program, statements=program.statements.iloc[:0])
    res = la.align(empty, framework, method="tfidf")
    assert res.matches.empty and res.coverage.empty and res.course_sets.empty
    assert res.courses["primary_set_id"].tolist() == [""]


def test_match_config_rejects_thresholds_out_of_order():
    with pytest.raises(ValueError, match="partial_threshold"):
        MatchConfig(partial_threshold=0.5, covered_threshold=0.3)


def test_embed_method_without_the_extra_names_the_extra(framework, monkeypatch):
    from lta_align.match import embed

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    embed.get_encoder.cache_clear()
    try:
        with pytest.raises(la.MissingDependencyError, match=r"lta-align\[embed\]"):
            la.align(make_program(CATALOGING), framework, method="embed")
    finally:
        embed.get_encoder.cache_clear()


def test_text_listed_under_two_kinds_keeps_the_stronger_kind(framework):
    text = "Create and edit MARC bibliographic records following RDA rules."
    rows = [("LTA130", "topic", text), ("LTA130", "outcome", text)]
    a = la.align(make_program(rows), framework, method="tfidf")
    b = la.align(make_program(rows[::-1]), framework, method="tfidf")
    assert set(a.matches["kind"]) == {"outcome"}
    assert a.matches.to_csv(index=False) == b.matches.to_csv(index=False)


@given(
    arrays(np.float64, (6, 9), elements=st.sampled_from([0.0, 0.1, 0.2, 0.3])),
    st.integers(1, 9),
)
def test_top_k_equals_a_stable_full_sort(values, k):
    from lta_align.match._base import _top_k

    expected = np.argsort(-values, axis=1, kind="stable")[:, :k]
    assert (_top_k(values, k, np.arange(values.shape[1])) == expected).all()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Cataloging and Classification", "cataloging_classification.8"),
        ("Library Technology", "technology.7"),
    ],
)
def test_course_title_decides_between_equally_worded_competencies(
    framework, title, expected
):
    # technology.7 and cataloging_classification.8 share most of their wording
    text = (
        "Understand technology's part in producing, finding, retrieving and "
        "reaching information resources, and work with tools for metadata and "
        "discovery."
    )
    program = make_program([("LTA199", "outcome", text)])
    program = dataclasses.replace(
        program, courses=program.courses.assign(course_title=title)
    )
    result = la.align(program, framework, method="tfidf")
    assert result.matches.iloc[0]["competency_id"] == expected


def test_shipped_thresholds_depend_on_the_method(framework):
    tfidf = MatchConfig.for_framework(framework, "tfidf")
    hybrid = MatchConfig.for_framework(framework, "hybrid")
    assert tfidf == MatchConfig()
    assert hybrid.covered_threshold > tfidf.covered_threshold
    custom = tiny_framework({"demo.1": "Shelve books."})
    assert MatchConfig.for_framework(custom, "hybrid") == hybrid
    assert MatchConfig.for_framework(framework, "tfidf", top_k=5).top_k == 5
    with pytest.raises(ValueError, match="unknown MatchConfig field"):
        MatchConfig.for_framework(framework, "tfidf", topk=5)


def test_hybrid_takes_its_lexical_share_from_the_config(framework):
    from lta_align.match import get_matcher

    shipped = MatchConfig.for_framework(framework, "hybrid")
    assert get_matcher("hybrid", shipped).lexical_weight == shipped.lexical_weight
    config = dataclasses.replace(shipped, lexical_weight=0.3)
    assert get_matcher("hybrid", config).lexical_weight == 0.3
    # methods without the parameter ignore it
    assert "lexical_weight" not in get_matcher("tfidf", config).get_params()
    with pytest.raises(ValueError, match="lexical_weight"):
        MatchConfig(lexical_weight=1.5)


def test_matcher_rejects_a_misspelt_parameter_and_lists_the_allowed_ones():
    from lta_align.match.tfidf import TfidfMatcher

    with pytest.raises(TypeError, match="prior_weight"):
        TfidfMatcher(prior_wieght=0.2)
    params = TfidfMatcher(terms_weight=0.5).get_params()
    assert params["terms_weight"] == 0.5
    assert params["prior_weight"] == 0.5


def test_editing_one_column_of_the_result_leaves_the_others_alone(sample_program, lssc):
    result = la.align(sample_program, lssc, method="tfidf")
    for name in ("matches", "coverage", "course_sets", "unmatched"):
        table = getattr(result, name)
        text = [
            c
            for c in table.columns
            if table[c].dtype == object or table[c].dtype == "str"
        ]
        before = table.copy()
        for col in text:
            edited = table.copy()
            edited.loc[0, col] = "edited"
            others = [c for c in text if c != col]
            pd.testing.assert_frame_equal(edited[others], before[others])
            table.loc[0, col] = "edited"
            assert (table[others].iloc[0] == before[others].iloc[0]).all(), (name, col)
            table.loc[0, col] = before.loc[0, col]
