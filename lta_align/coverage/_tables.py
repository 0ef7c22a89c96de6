"""The coverage, course x set and course tables, built on integer codes.

The work behind :func:`lta_align.coverage.summarise`: linear in the matches,
with strings only in the returned columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._codes import pair_codes, str_array
from ..columns import (
    ALIGNED_COURSE_COLUMNS,
    COURSE_SET_COLUMNS,
    COVERAGE_COLUMNS,
    COVERED,
    REVIEWED_DECISIONS,
)
from ..config import MatchConfig
from ..model import Framework, Program
from ._rules import evidence_score, evidence_status, evidence_weight

#: the optional columns after the contract ones (lta_align.columns)
COVERAGE_EXTRA_COLUMNS = ["level", "reviewed", "n_evidence"]
COURSE_EXTRA_COLUMNS = ["general"]
COURSE_SET_EXTRA_COLUMNS = ["provisional"]

# The tables are built on integer codes (lta_align._codes): ``course`` is a
# course's rank in id order, ``comp`` a competency's position in the framework,
# ``set`` a set's position among the framework's distinct set ids, ``stmt``
# orders statements by id within a course. Strings come back only in the
# returned columns.


@dataclass(frozen=True, slots=True)
class _FrameworkCodes:
    comp_ids: np.ndarray  # competency ids, framework order
    comp_index: pd.Index
    comp_set: np.ndarray  # competency -> set code
    partial: np.ndarray  # competency -> framework "partial"
    set_ids: np.ndarray  # set code -> set id (first appearance in competencies)
    set_text_rank: np.ndarray  # set code -> rank of its id in string order

    @classmethod
    def of(cls, framework: Framework) -> _FrameworkCodes:
        comps = framework.competencies
        comp_ids = comps["competency_id"].to_numpy(dtype=object)
        set_codes, set_ids = pd.factorize(comps["set_id"].to_numpy(dtype=object))
        set_ids = np.asarray(set_ids, dtype=object)
        listed = [str(s) for s in set_ids]
        text_order = sorted(range(len(listed)), key=listed.__getitem__)
        text_rank = np.empty(len(listed), dtype=np.int64)
        text_rank[text_order] = np.arange(len(listed))
        return cls(
            comp_ids=comp_ids,
            comp_index=pd.Index(comp_ids, dtype=object),
            comp_set=set_codes.astype(np.int64),
            partial=comps["partial"].astype(bool).to_numpy(),
            set_ids=set_ids,
            set_text_rank=text_rank,
        )


@dataclass(frozen=True, slots=True)
class _Rows:
    """The matches that name a framework competency, as parallel arrays."""

    course: np.ndarray
    stmt: np.ndarray
    comp: np.ndarray
    set: np.ndarray
    course_ids: np.ndarray  # course code -> id
    stmt_ids: np.ndarray  # stmt code -> id
    rank: np.ndarray
    weight: np.ndarray  # evidence_weight of the statement kind
    reviewed: np.ndarray
    evidence: np.ndarray
    set_evidence: np.ndarray
    evidence_ok: np.ndarray
    level: np.ndarray | None  # raw ``level`` values (None: no column)
    unique_pairs: bool  # no statement names a competency twice

    def __len__(self) -> int:
        return len(self.course)


def _prepare(
    matches: pd.DataFrame,
    program: Program,
    fw: _FrameworkCodes,
    config: MatchConfig,
) -> _Rows:
    comp = fw.comp_index.get_indexer(matches["competency_id"])
    known = comp >= 0
    if not known.all():
        matches = matches[known]
        comp = comp[known]
    n = len(matches)
    course, stmt, course_ids, stmt_ids, in_order = pair_codes(
        matches["course_id"], matches["statement_id"]
    )
    kind = (
        matches["kind"].to_numpy(dtype=object, copy=True)
        if "kind" in matches.columns
        else np.full(n, np.nan, dtype=object)
    )
    missing = pd.isna(kind)
    if missing.any():
        kinds = program.statements.drop_duplicates("statement_id").set_index(
            "statement_id"
        )["kind"]
        fill = matches.loc[missing, "statement_id"].map(kinds).fillna("outcome")
        kind[missing] = fill.to_numpy(dtype=object)
    kind_codes, kind_values = pd.factorize(kind)
    kind_weight = evidence_weight(pd.Series(kind_values, dtype=object), config)
    weight = kind_weight.to_numpy(dtype=float)[kind_codes]
    if "decision" in matches.columns:
        reviewed = matches["decision"].isin(REVIEWED_DECISIONS).to_numpy(dtype=bool)
    else:
        reviewed = np.zeros(n, dtype=bool)
    if "rank" in matches.columns:
        rank = pd.to_numeric(matches["rank"], errors="coerce").fillna(1)
        rank = rank.astype("int64").to_numpy()
    else:
        rank = np.ones(n, dtype=np.int64)
    score = pd.to_numeric(matches["score"], errors="coerce").fillna(0.0)
    score = score.astype(float).to_numpy()
    direct = np.asarray(evidence_score(matches, config), dtype=float)
    evidence = np.where(reviewed, 1.0, np.clip(direct * weight, 0, 1))
    # the course's set is named from the ranking score (with the course prior)
    set_evidence = np.where(reviewed, 1.0, np.clip(score * weight, 0, 1))
    # candidates under the no-match floor are ranked but are no evidence
    if "below_floor" in matches.columns:
        below = matches["below_floor"].fillna(False).astype(bool).to_numpy()
    else:
        below = np.zeros(n, dtype=bool)
    level = (
        matches["level"].to_numpy(dtype=object) if "level" in matches.columns else None
    )
    return _Rows(
        course=course,
        stmt=stmt,
        comp=comp.astype(np.int64),
        set=fw.comp_set[comp],
        course_ids=course_ids,
        stmt_ids=stmt_ids,
        rank=rank,
        weight=weight,
        reviewed=reviewed,
        evidence=evidence,
        set_evidence=set_evidence,
        evidence_ok=reviewed | (~below & (direct >= config.match_threshold)),
        level=level,
        unique_pairs=in_order and _unique_in_runs(stmt, comp),
    )


def _unique_in_runs(run: np.ndarray, value: np.ndarray, max_run: int = 16) -> bool:
    """True when no ``value`` repeats within a run of equal ``run`` codes.

    Rows of a run are contiguous; each row is compared with the few rows
    before it (a statement has a handful of candidates). False (unknown) for
    longer runs.
    """
    if len(run) < 2:
        return True
    starts = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    longest = int(np.diff(np.r_[starts, len(run)]).max())
    if longest > max_run:
        return False
    for d in range(1, longest):
        if ((run[d:] == run[:-d]) & (value[d:] == value[:-d])).any():
            return False
    return True


@dataclass(frozen=True, slots=True)
class _Grid:
    """Coverage rows as codes: (course, competency), sorted by course, framework."""

    course: np.ndarray
    comp: np.ndarray
    covered: np.ndarray | None = None  # status "covered"


@dataclass(frozen=True, slots=True)
class _Pairs:
    """Per (course, competency) with evidence: its best statement and score."""

    keys: np.ndarray  # course * n_comps + comp, sorted
    score: np.ndarray  # combined evidence
    stmt_id: np.ndarray  # the evidence statement
    level: np.ndarray  # its level ("" when none)
    reviewed: np.ndarray
    n_evidence: np.ndarray
    course_ids: np.ndarray  # course code -> id


def _pair_evidence(m: _Rows, fw: _FrameworkCodes, config: MatchConfig) -> _Pairs:
    n_comps = len(fw.comp_ids)
    rows = np.flatnonzero(m.evidence_ok)
    if not len(rows):
        none = np.zeros(0, dtype=np.int64)
        blank = np.zeros(0, dtype=object)
        return _Pairs(
            none,
            none.astype(float),
            blank,
            blank,
            none.astype(bool),
            none,
            m.course_ids,
        )
    # best evidence first: reviewed, then evidence score, then statement id
    pair = m.course[rows] * n_comps + m.comp[rows]
    order = np.lexsort(
        (m.stmt[rows], -m.evidence[rows], ~m.reviewed[rows], pair), axis=0
    )
    rows, pair = rows[order], pair[order]
    del order
    first = np.empty(len(rows), dtype=bool)
    first[0] = True
    np.not_equal(pair[1:], pair[:-1], out=first[1:])
    keys = pair[first]  # sorted
    del pair
    group = np.cumsum(first) - 1  # (course, competency) pair of each row
    best = rows[first]  # the evidence row of each pair
    # a statement counts once per pair (its best row)
    if m.unique_pairs:
        one = np.ones(len(rows), dtype=bool)
    else:
        key = group * (int(m.stmt.max()) + 1) + m.stmt[rows]
        one = ~pd.Series(key).duplicated().to_numpy()
    combined = _combined_evidence(m, rows, group, first, one, config.support_weight)
    n_ev = np.bincount(group[one], minlength=len(keys))
    reviewed = np.bincount(group, weights=m.reviewed[rows], minlength=len(keys)) > 0
    level = np.full(len(best), "", dtype=object)
    if m.level is not None:
        best_level = pd.Series(m.level[best], dtype=object).fillna("")
        level[:] = best_level.astype(str).to_numpy(dtype=object)
    return _Pairs(
        keys=keys,
        score=combined,
        stmt_id=m.stmt_ids[m.stmt[best]],
        level=level,
        reviewed=reviewed,
        n_evidence=n_ev,
        course_ids=m.course_ids,
    )


def _coverage(
    pairs: _Pairs, fw: _FrameworkCodes, config: MatchConfig
) -> tuple[pd.DataFrame, _Grid]:
    columns = COVERAGE_COLUMNS + COVERAGE_EXTRA_COLUMNS
    if not len(pairs.keys):
        empty = _Grid(np.zeros(0, np.int64), np.zeros(0, np.int64))
        return _empty(
            columns, {"score": float, "reviewed": bool, "n_evidence": "int64"}
        ), empty
    n_comps = len(fw.comp_ids)
    keys = pairs.keys
    # grid: for each course, every competency of every set it touches
    grid = _grid(keys // n_comps, fw.comp_set[keys % n_comps], fw)
    gkey = grid.course * n_comps + grid.comp
    pos = np.minimum(np.searchsorted(keys, gkey), len(keys) - 1)
    has = keys[pos] == gkey
    del gkey
    at = pos[has]
    del pos
    size = len(has)
    score = np.zeros(size)
    score[has] = pairs.score[at]
    evidence = np.full(size, "", dtype=object)
    evidence[has] = pairs.stmt_id[at]
    level = np.full(size, "", dtype=object)
    level[has] = pairs.level[at]
    rev = np.zeros(size, dtype=bool)
    rev[has] = pairs.reviewed[at]
    n = np.zeros(size, dtype=np.int64)
    n[has] = pairs.n_evidence[at]
    del has, at
    score = np.round(score, 4)
    status = _statuses(score, config)
    is_partial = fw.partial[grid.comp]
    status[is_partial & (status == "covered") & ~rev] = "partial"
    status[rev] = "covered"
    del is_partial
    grid = _Grid(grid.course, grid.comp, status == COVERED)
    out = pd.DataFrame(
        {
            "course_id": str_array(pairs.course_ids[grid.course]),
            "competency_id": str_array(fw.comp_ids[grid.comp]),
            "set_id": str_array(fw.set_ids[fw.comp_set[grid.comp]]),
            "score": score,
            "status": str_array(status),
            "evidence_statement_id": str_array(evidence),
            "level": str_array(level),
            "reviewed": rev,
            "n_evidence": n,
        },
        copy=False,
    )
    return out[columns], grid


def _statuses(score: np.ndarray, config: MatchConfig) -> np.ndarray:
    """:func:`evidence_status` of each score, asked once per distinct score.

    The scores are rounded to 4 decimals, so there are few distinct values
    (at most 10,001 in [0, 1]); the answer shares its few string objects.
    """
    steps = np.rint(score * 10_000)
    low = steps.min() if len(steps) else 0.0
    if len(steps) and steps.max() - low <= 100_000:
        code = (steps - low).astype(np.int64)
        present = np.flatnonzero(np.bincount(code))
        where = np.empty(int(code.max()) + 1, dtype=np.int64)
        where[present] = np.arange(len(present))
        inverse = where[code]
        values = np.zeros(len(present))
        values[inverse] = score  # every score of a step is the same float
    else:
        values, inverse = np.unique(score, return_inverse=True)
    return evidence_status(values, config)[inverse]


def _grid(course: np.ndarray, set_: np.ndarray, fw: _FrameworkCodes) -> _Grid:
    """Every competency of every set touched by a course, by course then framework."""
    n_sets = len(fw.set_ids)
    touched = np.unique(course * n_sets + set_)
    t_course, t_set = touched // n_sets, touched % n_sets
    members = np.argsort(fw.comp_set, kind="stable")  # by set, framework order
    size = np.bincount(fw.comp_set, minlength=n_sets)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    # a set's competencies in framework order, sets by their first competency
    first = np.full(n_sets, len(fw.comp_ids), dtype=np.int64)
    np.minimum.at(first, fw.comp_set, np.arange(len(fw.comp_ids)))
    order = np.lexsort((first[t_set], t_course))
    t_course, t_set = t_course[order], t_set[order]
    counts = size[t_set]
    offsets = np.cumsum(counts) - counts
    idx = np.repeat(start[t_set] - offsets, counts) + np.arange(counts.sum())
    g_course = np.repeat(t_course, counts)
    g_comp = members[idx]
    key = g_course * len(fw.comp_ids) + g_comp
    if len(key) > 1 and (key[1:] < key[:-1]).any():  # sets interleaved
        o = np.argsort(key, kind="stable")
        g_course, g_comp = g_course[o], g_comp[o]
    return _Grid(g_course, g_comp)


def _combined_evidence(
    m: _Rows,
    rows: np.ndarray,
    group: np.ndarray,
    first: np.ndarray,
    one: np.ndarray,
    support_weight: float,
) -> np.ndarray:
    """Per (course, competency), best first: the combined strength of its evidence.

    ``1 - (1 - e1) * prod(1 - support_weight * e_i)`` over the other statements'
    evidence ``e_i`` (one value per statement): 0 keeps the best alone; more
    lets several moderate statements together count as strong evidence.
    Reviewed pairs stay at 1. ``rows`` are ranked (best first within each
    pair), ``group`` numbers their pairs, ``first`` marks each pair's best row
    and ``one`` each statement's best row in a pair.
    """
    e = m.evidence[rows][one]
    factor = np.where(first[one], 1.0, float(support_weight))
    logs = np.log1p(-np.clip(factor * e, 0.0, 1.0 - 1e-9))
    total = pd.Series(logs).groupby(group[one], sort=True).sum().to_numpy()
    best = rows[first]
    combined = 1.0 - np.exp(total)
    combined = np.where(m.reviewed[best], 1.0, combined)
    return np.maximum(combined, m.evidence[best])


def _course_sets(
    coverage: pd.DataFrame,
    grid: _Grid,
    course_ids: np.ndarray,
    fw: _FrameworkCodes,
    framework: Framework,
) -> pd.DataFrame:
    columns = COURSE_SET_COLUMNS + COURSE_SET_EXTRA_COLUMNS
    if coverage.empty:
        return _empty(
            columns,
            {
                "covered": "int64",
                "total": "int64",
                "coverage": float,
                "score": float,
                "complete": bool,
                "provisional": bool,
            },
        )
    n_sets = len(fw.set_ids)
    score = coverage["score"].to_numpy(dtype=float)
    parts = []
    # by chunks of whole courses: a (course, set) is never split, and the
    # grouping's temporary arrays stay those of one chunk
    for lo, hi in _course_chunks(grid.course):
        key = grid.course[lo:hi] * n_sets + fw.comp_set[grid.comp[lo:hi]]
        mean = pd.Series(score[lo:hi]).groupby(key, sort=True).mean()
        keys = mean.index.to_numpy()
        pair = np.searchsorted(keys, key)
        covered = np.bincount(pair, weights=grid.covered[lo:hi], minlength=len(keys))
        total = np.bincount(pair, minlength=len(keys))
        parts.append((keys, mean.to_numpy(), covered, total))
    keys, mean, covered, total = (np.concatenate(p) for p in zip(*parts, strict=True))
    covered, total = covered.astype("int64"), total.astype("int64")
    course, set_ = keys // n_sets, keys % n_sets
    sets = framework.sets.set_index("set_id")
    set_ids = pd.Series(fw.set_ids, dtype=object)
    names = set_ids.map(sets["set_name"]).fillna(set_ids).astype(str).to_numpy(object)
    provisional = ~set_ids.map(sets["complete"]).fillna(True).astype(bool).to_numpy()
    position = {s: i for i, s in enumerate(framework.set_ids)}
    set_order = set_ids.map(position).fillna(len(position)).to_numpy(dtype=float)
    o = np.lexsort((fw.set_text_rank[set_], set_order[set_], course))
    course, set_ = course[o], set_[o]
    covered = covered[o].astype("int64")
    total = total[o]
    out = pd.DataFrame(
        {
            "course_id": str_array(course_ids[course]),
            "set_id": str_array(fw.set_ids[set_]),
            "set_name": str_array(names[set_]),
            "covered": covered,
            "total": total,
            "coverage": np.round(covered / total, 4),
            "score": np.round(mean[o], 4),
            "complete": (covered == total) & (total > 0),
            "provisional": provisional[set_],
        },
        copy=False,
    )
    return out[columns]


def _course_chunks(course: np.ndarray, rows: int = 1 << 20) -> list[tuple[int, int]]:
    """``(start, stop)`` row ranges of about ``rows`` rows, cut between courses."""
    starts = _firsts(course)
    at = np.searchsorted(starts, np.arange(0, len(course), rows))
    cuts = np.unique(starts[np.minimum(at, len(starts) - 1)])
    bounds = [*cuts.tolist(), len(course)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _firsts(codes: np.ndarray) -> np.ndarray:
    """Row of the first occurrence of each code 0..max (codes sorted)."""
    return np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])


def _courses(
    m: _Rows,
    program: Program,
    framework: Framework,
    fw: _FrameworkCodes,
    config: MatchConfig,
    lean: pd.DataFrame | None = None,
) -> pd.DataFrame:
    base = program.courses.copy()
    for col in ("course_code", "course_title"):
        if col not in base.columns:
            base[col] = ""
    base = base.drop_duplicates("course_id").sort_values("course_id", kind="stable")
    base = base[["course_id", "course_code", "course_title"]].reset_index(drop=True)
    base = base.astype(str)
    primary = {}
    if len(m):
        # every rank-1 candidate counts here, under the floor too: the set a
        # course leans to is named even when it is general
        top = (m.rank == 1) | m.reviewed
        w = m.weight[top] * m.set_evidence[top]
        n_sets = len(fw.set_ids)
        key = m.course[top] * n_sets + fw.set_text_rank[m.set[top]]
        by_set = pd.Series(w).groupby(key, sort=True).sum()
        keys = by_set.index.to_numpy()
        course = keys // n_sets
        set_ = np.argsort(fw.set_text_rank)[keys % n_sets]
        w = by_set.to_numpy()
        total = pd.Series(w).groupby(course, sort=False).transform("sum").to_numpy()
        share = np.where(total > 0, w / np.where(total > 0, total, 1.0), 0.0)
        position = {s: i for i, s in enumerate(framework.set_ids)}
        set_order = (
            pd.Series(fw.set_ids, dtype=object)
            .map(position)
            .fillna(len(position))
            .to_numpy(dtype=float)
        )
        if lean is not None:
            # every set of every course with a candidate can be named
            n_courses = len(m.course_ids)
            table = np.zeros((n_courses, n_sets))
            table[course, set_] = share
            course = np.repeat(np.unique(course), n_sets)
            set_ = np.tile(np.arange(n_sets), len(course) // n_sets)
            share = table[course, set_]
            naming = _naming(m, fw, lean, course, set_)
        else:
            naming = share
        o = np.lexsort((set_order[set_], -naming, course))
        lead = o[_firsts(course[o])]
        for c, s, sh in zip(course[lead], set_[lead], share[lead], strict=True):
            general = bool(sh < config.primary_min_share)
            primary[m.course_ids[c]] = (fw.set_ids[s], round(float(sh), 4), general)
    empty = ("", 0.0, False)
    base["primary_set_id"] = [primary.get(c, empty)[0] for c in base["course_id"]]
    names = dict(zip(framework.sets["set_id"], framework.sets["set_name"], strict=True))
    base["primary_set_name"] = [
        str(names.get(s, s)) if s else "" for s in base["primary_set_id"]
    ]
    base["primary_score"] = [float(primary.get(c, empty)[1]) for c in base["course_id"]]
    base["general"] = [bool(primary.get(c, empty)[2]) for c in base["course_id"]]
    return base[ALIGNED_COURSE_COLUMNS + COURSE_EXTRA_COLUMNS].astype(
        {
            "primary_set_id": str,
            "primary_set_name": str,
            "primary_score": float,
            "general": bool,
        }
    )


def _naming(
    m: _Rows,
    fw: _FrameworkCodes,
    lean: pd.DataFrame,
    course: np.ndarray,
    set_: np.ndarray,
) -> np.ndarray:
    """What names a course's set, for each ``(course, set)`` pair given.

    The matcher's ``lean`` (the evidence of all the course's statements for
    the set, the best set = 1), where the statements a reviewer decided count
    for the sets of their accepted and added competencies instead: with a
    share ``r`` of the course's statement weight decided, ``(1 - r) * lean +
    r * (share of the decided weight in the set)``.
    """
    n_sets = len(fw.set_ids)
    set_pos = pd.Index(fw.set_ids).get_indexer(lean["set_id"].astype(str))
    course_pos = pd.Index(m.course_ids).get_indexer(lean["course_id"].astype(str))
    ok = (set_pos >= 0) & (course_pos >= 0)
    table = np.zeros((len(m.course_ids), n_sets))
    table[course_pos[ok], set_pos[ok]] = (
        pd.to_numeric(lean["lean"], errors="coerce")
        .fillna(0.0)
        .to_numpy(dtype=float)[ok]
    )
    if not m.reviewed.any():
        return table[course, set_]
    # each statement once: its weight, and whether a reviewer decided it
    key = pd.factorize(m.course * (int(m.stmt.max()) + 1) + m.stmt)[0]
    first = np.unique(key, return_index=True)[1]
    st_course, st_weight = m.course[first], m.weight[first]
    decided = np.zeros(key.max() + 1, dtype=bool)
    decided[key[m.reviewed]] = True
    n_courses = len(m.course_ids)
    total = np.bincount(st_course, weights=st_weight, minlength=n_courses)
    done = np.bincount(
        st_course, weights=st_weight * decided[key[first]], minlength=n_courses
    )
    r = np.divide(done, total, out=np.zeros(n_courses), where=total > 0)
    # a decided statement's weight, shared among its reviewed pairs' sets
    rows = np.flatnonzero(m.reviewed)
    per = np.bincount(key[rows], minlength=len(decided))[key[rows]]
    votes = np.zeros((n_courses, n_sets))
    np.add.at(votes, (m.course[rows], m.set[rows]), m.weight[rows] / per)
    votes = np.divide(
        votes, done[:, None], out=np.zeros_like(votes), where=done[:, None] > 0
    )
    table = (1.0 - r)[:, None] * table + r[:, None] * votes
    return table[course, set_]


def _empty(columns: list[str], dtypes: dict) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, str)) for c in columns})
