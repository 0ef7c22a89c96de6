"""Finding phrases in sequences of word codes (the glossary's and stop phrases).

:class:`PhraseFinder` is the phrase step of :mod:`._analysis`: phrase keys are
packed word codes, tested one phrase length at a time (in a table for short
keys, else with ``searchsorted``) over the positions still inside a phrase
prefix; the longest phrase starting at each position wins, left to right,
without overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import LtaAlignError

OTHER, SEP_CODE = 0, 1  # codes of a word in no phrase, and of the separator
_TABLE_BITS = 20  # phrase keys of up to 20 bits are looked up in a table (4 MB)
_NO_PHRASE = np.iinfo(np.int32).min  # "no phrase" in those tables


class PhraseFinder:
    """Longest phrases left to right (no overlap) in sequences of word codes.

    Every word of a phrase gets a code from 2 up (:meth:`code`); a word in no
    phrase is ``0`` and the text separator ``1``, which no phrase contains.
    ``bare`` lists words that may also be written as the bare generic verb
    (:data:`._glossary.BARE_GROUPS`); such a word has a second, marked code. A
    marked word continues longer phrases as usual, and as a one-word phrase it
    matches only when ``bare`` gives it groups (then it finds those groups).
    """

    def __init__(
        self,
        phrases: Sequence[tuple[str, ...]],
        bare: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        bare = bare or {}
        vocab = sorted({w for p in phrases for w in p})
        self.codes = {w: 2 + i for i, w in enumerate(vocab)}
        marked = sorted(set(bare) & set(vocab))
        self.marked = {w: 2 + len(vocab) + i for i, w in enumerate(marked)}
        n_codes = 2 + len(vocab) + len(marked)
        self.bits = max(1, int(n_codes).bit_length())
        self.phrases = list(phrases)
        longest = max((len(p) for p in phrases), default=0)
        if self.bits * longest > 62:
            raise LtaAlignError(
                "The glossary has phrases too long for its vocabulary "
                f"({longest} words, {n_codes} distinct words); shorten them."
            )
        self.longest = longest
        full: dict[int, dict[int, int]] = {}
        prefix: dict[int, set[int]] = {}
        for pid, phrase in enumerate(self.phrases):
            for key_codes, is_bare in self._spellings(phrase, bare):
                n = len(key_codes)
                key = self._pack(key_codes)
                # a marked one-word phrase finds the bare groups: id -1 - pid
                full.setdefault(n, {})[key] = -1 - pid if is_bare else pid
                for m in range(1, n):
                    prefix.setdefault(m, set()).add(self._pack(key_codes[:m]))
        self.full = {
            n: (
                np.array(sorted(d), dtype=np.int64),
                np.array([d[k] for k in sorted(d)]),
            )
            for n, d in full.items()
        }
        self.prefix = {
            n: np.array(sorted(s), dtype=np.int64) for n, s in prefix.items()
        }
        self.starts = np.zeros(n_codes, dtype=bool)
        for n, (keys, _) in self.full.items():
            self.starts[keys >> (self.bits * (n - 1))] = True
        # short keys are looked up in tables instead (same answers)
        self.full_table: dict[int, np.ndarray] = {}
        self.prefix_table: dict[int, np.ndarray] = {}
        for n in range(1, longest + 1):
            if self.bits * n > _TABLE_BITS:
                break
            if n in self.full:
                keys, ids = self.full[n]
                table = np.full(1 << (self.bits * n), _NO_PHRASE, dtype=np.int32)
                table[keys] = ids
                self.full_table[n] = table
            if n in self.prefix:
                table = np.zeros(1 << (self.bits * n), dtype=bool)
                table[self.prefix[n]] = True
                self.prefix_table[n] = table

    def _spellings(self, phrase, bare):
        """Code sequences a phrase can appear as (marked variants of its words)."""
        out: list[list[int]] = [[]]
        for word in phrase:
            options = [self.codes[word]]
            if word in self.marked:
                options.append(self.marked[word])
            out = [seq + [c] for seq in out for c in options]
        for seq in out:
            is_bare = len(seq) == 1 and seq[0] != self.codes[phrase[0]]
            if is_bare and not bare.get(phrase[0]):
                continue  # the bare verb alone names nothing
            yield seq, is_bare

    def _pack(self, codes: Sequence[int]) -> int:
        key = 0
        for c in codes:
            key = (key << self.bits) | c
        return key

    def code(self, word: str, bare_verb: bool = False) -> int:
        """The code of ``word``; ``bare_verb``: written as the bare generic verb."""
        if bare_verb and word in self.marked:
            return self.marked[word]
        return self.codes.get(word, OTHER)

    def find(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return ``(start, length, phrase)`` of the phrases found in ``codes``.

        ``phrase`` indexes the ``phrases`` given to ``__init__``; ``-1 - i`` is
        phrase ``i`` as a bare generic verb. Sorted by start.
        """
        n_codes = len(codes)
        cand = np.flatnonzero(self.starts[codes])
        best_len = np.zeros(len(cand), dtype=np.int64)
        best_id = np.zeros(len(cand), dtype=np.int64)
        alive = np.arange(len(cand))
        key = codes[cand].astype(np.int64)
        for n in range(1, self.longest + 1):
            if n > 1:
                nxt = cand[alive] + (n - 1)
                ok = nxt < n_codes
                alive, key, nxt = alive[ok], key[ok], nxt[ok]
                key = (key << self.bits) | codes[nxt]
            if n in self.full_table:
                found = self.full_table[n][key]
                hit = found != _NO_PHRASE
                best_len[alive[hit]] = n
                best_id[alive[hit]] = found[hit]
            elif n in self.full:
                keys, ids = self.full[n]
                pos = np.searchsorted(keys, key)
                pos_c = np.minimum(pos, len(keys) - 1)
                hit = keys[pos_c] == key
                best_len[alive[hit]] = n
                best_id[alive[hit]] = ids[pos_c[hit]]
            pre = self.prefix.get(n)
            if pre is None or not len(alive):
                break
            if n in self.prefix_table:
                more = self.prefix_table[n][key]
            else:
                pos = np.minimum(np.searchsorted(pre, key), len(pre) - 1)
                more = pre[pos] == key
            alive, key = alive[more], key[more]
        found = best_len > 0
        start, length, phrase = cand[found], best_len[found], best_id[found]
        ends = start + length
        if len(start) < 2:
            return start, length, phrase
        # a phrase starting inside an earlier one: the phrases from the last
        # that starts after every earlier one ends (kept whatever came before)
        # on are settled one by one; all others are kept
        inside = np.zeros(len(start), dtype=bool)
        inside[1:] = start[1:] < np.maximum.accumulate(ends)[:-1]
        if not inside.any():
            return start, length, phrase
        cluster = np.cumsum(~inside) - 1
        settle = np.flatnonzero((np.bincount(cluster, weights=inside) > 0)[cluster])
        keep = np.ones(len(start), dtype=bool)
        free = -1
        for i, s, e in zip(
            settle.tolist(), start[settle].tolist(), ends[settle].tolist(), strict=True
        ):
            if s >= free:
                free = e
            else:
                keep[i] = False
        return start[keep], length[keep], phrase[keep]
