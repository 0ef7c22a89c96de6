"""Read the layout of PDF pages with pdfplumber: tables and columns.

A page whose text layer shows a table header naming two column roles is opened
again here. Ruled tables whose header names two content columns give their
cells; a ruled table continued from the page before (without its header row)
joins that table, and a row the page break cut in two is joined again; tables
drawn without rules are found from a header line's cell edges. The rest of the
page is read column by column when it is set in two columns. A Word table whose
header row repeats on the next page continues there, and a ruled table's label
row ("Assignment | Weight") is not a line of text. Footnote markers and
footnotes are found from the characters' sizes (:func:`page_notes`), and a web
page printed by a browser gets back its list bullets, headings and paragraph
breaks from the layout (:func:`_web_page`).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ._blocks import join_broken_words, note
from ._layout import CONTENT_ROLES, column_role, content_columns, header_roles


def _maybe_table_header(line: str) -> bool:
    """A text-layer line that could be a table's header row: short, no digits,
    and naming two different column roles, one of them content ("Week Date
    Topic Reading", "Outcome Assessment"; not "Assignments and Evaluation")."""
    words = line.split()
    if not 2 <= len(words) <= 10 or any(ch.isdigit() for ch in line):
        return False
    roles = {column_role(w) for w in words} - {None, "text"}
    return len(roles) >= 2 and any(r in CONTENT_ROLES for r in roles)


class _Table(NamedTuple):
    """A table found on a page: its rows, and how to read them.

    ``kind`` is ``"table"`` (its first row is its header) or ``"more"`` (a ruled
    table continued from the page before without its header row: its rows
    belong to that table, under ``header``)."""

    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    kind: str
    header: list[str]
    ruled: bool


class Layout(NamedTuple):
    """What pdfplumber read of a PDF's pages."""

    pages: dict[int, list[tuple[str, object]]]
    """Pages read by layout: ``{page index: [("line", text) | ("table", _Table),
    ...]}`` in reading order, without footnotes and footnote markers."""
    notes: dict[int, PageNotes]
    """Footnote markers and footnotes of the other pages (their text layer
    stands): to take out of it with :func:`strip_notes`."""
    footnotes: list[str]
    """The footnotes taken out of the pages read by layout."""


def layout_pages(path: Path, page_lines, notes, keep, *, web: bool = False) -> Layout:
    """Read again with pdfplumber the pages holding a ruled table whose header
    names two content columns, and those whose text layer may hold footnotes.
    Only pages whose text layer shows a header line or a footnote marker are
    opened again, and the page after one that ends inside a ruled table (to
    find the table's rest), so a PDF without them costs nothing more. A web
    page printed by a browser (``web``) is read by layout on every page set in
    one column: its text layer has no list bullets, headings or paragraph
    breaks (see :func:`_web_page`)."""
    wanted = {
        i
        for i, lines in enumerate(page_lines)
        if any(_maybe_table_header(line) for line in lines)
    }
    noted = {i for i, lines in enumerate(page_lines) if _maybe_notes(lines)}
    out = Layout({}, {}, [])
    if not wanted and not noted and not web:
        return out
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency, but degrade gently
        return out
    try:
        with pdfplumber.open(str(path), password="") as pdf:
            carry: _Table | None = None
            for i in range(min(len(page_lines), len(pdf.pages))):
                if i not in wanted and i not in noted and carry is None and not web:
                    continue
                page = pdf.pages[i]
                marks = page_notes(page, keep) if i in noted else PageNotes({}, [])
                items = None
                if i in wanted or carry is not None:
                    items = _layout_page(page, keep, carry)
                if items is None and web:
                    items = _web_page(page)
                carry = None
                if items is not None:
                    items = _strip_items(items, marks, keep, out.footnotes)
                    out.pages[i] = items
                    carry = _ends_in_table(items, keep)
                elif marks.markers or marks.footnotes:
                    out.notes[i] = marks
    except Exception:  # noqa: BLE001 - the text layer read above stands
        notes.append(
            note(
                "the PDF's page layout (tables, columns, footnotes, lists) could not "
                "be read; its text was read line by line.",
                "Check the statements taken from its tables and lists.",
                severity="info",
            )
        )
        return Layout({}, {}, [])
    return out


def _ends_in_table(items, keep) -> _Table | None:
    """The ruled table the page ends inside (nothing but running footers after
    it), or None."""
    for kind, payload in reversed(items):
        if kind == "line":
            if keep(payload):
                return None
            continue
        return payload if payload.ruled and payload.kind != "lines" else None
    return None


def _layout_page(page, keep, carry: _Table | None = None) -> list | None:
    found: list[_Table] = []
    other: list[_Table] = []  # ruled tables without column roles: read as lines
    tables = sorted(page.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0]))
    for n, table in enumerate(tables):
        rows = [
            [join_broken_words(" ".join((cell or "").split())) for cell in row]
            for row in table.extract()
        ]
        head = next((r for r in rows[:2] if any(r)), None)
        roles = header_roles(head) if head else None
        repeated = roles is not None and _same_row(head, carry.header if carry else [])
        if repeated and n == 0 and _continues(page, table.bbox, rows, carry, keep):
            # Word repeats a table's header row on every page it runs over
            rows = rows[rows.index(head) + 1 :]
            _join_split_row(carry, rows)
            found.append(_Table(table.bbox, rows, "more", carry.header, True))
        elif roles is not None and content_columns(roles) >= 2:
            found.append(_Table(table.bbox, rows, "table", head, True))
        elif n == 0 and _continues(page, table.bbox, rows, carry, keep):
            _join_split_row(carry, rows)
            if rows:
                found.append(_Table(table.bbox, rows, "more", carry.header, True))
        else:
            other.append(_Table(table.bbox, _drop_label_row(rows), "lines", [], True))
    if not found:
        found = _borderless_tables(page)
    if not found:
        return None
    # a ruled table without column roles: each row one line, its cells in order
    # (as the text layer gives them), not lines across its cells' wrapped text
    found += [t for t in other if not any(_overlap(t.bbox, f.bbox) for f in found)]
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox)
    lines = _word_lines(outside)
    gap = _column_gap(lines, page.width)
    if gap is not None:
        return _read_by_column(lines, found, gap)
    items: list[tuple[float, str, object]] = [
        (line["top"], "line", line["text"]) for line in outside.extract_text_lines()
    ]
    items += [(table.bbox[1], "table", table) for table in found]
    items.sort(key=lambda item: item[0])
    return [(kind, payload) for _, kind, payload in items]


def _continues(page, bbox, rows, carry: _Table | None, keep) -> bool:
    """The ruled table at ``bbox`` is the rest of ``carry`` (the table the page
    before ended inside): as many columns, and nothing but running headers above
    it."""
    if carry is None or not rows or len(rows[0]) != len(carry.header):
        return False
    if bbox[1] <= 1:
        return True
    above = page.within_bbox((0, 0, page.width, bbox[1])).extract_text_lines()
    return not any(keep(line["text"]) for line in above)


def _same_row(a: list[str], b: list[str]) -> bool:
    """Two rows with the same cells (spacing and case aside)."""
    return bool(b) and [" ".join(c.split()).casefold() for c in a] == [
        " ".join(c.split()).casefold() for c in b
    ]


LABEL_WORDS = frozenset(
    "weight weighting points pts percent percentage value worth share grade "
    "score total % of final".split()
)
"""Words of a column header that names no statement kind ("Weight", "% of
final grade"): beside a cell that names one ("Assignment | Weight"), the row is
a header row."""


def _drop_label_row(rows: list[list[str]]) -> list[list[str]]:
    """The rows of a ruled table without its header row, when its first row only
    names its columns ("Assignment | Weight"): two or more short cells without
    digits, one naming a column role, the others made of header words."""
    head = next((r for r in rows if any(r)), None)
    if head is None:
        return rows
    filled = [c for c in head if c.strip()]
    if len(filled) < 2 or any(ch.isdigit() for c in filled for ch in c):
        return rows
    if any(len(c.split()) > 4 for c in filled):
        return rows
    named = [c for c in filled if column_role(c) not in (None, "text")]
    labels = all(c in named or set(c.casefold().split()) <= LABEL_WORDS for c in filled)
    if not named or not labels:
        return rows
    return rows[rows.index(head) + 1 :]


def _join_split_row(carry: _Table, rows: list[list[str]]) -> None:
    """A row the page break cut in two: the continued table's first cell (its
    week, date or session column) is empty while the last row above has one;
    its cells are joined to that row's, in place."""
    roles = header_roles(carry.header)
    above = 2 if carry.kind == "table" else 1  # the header row is not a row to join
    if roles is None or len(carry.rows) < above or not rows:
        return
    first, last = rows[0], carry.rows[-1]
    # a schedule row starts with its week, date or session
    if roles[0] in CONTENT_ROLES or first[0] or not last[0] or not any(first):
        return
    carry.rows[-1] = [
        join_broken_words(f"{a} {b}".strip()) for a, b in zip(last, first, strict=True)
    ]
    del rows[0]


_COLUMN_SHARE = 0.25
"""A page's text is in two columns when at least this share of its lines (and
at least 4) sit wholly right of a gutter near the middle that no line crosses
in those rows."""


def _column_gap(lines: list[list[dict]], width: float) -> float | None:
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


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _read_by_column(lines, found, gap: float) -> list[tuple[str, object]]:
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


def _word_lines(page) -> list[list[dict]]:
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


def _cells_by_gap(line: list[dict]) -> list[tuple[float, str]]:
    """Words of one line joined into cells where the gap is wider than a space.

    A cell whose every word names a column role ("Week Topic", two headers
    set close together) is one cell per word."""
    cells: list[list[dict]] = []
    prev = None
    for word in line:
        size = word["bottom"] - word["top"]
        if prev is None or word["x0"] - prev["x1"] > 0.8 * size:
            cells.append([word])
        else:
            cells[-1].append(word)
        prev = word
    out: list[tuple[float, str]] = []
    for words in cells:
        roles = [column_role(w["text"]) for w in words]
        if len(words) > 1 and all(r not in (None, "text") for r in roles):
            out.extend((w["x0"], w["text"]) for w in words)
        else:
            out.append((words[0]["x0"], " ".join(w["text"] for w in words)))
    return out


def _borderless_tables(page) -> list[_Table]:
    """Tables drawn without rules: a header line whose cells name column roles
    gives the columns' left edges; following lines are split at those edges
    until a line does not fit (a heading, a paragraph running across columns)."""
    lines = _word_lines(page)
    out = []
    i = 0
    while i < len(lines):
        header = _cells_by_gap(lines[i])
        roles = header_roles([text for _, text in header])
        if roles is None or content_columns(roles) < 2:
            i += 1
            continue
        starts = [x for x, _ in header]
        tol = 2.0

        def column(x: float, starts=starts, tol=tol) -> int:
            return max((k for k, s in enumerate(starts) if s - tol <= x), default=-1)

        rows = [[text for _, text in header]]
        bottom = max(w["bottom"] for w in lines[i])
        height = bottom - min(w["top"] for w in lines[i])
        j = i + 1
        pitch = 0.0
        while j < len(lines):
            line = lines[j]
            space = line[0]["top"] - bottom
            if space > 2.5 * max(height, 1) or len(rows) > 2 and space > 2 * pitch:
                break  # a gap (wider than between the rows): the table has ended
            pitch = max(pitch, space) if len(rows) > 1 else space
            cells = [""] * len(starts)
            fits = True
            for word in line:
                k = column(word["x0"])
                nxt = starts[k + 1] if 0 <= k < len(starts) - 1 else None
                if k < 0 or (nxt is not None and word["x1"] > nxt + tol):
                    fits = False  # left of the table, or across a column edge
                    break
                cells[k] = f"{cells[k]} {word['text']}".strip()
            content = any(
                cells[k] and roles[k] in CONTENT_ROLES for k in range(len(cells))
            )
            if not fits or not content:
                break
            locating = [k for k, r in enumerate(roles) if r not in CONTENT_ROLES]
            if len(rows) > 1 and locating and not any(cells[k] for k in locating):
                # a wrapped line of the row above
                rows[-1] = [
                    f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)
                ]
            else:
                rows.append(cells)
            bottom = max(w["bottom"] for w in line)
            j += 1
        if len(rows) > 1:
            x0 = min(w["x0"] for w in lines[i]) - 1
            top = min(w["top"] for w in lines[i]) - 1
            rows = [[join_broken_words(c) for c in row] for row in rows]
            bbox = (x0, top, page.width, bottom + 1)
            out.append(_Table(bbox, rows, "table", rows[0], False))
        i = j
    return out


# --- footnotes -----------------------------------------------------------------

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


def _maybe_notes(lines: list[str]) -> bool:
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


def _strip_items(items, notes: PageNotes, keep, dropped: list[str]) -> list:
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


# --- web pages printed by a browser ----------------------------------------------

WEB_PRODUCERS = ("skia/pdf",)
"""What the PDF's /Producer starts with when a browser printed a web page
(Chrome, Edge and every Chromium browser: "Skia/PDF m120")."""

_PARAGRAPH_GAP = 0.5
"""A paragraph (or list item) ends where the space to the next line is more than
this share of the body text size (a wrapped line follows with next to none)."""
_HEADING_SIZE = 1.2
"""A line at least this many times the body text size is a heading."""
_BULLET_BOX = 8.0
"""A drawn bullet (a disc or square a browser draws for a list item) is at most
this wide and high, left of its item's first line."""


def _web_page(page) -> list[tuple[str, object]] | None:
    """A web page printed by a browser, line by line with its structure: list
    items get back the bullet the browser drew as a shape ("• "), a line set
    larger than the body text is a ``("heading", (text, level))``, and a
    ``("break", "")`` separates paragraphs. None for a page in two columns (its
    text layer reads each column whole)."""
    lines = page.extract_text_lines()
    if not lines or _column_gap(_word_lines(page), page.width) is not None:
        return None
    sizes: Counter[float] = Counter()
    for line in lines:
        for ch in line["chars"]:
            sizes[round(ch["size"], 1)] += 1
    body = sizes.most_common(1)[0][0]
    big = sorted({_size(ln) for ln in lines if _size(ln) >= _HEADING_SIZE * body})
    bullets = _drawn_bullets(page)
    items: list[tuple[str, object]] = []
    bottom = None
    for line in lines:
        size = _size(line)
        if bottom is not None and line["top"] - bottom > _PARAGRAPH_GAP * body:
            items.append(("break", ""))
        bottom = line["bottom"]
        text = line["text"]
        if size >= _HEADING_SIZE * body and len(text.split()) <= 14:
            level = len(big) - big.index(size)
            if items and items[-1][0] == "heading" and items[-1][1][1] == level:
                items[-1] = ("heading", (f"{items[-1][1][0]} {text}", level))
            else:
                items.append(("heading", (text, level)))
            continue
        if any(_bullet_of(box, line) for box in bullets):
            text = f"\u2022 {text}"
        items.append(("line", text))
    return items


def _size(line: dict) -> float:
    return max(
        (round(c["size"], 1) for c in line["chars"] if c["text"].strip()), default=0
    )


def _drawn_bullets(page) -> list[tuple[float, float, float, float]]:
    out = []
    for shape in list(page.curves) + list(page.rects):
        w, h = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if 1.5 <= w <= _BULLET_BOX and 1.5 <= h <= _BULLET_BOX and 0.5 <= w / h <= 2:
            out.append((shape["x0"], shape["top"], shape["x1"], shape["bottom"]))
    return out


def _bullet_of(box, line: dict) -> bool:
    """A drawn bullet just left of the line, level with it."""
    x0, top, x1, bottom = box
    middle = (top + bottom) / 2
    return (
        x1 <= line["x0"]
        and line["x0"] - x1 <= 3 * _BULLET_BOX
        and line["top"] <= middle <= line["bottom"]
    )
