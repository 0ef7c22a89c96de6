"""Read HTML syllabi (saved web pages, LMS exports) with the standard library."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block, cut_text
from ._text import decode_bytes

_DROP = {
    "script",
    "style",
    "nav",
    "footer",
    "noscript",
    "template",
    "svg",
    "button",
    "form",
    "select",
    "aside",
    "iframe",
    "object",
}
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
_BANNER_HEADINGS = ("h1", "h2", "h3", "h4")
"""Headings kept from a page banner (the course title is often one)."""
_HEADINGS = (*_BANNER_HEADINGS, "h5", "h6")
_CONTENT_PARTS = {"article", "section", "main"}
"""Elements of the page's own content: a ``header`` inside one is its heading."""
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
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
"""ARIA roles of site chrome (menus, page banner, site footer, sidebars)."""
_DROP_CLASS = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|site-header|site-footer|footer|"
    r"sidebar|skip-link|cookie\w*)($|[\s_-])",
    re.IGNORECASE,
)
"""Class or id words of site chrome written with plain ``div``s."""


MENU_WORDS = 4
"""The longest link, in words, that can be a menu entry ("Course Home Page")."""

_BR = "\x00"  # marks <br>; NUL cannot occur in decoded HTML text we keep

MAX_SPAN_COLUMNS = 64
"""The widest a row is made by spanned cells (``colspan``, or ``rowspan`` cells
from the rows above): a table's own cells are always kept, but no span fills
columns past this one, so ``colspan="100000"`` costs no more than a wide row."""
MAX_ROWSPAN = 65534
"""HTML's own limit on ``rowspan``; ``rowspan="0"`` spans to the table's end."""
_MARKER_CELL = re.compile(r"^(?=.*\d)\S+(?: \S+){0,2}$")
"""A short cell with a digit ("Week 3", "1", "Sept. 9", "1/15-1/22"): a place
in a schedule, repeated in each row it spans; a spanned content cell is read
once, in its first row."""


def _span(attrs, name: str, zero: int) -> int:
    """The ``colspan``/``rowspan`` of a cell: 1 unless a positive number is
    given; ``zero`` for "0" (HTML: a rowspan to the end of the table)."""
    value = next((v or "" for n, v in attrs if n == name), "")
    m = re.match(r"\s*(\d{1,9})", value)
    if m is None:
        return 1
    return min(int(m.group(1)) or zero, MAX_ROWSPAN)


class _Spans:
    """The cells of a table's earlier rows that span down into the row being
    read, so that each row's cells line up with the header.

    ``below`` maps a column to [rows still spanned, text]; ``new`` holds the
    spans starting in the row being read. A row costs at most
    ``MAX_SPAN_COLUMNS`` steps more than its own cells: linear in the table.
    """

    __slots__ = ("below", "new")

    def __init__(self) -> None:
        self.below: dict[int, list] = {}
        self.new: dict[int, list] = {}

    def before_cell(self, row: list[str]) -> None:
        """Add the spanned cells that come before the next cell of ``row``."""
        while len(row) in self.below:
            row.append(self.below[len(row)][1])

    def add(self, row: list[str], text: str, colspan: int, rowspan: int) -> None:
        """Add a cell and the columns it spans."""
        self.before_cell(row)
        col = len(row)
        row.append(text)
        row.extend([""] * min(colspan - 1, max(MAX_SPAN_COLUMNS - len(row), 0)))
        if rowspan > 1 and col < MAX_SPAN_COLUMNS:
            marker = len(text) <= 40 and _MARKER_CELL.match(text)
            repeat = text if marker else ""
            for c in range(col, len(row)):
                self.new[c] = [rowspan - 1, repeat if c == col else ""]

    def end_row(self, row: list[str], keep: bool) -> None:
        """Add the spanned cells after the row's last cell (when the row is
        kept), then move the spans one row down."""
        if keep:
            for col in sorted(c for c in self.below if c >= len(row)):
                row.extend([""] * (col - len(row)))
                row.append(self.below[col][1])
        for col in list(self.below):
            self.below[col][0] -= 1
            if self.below[col][0] <= 0:
                del self.below[col]
        self.below.update(self.new)
        self.new = {}


def _is_chrome(attrs) -> bool:
    """A ``div``/``ul``/``p`` marked as navigation, banner, footer or sidebar."""
    for name, value in attrs:
        if not value:
            continue
        if name == "role" and value.strip().lower() in _DROP_ROLES:
            return True
        if name in ("class", "id") and _DROP_CLASS.search(value):
            return True
    return False


def _role(attrs) -> str:
    return next(((v or "").strip().lower() for n, v in attrs if n == "role"), "")


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
        self.spans: list[_Spans] = []  # per open table, innermost last
        self.row_no = 0
        self.title: list[str] = []
        self.in_title = False
        self.li_depth = 0
        self.main_depth = 0  # inside <main>: the page's own content
        self.in_main: list[bool] = []  # per block
        self.in_banner: list[bool] = []  # per block: a heading of the page banner
        # links of the block being read: how many, their characters, the
        # longest in words; per block: the block is a menu entry (_menu_links)
        self.in_link = 0
        self.links = 0
        self.link_chars = 0
        self.link_words = 0
        self.link_buf: list[str] = []
        self.menu_link: list[int] = []  # per block: its link count if all links

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
            self.menu_link.append(self._menu_links(text))
            self.blocks.append(
                Block(
                    text,
                    f"line {self.buf_line}",
                    self.role,
                    level=self.level,
                    strong=strong,
                )
            )
        self.buf = []
        self.buf_line = 0
        self.role = "para"
        self.level = 0
        self.strong_chars = 0
        self.links = self.link_chars = self.link_words = 0

    def _menu_links(self, text: str) -> int:
        """The number of links in a block made of short links only, else 0.

        "Home", "Account Dashboard Courses Calendar" (four links): the entries
        of a site or LMS menu. A block with any text of its own outside its
        links, or a link of more than ``MENU_WORDS`` words, is not one.
        """
        if not self.links or self.link_words > MENU_WORDS:
            return 0
        own = len(text.replace(" ", "").replace("\n", ""))
        return self.links if self.link_chars >= own else 0

    def _in(self, tags) -> bool:
        """Inside an open element named in ``tags`` (constant time)."""
        return any(self.open_at.get(t) for t in tags)

    def _open(self, tag: str) -> None:
        self.open_at.setdefault(tag, []).append(len(self.stack))
        self.stack.append(tag)

    def _skipping(self) -> bool:
        """Inside dropped chrome, or in the page banner outside its headings."""
        return self.drop_at is not None or (
            self.banner_at is not None and not self._in(_BANNER_HEADINGS)
        )

    def _chrome(self, tag: str, attrs) -> str:
        """What an element opening here is: "drop" (site chrome), "banner" (the
        page banner: only its headings are read) or "" (content).

        A ``header`` inside an ``article``, ``section`` or ``main`` heads that
        part ("<section><header><h2>Course Description</h2></header>");
        a page-level one (or ``role="banner"``) is the site banner, whose
        headings may hold the course title. A button inside a heading is its
        text (an accordion's "<h2><button>Course Topics</button></h2>"); other
        buttons are controls.
        """
        if tag == "button" and self._in(_HEADINGS):
            return ""
        role = _role(attrs)
        if tag == "header" and role not in _DROP_ROLES and self._in(_CONTENT_PARTS):
            return ""
        if self.banner_at is None and (
            role == "banner" or (tag == "header" and role not in _DROP_ROLES)
        ):
            return "banner"
        if self.banner_at is not None and tag == "header":
            return ""
        return "drop" if tag in _DROP or _is_chrome(attrs) else ""

    def handle_starttag(self, tag, attrs):  # noqa: D102
        if tag in _VOID:
            if tag == "br" and not self._skipping():
                # a line break the author typed: "1. X<br>2. Y" is a list
                (self.cell if self.cell is not None else self.buf).append(_BR)
            return
        if self.drop_at is None:
            chrome = self._chrome(tag, attrs)
            if chrome == "drop":
                self.drop_at = len(self.stack)
            elif chrome == "banner":
                self._flush()
                self.banner_at = len(self.stack)
        self._open(tag)
        if tag == "table":
            self.spans.append(_Spans())
        if self.drop_at is not None:
            return
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
            self.level = int(heading.group(1))
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
                _span(attrs, "colspan", 1),
                _span(attrs, "rowspan", MAX_ROWSPAN),
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

    def _table_spans(self) -> _Spans:
        if not self.spans:  # a row outside any table
            self.spans.append(_Spans())
        return self.spans[-1]

    def handle_endtag(self, tag):  # noqa: D102
        if tag in _VOID:
            return
        dropped = self._close(tag)
        del self.spans[len(self.open_at.get("table") or ()) :]
        if dropped:
            return
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
                    Block(
                        " | ".join(c for c in self.row if c),
                        f"table {max(self.n_table, 1)} row {self.row_no}",
                        "row",
                        cells=tuple(self.row),
                        table=max(self.n_table, 1),
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


def _not_menus(
    blocks: list[Block], menu_link: list[int], in_banner: list[bool]
) -> list[bool]:
    """Which blocks to keep: all but the link menus before the first heading.

    An LMS page or a saved web page often opens with its site menus written as
    plain ``div``s and lists ("Account Dashboard Courses Calendar", "Home",
    "Modules", "Grades"): a paragraph of two or more short links, or two or
    more list items in a row that are each nothing but a short link. Before
    the page's first heading (the site banner's headings do not count)
    nothing of the syllabus is a bare link, so they are left out there; after
    it, a list of links (readings, resources) stays content.
    """
    keep = [True] * len(blocks)
    # no heading at all: nothing marks where the syllabus starts; keep it all
    first = next(
        (i for i, b in enumerate(blocks) if b.role == "heading" and not in_banner[i]),
        0,
    )
    i = 0
    while i < first:
        b = blocks[i]
        if b.role == "para" and menu_link[i] >= 2:
            keep[i] = False
        elif b.role == "item" and menu_link[i]:
            j = i
            while j < first and blocks[j].role == "item" and menu_link[j]:
                j += 1
            if j - i >= 2:
                keep[i:j] = [False] * (j - i)
            i = j
            continue
        i += 1
    return keep


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
    keep = _not_menus(blocks, parser.menu_link, parser.in_banner)
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
