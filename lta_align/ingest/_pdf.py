"""Read PDF syllabi through their text layer.

pypdf reads the text of every page (fast; it also opens AES-encrypted files with
an empty password, through ``cryptography``). A page whose text shows a table
header naming two column roles ("Week Date Topic Reading", "Outcome
Assessment") is read again with pdfplumber, which gives the table's cells, so
each cell becomes a statement of its column's kind; the rest of such a page is
read column by column when it is set in two columns, and a ruled table the page
ends inside is looked for at the top of the next page (continued without its
header row). Running headers and footers (lines repeated at the top or bottom of
most pages) and lines that are nothing but a page marker ("Page 2 of 5") are
dropped; a sentence that mentions a page is kept.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block, join_broken_words, note, parse_lines
from ._layout import CONTENT_ROLES, column_role, content_columns, header_roles

_PAGE_MARK = (
    r"page\s+(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:of|/)\s*\d{1,4}"
)
_PAGE_NO = re.compile(
    rf"^[\s\-\u2013\u2014]*(?:{_PAGE_MARK}|\d{{1,3}})[\s\-\u2013\u2014]*$", re.I
)
"""A line that is nothing but a page marker: "Page 3", "Page 3 of 8", "3 of 8",
"- 3 -", "3". A sentence that mentions a page ("Read the handout, page 12 to
18") is content."""
_PAGE_PART_NO = re.compile(rf"^(?:{_PAGE_MARK})$", re.I)
_PAGE_OF_END = re.compile(r"\spage\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}$", re.I)
"""A footer ending in "Page 2 of 5" ("Revised 08/2026 Page 2 of 5")."""
_PAGE_PART = re.compile(r"\s(?:[|\u00b7\u2022\u2013\u2014]|-{1,2})\s|\s{3,}")
"""What separates a running header's parts ("LTA 115 | Spring 2027 | Page 3")."""
_DIGITS = re.compile(r"\d+")


class _Collect(logging.Handler):
    """Collect pypdf's log records while one file is read (instead of printing)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _damaged(path: Path, exc: BaseException) -> ParseError:
    return ParseError(
        path,
        "the PDF is damaged or not a PDF.",
        "Open it in a PDF viewer and save or export it again.",
    )


def read_pdf(
    path: Path, *, notes: list[ReadProblem], max_pages: int, max_chars: int
) -> list[Block]:
    """Read the text layer of a PDF into blocks located by page.

    Running headers and footers (lines repeated on most pages, "Page 2 of 3")
    are dropped; tables whose header names their columns' roles become row
    blocks ("page 2 table 1 row 3").

    Raises
    ------
    ParseError
        The PDF is password-protected, damaged, has no text layer (a scan: images
        and no text), almost no text, or pages whose text could not be extracted.
    """
    from pypdf import PdfReader

    # pypdf reports repairable damage through logging (logger "pypdf.*") and
    # sometimes warnings; keep both out of the user's console for this read and
    # turn them into one info note instead.
    collect = _Collect()
    pypdf_logger = logging.getLogger("pypdf")
    propagate = pypdf_logger.propagate
    pypdf_logger.addHandler(collect)
    pypdf_logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pages = _extract(path, PdfReader, notes, max_pages, max_chars)
    finally:
        pypdf_logger.removeHandler(collect)
        pypdf_logger.propagate = propagate
    messages = collect.messages + [str(w.message) for w in caught]
    if messages:
        notes.append(
            note(
                f"the PDF has {len(messages)} structural problem(s) that were repaired "
                f"while reading (first: {messages[0]}).",
                "If text is missing, export the PDF again.",
                severity="info",
            )
        )

    if sum(ch.isalnum() for t in pages for ch in t) < 10:
        raise _no_text(path, pages, notes)
    page_lines = [t.split("\n") for t in pages]
    repeated = _running_lines(page_lines)

    def keep(line: str) -> bool:
        if not line.strip():
            return False
        key = _DIGITS.sub("#", " ".join(line.split()))
        return not (key in repeated or _is_page_marker(line))

    layout = _layout_pages(path, page_lines, notes, keep)
    blocks: list[Block] = []
    run: list[tuple[str, str]] = []
    n_tables = n_rows = 0
    for number, page in enumerate(page_lines, start=1):
        where = f"page {number}"
        items = layout.get(number - 1)
        if items is None:
            run.extend((where, line) for line in page if keep(line))
            continue
        for kind, payload in items:
            if kind == "line":
                if keep(payload):
                    run.append((where, payload))
                continue
            if payload.kind == "lines":
                for row in payload.rows:
                    text = " ".join(c for c in row if c)
                    if keep(text):
                        run.append((where, text))
                continue
            blocks.extend(parse_lines(run, loose=True))
            run = []
            if payload.kind == "more" and n_tables:
                blocks.extend(_table_blocks(payload.rows, where, n_tables, n_rows))
                n_rows += len(payload.rows)
                continue
            n_tables += 1
            blocks.extend(_table_blocks(payload.rows, where, n_tables))
            n_rows = len(payload.rows)
    blocks.extend(parse_lines(run, loose=True))
    return blocks


def _is_page_marker(line: str) -> bool:
    """The line is a page marker, alone or as the last or first part of a running
    header or footer ("Spring 2027 | Page 3 of 8"), not a sentence mentioning a
    page."""
    if _PAGE_NO.match(line) or _PAGE_OF_END.search(line.rstrip()):
        return True
    parts = _PAGE_PART.split(line.strip())
    return len(parts) > 1 and bool(
        _PAGE_PART_NO.match(parts[-1]) or _PAGE_PART_NO.match(parts[0])
    )


_LAYOUT_TABLE_IDS = 10_000
"""Table ids of PDF layout tables start here, apart from any "| a | b |" rows
the line grammar finds in the text layer (numbered from 1)."""


def _table_blocks(
    rows: list[list[str]], where: str, number: int, before: int = 0
) -> list[Block]:
    """Row blocks of layout table ``number``; ``before`` rows of it were on the
    pages before (a table continued without its header row)."""
    out = []
    for r, cells in enumerate(rows, start=before + 1):
        if not any(cells):
            continue
        out.append(
            Block(
                " | ".join(c for c in cells if c),
                f"{where} table {number} row {r}",
                "row",
                cells=tuple(cells),
                table=_LAYOUT_TABLE_IDS + number,
                header=r == 1,
            )
        )
    return out


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


def _layout_pages(
    path: Path, page_lines, notes, keep
) -> dict[int, list[tuple[str, object]]]:
    """Pages holding a ruled table whose header names two content columns, read
    with pdfplumber: ``{page index: [("line", text) | ("table", _Table), ...]}``
    in reading order. Only pages whose text layer shows a header line are opened
    again, and the page after one that ends inside a ruled table (to find the
    table's rest), so a PDF without such a table costs nothing more."""
    wanted = {
        i
        for i, lines in enumerate(page_lines)
        if any(_maybe_table_header(line) for line in lines)
    }
    if not wanted:
        return {}
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency, but degrade gently
        return {}
    out: dict[int, list[tuple[str, object]]] = {}
    try:
        with pdfplumber.open(str(path), password="") as pdf:
            carry: _Table | None = None
            for i in range(min(len(page_lines), len(pdf.pages))):
                if i not in wanted and carry is None:
                    continue
                items = _layout_page(pdf.pages[i], keep, carry)
                carry = None
                if items is not None:
                    out[i] = items
                    carry = _ends_in_table(items, keep)
    except Exception:  # noqa: BLE001 - the text layer read above stands
        notes.append(
            note(
                "the PDF's tables could not be read by column; their rows were read "
                "as lines of text.",
                "Check the statements taken from its tables.",
                severity="info",
            )
        )
        return {}
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
        if roles is not None and content_columns(roles) >= 2:
            found.append(_Table(table.bbox, rows, "table", head, True))
        elif n == 0 and _continues(page, table.bbox, rows, carry, keep):
            _join_split_row(carry, rows)
            if rows:
                found.append(_Table(table.bbox, rows, "more", carry.header, True))
        else:
            other.append(_Table(table.bbox, rows, "lines", [], True))
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
    words = sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"]))
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


def _has_images(path: Path) -> bool:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        for page in reader.pages[:20]:
            xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
            for ref in xobjects.values():
                if ref.get_object().get("/Subtype") == "/Image":
                    return True
    except Exception:  # noqa: BLE001 - cannot tell: say "almost no text"
        return False
    return False


def _no_text(path: Path, pages: list[str], notes: list[ReadProblem]) -> ParseError:
    failed = [n for n in notes if "could not be read" in n.reason]
    if failed:
        return ParseError(
            path,
            f"the text of {len(failed)} of {len(pages)} page(s) could not be "
            "extracted (damaged page content) and the rest has almost no text.",
            "Open it in a PDF viewer and print or export it to a new PDF.",
        )
    if _has_images(path):
        return ParseError(
            path,
            "the PDF has no text layer (a scanned image).",
            "Run OCR (e.g. in Acrobat or ocrmypdf) and try again.",
        )
    return ParseError(
        path,
        f"the PDF has almost no text ({len(pages)} page(s), fewer than 10 letters "
        "or digits).",
        "Check that it is the syllabus and not a cover page or an empty template.",
    )


def _extract(path, reader_cls, notes, max_pages, max_chars) -> list[str]:
    try:
        reader = reader_cls(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot open it
                ok = 0
            if not ok:
                raise ParseError(
                    path,
                    "the PDF is password-protected.",
                    "Save an unprotected copy and try again.",
                )
        n_pages = len(reader.pages)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on bad input
        raise _damaged(path, exc) from exc
    if n_pages > max_pages:
        notes.append(
            note(
                f"the PDF has {n_pages} pages; only the first {max_pages} were read.",
                "Raise Limits(max_pages=...) to read more.",
            )
        )
    texts: list[str] = []
    total = 0
    for index in range(min(n_pages, max_pages)):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception:  # noqa: BLE001 - pypdf raises many types on bad input
            notes.append(
                note(f"page {index + 1} could not be read (its text is damaged).")
            )
            text = ""
        texts.append(text)
        total += len(text)
        if total > max_chars:
            break
    return texts


_EDGE_LINES = 3
"""Lines at the top and at the bottom of a page where running headers and
footers sit (a college name, the course and term, "Page 2 of 5")."""


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits ignored) repeated at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [" ".join(ln.split()) for ln in page if ln.strip()]
        edge = set(lines[:_EDGE_LINES] + lines[-_EDGE_LINES:])
        counts.update(_DIGITS.sub("#", ln) for ln in edge)
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in counts.items() if n >= need}
