"""The default matcher: TF-IDF over a library-science vocabulary (offline).

Each competency is represented by three L2-normalised TF-IDF vectors, combined
with fixed weights and normalised again:

* its text (the paraphrased competency statement),
* its editorial ``match_terms`` (matching aids only, never shown),
* the name of its set (a weak hint that keeps sets apart).

Texts go through :func:`lta_align.match._glossary.analyse` (stop phrases,
abbreviation/variant concepts both ways, light stemming); word bigrams of the
stemmed tokens are added. Term weights are sublinear TF times IDF learnt from
the framework's own competency texts, so words shared by every competency
("library", "service") weigh little.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ..model import Framework
from ._analysis import analyse, analyse_batch, term_rows
from ._base import BaseMatcher, chunk_rows
from ._cache import FIT_CACHE, framework_key
from ._documents import competency_documents
from ._topk import SPARSE_ROWS


def _tokens(text: str) -> list[str]:
    return _with_bigrams(analyse(text))


def _with_bigrams(toks: list[str]) -> list[str]:
    words = [t for t in toks if not t.startswith("_c_")]
    return toks + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _tokens_batch(texts: list[str]) -> list[list[str]]:
    return [_with_bigrams(t) for t in analyse_batch(texts)]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


#: a set matrix (terms x sets) of at most this many cells is used dense for the
#: set similarities (faster for a few sets; a large one stays sparse: memory)
DENSE_SET_CELLS = 1 << 20

_FITTED = (
    "vectorizer_",
    "comp_matrix_",
    "set_matrix_",
    "comp_matrix_t_",
    "set_matrix_t_",
)


class TfidfMatcher(BaseMatcher):
    """Match statements to competencies with TF-IDF and the domain glossary.

    Parameters
    ----------
    text_weight, terms_weight, set_weight : float, default=1.0, 0.8, 0.3
        Weights of the competency text, its match terms and its set name in the
        competency vector.
    prior_weight, prior_power, top_k
        The course context and list length, as in
        :class:`~lta_align.match._base.BaseMatcher`.

    Attributes
    ----------
    vectorizer_ : sklearn TfidfVectorizer
        Fitted on the framework's competency documents.
    comp_matrix_ : scipy.sparse.csr_matrix
        One L2-normalised row per competency.
    set_matrix_ : scipy.sparse.csr_matrix
        One L2-normalised centroid row per set.
    """

    param_defaults: ClassVar[dict[str, float]] = {
        **BaseMatcher.param_defaults,
        "text_weight": 1.0,
        "terms_weight": 0.8,
        "set_weight": 0.3,
    }

    def _fit_vectors(self, framework: Framework) -> None:
        # fitted once per framework content and weights (see ._cache)
        weights = (self.text_weight, self.terms_weight, self.set_weight)
        # the profile phrasings are part of the vocabulary: part of the key
        profiles = tuple(sorted(self.profiles_.items()))
        key = (
            "tfidf",
            framework_key(framework),
            weights,
            self.comp_set_.tobytes(),
            profiles,
        )
        fitted = FIT_CACHE.get(key)
        if fitted is None:
            self._fit_fresh(framework)
            fitted = {k: getattr(self, k) for k in _FITTED}
            FIT_CACHE.put(key, fitted)
        for name, value in fitted.items():
            setattr(self, name, value)

    def _fit_fresh(self, framework: Framework) -> None:
        comps = framework.competencies
        texts, terms = competency_documents(framework)
        names = [str(n) for n in comps["set_name"]]
        n = len(texts)
        toks = _tokens_batch(texts + terms + names)
        tok_text, tok_terms, tok_names = toks[:n], toks[n : 2 * n], toks[2 * n :]
        docs = [
            a + b + c for a, b, c in zip(tok_text, tok_terms, tok_names, strict=True)
        ]
        # profile phrasings add the words syllabi use to the vocabulary
        docs += [_tokens(t) for ts in self.profiles_.values() for t in ts]
        vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        vec.fit(docs)
        self.vectorizer_ = vec
        matrix = (
            self.text_weight * normalize(vec.transform(tok_text))
            + self.terms_weight * normalize(vec.transform(tok_terms))
            + self.set_weight * normalize(vec.transform(tok_names))
        )
        self.comp_matrix_ = normalize(sparse.csr_matrix(matrix, dtype=np.float32))
        n_sets = len(self.set_ids_)
        member = sparse.csr_matrix(
            (
                np.ones(len(comps), dtype=np.float32),
                (self.comp_set_, np.arange(len(comps))),
            ),
            shape=(n_sets, len(comps)),
        )
        self.set_matrix_ = normalize(member @ self.comp_matrix_)
        self.comp_matrix_t_ = self.comp_matrix_.T.tocsr()
        self.set_matrix_t_ = self.set_matrix_.T.tocsr()

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """Return the L2-normalised TF-IDF rows of ``texts``.

        Each distinct text is analysed once, for the whole batch at once; the
        rows equal ``vectorizer_.transform`` of the texts' tokens.
        """
        x, inverse = term_rows(texts, self.vectorizer_.vocabulary_)
        # TfidfTransformer(sublinear_tf=True, norm="l2"), step by step
        np.log(x.data, x.data)
        x.data += 1.0
        x.data *= self.vectorizer_.idf_[x.indices]
        return normalize(normalize(x))[inverse]

    def _prepare(self, texts: list[str]) -> sparse.csr_matrix:
        return self.transform(texts)

    def _similarity_blocks(
        self, prepared: sparse.csr_matrix, n: int
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        x = prepared
        step = chunk_rows(len(self.competency_ids_))
        for start in range(0, n, step):
            block = x[start : start + step]
            comp = (block @ self.comp_matrix_t_).toarray()
            sets = (block @ self.set_matrix_t_).toarray()
            yield start, comp.astype(np.float32), sets.astype(np.float32)

    def _sparse_blocks(
        self, prepared: sparse.csr_matrix, n: int
    ) -> Iterator[tuple[int, sparse.csr_matrix, np.ndarray]]:
        """``_similarity_blocks`` with the competency block left sparse (._topk).

        The set similarities of a small set matrix come from it made dense: the
        same products summed in the same order as the sparse product.
        """
        set_t = self.set_matrix_t_
        if set_t.shape[0] * set_t.shape[1] <= DENSE_SET_CELLS:
            set_t = set_t.toarray()
        for start in range(0, n, SPARSE_ROWS):
            block = prepared[start : start + SPARSE_ROWS]
            sets = block @ set_t
            if sparse.issparse(sets):
                sets = sets.toarray()
            comp = (block @ self.comp_matrix_t_).tocsr()
            yield start, comp, sets.astype(np.float32, copy=False)
