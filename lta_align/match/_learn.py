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
  one phrasing do not add up.

A candidate whose rank improved because of a gain names the decided statement in
``learned_from``. Values are chosen by grouped cross-validation
(``bench/accuracy.py``, shipped in ``lssc_match.yaml``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

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
    """

    def __init__(
        self,
        decisions: pd.DataFrame,
        *,
        learn_weight: float,
        reject_weight: float,
        learn_neighbors: int,
        learn_min_similarity: float,
    ) -> None:
        self.decisions = decisions
        self.learn_weight = float(learn_weight)
        self.reject_weight = float(reject_weight)
        self.learn_neighbors = max(1, int(learn_neighbors))
        self.learn_min_similarity = float(learn_min_similarity)

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

    def _similarities(self, start: int, stop: int) -> np.ndarray:
        block = self.vectors_[start:stop]
        sim = block @ self.decided_vectors_.T
        sim = sim.toarray() if sparse.issparse(sim) else np.asarray(sim)
        sim = np.clip(sim.astype(np.float64), 0.0, 1.0)
        sim[self.is_decided_[start:stop]] = 0.0
        sim[sim < self.learn_min_similarity] = 0.0
        return sim

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
        sim = self._similarities(start, stop)
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
        rank_old = _ranks(adjusted)
        rank_new = _ranks(new)
        source[~((gain > 0) & (rank_new < rank_old))] = -1
        return new, source

    def source_ids(self, index: np.ndarray) -> np.ndarray:
        """Return decided statement ids for ``index`` ("" where -1)."""
        out = np.full(index.shape, "", dtype=object)
        has = index >= 0
        out[has] = self.decided_ids_[index[has]]
        return out


def _ranks(values: np.ndarray) -> np.ndarray:
    """Rank of each value in its row (0 = best; ties by column order)."""
    order = np.argsort(-values, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(values.shape[1])[None, :], axis=1)
    return ranks
