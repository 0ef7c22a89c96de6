"""Library-science vocabulary for matching: abbreviations, variants, stop phrases.

The vocabulary itself is data, ``lta_align/match/data/glossary.yaml`` (groups of
synonyms, stop phrases, stop words, spellings, generic verbs; the file explains
its format). It is used on both sides (competencies and course statements): a
statement saying "ILL" and a competency saying "interlibrary loan" meet on the
same tokens. Nothing here is competency text and nothing is shown to people.

This module reads the vocabulary and holds the word-level rules (spelling
folding, the suffix stemmer, which groups each stemmed phrase names); the
analyser that applies them to texts is :mod:`lta_align.match._analysis`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .._resources import read_resource
from ..errors import LtaAlignError

_RESOURCE = ("data", "glossary.yaml")


def _load_vocabulary() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(read_resource("lta_align.match", *_RESOURCE), Loader=loader)
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


def normal_word(word: str) -> str:
    """One word token as matched: 's dropped, apostrophes removed, spelling folded."""
    if word.endswith("'s"):
        word = word[:-2]
    if "'" in word:
        word = word.replace("'", "")
    return SPELLINGS.get(word, word)


def words(text: str) -> list[str]:
    """Word tokens of lower-case ``text``; hyphens and slashes split words."""
    return [normal_word(w) for w in _WORD.findall(text)]


def _stems(text: str) -> list[str]:
    return [stem(w) for w in words(text.lower())]


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


PHRASE_INDEX, BARE_GROUPS = _build_phrase_index()
