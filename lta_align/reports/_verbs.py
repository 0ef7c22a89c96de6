"""Reading learning outcomes: the Bloom verb table and :func:`read_outcome`.

The table (``reports/data/bloom_verbs.yaml``: levels of the revised Bloom's
taxonomy, Anderson & Krathwohl 2001, with verb lists written for lta-align) is
read once; :func:`read_outcome` strips an outcome's lead-in and finds its main
verb, Bloom level and separately assessable actions. Used by the audit
(:mod:`._audit`) and the drafts (:mod:`._drafts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .._resources import read_resource
from ..columns import BLOOM_LEVELS
from ..text import clean

__all__ = ["Clause", "Reading", "VerbTable", "read_outcome", "verb_table"]

RANK = {level: i for i, level in enumerate(BLOOM_LEVELS)}
"""Bloom level -> its place in :data:`~lta_align.columns.BLOOM_LEVELS` (0 lowest)."""
_RANK = RANK
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# clause boundaries: a semicolon, a comma (with or without "and"), "and", "as well as"
_SEP = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+")
_PAREN = re.compile(r"\([^()]*\)")
_NOUNISH = re.compile(r"(ing|tion|sion|ment|ness|ity)$")


@dataclass(frozen=True)
class VerbTable:
    """The shipped Bloom verb table (``reports/data/bloom_verbs.yaml``)."""

    level_of: dict[str, str]
    ambiguous: dict[str, tuple[str, tuple[tuple[re.Pattern, str], ...]]]
    not_measurable: dict[str, str]
    noun_too: frozenset[str]
    object_starters: frozenset[str]
    not_verbs: frozenset[str]
    noun_starters: dict[str, str]
    stop_phrases: tuple[re.Pattern, ...]
    higher_order_from: str
    too_long_words: int
    expectations: tuple[dict[str, Any], ...]
    max_phrase: int = field(default=1)

    def lookup(self, words: list[str]) -> tuple[str, str]:
        """The longest verb phrase opening ``words``: ``(phrase, kind)``.

        ``kind`` is ``verb``, ``ambiguous``, ``not measurable`` or ``""``.
        """
        for n in range(min(self.max_phrase, len(words)), 0, -1):
            phrase = " ".join(words[:n])
            if phrase in self.not_measurable:
                return phrase, "not measurable"
            if phrase in self.ambiguous:
                return phrase, "ambiguous"
            if phrase in self.level_of:
                return phrase, "verb"
        return "", ""

    def level(self, phrase: str, kind: str, rest: str) -> str:
        """The Bloom level of a verb phrase (``""`` for a not-measurable verb)."""
        if kind == "verb":
            return self.level_of[phrase]
        if kind == "ambiguous":
            default, rules = self.ambiguous[phrase]
            for pattern, level in rules:
                if pattern.search(rest.casefold()):
                    return level
            return default
        return ""

    def is_higher_order(self, level: str) -> bool:
        return bool(level) and _RANK[level] >= _RANK[self.higher_order_from]


def _listed(value: Any) -> list[str]:
    return [str(v).strip().casefold() for v in (value or [])]


@lru_cache(maxsize=1)
def verb_table() -> VerbTable:
    """Return the shipped verb table (read once)."""
    import yaml

    data = yaml.safe_load(
        read_resource("lta_align.reports", "data", "bloom_verbs.yaml")
    )
    level_of: dict[str, str] = {}
    for level in BLOOM_LEVELS:
        for verb in _listed(data["verbs"].get(level)):
            level_of.setdefault(verb, level)
    for verb in _listed(data.get("performance")):
        level_of.setdefault(verb, "apply")
    ambiguous = {}
    for verb, spec in (data.get("ambiguous") or {}).items():
        rules = tuple(
            (re.compile(r["pattern"], re.IGNORECASE), str(r["level"]))
            for r in spec.get("rules") or []
        )
        ambiguous[str(verb).casefold()] = (str(spec["default"]), rules)
        level_of.pop(str(verb).casefold(), None)
    not_measurable = {
        str(k).casefold(): str(v) for k, v in (data.get("not_measurable") or {}).items()
    }
    phrases = [*level_of, *ambiguous, *not_measurable]
    audit = data.get("audit") or {}
    return VerbTable(
        level_of=level_of,
        ambiguous=ambiguous,
        not_measurable=not_measurable,
        noun_too=frozenset(_listed(data.get("noun_too"))),
        object_starters=frozenset(_listed(data.get("object_starters"))),
        not_verbs=frozenset(_listed(data.get("not_verbs"))),
        noun_starters={
            str(k).casefold(): str(v or "")
            for k, v in (data.get("noun_starter_verbs") or {}).items()
        },
        stop_phrases=tuple(
            re.compile(p, re.IGNORECASE) for p in data.get("stop_phrases") or []
        ),
        higher_order_from=str(data.get("higher_order_from", "analyze")),
        too_long_words=int(audit.get("too_long_words", 40)),
        expectations=tuple(audit.get("course_expectations") or ()),
        max_phrase=max(len(p.split()) for p in phrases),
    )


# --- reading one outcome ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clause:
    """One action of an outcome: its verbs (a series shares one object) and span."""

    verbs: tuple[tuple[str, str], ...]  # (phrase, kind)
    levels: tuple[str, ...]
    start: int
    end: int

    @property
    def level(self) -> str:
        known = [lv for lv in self.levels if lv]
        return max(known, key=_RANK.__getitem__) if known else ""


@dataclass(frozen=True, slots=True)
class Reading:
    """What :func:`read_outcome` finds in one outcome."""

    body: str  # the outcome without its stop phrase
    verb: str
    bloom_level: str
    clauses: tuple[Clause, ...]
    words: int


def strip_stop_phrases(text: str, table: VerbTable | None = None) -> str:
    """Return ``text`` without its lead-in ("Students will be able to", "1.", ...)."""
    table = table or verb_table()
    body = clean(text)
    changed = True
    while changed:
        changed = False
        for pattern in table.stop_phrases:
            new = pattern.sub("", body, count=1)
            if new != body and new.strip():
                body, changed = new.lstrip(" :,-"), True
        words = _words(body)
        # a leading adverb before a verb: "Effectively communicate ..."
        if (
            len(words) > 1
            and words[0].endswith("ly")
            and not table.lookup(words[:1])[0]
            and table.lookup(words[1:])[0]
        ):
            body, changed = body.split(None, 1)[1], True
    return body.strip()


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def read_outcome(text: str) -> Reading:
    """Read an outcome's lead-in, main verb, Bloom level and separate actions.

    Parameters
    ----------
    text : str
        One learning outcome as written in the syllabus.

    Returns
    -------
    Reading
        ``verb`` (lower case; ``""`` when the outcome opens with no verb),
        ``bloom_level`` (``""`` for a verb not in the table or not measurable)
        and the clauses: actions with their own object, a series of verbs
        sharing one object ("plan, publicize and evaluate programs") being one.
    """
    table = verb_table()
    body = strip_stop_phrases(text, table)
    mask = _PAREN.sub(lambda m: "#" * len(m.group()), body)
    spans, pos = [], 0
    for m in _SEP.finditer(mask):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(body)))
    groups: list[dict[str, Any]] = []
    prev_bare = False
    for i, (a, b) in enumerate(spans):
        words = _words(body[a:b])
        phrase, kind = table.lookup(words)
        if phrase and i > 0 and phrase in table.noun_too:
            after = words[len(phrase.split()) :]
            if (after and after[0] not in table.object_starters) or (
                not after and not prev_bare
            ):
                phrase, kind = "", ""
        was_bare, prev_bare = (
            prev_bare,
            bool(phrase) and len(words) == len(phrase.split()),
        )
        if phrase and i > 0 and groups:
            last = groups[-1]
            if (last.get("embedded") and was_bare) or (
                not was_bare and _ends_in_verb(body[: spans[i - 1][1]], table)
            ):
                # "help users find, identify and select ...": a series of verbs
                # inside the last action, not a new action
                last.update(end=b, open=False, embedded=True)
                continue
        if phrase:
            alone = len(words) == len(phrase.split())
            if groups and groups[-1]["open"]:
                groups[-1]["verbs"].append((phrase, kind))
                groups[-1]["end"] = b
                groups[-1]["open"] = alone
            else:
                groups.append(
                    {"verbs": [(phrase, kind)], "start": a, "end": b, "open": alone}
                )
        elif groups:
            groups[-1].update(end=b, open=False, embedded=False)
        elif i == 0:
            groups.append({"verbs": [], "start": a, "end": b, "open": False})
    clauses = []
    for g in groups:
        rest = body[g["start"] : g["end"]]
        levels = tuple(table.level(p, k, rest) for p, k in g["verbs"])
        clauses.append(Clause(tuple(g["verbs"]), levels, g["start"], g["end"]))
    first = clauses[0] if clauses else None
    if first is not None and first.verbs:
        verb, bloom = first.verbs[0][0], first.levels[0]
    else:
        words = _words(body)
        verb = "" if not words or _no_verb(words, table) else words[0]
        bloom = ""
    return Reading(
        body=body,
        verb=verb,
        bloom_level=bloom,
        clauses=tuple(c for c in clauses if c.verbs),
        words=len(body.split()),
    )


def _ends_in_verb(text: str, table: VerbTable) -> bool:
    """True when ``text`` ends with a verb of the table ("... help users find")."""
    words = _words(text)
    if len(words) < 2:
        return False
    phrase, _ = table.lookup(words[-1:])
    return bool(phrase) and phrase not in table.noun_too


def _no_verb(words: list[str], table: VerbTable) -> bool:
    w = words[0]
    return w in table.not_verbs or bool(_NOUNISH.search(w)) or len(words) < 2
