"""Set evidence and top-k candidates from sparse similarity blocks (bounded memory).

The TF-IDF matcher's similarities are sparse: a statement shares words with a
few hundred of 10,000 competencies, and every other similarity is exactly 0.
These functions give the same numbers as the dense loops of
:meth:`lta_align.match._base.BaseMatcher.candidates`, from CSR blocks of a few
thousand statements, touching only the stored entries:

* :func:`course_evidence`: per course and set, the kind-weighted sum over its
  statements of the best similarity to one of the set's competencies averaged
  with the similarity to the set as a whole (the course prior's input);
* :func:`top_candidates`: the ``k`` best competencies of each statement after
  the course prior, ties broken by framework order (a statement sharing nothing
  with ``k`` competencies gets the first zero-score ones, as the dense
  ``argsort`` would).

Memory is one block of stored entries at a time plus the ``(n, k)`` answers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import numpy as np
from scipy import sparse

#: statements per sparse block (about half a million stored similarities at
#: 10,000 competencies: smaller blocks stay in cache and bound the temporary
#: arrays; 2,048 measured faster than 8,192 on both frameworks of bench/scale.py)
SPARSE_ROWS = 2048

#: show progress bars for at least this many statements (and only on a terminal)
PROGRESS_MIN = 200_000


def progress(
    items: Iterable,
    *,
    total: int,
    n: int,
    desc: str,
    minimum: int = PROGRESS_MIN,
    unit: str = "block",
) -> Iterable:
    """``items`` with a tqdm bar on stderr when ``n >= minimum`` and stderr a tty."""
    if n < minimum or not sys.stderr.isatty():
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit, leave=False)


#: bytes of similarity blocks kept from the first scoring pass for the second
#: (a small framework's blocks for a whole program; larger ones are made again)
REPLAY_BYTES = 96 * 2**20


class BlockReplay:
    """The blocks of ``make()`` (CSR or dense) for two passes over the statements.

    :meth:`first` yields them and keeps them while they hold at most
    ``budget`` bytes in all; :meth:`again` yields the kept ones (once), or
    calls ``make()`` again when they did not fit. The passes only read the
    blocks.
    """

    def __init__(self, make, budget: int = REPLAY_BYTES, *, sparse: bool = False):
        #: whether the blocks' competency part is CSR (the sparse top-k path)
        self.sparse = sparse
        self._make = make
        self._budget = budget
        self._kept: list | None = None

    def first(self) -> Iterator:
        kept: list | None = []
        size = 0
        for item in self._make():
            if kept is not None:
                _, comp_sim, set_sim = item
                size += _nbytes(comp_sim) + np.asarray(set_sim).nbytes
                if size <= self._budget:
                    kept.append(item)
                else:
                    kept = None
            yield item
        self._kept = kept

    def again(self) -> Iterator:
        kept, self._kept = self._kept, None
        return iter(kept) if kept is not None else self._make()


def _nbytes(block: np.ndarray | sparse.csr_matrix) -> int:
    """Bytes held by a dense or CSR block."""
    if isinstance(block, np.ndarray):
        return block.nbytes
    return block.data.nbytes + block.indices.nbytes + block.indptr.nbytes


def _rows_of(block: sparse.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))


def course_evidence(
    blocks: Iterator[tuple[int, sparse.csr_matrix, np.ndarray]],
    n: int,
    *,
    course_codes: np.ndarray,
    n_courses: int,
    kind_w: np.ndarray,
    comp_set: np.ndarray,
    n_sets: int,
    comp_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Per course and set, the kind-weighted sum of its statements' set evidence.

    A statement's set evidence is ``0.5 * (best similarity to one of the set's
    competencies + similarity to the set)``. ``blocks`` yields ``(start,
    comp_sim, set_sim)``: ``comp_sim`` a CSR block (one column per competency,
    values >= 0), ``set_sim`` a dense block. ``comp_weight`` multiplies each
    competency's similarities first. Returns (n_courses, n_sets) float64, summed
    in statement order like the dense path; no (n, n_sets) array is kept.
    """
    course_set = np.zeros((n_courses, n_sets), dtype=np.float64)
    total = -(-n // SPARSE_ROWS)
    for start, comp_sim, set_sim in progress(
        blocks, total=total, n=n, desc="set evidence"
    ):
        rows = comp_sim.shape[0]
        data = comp_sim.data.astype(np.float32, copy=False)
        if comp_weight is not None:
            data = data * comp_weight[comp_sim.indices]
        best = np.zeros(rows * n_sets, dtype=np.float32)
        key = _rows_of(comp_sim) * n_sets + comp_set[comp_sim.indices]
        np.maximum.at(best, key, data)
        evidence = 0.5 * (best.reshape(rows, n_sets) + set_sim.astype(np.float32))
        stop = start + rows
        # one cell at a time in statement order, as a 2-d add.at (faster 1-d)
        cells = course_codes[start:stop, None] * n_sets + np.arange(n_sets)
        np.add.at(
            course_set.reshape(-1),
            cells.reshape(-1),
            (evidence * kind_w[start:stop, None]).reshape(-1),
        )
    return course_set


def top_candidates(
    blocks: Iterator[tuple[int, sparse.csr_matrix, np.ndarray]],
    n: int,
    k: int,
    *,
    n_comps: int,
    factor_sets: np.ndarray,
    course_codes: np.ndarray,
    comp_set: np.ndarray,
    comp_weight: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(comp_index, score, raw)``, each (n, k), best first.

    ``score`` is the similarity times ``factor_sets[course, set]`` (float64, as
    the dense path computes it), ``raw`` the similarity alone.
    """
    comp_idx = np.zeros((n, k), dtype=np.int64)
    score = np.zeros((n, k), dtype=np.float64)
    raw = np.zeros((n, k), dtype=np.float64)
    total = -(-n // SPARSE_ROWS)
    f_min = float(factor_sets.min()) if factor_sets.size else 1.0
    for start, comp_sim, _set_sim in progress(
        blocks, total=total, n=n, desc="top matches"
    ):
        rows = comp_sim.shape[0]
        sim = comp_sim.data.astype(np.float32, copy=False)
        if comp_weight is not None:
            sim = sim * comp_weight[comp_sim.indices]
        row_of = _rows_of(comp_sim)
        cols = comp_sim.indices.astype(np.int64)
        # only entries that can reach a row's top k: the adjusted score is
        # between f_min and 1 times the similarity, so anything under f_min
        # times a lower bound of the row's k-th largest similarity cannot
        bound = _kth_lower_bound(sim, row_of, comp_sim.indptr, k)
        keep = sim >= f_min * bound[row_of]
        row_of, cols, sim = row_of[keep], cols[keep], sim[keep]
        factor = factor_sets[course_codes[start + row_of], comp_set[cols]]
        adjusted = sim.astype(np.float64) * factor
        ci, sc, rw = _block_top_k(row_of, cols, adjusted, sim, rows, k, n_comps)
        comp_idx[start : start + rows] = ci
        score[start : start + rows] = sc
        raw[start : start + rows] = rw
    return comp_idx, score, raw


def _kth_lower_bound(values, row_of, indptr, k) -> np.ndarray:
    """Per row, a value <= its ``k``-th largest entry (``-inf`` if under ``k``).

    The entries of a row are dealt into ``k`` groups by position; the smallest
    of the ``k`` group maxima is one of ``k`` distinct entries that are all at
    least that large.
    """
    rows = len(indptr) - 1
    if not len(values):
        return np.full(rows, -np.inf, dtype=values.dtype)
    group = (np.arange(len(values)) - indptr[:-1][row_of]) % k
    best = np.full(rows * k, -np.inf, dtype=values.dtype)  # same dtype: fast .at
    np.maximum.at(best, row_of * k + group, values)
    return best.reshape(rows, k).min(axis=1)


def _block_top_k(row_of, cols, values, sim, rows, k, n_comps):
    """Top ``k`` of each row of one block from its stored entries."""
    ci = np.zeros((rows, k), dtype=np.int64)
    sc = np.zeros((rows, k), dtype=np.float64)
    rw = np.zeros((rows, k), dtype=np.float64)
    positive = values > 0
    row_of, cols, values, sim = (
        row_of[positive],
        cols[positive],
        values[positive],
        sim[positive],
    )
    counts = np.bincount(row_of, minlength=rows)
    found = np.zeros(rows, dtype=np.int64)
    live = values.copy()
    order_ptr = np.concatenate([[0], np.cumsum(counts)])
    has = counts > 0
    starts = order_ptr[:-1][has]
    for j in range(k):
        if not len(live) or not has.any():
            break
        best = np.full(rows, -1.0)
        best[has] = np.maximum.reduceat(live, starts)
        is_best = (live == best[row_of]) & (live > 0)
        first = np.full(rows, n_comps, dtype=np.int64)
        np.minimum.at(first, row_of[is_best], cols[is_best])
        pick = np.flatnonzero(is_best & (cols == first[row_of]))
        r = row_of[pick]
        ci[r, j] = cols[pick]
        sc[r, j] = values[pick]
        rw[r, j] = sim[pick]
        found[r] += 1
        live[pick] = -1.0
    short = np.flatnonzero(found < min(k, n_comps))
    for r in short.tolist():  # fill with the first zero-score competencies
        taken = set(cols[order_ptr[r] : order_ptr[r + 1]].tolist())
        j, c = int(found[r]), 0
        while j < k and c < n_comps:
            if c not in taken:
                ci[r, j] = c
                j += 1
            c += 1
    return ci, sc, rw
