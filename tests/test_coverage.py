"""Tests of lta_align.coverage.summarise on hand-made matches tables."""

from __future__ import annotations

import pandas as pd
import pytest

import lta_align as la
from lta_align.coverage import summarise
from lta_align.match import MatchConfig
from lta_align.model import Program, problems_frame

CONFIG = MatchConfig(match_threshold=0.1, partial_threshold=0.2, covered_threshold=0.3)


@pytest.fixture(scope="module")
def framework():
    return la.load_framework("lssc")


def program_of(course_ids: list[str]) -> Program:
    courses = pd.DataFrame(
        {
            "course_id": course_ids,
            "course_code": course_ids,
            "course_title": course_ids,
            "source": "x",
        }
    )
    statements = pd.DataFrame(
        columns=["course_id", "statement_id", "kind", "text", "source", "location"]
    )
    return Program(courses, statements, problems_frame([]))


def match_rows(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (course, statement, competency, score, decision, level)."""
    out = pd.DataFrame(
        rows,
        columns=[
            "course_id",
            "statement_id",
            "competency_id",
            "score",
            "decision",
            "level",
        ],
    )
    out["rank"] = 1
    out["kind"] = "outcome"
    return out


def test_reviewer_accept_and_add_rows_make_a_competency_covered(framework):
    matches = match_rows(
        [
            ("LTA130", "LTA130-a", "cataloging_classification.1", 0.05, "accept", ""),
            ("LTA130", "LTA130-b", "cataloging_classification.2", 0.9, "", ""),
            (
                "LTA130",
                "LTA130-c",
                "cataloging_classification.2",
                0.0,
                "add",
                "mastered",
            ),
            ("LTA130", "LTA130-d", "cataloging_classification.3", 0.25, "", ""),
        ]
    )
    cov, _, _ = summarise(matches, program_of(["LTA130"]), framework, CONFIG)
    cov = cov.set_index("competency_id")
    assert cov.loc["cataloging_classification.1", "status"] == "covered"
    assert bool(cov.loc["cataloging_classification.1", "reviewed"])
    # the reviewer's statement is preferred as evidence over a higher engine score
    assert cov.loc["cataloging_classification.2", "evidence_statement_id"] == "LTA130-c"
    assert cov.loc["cataloging_classification.2", "level"] == "mastered"
    assert cov.loc["cataloging_classification.2", "n_evidence"] == 2
    assert cov.loc["cataloging_classification.3", "status"] == "partial"
    assert not bool(cov.loc["cataloging_classification.3", "reviewed"])
    # every competency of the touched set is listed; unmatched ones are not covered
    assert len(cov) == 8
    assert cov.loc["cataloging_classification.8", "status"] == "not covered"
    assert cov.loc["cataloging_classification.8", "score"] == 0.0


def test_course_covering_every_competency_of_a_set_is_complete(framework):
    comps = framework.competencies_of("cataloging_classification")["competency_id"]
    rows = [("LTA130", f"LTA130-{i}", c, 0.6, "", "") for i, c in enumerate(comps)]
    rows.append(("LTA140", "LTA140-x", "cataloging_classification.1", 0.6, "", ""))
    matches = match_rows(rows)
    _, sets, courses = summarise(
        matches, program_of(["LTA130", "LTA140"]), framework, CONFIG
    )
    sets = sets.set_index("course_id")
    assert bool(sets.loc["LTA130", "complete"])
    assert sets.loc["LTA130", "covered"] == sets.loc["LTA130", "total"] == 8
    assert sets.loc["LTA130", "coverage"] == 1.0
    assert not bool(sets.loc["LTA140", "complete"])
    assert sets.loc["LTA140", "covered"] == 1
    assert not bool(sets.loc["LTA130", "provisional"])
    assert courses.set_index("course_id").loc["LTA130", "primary_set_id"] == (
        "cataloging_classification"
    )


def test_one_missing_competency_breaks_completeness(framework):
    comps = framework.competencies_of("collection_management")["competency_id"]
    rows = [
        ("LTA140", f"LTA140-{i}", c, 0.6, "", "")
        for i, c in enumerate(comps)
        if c != "collection_management.8"
    ]
    _, sets, _ = summarise(match_rows(rows), program_of(["LTA140"]), framework, CONFIG)
    row = sets.iloc[0]
    assert (row["covered"], row["total"], bool(row["complete"])) == (9, 10, False)


def test_partial_competency_is_not_covered_on_engine_evidence_alone(framework):
    matches = match_rows(
        [
            ("LTA180", "LTA180-a", "adult_readers_advisory.12", 0.9, "", ""),
            ("LTA181", "LTA181-a", "adult_readers_advisory.12", 0.1, "accept", ""),
        ]
    )
    cov, sets, _ = summarise(
        matches, program_of(["LTA180", "LTA181"]), framework, CONFIG
    )
    cov = cov[cov["competency_id"] == "adult_readers_advisory.12"].set_index(
        "course_id"
    )
    assert cov.loc["LTA180", "status"] == "partial"
    assert cov.loc["LTA181", "status"] == "covered"
    assert sets["provisional"].all()


def test_kind_weight_scales_coverage_evidence(framework):
    matches = match_rows(
        [("LTA130", "LTA130-r", "cataloging_classification.4", 0.35, "", "")]
    )
    matches["kind"] = "reading"
    cov, _, _ = summarise(matches, program_of(["LTA130"]), framework, CONFIG)
    row = cov.set_index("competency_id").loc["cataloging_classification.4"]
    weight = CONFIG.kind_weights["reading"]
    assert row["score"] == pytest.approx(round(0.35 * weight, 4))
    assert row["status"] == ("covered" if 0.35 * weight >= 0.3 else "partial")


def test_course_without_matches_has_no_primary_set(framework):
    _, _, courses = summarise(match_rows([]), program_of(["LTA199"]), framework, CONFIG)
    assert courses.iloc[0]["primary_set_id"] == ""
    assert courses.iloc[0]["primary_score"] == 0.0


def test_a_description_alone_is_weaker_coverage_evidence_than_an_outcome(framework):
    # a catalogue description names subjects in passing: the same similarity
    # covers the competency when an outcome says it, not when only the
    # description does
    matches = match_rows(
        [
            ("LTA130", "LTA130-o", "cataloging_classification.4", 0.25, "", ""),
            ("LTA131", "LTA131-d", "cataloging_classification.4", 0.25, "", ""),
        ]
    )
    matches.loc[matches["course_id"] == "LTA131", "kind"] = "description"
    config = MatchConfig(covered_threshold=0.2)
    cov, _, _ = summarise(matches, program_of(["LTA130", "LTA131"]), framework, config)
    status = cov.set_index(["course_id", "competency_id"])["status"]
    assert status[("LTA130", "cataloging_classification.4")] == "covered"
    assert status[("LTA131", "cataloging_classification.4")] != "covered"


def test_course_prior_never_pulls_direct_evidence_under_the_prior_floor(framework):
    # an off-set outcome: the course prior cut its score to 0.18, its direct
    # similarity (raw_score) is 0.7; evidence = max(score, prior_floor * raw)
    matches = match_rows(
        [
            ("LTA150", "LTA150-a", "access_services.1", 0.5, "", ""),
            ("LTA150", "LTA150-t", "technology.9", 0.18, "", ""),
        ]
    )
    matches["raw_score"] = [0.5, 0.7]
    prog = program_of(["LTA150"])
    for floor, status in [(0.0, "not covered"), (0.5, "covered"), (1.0, "covered")]:
        cfg = MatchConfig(
            match_threshold=0.1,
            partial_threshold=0.2,
            covered_threshold=0.3,
            prior_floor=floor,
        )
        cov, _, courses = summarise(matches, prog, framework, cfg)
        row = cov.set_index("competency_id").loc["technology.9"]
        assert row["status"] == status
        assert row["score"] == pytest.approx(max(0.18, floor * 0.7))
        # the course's set is still named from the priored score
        assert courses.loc[0, "primary_set_id"] == "access_services"


def test_evidence_score_uses_score_without_a_raw_column():
    from lta_align.coverage import evidence_score

    rows = pd.DataFrame({"score": [0.2, 0.4], "raw_score": [0.9, float("nan")]})
    cfg = MatchConfig(prior_floor=0.5)
    assert evidence_score(rows, cfg).tolist() == [0.45, 0.4]
    assert evidence_score(rows[["score"]], cfg).tolist() == [0.2, 0.4]
    with pytest.raises(ValueError, match="prior_floor"):
        MatchConfig(prior_floor=1.5)


def test_a_statements_runner_up_counts_rank_weight_of_its_score(framework):
    # one outcome names technology.6 first and technology.9 second with the
    # same score: with rank_weight 0.6 only its best match covers
    matches = match_rows(
        [
            ("LTA110", "LTA110-a", "technology.6", 0.4, "", ""),
            ("LTA110", "LTA110-a", "technology.9", 0.4, "", ""),
        ]
    )
    matches["rank"] = [1, 2]
    prog = program_of(["LTA110"])
    for weight, second in [(1.0, "covered"), (0.6, "not covered")]:
        cfg = MatchConfig(
            match_threshold=0.25,
            partial_threshold=0.3,
            covered_threshold=0.35,
            rank_weight=weight,
        )
        cov, _, _ = summarise(matches, prog, framework, cfg)
        status = cov.set_index("competency_id")["status"]
        assert status["technology.6"] == "covered"
        assert status["technology.9"] == second
    # a reviewer's accept covers whatever the rank
    matches["decision"] = ["", "accept"]
    cov, _, _ = summarise(matches, prog, framework, cfg)
    assert cov.set_index("competency_id").loc["technology.9", "status"] == "covered"


def test_evidence_score_discounts_candidates_below_the_first():
    from lta_align.coverage import evidence_score

    rows = pd.DataFrame({"score": [0.5, 0.5, 0.4], "rank": [1, 2, 3]})
    assert evidence_score(rows, MatchConfig(rank_weight=0.5)).tolist() == [
        0.5,
        0.25,
        0.2,
    ]
    assert evidence_score(rows, MatchConfig(rank_weight=1.0)).tolist() == [
        0.5,
        0.5,
        0.4,
    ]
    with pytest.raises(ValueError, match="rank_weight"):
        MatchConfig(rank_weight=1.5)


def lean_of(course: str, values: dict[str, float], framework) -> pd.DataFrame:
    """A lean table: ``values`` for the sets named, 0 for the others."""
    sets = list(framework.set_ids)
    return pd.DataFrame(
        {
            "course_id": course,
            "set_id": sets,
            "lean": [values.get(s, 0.0) for s in sets],
        }
    )


def test_lean_names_the_set_all_statements_point_to(framework):
    # the best candidates lean to supervision (2 of 3), but the evidence of all
    # the statements for each set says technology: technology is named, and
    # its share of the best candidates is the primary score
    matches = match_rows(
        [
            ("LTA200", "LTA200-a", "supervision_management.1", 0.4, "", ""),
            ("LTA200", "LTA200-b", "supervision_management.2", 0.4, "", ""),
            ("LTA200", "LTA200-c", "technology.1", 0.4, "", ""),
        ]
    )
    program = program_of(["LTA200"])
    lean = lean_of(
        "LTA200", {"technology": 1.0, "supervision_management": 0.55}, framework
    )
    *_, plain = summarise(matches, program, framework, CONFIG)
    *_, named = summarise(matches, program, framework, CONFIG, lean=lean)
    assert plain.loc[0, "primary_set_id"] == "supervision_management"
    assert named.loc[0, "primary_set_id"] == "technology"
    assert named.loc[0, "primary_score"] == pytest.approx(1 / 3, abs=1e-3)
    assert bool(named.loc[0, "general"])  # a third of the evidence: spread


def test_a_set_with_no_best_candidate_can_still_be_named(framework):
    matches = match_rows(
        [("LTA201", "LTA201-a", "supervision_management.1", 0.4, "", "")]
    )
    lean = lean_of("LTA201", {"technology": 1.0}, framework)
    *_, courses = summarise(
        matches, program_of(["LTA201"]), framework, CONFIG, lean=lean
    )
    assert courses.loc[0, "primary_set_id"] == "technology"
    assert courses.loc[0, "primary_score"] == 0.0


def test_reviewed_statements_count_for_their_decided_sets(framework):
    # the matcher leans to technology; a reviewer accepted supervision pairs
    # on two of the three statements: they now count for supervision
    matches = match_rows(
        [
            ("LTA202", "LTA202-a", "supervision_management.1", 0.4, "accept", ""),
            ("LTA202", "LTA202-b", "supervision_management.2", 0.4, "add", ""),
            ("LTA202", "LTA202-c", "technology.1", 0.4, "", ""),
        ]
    )
    lean = lean_of(
        "LTA202", {"technology": 1.0, "supervision_management": 0.4}, framework
    )
    *_, courses = summarise(
        matches, program_of(["LTA202"]), framework, CONFIG, lean=lean
    )
    assert courses.loc[0, "primary_set_id"] == "supervision_management"
    # one statement decided of three: 2/3 x 1.0 for technology against
    # 2/3 x 0.4 + 1/3 for supervision, the matcher's lean still wins
    one = matches.assign(decision=["accept", "", ""])
    *_, courses = summarise(one, program_of(["LTA202"]), framework, CONFIG, lean=lean)
    assert courses.loc[0, "primary_set_id"] == "technology"
