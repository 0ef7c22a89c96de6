"""The text analyser: glossary concepts, stop phrases and stems for many texts at once.

:func:`analyse` gives the matching tokens of one text; :func:`analyse_batch` and
:func:`analyse_many` do the same for a whole batch at the speed of the word
tokenizer, and :func:`term_counts` turns a batch straight into a sparse
term-count matrix for a fitted vocabulary (the TF-IDF matcher's input).

How a batch is analysed (the rules are those of :mod:`._glossary`):

1. Each distinct text is analysed once. The texts are joined into one string,
   lower-cased and split into the words of one regular expression (found in
   the string's UTF-8 bytes: :func:`_split_words`).
2. Words become integer ids (``pandas.factorize`` of their bytes read as
   integers); everything done per word (normalising, stemming, the stop-word
   test) is done once per distinct word and spread to every occurrence by a
   numpy ``take``.
3. Stop phrases and glossary phrases are found by
   :class:`._phrases.PhraseFinder`: the longest phrase starting at each
   position wins, left to right, without overlap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from ._glossary import (
    BARE_GROUPS,
    PHRASE_INDEX,
    STOP_PHRASES,
    STOP_WORDS,
    normal_word,
    stem,
    words,
)
from ._phrases import SEP_CODE, PhraseFinder

_SEP = "\x00"  # text separator inside a batch (never part of a word)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|\x00")


_STOPS = PhraseFinder([tuple(words(p)) for p in STOP_PHRASES])
_PHRASES = list(PHRASE_INDEX)
_CONCEPTS = PhraseFinder(_PHRASES, BARE_GROUPS)
GROUPS: list[str] = sorted({g for gs in PHRASE_INDEX.values() for g in gs})
_GROUP_ID = {g: i for i, g in enumerate(GROUPS)}


def _group_table(groups_of: list[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray]:
    counts = np.array([len(g) for g in groups_of], dtype=np.int64)
    flat = np.array([_GROUP_ID[g] for gs in groups_of for g in gs], dtype=np.int64)
    return np.concatenate([[0], np.cumsum(counts)]), flat


# phrase id -> groups (CSR), and the same for phrases found as a bare verb
_PHRASE_GROUPS = _group_table([PHRASE_INDEX[p] for p in _PHRASES])
_BARE_PHRASE_GROUPS = _group_table(
    [BARE_GROUPS.get(p[0], ()) if len(p) == 1 else () for p in _PHRASES]
)


@dataclass(frozen=True, slots=True)
class Analysed:
    """Analysis of a batch of distinct texts as flat arrays (internal).

    ``concept_doc``/``concept_group``: one row per concept found (index into
    :data:`GROUPS`), in text order. ``content_doc``/``content_stem``: one row per
    content word (index into ``stems``), in text order.
    """

    n_docs: int
    concept_doc: np.ndarray
    concept_group: np.ndarray
    content_doc: np.ndarray
    content_stem: np.ndarray
    stems: list[str]

    def tokens(self) -> list[list[str]]:
        """Per text: ``_c_<group>`` tokens, then stemmed content words."""
        out: list[list[str]] = [[] for _ in range(self.n_docs)]
        names = [f"_c_{g}" for g in GROUPS]
        for d, g in zip(
            self.concept_doc.tolist(), self.concept_group.tolist(), strict=True
        ):
            out[d].append(names[g])
        stems = self.stems
        for d, s in zip(
            self.content_doc.tolist(), self.content_stem.tolist(), strict=True
        ):
            out[d].append(stems[s])
        return out


class _WordCache:
    """Per distinct word: its normal form, codes and content stem (bounded)."""

    MAX = 500_000

    def __init__(self) -> None:
        self.table: dict[str, tuple[int, int, str | None]] = {}

    def lookup(self, uniq: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list]:
        if len(self.table) > self.MAX:
            self.table.clear()
        table = self.table
        for w in uniq:
            if w not in table:
                table[w] = _word_entry(w)
        entries = [table[w] for w in uniq]
        stop = np.array([e[0] for e in entries], dtype=np.int64)
        concept = np.array([e[1] for e in entries], dtype=np.int64)
        return stop, concept, [e[2] for e in entries]


def _word_entry(raw: str) -> tuple[int, int, str | None]:
    """(stop-phrase code, concept code, content stem or None) of one raw word."""
    if raw == _SEP:
        return SEP_CODE, SEP_CODE, None
    w = normal_word(raw)
    s = stem(w)
    bare = s in BARE_GROUPS and not w.endswith(("ing", "ings"))
    keep = len(w) >= 2 and w not in STOP_WORDS and not w.isdigit()
    return _STOPS.code(w), _CONCEPTS.code(s, bare), s if keep else None


_CACHE = _WordCache()


def _expand(pid: np.ndarray, table: tuple[np.ndarray, np.ndarray]):
    """Groups of each phrase found: (index into pid, group id), in order."""
    ptr, flat = table
    counts = ptr[pid + 1] - ptr[pid]
    total = int(counts.sum())
    row = np.repeat(np.arange(len(pid)), counts)
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return row, flat[ptr[pid][row] + offset]


_KEEP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'" + _SEP)
# ASCII characters that are not word characters, and every other whitespace
# character (what ``str.split()`` splits on), become spaces
_SPACES = str.maketrans(
    {
        chr(i): " "
        for i in range(0x3001)
        if (i < 128 and chr(i) not in _KEEP) or chr(i).isspace()
    }
)
_ONE_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|\x00")
#: ``_MASKS[n]`` keeps the first ``n`` bytes of a little-endian 8-byte window
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
_WORD_WINDOWS = 4  # words of up to 32 bytes are told apart by their bytes


def _split_words(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Word ids of every text (texts separated by :data:`_SEP`), and the words.

    Exactly the words of :data:`_TOKEN`, found faster: ASCII characters that
    are not word characters become spaces (``str.translate``), and the words
    are the runs of other bytes of the UTF-8 text. A word's id comes from its
    bytes read as up to four 8-byte integers (``pandas.factorize`` of
    integers: no string is made per word); longer words are compared as
    bytes. Only the distinct words are decoded, and only those that are not
    already one word (apostrophes, non-ASCII letters) go through the regular
    expression.
    """
    joined = f" {_SEP} ".join(texts)
    if joined.count(_SEP) != max(len(texts) - 1, 0):  # a text holds the separator
        joined = f" {_SEP} ".join(t.replace(_SEP, " ") for t in texts)
    text = " " + joined.lower().replace("\u2019", "'").translate(_SPACES) + " "
    data = text.encode("utf-8", "surrogatepass")
    n = len(data)
    padded = data + bytes(8)
    space = np.frombuffer(padded, dtype=np.uint8, count=n) == 32
    edges = np.flatnonzero(space[1:] != space[:-1]) + 1
    starts, ends = edges[0::2], edges[1::2]
    if not len(starts):
        return np.zeros(0, dtype=np.int64), []
    ids = _byte_ids(padded, n, starts, ends)
    seen = np.maximum.accumulate(ids)
    first = np.flatnonzero(np.r_[True, seen[1:] > seen[:-1]])  # ids 0, 1, 2...
    uniq = [
        data[s:e].decode("utf-8", "surrogatepass")
        for s, e in zip(starts[first].tolist(), ends[first].tolist(), strict=True)
    ]
    odd = [i for i, u in enumerate(uniq) if not _ONE_TOKEN.fullmatch(u)]
    if not odd:
        return ids, uniq
    parts = [[u] for u in uniq]
    for i in odd:
        parts[i] = _TOKEN.findall(uniq[i])
    index: dict[str, int] = {}
    flat = np.array(
        [index.setdefault(w, len(index)) for p in parts for w in p], dtype=np.int64
    )
    counts = np.array([len(p) for p in parts], dtype=np.int64)
    if (counts == 1).all():  # each odd piece is one word ("readers'")
        return flat[ids], list(index)
    ptr = np.concatenate([[0], np.cumsum(counts)])
    n_out = counts[ids]
    row = np.repeat(np.arange(len(ids)), n_out)
    offset = np.arange(int(n_out.sum())) - np.repeat(np.cumsum(n_out) - n_out, n_out)
    return flat[ptr[ids][row] + offset], list(index)


def _byte_ids(
    padded: bytes, n: int, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """Ids of the byte strings ``padded[starts[i]:ends[i]]``, in first-seen order.

    ``padded`` holds ``n`` bytes and 8 zero bytes after them; no word holds a
    zero byte but the separator, so a word's first 8 bytes (as an integer,
    the bytes after the word masked out) and its length tell it apart when it
    is up to 8 bytes long; longer words add their next 8 bytes, and so on.
    Words over ``8 * _WORD_WINDOWS`` bytes are compared as bytes.
    """
    windows = np.ndarray((n,), dtype="<u8", buffer=padded, strides=(1,))
    lens = ends - starts
    code, uniq = pd.factorize(windows[starts] & _MASKS[np.minimum(lens, 8)])
    code = code.astype(np.int64, copy=False)
    n_codes = len(uniq)
    rows = np.arange(len(starts))
    for j in range(1, _WORD_WINDOWS + 1):
        rows = rows[lens[rows] > 8 * j]  # the words still going on
        if not len(rows):
            break
        if j == _WORD_WINDOWS:  # the longest words: as bytes
            words = [
                padded[s:e]
                for s, e in zip(starts[rows].tolist(), ends[rows].tolist(), strict=True)
            ]
            c, u = pd.factorize(np.array(words, dtype=object))
        else:
            part = np.minimum(lens[rows] - 8 * j, 8)
            nxt, u = pd.factorize(windows[starts[rows] + 8 * j] & _MASKS[part])
            c, u = pd.factorize(code[rows] * len(u) + nxt)
        code[rows] = n_codes + c
        n_codes += len(u)
    if n_codes == len(uniq):  # no word over 8 bytes: the codes are the ids
        return code
    return pd.factorize(code)[0].astype(np.int64, copy=False)


def _analyse_distinct(texts: Sequence[str]) -> Analysed:
    n = len(texts)
    ids, uniq = _split_words(texts)
    stop_u, concept_u, content_u = _CACHE.lookup(uniq)
    # stop phrases out
    stop = stop_u[ids]
    start, length, _ = _STOPS.find(stop)
    if len(start):
        edges = np.zeros(len(ids) + 1, dtype=np.int64)
        np.add.at(edges, start, 1)
        np.add.at(edges, start + length, -1)
        kept = np.cumsum(edges[:-1]) == 0
        ids, stop = ids[kept], stop[kept]
    doc_of = np.cumsum(stop == SEP_CODE)
    # glossary concepts
    start, _, pid = _CONCEPTS.find(concept_u[ids])
    plain = pid >= 0
    r1, g1 = _expand(pid[plain], _PHRASE_GROUPS)
    r2, g2 = _expand(-1 - pid[~plain], _BARE_PHRASE_GROUPS)
    at = np.concatenate([start[plain][r1], start[~plain][r2]])
    grp = np.concatenate([g1, g2])
    order = np.argsort(at, kind="stable")
    # content words
    stems, stem_of_uniq = _factor_stems(content_u)
    content = stem_of_uniq[ids]
    keep = content >= 0
    return Analysed(
        n,
        doc_of[at[order]],
        grp[order],
        doc_of[keep],
        content[keep],
        stems,
    )


def _factor_stems(content_u: list[str | None]) -> tuple[list[str], np.ndarray]:
    index: dict[str, int] = {}
    codes = np.array(
        [-1 if s is None else index.setdefault(s, len(index)) for s in content_u],
        dtype=np.int64,
    )
    return list(index), codes


def analyse_many(texts: Sequence[str]) -> tuple[Analysed, np.ndarray]:
    """Analyse each distinct text of ``texts`` once.

    Returns the analysis of the distinct texts (first-seen order) and, for each
    input text, the index of its distinct text.
    """
    inverse, uniq = pd.factorize(pd.Series(list(texts), dtype=object), sort=False)
    if not len(uniq):
        empty = np.zeros(0, dtype=np.int64)
        return Analysed(0, empty, empty, empty, empty, []), inverse
    return _analyse_distinct([str(t) for t in uniq]), inverse


def _distinct(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """``(inverse, uniq)``: the distinct texts (first-seen order, as ``str``)
    and each text's index among them, as ``pandas.factorize`` gives them."""
    texts = list(texts)
    if set(map(type, texts)) <= {str}:  # strings: a dict finds the distinct ones
        seen = dict.fromkeys(texts)
        if len(seen) == len(texts):
            return np.arange(len(texts), dtype=np.intp), texts
        position = {t: i for i, t in enumerate(seen)}
        inverse = np.fromiter(map(position.__getitem__, texts), np.intp, len(texts))
        return inverse, list(seen)
    inverse, uniq = pd.factorize(pd.Series(texts, dtype=object), sort=False)
    return inverse, [str(t) for t in uniq]


def term_rows(
    texts: Sequence[str], vocabulary: dict[str, int], *, chunk: int = 50_000
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """:func:`term_counts` of each distinct text, ``chunk`` texts at a time.

    Returns the counts of the distinct texts (first-seen order) and, for each
    input text, the row of its distinct text. Memory stays that of one chunk.
    """
    inverse, uniq = _distinct(texts)
    blocks = [
        term_counts(_analyse_distinct(uniq[i : i + chunk]), vocabulary)
        for i in range(0, len(uniq), chunk)
    ]
    if not blocks:
        return sparse.csr_matrix((0, len(vocabulary)), dtype=np.float32), inverse
    return sparse.vstack(blocks, format="csr"), inverse


def analyse_batch(texts: Sequence[str]) -> list[list[str]]:
    """Return ``[analyse(t) for t in texts]``, computed for the batch at once."""
    done, inverse = analyse_many(texts)
    tokens = done.tokens()
    return [list(tokens[i]) for i in inverse]


def analyse(text: str) -> list[str]:
    """Return the matching tokens of ``text``.

    Steps: lower case, drop stop phrases, add one concept token per glossary
    phrase found (``_c_ill`` for "ILL" and "interlibrary loan" alike), then the
    stemmed content words (stop words dropped).
    """
    return analyse_batch([text])[0]


def concepts(text: str) -> list[str]:
    """Return the glossary groups named in ``text`` (with repeats, in order).

    Matching works on stemmed words, so "hire", "hired" and "hiring" all find
    the group that lists "hiring"; the longest phrase wins, and a phrase two
    groups share names both. The "-ing" noun of an everyday verb
    (:data:`._glossary.GENERIC_VERBS`: "processing", "covering") is the
    exception: only that "-ing" form finds its group. Stop phrases stay.
    """
    raw = _TOKEN.findall(text.lower().replace(_SEP, " "))
    if not raw:
        return []
    codes = np.array([_word_entry(w)[1] for w in raw], dtype=np.int64)
    _, _, pid = _CONCEPTS.find(codes)
    out: list[str] = []
    for p in pid.tolist():
        out += BARE_GROUPS[_PHRASES[-1 - p][0]] if p < 0 else PHRASE_INDEX[_PHRASES[p]]
    return out


def term_counts(
    analysed: Analysed, vocabulary: dict[str, int], *, bigrams: bool = True
) -> sparse.csr_matrix:
    """Term counts of each analysed text over a fitted ``vocabulary`` (float32).

    Terms: the ``_c_<group>`` tokens, the content stems and (``bigrams``) the
    pairs of consecutive content stems ``"a b"``, as the TF-IDF matcher writes
    them; terms outside the vocabulary are dropped. Equal to
    ``CountVectorizer(vocabulary=vocabulary)`` counts of the same token lists.
    """
    n_terms = len(vocabulary)
    group_ids = np.array(
        [vocabulary.get(f"_c_{g}", -1) for g in GROUPS], dtype=np.int64
    )
    stem_ids = np.array([vocabulary.get(s, -1) for s in analysed.stems], dtype=np.int64)
    rows = [analysed.concept_doc, analysed.content_doc]
    cols = [group_ids[analysed.concept_group], stem_ids[analysed.content_stem]]
    if bigrams and len(analysed.content_doc) > 1:
        pair_index, pair_ids = _bigram_table(vocabulary)
        same = analysed.content_doc[1:] == analysed.content_doc[:-1]
        a = stem_ids[analysed.content_stem[:-1]][same]
        b = stem_ids[analysed.content_stem[1:]][same]
        doc = analysed.content_doc[1:][same]
        known = (a >= 0) & (b >= 0)
        key = a[known] * n_terms + b[known]
        pos = pair_index.get_indexer(key)
        hit = pos >= 0
        rows.append(doc[known][hit])
        cols.append(pair_ids[pos[hit]])
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    ok = col >= 0
    counts = sparse.csr_matrix(
        (np.ones(int(ok.sum()), dtype=np.float32), (row[ok], col[ok])),
        shape=(analysed.n_docs, n_terms),
        dtype=np.float32,
    )
    counts.sum_duplicates()
    counts.sort_indices()
    return counts


_BIGRAM_TABLES: dict[int, tuple[dict, pd.Index, np.ndarray]] = {}


def _bigram_table(vocabulary: dict[str, int]) -> tuple[pd.Index, np.ndarray]:
    """Packed (first, second) unigram ids of every bigram term, and its term id.

    An index of the distinct keys (hashed look-ups) and the term id of each;
    a key two terms share goes to the first of them in vocabulary order.
    """
    cached = _BIGRAM_TABLES.get(id(vocabulary))
    if cached is not None and cached[0] is vocabulary:
        return cached[1], cached[2]
    n_terms = len(vocabulary)
    table: dict[int, int] = {}
    for term, i in vocabulary.items():
        if " " in term:
            a, b = term.split(" ", 1)
            if a in vocabulary and b in vocabulary:
                table.setdefault(vocabulary[a] * n_terms + vocabulary[b], i)
    keys = pd.Index(np.array(list(table), dtype=np.int64))
    ids = np.array(list(table.values()), dtype=np.int64)
    if len(_BIGRAM_TABLES) > 8:
        _BIGRAM_TABLES.clear()
    _BIGRAM_TABLES[id(vocabulary)] = (vocabulary, keys, ids)
    return keys, ids


_STOP_PHRASE_CI = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=lambda p: -len(p)))
    + r")(?![a-z0-9])",
    re.IGNORECASE,
)


def strip_boilerplate(text: str) -> str:
    """Return ``text`` without syllabus stop phrases ("students will be able to")."""
    out = _STOP_PHRASE_CI.sub(" ", text.replace("\u2019", "'"))
    return re.sub(r"\s+", " ", out).strip(" ,:;-")
