"""Shared scoring machinery of every matcher: course context, top-k, ambiguity.

A matcher subclass only has to turn texts into similarity blocks
(:meth:`BaseMatcher._similarity_blocks`); this module turns them into scored
candidates the same way for every method:

1. **Set evidence per statement.** For each statement and each competency set:
   the best similarity to one of the set's competencies, averaged with the
   similarity to the set as a whole (the centroid of its competencies).
2. **Course context (the set prior).** For each course, the kind-weighted mean
   of its statements' set evidence and of its title's (the title and the
   description weigh most: they say what the course is about). Relative to
   the course's best set this gives ``rel`` in [0, 1]. Every similarity of a
   statement of the course to a competency of set ``s`` is multiplied by
   ``(1 - prior_weight) + prior_weight * rel[s] ** prior_power``. A course
   spread evenly over many sets (a practicum) keeps ``rel`` near 1 everywhere
   and so is barely changed.
3. **Partly known competencies** (framework column ``partial``) have their
   similarities multiplied by ``PARTIAL_WEIGHT`` (0.5).
4. **Competency profiles** (optional, ``profile_weight`` > 0): a few example
   phrasings per competency, written the way syllabi word outcomes
   (``<framework_id>_profiles.yaml``, see :func:`load_profiles`). A
   competency's similarity becomes ``(1 - w) * sim + w * best example sim``.
5. **Top-k per statement** in bounded memory: statements are scored in chunks
   and only the ``top_k + 1`` best competencies of each are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .._codes import str_array
from ..model import Framework
from ._documents import load_profiles
from ._topk import REPLAY_BYTES, BlockReplay, course_evidence, top_candidates

CHUNK_ROWS = 2048
PARTIAL_WEIGHT = 0.5
"""Similarity factor for competencies whose official text is known only in part
(the framework's ``partial`` column): their stored text is a fragment, so a word
or two in common is weak evidence. Coverage never marks them covered without a
reviewer either (see :func:`lta_align.coverage.summarise`)."""
CHUNK_CELLS = 2_000_000  # statements x competencies scored at once (bounded memory)


def chunk_rows(n_competencies: int) -> int:
    """Rows per scoring chunk so a chunk holds about ``CHUNK_CELLS`` scores."""
    return int(max(64, min(CHUNK_ROWS, CHUNK_CELLS // max(n_competencies, 1))))


@dataclass(frozen=True, slots=True)
class Candidates:
    """Top candidates per statement, as parallel arrays (internal)."""

    comp_index: np.ndarray  # (n, k) int: column index into competency order
    score: np.ndarray  # (n, k) float64 scores with the course prior, descending
    raw: np.ndarray  # (n, k) float64 raw similarities of the same pairs
    course_set: np.ndarray  # (n_courses, n_sets) relative set prior
    course_codes: np.ndarray  # (n,) int course index per statement
    course_ids: np.ndarray  # (n_courses,) object: the id of each course index
    lean: np.ndarray  # (n_courses, n_sets) set evidence the set is named from
    learned: np.ndarray | None = None  # (n, k) object: decided statement id or ""


class BaseMatcher:
    """Base of the matchers: fit on a framework, score statements.

    Subclasses implement ``_fit_vectors(framework)``, ``_prepare(texts)`` and
    ``_similarity_blocks(prepared, n)``; everything else (set evidence, course
    prior, top-k) is shared. Parameters (keyword only, names and defaults in
    ``param_defaults``) are stored by ``__init__`` only; learnt state ends in
    ``_``.

    Parameters
    ----------
    prior_weight : float, default=0.5
        Strength of the course's likely set (0 = no course context).
    prior_power : float, default=2.0
        How sharply the prior favours the course's best set.
    top_k : int, default=3
        Competencies kept per statement.
    """

    #: how much statements of each kind count when guessing a course's set
    set_kind_weights = {
        "description": 2.0,
        "outcome": 1.0,
        "assessment": 0.8,
        "topic": 0.7,
        "reading": 0.3,
    }

    #: weight of the course title in the course context (one statement = 1)
    title_weight = 2.0

    #: parameter name -> default; a subclass adds its own parameters to these
    param_defaults: ClassVar[dict[str, float]] = {
        "prior_weight": 0.5,
        "prior_power": 2.0,
        "top_k": 3,
        "profile_weight": 0.0,
    }

    def __init__(self, **params: float) -> None:
        unknown = sorted(set(params) - set(self.param_defaults))
        if unknown:
            raise TypeError(
                f"{type(self).__name__} got unknown parameter(s) {unknown}; "
                f"allowed: {sorted(self.param_defaults)}"
            )
        for name, default in self.param_defaults.items():
            setattr(self, name, params.get(name, default))

    def get_params(self) -> dict[str, float]:
        """Return the parameters given to ``__init__`` (defaults filled in)."""
        return {name: getattr(self, name) for name in self.param_defaults}

    # --- to implement -------------------------------------------------------
    def _fit_vectors(self, framework: Framework) -> None:  # pragma: no cover
        raise NotImplementedError

    def _prepare(self, texts: list[str]) -> Any:  # pragma: no cover
        """Return whatever ``_similarity_blocks`` needs for ``texts`` (vectors)."""
        raise NotImplementedError

    def _similarity_blocks(
        self, prepared: Any, n: int
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:  # pragma: no cover
        """Yield ``(start, comp_sim, set_sim)`` float32 blocks for chunks of texts.

        ``comp_sim`` has one column per competency (framework order) and
        ``set_sim`` one per set (framework order); values in [0, 1].
        """
        raise NotImplementedError

    # --- shared -------------------------------------------------------------
    def fit(self, framework: Framework) -> BaseMatcher:
        """Learn the competency vectors of ``framework``; return ``self``."""
        comps = framework.competencies
        set_ids = list(framework.set_ids)
        extra = sorted(set(comps["set_id"]) - set(set_ids))
        set_ids += extra
        self.framework_ = framework
        self.competency_ids_ = comps["competency_id"].to_numpy(dtype=object)
        self.set_ids_ = np.array(set_ids, dtype=object)
        position = {s: i for i, s in enumerate(set_ids)}
        self.comp_set_ = comps["set_id"].map(position).to_numpy(dtype=np.int64)
        # competencies grouped by set, for the per-set maximum
        self.set_order_ = np.argsort(self.comp_set_, kind="stable")
        counts = np.bincount(self.comp_set_, minlength=len(set_ids))
        self.set_starts_ = np.concatenate([[0], np.cumsum(counts)[:-1]])
        self.set_nonempty_ = counts > 0
        partial = comps["partial"] if "partial" in comps.columns else False
        partial = pd.Series(partial, index=comps.index).fillna(False).astype(bool)
        self.comp_weight_ = np.where(partial, PARTIAL_WEIGHT, 1.0).astype(np.float32)
        self.profiles_ = load_profiles(framework) if self.profile_weight > 0 else {}
        self._fit_vectors(framework)
        self._fit_profiles()
        return self

    def _fit_profiles(self) -> None:
        """Vectors of the competency profiles, grouped by competency."""
        self.profile_vectors_t_ = None
        pos = {c: j for j, c in enumerate(self.competency_ids_)}
        rows = [(pos[c], t) for c, ts in self.profiles_.items() for t in ts]
        if not rows:
            return
        rows.sort(key=lambda r: r[0])
        comp = np.array([r[0] for r in rows], dtype=np.int64)
        vectors = self._profile_rows(self._prepare([r[1] for r in rows]))
        self.profile_vectors_t_ = _transposed(vectors)
        self.profile_starts_ = np.flatnonzero(np.r_[True, comp[1:] != comp[:-1]])
        self.profile_comps_ = comp[self.profile_starts_]

    def _profile_blend(
        self, vectors: Any, start: int, comp_sim: np.ndarray
    ) -> np.ndarray:
        sim = _row_dot(
            vectors, start, start + comp_sim.shape[0], self.profile_vectors_t_
        )
        best = np.maximum.reduceat(np.clip(sim, 0.0, 1.0), self.profile_starts_, axis=1)
        w = float(self.profile_weight)
        out = comp_sim.astype(np.float32, copy=True)
        cols = self.profile_comps_
        out[:, cols] = (1 - w) * comp_sim[:, cols] + w * best.astype(np.float32)
        return out

    def _weighted_blocks(
        self, prepared: Any, n: int
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """``_similarity_blocks`` with partly known competencies down-weighted."""
        weighted = bool((self.comp_weight_ != 1.0).any())
        profiles = getattr(self, "profile_vectors_t_", None) is not None and n > 0
        vectors = self._profile_rows(prepared) if profiles else None
        for start, comp_sim, set_sim in self._similarity_blocks(prepared, n):
            if profiles:
                comp_sim = self._profile_blend(vectors, start, comp_sim)
            yield start, comp_sim * self.comp_weight_ if weighted else comp_sim, set_sim

    def _sparse_path(self) -> Any:
        """The CSR block maker of a sparse matcher (TF-IDF), else ``None``.

        The sparse path has no profile blend: with profiles every competency
        column is dense anyway, so the dense blocks are used.
        """
        if getattr(self, "profile_vectors_t_", None) is not None:
            return None
        return getattr(self, "_sparse_blocks", None)

    def _topk_args(self, **extra: int) -> dict:
        weighted = bool((self.comp_weight_ != 1.0).any())
        return {
            "comp_set": self.comp_set_,
            "comp_weight": self.comp_weight_ if weighted else None,
            **extra,
        }

    def _set_max(self, comp_sim: np.ndarray) -> np.ndarray:
        ordered = comp_sim[:, self.set_order_]
        starts = self.set_starts_[self.set_nonempty_]
        out = np.zeros((comp_sim.shape[0], len(self.set_ids_)), dtype=np.float32)
        if ordered.shape[1]:
            out[:, self.set_nonempty_] = np.maximum.reduceat(ordered, starts, axis=1)
        return out

    def statement_vectors(self, prepared: Any) -> Any:
        """Return L2-normalised rows of ``prepared`` texts for statement nearness.

        Used by :mod:`lta_align.match._learn` (nearest decided statements).
        """
        return prepared

    def _profile_rows(self, prepared: Any) -> Any:
        """Rows compared with the competency profiles: :meth:`statement_vectors`,
        or a tuple of its parts (their products are summed; see :func:`_row_dot`)."""
        return self.statement_vectors(prepared)

    def score(
        self,
        statements: pd.DataFrame,
        *,
        titles: dict[str, str] | None = None,
        learner: Any = None,
    ) -> pd.DataFrame:
        """Return the ``top_k + 1`` best competencies of every statement.

        Parameters
        ----------
        statements : pandas.DataFrame
            At least ``course_id, statement_id, kind, text``.
        titles : dict, optional
            Course id -> course title, used as course context only.
        learner : lta_align.match._learn.DecisionLearner, optional
            Re-ranks statements by their nearness to reviewed ones.

        Returns
        -------
        pandas.DataFrame
            ``course_id, statement_id, competency_id, set_id, score, raw_score,
            rank, margin, learned_from``: ``score`` includes the course prior
            (and what was learnt from decisions), ``raw_score`` does not; rows
            in statement order, then rank.
        """
        cand = self.candidates(statements, titles=titles, learner=learner)
        return candidates_frame(self, statements, cand)

    def candidates(
        self,
        statements: pd.DataFrame,
        *,
        k: int | None = None,
        titles: dict[str, str] | None = None,
        learner: Any = None,
    ) -> Candidates:
        """Score ``statements`` and keep the ``k`` best competencies of each.

        ``titles`` (course id -> course title) adds each course's title to the
        course context with weight ``title_weight``; titles are never matched.
        """
        k = self.top_k + 1 if k is None else k
        k = max(1, min(k, len(self.competency_ids_)))
        texts = statements["text"].astype(str).tolist()
        course_codes, courses = pd.factorize(statements["course_id"], sort=True)
        n = len(texts)
        kinds = statements["kind"].astype(str).map(self.set_kind_weights)
        kind_w = kinds.fillna(0.7).to_numpy(dtype=np.float64)

        # pass 1: set evidence per statement -> course prior
        prepared = self._prepare(texts) if n else None
        n_courses = len(courses)
        title_texts = [str((titles or {}).get(c, "") or "") for c in courses]
        course_set, blocks = self._course_evidence(
            prepared,
            course_codes=course_codes,
            n_courses=n_courses,
            kind_w=kind_w,
            title_texts=title_texts,
            # pass 2 reads pass 1's blocks unless a learner makes a sparse
            # matcher's pass 2 dense
            replay=learner is None or self._sparse_path() is None,
        )
        sparse_blocks = blocks is not None and blocks.sparse
        if learner is not None and n:
            learner.prepare(self, prepared, statements)
        rel = relative_rows(course_set)
        factor_sets = (
            1.0 - self.prior_weight
        ) + self.prior_weight * rel**self.prior_power

        # pass 2: prior-adjusted scores, chunked top-k
        comp_idx = np.zeros((n, k), dtype=np.int64)
        score = np.zeros((n, k), dtype=np.float64)
        raw = np.zeros((n, k), dtype=np.float64)
        learned = np.full((n, k), "", dtype=object) if learner is not None else None
        order_cols = np.arange(len(self.competency_ids_))
        # the learner re-ranks dense blocks: with one, pass 2 stays dense
        sparse_top = sparse_blocks and learner is None
        if sparse_top:
            comp_idx, score, raw = top_candidates(
                blocks.again(),
                n,
                k,
                factor_sets=factor_sets,
                course_codes=course_codes,
                **self._topk_args(n_comps=len(order_cols)),
            )
        if sparse_top:
            dense_blocks = iter(())
        elif blocks is not None and not sparse_blocks:
            dense_blocks = blocks.again()  # pass 1's blocks, kept or made again
        else:
            dense_blocks = self._weighted_blocks(prepared, n)
        for start, comp_sim, _set_sim in dense_blocks:
            stop = start + comp_sim.shape[0]
            factor = factor_sets[course_codes[start:stop]][:, self.comp_set_]
            adjusted = comp_sim.astype(np.float64) * factor
            rows = np.arange(stop - start)[:, None]
            if learner is not None:
                adjusted, source = learner.adjust(start, stop, adjusted)
            top = _top_k(adjusted, k, order_cols)
            comp_idx[start:stop] = top
            score[start:stop] = adjusted[rows, top]
            raw[start:stop] = comp_sim[rows, top]
            if learned is not None:
                learned[start:stop] = learner.source_ids(source[rows, top])
        lean = self._lean(
            rel, texts, prepared, course_codes, n_courses, kind_w, title_texts
        )
        return Candidates(
            comp_idx,
            score,
            raw,
            rel,
            course_codes,
            course_ids=np.asarray(courses, dtype=object),
            lean=lean,
            learned=learned,
        )

    def _course_evidence(
        self,
        prepared: Any,
        *,
        course_codes: np.ndarray,
        n_courses: int,
        kind_w: np.ndarray,
        title_texts: list[str],
        replay: bool = True,
    ) -> tuple[np.ndarray, BlockReplay | None]:
        """Pass 1: each course's set evidence (courses x sets, not yet relative).

        Every statement's evidence for a set (the mean of its best competency
        similarity in the set and its similarity to the set as a whole), as a
        kind-weighted mean over the course's statements, the course title
        counting ``title_weight``. Also returns the similarity blocks for pass
        2 (a :class:`BlockReplay`: kept when they fit its budget, else made
        again): CSR blocks for TF-IDF without profiles (``BlockReplay.sparse``),
        else the dense blocks of :meth:`_weighted_blocks`. ``replay`` False:
        no pass 2 reads them, so none are kept.
        """
        n, n_sets = len(course_codes), len(self.set_ids_)
        sparse_blocks = self._sparse_path() if n else None
        blocks = None
        if sparse_blocks is not None:
            # the similarity blocks of pass 1, kept for a sparse pass 2 when small
            blocks = BlockReplay(
                lambda: sparse_blocks(prepared, n),
                budget=REPLAY_BYTES if replay else 0,
                sparse=True,
            )
            course_set = course_evidence(
                blocks.first(),
                n,
                course_codes=course_codes,
                n_courses=n_courses,
                kind_w=kind_w,
                **self._topk_args(n_sets=n_sets),
            )
        else:
            blocks = BlockReplay(
                lambda: self._weighted_blocks(prepared, n),
                budget=REPLAY_BYTES if replay else 0,
            )
            evidence = np.zeros((n, n_sets), dtype=np.float32)
            for start, comp_sim, set_sim in blocks.first():
                stop = start + comp_sim.shape[0]
                evidence[start:stop] = 0.5 * (self._set_max(comp_sim) + set_sim)
            course_set = np.zeros((n_courses, n_sets), dtype=np.float64)
            np.add.at(course_set, course_codes, evidence * kind_w[:, None])
        weights = np.bincount(course_codes, weights=kind_w, minlength=n_courses)
        if self.title_weight and n_courses and any(title_texts):
            prepared_t = self._prepare(title_texts)
            for start, comp_sim, set_sim in self._weighted_blocks(
                prepared_t, n_courses
            ):
                stop = start + comp_sim.shape[0]
                ev = 0.5 * (self._set_max(comp_sim) + set_sim)
                has = np.array([bool(t) for t in title_texts[start:stop]])
                course_set[start:stop] += self.title_weight * ev * has[:, None]
                weights[start:stop] += self.title_weight * has
        course_set /= np.maximum(weights, 1e-12)[:, None]
        return course_set, blocks

    def _lean(
        self,
        rel: np.ndarray,
        texts: list[str],
        prepared: Any,
        course_codes: np.ndarray,
        n_courses: int,
        kind_w: np.ndarray,
        title_texts: list[str],
    ) -> np.ndarray:
        """The set evidence a course's set is named from (courses x sets, best 1).

        The course prior itself here; the embedding matchers name sets from
        the TF-IDF evidence (:mod:`lta_align.match.embed`).
        """
        return rel

    def lean_frame(self, cand: Candidates) -> pd.DataFrame:
        """``course_id, set_id, lean``: each course's set evidence (best = 1).

        What :func:`lta_align.coverage.summarise` names a course's primary set
        from (``lean=``): the evidence of all the course's statements for each
        set, not only their best candidates.
        """
        n_courses, n_sets = cand.lean.shape
        return pd.DataFrame(
            {
                "course_id": np.repeat(cand.course_ids, n_sets),
                "set_id": np.tile(np.asarray(self.set_ids_, dtype=object), n_courses),
                "lean": np.round(cand.lean.reshape(-1).astype(float), 6),
            }
        )


def _top_k(values: np.ndarray, k: int, col_order: np.ndarray) -> np.ndarray:
    """Return column indices of the ``k`` largest values per row, best first.

    Ties are broken by column order (framework order), so results are stable.
    """
    n_cols = values.shape[1]
    if k < n_cols:
        part = np.argpartition(-values, k - 1, axis=1)[:, :k]
        # include every column tied with the k-th value so tie-breaking is exact
        kth = np.take_along_axis(values, part, axis=1).min(axis=1, keepdims=True)
        ties = (values >= kth).sum(axis=1)
        tied = ties > k
        if tied.any():  # exact, stable order for the rows with ties at the cut
            part[tied] = np.argsort(-values[tied], axis=1, kind="stable")[:, :k]
    else:
        part = np.broadcast_to(col_order, values.shape).copy()
    sub = np.take_along_axis(values, part, axis=1)
    # sort by score desc, then by column index asc
    order = np.lexsort((part, -sub), axis=1) if part.size else part
    return np.take_along_axis(part, order, axis=1)


def candidates_frame(
    matcher: BaseMatcher, statements: pd.DataFrame, cand: Candidates
) -> pd.DataFrame:
    """Return candidates as a long table (one row per statement x candidate).

    Columns: ``course_id, statement_id, competency_id, set_id, score, raw_score,
    rank, margin`` (``margin`` = the statement's top-two score difference).
    """
    n, k = cand.comp_index.shape
    if n == 0:
        return pd.DataFrame(
            {
                "course_id": pd.Series(dtype=str),
                "statement_id": pd.Series(dtype=str),
                "competency_id": pd.Series(dtype=str),
                "set_id": pd.Series(dtype=str),
                "score": pd.Series(dtype=float),
                "raw_score": pd.Series(dtype=float),
                "rank": pd.Series(dtype="int64"),
                "margin": pd.Series(dtype=float),
                "learned_from": pd.Series(dtype=str),
            }
        )
    flat = cand.comp_index.ravel()
    margin = cand.score[:, 0] - (cand.score[:, 1] if k > 1 else 0.0)
    learned = (
        cand.learned.reshape(-1).copy()
        if cand.learned is not None
        else np.full(n * k, "", dtype=object)
    )
    # string columns as pandas' str dtype, each from its own new array
    return pd.DataFrame(
        {
            "course_id": str_array(
                np.repeat(statements["course_id"].to_numpy(dtype=object), k)
            ),
            "statement_id": str_array(
                np.repeat(statements["statement_id"].to_numpy(dtype=object), k)
            ),
            "competency_id": str_array(matcher.competency_ids_[flat]),
            "set_id": str_array(matcher.set_ids_[matcher.comp_set_[flat]]),
            "score": np.clip(cand.score.ravel(), 0.0, 1.0),
            "raw_score": np.clip(cand.raw.ravel(), 0.0, 1.0),
            "rank": np.tile(np.arange(1, k + 1, dtype=np.int64), n),
            "margin": np.repeat(margin, k),
            "learned_from": str_array(learned),
        },
        copy=False,
    )


def relative_rows(course_set: np.ndarray) -> np.ndarray:
    """Each row divided by its largest value (rows of zeros stay zero)."""
    if not course_set.shape[1]:
        return course_set
    best = course_set.max(axis=1, keepdims=True)
    return np.divide(course_set, best, out=np.zeros_like(course_set), where=best > 0)


def _transposed(rows: Any) -> Any:
    """``rows.T`` (each part of a tuple of row blocks), ready for products."""
    if isinstance(rows, tuple):
        return tuple(_transposed(r) for r in rows)
    t = rows.T
    return t.tocsr() if hasattr(t, "tocsr") else np.ascontiguousarray(t)


def _row_dot(rows: Any, start: int, stop: int, columns_t: Any) -> np.ndarray:
    """Dense ``rows[start:stop] @ columns_t``; for tuples, the sum over the parts
    (a sparse part times a sparse part, a dense part times a dense part: the
    same as one product of the parts side by side, without making the dense
    part sparse)."""
    if isinstance(rows, tuple):
        return sum(
            _row_dot(r, start, stop, c) for r, c in zip(rows, columns_t, strict=True)
        )
    sim = rows[start:stop] @ columns_t
    return sim.toarray() if hasattr(sim, "toarray") else np.asarray(sim)
