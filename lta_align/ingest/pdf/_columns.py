"""Read a PDF page set in two columns of text: find the gutter between the
columns and give the page's lines in reading order, the left column before the
right."""

from __future__ import annotations

_COLUMN_SHARE = 0.25
"""A page's text is in two columns when at least this share of its lines (and
at least 4) sit wholly right of a gutter near the middle that no line crosses
in those rows."""


def column_gap(lines: list[list[dict]], width: float) -> float | None:
    """The x of the gutter between two columns of text, or None (one column).

    The gutter is the x near the middle of the page (30-70 % of its width)
    covered by the fewest words; the text is in columns when enough lines have
    words right of it, none across it, and a gap wider than a letter's height
    between the left and the right words."""
    if len(lines) < 8 or width < 100:
        return None
    size = int(width) + 2
    delta = [0] * (size + 1)
    for line in lines:
        for w in line:
            delta[min(max(int(w["x0"]), 0), size)] += 1
            delta[min(max(int(w["x1"]) + 1, 0), size)] -= 1
    cover, run = [], 0
    for d in delta:
        run += d
        cover.append(run)
    lo, hi = int(0.3 * width), int(0.7 * width)
    low = min(cover[lo:hi])
    best, start = (0, lo), None
    for x in range(lo, hi + 1):
        if x < hi and cover[x] == low:
            start = x if start is None else start
        elif start is not None:
            best = max(best, (x - start, start))
            start = None
    gap = best[1] + best[0] / 2
    right = sum(1 for line in lines if (_sides(line, gap) or ((), ()))[1])
    if right >= 4 and right >= _COLUMN_SHARE * len(lines):
        return gap
    return None


def _sides(line: list[dict], gap: float) -> tuple[list, list] | None:
    """A line's words left and right of the gutter at ``gap``, or None when the
    line runs across it (a word over it, or words closer than a letter's height
    on either side: "Freedom and | Library Ethics" is one line)."""
    left = [w for w in line if w["x1"] <= gap]
    right = [w for w in line if w["x0"] >= gap]
    if len(left) + len(right) < len(line):
        return None
    height = line[0]["bottom"] - line[0]["top"]
    if left and right and right[0]["x0"] - left[-1]["x1"] <= height:
        return None
    return left, right


def read_by_column(lines, found, gap: float) -> list[tuple[str, object]]:
    """The page read column by column: where text sits in two columns, the left
    column top to bottom, then the right; a line or table across the gutter
    (a title, a full-width schedule) ends the columns above it. A short line
    below the end of the right column, after a gap in the left one, is taken as
    the first line under the columns ("Course Schedule")."""
    elements: list[tuple[float, int, str, object, float]] = []
    for line in lines:
        sides = _sides(line, gap)
        if sides is None:
            elements.append((line[0]["top"], 0, "line", _words_text(line), 0))
            continue
        left, right = sides
        for side, words in ((1, left), (2, right)):
            if words:
                bottom = max(w["bottom"] for w in words)
                elements.append(
                    (words[0]["top"], side, "line", _words_text(words), bottom)
                )
    for table in found:
        x0, top, x1, bottom = table.bbox
        side = 1 if x1 <= gap else 2 if x0 >= gap else 0
        elements.append((top, side, "table", table, bottom))
    elements.sort(key=lambda e: (e[0], e[1]))
    out: list[tuple[str, object]] = []
    band: dict[int, list[tuple[str, object]]] = {1: [], 2: []}
    ends = {1: 0.0, 2: 0.0}

    def flush() -> None:
        out.extend(band[1] + band[2])
        band[1].clear()
        band[2].clear()
        ends[1] = ends[2] = 0.0

    for top, side, kind, payload, bottom in elements:
        if side == 1 and band[2] and top > ends[2]:
            height = bottom - top
            if top - ends[1] > 1.5 * max(height, 1):
                side = 0  # under the columns
        if side == 0:
            flush()
            out.append((kind, payload))
            continue
        band[side].append((kind, payload))
        ends[side] = max(ends[side], bottom)
    flush()
    return out


def _words_text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def word_lines(page) -> list[list[dict]]:
    """The page's words grouped into lines (by their top), left to right."""
    return _word_lines_by(page.extract_words())


def _word_lines_by(words: list[dict]) -> list[list[dict]]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for word in words:
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]
