"""Learning from reviewers' decisions: re-rank undecided statements by nearness.

A reviewer's decision on one statement is evidence about the statements that
say nearly the same thing. :class:`DecisionLearner` turns the decisions of a
program into a nearest-neighbour adjustment of every *undecided* statement's
scores (the decided statements themselves are settled by
:func:`lta_align.decisions.apply_decisions`):

* accepted and added pairs (statement ``d``, competency ``c``) are positive
  examples: a statement ``s`` whose text is near ``d`` (cosine ``sim(s, d)`` of
  the matcher's own statement vectors, TF-IDF and/or embeddings) gains
  ``learn_weight * sim(s, d)`` on ``c``;
* rejected pairs are negative examples: ``s`` loses ``reject_weight * sim(s, d)``
  on ``c``;
* only the ``learn_neighbors`` nearest decided statements with
  ``sim >= learn_min_similarity`` count, and for each competency only the
  nearest one (the largest gain, the largest loss), so ten reviewers' rows for
  one phrasing do not add up;
* the program's decision model (``learn_model_weight`` > 0): a logistic
  regression over the matcher's own statement vectors, trained on every
  competency's text, match terms and profile phrasings plus the program's
  accepted and added statements (each counting ``learn_example_weight``
  times). Nearness alone teaches only the statements that say nearly the same
  thing; the model learns which words tell a competency from its neighbours
  in this program's wording. Every undecided score is multiplied by
  ``f(p) / f(p0)`` with ``f(p) = 1 - w + w * p / max(p)``: ``p`` the model's
  probabilities for the statement, ``p0`` those of the same model trained on
  the framework's phrasings alone, so only what the decisions changed moves
  a rank. It is trained only when the program has accepted or added pairs:
  without them nothing changes.

A candidate whose rank improved names, in ``learned_from``, the decided
statement that moved it: the near statement whose gain lifted it, else the
decided statement nearest to it among those accepted for that competency,
else (no decided statement has that competency: the decisions lowered its
competitors) the nearest decided statement the model learnt from.
Values are chosen by grouped cross-validation (``bench/accuracy.py``, shipped
in ``lssc_match.yaml``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ._cache import LRU, framework_key
from ._documents import competency_documents, load_profiles

__all__ = ["DecisionLearner", "decision_pairs"]

POSITIVE = ("accept", "add")
NEGATIVE = ("reject",)


def decision_pairs(store_or_frame: Any) -> pd.DataFrame:
    """Return the current decisions as ``statement_id, competency_id, decision``.

    Parameters
    ----------
    store_or_frame : DecisionStore, path or pandas.DataFrame
        A store (its ``current()`` decisions), the path of a decisions file, or
        a table with at least ``statement_id, competency_id, decision``; the
        last row of a pair wins.

    Returns
    -------
    pandas.DataFrame
        One row per decided pair with a decision of accept, add or reject.
    """
    from pathlib import Path

    if isinstance(store_or_frame, str | Path):
        from ..decisions import DecisionStore

        store_or_frame = DecisionStore(store_or_frame)
    if isinstance(store_or_frame, pd.DataFrame):
        table = store_or_frame
    elif hasattr(store_or_frame, "current"):
        table = store_or_frame.current()
    else:
        from ..errors import SchemaError

        raise SchemaError(
            "decisions should be a DecisionStore, a decisions file path or a "
            f"DataFrame; got {type(store_or_frame).__name__}"
        )
    from ..columns import check_columns

    check_columns(
        table, ["statement_id", "competency_id", "decision"], name="decisions"
    )
    table = table[["statement_id", "competency_id", "decision"]].fillna("")
    table = table.astype(str).drop_duplicates(
        ["statement_id", "competency_id"], keep="last"
    )
    live = table["decision"].isin(POSITIVE + NEGATIVE)
    return table[live].reset_index(drop=True)


class DecisionLearner:
    """Nearest-decided-statement adjustment of candidate scores (internal).

    Parameters
    ----------
    decisions : pandas.DataFrame
        From :func:`decision_pairs`.
    learn_weight : float
        Gain per unit of similarity to a statement with an accepted/added pair.
    reject_weight : float
        Loss per unit of similarity to a statement with a rejected pair.
    learn_neighbors : int
        Decided statements considered per statement (the nearest).
    learn_min_similarity : float
        Decided statements less similar than this are ignored.
    learn_model_weight : float, default=0.0
        Weight of the program's decision model (0 = not trained).
    learn_example_weight : float, default=3.0
        How many competency phrasings one decided statement counts for in the
        model's training.
    """

    def __init__(
        self,
        decisions: pd.DataFrame,
        *,
        learn_weight: float,
        reject_weight: float,
        learn_neighbors: int,
        learn_min_similarity: float,
        learn_model_weight: float = 0.0,
        learn_example_weight: float = 3.0,
    ) -> None:
        self.decisions = decisions
        self.learn_weight = float(learn_weight)
        self.reject_weight = float(reject_weight)
        self.learn_neighbors = max(1, int(learn_neighbors))
        self.learn_min_similarity = float(learn_min_similarity)
        self.learn_model_weight = float(learn_model_weight)
        self.learn_example_weight = float(learn_example_weight)

    @classmethod
    def from_config(cls, decisions: pd.DataFrame, config: Any) -> DecisionLearner:
        """The learner of ``decisions`` with the ``learn_*`` values of ``config``
        (a :class:`~lta_align.config.MatchConfig`)."""
        return cls(
            decisions,
            learn_weight=config.learn_weight,
            reject_weight=config.reject_weight,
            learn_neighbors=config.learn_neighbors,
            learn_min_similarity=config.learn_min_similarity,
            learn_model_weight=config.learn_model_weight,
            learn_example_weight=config.learn_example_weight,
        )

    def prepare(self, matcher: Any, prepared: Any, statements: pd.DataFrame) -> None:
        """Index the decided statements among ``statements`` (matcher order)."""
        ids = statements["statement_id"].astype(str).to_numpy(dtype=object)
        position = {s: i for i, s in enumerate(ids)}
        comp_pos = {c: j for j, c in enumerate(matcher.competency_ids_)}
        d = self.decisions
        d = d[d["statement_id"].isin(position) & d["competency_id"].isin(comp_pos)]
        decided = sorted(set(d["statement_id"]), key=position.__getitem__)
        row = {s: i for i, s in enumerate(decided)}
        m = len(matcher.competency_ids_)
        pos = np.zeros((len(decided), m), dtype=np.float64)
        neg = np.zeros((len(decided), m), dtype=np.float64)
        for r in d.itertuples(index=False):
            target = pos if r.decision in POSITIVE else neg
            target[row[r.statement_id], comp_pos[r.competency_id]] = 1.0
        vectors = matcher.statement_vectors(prepared)
        self.vectors_ = vectors
        self.decided_ids_ = np.array(decided, dtype=object)
        self.decided_vectors_ = vectors[[position[s] for s in decided]]
        self.is_decided_ = np.zeros(len(ids), dtype=bool)
        self.is_decided_[[position[s] for s in decided]] = True
        self.pos_, self.neg_ = pos, neg
        self.model_ = self.base_model_ = None
        if self.learn_model_weight > 0 and pos.any():
            self.base_model_ = _base_model(matcher)
            if self.base_model_ is not None:
                self.model_ = _fit_model(
                    matcher,
                    self.decided_vectors_,
                    pos,
                    self.learn_example_weight,
                    start=self.base_model_,
                )
            if self.model_ is None:
                self.base_model_ = None

    def _similarities(self, start: int, stop: int) -> np.ndarray:
        """Cosine of rows ``start:stop`` with the decided statements (decided
        rows 0: they are settled by their own decisions)."""
        block = self.vectors_[start:stop]
        sim = block @ self.decided_vectors_.T
        sim = sim.toarray() if sparse.issparse(sim) else np.asarray(sim)
        sim = np.clip(sim.astype(np.float64), 0.0, 1.0)
        sim[self.is_decided_[start:stop]] = 0.0
        return sim

    def _model_factor(self, start: int, stop: int, n_comps: int) -> np.ndarray:
        """``f(p) / f(p0)`` per (row, competency); 1 for decided rows."""
        rows = self.vectors_[start:stop]
        w = self.learn_model_weight
        factor = np.ones((stop - start, n_comps), dtype=np.float64)
        for fitted, power in ((self.model_, 1.0), (self.base_model_, -1.0)):
            model, columns = fitted
            p = np.zeros((stop - start, n_comps), dtype=np.float64)
            p[:, columns] = model.predict_proba(rows)
            p /= np.maximum(p.max(axis=1, keepdims=True), 1e-12)
            factor *= ((1.0 - w) + w * p) ** power
        factor[self.is_decided_[start:stop]] = 1.0
        return factor

    def adjust(
        self, start: int, stop: int, adjusted: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the adjusted scores of rows ``start:stop`` and their sources.

        The sources array holds, per (statement, competency), the index of the
        decided statement whose gain improved the pair's rank, else -1.
        """
        source = np.full(adjusted.shape, -1, dtype=np.int64)
        if not len(self.decided_ids_):
            return adjusted, source
        raw = self._similarities(start, stop)
        sim = np.where(raw < self.learn_min_similarity, 0.0, raw)
        k = min(self.learn_neighbors, sim.shape[1])
        nearest = np.argsort(-sim, axis=1, kind="stable")[:, :k]
        gain = np.zeros_like(adjusted)
        loss = np.zeros_like(adjusted)
        for j in range(k):
            nb = nearest[:, j]
            s = sim[np.arange(len(nb)), nb][:, None]
            g = s * self.pos_[nb]
            better = g > gain
            gain = np.where(better, g, gain)
            source = np.where(better, nb[:, None], source)
            loss = np.maximum(loss, s * self.neg_[nb])
        new = adjusted + self.learn_weight * gain - self.reject_weight * loss
        new = np.clip(new, 0.0, None)
        gained = gain > 0
        if self.model_ is not None:
            new = new * self._model_factor(start, stop, adjusted.shape[1])
            nearest_pos = self._nearest_positive(raw)
            source = np.where(gained, source, nearest_pos)
            gained = source >= 0
        rank_old = _ranks(adjusted)
        rank_new = _ranks(new)
        source[~(gained & (rank_new < rank_old))] = -1
        return new, source

    def _nearest_positive(self, raw: np.ndarray) -> np.ndarray:
        """Per (row, competency): the most similar decided statement with that
        competency accepted or added; for a competency none has, the most
        similar decided statement with any accepted or added pair (-1 where the
        statement shares nothing with it)."""
        n = raw.shape[0]
        # a competency no decided statement has: the nearest one with a decision
        # the model learnt from (its decisions moved the competitors)
        taught = np.flatnonzero(self.pos_.any(axis=1))
        nearest = taught[np.argmax(raw[:, taught], axis=1)]
        near = raw[np.arange(n), nearest] > 0
        out = np.where(near, nearest, -1)[:, None].repeat(self.pos_.shape[1], axis=1)
        for c in np.flatnonzero(self.pos_.any(axis=0)):
            examples = np.flatnonzero(self.pos_[:, c])
            best = examples[np.argmax(raw[:, examples], axis=1)]
            has = raw[np.arange(n), best] > 0
            out[:, c] = np.where(has, best, -1)
        return out

    def source_ids(self, index: np.ndarray) -> np.ndarray:
        """Return decided statement ids for ``index`` ("" where -1)."""
        out = np.full(index.shape, "", dtype=object)
        has = index >= 0
        out[has] = self.decided_ids_[index[has]]
        return out


#: inverse regularisation of the decision model (scikit-learn's ``C``). Not in
#: the CV grid: in the session-6 replica (a random half decided, six draws) 10
#: and 100 gave the same gain within an outcome and 1 about three points less
MODEL_C = 10.0


#: the decision model without decisions, per fitted matcher (method,
#: parameters, framework content and profiles): the CLI fits it once per run, a
#: notebook once per session
BASE_MODELS = LRU(4)


def _base_model(matcher: Any) -> tuple[Any, np.ndarray] | None:
    """The decision model without decisions (the framework's phrasings alone)."""
    framework = matcher.framework_
    key = (
        type(matcher).__name__,
        tuple(sorted(matcher.get_params().items())),
        framework_key(framework),
        tuple(sorted(load_profiles(framework).items())),
    )
    fitted = BASE_MODELS.get(key)
    if fitted is None:
        empty = np.zeros((0, len(matcher.competency_ids_)))
        fitted = (_fit_model(matcher, None, empty, 0.0),)
        BASE_MODELS.put(key, fitted)
    return fitted[0]


def _fit_model(
    matcher: Any,
    decided_vectors: Any,
    pos: np.ndarray,
    example_weight: float,
    start: tuple[Any, np.ndarray] | None = None,
) -> tuple[Any, np.ndarray] | None:
    """Fit the decision model: framework phrasings plus decided statements.

    ``start`` (the model without decisions) is where the solver starts when it
    has the same classes: the decisions add a few rows to its training, so it
    is near the answer. Returns the fitted classifier and the competency
    column of each of its classes (``None`` for a framework of a single
    competency).
    """
    from sklearn.linear_model import LogisticRegression

    framework = matcher.framework_
    texts, terms = competency_documents(framework)
    profiles = load_profiles(framework)
    rows: list[str] = []
    labels: list[int] = []
    for j, cid in enumerate(matcher.competency_ids_):
        for text in (texts[j], terms[j], *profiles.get(cid, ())):
            if text.strip():
                rows.append(text)
                labels.append(j)
    base = matcher.statement_vectors(matcher._prepare(rows))
    d_rows, d_comps = np.nonzero(pos)
    if decided_vectors is None:
        x = base
    elif sparse.issparse(base) or sparse.issparse(decided_vectors):
        x = sparse.vstack(
            [sparse.csr_matrix(base), sparse.csr_matrix(decided_vectors)[d_rows]],
            format="csr",
        )
    else:
        x = np.vstack([np.asarray(base), np.asarray(decided_vectors)[d_rows]])
    y = np.concatenate([np.asarray(labels, dtype=np.int64), d_comps])
    weight = np.concatenate(
        [np.ones(len(labels)), np.full(len(d_comps), float(example_weight))]
    )
    if len(np.unique(y)) < 2:
        return None
    model = LogisticRegression(C=MODEL_C, max_iter=3000)
    if start is not None and np.array_equal(start[0].classes_, np.unique(y)):
        model.set_params(warm_start=True)
        model.coef_ = start[0].coef_.copy()
        model.intercept_ = start[0].intercept_.copy()
    model.fit(x, y, sample_weight=weight)
    return model, model.classes_.astype(np.int64)


def _ranks(values: np.ndarray) -> np.ndarray:
    """Rank of each value in its row (0 = best; ties by column order)."""
    order = np.argsort(-values, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(values.shape[1])[None, :], axis=1)
    return ranks
