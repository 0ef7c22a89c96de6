"""Statement-level text rules shared by syllabi and outcome sheets: course codes,
cleaning a statement of its numbering, week labels and weights, splitting
unbulleted lines, and removing duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean, normalise, search_tail
from ._headings import heading_key
from ._layout import BULLET_MARK

KIND_PRIORITY = {
    "outcome": 5,
    "assessment": 4,
    "topic": 3,
    "description": 2,
    "reading": 1,
}
"""When the same text appears twice in a course, the stronger kind wins."""

CODE = re.compile(r"\b([A-Z]{2,5})[ \u00a0_-]?(\d{3,4}[A-Z]?)\b")
_FILE_CODE = re.compile(r"([A-Za-z]{2,5})[ _.-]?(\d{3,4}[A-Za-z]?)(?![0-9])")
NO_SPACE_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
"""Thai, kana and CJK ideographs: scripts written without spaces between words."""
_NUMBERED_WORDS = ("slo", "clo", "plo", "outcome", "objective", "competency", "goal")
"""Words a statement's number may follow: "SLO 2:", "CLO-1", "Objective A:"."""
_LEADING_MARK = re.compile(
    rf"^\s*(?:(?:{BULLET_MARK})|\(?\d{{1,2}}[.)](?!\d)|\(?[a-hA-H][.)]"
    # outline numbers "1.1", "2.3.4." before a capital ("1.5 hours" is content)
    r"|\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s+(?-i:[A-Z]))"
    rf"|(?:{'|'.join(_NUMBERED_WORDS)})s?\s*[-#\u2013]?\s*"
    r"(?:\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?\s*[:.)\u2013\u2014-]?"
    r"|(?-i:[A-Z])\s*[:.)\u2013\u2014-]))\s*",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"^\s*(?:week|unit|module|session|class|day|lesson|wk\.?)\s*#?\s*\d{1,2}[a-z]?"
    r"(?:\s*[-\u2013&,]\s*\d{1,2})?\s*(?:\([^)]*\))?\s*[:.\-\u2013\u2014)|]*\s*",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?(?:jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|sept|oct|nov|dec)\w*\.?\s+\d{1,2}\s*[:\-\u2013\u2014]\s+",
    re.IGNORECASE,
)
_WEIGHT_PAREN = re.compile(
    r"\s*[(\[]\s*\d+(?:\.\d+)?\s*(?:%|percent|points?|pts\.?)\s*(?:each|total)?\s*[)\]]",
    re.IGNORECASE,
)
_WEIGHT_TAIL = re.compile(
    r"[\s.:\u2026\-\u2013\u2014,=]*\d+(?:\.\d+)?\s*(?:%|percent|points?|pts\.?)\s*"
    r"(?:of (?:the )?(?:final |course )?grade)?\s*\.?$",
    re.IGNORECASE,
)
_DOTS_TAIL = re.compile(r"\s*\.{3,}\s*$")
_TAIL_SEPARATORS = frozenset(" \t.:\u2026-\u2013\u2014,=")


def _cut_tail(pattern: re.Pattern[str], text: str) -> str:
    """Remove ``pattern``'s match at the end of ``text`` in linear time (see
    :func:`~lta_align.text.search_tail`); a match that reaches the start of the
    searched window goes on over the separators before it."""
    m = search_tail(pattern, text)
    if m is None:
        return text
    start = m.start()
    if start and start == len(text) - 256:
        while start and text[start - 1] in _TAIL_SEPARATORS:
            start -= 1
    return text[:start]


_BREAK = re.compile(
    r"^(no class|holiday|.*\bbreak|thanksgiving|spring break|tba|tbd"
    r"|(?:\S+ ){0,4}(?:- |\u2013 )?(?:no class(?:es)?|no meeting|campus closed)"
    r"(?: (?:- |\u2013 )?\S+){0,4})$",
    re.I,
)
NON_TEXT = re.compile(r"^[\d\s%.,:;/\-\u2013#()]*$")


@dataclass(frozen=True, slots=True)
class Statement:
    """One typed statement found in a syllabus."""

    kind: str
    text: str
    location: str


_SYLLABUS_LABEL = re.compile(
    r"^\s*(?:course\s+)?syllabus(?:\s+for)?\s*[:\u2013\u2014-]?\s*$", re.IGNORECASE
)
"""What may stand before a course code besides a word or two: "Syllabus:"."""
_TITLE_TAIL = re.compile(
    r"(?:\s*[,:;|(\u2013\u2014-]\s*|\s+)(?:(?:section|sec\.?)\s*[\w-]{1,6}"
    r"|(?:fall|spring|summer|winter|autumn)(?:\s+(?:term|semester|quarter))?\s+\d{4}"
    r"|\d{4}\s+(?:fall|spring|summer|winter|autumn)|(?:course\s+)?syllabus)\)?$",
    re.IGNORECASE,
)
"""A term, section or "Syllabus" after a course title ("Access Services, Section
01, Fall 2026"): not part of the title."""


def course_title(text: str) -> str:
    """``text`` without the term, section and "Syllabus" after the title."""
    title = clean(text)
    while len(title) <= 300 and (m := _TITLE_TAIL.search(" " + title)):
        title = title[: max(m.start() - 1, 0)].rstrip(" ,;:|(\u2013\u2014-")
    return title


def code_from_text(text: str) -> tuple[str, str] | None:
    """Return ``(code, rest)`` if ``text`` starts with a course code ("LTA 101 ...").

    "Syllabus: LTA 101 ..." counts as starting with it; "Prerequisite: LTA 101"
    does not. The term, section and "Syllabus" after the title are left out.
    """
    m = CODE.search(text)
    if m is None:
        return None
    code = f"{m.group(1)} {m.group(2)}"
    before = text[: m.start()]
    rest = text[m.end() :].strip(" \t:.\u2013\u2014-|,")
    if (
        len(before.split()) <= 2 and not before.rstrip().endswith(":")
    ) or _SYLLABUS_LABEL.match(before):
        return code, course_title(rest)
    # "Introduction to Libraries (LTA 101)" / "Introduction to Libraries - LTA 101"
    if not rest.strip(" )]") and re.search(r"[(\[\u2013\u2014-]\s*$", before):
        return code, course_title(before.rstrip(" ([\u2013\u2014-"))
    return None


def code_from_file_name(stem: str) -> tuple[str, str] | None:
    """Return ``(code, title)`` from a file name like ``LTA101_intro_to_libraries``."""
    m = _FILE_CODE.search(stem)
    if m is None:
        return None
    code = f"{m.group(1).upper()} {m.group(2).upper()}"
    rest = re.sub(r"[_\-.]+", " ", stem[m.end() :]).strip()
    title = " ".join(w if w.isupper() else w.capitalize() for w in rest.split())
    return code, title


def clean_statement(kind: str, text: str) -> str:
    """Return the statement text for ``kind`` without numbering, week labels or weights.

    Returns "" when nothing is left worth keeping (e.g. a points-only line). The
    result is stable: cleaning it again changes nothing.
    """
    return clean_statement_cleaned(kind, text, clean(text))


def clean_statement_cleaned(kind: str, text: str, cleaned: str) -> str:
    """:func:`clean_statement` given ``cleaned == clean(text)`` already (the
    first round's :func:`~lta_align.text.clean` is not done again)."""
    for _ in range(20):
        cleaned = _clean_cleaned(kind, cleaned)
        if cleaned == text or not cleaned:
            return cleaned
        text = cleaned
        cleaned = clean(text)
    return text


_LETTERS = re.compile(r"[^\W\d_]{2,}")
"""Two letters of any script in a row (Greek, Arabic, CJK outcomes are
statements too)."""
_TOTALS = ("total", "total points", "total grade", "grand total")


def _clean_cleaned(kind: str, text: str) -> str:
    """One round of :func:`clean_statement` on a text that is already clean."""
    if kind in ("outcome", "reading", "description"):
        text = _LEADING_MARK.sub("", text, count=1)
    elif kind == "topic":
        text = _LEADING_MARK.sub("", text, count=1)
        text = _PERIOD.sub("", text, count=1)
        text = _DATE.sub("", text, count=1)
        if _BREAK.match(text.strip(" .")):
            return ""
    elif kind == "assessment":
        text = _LEADING_MARK.sub("", text, count=1)
        if "(" in text or "[" in text:  # no bracket, no weight in brackets
            text = _WEIGHT_PAREN.sub("", text)
        text = _cut_tail(_WEIGHT_TAIL, text)
        if "..." in text:  # no run of dots, no dot leader to cut
            text = _cut_tail(_DOTS_TAIL, text)
        # every total heading_key() names has "total" in the case-folded text
        if "total" in text.casefold() and heading_key(text) in _TOTALS:
            return ""
    text = text.strip(" \t|")
    if NON_TEXT.match(text) or not _LETTERS.search(text):
        return ""
    return text


def split_lines(text: str) -> list[str]:
    """Split a paragraph of unbulleted lines into one piece per statement.

    A line break ends a statement when the next line starts with a capital or a
    digit and the line before ends a sentence or is clearly shorter than the
    paragraph's full lines (a wrapped line fills the width).
    """
    return [piece for _, piece in split_lines_at(text)]


def split_lines_at(text: str) -> list[tuple[int, str]]:
    """Like :func:`split_lines`, with the line offset where each piece starts."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    if len(lines) <= 1:
        return [(0, ln) for ln in lines]
    width = max(len(ln) for ln in lines)
    pieces = [(0, lines[0])]
    for n, (prev, line) in enumerate(zip(lines, lines[1:], strict=False), start=1):
        starts = line[0].isupper() or line[0].isdigit() or line[0] in "\"'(\u201c"
        if line[0] in _BULLET_GLYPHS or (
            starts and not _EDITION.match(line) and _ends_item(prev, width)
        ):
            pieces.append((n, line))
        else:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + " " + line)
    return pieces


_BULLET_GLYPHS = frozenset(
    "\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u27a2\u2713"
)
"""Typed bullets ("\u2022", "\u00b7", "\u25aa", ...): a line starting with one is a
new item, whatever the line before ("... - 25%" / "\u2022 Annotated booklist")."""
_EDITION = re.compile(r"\d{1,2}(?:st|nd|rd|th) (?:ed\b|edition\b|rev)", re.IGNORECASE)
"""A citation's edition at the start of a wrapped line ("Management." / "4th ed.
ALA Editions, 2018."): the citation goes on."""
_END_TAG = re.compile(
    r"(?:\[[^\[\]]{1,80}\]|[.!?][\"'\u201d]?\s*\([A-Z][^().]{2,80}\)"
    r"|\(\s*[A-Z]{2,6}[\s#-]*[:\d][^()]{0,80}\))\s*$"
)
"""A tag closing an item: "[LSSC: Cataloging]", ". (Reference)", "(PLO 2, 3)"."""


def _ends_item(line: str, width: int) -> bool:
    """True if an unbulleted ``line`` ends an item (:func:`split_lines_at`): it
    ends a sentence or a tag, or is short (clearly shorter than the ``width``
    of the paragraph's longest line, or every line is short) and does not stop
    mid-sentence ("Foundations of" / "Library and Information Science,")."""
    if line.endswith((".", ";", ":", "!", "?")):
        return True
    if line.endswith(("]", ")")) and _END_TAG.search(line[-100:]):
        return True
    # width < 50: a list of short lines, or a narrow column
    short = len(line) < 0.6 * width or width < 50
    return short and not _MID_SENTENCE.search(line)


SMALL_WORDS = frozenset(
    "a an and as at but by e.g. for from i.e. in including into nor of on or the "
    "to with".split()
)
"""Words a title leaves in lower case and a line that goes on ends with."""
_MID_SENTENCE = re.compile(
    r"(?:[,:&/(+\-\u2013\u2014]|(?:^|\s)(?:"
    + "|".join(re.escape(w) for w in sorted(SMALL_WORDS))
    + r"))$",
    re.IGNORECASE,
)
"""The end of a line that goes on in the next one ("Cassell & Hiremath, ch. 2
and" / "the RUSA guidelines")."""


def split_cell(text: str) -> list[str]:
    """Split a table cell written on several lines into its items.

    The readers keep a cell's paragraphs (Word) and list items or line breaks
    (HTML) apart with "\\n". Each line that does not start in lower case (a
    capital, a digit, a bullet) after a line that does not stop mid-sentence
    (on a comma, a colon, a hyphen, "and", "of" ...) is an item of its own
    ("Website evaluation worksheet" / "Discussion board post"); other lines go
    on the item before them, joined with a space.
    """
    items: list[list[str]] = []
    prev = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if items and (line[0].islower() or _MID_SENTENCE.search(prev)):
            items[-1].append(line)
        else:
            items.append([line])
        prev = line
    return [" ".join(item) for item in items]


def names_a_thing(text: str) -> bool:
    """True for a name written in title case ("Library of Congress Subject
    Headings", "Dublin Core", "MARC 21"): most words after the first that are
    not small words start with a capital or a digit."""
    words = [w for w in text.split()[1:] if w.casefold() not in SMALL_WORDS]
    return not words or 2 * sum(not w[0].islower() for w in words) > len(words)


def dedupe(statements: list[Statement]) -> list[Statement]:
    """Keep the first of identical statements, with the strongest kind among them."""
    kept = first_of_each(
        [normalise(st.text) for st in statements], [st.kind for st in statements]
    )
    out = []
    for i, kind in kept:
        st = statements[i]
        out.append(st if kind == st.kind else Statement(kind, st.text, st.location))
    return out


def first_of_each(keys: list[str], kinds: list[str]) -> list[tuple[int, str]]:
    """The rule of :func:`dedupe` given each statement's ``normalise(text)`` and
    kind: ``(index, kind)`` of the first statement of each key, in order, with
    the strongest kind among the statements of that key."""
    first: dict[str, int] = {}
    out: list[list] = []
    for i, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
        j = first.get(key)
        if j is None:
            first[key] = len(out)
            out.append([i, kind])
        elif KIND_PRIORITY[kind] > KIND_PRIORITY[out[j][1]]:
            out[j][1] = kind
    return [(i, kind) for i, kind in out]
