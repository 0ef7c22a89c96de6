"""How a syllabus introduces its outcome list: lead-in lines and inline lists.

A lead-in ("Upon successful completion of this course, the student will be able
to:") starts an outcome list; a line that goes on to say what students will do
is an outcome. Catalog descriptions write the whole list in one paragraph
("will be able to: (1) X; (2) Y; and (3) Z"): :func:`split_inline_list` finds
its items.
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

    Returns ``(head, items, tail)``: the text before the first mark, the items
    (without their separators), and the sentences after the last item; or
    ``None`` when ``text`` has no run of two or more bracketed marks counting
    up from one (``(1) (2)``, ``a) b)``, ``(i) (ii)``; "1." inside a sentence is
    too often a number), or an item is a single word.
    """
    marks: list[re.Match[str]] = []
    scheme = ""
    for m in _INLINE_MARK.finditer(text):
        mark = m.group(1) or m.group(2)
        if not marks:
            scheme = "digit" if mark.isdigit() else "roman" if mark == "i" else "letter"
            if _position(mark, scheme) == 1:
                marks.append(m)
        elif _position(mark, scheme) == len(marks) + 1:
            marks.append(m)
    if len(marks) < 2:
        return None
    ends = [m.start() for m in marks[1:]] + [len(text)]
    items = [text[m.end() : end].strip() for m, end in zip(marks, ends, strict=True)]
    last = SENTENCE_END.split(items[-1], maxsplit=1)
    items[-1] = last[0]
    tail = last[1].strip() if len(last) > 1 else ""
    items = [_without_joiner(item) for item in items]
    if any(len(item.split()) < 2 for item in items):
        return None
    return text[: marks[0].start()].strip(), items, tail
