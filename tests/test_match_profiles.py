"""Competency profiles: example phrasings shipped beside the framework."""

from __future__ import annotations

import dataclasses

import lta_align as la
from lta_align.match._documents import load_profiles


def test_lssc_ships_a_profile_for_every_competency_whose_subject_is_known():
    fw = la.load_framework("lssc")
    profiles = load_profiles(fw)
    comps = fw.competencies
    known_in_part = comps["partial"].fillna(False).astype(bool)
    partial = set(comps.loc[known_in_part, "competency_id"])
    # supervision_management.15's visible words name no subject: nothing to phrase
    assert set(profiles) == set(comps["competency_id"]) - {"supervision_management.15"}
    for comp, phrasings in profiles.items():
        # a partly known competency is phrased in its visible words only
        assert len(phrasings) == (2 if comp in partial else 5), comp
        assert len(set(phrasings)) == len(phrasings), comp


def test_a_custom_framework_reads_profiles_beside_its_file(tmp_path):
    fw = la.load_framework("lssc")
    source = tmp_path / "mine.yaml"
    custom = dataclasses.replace(fw, framework_id="mine", source=str(source))
    assert load_profiles(custom) == {}
    (tmp_path / "mine_profiles.yaml").write_text(
        "foundations.1:\n  - Explain what libraries do for communities.\n"
        "nope.1:\n  - ignored\n",
        encoding="utf-8",
    )
    assert load_profiles(custom) == {
        "foundations.1": ("Explain what libraries do for communities.",)
    }


def test_profile_weight_changes_scores_and_zero_keeps_them():
    fw = la.load_framework("lssc")
    from test_match import CATALOGING, make_program

    program = make_program(CATALOGING)
    base = la.MatchConfig.for_framework(fw, "tfidf", profile_weight=0.0)
    off = la.align(program, fw, method="tfidf", config=base)
    on = la.align(
        program,
        fw,
        method="tfidf",
        config=dataclasses.replace(base, profile_weight=0.5),
    )
    again = la.align(program, fw, method="tfidf", config=base)
    assert off.matches.equals(again.matches)
    assert not off.matches["score"].equals(on.matches["score"])


def test_tfidf_scores_a_profile_phrasing_at_least_the_profile_weight():
    # the profile blend applies to every statement, with or without decisions
    fw = la.load_framework("lssc")
    from test_match import make_program

    phrasing = load_profiles(fw)["foundations.2"][0]
    config = la.MatchConfig.for_framework(
        fw, "tfidf", prior_weight=0.0, profile_weight=0.5
    )
    program = make_program([("LTA101", "outcome", phrasing)])
    result = la.align(program, fw, method="tfidf", config=config)
    m = result.matches.set_index("competency_id")
    assert m.loc["foundations.2", "rank"] == 1
    assert m.loc["foundations.2", "raw_score"] >= 0.5 - 1e-3
    # a decision on nothing related leaves the scores as they are
    other = make_program(
        [("LTA101", "outcome", phrasing), ("LTA102", "outcome", "Shelve books.")]
    )
    plain = la.align(other, fw, method="tfidf", config=config).matches
    shelve = plain[plain["course_id"] == "LTA102"]
    decided = la.align(
        other,
        fw,
        method="tfidf",
        config=config,
        decisions=shelve.iloc[[0]].assign(decision="reject"),
    ).matches
    mine = decided[decided["course_id"] == "LTA101"].reset_index(drop=True)
    theirs = plain[plain["course_id"] == "LTA101"].reset_index(drop=True)
    assert mine["score"].tolist() == theirs["score"].tolist()
