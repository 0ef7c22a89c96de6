"""The text block that every reader returns, and the line grammar shared by
plain-text, Markdown and PDF readers.

A reader turns a file into an ordered list of :class:`Block` objects, each with a
location a person can find in the original file ("page 2", "paragraph 14",
"table 1 row 3", "line 40"). :mod:`._segment` then decides what each block is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import ReadProblem
from ..text import search_tail
from ._headings import looks_like_heading
from ._layout import BULLET_MARK, LONE_BULLET

ROLES = ("heading", "item", "para", "row")


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text from a syllabus, in document order.

    Attributes
    ----------
    text : str
        The text (table rows: the cells joined with " | ").
    location : str
        Where it is in the file, for people ("page 2", "table 1 row 3").
    role : str
        ``heading`` (explicit heading style), ``item`` (list item), ``para``
        (paragraph or line) or ``row`` (table row).
    level : int
        Heading level (1 = top) for headings; 0 otherwise.
    cells : tuple of str
        The cells of a table row.
    table : int
        Table number (1-based) for rows; 0 otherwise.
    header : bool
        The row is a table header row (known from the markup).
    strong : bool
        The whole paragraph is bold (a likely heading).
    """

    text: str
    location: str
    role: str = "para"
    level: int = 0
    cells: tuple[str, ...] = ()
    table: int = 0
    header: bool = False
    strong: bool = False

    @classmethod
    def row(cls, cells, location: str, table: int, *, header: bool = False) -> Block:
        """A table row: its text is the non-empty ``cells`` joined with " | "."""
        cells = tuple(cells)
        return cls(
            " | ".join(c for c in cells if c),
            location,
            "row",
            cells=cells,
            table=table,
            header=header,
        )


def note(reason: str, hint: str = "", severity: str = "warning") -> ReadProblem:
    """Return a problem about the file being read (its source is filled in later)."""
    return ReadProblem(source="", reason=reason, severity=severity, hint=hint)


def truncation_note(limit: int, where: str = "") -> ReadProblem:
    """Return the warning for text cut at ``limit`` (``Limits.max_text_chars``)."""
    rest = f" (from {where})" if where else ""
    return note(
        f"the file has more than {limit:,} characters of text; the rest{rest} was "
        "skipped.",
        "Raise Limits(max_text_chars=...) to read it all.",
    )


def cut_text(text: str, limit: int, notes: list[ReadProblem]) -> str:
    """Return ``text`` cut to ``limit`` characters, noting the cut in ``notes``."""
    if len(text) <= limit:
        return text
    notes.append(truncation_note(limit))
    return text[:limit]


# --- the line grammar (Markdown, plain text, PDF text layer) ------------------

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*([-=_*~])(\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET = re.compile(
    rf"^\s*(?:(?:{BULLET_MARK})|\d{{1,2}}[.)](?=\s)|"
    r"\(\d{1,2}\)(?=\s)|[a-hA-H][.)](?=\s)|[ivxIVX]{1,4}[.)](?=\s))\s*(?P<text>\S.*)$"
)
_LONE_BULLET = re.compile(LONE_BULLET)
_ANY_TEXT = re.compile(r"^\s*(?P<text>\S.*)$")
_BARE_NUMBER = re.compile(r"^\s*\d{1,2}\s{1,4}(?P<text>[A-Z\"'(].*)$")
_PERIOD_LINE = re.compile(
    r"^\s*(?:week|unit|module|session|class|day|lesson)\s*\d{1,2}[a-z]?\b",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^\s*[A-Z][A-Za-z/&#'() -]{1,32}:(\s|$)")
_WEIGHT_LINE = re.compile(r"(\.{4,}|\s\d{1,3}(\.\d+)?\s*(%|points?|pts\.?))\s*$", re.I)
_SECTION_MARKER = re.compile(r"^(?:[IVX]{1,4}|[A-H])[.)]$")
_QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")
"""The ``>`` markers of a Markdown blockquote or a quoted email line: "> Note:"."""
_SENTENCE_END = (".", "!", "?", ":", ";")
# no "[" inside the link text: a run of "[" would otherwise rescan to the end
# from every bracket (quadratic)
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_TYPESET_BREAK = re.compile(r"(?<=[^\W\d_]) ?[\u2010\u00ad]$")
"""A word a typesetter broke at the line end: "recon\u2010" or "recon \u2010" (the
hyphen Chromium draws), "recon\u00ad" (a soft hyphen): joined to the next line
without the hyphen."""
_FOLDED_BREAK = re.compile(r"(?<=[^\W\d_]) ?[\u2010\u00ad]\s+(?=[a-z])")


_TYPED_BREAK = re.compile(r"(?<=[^\W\d_])- (?=[a-z])(?!(?:and|or|nor|to)\b)")
"""A typed hyphen at the end of a cell's line ("fine-" / "free policies"): the
words are joined, hyphen kept, except a suspended hyphen ("pre- and post-test")."""


def join_broken_words(text: str) -> str:
    """Return ``text`` (a table cell whose lines were joined) with the words a
    typesetter broke at a line end joined again ("recon\u2010 sideration" ->
    "reconsideration", "fine- free" -> "fine-free") and soft hyphens removed."""
    if "- " in text:
        text = _TYPED_BREAK.sub("-", text)
    if "\u2010" not in text and "\u00ad" not in text:
        return text
    return _FOLDED_BREAK.sub("", text).replace("\u00ad", "")


_HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
"""A word broken at the line end with a typed hyphen ("inter-" / "library loan"):
joined to the next line, hyphen kept (it may be a compound, "self-checkout")."""


def strip_markdown(text: str) -> str:
    """Remove inline Markdown markup (emphasis, code ticks, links) from ``text``."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"(?<!\w)_(\S[^_]*\S|\S)_(?!\w)", r"\1", text)


def _is_strong(line: str) -> bool:
    s = line.strip()
    return (
        len(s) > 4
        and (
            s.startswith("**")
            and s.endswith("**")
            or s.startswith("__")
            and s.endswith("__")
        )
        and s.count("**") <= 2
    )


def _split_row(line: str) -> tuple[str, ...]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return tuple(strip_markdown(c).strip() for c in s.split("|"))


_HEADING_GLUE = frozenset({"and", "of", "for", "the", "in", "&", "/"})


def _wrapped_heading(buf: list[str], head: str) -> bool:
    """The last line of ``buf`` is the first line of heading ``head`` wrapped in
    a narrow column: a short title-case line without end punctuation, starting
    a paragraph or after a sentence end, that makes a heading with ``head``
    ("Student Learning" + "Outcomes")."""
    if not buf or len(head.split()) > 3:
        return False
    first = buf[-1].strip()
    words = first.split()
    if not 1 <= len(words) <= 4 or first[-1] in ".,;:!?":
        return False
    if not all(w[0].isupper() or w.lower() in _HEADING_GLUE for w in words):
        return False
    if len(buf) > 1 and buf[-2].rstrip()[-1:] not in (".", ":", ";", "!", "?"):
        return False
    return looks_like_heading(f"{first} {head}")


def _continues(buf: list[str], buf_role: str, indent: int, line: str) -> bool:
    """``line`` (not a bullet) goes on with the item or paragraph in ``buf``: an
    item's line indented past its bullet ("- Service observation report (visit
    two libraries and compare their" / "  desks) - 20%"), or a line after one
    that does not end a sentence, starting in lower case or with a closing
    bracket."""
    if not buf:
        return False
    stripped = line.strip()
    if buf_role == "item" and len(line) - len(line.lstrip()) > indent:
        return True
    return not buf[-1].rstrip().endswith(_SENTENCE_END) and (
        stripped[:1].islower() or stripped[:1] in ")]}"
    )


def parse_lines(
    lines: Iterable[tuple[str, str]], *, markdown: bool = False, loose: bool = False
) -> list[Block]:
    """Group text lines into blocks.

    Parameters
    ----------
    lines : iterable of (location, line)
        The lines in order with their locations.
    markdown : bool, default=False
        Recognise ``#`` headings, ``|`` tables and inline emphasis.
    loose : bool, default=False
        The text has no blank lines between paragraphs (a PDF text layer):
        numbered lines without a dot ("3 Cataloging basics") also start an item.
        Otherwise the text was typed (Markdown, plain text, an email): the ``>``
        markers of a quoted line are removed.

    Returns
    -------
    list of Block
        Headings, list items, paragraphs and table rows. Wrapped lines are joined
        to the item or paragraph they continue.
    """
    blocks: list[Block] = []
    buf: list[str] = []
    buf_loc = ""
    buf_role = "para"
    buf_strong = False
    buf_indent = 0  # where the first line of the item in ``buf`` starts
    table_no = 0
    in_table = False
    prev_was_text_line = False
    pending_bullet = False

    def flush() -> None:
        nonlocal buf, buf_role, buf_strong
        if buf:
            # paragraphs keep their line breaks: the segmenter splits a block of
            # unbulleted outcome or topic lines; list items are one statement
            sep = " " if buf_role == "item" else "\n"
            text = sep.join(x.strip() for x in buf).strip()
            if markdown:
                text = strip_markdown(text)
            if text:
                blocks.append(Block(text, buf_loc, buf_role, strong=buf_strong))
        buf = []
        buf_role = "para"
        buf_strong = False

    for loc, raw in lines:
        line = raw.rstrip().replace("\t", "    ")
        if not loose and line.lstrip().startswith(">"):
            line = _QUOTE_MARK.sub("", line)
        if "\u00ad" in line[:-1]:
            # a soft hyphen inside a line is invisible; one at the end breaks a word
            line = line[:-1].replace("\u00ad", "") + line[-1]
        stripped = line.strip()
        if not stripped:
            flush()
            in_table = False
            prev_was_text_line = False
            continue
        # setext / plain-text underline: the previous single line is a heading
        if _RULE.match(stripped) and not stripped.startswith("|"):
            if prev_was_text_line and len(buf) == 1 and stripped[0] in "-=~":
                text = strip_markdown(buf[0]).strip() if markdown else buf[0].strip()
                level = 1 if stripped[0] == "=" else 2
                blocks.append(Block(text, buf_loc, "heading", level=level))
                buf = []
                buf_role = "para"
            else:
                flush()
            prev_was_text_line = False
            continue
        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                flush()
                blocks.append(
                    Block(
                        strip_markdown(m.group(2)).strip(),
                        loc,
                        "heading",
                        level=len(m.group(1)),
                    )
                )
                prev_was_text_line = False
                continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            flush()
            if _TABLE_SEP.match(stripped):
                # the row above was the header row
                if blocks and blocks[-1].role == "row" and blocks[-1].table == table_no:
                    last = blocks.pop()
                    blocks.append(
                        Block(
                            last.text,
                            last.location,
                            "row",
                            cells=last.cells,
                            table=last.table,
                            header=True,
                        )
                    )
                continue
            if not in_table:
                table_no += 1
                in_table = True
            blocks.append(
                Block.row(_split_row(stripped), f"{loc} (table {table_no})", table_no)
            )
            prev_was_text_line = False
            continue
        in_table = False
        if _LONE_BULLET.match(stripped):
            # a bullet glyph on its own line (a PDF text layer that put the
            # glyph and its text on two baselines): the next line is the item
            flush()
            pending_bullet = True
            prev_was_text_line = False
            continue
        bullet = _BULLET.match(line)
        if bullet is None and loose:
            bullet = _BARE_NUMBER.match(line)
        if bullet is None and pending_bullet:
            bullet = _ANY_TEXT.match(line)
        pending_bullet = False
        if bullet:
            inner = bullet.group("text").strip()
            marker = stripped[: len(stripped) - len(inner)].strip()
            plain_inner = strip_markdown(inner) if markdown else inner
            # "II. STUDENT LEARNING OUTCOMES", "B. Course Description": an outline
            # numbering of section headings, not a list item
            if looks_like_heading(plain_inner) and (
                _SECTION_MARKER.match(marker) or plain_inner.isupper()
            ):
                flush()
                blocks.append(Block(plain_inner, loc, "para"))
                prev_was_text_line = False
                continue
        if (
            not bullet
            and search_tail(_WEIGHT_LINE, stripped)
            and not _continues(buf, buf_role, buf_indent, line)
        ):
            # "Midterm exam ......... 15%": one graded item per line
            flush()
            blocks.append(Block(stripped, loc, "item"))
            prev_was_text_line = False
            continue
        if not bullet and not _PERIOD_LINE.match(line):
            plain = strip_markdown(stripped) if markdown else stripped
            if (
                looks_like_heading(plain)
                and not (markdown and plain != stripped and not _is_strong(line))
                # in text with blank lines, a heading starts a paragraph
                and (loose or not buf or buf_role == "item")
            ):
                head = plain.strip()
                if loose and buf_role == "para" and _wrapped_heading(buf, head):
                    # "Student Learning" / "Outcomes": a heading wrapped in a
                    # narrow column
                    head = f"{buf.pop().strip()} {head}"
                flush()
                blocks.append(
                    Block(head, loc, "para", strong=markdown and _is_strong(line))
                )
                prev_was_text_line = False
                continue
        starts_block = bool(
            bullet
            or _PERIOD_LINE.match(line)
            or _LABEL_LINE.match(line)
            or (markdown and _is_strong(line))
        )
        if starts_block or not buf:
            flush()
            buf_loc = loc
            buf_indent = len(line) - len(line.lstrip())
            if bullet:
                buf_role = "item"
                buf = [bullet.group("text")]
            elif _PERIOD_LINE.match(line):
                buf_role = "item"
                buf = [stripped]
            else:
                buf_role = "para"
                buf_strong = markdown and _is_strong(line)
                buf = [stripped]
            prev_was_text_line = True
            continue
        if stripped[:1].islower() and _TYPESET_BREAK.search(buf[-1]):
            buf[-1] = _TYPESET_BREAK.sub("", buf[-1]) + stripped
        elif stripped[:1].islower() and _HYPHEN_BREAK.search(buf[-1]):
            buf[-1] += stripped
        else:
            buf.append(stripped)
        prev_was_text_line = len(buf) == 1
    flush()
    return blocks
