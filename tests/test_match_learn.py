"""align(..., decisions=...) learns from reviewers; default method + fallback."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

import lta_align as la
from lta_align.model import Program, problems_frame
from lta_align.text import statement_id

COURSES = {
    "LTA130": "Cataloging and Classification",
    "LTA131": "Cataloging Practice",
    "LTA150": "Access Services",
}
ROWS = [
    ("LTA130", "outcome", "Assign Library of Congress subject headings to new titles."),
    ("LTA130", "outcome", "Create MARC bibliographic records following RDA."),
    ("LTA131", "outcome", "Assign subject headings to titles using LCSH."),
    ("LTA131", "outcome", "Create original MARC records with RDA."),
    ("LTA150", "outcome", "Check materials in and out at the circulation desk."),
    ("LTA150", "outcome", "Explain the library's borrowing policies to patrons."),
]


def program() -> Program:
    st = pd.DataFrame(
        [
            {
                "course_id": c,
                "statement_id": statement_id(c, t),
                "kind": k,
                "text": t,
                "source": f"{c}.docx",
                "location": "",
            }
            for c, k, t in ROWS
        ]
    )
    courses = pd.DataFrame(
        {
            "course_id": list(COURSES),
            "course_code": list(COURSES),
            "course_title": list(COURSES.values()),
            "source": [f"{c}.docx" for c in COURSES],
        }
    )
    return Program(courses, st, problems_frame([]), name="learn")


@pytest.fixture(scope="module")
def framework():
    return la.load_framework("lssc")


@pytest.fixture(scope="module")
def engine(framework):
    return la.align(program(), framework, method="tfidf")


def sid(course: str, i: int) -> str:
    texts = [t for c, _, t in ROWS if c == course]
    return statement_id(course, texts[i])


def decisions(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "course_id": s.split("-")[0],
                "statement_id": s,
                "competency_id": comp,
                "decision": d,
                "level": "",
                "reviewer": "t",
                "decided_at": "2026-01-01T00:00:00",
                "note": "",
            }
            for s, comp, d in rows
        ]
    )


def top(result, statement: str) -> pd.DataFrame:
    m = result.matches
    return m[m["statement_id"] == statement].sort_values("rank")


def pick_target(engine, decided: str, near: str) -> str:
    """A competency that ``near`` ranks below its first place (to be taught)."""
    rows = top(engine, near)
    return str(rows["competency_id"].iloc[-1])


def model_only(framework, weight: float = 0.5) -> la.MatchConfig:
    """tfidf with nearness off: only the decision model learns."""
    return la.MatchConfig.for_framework(
        framework,
        "tfidf",
        learn_weight=0.0,
        reject_weight=0.0,
        learn_model_weight=weight,
    )


def risen(before: pd.DataFrame, after: pd.DataFrame, comp: str) -> pd.DataFrame:
    """``comp``'s row among ``after``'s candidates, checked to rank higher than
    in ``before``."""
    row = after[after["competency_id"] == comp]
    assert len(row) == 1
    was = before.loc[before["competency_id"] == comp, "rank"].iloc[0]
    assert int(row["rank"].iloc[0]) < int(was)
    return row


def test_decisions_rerank_near_statements_and_name_learned_from(framework, engine):
    decided, near = sid("LTA130", 0), sid("LTA131", 0)
    target = pick_target(engine, decided, near)
    before = top(engine, near)
    assert before["competency_id"].iloc[0] != target
    config = la.MatchConfig.for_framework(framework, "tfidf", learn_weight=2.0)
    result = la.align(
        program(),
        framework,
        method="tfidf",
        config=config,
        decisions=decisions([(decided, target, "add")]),
    )
    row = risen(before, top(result, near), target)
    assert row["learned_from"].iloc[0] == decided
    # the decided pair itself is the reviewer's: decision "add", covered
    mine = result.matches[
        (result.matches["statement_id"] == decided)
        & (result.matches["competency_id"] == target)
    ]
    assert mine["decision"].tolist() == ["add"]
    # a far statement (circulation) learns nothing from a cataloging decision
    far = top(result, sid("LTA150", 0))
    assert (far["learned_from"] == "").all()


def test_decision_model_teaches_wording_and_names_the_example(framework, engine):
    # nearness off: only the program's decision model can move the candidate
    decided, near = sid("LTA130", 0), sid("LTA131", 0)
    target = pick_target(engine, decided, near)
    before = top(engine, near)
    config = model_only(framework)
    taught = decisions([(decided, target, "add")])
    result = la.align(
        program(), framework, method="tfidf", config=config, decisions=taught
    )
    row = risen(before, top(result, near), target)
    # the reviewer sees which decided statement taught it
    assert row["learned_from"].iloc[0] == decided
    # every undecided statement whose first match changed says which decision
    first_before = engine.matches[engine.matches["rank"] == 1].set_index(
        "statement_id"
    )["competency_id"]
    firsts = result.matches[result.matches["rank"] == 1].set_index("statement_id")
    for s, comp in first_before.items():
        if s != decided and firsts.loc[s, "competency_id"] != comp:
            assert firsts.loc[s, "learned_from"] == decided
    # the circulation statements keep their first match
    for i in (0, 1):
        s = sid("LTA150", i)
        assert (
            top(result, s)["competency_id"].iloc[0]
            == (top(engine, s)["competency_id"].iloc[0])
        )
    # weight 0: the model is not trained and nothing moves
    off = model_only(framework, weight=0.0)
    same = la.align(program(), framework, method="tfidf", config=off, decisions=taught)
    undecided = same.matches["statement_id"] != decided
    pd.testing.assert_frame_equal(
        same.matches.loc[
            undecided, ["statement_id", "competency_id", "rank"]
        ].reset_index(drop=True),
        engine.matches.loc[
            engine.matches["statement_id"] != decided,
            ["statement_id", "competency_id", "rank"],
        ].reset_index(drop=True),
    )


def test_decision_model_needs_an_accepted_pair(framework, engine):
    decided = sid("LTA130", 1)
    first = str(top(engine, decided)["competency_id"].iloc[0])
    config = model_only(framework)
    result = la.align(
        program(),
        framework,
        method="tfidf",
        config=config,
        decisions=decisions([(decided, first, "reject")]),
    )
    others = result.matches["statement_id"] != decided
    assert (result.matches.loc[others, "learned_from"] == "").all()
    pd.testing.assert_series_equal(
        result.matches.loc[others, "score"].reset_index(drop=True),
        engine.matches.loc[
            engine.matches["statement_id"] != decided, "score"
        ].reset_index(drop=True),
    )


def test_learn_model_weight_is_checked():
    with pytest.raises(ValueError, match="learn_model_weight"):
        la.MatchConfig(learn_model_weight=1.5)


def test_rejected_pairs_never_come_back(framework, engine):
    decided = sid("LTA130", 1)
    first = str(top(engine, decided)["competency_id"].iloc[0])
    rejected = decisions([(decided, first, "reject")])
    result = la.align(program(), framework, method="tfidf", decisions=rejected)
    m = result.matches
    pair = (m["statement_id"] == decided) & (m["competency_id"] == first)
    # the reject stays visible (issue 13) but is never a match again
    assert pair.sum() == 1 and (m.loc[pair, "decision"] == "reject").all()
    cov = result.coverage
    assert not (
        (cov["evidence_statement_id"] == decided) & (cov["competency_id"] == first)
    ).any()
    # a store works the same as a frame
    store_result = la.align(
        program(), framework, method="tfidf", decisions=rejected.iloc[:0]
    )
    assert len(store_result.matches) == len(engine.matches)


def test_decision_store_is_accepted(framework, engine, tmp_path):
    decided = sid("LTA130", 1)
    first = str(top(engine, decided)["competency_id"].iloc[0])
    store = la.DecisionStore(tmp_path / "decisions.csv")
    store.record(
        [
            {
                "course_id": "LTA130",
                "statement_id": decided,
                "competency_id": first,
                "decision": "reject",
            }
        ],
        reviewer="t",
    )
    result = la.align(program(), framework, method="tfidf", decisions=store)
    m = result.matches
    pair = (m["statement_id"] == decided) & (m["competency_id"] == first)
    assert pair.sum() == 1 and (m.loc[pair, "decision"] == "reject").all()


def test_every_set_course_gets_a_primary_set(framework, engine):
    assert (engine.courses["primary_set_id"] != "").all()
    assert set(engine.courses["primary_set_id"]) <= set(framework.set_ids)


def test_default_falls_back_to_tfidf_when_the_extra_is_absent(
    framework, monkeypatch, caplog
):
    from lta_align import match

    monkeypatch.setattr(match, "DEFAULT_METHOD", "hybrid")
    monkeypatch.setattr(match, "embed_available", lambda: False)
    monkeypatch.setattr(match, "_FALLBACK_NOTED", [])
    with caplog.at_level(logging.WARNING, logger="lta_align"):
        result = la.align(program(), framework)
        again = la.align(program(), framework)
    assert result.method == again.method == "tfidf"
    notes = [r for r in caplog.records if "embed" in r.getMessage()]
    assert len(notes) == 1  # once


def test_default_uses_the_best_method_when_installed(framework, monkeypatch):
    from lta_align import match

    monkeypatch.setattr(match, "DEFAULT_METHOD", "embed")
    monkeypatch.setattr(match, "embed_available", lambda: True)
    assert match.default_method() == "embed"


def test_embed_available_is_false_without_onnxruntime(monkeypatch):
    import sys

    from lta_align import match

    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    assert match.embed_available() is False


def test_primary_set_is_the_set_the_course_leans_to(framework, engine):
    lean = engine.lean
    assert list(lean.columns) == ["course_id", "set_id", "lean"]
    assert set(lean["course_id"]) == set(COURSES)
    assert lean["lean"].between(0, 1).all()
    assert (lean.groupby("course_id")["lean"].max() == 1.0).all()
    leader = lean.sort_values("lean", ascending=False, kind="stable")
    leader = leader.drop_duplicates("course_id").set_index("course_id")["set_id"]
    named = engine.courses.set_index("course_id")["primary_set_id"]
    assert named.to_dict() == leader.to_dict()
    assert named["LTA130"] == "cataloging_classification"
    assert named["LTA150"] == "access_services"


def test_reviewer_decisions_move_the_primary_set(framework, engine):
    # every statement of the cataloguing course accepted for a supervision item
    rows = [(sid("LTA130", i), "supervision_management.1", "add") for i in (0, 1)]
    result = la.apply_decisions(engine, decisions(rows))
    named = result.courses.set_index("course_id")["primary_set_id"]
    assert named["LTA130"] == "supervision_management"
    assert named["LTA150"] == "access_services"
    assert result.lean is engine.lean  # the matcher's evidence is kept


@pytest.mark.slow
@pytest.mark.parametrize("method", ["hybrid", "embed"])
def test_embedding_matchers_name_sets_from_tfidf(framework, method):
    pytest.importorskip("onnxruntime", reason="the optional [embed] extra")
    import dataclasses

    hybrid = la.align(program(), framework, method=method)
    lexical = la.align(program(), framework, method="tfidf")
    h = hybrid.lean.set_index(["course_id", "set_id"])["lean"]
    t = lexical.lean.set_index(["course_id", "set_id"])["lean"]
    # the TF-IDF reader of the embedding matchers has no profiles and no
    # prior: the set evidence is that of the TF-IDF matcher without profiles
    cfg = la.MatchConfig.for_framework(framework, "tfidf")
    plain = la.align(
        program(),
        framework,
        method="tfidf",
        config=dataclasses.replace(cfg, profile_weight=0.0),
    ).lean.set_index(["course_id", "set_id"])["lean"]
    pd.testing.assert_series_equal(h, plain)
    named = hybrid.courses.set_index("course_id")["primary_set_id"]
    assert named.to_dict() == {
        "LTA130": "cataloging_classification",
        "LTA131": "cataloging_classification",
        "LTA150": "access_services",
    }
    assert t.index.equals(h.index)
