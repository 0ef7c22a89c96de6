"""How a syllabus introduces its outcome list: lead-in lines and inline lists.

A lead-in ("Upon successful completion of this course, the student will be able
to:") starts an outcome list; a line that goes on to say what students will do
is an outcome. Catalog descriptions write the whole list in one paragraph
("will be able to: (1) X; (2) Y; and (3) Z", "will be able to: X; Y; and Z",
"The student will: 1. X. 2. Y."): :func:`split_inline_list` finds its items.
"""

from __future__ import annotations

import re

STEM = re.compile(
    r"(able to|be expected to|upon (successful )?completion|by the end of|at the end of"
    r"|after (successfully )?completing|students (who|will|should)|the student will"
    r"|learners will|you will)",
    re.IGNORECASE,
)


def is_stem(text: str, role: str) -> bool:
    """True for the lead-in line of an outcome list ("Students will be able to:").

    A line that goes on to say what students will do ("Students will be able
    to catalog books using MARC.") is an outcome, not a lead-in.
    """
    text = text.strip()
    if text.endswith(":") and (role != "item" or STEM.search(text)):
        return True
    if role == "item" or len(text.split()) >= 25 or not STEM.search(text):
        return False
    rest = set(re.findall(r"[^\W\d_]+", STEM.sub(" ", text.casefold())))
    return rest <= LEAD_IN_WORDS


LEAD_IN_WORDS = frozenset(
    "a all an and at after be by completing completion course class do each end "
    "expected following have in module of program semester should student students "
    "successful successfully term the this to unit upon will you learner learners "
    "able".split()
)
"""Words a lead-in has besides its stem phrase ("Upon successful completion of
this course, the student will be able to do the following")."""
_INLINE_MARK = re.compile(
    r"(?:^|(?<=[\s:;,]))(?:\((\d{1,2}|[a-h]|[ivx]{1,4})\)|(\d{1,2}|[a-h])\))\s+"
)
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
"""Where one sentence ends and the next (capitalised) one starts."""


def _position(mark: str, scheme: str) -> int:
    """Place (from 1) of an inline list mark in ``scheme``; 0 when it has none."""
    if scheme == "digit":
        return int(mark) if mark.isdigit() else 0
    if scheme == "roman":
        return _ROMAN.index(mark) + 1 if mark in _ROMAN else 0
    return ord(mark) - ord("a") + 1 if len(mark) == 1 and mark.isalpha() else 0


def _without_joiner(item: str) -> str:
    """``item`` without the "; and" / ", or" that joins it to the next one."""
    item = item.rstrip(" \t\n;,")
    for word in (" and", " or"):
        if item.lower().endswith(word):
            item = item[: -len(word)].rstrip(" \t\n;,")
    return item


def split_inline_list(text: str) -> tuple[str, list[str], str] | None:
    """Split "... will be able to: (1) X; (2) Y; and (3) Z. More." into its parts.

    Returns ``(head, items, tail)``: the text before the first item, the items
    (without their separators), and the sentences after the last item; or
    ``None`` when ``text`` holds no list. A list is a run of two or more
    bracketed marks counting up from one (``(1) (2)``, ``a) b)``, ``(i)
    (ii)``) anywhere, or, right after a lead-in ending in ":" ("students will
    be able to:", "The student will:"), a run of dotted marks counting up
    from one (``1. 2.``, ``a. b.``; elsewhere "1." is too often a number) or
    two or more "; "-separated parts (elsewhere a semicolon joins clauses).
    No item may be a single word.
    """
    return _bracketed(text) or _after_lead_in(text)


def _bracketed(text: str) -> tuple[str, list[str], str] | None:
    """The inline list of :func:`split_inline_list` marked "(1)", "a)", "(ii)"."""
    marks = _counting_up(_INLINE_MARK.finditer(text))
    if len(marks) < 2:
        return None
    return _parts(text, [(m.start(), m.end()) for m in marks])


def _counting_up(found) -> list[re.Match[str]]:
    """The marks of ``found`` that count up from one (others are text)."""
    marks: list[re.Match[str]] = []
    scheme = ""
    for m in found:
        mark = m.group(1) or m.group(2)
        if not marks:
            scheme = "digit" if mark.isdigit() else "roman" if mark == "i" else "letter"
            if _position(mark, scheme) == 1:
                marks.append(m)
        elif _position(mark, scheme) == len(marks) + 1:
            marks.append(m)
    return marks


def _parts(
    text: str, spans: list[tuple[int, int]]
) -> tuple[str, list[str], str] | None:
    """Head, items and tail of ``text`` whose items start after each of ``spans``
    (a mark or a separator): the last item ends with its sentence."""
    ends = [start for start, _ in spans[1:]] + [len(text)]
    items = [text[end:stop].strip() for (_, end), stop in zip(spans, ends, strict=True)]
    last = SENTENCE_END.split(items[-1], maxsplit=1)
    items[-1] = last[0]
    tail = last[1].strip() if len(last) > 1 else ""
    items = [_without_joiner(item) for item in items]
    if any(len(item.split()) < 2 for item in items):
        return None
    return text[: spans[0][0]].strip(), items, tail


_DOTTED_MARK = re.compile(
    r"(?:(?<=[.;,:!?])\s+|(?<=\band)\s+|(?<=\bor)\s+)(\d{1,2}|[a-h])\.\s+(?=\S)"
)
"""An inline "1." or "a." that starts an item: after the ":" of the lead-in or the
punctuation or "and"/"or" that ends the item before it."""
_FIRST_WORD_JOINER = re.compile(r"^(?:and|or)\s+", re.IGNORECASE)


def _after_lead_in(text: str) -> tuple[str, list[str], str] | None:
    """The inline list of :func:`split_inline_list` after a lead-in and its ":"."""
    colon = _lead_in_colon(text)
    if colon < 0:
        return None
    body = text[colon + 1 :]
    start = colon + 1 + len(body) - len(body.lstrip())
    marks = _counting_up(_DOTTED_MARK.finditer(text, colon + 1))
    if len(marks) >= 2 and marks[0].start() == colon + 1:
        return _parts(text, [(m.start(), m.end()) for m in marks])
    sentence = SENTENCE_END.split(text[start:], maxsplit=1)[0]
    separators = [
        (start + m.start(), start + m.end())
        for m in re.finditer(r";\s+(?:(?:and|or)\s+)?", sentence)
    ]
    if not separators:
        return None
    parts = _parts(text, [(start, start), *separators])
    if parts is None:
        return None
    head, items, tail = parts
    return head, [_FIRST_WORD_JOINER.sub("", item) for item in items], tail


def _lead_in_colon(text: str) -> int:
    """Where the ":" ending the first lead-in of ``text`` is; -1 when none."""
    for m in re.finditer(":", text):
        lead = SENTENCE_END.split(text[: m.start()])[-1]
        if STEM.search(lead):
            return m.start()
    return -1
