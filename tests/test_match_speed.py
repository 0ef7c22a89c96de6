"""The fast paths of matching give the same answers as the plain ones.

Sparse top-k (``match/_topk.py``) against the dense loops of ``_base.py``; the
fitted-framework cache; TF-IDF rows built from term counts against scikit-learn.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import normalize

import lta_align as la
from lta_align.match import _topk
from lta_align.match._cache import FIT_CACHE, framework_key
from lta_align.match.tfidf import TfidfMatcher, _tokens


@pytest.fixture(scope="module")
def lssc():
    return la.load_framework("lssc")


@pytest.fixture(scope="module")
def sample_statements():
    return la.load_syllabi("data/syllabi").statements


def _dense(matcher: TfidfMatcher) -> TfidfMatcher:
    matcher._sparse_blocks = None  # the instance attribute hides the method
    return matcher


def _statements(texts: list[str]) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "course_id": [f"C{i % 3}" for i in range(n)],
            "statement_id": [f"s{i}" for i in range(n)],
            "kind": ["outcome", "topic", "reading", "oddkind"] * (n // 4)
            + ["outcome"] * (n % 4),
            "text": texts,
        }
    )


def _assert_same_candidates(fast, slow):
    np.testing.assert_array_equal(fast.comp_index, slow.comp_index)
    np.testing.assert_array_equal(fast.score, slow.score)
    np.testing.assert_array_equal(fast.raw, slow.raw)
    np.testing.assert_array_equal(fast.course_set, slow.course_set)


@pytest.mark.parametrize("prior_weight", [0.0, 0.5, 0.95])
def test_sparse_top_k_equals_dense_on_the_sample(lssc, sample_statements, prior_weight):
    fast = TfidfMatcher(prior_weight=prior_weight).fit(lssc)
    slow = _dense(TfidfMatcher(prior_weight=prior_weight).fit(lssc))
    _assert_same_candidates(
        fast.candidates(sample_statements), slow.candidates(sample_statements)
    )


@pytest.mark.parametrize("k", [1, 4, 12])
def test_sparse_top_k_equals_dense_with_ties_empty_rows_and_partial(lssc, k):
    comps = lssc.competencies.copy()
    comps["partial"] = np.arange(len(comps)) % 5 == 0
    framework = dataclasses.replace(lssc, competencies=comps)
    texts = [
        "",
        "zzz qqq",  # shares nothing: zero-score competencies in framework order
        "library",  # many ties
        "catalog",
        "interlibrary loan and circulation desk",
        "the reference interview with patrons",
    ] * 3
    statements = _statements(texts)
    fast = TfidfMatcher().fit(framework).candidates(statements, k=k)
    slow = _dense(TfidfMatcher().fit(framework)).candidates(statements, k=k)
    _assert_same_candidates(fast, slow)


def test_sparse_blocks_cover_many_blocks(lssc, sample_statements, monkeypatch):
    monkeypatch.setattr(_topk, "SPARSE_ROWS", 7)
    monkeypatch.setattr("lta_align.match.tfidf.SPARSE_ROWS", 7)
    fast = TfidfMatcher().fit(lssc).candidates(sample_statements)
    slow = _dense(TfidfMatcher().fit(lssc)).candidates(sample_statements)
    _assert_same_candidates(fast, slow)


def test_tfidf_rows_equal_scikit_learn_transform(lssc, sample_statements):
    matcher = TfidfMatcher().fit(lssc)
    texts = sample_statements["text"].tolist() + ["", "ILL ILL ILL", "x's y'z"]
    fast = matcher.transform(texts)
    slow = normalize(matcher.vectorizer_.transform([_tokens(t) for t in texts]))
    assert (fast != slow).nnz == 0


def test_fitted_framework_is_reused_and_an_edited_one_is_not(lssc):
    FIT_CACHE.clear()
    first = TfidfMatcher().fit(lssc)
    again = TfidfMatcher().fit(la.load_framework("lssc"))
    assert again.comp_matrix_ is first.comp_matrix_
    comps = lssc.competencies.copy()
    comps.loc[0, "text"] = "Something else entirely."
    edited = dataclasses.replace(lssc, competencies=comps)
    assert framework_key(edited) != framework_key(lssc)
    assert TfidfMatcher().fit(edited).comp_matrix_ is not first.comp_matrix_
    other = TfidfMatcher(terms_weight=0.5).fit(lssc)
    assert other.comp_matrix_ is not first.comp_matrix_
