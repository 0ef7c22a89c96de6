"""Read the layout of PDF pages with pdfplumber: tables and columns.

A page whose text layer shows a table header naming two column roles is opened
again here. Ruled tables whose header names two content columns give their
cells; a ruled table continued from the page before (without its header row)
joins that table, and a row the page break cut in two is joined again; tables
drawn without rules are found from a header line's cell edges. The rest of the
page is read column by column when it is set in two columns
(:mod:`._columns`). A Word table whose header row repeats on the next page
continues there, and a ruled table's label row ("Assignment | Weight") is not a
line of text. Footnote markers and footnotes are found from the characters'
sizes (:mod:`._footnotes`), and a web page printed by a browser gets back its
list bullets, headings and paragraph breaks from the layout
(:mod:`._web_pages`).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .._blocks import join_broken_words, note
from .._layout import CONTENT_ROLES, column_role, content_columns, header_roles
from ._columns import column_gap, read_by_column, word_lines
from ._footnotes import PageNotes, maybe_notes, page_notes, strip_items
from ._web_pages import web_page


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
    stands): to take out of it with :func:`._footnotes.strip_notes`."""
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
    breaks (see :func:`._web_pages.web_page`)."""
    wanted = {
        i
        for i, lines in enumerate(page_lines)
        if any(_maybe_table_header(line) for line in lines)
    }
    noted = {i for i, lines in enumerate(page_lines) if maybe_notes(lines)}
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
                    items = web_page(page)
                carry = None
                if items is not None:
                    items = strip_items(items, marks, keep, out.footnotes)
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
    lines = word_lines(outside)
    gap = column_gap(lines, page.width)
    if gap is not None:
        return read_by_column(lines, found, gap)
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


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
    lines = word_lines(page)
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
