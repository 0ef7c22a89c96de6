"""Read HTML syllabi (saved web pages, LMS exports) with the standard library.

Site chrome (menus, banners, footers) is told apart in :mod:`._site_chrome`;
a table's spanned cells are lined up in :mod:`._table_spans`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ...errors import ParseError
from ...model import ReadProblem
from .._blocks import Block, cut_text
from .._headings import classify_heading
from .._text import decode_bytes
from ._site_chrome import (
    BANNER_HEADINGS,
    TOGGLE_WORDS,
    chrome_kind,
    controls_of,
    menu_links,
    not_menus,
    opens_panel,
)
from ._table_spans import MAX_ROWSPAN, Spans, span

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "address",
    "center",
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
}
_HEADING = re.compile(r"^h([1-6])$")
_STRUCTURE = _BLOCK | {"li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
"""Elements a section title control never holds: one that does is a container."""
_CELL_LINES = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "address",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
"""Elements that start a line of their own inside a table cell."""

_BR = "\x00"  # marks <br>; NUL cannot occur in decoded HTML text we keep


def _join(text: str) -> str:
    """Collapse source whitespace, keeping <br> line breaks as newlines."""
    lines = (" ".join(part.split()) for part in text.split(_BR))
    return "\n".join(line for line in lines if line)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        # the open elements, dropped ones included; where the dropped element
        # (nav, script, a menu) and the page banner are in it (None: not in one)
        self.stack: list[str] = []
        self.open_at: dict[str, list[int]] = {}  # tag -> its places in stack
        self.drop_at: int | None = None
        self.banner_at: int | None = None
        self.buf: list[str] = []
        self.role = "para"
        self.level = 0
        self.strong_chars = 0
        self.in_strong = 0
        self.n_block = 0
        self.buf_line = 0
        self.n_table = 0
        self.row: list[str] | None = None
        self.row_header = False
        self.row_own = False
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)  # (colspan, rowspan) of the cell being read
        self.spans: list[Spans] = []  # per open table, innermost last
        self.row_no = 0
        self.title: list[str] = []
        self.in_title = False
        self.li_depth = 0
        self.main_depth = 0  # inside <main>: the page's own content
        self.in_main: list[bool] = []  # per block
        self.in_banner: list[bool] = []  # per block: a heading of the page banner
        # links of the block being read: how many, their characters, the
        # longest in words; per block: the block is a menu entry (menu_links)
        self.in_link = 0
        self.links = 0
        self.link_chars = 0
        self.link_words = 0
        self.link_buf: list[str] = []
        self.menu_link: list[int] = []  # per block: its link count if all links
        # an accordion title control (_site_chrome.is_toggle) being read: its
        # place in stack, whether a <button>, the panel it names; its text
        # once closed, waiting for the panel (text, line, level, panel, button)
        self.last_level = 0  # of the last h1-h6
        self.toggle_at: int | None = None
        self.toggle_button = False
        self.toggle_controls = ""
        self.pending: tuple[list[str], int, int, str, bool] | None = None

    # -- helpers
    def _flush(self) -> None:
        text = _join("".join(self.buf))
        if text:
            self.n_block += 1
            strong = self.role == "para" and self.strong_chars >= len(
                text.replace(" ", "")
            )
            self.in_main.append(self.main_depth > 0)
            self.in_banner.append(self.banner_at is not None)
            self.menu_link.append(
                menu_links(text, self.links, self.link_chars, self.link_words)
            )
            self.blocks.append(
                Block(
                    text,
                    f"line {self.buf_line}",
                    self.role,
                    level=self.level,
                    strong=strong,
                )
            )
        self._reset()

    def _reset(self) -> None:
        self.buf = []
        self.buf_line = 0
        self.role = "para"
        self.level = 0
        self.strong_chars = 0
        self.links = self.link_chars = self.link_words = 0

    # -- accordion titles: "<button class="accordion">Course Schedule</button>
    # <div class="panel">...": a section heading when the control's short text
    # names a section or a panel follows it; other buttons are dropped, other
    # controls read as paragraphs
    def _begin_toggle(self, tag: str, attrs) -> None:
        self.toggle_at = len(self.stack) - 1
        self.toggle_button = tag == "button"
        self.toggle_controls = controls_of(attrs)
        self.role = "heading"
        self.level = min(self.last_level + 1, 6) if self.last_level else 2

    def _end_toggle(self) -> None:
        self.toggle_at = None
        text = _join("".join(self.buf))
        if not text or len(text.split()) > TOGGLE_WORDS:
            self._not_heading(self.toggle_button)
        elif classify_heading(text, strict=True):
            self._flush()
        else:
            self.pending = (
                self.buf,
                self.buf_line,
                self.level,
                self.toggle_controls,
                self.toggle_button,
            )
            self._reset()

    def _not_heading(self, button: bool) -> None:
        if button:
            self._reset()  # a control ("Show more", "Print"): dropped
        else:
            self.role, self.level = "para", 0
            self._flush()

    def _resolve(self, attrs) -> None:
        """Decide a closed control's text at what follows it: a panel (``attrs``
        of the next element) makes it a heading; text or no panel does not."""
        if self.pending is None:
            return
        self.buf, self.buf_line, level, controls, button = self.pending
        self.pending = None
        if attrs is not None and opens_panel(attrs, controls):
            self.role, self.level = "heading", level
            self._flush()
        else:
            self._not_heading(button)

    def _in(self, tags) -> bool:
        """Inside an open element named in ``tags`` (constant time)."""
        return any(self.open_at.get(t) for t in tags)

    def _open(self, tag: str) -> None:
        self.open_at.setdefault(tag, []).append(len(self.stack))
        self.stack.append(tag)

    def _skipping(self) -> bool:
        """Inside dropped chrome, or in the page banner outside its headings."""
        return self.drop_at is not None or (
            self.banner_at is not None and not self._in(BANNER_HEADINGS)
        )

    def handle_starttag(self, tag, attrs):  # noqa: D102
        if tag in _VOID:
            if tag == "br" and not self._skipping():
                # a line break the author typed: "1. X<br>2. Y" is a list
                (self.cell if self.cell is not None else self.buf).append(_BR)
            return
        self._resolve(attrs)
        toggle = False
        if self.drop_at is None:
            chrome = chrome_kind(tag, attrs, self._in, self.banner_at is not None)
            if chrome == "toggle":
                # a control starting a block outside a table cell may title one
                toggle = self.cell is None and not self.buf_line
                chrome = "drop" if tag == "button" and not toggle else ""
            if chrome == "drop":
                self.drop_at = len(self.stack)
            elif chrome == "banner":
                self._flush()
                self.banner_at = len(self.stack)
        self._open(tag)
        if tag == "table":
            self.spans.append(Spans())
        if self.drop_at is not None:
            return
        if self.toggle_at is not None and tag in _STRUCTURE:
            self.toggle_at = None  # it holds blocks: a container, not a title
            self.role, self.level = "para", 0
        if self.cell is not None and tag in _CELL_LINES:
            self.cell.append(_BR)  # a list item or paragraph in a cell: a line
            return
        if tag == "main":
            self._flush()
            self.main_depth += 1
        if tag == "title":
            self.in_title = True
            return
        heading = _HEADING.match(tag)
        if heading:
            self._flush()
            self.role = "heading"
            self.level = self.last_level = int(heading.group(1))
        elif tag == "li":
            self._flush()
            self.li_depth += 1
            self.role = "item"
        elif tag == "tr":
            self._flush()
            self.row = []
            self.row_own = False  # a cell of the row itself has text
            self.row_header = False
        elif tag in ("td", "th"):
            self.cell = []
            self.cell_span = (
                span(attrs, "colspan", 1),
                span(attrs, "rowspan", MAX_ROWSPAN),
            )
            if tag == "th":
                self.row_header = True
        elif tag == "table":
            self._flush()
            self.n_table += 1
            self.row_no = 0
        elif tag in ("strong", "b"):
            self.in_strong += 1
        elif tag == "a":
            self.in_link += 1
            self.link_buf = []
        elif tag in _BLOCK and not (self.li_depth and tag in ("p", "div", "span")):
            self._flush()
        if toggle:
            self._begin_toggle(tag, attrs)

    def _close(self, tag: str) -> bool:
        """Close ``tag`` and the elements left open inside it; True when it was
        dropped chrome (or inside it), which has nothing more to close."""
        if not self.open_at.get(tag):
            return self.drop_at is not None  # a stray end tag
        depth = self.open_at[tag][-1]
        for t in self.stack[depth:]:  # each element is closed once: linear
            self.open_at[t].pop()
        del self.stack[depth:]
        dropped = self.drop_at is not None and depth >= self.drop_at
        if self.drop_at is not None and depth <= self.drop_at:
            self.drop_at = None  # the chrome ends (or the element around it)
        if self.banner_at is not None and depth <= self.banner_at:
            self._flush()
            self.banner_at = None
        return dropped

    def _table_spans(self) -> Spans:
        if not self.spans:  # a row outside any table
            self.spans.append(Spans())
        return self.spans[-1]

    def handle_endtag(self, tag):  # noqa: D102
        if tag in _VOID:
            return
        dropped = self._close(tag)
        del self.spans[len(self.open_at.get("table") or ()) :]
        if dropped:
            return
        if self.toggle_at is not None and len(self.stack) <= self.toggle_at:
            self._end_toggle()
        if self.cell is not None and tag in _CELL_LINES:
            self.cell.append(_BR)
            return
        if tag == "main":
            self._flush()
            self.main_depth = max(0, self.main_depth - 1)
        if tag == "title":
            self.in_title = False
        elif _HEADING.match(tag) or tag == "li":
            self._flush()
            if tag == "li":
                self.li_depth = max(0, self.li_depth - 1)
        elif tag in ("td", "th"):
            if self.cell is not None and self.row is not None:
                text = _join("".join(self.cell))
                self._table_spans().add(self.row, text, *self.cell_span)
                self.row_own = self.row_own or bool(text)
            self.cell = None
        elif tag == "tr":
            # a row of nothing but cells spanned from above is no row
            if self.row is not None:
                self._table_spans().end_row(self.row, self.row_own)
            if self.row is not None and self.row_own:
                self.row_no += 1
                self.in_main.append(self.main_depth > 0)
                self.in_banner.append(False)
                self.menu_link.append(0)
                self.blocks.append(
                    Block.row(
                        self.row,
                        f"table {max(self.n_table, 1)} row {self.row_no}",
                        max(self.n_table, 1),
                        header=self.row_header,
                    )
                )
            self.row = None
        elif tag in ("strong", "b"):
            self.in_strong = max(0, self.in_strong - 1)
        elif tag == "a" and self.in_link:
            self.in_link -= 1
            words = len("".join(self.link_buf).split())
            if words:
                self.links += 1
                self.link_words = max(self.link_words, words)
        elif tag in _BLOCK and not (self.li_depth and tag in ("p", "div", "span")):
            self._flush()

    def handle_data(self, data):  # noqa: D102
        if self._skipping():
            return
        if self.pending is not None and data.strip():
            self._resolve(None)
        if self.in_title:
            self.title.append(data)
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        if not self.buf_line and data.strip():
            # the source line where the block's text starts
            self.buf_line = self.getpos()[0] + data[
                : len(data) - len(data.lstrip())
            ].count("\n")
        self.buf.append(data)
        if self.in_link:
            self.link_buf.append(data)
            self.link_chars += len(data.replace(" ", "").strip())
        if self.in_strong:
            self.strong_chars += len(data.replace(" ", "").strip())

    def close(self):  # noqa: D102
        super().close()
        if self.toggle_at is not None:
            self._end_toggle()
        self._resolve(None)
        self._flush()


def defuse(text: str) -> str:
    """Escape each "<" that does not open a tag closed before the next "<".

    Python's ``html.parser`` rescans an unclosed tag from every later "<"
    ("<a <a <a ..." costs 32 s for 60 KB); a browser shows such a "<" as text,
    and so do we. Comments are kept whole. Linear: every character is scanned a
    bounded number of times.
    """
    out: list[str] = []
    i = 0
    n = len(text)
    gt = -1  # the next ">" at or after the current "<" (n: none)
    comment_end_missing = False
    while i < n:
        j = text.find("<", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        if text.startswith("<!--", j) and not comment_end_missing:
            k = text.find("-->", j + 4)
            if k >= 0:
                out.append(text[j : k + 3])
                i = k + 3
                continue
            comment_end_missing = True
        if gt <= j:
            gt = text.find(">", j + 1)
            gt = n if gt < 0 else gt
        lt = text.find("<", j + 1, gt)
        if gt == n or lt >= 0:
            out.append("&lt;")
            i = j + 1
        else:
            out.append(text[j : gt + 1])
            i = gt + 1
    return "".join(out)


def _parse(text: str) -> _Parser:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser


def read_html(path: Path, *, notes: list[ReadProblem], max_chars: int) -> list[Block]:
    """Read an HTML page into blocks: headings, list items, paragraphs, table rows.

    Scripts, styles, navigation, page footers and the page banner (but for its
    headings) are dropped; a table cell's list items, paragraphs and line
    breaks are lines of its text; entities are unescaped. The ``<title>`` is
    used only when the page has no heading.
    """
    text = defuse(
        cut_text(decode_bytes(path, path.read_bytes(), notes), max_chars, notes)
    )
    try:
        parser = _parse(text)
    except (AssertionError, ValueError, IndexError):
        # html.parser asserts on malformed declarations ("<![foo[bar]]>", "<![ x"):
        # show every "<!" that is not a comment or doctype as text and try again
        text = re.sub(r"<!(?!--|doctype)", "&lt;!", text, flags=re.IGNORECASE)
        try:
            parser = _parse(text)
        except (AssertionError, ValueError, IndexError) as exc:
            raise ParseError(
                path,
                "the web page's markup is too malformed to read.",
                "Open it in a browser, save it again (Save Page As > HTML only) "
                "or copy its text into a .docx or .txt file.",
            ) from exc
    blocks = parser.blocks
    keep = not_menus(blocks, parser.menu_link, parser.in_banner)
    if any(parser.in_main):
        # the page marks its own content: leave out everything around it but
        # the banner's headings (the course code and title)
        keep = [
            k and (inside or banner)
            for k, inside, banner in zip(
                keep, parser.in_main, parser.in_banner, strict=True
            )
        ]
    blocks = [b for b, k in zip(blocks, keep, strict=True) if k]
    title = " ".join("".join(parser.title).split())
    if title and not any(b.role == "heading" for b in blocks):
        blocks.insert(0, Block(title, "title", "heading", level=1))
    return blocks
