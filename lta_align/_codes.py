"""Integer codes for the id columns of large tables (internal).

The match and coverage tables have millions of rows keyed by string ids. Their
sorting, grouping and de-duplication run on integer codes instead: each id gets
its rank in string order, so ordering by the codes is ordering by the ids, and
the strings are only looked up again to build the returned columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def sorted_codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(codes, uniques)``: each value's rank among the distinct values.

    ``uniques`` (object array) is in sorted order and ``uniques[codes]`` gives
    the values back, so sorting by ``codes`` sorts by the values (as
    ``sort_values`` does). The sort uses Python's list sort (its fast path for
    strings).
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    uniques = np.asarray(uniques, dtype=object)
    listed = uniques.tolist()
    order = np.array(sorted(range(len(listed)), key=listed.__getitem__), np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return rank[codes], uniques[order]


def pair_codes(
    first, second
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool]:
    """Codes for rows keyed by two id columns (course id, statement id).

    Returns ``(first_codes, second_codes, first_uniques, second_uniques,
    in_order)``. Ordering rows by ``(first_codes, second_codes)`` orders them
    by the two ids; ``in_order`` is True when the rows already are. For rows
    already in order (the engine's tables are) the codes are counted along the
    rows, without hashing or sorting: ``second_codes`` then numbers the runs of
    equal ``(first, second)`` pairs, which is enough to group by the pair and
    to order by the second id within one value of the first.
    """
    a = np.asarray(first, dtype=object)
    b = np.asarray(second, dtype=object)
    if len(a) and ascending_pairs(a, b):
        new_a = np.empty(len(a), dtype=bool)
        new_a[0] = True
        np.not_equal(a[1:], a[:-1], out=new_a[1:])
        new_b = new_a.copy()
        new_b[1:] |= b[1:] != b[:-1]
        ca = np.cumsum(new_a, dtype=np.int64) - 1
        cb = np.cumsum(new_b, dtype=np.int64) - 1
        return ca, cb, a[new_a], b[new_b], True
    ca, ua = sorted_codes(a)
    cb, ub = sorted_codes(b)
    return ca, cb, ua, ub, False


def ascending_pairs(a: np.ndarray, b: np.ndarray) -> bool:
    """True when the rows are sorted by ``(a, b)`` (all strings)."""
    try:
        gt = a[1:] > a[:-1]
        if gt.all():
            return True
        eq = a[1:] == a[:-1]
        if not (gt | eq).all():
            return False
        idx = np.flatnonzero(eq)
        return bool((b[idx + 1] >= b[idx]).all())
    except TypeError:  # not all strings: let the sort decide
        return False


def str_array(values) -> pd.api.extensions.ExtensionArray:
    """Return ``values`` (strings) as pandas' ``str`` dtype, like ``astype(str)``."""
    return pd.array(np.asarray(values, dtype=object), dtype="str")
