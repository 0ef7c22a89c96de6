"""Footnotes of PDF pages: superscript markers glued to words and the
footnotes at the foot of a page, found from the characters' sizes, and taken
out of the page's lines (or of a page read by layout)."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

_GLUED_MARK = re.compile(r"[^\W\d_]{2}[.,;:)\]]?(\d{1,2})(?=[\s.,;:]|$)")
"""A footnote marker glued to a word, as the text layer gives it ("scanners.2",
"ILS1 and")."""
_NOTE_START = re.compile(r"(?:^|[.)])(\d{1,2}) ?[A-Z\"'(]")
"""Where a footnote starts in the text layer ("1This course ...", or after the
note before it on one line: "... requirement.2Hands-on ...")."""
_FOOT_LINES = 8
"""The lines at the end of a page's text layer where its footnotes are."""
_SUPER_SIZE = 0.8
"""A superscript is at most this share of its line's font size, and raised."""
_NOTE_SIZE = 0.92
"""Footnotes are set smaller than this share of the page's body text size."""


class PageNotes(NamedTuple):
    """The footnote markers and footnotes found on a page."""

    markers: dict[str, str]
    """A word with its superscript marker -> the word without it
    ("scanners.2" -> "scanners.")."""
    footnotes: list[str]
    """The footnotes at the foot of the page, each with its number first."""


def maybe_notes(lines: list[str]) -> bool:
    """The page's text layer shows a number glued to a word and a footnote of
    that number near its end: worth reading again for the characters' sizes."""
    foot = lines[-_FOOT_LINES:]
    starts = {m[1] for line in foot for m in _NOTE_START.finditer(line)}
    if not starts:
        return False
    body = lines[:-1]
    return any(m[1] in starts for line in body for m in _GLUED_MARK.finditer(line))


def _is_super(word: dict, size: float, base: float) -> bool:
    text = word["text"].replace(",", "")
    return (
        text.isdigit()
        and len(text) <= 3
        and word["size"] <= _SUPER_SIZE * size
        and word["bottom"] <= base - 0.2 * size
    )


def _line_marks(line: list[dict]) -> tuple[list[str], list[bool], float, list[str]]:
    """A line's tokens (words set without a space between them), whether each
    starts with a superscript number, the line's font size, and the tokens
    without their superscript numbers."""
    size = max(w["size"] for w in line)
    base = max(w["bottom"] for w in line if w["size"] >= 0.95 * size)
    tokens: list[list[tuple[str, bool]]] = []
    prev = None
    for word in line:
        sup = _is_super(word, size, base)
        if prev is not None and word["x0"] - prev["x1"] < 0.15 * size:
            tokens[-1].append((word["text"], sup))
        else:
            tokens.append([(word["text"], sup)])
        prev = word
    raw = ["".join(t for t, _ in tok) for tok in tokens]
    starts = [tok[0][1] for tok in tokens]
    clean = ["".join(t for t, sup in tok if not sup) for tok in tokens]
    return raw, starts, size, clean


def page_notes(page, keep) -> PageNotes:
    """The superscript markers glued to words on ``page`` and its footnotes:
    lines at the foot of the page (above running footers) set smaller than the
    body text, the first of them starting with a superscript number."""
    words = page.extract_words(extra_attrs=["size"])
    if not words:
        return PageNotes({}, [])
    weight: Counter[float] = Counter()
    for w in words:
        weight[round(w["size"], 1)] += len(w["text"])
    body = weight.most_common(1)[0][0]
    markers: dict[str, str] = {}
    read = []
    for line in _lines_by_overlap(words):
        raw, starts, size, clean = _line_marks(line)
        for r, c, first in zip(raw, clean, starts, strict=True):
            if r != c and c and not first:
                markers[r] = c
        read.append((" ".join(raw), starts[0], size))
    return PageNotes(markers, _foot_notes(read, body, keep))


def _foot_notes(read: list[tuple[str, bool, float]], body: float, keep) -> list[str]:
    end = len(read)
    while end and not keep(read[end - 1][0]):
        end -= 1  # running footers
    start = end
    while start and read[start - 1][2] < _NOTE_SIZE * body:
        start -= 1
    while start < end and not read[start][1]:
        start += 1  # small print that is no footnote
    notes: list[str] = []
    for text, first, _ in read[start:end]:
        if first or not notes:
            notes.append(text)
        else:
            notes[-1] = f"{notes[-1]} {text}"
    return notes


def _lines_by_overlap(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines, left to right: a word whose height overlaps a
    line's by half its own height is on it (a raised superscript, set smaller,
    is on the line it is raised from)."""
    lines: list[tuple[float, float, list[dict]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = word["bottom"] - word["top"]
        if lines:
            top, bottom, line = lines[-1]
            if min(bottom, word["bottom"]) - max(top, word["top"]) >= 0.5 * height:
                line.append(word)
                lines[-1] = (min(top, word["top"]), max(bottom, word["bottom"]), line)
                continue
        lines.append((word["top"], word["bottom"], [word]))
    return [sorted(line, key=lambda w: w["x0"]) for _, _, line in lines]


_TOKEN = re.compile(r"\S+")


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _unmark(text: str, notes: PageNotes) -> str:
    if not notes.markers:
        return text
    return _TOKEN.sub(lambda m: notes.markers.get(m[0], m[0]), text)


def strip_notes(
    lines: list[str], notes: PageNotes, keep, dropped: list[str]
) -> list[str]:
    """``lines`` of a page without its footnote markers and footnotes; the
    footnotes taken out are added to ``dropped`` (their text, number first)."""
    lines = [_unmark(line, notes) for line in lines]
    start, end = _foot_span(lines, notes, keep, dropped)
    return lines[:start] + lines[end:]


def strip_items(items, notes: PageNotes, keep, dropped: list[str]) -> list:
    """A page read by layout without its footnote markers (in lines and table
    cells) and the footnotes among the lines after its last table."""
    if not notes.markers and not notes.footnotes:
        return items
    for kind, payload in items:
        if kind == "table":
            payload.rows[:] = [[_unmark(c, notes) for c in row] for row in payload.rows]
    items = [
        (kind, _unmark(payload, notes) if kind == "line" else payload)
        for kind, payload in items
    ]
    tail = len(items)
    while tail and items[tail - 1][0] == "line":
        tail -= 1
    lines = [payload for _, payload in items[tail:]]
    start, end = _foot_span(lines, notes, keep, dropped)
    return items[: tail + start] + items[tail + end :]


def _foot_span(lines: list[str], notes: PageNotes, keep, dropped) -> tuple[int, int]:
    """The lines (start, end) at the foot of the page that are its footnotes."""
    if not notes.footnotes:
        return 0, 0
    area = "".join(_squash(f) for f in notes.footnotes)
    end = len(lines)
    while end and not keep(lines[end - 1]):
        end -= 1
    start = end
    while start and _squash(lines[start - 1]) and _squash(lines[start - 1]) in area:
        start -= 1
    keys = [_squash(f) for f in notes.footnotes]
    heads = [sum(map(len, keys[:k])) for k in range(len(keys))]
    while start < end:
        # the lines taken begin where a footnote begins (not a body line that
        # happens to be part of one)
        taken = "".join(_squash(line) for line in lines[start:end])
        if any(area.startswith(taken, at) for at in heads):
            dropped.extend(
                f for f, k in zip(notes.footnotes, keys, strict=True) if k in taken
            )
            return start, end
        start += 1
    return 0, 0
