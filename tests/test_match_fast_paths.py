"""The fast paths of the text analyser and the TF-IDF blocks give the plain answers.

Words read from the UTF-8 bytes against the word regular expression, phrase
look-ups by table against ``searchsorted``, the overlap rule settled only where
phrases overlap against the plain left-to-right loop, distinct texts found with
a dict against ``pandas.factorize``, dense set similarities against sparse, and
pass 1's kept similarity blocks against blocks made again.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import lta_align as la
from lta_align.match import _analysis, tfidf
from lta_align.match._analysis import _SEP, _TOKEN
from lta_align.match._phrases import PhraseFinder

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# word characters, apostrophes, separators of every kind (Unicode whitespace,
# the batch separator), letters that lower-case to several characters, long words
_PIECES = st.sampled_from(
    [
        "a",
        "Library",
        "readers'",
        "o'clock",
        "it\u2019s",
        "'",
        " ",
        "\t",
        "\n",
        "\u00a0",
        "\u2003",
        "\u3000",
        "\x1c",
        "\x85",
        _SEP,
        "-",
        ".",
        "(12)",
        "caf\u00e9",
        "\u0130",
        "\ufb01",
        "\u200b",
        "\ud800",
        "x" * 9,
        "y" * 17,
        "z" * 33,
        "w" * 70,
    ]
)
_TEXTS = st.lists(
    st.one_of(st.text(max_size=30), st.lists(_PIECES, max_size=12).map("".join)),
    max_size=6,
)


def _regex_words(texts: list[str]) -> list[str]:
    joined = f" {_SEP} ".join(t.replace(_SEP, " ") for t in texts)
    return _TOKEN.findall(joined.lower().replace("\u2019", "'"))


@FAST
@given(_TEXTS)
@example(["users' guide", "the READERS' advisory " + "q" * 40])
@example(  # words alike but for their last byte, at every length up to 41
    [" ".join("q" * n + c for c in "ab") for n in range(41)]
    + [" ".join(("q" * n + c)[:n] + "a" for c in "ab") for n in range(1, 41)]
)
@example([f"a{chr(c)}b" for c in range(0x3001) if chr(c).isspace()])
def test_words_from_bytes_are_the_words_of_the_regular_expression(texts):
    ids, words = _analysis._split_words(texts)
    assert [words[i] for i in ids] == _regex_words(texts)
    assert sorted(set(ids.tolist())) == list(range(len(words)))  # distinct words


def _plain_finder(finder: PhraseFinder) -> PhraseFinder:
    plain = PhraseFinder.__new__(PhraseFinder)
    plain.__dict__.update(finder.__dict__)
    plain.full_table, plain.prefix_table = {}, {}  # searchsorted everywhere
    return plain


def _plain_overlaps(start, length, phrase):
    keep, free = [], -1
    for s, n in zip(start.tolist(), length.tolist(), strict=True):
        keep.append(s >= free)
        free = s + n if s >= free else free
    keep = np.array(keep, dtype=bool)
    return start[keep], length[keep], phrase[keep]


_TOY = [("a",), ("a", "b"), ("b", "c"), ("c",), ("b", "c", "d"), ("d", "a", "b")]


@FAST
@given(st.lists(st.integers(0, 4), max_size=40))
def test_phrases_by_table_equal_phrases_by_search(seq):
    finder = PhraseFinder(_TOY, {"c": ("g",)})
    words = ["a", "b", "c", "d", "x"]
    bare = [i % 2 == 0 for i in range(len(seq))]
    codes = np.array(
        [finder.code(words[i], b) for i, b in zip(seq, bare, strict=True)],
        dtype=np.int64,
    )
    for a, b in zip(finder.find(codes), _plain_finder(finder).find(codes), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("finder", ["_CONCEPTS", "_STOPS"])
def test_glossary_phrases_by_table_equal_phrases_by_search(finder):
    texts = la.load_syllabi("data/syllabi").statements["text"].tolist()
    ids, words = _analysis._split_words(texts)
    col = 1 if finder == "_CONCEPTS" else 0
    codes = np.array([_analysis._word_entry(w)[col] for w in words])[ids]
    fast = getattr(_analysis, finder)
    assert fast.full_table  # the tables are in use
    for a, b in zip(fast.find(codes), _plain_finder(fast).find(codes), strict=True):
        np.testing.assert_array_equal(a, b)


def test_overlapping_phrases_are_settled_left_to_right():
    finder = PhraseFinder(_TOY)
    words = ["a", "b", "c", "d", "x"]
    rng = np.random.default_rng(0)
    for _ in range(200):
        seq = rng.integers(0, 5, 30)
        codes = np.array([finder.code(words[i]) for i in seq], dtype=np.int64)
        start, length, phrase = finder.find(codes)
        # the longest phrase at every start, then the plain loop
        cand, best_len, best_id = [], [], []
        for s in range(len(codes)):
            for n in range(finder.longest, 0, -1):
                key = finder._pack(codes[s : s + n].tolist())
                keys, ids = finder.full.get(n, (np.zeros(0, np.int64), None))
                if s + n <= len(codes) and key in keys:
                    cand.append(s)
                    best_len.append(n)
                    best_id.append(ids[np.searchsorted(keys, key)])
                    break
        plain = _plain_overlaps(
            np.array(cand, dtype=start.dtype),
            np.array(best_len, dtype=np.int64),
            np.array(best_id, dtype=np.int64),
        )
        for a, b in zip((start, length, phrase), plain, strict=True):
            np.testing.assert_array_equal(a, b)


@FAST
@given(
    st.lists(
        st.one_of(st.sampled_from(["a", "b", "", "a b"]), st.none(), st.just(1.5)),
        max_size=10,
    )
)
def test_distinct_texts_are_those_of_factorize(texts):
    inverse, uniq = _analysis._distinct(texts)
    expected, values = pd.factorize(pd.Series(list(texts), dtype=object), sort=False)
    np.testing.assert_array_equal(inverse, expected)
    assert inverse.dtype == expected.dtype
    assert uniq == [str(v) for v in values]


def test_dense_set_similarities_equal_sparse(monkeypatch):
    lssc = la.load_framework("lssc")
    comps = lssc.competencies.copy()
    comps["partial"] = np.arange(len(comps)) % 7 == 0
    framework = dataclasses.replace(lssc, competencies=comps)
    statements = la.load_syllabi("data/syllabi").statements
    dense = tfidf.TfidfMatcher().fit(framework).candidates(statements)
    monkeypatch.setattr(tfidf, "DENSE_SET_CELLS", 0)
    sparse_ = tfidf.TfidfMatcher().fit(framework).candidates(statements)
    for name in ("comp_index", "score", "raw", "course_set"):
        np.testing.assert_array_equal(getattr(dense, name), getattr(sparse_, name))


def test_kept_pass_one_blocks_give_the_blocks_made_again(monkeypatch):
    # pass 2 reads pass 1's blocks when they fit the replay budget, else makes
    # them again: both give the same candidates (profiles on: the dense blocks)
    from lta_align.match import _base

    framework = la.load_framework("lssc")
    statements = la.load_syllabi("data/syllabi").statements
    matcher = tfidf.TfidfMatcher(profile_weight=0.25).fit(framework)
    kept = matcher.candidates(statements)
    monkeypatch.setattr(_base, "REPLAY_BYTES", 0)
    again = matcher.candidates(statements)
    for name in ("comp_index", "score", "raw", "course_set"):
        np.testing.assert_array_equal(getattr(kept, name), getattr(again, name))
