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
dropped; a sentence that mentions a page is kept. Footnote markers (superscript
numbers glued to a word) are dropped and the footnotes at the foot of a page are
counted in one info note, not read as statements. A web page printed by a
browser is read by layout (its text layer has no bullets, headings or paragraph
breaks). The pdfplumber reading of tables and columns is in
:mod:`._pages`, of footnotes in :mod:`._footnotes` and of web pages in
:mod:`._web_pages`.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from ...errors import ParseError
from ...model import ReadProblem
from .._blocks import Block, note, parse_lines
from ._footnotes import strip_notes
from ._pages import layout_pages
from ._web_pages import WEB_PRODUCERS

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


@contextmanager
def _collected(logger_name: str, messages: list[str]):
    """Collect the log records of ``logger_name`` and the warnings raised inside
    the block into ``messages`` (instead of the user's console)."""
    collect = _Collect()
    logger = logging.getLogger(logger_name)
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
        messages.extend(collect.messages + [str(w.message) for w in caught])


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
    messages: list[str] = []
    with _collected("pypdf", messages):
        pages, web = _extract(path, PdfReader, notes, max_pages, max_chars)
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

    # pdfminer (under pdfplumber) logs the fonts it cannot measure: a note too
    messages = []
    with _collected("pdfminer", messages):
        layout = layout_pages(path, page_lines, notes, keep, web=web)
    if messages:
        notes.append(
            note(
                f"the PDF has {len(messages)} font or layout problem(s) that were "
                f"worked around while reading its layout (first: {messages[0]}).",
                "If text is missing, export the PDF again.",
                severity="info",
            )
        )
    footnotes = layout.footnotes
    blocks: list[Block] = []
    run: list[tuple[str, str]] = []
    n_tables = n_rows = 0
    for number, page in enumerate(page_lines, start=1):
        where = f"page {number}"
        items = layout.pages.get(number - 1)
        if items is None:
            if number - 1 in layout.notes:
                page = strip_notes(page, layout.notes[number - 1], keep, footnotes)
            run.extend((where, line) for line in page if keep(line))
            continue
        for kind, payload in items:
            if kind == "line":
                if keep(payload):
                    run.append((where, payload))
                continue
            if kind == "break":
                run.append((where, ""))
                continue
            if kind == "heading":
                if keep(payload[0]):
                    blocks.extend(parse_lines(run, loose=True))
                    run = []
                    blocks.append(Block(payload[0], where, "heading", level=payload[1]))
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
    if footnotes:
        notes.append(_footnote_note(footnotes))
    return blocks


def _footnote_note(footnotes: list[str]) -> ReadProblem:
    first = _NOTE_NUMBER.sub("", footnotes[0])
    return note(
        f"{len(footnotes)} footnote(s) at the foot of the pages were read as notes, "
        f"not statements (first: '{first[:80]}').",
        "If a footnote holds an outcome, topic or assignment, move it into the text.",
        severity="info",
    )


_NOTE_NUMBER = re.compile(r"^\d{1,3}\s*")


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
            Block.row(
                cells,
                f"{where} table {number} row {r}",
                _LAYOUT_TABLE_IDS + number,
                header=r == 1,
            )
        )
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


def _printed_web_page(reader) -> bool:
    """The PDF is a web page printed by a browser (its /Producer says so)."""
    try:
        producer = str((reader.metadata or {}).get("/Producer") or "")
    except Exception:  # noqa: BLE001 - damaged metadata: not known to be one
        return False
    return producer.casefold().startswith(WEB_PRODUCERS)


def _extract(path, reader_cls, notes, max_pages, max_chars) -> tuple[list[str], bool]:
    """The text of each page, and whether the PDF is a printed web page."""
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
    return texts, _printed_web_page(reader)


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
