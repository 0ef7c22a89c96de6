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
    strings); missing values get the last code.
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    uniques = np.asarray(uniques, dtype=object)
    listed = uniques.tolist()
    order = np.array(sorted(range(len(listed)), key=listed.__getitem__), np.int64)
    rank = np.empty(len(order) + 1, dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    rank[-1] = len(order)  # missing values last, as sort_values puts them
    if (codes < 0).any():
        uniques = np.append(uniques, np.nan)
        order = np.append(order, len(order))
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
    runs = _runs(a, b)
    if runs is not None:
        new_a, new_b = runs
        ca = np.cumsum(new_a, dtype=np.int64) - 1
        cb = np.cumsum(new_b, dtype=np.int64) - 1
        return ca, cb, a[new_a], b[new_b], True
    ca, ua = sorted_codes(a)
    grouped = _sort_within(ca, b)
    if grouped is not None:
        order, new_b = grouped
        cb = np.empty(len(b), dtype=np.int64)
        cb[order] = np.cumsum(new_b, dtype=np.int64) - 1
        return ca, cb, ua, b[order[new_b]], False
    cb, ub = sorted_codes(b)
    return ca, cb, ua, ub, False


def _sort_within(ca: np.ndarray, b: np.ndarray):
    """Order rows by ``(ca, b)``, sorting ``b`` within each ``ca`` only.

    A course's statements are sorted among themselves: far fewer comparisons
    than one sort of every id. Returns ``(order, new)``: ``new`` marks, in
    that order, where a new ``(ca, b)`` pair starts; None when ``b`` holds
    something other than strings.
    """
    order = np.argsort(ca, kind="stable")
    sorted_a = ca[order]
    bounds = np.flatnonzero(np.r_[True, sorted_a[1:] != sorted_a[:-1], True])
    listed = b[order].tolist()
    if not set(map(type, listed)) <= {str}:
        return None
    key = listed.__getitem__
    within = []
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        within += sorted(range(lo, hi), key=key)
    within = np.array(within, dtype=np.int64)
    order = order[within]
    values = b[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ca[order][1:] != ca[order][:-1]) | (values[1:] != values[:-1])
    return order, new


def ascending_pairs(a, b) -> bool:
    """True when the rows are sorted by ``(a, b)`` (all strings)."""
    return _runs(np.asarray(a, dtype=object), np.asarray(b, dtype=object)) is not None


def _runs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Where a new ``a`` and a new ``(a, b)`` pair start, if sorted by ``(a, b)``.

    ``None`` when the rows are not in order (or the ids are not all strings).
    Equal neighbours are usually the same string object, so ``!=`` is cheap;
    the order is checked only where a value changes.
    """
    n = len(a)
    new_a = np.ones(n, dtype=bool)
    new_b = np.ones(n, dtype=bool)
    if n < 2:
        return new_a, new_b
    try:
        np.not_equal(a[1:], a[:-1], out=new_a[1:])
        at = np.flatnonzero(new_a[1:])
        if not (a[at + 1] > a[at]).all():
            return None
        np.not_equal(b[1:], b[:-1], out=new_b[1:])
        within = np.flatnonzero(new_b[1:] & ~new_a[1:])
        if not (b[within + 1] > b[within]).all():
            return None
    except TypeError:  # not all strings: let the sort decide
        return None
    new_b |= new_a
    return new_a, new_b


#: pandas' default string dtype (what ``astype(str)`` gives)
STR_DTYPE = pd.Series(["x"]).dtype


def str_array(values) -> pd.api.extensions.ExtensionArray:
    """Return ``values`` (strings) as pandas' ``str`` dtype, like ``astype(str)``.

    An object array of strings is wrapped without a copy when the dtype keeps
    Python strings (``storage="python"``); anything else is converted.
    """
    if isinstance(values, pd.arrays.StringArray) and values.dtype == STR_DTYPE:
        return values  # already strings of that dtype
    values = np.asarray(values, dtype=object)
    if getattr(STR_DTYPE, "storage", None) == "python":
        try:
            return pd.arrays.StringArray(values, dtype=STR_DTYPE)
        except ValueError:  # not all strings: convert them as astype does
            pass
    return pd.array(values, dtype="str")
