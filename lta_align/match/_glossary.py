"""Library-science vocabulary for matching: abbreviations, variants, stop phrases.

The vocabulary itself is data, ``lta_align/match/data/glossary.yaml`` (groups of
synonyms, stop phrases, stop words, spellings, generic verbs; the file explains
its format). It is used on both sides (competencies and course statements): a
statement saying "ILL" and a competency saying "interlibrary loan" meet on the
same tokens. Nothing here is competency text and nothing is shown to people.

The analyser (:func:`analyse`) lower-cases, removes stop phrases (syllabus
boilerplate such as "students will be able to"), adds one concept token per
glossary phrase found (both ways: the abbreviation and the long form find the
same group), and reduces words with a small suffix stemmer. It is pure and
deterministic.

Speed: :func:`analyse_batch` analyses many texts at once. Each distinct text is
analysed once; the texts are joined into one string, split into words by one
regular expression, and the stop phrases and glossary phrases are found by two
compiled patterns (word tries) over the whole batch, so the per-word Python work
is a few dictionary lookups over the batch's distinct words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

from ..errors import LtaAlignError

_RESOURCE = ("data", "glossary.yaml")


def _read_resource(*parts: str) -> str:
    """Return a file shipped in ``lta_align.match``; our error names a missing one."""
    try:
        return files("lta_align.match").joinpath(*parts).read_text(encoding="utf-8")
    except OSError as exc:
        name = "/".join(["lta_align/match", *parts])
        raise LtaAlignError(
            f"The file '{name}' is missing from the installed lta_align package. "
            "Reinstall lta-align (pip install --force-reinstall lta-align)."
        ) from exc


def _load_vocabulary() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(_read_resource(*_RESOURCE), Loader=loader)  # noqa: S506
    name = "lta_align/match/" + "/".join(_RESOURCE)
    if not isinstance(data, dict):
        raise LtaAlignError(f"The glossary '{name}' is not a YAML mapping.")
    missing = [
        k
        for k in ("groups", "stop_phrases", "stop_words", "spellings", "generic_verbs")
        if k not in data
    ]
    if missing:
        raise LtaAlignError(f"The glossary '{name}' lacks the section(s) {missing}.")
    return data


_VOCAB = _load_vocabulary()

#: group name -> its members; the first member is the canonical spelling. When
#: any member occurs in a text, a concept token (``_c_<name>``) is added.
SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    str(g): tuple(str(m) for m in members) for g, members in _VOCAB["groups"].items()
}
#: syllabus boilerplate removed before matching (lower case, matched on words)
STOP_PHRASES: tuple[str, ...] = tuple(str(p) for p in _VOCAB["stop_phrases"])
STOP_WORDS: frozenset[str] = frozenset(str(w) for w in _VOCAB["stop_words"])
#: British and variant spellings folded to one form before stemming
SPELLINGS: dict[str, str] = {str(k): str(v) for k, v in _VOCAB["spellings"].items()}
#: everyday verbs whose "-ing" noun names a library task ("processing" new
#: books) but which, as verbs, say nothing about it ("the communication
#: process"): a one-word member that is the "-ing" noun of one of these matches
#: only in that "-ing" form, never as the bare verb.
GENERIC_VERBS: frozenset[str] = frozenset(str(v) for v in _VOCAB["generic_verbs"])
del _VOCAB

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", ""),
    ("ization", "ize"),
    ("isation", "ize"),
    ("fication", "fy"),
    ("ications", "ic"),
    ("ication", "ic"),
    ("ations", ""),
    ("ation", ""),
    ("tions", "t"),
    ("tion", "t"),
    ("ates", ""),
    ("ated", ""),
    ("ate", ""),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ers", ""),
    ("er", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a light stem of a lower-case ``word`` (suffix stripping, min stem 3).

    ``stem("cataloging") == stem("catalogs") == stem("catalog")``;
    ``stem("hiring") == stem("hire")``; words of 3 letters or fewer, and words
    with digits, are kept as they are.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: -len(suffix)] + repl
            if (
                repl == ""
                and len(base) > 3
                and base[-1] == base[-2]
                and base[-1] not in "lsz"
            ):
                base = base[:-1]  # shipping -> ship, planned -> plan
            return base[:-1] if len(base) >= 4 and base.endswith("e") else base
    return word[:-1] if word.endswith("e") else word


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_SEP = "\x00"  # document separator inside a batch (never part of a word)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|\x00")


def _normal_word(word: str) -> str:
    """One word token as matched: 's dropped, apostrophes removed, spelling folded."""
    if word.endswith("'s"):
        word = word[:-2]
    if "'" in word:
        word = word.replace("'", "")
    return SPELLINGS.get(word, word)


def _words(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and slashes split words, 's dropped."""
    return [_normal_word(w) for w in _WORD.findall(text)]


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _words(text.lower())]


def _build_phrase_index() -> tuple[
    dict[tuple[str, ...], tuple[str, ...]], dict[str, tuple[str, ...]]
]:
    """Map each stemmed glossary phrase to every group that lists it (sorted).

    A phrase two groups share ("public services", "printing", "booklist") names
    both, so every member reaches its own group. The second mapping gives, for
    a one-word stem written as the bare verb of :data:`GENERIC_VERBS` ("print",
    not "printing"), the groups it still finds: those listing a member of that
    stem that is not the "-ing" noun of a generic verb.
    """
    index: dict[tuple[str, ...], set[str]] = {}
    gerund: dict[str, set[str]] = {}
    other: dict[str, set[str]] = {}
    for group, members in SYNONYM_GROUPS.items():
        for member in members:
            key = tuple(_stems(member))
            if not key:
                continue
            index.setdefault(key, set()).add(group)
            if len(key) == 1:
                verb = member[:-3]
                is_gerund = member.endswith("ing") and (
                    verb in GENERIC_VERBS or verb + "e" in GENERIC_VERBS
                )
                (gerund if is_gerund else other).setdefault(key[0], set()).add(group)
    bare = {
        s: tuple(sorted(other.get(s, set())))
        for s, groups in gerund.items()
        if groups - other.get(s, set())
    }
    return {key: tuple(sorted(groups)) for key, groups in index.items()}, bare


_GERUND_MARK = "~"  # appended to a gerund-only stem written as the bare verb


def _trie_pattern(
    phrases: Sequence[tuple[str, ...]], bare: dict[str, tuple[str, ...]]
) -> str:
    """A regex matching, at a word start, the longest of ``phrases`` (words).

    Words in the searched string are separated by single spaces. A word of
    ``bare`` may carry :data:`_GERUND_MARK`; marked, it matches as part of a
    longer phrase, and as a one-word phrase only when ``bare`` gives it groups.
    """
    gerund = set(bare)
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word in phrase:
            node = node.setdefault(word, {})
        node[""] = True  # end of a phrase

    def alternatives(node: dict, depth: int) -> str:
        alts = []
        for word in sorted(w for w in node if w):
            child = node[word]
            marked = re.escape(word) + (
                re.escape(_GERUND_MARK) + "?" if word in gerund else ""
            )
            more = [w for w in child if w]
            cont = " (?:" + alternatives(child, depth + 1) + ")" if more else ""
            end = "(?![^ ])"
            if not child.get(""):  # a prefix only: must go on
                alts.append(marked + cont)
            elif depth == 0 and word in gerund and not bare[word]:  # unmarked only
                alts.append(
                    (marked + cont + "|" if more else "") + re.escape(word) + end
                )
            elif more:
                alts.append(marked + "(?:" + cont + "|" + end + ")")
            else:
                alts.append(marked + end)
        return "|".join(alts)

    return "(?<![^ ])(?:" + alternatives(trie, 0) + ")"


_PHRASE_INDEX, _BARE_GROUPS = _build_phrase_index()
_CONCEPT_RE = re.compile(
    re.escape(_SEP) + "|" + _trie_pattern(list(_PHRASE_INDEX), _BARE_GROUPS)
)
_STOP_RE = re.compile(_trie_pattern([tuple(_words(p)) for p in STOP_PHRASES], {}))


def _groups(found: str) -> tuple[str, ...]:
    """Groups of one phrase found by :data:`_CONCEPT_RE` (marks removed)."""
    if found.endswith(_GERUND_MARK) and " " not in found:
        return _BARE_GROUPS[found[:-1]]
    return _PHRASE_INDEX[tuple(found.replace(_GERUND_MARK, "").split(" "))]


@dataclass(frozen=True, slots=True)
class Analysed:
    """Analysis of a batch of distinct texts (internal).

    ``concepts[i]`` lists the glossary groups found in text ``i`` (with repeats,
    in order); ``content[i]`` its stemmed content words in order (stop words,
    one-letter words and numbers dropped).
    """

    concepts: list[list[str]]
    content: list[list[str]]


class _WordTables:
    """Per-word results, computed once per distinct word and kept (bounded)."""

    MAX = 200_000

    def __init__(self) -> None:
        self.normal: dict[str, str] = {}
        self.mark: dict[str, str] = {}
        self.content: dict[str, str | None] = {}

    def _trim(self) -> None:
        for table in (self.normal, self.mark, self.content):
            if len(table) > self.MAX:
                table.clear()

    def normalise(self, raw: list[str]) -> list[str]:
        table = self.normal
        for w in set(raw).difference(table):
            table[w] = _normal_word(w) if w != _SEP else _SEP
        return [table[w] for w in raw]

    def marks(self, words: list[str]) -> list[str]:
        table = self.mark
        for w in set(words).difference(table):
            if w == _SEP:
                table[w] = _SEP
                continue
            s = stem(w)
            gerund_bare = s in _BARE_GROUPS and not w.endswith(("ing", "ings"))
            table[w] = s + _GERUND_MARK if gerund_bare else s
        return [table[w] for w in words]

    def contents(self, words: list[str]) -> dict[str, str | None]:
        table = self.content
        for w in set(words).difference(table):
            keep = w != _SEP and len(w) >= 2 and w not in STOP_WORDS and not w.isdigit()
            table[w] = stem(w) if keep else None
        return table


_TABLES = _WordTables()


def _batch_words(texts: Sequence[str]) -> list[str]:
    """Words of every text after stop phrases, texts separated by :data:`_SEP`."""
    _TABLES._trim()
    joined = _SEP.join(t.replace(_SEP, " ") for t in texts)
    joined = joined.lower().replace("\u2019", "'")
    words = _TABLES.normalise(_TOKEN.findall(joined))
    return _STOP_RE.sub("", " ".join(words)).split()


def _analyse_distinct(texts: Sequence[str]) -> Analysed:
    """Concepts and content words of each text (texts assumed distinct)."""
    n = len(texts)
    concepts: list[list[str]] = [[] for _ in range(n)]
    content: list[list[str]] = [[] for _ in range(n)]
    if not n:
        return Analysed(concepts, content)
    words = _batch_words(texts)
    marked = " ".join(_TABLES.marks(words))
    doc = 0
    current = concepts[0]
    groups = _groups
    for found in _CONCEPT_RE.findall(marked):
        if found == _SEP:
            doc += 1
            current = concepts[doc]
        else:
            current.extend(groups(found))
    table = _TABLES.contents(words)
    doc = 0
    current = content[0]
    for w in words:
        if w == _SEP:
            doc += 1
            current = content[doc]
        else:
            s = table[w]
            if s is not None:
                current.append(s)
    return Analysed(concepts, content)


def analyse_many(texts: Sequence[str]) -> tuple[Analysed, list[int]]:
    """Analyse each distinct text of ``texts`` once.

    Returns the analysis of the distinct texts (first-seen order) and, for each
    input text, the index of its distinct text.
    """
    position: dict[str, int] = {}
    inverse = [position.setdefault(t, len(position)) for t in texts]
    return _analyse_distinct(list(position)), inverse


def analyse_batch(texts: Sequence[str]) -> list[list[str]]:
    """Return ``[analyse(t) for t in texts]``, computed for the whole batch at once."""
    done, inverse = analyse_many(texts)
    tokens = [
        [f"_c_{g}" for g in c] + w
        for c, w in zip(done.concepts, done.content, strict=True)
    ]
    return [list(tokens[i]) for i in inverse]


def concepts(text: str) -> list[str]:
    """Return the glossary groups named in ``text`` (with repeats, in order).

    Matching works on stemmed words, so "hire", "hired" and "hiring" all find
    the group that lists "hiring"; the longest phrase wins, and a phrase two
    groups share names both. The "-ing" noun of an everyday verb
    (:data:`GENERIC_VERBS`: "processing", "covering") is the exception: only
    that "-ing" form finds its group. Stop phrases are not removed here.
    """
    words = _TABLES.normalise(_TOKEN.findall(text.lower().replace(_SEP, " ")))
    found = _CONCEPT_RE.findall(" ".join(_TABLES.marks(words)))
    out: list[str] = []
    for phrase in found:
        out.extend(_groups(phrase))
    return out


def analyse(text: str) -> list[str]:
    """Return the matching tokens of ``text``.

    Steps: lower case, drop stop phrases, add one concept token per glossary
    phrase found (``_c_ill`` for "ILL" and "interlibrary loan" alike), then the
    stemmed content words (stop words dropped).
    """
    return analyse_batch([text])[0]


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
